"""Spanish pages in Chromium: search from a Spanish page finds Spanish pages (and can search the
English ones), and a Spanish page with its notices passes axe."""

import pytest

from pancreas_kb.domain import frontmatter, translation
from pancreas_kb.tools.site_server import serve, site_path
from tests import sitebuilder
from tests.browser import axe
from tests.sitebuilder import page

PAIN_EN = page(
    "Pain", body="Pain can be controlled with medicines such as morphine.\n\n## Nerve block {#block}\n\nText."
)
PAIN_ES = "El dolor se puede controlar con medicamentos como la morfina.\n\n## Bloqueo nervioso {#bloqueo}\n\nTexto."
EATING_EN = page("Eating", body="Enzyme capsules help you digest food.")
EATING_ES = "Las cápsulas de enzimas le ayudan a digerir la comida. Pregunte a su médico."


def _digest(text: str) -> str:
    parsed, _ = frontmatter.read("x", text)
    return translation.source_digest(parsed)


PAGES = {
    "index.md": page("Home", audience="all", body="Information for patients."),
    "patients/pain.md": PAIN_EN,
    "patients/eating.md": EATING_EN,
    "es/patients/pain.md": page(
        "Dolor", body=PAIN_ES, translation_of="patients/pain.md", translated_from=_digest(PAIN_EN)
    ),
    # Translated from an earlier version of the English page: shows the notice.
    "es/patients/eating.md": page(
        "Comer bien", body=EATING_ES, translation_of="patients/eating.md", translated_from=_digest(page("Old"))
    ),
}


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory):
    result = sitebuilder.build(tmp_path_factory.mktemp("bilingual-site"), PAGES)
    assert result.returncode == 0, result.log
    with serve(result.site, site_path(sitebuilder.ROOT)) as base:
        yield base


def _search(page, text: str) -> list[str]:
    if not page.locator("#kb-search").is_visible():
        page.keyboard.press("/")
    page.locator("#kb-search-input").fill(text)
    page.locator(".kb-search__status", has_text=f"\u201c{text}\u201d").wait_for(timeout=10_000)
    return [a.get_attribute("href") for a in page.locator(".kb-search__results a").all()]


def test_search_on_a_spanish_page_finds_spanish_pages_and_can_search_in_english(context, bilingual_site):
    reader = context.new_page()
    reader.goto(bilingual_site + "es/patients/eating/")
    found = _search(reader, "morfina")
    assert len(found) == 1 and found[0].endswith("es/patients/pain/"), found
    # Readers often type without accents: "capsulas" finds "cápsulas" (includes/search-synonyms.es.yml relies on it).
    assert [href.rsplit("/es/", 1)[-1] for href in _search(reader, "capsulas")] == ["patients/eating/"]
    assert _search(reader, "morphine") == []  # the English page is not in the Spanish index
    assert "No se encontró ninguna página" in reader.locator(".kb-search__status").inner_text()
    # The same query on the English pages, from the link in the search panel.
    reader.locator(".kb-search__other").click()
    reader.wait_for_url("**/?kb-search=morphine")
    reader.locator(".kb-search__results a").first.wait_for(timeout=10_000)
    hrefs = [a.get_attribute("href") for a in reader.locator(".kb-search__results a").all()]
    assert hrefs and hrefs[0].endswith("patients/pain/") and "/es/" not in hrefs[0], hrefs


def test_spanish_pages_pass_axe_with_the_switcher_and_the_out_of_date_notice(context, bilingual_site):
    reader = context.new_page()
    found = {}
    for path in ("es/patients/eating/", "es/patients/pain/"):
        reader.goto(bilingual_site + path)
        found[path] = axe.violations(reader)
    assert reader.locator(".kb-languages a").inner_text() == "English"
    reader.goto(bilingual_site + "es/patients/eating/")
    assert reader.locator(".kb-translation-outdated").is_visible()
    assert not any(found.values()), axe.describe(found)
