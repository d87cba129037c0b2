"""Patient pages stay short on a phone: the references begin within 12 screens of the top.

A frightened reader on a phone gives up long before the end of a 14-screen page;
where a topic stands alone it moves to a page of its own (CONTRIBUTING.md,
"Move or rename a page without breaking links"). Every patient page of the real
site is measured, in every language, found from the files under docs/.
"""

from __future__ import annotations

import pytest

from pancreas_kb.checker.site_rules import page_url
from tests import sitebuilder

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCREENS = 12
DOCS = sitebuilder.ROOT / "docs"
PATIENT_PAGES = sorted(
    p.relative_to(DOCS).as_posix() for pattern in ("patients/*.md", "*/patients/*.md") for p in DOCS.glob(pattern)
)


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)
    # A reader who has answered "which best describes you?": the page's own length, without the question.
    context.add_init_script("localStorage.setItem('kb-audience', 'patient')")
    yield context
    context.close()


def test_patient_pages_are_found_in_every_language():
    assert "patients/treatment.md" in PATIENT_PAGES and "es/patients/treatment.md" in PATIENT_PAGES


@pytest.mark.parametrize("doc", PATIENT_PAGES)
def test_the_references_begin_within_12_phone_screens(phone, real_site, doc):
    base, _ = real_site
    tab = phone.new_page()
    tab.goto(base + page_url(doc))
    tab.wait_for_load_state("load")
    # Where the references heading begins; a page without references, where its text ends.
    top = tab.evaluate("""() => {
      const references = document.getElementById('references');
      const box = references ? references.getBoundingClientRect()
                             : document.querySelector('[data-pagefind-body]').getBoundingClientRect();
      return (references ? box.top : box.bottom) + window.scrollY; }""")
    screens = top / PHONE["viewport"]["height"]
    tab.close()
    assert screens <= SCREENS, (
        f"{doc}: the references begin {screens:.1f} phone screens (390x844) down; at most {SCREENS}. "
        "Move a section that stands alone to a page of its own, with moved_sections for its old address"
    )
