"""Every answer within two taps: the remembered choice, "On this page" on a phone, search
that lands on the section, suggestions for misspellings, pictures, print, and the
details readers hit (issue 22)."""

from __future__ import annotations

import re

import pytest

from pancreas_kb.bench import search as search_quality
from pancreas_kb.tools.site_server import site_path
from tests import sitebuilder

pytestmark = pytest.mark.browser

PATIENT = "patients/treatment/"
CLINICIAN = "clinicians/therapy/"


# --- the audience choice ----------------------------------------------------------------


def test_following_a_home_page_link_to_a_section_is_the_readers_choice(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site)
    page.locator("article").get_by_role("link", name="patient page").click()
    page.wait_for_url(re.compile(re.escape(PATIENT) + "$"))
    assert not page.locator("#kb-audience").is_visible(), "not asked again after choosing on the home page"
    assert page.evaluate("localStorage.getItem('kb-audience')") == "patient"
    assert page.locator(".kb-audience-toggle").inner_text().strip() == "Reading as: Patient or family"

    page.goto(fixture_site)
    page.locator("article").get_by_role("link", name="clinician page").click()
    page.wait_for_url(re.compile(re.escape(CLINICIAN) + "$"))
    assert page.evaluate("localStorage.getItem('kb-audience')") == "clinician", "the latest choice counts"


def test_not_now_keeps_the_question_away_for_the_visit_only(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.locator("#kb-audience .kb-audience__close").click()
    assert not page.locator("#kb-audience").is_visible()
    page.goto(fixture_site + CLINICIAN)
    assert not page.locator("#kb-audience").is_visible(), "not asked again during the visit"
    assert page.evaluate("localStorage.getItem('kb-audience')") is None, "nothing chosen for the reader"

    later_visit = context.new_page()  # a new tab: a new visit, the same browser storage
    later_visit.goto(fixture_site + PATIENT)
    assert later_visit.locator("#kb-audience").is_visible(), "asked again on a later visit"


# --- search that lands on the section ---------------------------------------------------


def open_search(page, text: str) -> None:
    page.locator("#kb-audience .kb-audience__close").click()
    page.keyboard.press("/")
    page.locator("#kb-search-input").press_sequentially(text)


def test_a_result_lists_its_matching_section_linked_to_the_heading(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    open_search(page, "enrolment")
    result = page.locator(".kb-search__results > li").first
    section = result.locator(".kb-search__sections a")
    section.first.wait_for()
    assert result.locator("> a").get_attribute("href").endswith(CLINICIAN)
    assert section.first.inner_text() == "Clinical trials"
    assert "enrolment" in result.locator(".kb-search__sections").inner_text()
    section.first.click()
    page.wait_for_url(re.compile(re.escape(CLINICIAN) + "#clinical-trials$"))
    assert not page.locator("#kb-search").is_visible()
    assert page.locator("#clinical-trials").bounding_box()["y"] < 200, "the heading is at the top of the screen"


def test_enter_opens_the_first_result_even_before_the_results_arrive(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    open_search(page, "enrolment")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(CLINICIAN) + "$"))


def test_arrow_keys_move_through_the_results(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    open_search(page, "trial")
    links = page.locator(".kb-search__results a")
    links.nth(1).wait_for()
    focused = "document.activeElement.href || document.activeElement.id"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(0).evaluate("a => a.href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(1).evaluate("a => a.href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == "kb-search-input"


def test_searching_is_said_while_the_first_query_loads(context, fixture_site):
    page = context.new_page()
    release = []

    def hold(route):
        release.append(route)

    page.route("**/pagefind/pagefind.js", hold)
    page.goto(fixture_site + PATIENT)
    open_search(page, "trial")
    status = page.locator(".kb-search__status")
    assert status.inner_text() == "Searching…"
    page.wait_for_function("n => window.kbSearch !== undefined", arg=None)
    while not release:
        page.wait_for_timeout(50)
    release[0].continue_()
    page.locator(".kb-search__results li").first.wait_for()
    assert re.fullmatch(r"\d+ pages? found for “trial”.*", status.inner_text())


def test_a_misspelling_is_offered_the_sites_own_word(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    open_search(page, "gemcitabin")
    offer = page.locator(".kb-search__suggest")
    offer.get_by_role("button", name="gemcitabine").wait_for()
    assert offer.inner_text() == "Did you mean gemcitabine?"
    offer.get_by_role("button", name="gemcitabine").click()
    assert page.locator("#kb-search-input").input_value() == "gemcitabine"
    offer.wait_for(state="hidden")  # no offer for a word the site uses
    assert page.locator(".kb-search__results a[href$='clinicians/therapy/']").count() == 1


def test_a_reader_who_did_not_find_it_can_say_what_they_looked_for(context, fixture_site):
    from tests.browser.reader_site import REPORT_EMAIL

    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    open_search(page, "carer allowance")
    ask = page.get_by_role("link", name="Didn't find it? Tell us what you were looking for")
    ask.wait_for()
    href = ask.get_attribute("href")
    assert href.startswith(f"mailto:{REPORT_EMAIL}?subject=")
    assert "carer%20allowance" in href


# --- search on the real site: misspellings, counts, ranking before a choice ------------

MISSPELLINGS = {
    # drugs
    "daraxorasib": "daraxonrasib",
    "folfirinx": "folfirinox",
    "gemcitabin": "gemcitabine",
    "kreon": "creon",
    "nalirifx": "nalirifox",
    "olaprib": "olaparib",
    "irinotecen": "irinotecan",
    "oxaliplatn": "oxaliplatin",
    "pembrolizamab": "pembrolizumab",
    "capecitabin": "capecitabine",
    "flourouracil": "fluorouracil",
    "leucovrin": "leucovorin",
    "erlotnib": "erlotinib",
    # tests
    "biopsey": "biopsy",
    "ultrasund": "ultrasound",
    "laparoscpy": "laparoscopy",
    # symptoms and care
    "jaundise": "jaundice",
    "diarhoea": "diarrhoea",
    "nausia": "nausea",
    "cachexai": "cachexia",
    "fatige": "fatigue",
    "vomitting": "vomiting",
    "constipaton": "constipation",
    "ascities": "ascites",
    "apetite": "appetite",
    "diabetis": "diabetes",
    "hospise": "hospice",
    "palliatve": "palliative",
    "yelow skin": "yellow skin",
}
CORRECT = ["creon", "oncologist", "carer allowance", "jaundice", "how long will I live", "CA 19-9"]
SUGGEST = "q => window.kbLoadSearch().then(() => window.kbSearch.suggest(q))"


def test_misspellings_of_drugs_tests_and_symptoms_are_offered_the_sites_word(context, real_site):
    base, _ = real_site
    page = context.new_page()
    page.goto(base)
    offered = {typed: page.evaluate(SUGGEST, typed) for typed in [*MISSPELLINGS, *CORRECT]}
    assert len(MISSPELLINGS) >= 20
    wrong = {typed: got for typed, got in offered.items() if got != MISSPELLINGS.get(typed)}
    assert wrong == {}, "typed -> offered (None: nothing offered)"


def test_the_count_says_how_many_pages_matched_not_how_many_are_listed(context, real_site):
    base, _ = real_site
    page = context.new_page()
    page.goto(base + "reference/glossary/")
    page.keyboard.press("/")
    page.locator("#kb-search-input").press_sequentially("cancer")
    page.locator(".kb-search__results > li").nth(9).wait_for()
    matched = page.evaluate("window.kbSearch.find('cancer').then(a => a.matched)")
    assert matched > 10
    assert page.locator(".kb-search__results > li").count() == 10
    assert page.locator(".kb-search__status").inner_text() == (
        f"{matched} pages found for “cancer”; the best 10 are listed"
    )


def test_the_ask_link_is_left_out_until_maintainers_set_an_address(context, real_site):
    base, _ = real_site
    page = context.new_page()
    page.goto(base)
    assert page.locator(".kb-search__ask").count() == 0


def test_before_a_choice_patient_pages_come_first_and_housekeeping_last(context, real_site):
    base, _ = real_site
    queries, _ = search_quality.load(docs=sitebuilder.ROOT / "docs")
    unchosen = [q for q in queries if q.who is search_quality.NO_AUDIENCE]
    assert len(unchosen) >= 20
    page = context.new_page()
    prefix = site_path(sitebuilder.ROOT)
    rows = search_quality.site_search(page, base, queries, prefix)
    misses = [f"{r['who']}: {r['query']!r} -> {r['top']}" for r in rows if not r["hit"]]
    assert search_quality.hit_rate(rows) >= 0.95, "\n".join(misses)
    assert search_quality.hit_rate([r for r in rows if r["who"] is None]) >= 0.95, "\n".join(misses)
    for query in unchosen:
        urls = [u[len(prefix) :] for u in page.evaluate(search_quality.SEARCH_URLS, query.text)]
        assert urls[0].startswith("patients/"), (query.text, urls)
        assert not [u for u in urls[:5] if u.startswith("about/")], (query.text, urls)


# --- "On this page" on a phone ------------------------------------------------------------

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_on_this_page_sits_collapsed_under_the_key_points_on_a_phone(browser, real_site):
    base, site = real_site
    context = browser.new_context(**PHONE)
    page = context.new_page()
    pages = sorted(p.parent.name for p in (site / "patients").glob("*/index.html"))
    assert pages
    for name in pages:
        page.goto(f"{base}patients/{name}/")
        listing = page.locator("article .kb-on-this-page")
        sections = page.locator("article h2[id]").evaluate_all("hs => hs.map(h => '#' + h.id)")
        assert listing.is_visible(), name
        assert listing.get_attribute("open") is None, f"{name}: collapsed"
        assert listing.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))") == sections
        key_points = page.locator("article .admonition.summary").first
        top = key_points.bounding_box()["y"]
        assert top < 844, f"{name}: the key points start on the first screen"
        assert listing.bounding_box()["y"] >= top + key_points.bounding_box()["height"], f"{name}: under them"
        page.evaluate("document.querySelector('article .kb-on-this-page').remove()")
        assert key_points.bounding_box()["y"] == top, f"{name}: the list does not push the key points down"
    context.close()


def test_on_this_page_leads_to_the_section_and_leaves_wide_screens_to_the_theme(browser, fixture_site):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.locator("#kb-audience .kb-audience__close").click()
    listing = page.locator("article .kb-on-this-page")
    listing.locator("summary").click()
    listing.get_by_role("link", name="Clinical trials").click()
    page.wait_for_url(re.compile(re.escape(PATIENT) + "#clinical-trials$"))
    assert 0 <= page.locator("#clinical-trials").bounding_box()["y"] < 200
    context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    page = wide.new_page()
    page.goto(fixture_site + PATIENT)
    assert page.locator("article .kb-on-this-page").count() == 1
    assert not page.locator("article .kb-on-this-page").is_visible(), "the theme shows the contents beside the text"
    wide.close()
