"""Random and truncated input to every reader gives findings, never an exception."""

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.domain import bibliography
from scripts.domain import citations
from scripts.checker import unsourced_figures as figures
from scripts.domain import approval
from scripts.domain import evidence
from scripts.domain import frontmatter
from scripts.checker import html_scan
from scripts.checker import site_rules as links
from scripts.domain import schema
from scripts.domain.findings import Finding

TODAY = dt.date(2026, 6, 1)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GOOD_PAGE = ("---\ntitle: Systemic therapy\ndescription: First-line therapy.\naudience: clinician\n"
             "review_status: approved\nlast_reviewed: 2026-03-01\nnext_review: 2027-02-01\n"
             "reviewers:\n  - name: Dr Ada Example\n    credentials: MD\ncounterpart: patients/treatment.md\n---\n\n"
             "# Systemic therapy\n\n!!! summary \"Key points\"\n\n    - OS 11.1 months [@conroy2011folfirinox]\n\n"
             "| Arm | OS |\n| --- | --- |\n| A | 31% [@a; @b] |\n\n```\n[@code]\n```\n")
GOOD_BIB = """@article{conroy2011folfirinox,
  author  = {Conroy, Thierry and Desseigne, Fran{\\c{c}}oise},
  title   = {{FOLFIRINOX} versus gemcitabine},
  journal = {N Engl J Med}, year = {2011}, volume = {364}, pages = {1817--1825},
  doi     = {10.1056/NEJMoa1011923}, pmid = "21561347",
}
@misc{nci2026, author = {{National Cancer Institute}}, title = {Treatment}, year = 2026,
  url = {https://www.cancer.gov/}, urldate = {2026-05-01}}
"""
GOOD_HTML = (Path(__file__).parent / "fixtures" / "site-good" / "index.html").read_text(encoding="utf-8")
# Text built from the characters that matter to each reader, plus anything at all.
MARKUP = st.text(alphabet=st.sampled_from(list("-:#[]{}@;`|!<>/\"'=\n \t%.0123456789abcdefmoHR") + ["\x00", "é"]))
ANY = st.one_of(st.text(), MARKUP)


def truncations(text: str):
    return st.integers(min_value=0, max_value=len(text)).map(lambda n: text[:n])


def only_findings(result):
    assert all(isinstance(f, Finding) for f in result)


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_PAGE), st.builds(lambda a, b: a + b, truncations(GOOD_PAGE), ANY)))
def test_front_matter_reader_and_schema(text):
    page, findings = frontmatter.read("docs/p.md", text)
    only_findings(findings)
    if page is not None:
        only_findings(schema.validate(page, TODAY, Path("/nonexistent")))
        only_findings(figures.unsourced("docs/p.md", page.body, page.body_line))


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_BIB), st.builds(lambda a, b: a + b, truncations(GOOD_BIB), ANY)))
def test_bib_parser_and_lint(text):
    library = bibliography.parse("references.bib", text)
    only_findings(bibliography.lint(library, TODAY))


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_PAGE)))
def test_citation_scanner(text):
    found, findings = citations.scan("docs/p.md", text)
    only_findings(findings)
    only_findings(citations.unknown_keys("docs/p.md", found, {"a"}))


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_HTML), st.builds(lambda a, b: a + b, truncations(GOOD_HTML), ANY)))
def test_html_scanner_and_site_rules(text):
    page = html_scan.scan("index.html", text)
    site = html_scan.Site(Path("site"), {"index.html"}, {"index.html": page})
    ctx = links.context(site, "site", {"site_url": "https://kb.example/base/"}, "docs/",
                        {"docs/index.md": text})
    only_findings(links.check(ctx))


GOOD_EVIDENCE = ("seen_at: https://pubmed.ncbi.nlm.nih.gov/1/\nseen_on: 2026-05-01\nquotes:\n"
                 "  - text: >-\n      Median 11·1 months (HR 0.57).\n    locator: Table 2\n    seen_on: 2026-13-45\n")


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_EVIDENCE), st.builds(lambda a, b: a + b, truncations(GOOD_EVIDENCE), ANY)))
def test_evidence_file_reader(text):
    quotes, findings = evidence.parse_file("evidence/a.yml", "a", text, {"a"}, TODAY)
    only_findings(findings)
    store = evidence.Evidence({"a": quotes})
    only_findings(evidence.figure_findings("docs/p.md", text, 1, "clinician", store))


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_PAGE)))
def test_reviewers_file_reader(text):
    reviewers, findings = approval.parse_reviewers("reviewers.yml", text)
    only_findings(findings)


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_PAGE), st.builds(lambda a, b: a + b, truncations(GOOD_PAGE), ANY)))
def test_review_packet_and_reader_marks(text):
    from scripts.checker import evidence_rules
    from scripts.tools import review_packet
    library = bibliography.parse("references.bib", GOOD_BIB)
    rules = evidence_rules.Inputs(evidence.Evidence(), [], {k: evidence.EVIDENCE_TYPES["news"] for k in library.entries})
    inputs = review_packet.Inputs(library, rules, Path("/nonexistent"), TODAY)
    try:
        review_packet.render("docs/p.md", text, inputs)
    except ValueError:
        pass  # no readable front matter: the packet says so to the caller
    only_findings(evidence.figure_findings("docs/p.md", text, 1, "patient", rules.evidence))
