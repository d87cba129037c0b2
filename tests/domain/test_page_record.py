"""One record per page: what every hook and the checker read instead of the front matter."""

from __future__ import annotations

import datetime as dt

from pancreas_kb.domain import approval, bibliography, page_record, source_text
from tests import sitebuilder
from tests.sitebuilder import APPROVED, page

TODAY = dt.date(2026, 6, 1)
LIBRARY = bibliography.parse(
    "references.bib",
    """\
@article{a2011first, author = {A, B}, title = {First}, journal = {J}, year = {2011}, volume = {1}, pages = {1},
  doi = {10.1000/1}}
@article{b2012second, author = {B, C}, title = {Second}, journal = {J}, year = {2012}, volume = {1}, pages = {1},
  doi = {10.1000/2}}
""",
)


def record(text: str, docs_dir=None) -> page_record.PageRecord:
    return page_record.build("docs/p.md", "p.md", text.encode(), TODAY, docs_dir, LIBRARY)


def test_a_valid_page_has_trust_audience_and_cited_works_in_order_of_first_citation():
    text = page(
        "Pain",
        "approved",
        audience="clinician",
        **APPROVED,
        body="Two [@b2012second; @a2011first]. Again [@b2012second].",
    )
    r = record(sitebuilder.with_record(text, sitebuilder.approval_record(text, approval.Sources(LIBRARY))))
    assert r.findings == ()
    assert r.title == "Pain" and r.description == "About pain."
    assert r.trust.status == "approved" and r.trust.shown.id == "approved" and r.trust.reviewers
    assert r.audience.id == "clinician" and r.audience.label == "Healthcare professionals"
    assert [e.key for e in r.cited] == ["b2012second", "a2011first"]
    assert [c.key for c in r.citations] == ["b2012second", "a2011first", "b2012second"]
    assert r.line("title") == 2 and r.line("nonexistent") == 1


def test_an_overdue_page_keeps_its_trust_block_and_fails_the_build():
    r = record(page("Old", "approved", **{**APPROVED, "last_reviewed": "2025-03-01", "next_review": "2026-03-01"}))
    assert [f.rule for f in r.findings] == ["approved-review-overdue"]
    assert r.trust.overdue and r.trust.shown.id == "overdue" and r.trust.banner


def test_an_invalid_page_has_findings_and_no_trust_block():
    r = record("---\ntitle: [a, b]\ndescription: D.\naudience: patient\nreview_status: {x: 1}\n---\n\nText [@nokey].\n")
    assert r.trust is None and r.counterpart is None
    rules = [(f.line, f.rule) for f in r.findings]
    assert (2, "front-matter-type") in rules and (5, "front-matter-value") in rules
    assert (8, "missing-citation-key") in rules
    assert r.title == "" and r.fields_the_theme_cannot_read() == ["title"]
    assert r.audience.id == "all", "wording for a page without a valid audience"


def test_a_counterpart_is_kept_only_when_it_is_a_page(tmp_path):
    (tmp_path / "clinicians").mkdir()
    (tmp_path / "clinicians" / "x.md").write_text("x", encoding="utf-8")
    good = record(page("P", counterpart="clinicians/x.md#dose"), tmp_path)
    assert good.counterpart.path == "clinicians/x.md" and good.counterpart.anchor == "dose"
    for target in ("clinicians/missing.md", "../outside.md", "/etc/hostname", "clinicians/x.md\0"):
        bad = record(page("P", counterpart=target), tmp_path)
        assert bad.counterpart is None
        assert [f.rule for f in bad.findings] == ["front-matter-counterpart"], target


def test_source_text_clean_file_has_no_findings_and_keeps_its_text():
    text = "---\ntitle: é\n---\n\tTab\n"
    assert source_text.decode("docs/p.md", text.encode()) == (text, [])


def test_a_record_is_made_from_bytes_the_build_cannot_decode():
    r = page_record.build("docs/p.md", "p.md", page("P").encode() + b"\x81\n", TODAY, None, LIBRARY)
    assert r.trust is not None, "the rest of the page is still checked"
    assert [f.rule for f in r.findings] == ["file-encoding"]
