"""The glossary: its data file's findings, the glossary page, and terms explained at first use per section."""

import xml.etree.ElementTree as etree

import pytest

from pancreas_kb.domain import glossary
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.glossary import Term

PATH = "includes/glossary.yml"
DATA = """\
- term: CT
  definition: Computed tomography
- term: ' NTRK '
  definition: A gene
  clinicians: true
- term: X
  definition: Y
  clinicians: maybe
  colour: red
- definition: no term
- term: Empty
  definition: '  '
- term: Q
  definition: R
  clinicians: 'false'
- term: S
  definition: T
  clinicians: false
- term: U
  definition: V
  clinicians: 'true'
- term: CT
  definition: again
- just text
- term: [a]
  definition: d
"""


def test_the_data_file_gives_terms_in_file_order_and_a_finding_per_bad_entry():
    terms, findings = glossary.parse(PATH, DATA)
    assert terms == [
        Term("CT", "Computed tomography", 1, False),
        Term("NTRK", "A gene", 3, True),
        Term("X", "Y", 6, False),
        Term("Q", "R", 13, False),
        Term("S", "T", 16, False),
        Term("U", "V", 19, True),
        Term("CT", "again", 22, False),
    ]
    assert findings == [
        Finding(PATH, 9, "glossary-unknown-field", "colour: unknown field; allowed: term, definition, clinicians"),
        Finding(PATH, 8, "glossary-value", "X: clinicians: write true or false"),
        Finding(PATH, 10, "glossary-syntax", "entry without a term; add `term:` with the word as pages write it"),
        Finding(PATH, 11, "glossary-empty", "Empty: has no definition; add `definition:` in plain language"),
        Finding(
            PATH,
            24,
            "glossary-syntax",
            "each entry is a mapping; write `- term: CT` and, indented below it, `definition: ...`",
        ),
        Finding(PATH, 25, "glossary-syntax", "entry without a term; add `term:` with the word as pages write it"),
    ]
    assert glossary.duplicates(PATH, terms) == [
        Finding(PATH, 22, "glossary-duplicate", "CT: already defined on line 1; keep one definition")
    ]


def test_an_unknown_field_is_reported_even_on_an_entry_without_a_term():
    _, findings = glossary.parse(PATH, "- colour: red\n  definition: d\n")
    assert findings == [
        Finding(PATH, 1, "glossary-unknown-field", "colour: unknown field; allowed: term, definition, clinicians"),
        Finding(PATH, 1, "glossary-syntax", "entry without a term; add `term:` with the word as pages write it"),
    ]
    _, findings = glossary.parse(PATH, "- term: T\n  colour: red\n")
    assert findings == [
        Finding(PATH, 2, "glossary-unknown-field", "colour: unknown field; allowed: term, definition, clinicians"),
        Finding(PATH, 1, "glossary-empty", "T: has no definition; add `definition:` in plain language"),
    ]


def test_fields_after_an_unknown_one_are_still_read():
    assert glossary.parse(PATH, "- colour: red\n  term: T\n  definition: D\n") == (
        [Term("T", "D", 1)],
        [Finding(PATH, 1, "glossary-unknown-field", "colour: unknown field; allowed: term, definition, clinicians")],
    )


@pytest.mark.parametrize("value", ["True", "yes", "on", "1"])
def test_clinicians_is_written_true_or_false_and_nothing_else(value):
    terms, findings = glossary.parse(PATH, f"- term: T\n  definition: D\n  clinicians: {value}\n")
    assert terms == [Term("T", "D", 1, False)]
    assert findings == [Finding(PATH, 3, "glossary-value", "T: clinicians: write true or false")]


def test_a_file_that_is_not_a_list_or_not_yaml_is_reported_with_a_fix():
    assert glossary.parse("g.yml", "a: b\n") == (
        [],
        [Finding("g.yml", 1, "glossary-syntax", "the file is a list of entries, each starting with `- term:`")],
    )
    terms, findings = glossary.parse("g.yml", "a: [\n")
    assert terms == [] and [(f.line, f.rule) for f in findings] == [(2, "glossary-yaml")]
    assert findings[0].message.endswith("; quote a definition that contains a colon")


@pytest.mark.parametrize(
    "term, anchor, letter",
    [
        ("Écho scan", "term-e-cho-scan", "E"),
        ("CA 19-9", "term-ca-19-9", "C"),
        ("Ωmega", "term-mega", "M"),
        ("***", "term-x", "#"),
        ("5-FU", "term-5-fu", "#"),
        ("abc", "term-abc", "A"),
    ],
)
def test_each_term_has_an_anchor_and_a_letter(term, anchor, letter):
    assert glossary.anchor(term) == anchor
    assert glossary._letter(term) == letter


TERMS = [
    Term("CT", "Computed <tomography>", 1),
    Term("ct", "dup lower", 2),
    Term("5-FU", "A drug", 3),
    Term("Ca", "Calcium & x", 4),
    Term("CA", "Cancer antigen", 5),
    Term("scan", "an image", 6, True),
    Term("***", "stars", 7),
    Term("CT", "later CT", 8),
]


def test_terms_are_listed_alphabetically_ignoring_case_and_marks_the_last_definition_kept():
    assert [(t.term, t.line) for t in glossary.alphabetical(TERMS)] == [
        ("***", 7),
        ("5-FU", 3),
        ("CA", 5),
        ("Ca", 4),
        ("CT", 8),
        ("ct", 2),
        ("scan", 6),
    ]


def test_the_glossary_page_lists_terms_under_letter_headings_with_unique_anchors():
    assert glossary.render(TERMS) == (
        "## # {#letter-other}\n\n"
        '<dl class="kb-glossary">\n'
        '<dt id="term-x"><dfn>***</dfn></dt>\n<dd>stars</dd>\n'
        '<dt id="term-5-fu"><dfn>5-FU</dfn></dt>\n<dd>A drug</dd>\n'
        "</dl>\n\n"
        "## C {#letter-c}\n\n"
        '<dl class="kb-glossary">\n'
        '<dt id="term-ca"><dfn>CA</dfn></dt>\n<dd>Cancer antigen</dd>\n'
        '<dt id="term-ca-2"><dfn>Ca</dfn></dt>\n<dd>Calcium &amp; x</dd>\n'
        '<dt id="term-ct"><dfn>CT</dfn></dt>\n<dd>later CT</dd>\n'
        '<dt id="term-ct-2"><dfn>ct</dfn></dt>\n<dd>dup lower</dd>\n'
        "</dl>\n\n"
        "## S {#letter-s}\n\n"
        '<dl class="kb-glossary">\n'
        '<dt id="term-scan"><dfn>scan</dfn></dt>\n<dd>an image</dd>\n'
        "</dl>\n"
    )
    assert glossary.render([]) == ""


def test_three_terms_with_one_anchor_get_distinct_ids():
    html = glossary.render([Term("a b", "1", 1), Term("a-b", "2", 2), Term("a.b", "3", 3)])
    assert [line for line in html.splitlines() if line.startswith("<dt")] == [
        '<dt id="term-a-b"><dfn>a b</dfn></dt>',
        '<dt id="term-a-b-2"><dfn>a-b</dfn></dt>',
        '<dt id="term-a-b-2-2"><dfn>a.b</dfn></dt>',
    ]


def test_the_marker_line_is_replaced_once_by_the_glossary():
    assert glossary.fill("A\n<!-- glossary -->\nB <!-- glossary -->", [Term("a", "b <c>", 1)]) == (
        'A\n## A {#letter-a}\n\n<dl class="kb-glossary">\n<dt id="term-a"><dfn>a</dfn></dt>\n<dd>b &lt;c&gt;</dd>\n'
        "</dl>\n\nB <!-- glossary -->"
    )


# --- matching terms in text --------------------------------------------------------------


def test_a_term_with_capitals_matches_as_written_and_a_lower_case_one_also_capitalised():
    matcher = glossary.Matcher(TERMS, "patient")
    found = {
        w: (t.term if t else None)
        for w in ["CT", "ct", "Ct", "SCAN", "Scan", "scan", "sCan", "ca", "Ca", "CA", "cA"]
        for t in [matcher.term_at(w)]
    }
    assert found == {
        "CT": "CT",
        "ct": "ct",
        "Ct": "ct",
        "SCAN": None,
        "Scan": "scan",
        "scan": "scan",
        "sCan": None,
        "ca": None,
        "Ca": "Ca",
        "CA": "CA",
        "cA": None,
    }


def test_expert_readers_get_only_the_terms_flagged_for_clinicians():
    assert [t.term for t in glossary.Matcher(TERMS, "clinician").exact.values()] == ["scan"]
    assert glossary.Matcher([Term("CT", "x", 1)], "clinician").split("A CT.", set()) == ["A CT."]


def test_text_is_split_at_the_first_use_of_each_whole_term_longest_first():
    matcher = glossary.Matcher([Term("CT", "c", 1), Term("CT scan", "s", 2), Term("5-FU", "f", 3)], "patient")
    seen = {"MRI"}
    parts = matcher.split("A CT scan, then CT-guided and xCT and CT. CT scan of 5-FU.", seen)
    assert parts == [
        "A ",
        "CT scan",
        Term("CT scan", "s", 2),
        ", then CT-guided and xCT and ",
        "CT",
        Term("CT", "c", 1),
        ". CT scan of ",
        "5-FU",
        Term("5-FU", "f", 3),
        ".",
    ]
    assert seen == {"MRI", "CT scan", "CT", "5-FU"}
    assert matcher.split("", set()) == [""]
    assert glossary.Matcher([], "patient").split("CT", set()) == ["CT"]


def test_a_longer_term_wins_over_a_shorter_one_it_starts_with_whatever_the_case():
    matcher = glossary.Matcher([Term("bile", "b", 1), Term("Bile duct", "d", 2)], "patient")
    assert matcher.split("Bile duct blocked.", set()) == ["", "Bile duct", Term("Bile duct", "d", 2), " blocked."]


# --- marking a rendered page --------------------------------------------------------------

MATCHER = glossary.Matcher(
    [Term("CT", "Computed tomography", 1), Term("MRI", "Magnetic", 2), Term("bile", "Liquid", 3)], "patient"
)


def marked(html: str, root_only: bool = False) -> str:
    root = etree.fromstring(html)
    glossary.mark(root, MATCHER, set())
    return etree.tostring(root, encoding="unicode")


def test_terms_are_explained_at_first_use_in_each_section_in_text_and_tails():
    html = (
        "<div><p>A CT and MRI. <em>x</em> CT bile and MRI <b>Bile</b> bile</p>"
        "<h2>Next</h2><p>CT <strong>CT</strong></p></div>"
    )
    assert marked(html) == (
        '<div><p>A <abbr title="Computed tomography">CT</abbr> and <abbr title="Magnetic">MRI</abbr>. <em>x</em> CT '
        '<abbr title="Liquid">bile</abbr> and MRI <b>Bile</b> bile</p>'
        '<h2>Next</h2><p><abbr title="Computed tomography">CT</abbr> <strong>CT</strong></p></div>'
    )


@pytest.mark.parametrize(
    "skipped",
    [
        *(f"<{tag}>bile</{tag}>" for tag in sorted(glossary.SKIP_TAGS)),
        '<span class="footnote">bile</span>',
        '<div class="x admonition-title">bile</div>',
        '<p class="kb-glossary">bile</p>',
    ],
)
def test_terms_are_not_explained_in_headings_links_code_or_the_reference_list(skipped):
    assert sorted(glossary.SKIP_TAGS) == [
        "a", "abbr", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "pre", "script", "style", "summary"
    ]  # fmt: skip
    assert marked(f"<div><h2>S</h2>{skipped}<p>bile</p></div>") == (
        f'<div><h2>S</h2>{skipped}<p><abbr title="Liquid">bile</abbr></p></div>'
    )


def test_several_terms_first_used_after_an_element_keep_their_order():
    assert marked("<p><em>x</em> CT, bile and MRI.</p>") == (
        '<p><em>x</em> <abbr title="Computed tomography">CT</abbr>, <abbr title="Liquid">bile</abbr> and '
        '<abbr title="Magnetic">MRI</abbr>.</p>'
    )


def test_inside_a_skipped_element_neither_its_text_nor_its_childrens_tails_are_marked():
    assert (
        marked("<a>bile <em>CT</em> MRI</a>") == '<a>bile <em><abbr title="Computed tomography">CT</abbr></em> MRI</a>'
    )
