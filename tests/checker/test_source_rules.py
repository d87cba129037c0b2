"""Source rules, one failing and one passing case each: front matter, bibliography, citations."""

import datetime as dt
import textwrap

import pytest

from pancreas_kb.checker.check import unused_entries
from pancreas_kb.domain import bibliography, citations, page_record, schema
from pancreas_kb.domain.frontmatter import read

TODAY = dt.date(2026, 6, 1)
GOOD_META = """\
title: A page
description: About a page.
audience: patient
review_status: submitted
"""
APPROVED_META = """\
title: A page
description: About a page.
audience: clinician
review_status: approved
last_reviewed: 2026-03-01
next_review: 2027-02-01
evidence_checked: 2026-03-01
reviewers:
  - name: Dr Ada Example
    credentials: MD
"""


def page_text(meta: str, body: str = "# A page\n\nText.\n") -> str:
    return f"---\n{meta}---\n\n{body}"


def findings_of(rule, meta: str, docs_dir=None):
    page, problems = read("docs/p.md", page_text(meta))
    assert problems == []
    page = schema.replace(page, meta=schema.normalized(page.meta))
    return rule(page, today=TODAY, docs_dir=docs_dir)


def rules_of(findings):
    return [(f.line, f.rule) for f in findings]


# --- front-matter reader -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, rule, line",
    [
        ("# No front matter\n", "front-matter-missing", 1),
        ("---\ntitle: x\n\n# Never closed\n", "front-matter-unclosed", 1),
        ("---\ntitle: x\naudience: [unclosed\n---\n", "front-matter-yaml", 3),
        ("---\n- a\n- list\n---\n", "front-matter-yaml", 2),
    ],
)
def test_reader_reports_malformed_front_matter(text, rule, line):
    page, findings = read("docs/p.md", text)
    assert page is None
    assert rules_of(findings) == [(line, rule)]


def test_reader_returns_fields_with_their_lines():
    page, findings = read("docs/p.md", page_text(GOOD_META))
    assert findings == []
    assert page.meta["audience"] == "patient"
    assert page.key_lines["review_status"] == 5
    assert page.body_line == 7


# --- schema rules ------------------------------------------------------------------------


def test_required_fields():
    assert rules_of(findings_of(schema.required_fields, "title: x\n")) == [(1, "front-matter-required")] * 3
    assert findings_of(schema.required_fields, GOOD_META) == []


def test_known_fields_suggests_the_closest_field():
    found = findings_of(schema.known_fields, GOOD_META + "reviewrs: []\n")
    assert rules_of(found) == [(6, "front-matter-unknown-field")]
    assert "did you mean 'reviewers'?" in found[0].message
    assert findings_of(schema.known_fields, GOOD_META + "hide: [toc]\n") == []


@pytest.mark.parametrize("value", ["[]", "just text", "[ok, '']", "[{a: b}]"])
def test_open_questions_must_be_a_list_of_sentences(value):
    found = findings_of(schema.open_questions_field, GOOD_META + f"open_questions: {value}\n")
    assert rules_of(found) == [(6, "front-matter-type")]


def test_open_questions_accepts_sentences():
    meta = GOOD_META + "open_questions:\n  - The label's section 6 was not seen.\n"
    assert findings_of(schema.open_questions_field, meta) == []
    assert findings_of(schema.known_fields, meta) == []


def test_text_fields_must_be_text_and_description_short():
    empty = GOOD_META.replace("title: A page", "title: ''")
    assert rules_of(findings_of(schema.text_fields, empty)) == [(2, "front-matter-type")]
    long = GOOD_META.replace("About a page.", "x" * 161)
    assert rules_of(findings_of(schema.text_fields, long)) == [(3, "front-matter-description-length")]
    assert findings_of(schema.text_fields, GOOD_META.replace("About a page.", "x" * 160)) == []


def test_choice_fields_reject_unknown_status_and_audience():
    bad = GOOD_META.replace("submitted", "aproved").replace("patient", "nurses")
    assert rules_of(findings_of(schema.choice_fields, bad)) == [(4, "front-matter-value"), (5, "front-matter-value")]
    assert findings_of(schema.choice_fields, GOOD_META) == []


def test_date_fields_must_be_dates():
    assert rules_of(findings_of(schema.date_fields, GOOD_META + "last_reviewed: March 2026\n")) == [
        (6, "front-matter-date")
    ]
    assert findings_of(schema.date_fields, GOOD_META + "last_reviewed: '2026-03-01'\n") == []


def test_reviewers_need_name_and_credentials():
    no_credentials = GOOD_META + "reviewers:\n  - name: Dr Ada Example\n"
    assert rules_of(findings_of(schema.reviewers_field, no_credentials)) == [(6, "front-matter-type")]
    assert rules_of(findings_of(schema.reviewers_field, GOOD_META + "reviewers: Dr Ada\n")) == [
        (6, "front-matter-type")
    ]
    assert findings_of(schema.reviewers_field, APPROVED_META) == []


def test_approved_needs_reviewers_and_dates():
    bare = GOOD_META.replace("submitted", "approved")
    assert rules_of(findings_of(schema.approval_fields, bare)) == [(5, "approved-needs-review-fields")] * 3
    assert findings_of(schema.approval_fields, APPROVED_META) == []


@pytest.mark.parametrize("next_review", ["2026-02-01", "2027-06-01"])
def test_review_cycle_is_forward_and_at_most_a_year(next_review):
    meta = APPROVED_META.replace("2027-02-01", next_review)
    assert rules_of(findings_of(schema.review_cycle, meta)) == [(7, "front-matter-review-cycle")]


def test_review_cycle_within_a_year_passes():
    assert findings_of(schema.review_cycle, APPROVED_META) == []


def test_review_cycle_is_one_calendar_year_to_the_day():
    assert findings_of(schema.review_cycle, APPROVED_META.replace("2027-02-01", "2027-03-01")) == []
    late = findings_of(schema.review_cycle, APPROVED_META.replace("2027-02-01", "2027-03-02"))
    assert rules_of(late) == [(7, "front-matter-review-cycle")]


def test_review_freshness_overdue_is_an_error_due_soon_a_warning():
    overdue = APPROVED_META.replace("2026-03-01", "2025-06-01").replace("2027-02-01", "2026-05-31")
    [finding] = findings_of(schema.review_freshness, overdue)
    assert (finding.line, finding.rule, finding.severity) == (7, "approved-review-overdue", "error")
    soon = APPROVED_META.replace("2027-02-01", "2026-07-01")
    [finding] = findings_of(schema.review_freshness, soon)
    assert (finding.rule, finding.severity) == ("approved-review-due-soon", "warning")
    assert findings_of(schema.review_freshness, APPROVED_META.replace("2027-02-01", "2026-07-02")) == []


@pytest.mark.parametrize(
    "audience, checked, rule",
    [
        ("clinician", "2026-05-01", None),
        ("clinician", "2025-11-30", "evidence-ageing"),  # 6 months: a warning
        ("clinician", "2025-06-01", "evidence-stale"),  # 12 months: an error
        ("patient", "2025-06-02", None),
        ("patient", "2025-06-01", "evidence-ageing"),
        ("patient", "2024-12-01", "evidence-stale"),
        ("patient", "2026-06-02", "evidence-checked-future"),
        ("all", None, None),  # about pages hold no clinical content to keep current
        ("patient", None, "evidence-checked-missing"),
    ],
)
def test_evidence_freshness_by_audience(audience, checked, rule):
    meta = f"title: A page\ndescription: About.\naudience: {audience}\nreview_status: submitted\n"
    if checked:
        meta += f"evidence_checked: {checked}\n"
    found = findings_of(schema.evidence_freshness, meta)
    assert [f.rule for f in found] == ([rule] if rule else [])
    if rule == "evidence-ageing":
        assert found[0].severity == "warning"
    elif rule:
        assert found[0].severity == "error"


def test_counterpart_must_be_a_page(tmp_path):
    (tmp_path / "patients").mkdir()
    (tmp_path / "patients" / "treatment.md").write_text("x", encoding="utf-8")
    missing = GOOD_META + "counterpart: patients/treatmnt.md\n"
    assert rules_of(findings_of(schema.counterpart_exists, missing, tmp_path)) == [(6, "front-matter-counterpart")]
    present = GOOD_META + "counterpart: patients/treatment.md#goals\n"
    assert findings_of(schema.counterpart_exists, present, tmp_path) == []


# --- bibliography ---------------------------------------------------------------------------

ARTICLE = """\
@article{conroy2011folfirinox,
  author  = {Conroy, Thierry and Desseigne, Françoise},
  title   = {{FOLFIRINOX} versus gemcitabine},
  journal = {N Engl J Med},
  year    = {2011},
  volume  = {364},
  pages   = {1817--1825},
  doi     = {10.1056/NEJMoa1011923},
  pmid    = {21561347},
}
"""
WEB_PAGE = """\
@misc{nci2026stage4,
  author  = {{National Cancer Institute}},
  title   = {Pancreatic cancer treatment},
  year    = {2026},
  url     = {https://www.cancer.gov/types/pancreatic},
  urldate = {2026-05-01},
}
"""


def lint(text: str):
    return bibliography.lint(bibliography.parse("references.bib", textwrap.dedent(text)), TODAY)


def test_clean_entries_pass_every_bib_rule():
    assert lint(ARTICLE + WEB_PAGE) == []


@pytest.mark.parametrize(
    "second",
    [
        ARTICLE.replace("conroy2011folfirinox", "conroy2011again").replace("pmid    = {21561347},\n", ""),
        ARTICLE.replace("conroy2011folfirinox", "conroy2011again").replace("doi     = {10.1056/NEJMoa1011923},\n", ""),
        ARTICLE.replace("conroy2011folfirinox", "conroy2011again").replace(
            "10.1056/NEJMoa1011923", "https://doi.org/10.1056/nejmoa1011923"
        ),
        WEB_PAGE.replace("nci2026stage4", "nci2026again").replace("https://www.", "http://"),
    ],
)
def test_one_work_under_two_keys_is_an_error(second):
    found = [f for f in lint(ARTICLE + WEB_PAGE + second) if f.rule == "bib-same-work"]
    assert len(found) == 1 and "again" in found[0].message and found[0].severity == "error"


def test_different_works_are_not_the_same_work():
    other = (
        ARTICLE.replace("conroy2011folfirinox", "other2012")
        .replace("NEJMoa1011923", "NEJMoa9")
        .replace("21561347", "21561348")
    )
    assert [f for f in lint(ARTICLE + WEB_PAGE + other) if f.rule == "bib-same-work"] == []


def test_syntax_error_is_reported_with_its_line():
    broken = ARTICLE + "\n@article{broken,\n  title = {Unclosed,\n  year = 2020\n"
    assert "bib-syntax" in {f.rule for f in lint(broken)}
    assert [f.line for f in lint(broken) if f.rule == "bib-syntax"] == [12]


def test_duplicate_keys_exact_and_ignoring_case():
    exact = lint(ARTICLE + "\n" + ARTICLE)
    assert [(f.line, f.rule) for f in exact if f.rule == "bib-duplicate-key"] == [(12, "bib-duplicate-key")]
    folded = lint(ARTICLE + "\n" + ARTICLE.replace("conroy2011folfirinox", "Conroy2011Folfirinox"))
    assert [(f.line, f.rule) for f in folded] == [(12, "bib-duplicate-key")]


def test_required_fields_by_entry_type():
    assert rules_of(lint(ARTICLE.replace("  journal = {N Engl J Med},\n", ""))) == [(1, "bib-required-field")]
    assert rules_of(lint(ARTICLE.replace("@article", "@patent"))) == [(1, "bib-entry-type")]


def test_identifier_doi_or_pmid_or_url_with_urldate():
    no_ids = ARTICLE.replace("  doi     = {10.1056/NEJMoa1011923},\n", "").replace("  pmid    = {21561347},\n", "")
    assert rules_of(lint(no_ids)) == [(1, "bib-identifier")]
    assert rules_of(lint(WEB_PAGE.replace("  urldate = {2026-05-01},\n", ""))) == [(1, "bib-identifier")]


def test_doi_syntax():
    assert rules_of(lint(ARTICLE.replace("{10.1056/", "{https://doi.org/10.1056/"))) == [(8, "bib-doi-syntax")]


def test_pmid_must_be_digits():
    assert rules_of(lint(ARTICLE.replace("{21561347}", "{PMID21561347}"))) == [(9, "bib-pmid-syntax")]


@pytest.mark.parametrize("year", ["1750", "2028", "20x1"])
def test_year_must_be_plausible(year):
    assert rules_of(lint(ARTICLE.replace("{2011}", "{" + year + "}"))) == [(5, "bib-year")]


# --- citations ---------------------------------------------------------------------------------

CITATION_RULES = {"missing-citation-key", "citation-syntax", "citation-in-code", "manual-footnote"}


def check_citations(pages: dict[str, str], lib: bibliography.Library):
    """The citation findings `make check` reports: each page record's, and entries cited nowhere."""
    records = [
        page_record.build(path, path, text.encode(), dt.date(2026, 6, 1), None, lib) for path, text in pages.items()
    ]
    return [f for r in records for f in r.findings if f.rule in CITATION_RULES] + unused_entries(records, lib)


def library(text: str = ARTICLE + WEB_PAGE):
    return bibliography.parse("references.bib", text)


def test_cited_key_missing_from_the_bib():
    body = "Claim [@conroy2011folfirinox; @nci2026stage4].\n\nTypo [@conroy2011folfirionx].\n"
    found = check_citations(({"docs/p.md": page_text(GOOD_META, body)}), library())
    assert [(f.path, f.line, f.rule) for f in found] == [("docs/p.md", 10, "missing-citation-key")]


def test_keys_are_case_sensitive():
    body = "Claim [@Conroy2011folfirinox] [@nci2026stage4] [@conroy2011folfirinox].\n"
    found = check_citations(({"docs/p.md": page_text(GOOD_META, body)}), library())
    assert rules_of(found) == [(8, "missing-citation-key")]


def test_bib_entry_cited_nowhere():
    body = "Claim [@conroy2011folfirinox].\n"
    found = check_citations(({"docs/p.md": page_text(GOOD_META, body)}), library())
    assert [(f.path, f.line, f.rule) for f in found] == [("references.bib", 11, "unused-bib-entry")]
    assert found[0].message == (
        "nci2026stage4 is cited on no page; cite it where it supports a claim, or remove it "
        "(the bibliography is the site's evidence base)"
    )


def test_a_bib_entry_cited_only_by_whats_new_is_used():
    assert unused_entries([], library(), frozenset({"conroy2011folfirinox", "nci2026stage4"})) == []
    assert [f.message.split(" ")[0] for f in unused_entries([], library(), frozenset({"nci2026stage4"}))] == [
        "conroy2011folfirinox"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "[write to a@b.org](mailto:a@b.org)",
        "[@conroy2011folfirinox, p. 3]",
        "[see @conroy2011folfirinox]",
        "[@conroy2011folfirinox @nci2026stage4]",
    ],
)
def test_citation_syntax_the_plugin_would_mangle(line):
    _, findings = citations.scan("docs/p.md", f"Text.\n{line}\n")
    assert rules_of(findings) == [(2, "citation-syntax")]


@pytest.mark.parametrize(
    "text",
    [
        "Write to editors@example.org or @jane_doe.",
        "[write to a&#64;b.org](mailto:a&#64;b.org)",
        "A claim [@conroy2011folfirinox; @nci2026stage4].",
        "Brackets [without at signs] are fine.",
    ],
)
def test_well_formed_text_has_no_citation_finding(text):
    assert citations.scan("docs/p.md", text)[1] == []


def test_citation_inside_code_is_reported():
    _, inline = citations.scan("docs/p.md", "Use `[@key]` to cite.\n")
    assert rules_of(inline) == [(1, "citation-in-code")]
    _, fenced = citations.scan("docs/p.md", "```\n[@key]\n```\n")
    assert rules_of(fenced) == [(2, "citation-in-code")]
