"""Fields readers see as words hold plain words: no markup, no references, no invisible characters."""

import datetime as dt

import pytest

from pancreas_kb.domain import plain_text, schema
from pancreas_kb.domain.frontmatter import read
from tests.sitebuilder import APPROVED, page

TODAY = dt.date(2026, 6, 1)
# Each of these got a script or a false reading onto a page through a field the theme prints.
BAD = [
    ("</title><script>alert(1)</script>", "< or >"),
    ("Pain &lt;script&gt;", "character reference"),
    ("Pain &#60;script&#62;", "character reference"),
    ('x" onfocus="alert(1)', "straight double quote"),
    ("Pain\nrelief", "U+000A"),
    ("Safe dose \u202e01 gm", "U+202E"),
    ("Zero\u200bwidth", "U+200B"),
]
GOOD = ["Pain relief: what helps", "Risks & benefits", "“Chemo brain”", "CA19-9, FOLFIRINOX and 5-FU", "Über"]


@pytest.mark.parametrize("value, why", BAD)
def test_not_plain_text(value, why):
    assert why in plain_text.problem(value)


@pytest.mark.parametrize("value", GOOD)
def test_plain_text(value):
    assert plain_text.problem(value) is None


def findings(text, rule):
    front, _ = read("docs/p.md", text)
    return rule(front)


@pytest.mark.parametrize("value, why", BAD)
def test_title_description_and_reviewers_refuse_what_is_not_plain_text(value, why):
    assert findings(page(value), schema.plain_title)[0].rule == "front-matter-plain-text"
    assert findings(page("T", description=value), schema.plain_description)[0].line == 3
    reviewers = [{"name": "Dr Ada Example", "credentials": value}]
    found = findings(page("T", "approved", **{**APPROVED, "reviewers": reviewers}), schema.plain_reviewers)
    assert "reviewers: entry 1 credentials" in found[0].message and why in found[0].message


@pytest.mark.parametrize("value", GOOD)
def test_plain_fields_pass(value):
    text = page(value, "approved", **{**APPROVED, "reviewers": [{"name": value, "credentials": "MD"}]})
    text = text.replace("description: About", "description: About")
    for rule in (schema.plain_title, schema.plain_description, schema.plain_reviewers):
        assert findings(text, rule) == []
    assert [f for f in schema.validate(read("docs/p.md", text)[0], TODAY) if f.rule == "front-matter-plain-text"] == []


def test_whats_new_titles_and_summaries_hold_no_markup():
    from pancreas_kb.domain import whats_new

    text = (
        "- id: a\n  date: 2026-05-01\n  title: 'New <img src=x onerror=alert(1)>'\n"
        '  summary: "A change, \\"quoted\\", on two\\nlines."\n  changed:\n    - index.md\n'
    )
    data = whats_new.load("whats-new.yml", text)
    found = [f for f in data.findings if f.rule == "whats-new-plain-text"]
    assert [(f.line, f.message.split(":")[0]) for f in found] == [(3, "title")]


def test_bibliography_fields_hold_no_markup_and_urls_are_web_addresses():
    from pancreas_kb.domain import bibliography

    library = bibliography.parse(
        "references.bib",
        "@misc{a2020web,\n  title = {Care <style>.kb-trust{display:none}</style>},\n"
        "  url = {javascript:alert(1)},\n  urldate = {2026-01-01},\n  year = {2020}\n}\n",
    )
    found = {f.rule: f for f in bibliography.lint(library, TODAY)}
    assert found["bib-plain-text"].line == 2 and "title holds < or >" in found["bib-plain-text"].message
    assert found["bib-url"].line == 3


@pytest.mark.parametrize(
    "value, why",
    [
        ("a\u202eb", "holds the invisible character U+202E; delete it (retype the text around it)"),
        ("a\tb", "holds the invisible character U+0009; delete it (retype the text around it)"),
        ("a\x7fb<", "holds the invisible character U+007F; delete it (retype the text around it)"),
        ("a < b", "holds < or >, which would be read as markup; write the words (e.g. 'less than')"),
        ("b > a &amp;", "holds < or >, which would be read as markup; write the words (e.g. 'less than')"),
        ("Fish &amp; chips", "holds the character reference '&amp;'; type the character itself"),
        ("Fish &AMP; chips", "holds the character reference '&AMP;'; type the character itself"),
        ("A &#38 B", "holds the character reference '&#38'; type the character itself"),
        ("A &#x3C B", "holds the character reference '&#x3C'; type the character itself"),
        ('Say "hi"', 'holds a straight double quote ("), which ends an HTML attribute; use curly quotes “ ”'),
    ],
)
def test_each_problem_is_named_with_its_fix(value, why):
    assert plain_text.problem(value) == why


@pytest.mark.parametrize("value", ["Fish &amp chips", "R&D", "A & B", "&1;", "It's fine", "“quoted”"])
def test_an_ampersand_that_no_browser_reads_as_a_reference_is_plain(value):
    assert plain_text.problem(value) is None


def test_prose_may_hold_line_breaks_and_straight_quotes_but_nothing_else():
    assert plain_text.problem('Two\nlines, "quoted".', prose=True) is None
    assert plain_text.problem("Line\nthen a\ttab", prose=True) == (
        "holds the invisible character U+0009; delete it (retype the text around it)"
    )
    assert plain_text.problem("a <b>", prose=True).startswith("holds < or >")
