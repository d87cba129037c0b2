"""A first visit to the real site: the first screen on a phone, landing pages, glossary
marks, search quality and what a page loads before the reader searches."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import pytest

from pancreas_kb.bench import search as search_quality
from pancreas_kb.checker.project_files import mkdocs_settings
from pancreas_kb.tools.site_server import site_path
from tests import sitebuilder
from tests.browser import axe

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TITLE_TOP, CONTENT_TOP = 300, 700
FIRST_LOAD_LIMIT = search_quality.PATIENT_FIRST_LOAD_TARGET  # compressed bytes of a patient page's first load


def _section_pages(site, section: str) -> list[str]:
    return sorted(f"{section}/{p.parent.name}/" for p in (site / section).glob("*/index.html"))


def _nav_order(section: str) -> list[str]:
    """The section's pages as mkdocs.yml's navigation lists them, as URL paths under the site."""
    config = mkdocs_settings(sitebuilder.ROOT)
    for item in config["nav"]:
        (entries,) = item.values() if isinstance(item, dict) else ([item],)
        if isinstance(entries, list) and f"{section}/index.md" in entries:
            return [search_quality.page_url(e) for e in entries if e != f"{section}/index.md"]
    return []


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)  # a first visit: nothing in storage
    yield context
    context.close()


def test_title_and_key_points_on_the_first_screen_of_a_phone(phone, real_site):
    base, site = real_site
    page = phone.new_page()
    late = []
    for path in _section_pages(site, "patients") + _section_pages(site, "clinicians"):
        page.goto(base + path)
        assert page.locator("#kb-audience").is_visible(), "a first visit is asked who the reader is"
        title = page.locator("article h1").bounding_box()["y"]
        content = page.evaluate("""() => {
          const h1 = document.querySelector('article h1');
          let next = h1.nextElementSibling;
          while (next && !next.getClientRects().length) next = next.nextElementSibling;
          return next ? next.getBoundingClientRect().top : Infinity; }""")
        if title > TITLE_TOP or content > CONTENT_TOP:
            late.append(f"{path}: title at {title:.0f} px, first content at {content:.0f} px")
    assert not late, "\n".join(late)


def test_status_line_is_above_the_title_and_links_to_the_review_record(phone, real_site):
    base, _ = real_site
    page = phone.new_page()
    page.goto(base + "patients/treatment/")
    status = page.locator(".kb-status")
    assert status.bounding_box()["y"] < page.locator("article h1").bounding_box()["y"]
    status.get_by_role("link", name="Review details").click()
    assert page.evaluate("location.hash") == "#review-status"
    record = page.locator("#review-status")
    assert record.is_visible() and "Written for" in record.inner_text()
    assert record.bounding_box()["y"] > page.locator("article h1").bounding_box()["y"]


def test_landing_pages_link_every_page_of_their_section_in_nav_order(context, real_site):
    base, site = real_site
    page = context.new_page()
    for section in ("patients", "clinicians"):
        page.goto(base + section + "/")
        links = page.locator(".kb-section-pages a")
        hrefs = [urlsplit(h).path for h in links.evaluate_all("as => as.map(a => a.href)")]
        prefix = site_path(sitebuilder.ROOT)
        assert sorted(hrefs) == sorted(prefix + p for p in _section_pages(site, section)), (
            f"{section}: not every page is listed"
        )
        assert hrefs == [prefix + p for p in _nav_order(section)], f"{section}: not in navigation order"
        assert all(t.strip() for t in page.locator(".kb-section-pages li").all_inner_texts())
        links.first.click()
        page.wait_for_url(re.compile(re.escape(hrefs[0]) + "$"))


def test_glossary_terms_are_one_tab_stop_each_per_section_never_in_headings_or_references(context, real_site):
    base, _site = real_site
    page = context.new_page()
    for path in ("clinicians/systemic-therapy/", "patients/treatment/", "patients/symptoms-side-effects/"):
        page.goto(base + path)
        marks = page.evaluate("""() => {
          const out = []; let section = 0;
          for (const el of document.querySelectorAll('article h2, article abbr')) {
            if (el.tagName === 'H2') { section++; continue; }
            out.push({term: el.textContent, section, tab: el.tabIndex,
                      inHeading: !!el.closest('h1, h2, h3, h4, h5, h6'),
                      inReferences: !!el.closest('.footnote')});
          }
          return out; }""")
        assert marks, f"{path}: no term explained"
        assert all(m["tab"] == 0 for m in marks), "each explained term is one tab stop"
        assert not [m for m in marks if m["inHeading"] or m["inReferences"]]
        keys = [(m["term"], m["section"]) for m in marks]
        assert len(keys) == len(set(keys)), f"{path}: a term explained twice in one section"
    page.goto(base + "clinicians/systemic-therapy/")
    assert page.locator("article abbr", has_text=re.compile(r"^gemcitabine$")).count() == 0, (
        "clinician pages explain only terms a clinician may not know"
    )


def test_search_quality_set_top3_hit_rate_at_least_90_percent(context, real_site):
    base, _ = real_site
    queries, findings = search_quality.load(docs=sitebuilder.ROOT / "docs")
    assert not findings, [f.text() for f in findings]
    assert len(queries) >= 30
    page = context.new_page()
    rows = search_quality.site_search(page, base + "patients/", queries, site_path(sitebuilder.ROOT))
    misses = [f"{r['who']}: {r['query']!r} -> {r['top']}" for r in rows if not r["hit"]]
    assert search_quality.hit_rate(rows) >= 0.9, "\n".join(misses)


@pytest.mark.parametrize("query, forbidden", [("how long will I live", "clinicians/imaging/")])
def test_a_word_never_finds_a_longer_word_it_starts(context, real_site, query, forbidden):
    base, _ = real_site
    page = context.new_page()
    page.goto(base)
    page.evaluate("localStorage.setItem('kb-audience', 'patient')")
    urls = page.evaluate(search_quality.SEARCH_URLS, query)
    assert not [u for u in urls[:5] if u.endswith(forbidden)], urls


def test_results_are_ranked_for_the_readers_audience(context, real_site):
    base, _ = real_site
    page = context.new_page()
    page.goto(base)
    first = {}
    for who in ("patient", "clinician"):
        results = page.evaluate(search_quality.SEARCH_AS, who)
        first[who] = results[0]["audience"]
        assert all(r["audienceLabel"] for r in results), "each result says who the page is for"
    assert first == {"patient": "patient", "clinician": "clinician"}


def test_patient_page_first_load_is_small_and_holds_nothing_of_the_index(phone, real_site):
    base, _ = real_site
    page = phone.new_page()
    responses = []
    page.on("requestfinished", lambda r: responses.append(r))
    page.goto(base + "patients/treatment/", wait_until="networkidle")
    page.wait_for_timeout(500)
    urls = [r.url for r in responses]
    assert not [u for u in urls if "/pagefind/" in u or "search_index" in u], urls
    compressed = sum(len(gzip.compress(r.response().body(), 6)) for r in responses if r.response())
    assert compressed <= FIRST_LOAD_LIMIT, f"{compressed} bytes compressed on first load"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_chooser_search_results_and_review_record(browser, real_site, scheme):
    base, _ = real_site
    context = browser.new_context(color_scheme=scheme, **PHONE)
    page = context.new_page()
    page.goto(base + "patients/treatment/")
    assert axe.violations(page) == [], "first visit, chooser open"
    page.locator(".kb-audience-toggle").click()
    page.locator(".kb-search-toggle").click()
    page.locator("#kb-search-input").press_sequentially("Creon")
    page.locator(".kb-search__results li").first.wait_for()
    assert axe.violations(page) == [], "search results open"
    page.keyboard.press("Escape")
    page.goto(base + "clinicians/systemic-therapy/#review-status")
    assert axe.violations(page) == []
    context.close()


def test_dark_scheme_follows_the_device_has_a_toggle_and_prints_light(browser, real_site):
    base, _ = real_site
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base + "patients/treatment/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "slate"
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("label[title='Switch to light mode']").click()
    assert page.evaluate(scheme) == "default"
    page.reload()
    assert page.evaluate(scheme) == "default", "the choice is remembered"
    page.locator("label[title='Switch to dark mode']").click()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )
    text = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
    assert sum(int(v) for v in re.findall(r"\d+", text)[:3]) < 200, f"printed text is dark: {text}"
    context.close()
