"""Reader details: citations a finger can tap, one link back from each reference, print,
copying a citation, and the caution only where there is clinical content."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PATIENT = "patients/treatment/"
CLINICIAN = "clinicians/therapy/"


def test_citations_are_24px_tap_targets_on_a_phone(browser, fixture_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(fixture_site + CLINICIAN)
    boxes = page.locator("article a.footnote-ref").evaluate_all(
        "as => as.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert boxes and all(w >= 24 and h >= 24 for w, h in boxes), boxes
    context.close()


def test_each_reference_has_one_link_back_to_the_text(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + CLINICIAN)
    for item in page.locator("article .footnote li").all():
        back = item.locator("a.footnote-backref")
        assert back.count() == 1
        assert back.inner_text() == "Back to text"
    page.locator("article .footnote a.footnote-backref").first.click()
    assert page.evaluate("location.hash").startswith("#fnref")


def test_print_names_the_site_and_page_and_shows_each_address_once(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.emulate_media(media="print")
    source = page.locator(".kb-print-source")
    assert source.is_visible()
    assert "Metastatic Pancreatic Cancer Knowledge Base" in source.inner_text()
    assert "https://stage4-pancreas.github.io/knowledge-base/patients/treatment/" in source.inner_text()
    assert source.bounding_box()["y"] < page.locator("article h1").bounding_box()["y"]
    shown_twice = page.locator("article a").evaluate_all("""as => as.filter(a => {
        const after = getComputedStyle(a, '::after').content;
        return after && after !== 'none' && after.includes(a.textContent.trim().replace(/^doi:/, ''));
      }).map(a => a.outerHTML)""")
    assert shown_twice == []
    page.emulate_media(media="screen")
    assert not source.is_visible()


def test_cite_this_page_copies_each_style(browser, fixture_site):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.locator(".kb-cite summary").click()
    button = page.get_by_role("button", name="Copy Vancouver citation")
    button.click()
    page.locator(".kb-cite__copied", has_text="Copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = page.locator(".kb-cite__text[data-style='vancouver']").inner_text()
    assert copied == " ".join(shown.split()) and "Copy" not in copied
    assert "Treatment options" in copied
    context.close()


def test_the_caution_only_on_pages_with_clinical_content(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    assert page.locator(".kb-status.kb-banner").is_visible()
    page.goto(fixture_site + "reference/glossary/")
    assert page.locator(".kb-status").is_visible() and page.locator(".kb-banner").count() == 0


def test_the_chooser_is_not_asked_on_the_home_or_404_page(context, fixture_site):
    page = context.new_page()
    for path in ("", "no-such-page/"):
        page.goto(fixture_site + path)
        assert not page.locator("#kb-audience").is_visible(), path or "home"
        assert page.locator(".kb-audience-toggle").is_visible(), "still reachable from the header"


def test_a_choice_closes_the_chooser_or_offers_the_readers_section_without_pushing_content_down(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    # The status line starts the page; the counterpart link below it grows on purpose
    # once the reader says they belong to the other audience.
    start = page.locator(".kb-status")
    before = start.bounding_box()["y"]
    page.get_by_label("Health professional").check()
    offer = page.locator(".kb-audience__done")
    assert offer.is_visible()
    go = offer.get_by_role("link", name="Go to the pages for healthcare professionals")
    assert go.is_visible() and go.get_attribute("href").endswith("clinicians/")
    assert start.bounding_box()["y"] <= before, "the page did not move down"
    offer.get_by_role("button", name="Close").click()
    assert not page.locator("#kb-audience").is_visible()

    page.goto(fixture_site + CLINICIAN)
    assert not page.locator("#kb-audience").is_visible(), "asked once"
    page.evaluate("localStorage.clear()")
    page.reload()
    page.get_by_label("Health professional").check()
    assert not page.locator("#kb-audience").is_visible(), "closes at once in the reader's own section"
