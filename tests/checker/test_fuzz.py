"""Random and truncated input to every reader gives findings, never an exception."""

import contextlib
import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pancreas_kb.checker import html_scan, site_rules, unsourced_figures
from pancreas_kb.domain import approval, bibliography, citations, evidence, frontmatter, schema, yamlfile
from pancreas_kb.domain.findings import Finding

TODAY = dt.date(2026, 6, 1)
# How many examples is the profile's (tests/conftest.py): a fixed number and seed in CI, more in `make fuzz`.
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
GOOD_PAGE = (
    "---\ntitle: Systemic therapy\ndescription: First-line therapy.\naudience: clinician\n"
    "review_status: approved\nlast_reviewed: 2026-03-01\nnext_review: 2027-02-01\n"
    "reviewers:\n  - name: Dr Ada Example\n    credentials: MD\ncounterpart: patients/treatment.md\n---\n\n"
    '# Systemic therapy\n\n!!! summary "Key points"\n\n    - OS 11.1 months [@conroy2011folfirinox]\n\n'
    "| Arm | OS |\n| --- | --- |\n| A | 31% [@a; @b] |\n\n```\n[@code]\n```\n"
)
GOOD_BIB = """@article{conroy2011folfirinox,
  author  = {Conroy, Thierry and Desseigne, Fran{\\c{c}}oise},
  title   = {{FOLFIRINOX} versus gemcitabine},
  journal = {N Engl J Med}, year = {2011}, volume = {364}, pages = {1817--1825},
  doi     = {10.1056/NEJMoa1011923}, pmid = "21561347",
}
@misc{nci2026, author = {{National Cancer Institute}}, title = {Treatment}, year = 2026,
  url = {https://www.cancer.gov/}, urldate = {2026-05-01}}
"""
GOOD_HTML = (Path(__file__).parents[1] / "fixtures" / "site-good" / "index.html").read_text(encoding="utf-8")
# Text built from the characters that matter to each reader, plus anything at all.
MARKUP = st.text(alphabet=st.sampled_from([*"-:#[]{}@;`|!<>/\"'=\n \t%.0123456789abcdefmoHR", "\x00", "é"]))
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
        only_findings(unsourced_figures.unsourced("docs/p.md", page.body, page.body_line))


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
@example("<![0")  # found by a long run: Python's HTML parser asserted on a nameless "<!["
def test_html_scanner_and_site_rules(text):
    page = html_scan.scan("index.html", text)
    site = html_scan.Site(Path("site"), {"index.html"}, {"index.html": page})
    ctx = site_rules.context(site, "site", {"site_url": "https://kb.example/base/"}, "docs/", {"docs/index.md": text})
    only_findings(site_rules.check(ctx))


# --- every YAML value in every field, arbitrary bytes, malformed bibliography entries ---------
# Each property runs what the build's hooks and `make check` run on a page record.

from pancreas_kb.checker.check import audience_rules  # noqa: E402 - grouped with the tests that use it
from pancreas_kb.domain import cite, dashboard, jsonld, page_record, seo, source_text  # noqa: E402
from pancreas_kb.domain.states import STATES  # noqa: E402

LIBRARY = bibliography.parse("references.bib", GOOD_BIB)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["patient", "approved", "2026-03-01", "2026-02-30", "", " "]),
)
YAML_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["name", "credentials", "x"]), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = (*schema.ALLOWED, "status", "unknown")


def page_bytes(meta: dict, body: str = "# T\n\nText [@conroy2011folfirinox] [@nokey].\n") -> bytes:
    return ("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body).encode("utf-8")


def everything_a_build_does(record: page_record.PageRecord) -> None:
    """The domain calls every hook and the checker make with a record; each must not raise."""
    only_findings(record.findings)
    only_findings(audience_rules(record))
    assert isinstance(record.title, str) and isinstance(record.description, str)
    assert set(record.fields_the_theme_cannot_read()) <= {"title", "description", "hide"}
    facts = seo.PageFacts(
        record.path, record.title, record.line("title"), record.description, record.line("description")
    )
    only_findings(seo.unique_titles([facts, facts]))
    dashboard.markdown(dashboard.rows([record]), "about/review-dashboard.md", TODAY)
    trust = record.trust
    jsonld.script(
        jsonld.medical_web_page(
            title=record.title,
            description=record.description,
            url="",
            site_name="S",
            site_url="",
            trust=trust,
            updated=None,
            cited=list(record.cited),
        )
    )
    if trust is not None:
        assert trust.shown in STATES.values() and trust.label and record.audience.label
        page = cite.CitedPage(record.title or "T", "S", "u", record.src_uri, None, trust.last_reviewed, 2026)
        cite.as_html(cite.ama(page), "ama", "[date]")
        cite.ris(page)
        cite.bibtex(page)


@FUZZ
@given(st.dictionaries(st.sampled_from(FIELDS), YAML_VALUES, max_size=len(FIELDS)))
def test_front_matter_of_every_yaml_type(fields):
    meta = {"title": "T", "description": "D.", "audience": "patient", "review_status": "submitted", **fields}
    try:
        data = page_bytes(meta)
    except yaml.YAMLError:
        return  # a value YAML itself cannot write; nothing an editor could type
    record = page_record.build("docs/p.md", "p.md", data, TODAY, Path("/nonexistent"), LIBRARY)
    everything_a_build_does(record)
    if record.trust is None:
        assert any(f.severity == "error" for f in record.findings), "a page without a trust block fails the build"


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=400),
        st.builds(
            lambda good, at, junk: good[:at] + junk + good[at:],
            st.just(GOOD_PAGE.encode()),
            st.integers(0, len(GOOD_PAGE)),
            st.sampled_from([b"\xff", b"\xef\xbb\xbf", b"\r\n", b"\r", b"\x00", b"\x02\x03", b"\xc3", b"\xe2\x80"]),
        ),
    )
)
def test_arbitrary_bytes(data):
    record = page_record.build("docs/p.md", "p.md", data, TODAY, Path("/nonexistent"), LIBRARY)
    everything_a_build_does(record)
    assert "\r" not in record.text and not source_text.CONTROL_RE.search(record.text)
    rules = {f.rule for f in record.findings}
    if data.startswith(source_text.BOM):
        assert "file-bom" in rules
    if b"\r" in data:
        assert "file-line-endings" in rules


def test_bytes_problems_are_findings_with_their_lines():
    data = b"---\ntitle: T\r\n---\n\nok\n\xff here\nand \x02 there\n"
    record = page_record.build("docs/p.md", "p.md", source_text.BOM + data, TODAY, None, None)
    found = {(f.line, f.rule) for f in record.findings}
    assert {(1, "file-bom"), (2, "file-line-endings"), (6, "file-encoding"), (7, "file-control-character")} <= found
    assert record.text.splitlines()[5] == "\ufffd here", "the text keeps the file's lines"


KEYS = st.sampled_from(["good2020key", "", "two words", "dup", "Dup", "ünï", "a,b", "{x}", "123"])
FIELD_TEXT = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        ["{Doe, Jane and Roe, R}", "{Doe, Jane, Jr, X}", "{unbalanced", "nejm", "{x} # ", '"quoted"', "{}", "{@}"]
    ),
)
ENTRY = st.builds(
    lambda kind, key, fields, close: f"@{kind}{{{key},\n" + "".join(f"  {n} = {v},\n" for n, v in fields) + close,
    st.sampled_from(["article", "misc", "online", "weird", ""]),
    KEYS,
    st.lists(
        st.tuples(st.sampled_from(["author", "title", "journal", "year", "doi", "pmid", "url", "title"]), FIELD_TEXT),
        max_size=5,
    ),
    st.sampled_from(["}\n", "\n", "}}\n", ")\n"]),
)


@FUZZ
@given(st.lists(ENTRY, min_size=1, max_size=4).map("".join))
def test_malformed_bib_entries_are_caught_before_the_citation_plugin(text):
    """What passes our bibliography check, the plugin's own parser (pybtex) reads without an exception."""
    library = bibliography.parse("references.bib", text)
    only_findings(bibliography.lint(library, TODAY))
    for entry in library.entries.values():
        bibliography.vancouver(entry)
        jsonld.cited_work(entry)
    if not any(f.severity == "error" for f in library.findings):
        from pybtex.database.input import bibtex as pybtex_bibtex

        pybtex_bibtex.Parser().parse_string(text)


GOOD_EVIDENCE = (
    "seen_at: https://pubmed.ncbi.nlm.nih.gov/1/\nseen_on: 2026-05-01\nquotes:\n"
    "  - text: >-\n      Median 11·1 months (HR 0.57).\n    locator: Table 2\n    seen_on: 2026-13-45\n"
)


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_EVIDENCE), st.builds(lambda a, b: a + b, truncations(GOOD_EVIDENCE), ANY)))
# Found at random: a key that is null ("?" and "~:"), true, or a number is not the text str() makes of it.
@example("?")
@example("~: 1")
@example("true: x\nquotes: [{text: a, ~: b, 1: c, yes: d}]")
# A value its tag cannot hold raised ValueError, KeyError or IndexError from inside PyYAML.
@example("seen_on: !!int x\nquotes: [{text: a, locator: b}]")
@example("quotes: [{text: !!bool maybe}]")
def test_evidence_file_reader(text):
    quotes, findings = evidence.parse_file("evidence/a.yml", "a", text, {"a"}, TODAY)
    only_findings(findings)
    store = evidence.Evidence({"a": quotes})
    only_findings(evidence.figure_findings("docs/p.md", evidence.claims(text, 1), "clinician", store))


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_PAGE)))
@example("- name: A\n  github_id: !!int ")
def test_reviewers_file_reader(text):
    _reviewers, findings = approval.parse_reviewers("reviewers.yml", text)
    only_findings(findings)


YAML_PIECES = st.lists(
    st.sampled_from([*"-:[]{}!&*?|>'\"#\n \tab1~", "!!int ", "!!bool ", "\x00", "name: ", "- "]), max_size=30
).map("".join)


@FUZZ
@given(st.one_of(ANY, YAML_PIECES))
@example("?")  # a mapping whose only key is null
@example("!!int ")  # found by this test: an empty int raised IndexError inside PyYAML
@example("- &a [*a]")  # a list that holds itself
def test_list_file_reader(text):
    """The reader of every data file that is a list of entries (glossary, synonyms, What's new, ...)."""
    _, findings = yamlfile.read_list(
        "f.yml", text, ("x-yaml", "x-shape"), "fix", "a list", lambda e: (e.data.get("name"), []), "entry {number}"
    )
    only_findings(findings)
    assert all(1 <= f.line <= len(text.splitlines()) + 2 for f in findings)


@FUZZ
@given(st.one_of(ANY, truncations(GOOD_PAGE), st.builds(lambda a, b: a + b, truncations(GOOD_PAGE), ANY)))
def test_review_packet_and_reader_marks(text):
    from pancreas_kb.checker import evidence_rules
    from pancreas_kb.tools import review_packet

    library = bibliography.parse("references.bib", GOOD_BIB)
    rules = evidence_rules.Inputs(
        evidence.Evidence(), [], {k: evidence.EVIDENCE_TYPES["news"] for k in library.entries}
    )
    inputs = review_packet.Inputs(library, rules, Path("/nonexistent"), TODAY)
    with contextlib.suppress(ValueError):  # no readable front matter: the packet says so to the caller
        review_packet.render(
            page_record.build("docs/p.md", "p.md", text.encode("utf-8", "surrogatepass"), TODAY, None, library), inputs
        )
    only_findings(evidence.figure_findings("docs/p.md", evidence.claims(text, 1), "patient", rules.evidence))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("?\n", [(1, "evidence-unknown-field"), (1, "evidence-required")]),
        ("seen_at: x\n~: 1\n", [(2, "evidence-unknown-field"), (1, "evidence-required")]),
        (
            "quotes:\n  - text: A passage.\n    true: x\n    locator: p. 2\n",
            [(3, "evidence-unknown-field"), (2, "evidence-required"), (2, "evidence-required")],
        ),
    ],
)
def test_evidence_keys_that_are_not_text_are_reported_at_their_line(text, expected):
    _quotes, findings = evidence.parse_file("evidence/a.yml", "a", text, {"a"}, TODAY)
    assert [(f.line, f.rule) for f in findings] == expected
