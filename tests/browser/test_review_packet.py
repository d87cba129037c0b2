"""A reviewer marks a packet's claims in Chromium and exports the review, digest included.

The packet is opened from a file, as a reviewer opens the one attached to a pull
request, under its own content policy: only the project's script runs.
"""

import re
from pathlib import Path

import pytest

from pancreas_kb.tools import review_packet
from tests.tools import test_review_packet as packet_fixture

project = packet_fixture.project


@pytest.fixture
def packet(project):
    assert packet_fixture.make(project) == 0
    path = project / "review-packets" / "clinicians" / "therapy.html"
    digest = re.search(r'data-digest="([^"]+)"', path.read_text()).group(1)
    return path.as_uri(), digest


def open_packet(context, url):
    tab = context.new_page()
    problems = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.goto(url)
    tab.wait_for_selector("#export:not([hidden])")
    return tab, problems


def test_marks_are_kept_and_exported_with_the_digest(context, packet):
    url, digest = packet
    tab, problems = open_packet(context, url)
    assert tab.locator("fieldset.mark").count() == 4
    tab.check("#claim-1 input[value=agree]")
    tab.check("#claim-2 input[value=change]")
    tab.fill("#claim-2 textarea", "48.4% is not in the trial's abstract; cite Table 2.")
    tab.check("#claim-3 input[value=agree]")
    tab.fill("#export-interests", "Speaker fees from a maker of gemcitabine (2025)")
    tab.reload()
    tab.wait_for_selector("#export:not([hidden])")
    assert tab.is_checked("#claim-1 input[value=agree]"), "marks are kept in this browser"
    assert tab.input_value("#claim-2 textarea").startswith("48.4% is not")
    review = tab.input_value("#export-text")
    assert "### Clinical review: Therapy" in review
    assert f"- Content digest: `{digest}`" in review
    assert "- Claims: 4; agree 2, needs change 1, not marked 1" in review
    assert "- Interests I declare for this page: Speaker fees from a maker of gemcitabine (2025)" in review
    assert "Review not finished: 1 of 4 claims not marked yet (4). Not an approval." in review
    claim = "**Claim 2** (line 17, First line): \u201cOne-year survival was 48.4% [1].\u201d\n  48.4% is not"
    assert claim in review
    assert tab.text_content("#export-summary") == "You have marked 3 of 4 claims."
    assert problems == [], "no script error and no content-policy violation"


def test_a_finished_review_approves_the_digest_and_downloads(context, packet):
    url, digest = packet
    tab, problems = open_packet(context, url)
    for n in range(1, 5):
        tab.check(f"#claim-{n} input[value=agree]")
    review = tab.input_value("#export-text")
    assert f"I approve the text with content digest `{digest}`." in review
    with tab.expect_download() as download:
        tab.click("#export-download")
    saved = download.value
    assert saved.suggested_filename == "review-clinicians-therapy.md"
    assert Path(saved.path()).read_text(encoding="utf-8") == review
    assert problems == []


def test_a_changed_text_starts_a_fresh_review(context, project, packet):
    url, _ = packet
    tab, _ = open_packet(context, url)
    tab.check("#claim-1 input[value=agree]")
    page = project / "docs" / "clinicians" / "therapy.md"
    page.write_text(page.read_text().replace("against 6.8 months", "against 6.9 months"))
    assert packet_fixture.make(project) == 0
    tab.reload()
    tab.wait_for_selector("#export:not([hidden])")
    assert not tab.is_checked("#claim-1 input[value=agree]"), "marks belong to the text they were made on"


def test_without_its_script_the_packet_still_reads(browser, packet):
    url, _ = packet
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(url)
        assert tab.locator("article.claim").count() == 4 and not tab.is_visible("#export")
        assert review_packet.READING_WORDS_PER_MINUTE == 200 and "minutes" in tab.text_content(".facts")
    finally:
        context.close()
