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


def test_a_record_without_front_matter_knows_nothing_of_the_page_but_its_text():
    r = page_record.build("docs/es/p.md", "es/p.md", b"# No front matter [@nokey]\n", TODAY, None, LIBRARY)
    assert (r.front, r.trust, r.meta, r.claims, r.title, r.description) == (None, None, {}, (), "", "")
    assert r.language.code == "es" and r.audience.id == "all"
    assert (r.line("title"), r.fields_the_theme_cannot_read(), r.is_own_text("# No front matter [@nokey]")) == (
        1,
        [],
        False,
    )
    assert [(f.line, f.rule) for f in r.findings] == [(1, "front-matter-missing"), (1, "missing-citation-key")]


def test_a_record_gives_its_front_matter_with_quoted_dates_read_as_dates_and_its_own_body():
    text = page("P", evidence_checked="2026-05-01", body="First sentence [@a2011first].")
    assert "evidence_checked: '2026-05-01'" in text
    r = record(text)
    assert r.meta["evidence_checked"] == dt.date(2026, 5, 1)
    assert r.front.meta["evidence_checked"] == "2026-05-01"
    assert r.is_own_text("\n" + r.front.body + "\n\n") and not r.is_own_text("Generated text.")
    [claim] = r.claims
    assert (claim.sentence.line, claim.sentence.text, claim.keys) == (
        11,
        "First sentence [@a2011first].",
        ("a2011first",),
    )


def test_titles_and_descriptions_are_given_trimmed_and_only_when_text():
    r = record("---\ntitle: '  Pain  '\ndescription: 7\naudience: patient\nreview_status: submitted\n---\n")
    assert (r.title, r.description, r.text_field("audience"), r.text_field("absent")) == ("Pain", "", "patient", "")


def test_fields_the_theme_cannot_read_are_text_that_is_not_plain_a_non_text_value_and_a_bad_hide():
    r = record(page('Say "hi"', description="<b>Bold</b>", hide=["toc", "sidebar"]))
    assert r.fields_the_theme_cannot_read() == ["title", "description", "hide"]
    assert record(page("Fine", hide=["toc"])).fields_the_theme_cannot_read() == []


def test_without_a_library_citations_are_not_checked_against_it():
    r = page_record.build("docs/p.md", "p.md", page("P", body="X [@nokey].").encode(), TODAY, None, None)
    assert r.findings == () and [c.key for c in r.citations] == ["nokey"] and r.cited == ()


def test_a_counterpart_that_is_not_text_is_reported_and_never_followed(tmp_path):
    r = record(page("P", counterpart=["a.md"]), tmp_path)
    assert r.counterpart is None and [f.rule for f in r.findings] == ["front-matter-counterpart"]


def test_findings_are_in_file_order_whatever_found_them():
    text = page("P", hide="toc", body="X [@nokey].\n\n[@bad key]")
    r = record(text)
    assert list(r.findings) == sorted(r.findings) and len(r.findings) >= 2
    assert r.trust is None


def test_a_page_due_soon_still_has_its_trust_block():
    r = record(page("Soon", "approved", **{**APPROVED, "last_reviewed": "2025-06-15", "next_review": "2026-06-10"}))
    assert [(f.rule, f.severity) for f in r.findings] == [("approved-review-due-soon", "warning")]
    assert (r.trust.shown.id, r.trust.due_soon) == ("approved", True)


def test_a_page_under_a_language_folder_is_held_to_the_translation_rules():
    r = page_record.build("docs/es/p.md", "es/p.md", page("P").encode(), TODAY, None, LIBRARY)
    assert [(f.line, f.rule) for f in r.findings] == [(1, "front-matter-translation")] * 2
    assert r.trust is None
