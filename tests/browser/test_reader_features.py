"""The reader's aids in a real browser, on a small site built with the real configuration."""

from __future__ import annotations

import datetime as dt
import re
import time
from urllib.parse import urlsplit

import pytest

from tests.browser import axe, reader_site

pytestmark = pytest.mark.browser

PATIENT = "patients/treatment/"
CLINICIAN = "clinicians/therapy/"


def _origin(url: str) -> str:
    return "{0.scheme}://{0.netloc}".format(urlsplit(url))


# --- audience chooser and counterpart links ---------------------------------------


def emphasised(counterpart) -> bool:
    """The counterpart link is emphasised: its note says who the page is written for."""
    return counterpart.locator(".kb-counterpart__note").is_visible()


def test_chooser_is_asked_once_remembered_across_pages_and_reloads(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    panel = page.locator("#kb-audience")
    assert panel.is_visible(), "the chooser is shown on a first visit"
    toggle = page.locator(".md-header .kb-audience-toggle")
    assert toggle.is_visible(), "the chooser's button is in the header"

    page.get_by_label("Health professional").check()
    counterpart = page.locator(".kb-counterpart")
    assert emphasised(counterpart)
    assert "written for patients and families" in counterpart.inner_text()
    link = counterpart.get_by_role("link", name="Read the clinician version", exact=True)
    assert link.get_attribute("href").endswith("clinicians/therapy/#first-line")

    page.goto(fixture_site)
    assert not page.locator("#kb-audience").is_visible(), "asked once only"
    assert page.locator(".kb-audience-toggle").inner_text().strip() == "Reading as: Health professional"
    page.goto(fixture_site + PATIENT)
    page.reload()
    assert emphasised(page.locator(".kb-counterpart"))

    page.goto(fixture_site + CLINICIAN)
    assert not emphasised(page.locator(".kb-counterpart")), (
        "no emphasis on a page written for the reader's own audience"
    )
    page.locator(".kb-audience-toggle").click()
    assert page.locator("#kb-audience").is_visible()
    assert page.get_by_label("Health professional").is_checked()
    link.page.get_by_label("Patient or family").check()
    assert emphasised(page.locator(".kb-counterpart"))
    suggested = page.locator(".kb-counterpart a")
    assert suggested.inner_text() == "Read the plain-language version"
    suggested.click()
    page.wait_for_url(re.compile(re.escape(PATIENT) + "$"))


def test_counterpart_section_links_land_on_the_matching_section(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + CLINICIAN)
    section = page.locator("#clinical-trials + .kb-counterpart-section a")
    assert section.inner_text() == "Read the plain-language version of this section"
    section.click()
    page.wait_for_url(re.compile(re.escape(PATIENT) + "#clinical-trials$"))


def test_the_site_works_without_javascript(browser, fixture_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    assert not page.locator("#kb-audience").is_visible()
    assert not page.locator(".kb-audience-toggle").is_visible()
    assert page.get_by_role("link", name="Read the clinician version", exact=True).is_visible()
    assert page.locator("abbr[title^='Computed tomography']").count() >= 1
    assert "[date you read this page]" in page.locator(".kb-cite").text_content()
    assert page.get_by_role("heading", name="Treatment options", level=1).is_visible()
    context.close()


# --- glossary tooltips ---------------------------------------------------------------


def test_tooltip_opens_on_keyboard_focus_hover_and_touch(browser, context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.locator("#kb-audience .kb-audience__close").click()
    tooltip = page.get_by_role("tooltip")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        pytest.fail("no glossary term could be reached with the Tab key")
    assert tooltip.is_visible()
    assert tooltip.inner_text().startswith("Computed tomography")
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "kb-tooltip"
    page.keyboard.press("Escape")
    assert not tooltip.is_visible()

    page.locator("h1").hover()
    page.locator("article abbr").first.hover()
    assert tooltip.is_visible()

    touch = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    phone = touch.new_page()
    phone.goto(fixture_site + PATIENT)
    phone.locator("article abbr").first.tap()
    assert phone.get_by_role("tooltip").is_visible()
    touch.close()


def test_citation_shows_its_reference_on_hover_and_keyboard_focus(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + CLINICIAN)
    page.locator("#kb-audience .kb-audience__close").click()
    tooltip = page.get_by_role("tooltip")
    citation = page.locator("article a.footnote-ref").first
    citation.hover()
    assert tooltip.is_visible()
    reference = page.locator("article .footnote li > p").first.inner_text()
    assert (
        tooltip.locator(".kb-tooltip__ref").inner_text()
        == reference.replace("Back to text", "").replace("\u21a9", "").strip()
    )
    assert "Zeta A" in tooltip.inner_text(), "the tooltip is the formatted reference"
    assert tooltip.locator(".kb-tooltip__type").inner_text() == "Randomised trial"
    assert tooltip.locator("q").inner_text() == reader_site.QUOTE, "the source's passage, as a quotation"
    assert tooltip.locator("a").count() == 0, "a tooltip holds nothing to click"
    page.locator("h1").hover()
    page.wait_for_timeout(400)  # the tooltip lingers so a pointer can move onto it
    assert not tooltip.is_visible()
    citation.focus()
    assert tooltip.is_visible()
    assert citation.get_attribute("aria-describedby") == "kb-tooltip"
    page.keyboard.press("Escape")
    assert not tooltip.is_visible()


def test_glossary_page_lists_every_term_alphabetically_with_anchors(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + "reference/glossary/#term-ct")
    terms = page.locator(".kb-glossary dt").all_inner_texts()
    assert "CT" in terms
    assert terms == sorted(terms, key=lambda t: re.sub(r"[^0-9a-z]", "", t.lower()))
    assert page.locator("#term-ct + dd").inner_text().startswith("Computed tomography")


# --- search, print, layout -------------------------------------------------------------


def test_search_finds_a_page_by_a_word_in_its_body(context, fixture_site):
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(fixture_site + PATIENT)
    page.wait_for_load_state("networkidle")
    assert not [r for r in requests if "/pagefind/" in r], "no part of the index before a search"
    page.keyboard.press("/")
    page.locator("#kb-search-input").press_sequentially("gemcitabine")
    result = page.locator(".kb-search__results a[href*='clinicians/therapy/']").first
    result.wait_for(timeout=10_000)
    assert "Systemic therapy" in result.inner_text()
    assert (
        "For healthcare professionals"
        in page.locator(".kb-search__results > li", has=page.locator("a[href*='clinicians/therapy/']")).inner_text()
    )
    assert [r for r in requests if "/pagefind/" in r], "the index is fetched once the reader types"
    assert all(r.startswith(_origin(fixture_site)) or r.startswith(("data:", "blob:")) for r in requests), requests
    page.keyboard.press("Escape")
    assert not page.locator("#kb-search").is_visible()


def test_print_stylesheet_hides_navigation_and_keeps_the_evidence(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        "#kb-audience",
        ".kb-counterpart",
        ".kb-page-actions",
    ):
        assert not page.locator(chrome).is_visible(), f"{chrome} is printed"
    for kept in (".kb-trust", "#references", ".footnote", ".kb-history"):
        assert page.locator(kept).first.is_visible(), f"{kept} is not printed"
    # The reference list prints without addresses (its DOIs and PMIDs say where); the text's links show theirs.
    page.goto(fixture_site)
    link = page.locator("article a[data-print-url^='https://']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://" in after, "printed links show their address"
    page.goto(fixture_site + PATIENT)
    box = page.locator(".task-list-item input[type=checkbox]").first
    assert box.is_visible()
    assert box.evaluate("b => getComputedStyle(b).borderTopStyle") == "solid", "questions print as a checklist"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()


# The sum of layout shifts (Lighthouse's CLS) while a page loads and settles. Every
# shift counts: nobody touches the page, though Chromium's mobile emulation marks
# the shifts as following input.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const shift of list.getEntries()) total += shift.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.mark.parametrize("choice", [None, "patient"])
def test_nothing_moves_while_a_page_loads_on_a_phone(browser, fixture_site, choice):
    """On a first visit the chooser is drawn with the page, not pushed in above it later.

    The chooser's script arrives late, as on a slow phone network, so that the
    page is painted before it runs."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    if choice:
        context.add_init_script(f"localStorage.setItem('kb-audience', '{choice}')")

    def slow(route):
        time.sleep(0.5)
        route.continue_()

    context.route("**/assets/js/audience.js", slow)
    page = context.new_page()
    for path in ("", PATIENT, CLINICIAN):
        page.goto(fixture_site + path)
        # Never asked on the home page, which has its own choice of section.
        assert page.locator("#kb-audience").is_visible() is (choice is None and path != "")
        shift = page.evaluate(LAYOUT_SHIFT)
        assert shift < 0.01, f"{path or 'home'}: layout shift {shift:.3f} while loading"
    context.close()


@pytest.mark.parametrize("width", [320, 640])  # 640 CSS px is a 1280 px window at 200% zoom
def test_pages_reflow_without_sideways_scrolling(browser, fixture_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("", PATIENT, CLINICIAN, "reference/glossary/"):
        page.goto(fixture_site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px at {width}px"
        assert page.locator(".kb-audience-toggle").is_visible()
    context.close()


def test_mobile_screenshots_are_saved(browser, fixture_site, artifacts):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    for name, path in (("mobile-patient-page.png", PATIENT), ("mobile-clinician-page.png", CLINICIAN)):
        target = artifacts / name
        target.unlink(missing_ok=True)
        page.goto(fixture_site + path)
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    context.close()


# --- accessibility details ---------------------------------------------------------------


def test_skip_link_and_visible_focus(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert skip.is_visible()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_fixture_pages_pass_axe_after_a_choice_and_with_a_tooltip_open(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.get_by_label("Health professional").check()
    page.locator("article abbr").first.focus()
    found = {}
    for path in (PATIENT, CLINICIAN, "reference/glossary/"):
        if path != PATIENT:
            page.goto(fixture_site + path)
        found[path] = axe.violations(page)
    assert not any(found.values()), axe.describe(found)


def test_content_images_have_real_alt_text(context, real_site):
    base, site = real_site
    page = context.new_page()
    bad = {}
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        if "<img" not in text:
            continue
        page.goto(base + html.relative_to(site).parent.as_posix() + "/")
        alts = page.locator("article img").evaluate_all("imgs => imgs.map(i => i.getAttribute('alt'))")
        weak = [a for a in alts if not a or re.search(r"\.(png|jpe?g|gif|svg|webp)$|^(image|picture|photo)$", a, re.I)]
        if weak:
            bad[html.relative_to(site).as_posix()] = weak
    assert not bad, f"images without a real description: {bad}"


# --- clinicians: cite, deep links, history ------------------------------------------------


def test_cite_this_page_has_todays_access_date_and_downloads(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + CLINICIAN)
    cite = page.locator(".kb-cite")
    cite.locator("summary").click()
    today = dt.date.fromisoformat(page.evaluate("new Date().toLocaleDateString('sv')"))
    ama = cite.locator("[data-style=ama]").inner_text()
    assert ama.startswith("Systemic therapy. Metastatic Pancreatic Cancer Knowledge Base.")
    assert "Last reviewed March 1, 2026." in ama
    assert f"Accessed {today.strftime('%B')} {today.day}, {today.year}." in ama
    assert ama.endswith("https://stage4-pancreas.github.io/knowledge-base/clinicians/therapy/")
    vancouver = cite.locator("[data-style=vancouver]").inner_text()
    assert f"cited {today.year} {today.strftime('%b')} {today.day}" in vancouver
    for label, marker in (("BibTeX", "@misc{kb-clinicians-therapy,"), ("RIS", "TY  - ELEC")):
        href = cite.get_by_role("link", name=re.compile(label)).get_attribute("href")
        response = page.request.get(page.url + href)
        assert response.ok and marker in response.text()

    page.goto(fixture_site + PATIENT)
    assert "Not yet reviewed." in page.locator(".kb-cite [data-style=ama]").text_content()


def test_every_heading_has_a_labelled_permalink_and_a_copy_button(browser, fixture_site):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(fixture_site + CLINICIAN)
    permalink = page.get_by_role("link", name="Link to this section: First line")
    permalink.focus()
    assert permalink.is_visible()
    page.get_by_role("button", name="Copy link to section: First line").click()
    page.get_by_role("status").filter(has_text="copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").endswith("clinicians/therapy/#first-line")
    context.close()


def test_a_moved_page_keeps_its_section_links(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + "old-therapy/#clinical-trials")
    page.wait_for_url(re.compile(re.escape(CLINICIAN) + "#clinical-trials$"))


def test_missing_address_gets_the_styled_404_page(context, fixture_site):
    page = context.new_page()
    response = page.goto(fixture_site + "patients/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.get_by_role("link", name="Glossary").first.click()
    page.wait_for_url(re.compile("reference/glossary/$"))
