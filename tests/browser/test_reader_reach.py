"""Every answer within two taps: the remembered choice, "On this page" on a phone, search
that lands on the section, suggestions for misspellings, pictures, print, and the
details readers hit (issue 22)."""

from __future__ import annotations

import re
import zlib

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
    # search.js may still be on its way; once it runs, it says so while the index loads.
    page.wait_for_function("document.querySelector('.kb-search__status').textContent === 'Searching…'")
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
        # Housekeeping last among the first five: once an about/ page is listed there,
        # nothing else follows it (fewer than five other pages may answer).
        top = urls[:5]
        first = next((i for i, u in enumerate(top) if u.startswith("about/")), len(top))
        assert all(u.startswith("about/") for u in top[first:]), (query.text, urls)


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


# --- printing -------------------------------------------------------------------------------

# Each text-showing operator of a Chromium PDF's (Flate-compressed) page contents: a
# measure of how much text a printed page holds.
# A stream is read up to "endstream"; the decompressor stops at the end of its data.
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_SHOW_TEXT = re.compile(rb"\bT[Jj]\b")


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def text_runs(pdf: bytes) -> int:
    runs = 0
    for match in _STREAM.finditer(pdf):
        try:
            runs += len(_SHOW_TEXT.findall(zlib.decompressobj().decompress(match.group(1))))
        except zlib.error:
            continue  # an image or font, not page contents
    return runs


def test_the_reference_list_prints_compactly_unless_the_reader_asks_for_the_evidence(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + CLINICIAN)
    choice = page.get_by_label("Print with evidence: include the passages quoted from each source")
    assert choice.is_visible() and not choice.is_checked()
    page.emulate_media(media="print")
    reference = page.locator("article .footnote li").first
    assert reference.is_visible()
    assert not reference.locator(".kb-quote").first.is_visible(), "no quotes unless asked for"
    assert reference.locator("> p").first.evaluate("p => getComputedStyle(p).display") == "inline"
    assert not page.locator(".kb-print-choice").is_visible(), "the choice itself is not printed"
    page.emulate_media(media="screen")
    choice.check()
    page.emulate_media(media="print")
    assert reference.locator(".kb-quote").first.is_visible(), "quotes printed when asked for"


def test_the_systemic_therapy_page_prints_in_at_most_20_a4_pages(context, real_site):
    base, _ = real_site
    page = context.new_page()
    page.goto(base + "clinicians/systemic-therapy/")
    compact = pdf_pages(page.pdf(format="A4"))
    assert compact <= 20, f"{compact} A4 pages"
    page.locator("#kb-print-evidence").check()
    assert pdf_pages(page.pdf(format="A4")) > compact, "the evidence prints when the reader asks for it"


def test_page_one_of_every_clinical_page_has_content(context, real_site):
    base, site = real_site
    page = context.new_page()
    thin = []
    for section in ("patients", "clinicians"):
        for built in sorted((site / section).glob("*/index.html")):
            page.goto(f"{base}{section}/{built.parent.name}/")
            first, second = (text_runs(page.pdf(format="A4", page_ranges=str(n))) for n in (1, 2))
            if first < 0.4 * second:
                thin.append(f"{section}/{built.parent.name}: page 1 has {first} runs of text, page 2 {second}")
    assert thin == []


# --- details readers hit ---------------------------------------------------------------------


def test_the_feed_link_readers_see_leads_to_a_page_on_following_updates(context, real_site):
    base, _ = real_site
    page = context.new_page()
    page.goto(base + "about/whats-new/")
    visible_feed_links = page.locator("a[href$='feed.xml']").evaluate_all(
        "as => as.filter(a => a.getClientRects().length).map(a => a.outerHTML)"
    )
    assert visible_feed_links == [], "a browser would show the feed as raw XML"
    page.locator("#subscribe ~ p a").first.click()
    page.wait_for_url("**/about/follow-updates/")
    feed_url = "https://stage4-pancreas.github.io/knowledge-base/feed.xml"
    assert page.locator(".kb-feed-address code").inner_text() == feed_url
    assert page.get_by_role("heading", name="With a feed reader").is_visible()
    alternate = page.locator("head link[rel=alternate][type='application/atom+xml']")
    assert alternate.count() == 1, "feed readers still find the feed from the page"
    feed = page.request.get(new_url(page, alternate.get_attribute("href")))
    assert feed.ok and '<feed xmlns="http://www.w3.org/2005/Atom"' in feed.text()


def new_url(page, href: str) -> str:
    return page.evaluate("href => new URL(href, location.href).href", href)


def test_no_unexplained_marker_beside_unreviewed_pages_in_the_navigation(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    navigation = page.locator(".md-nav--primary")
    assert navigation.locator(".md-nav__item--active").count() >= 1, "the page's own section is open"
    assert navigation.locator(".md-status").count() == 0, "the status line above the title says it in words"
    page.goto(fixture_site + CLINICIAN)
    approved = page.locator(".md-nav--primary .md-nav__item--active .md-status").first
    assert approved.get_attribute("title") == "Clinically reviewed"


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 700}])
def test_the_citation_pop_up_stays_on_screen(browser, fixture_site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(fixture_site + CLINICIAN)
    page.locator("#kb-audience .kb-audience__close").click()
    citation = page.locator("article a.footnote-ref").first
    # A long passage quoted from the source, as on the real pages.
    page.evaluate("""() => { const q = document.querySelector('.footnote .kb-quote p');
      q.textContent = Array(40).fill(q.textContent).join(' '); }""")
    for block in ("end", "start"):
        citation.evaluate("(a, block) => { a.blur(); a.scrollIntoView({block}); }", block)
        citation.focus()
        tip = page.get_by_role("tooltip")
        assert tip.is_visible()
        box = tip.evaluate("t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
        width, height = viewport["width"], viewport["height"]
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, (block, box)
        page.keyboard.press("Escape")
    context.close()


# --- pictures -------------------------------------------------------------------------------

PICTURES = sitebuilder.ROOT / "docs" / "assets" / "images"
SPREAD_ALT = (
    "A body seen from the front. The pancreas lies across the back of the upper belly, behind the stomach. "
    "The liver, the lungs and the lining of the belly are marked as the places this cancer most often spreads to."
)
SPREAD_CAPTION = (
    "Where the pancreas sits, and the places this cancer most often spreads: the liver, the lining of the belly "
    "(peritoneum) and the lungs [@zeta2011first]."
)
CARE_ALT = (
    "Four steps, one under the other: tests; a first treatment; scans every few months to see if it works; "
    "next options. Beside all four, supportive care from the start."
)
PICTURE_PAGE = sitebuilder.page(
    "Where it spreads",
    audience="patient",
    body=f"""
    The pancreas lies deep in the belly [@zeta2011first].

    <figure class="kb-picture" markdown>
    ![{SPREAD_ALT}](../assets/images/where-it-spreads.svg)
    <figcaption markdown>{SPREAD_CAPTION}</figcaption>
    </figure>

    ## Numbers {{#numbers}}

    <figure class="kb-icon-array" markdown>
    About 11 in 100 people in the trial were alive after 2 years [@zeta2011first].
    </figure>

    ## The path of care {{#path}}

    <figure class="kb-picture" markdown>
    ![{CARE_ALT}](../assets/images/path-of-care.svg)
    <figcaption markdown>The usual path of care [@zeta2011first].</figcaption>
    </figure>
    """,
)


@pytest.fixture(scope="module")
def picture_site(tmp_path_factory):
    from pancreas_kb.tools.site_server import serve
    from tests.browser import reader_site

    root = tmp_path_factory.mktemp("pictures")
    pages = {
        "index.md": reader_site.PAGES["index.md"],
        "patients/treatment.md": reader_site.PAGES["patients/treatment.md"],
        "clinicians/therapy.md": reader_site.PAGES["clinicians/therapy.md"],
        "patients/spread.md": PICTURE_PAGE,
        **{f"assets/images/{svg.name}": svg.read_text(encoding="utf-8") for svg in PICTURES.glob("*.svg")},
    }
    result = sitebuilder.build(root, pages, reader_site.BIB, evidence=reader_site.EVIDENCE)
    assert result.returncode == 0, result.log
    with serve(result.site, site_path(sitebuilder.ROOT)) as base:
        yield base + "patients/spread/"


def test_pictures_are_drawn_in_the_page_with_their_text_alternative_and_caption(context, picture_site):
    requests = []
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto(picture_site)
    drawings = page.locator("article figure svg[role=img]")
    names = drawings.evaluate_all("ds => ds.map(d => d.getAttribute('aria-label'))")
    assert names[0] == SPREAD_ALT
    assert names[1] == "A grid of 100 people: 11 drawn filled in, 89 drawn as outlines."
    assert names[2] == CARE_ALT
    assert not [u for u in requests if "/assets/images/" in u], "drawn in the page, no request for the file"
    caption = page.locator("figure.kb-icon-array figcaption")
    assert caption.inner_text().startswith("About 11 in 100 people in the trial were alive after 2 years")
    assert caption.locator("a.footnote-ref").count() == 1, "the figure is cited like text"
    people = page.locator(".kb-icon-array__on").get_attribute("d").count("M")
    assert people == 11 and page.locator(".kb-icon-array__off").get_attribute("d").count("M") == 89
    for figure in page.locator("figure.kb-picture, figure.kb-icon-array").all():
        assert figure.locator("svg").bounding_box()["width"] > 150
        assert figure.locator("figcaption").is_visible()


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_pictures_keep_their_contrast_in_light_and_dark(browser, picture_site, scheme):
    context = browser.new_context(color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    page.goto(picture_site)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    colours = page.evaluate("""() => {
      const fill = s => getComputedStyle(document.querySelector(s)).fill;
      const stroke = s => getComputedStyle(document.querySelector(s)).stroke;
      return {start: fill('.kb-fig-start'), spread: fill('.kb-fig-spread'), on: fill('.kb-icon-array__on'),
              ink: fill('.kb-picture__drawing .kb-fig-ink'), off: stroke('.kb-icon-array__off')};
    }""")
    for part, colour in colours.items():
        assert _contrast(colour, background) >= 3, f"{scheme}: {part} {colour} on {background}"
    context.close()
