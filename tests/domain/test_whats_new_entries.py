"""What's new entries read from the data file (domain/whats_new.py): each well-formed entry as the
page and the feed use it, and each malformed one as the findings an editor reads, with their lines."""

import datetime as dt

import pytest

from pancreas_kb.domain import whats_new
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.whats_new import Change, Entry, Settings

PATH = "whats-new.yml"
CHANGED_HINT = (
    "must be a page path relative to docs/ ending in .md, with an optional #anchor "
    "(e.g. clinicians/systemic-therapy.md#daraxonrasib)"
)
ID_HINT = (
    "must be lower-case letters, digits and single hyphens (e.g. daraxonrasib-approval); it becomes the "
    "entry's link, so never change it once published"
)


def finding(line: int, rule: str, message: str) -> Finding:
    return Finding(PATH, line, rule, message)


FIELD_LIST = "id, date, title, summary, changed"
NOT_A_DATE = "is not a calendar date written YYYY-MM-DD (e.g. 2026-11-30)"


GOOD = """\
- id: good-one
  date: 2026-03-02
  title: "  A good update  "
  summary: >-
    Three sentences at most. A section changed [@known]. See the page.
  changed:
    - clinicians/therapy.md#first-line
    - " patients/treatment.md "
- id: good-one
  date: 2026-03-02
  title: Same day
  summary: Same id.
  changed:
    - patients/a.md
- id: 2nd
  date: 2026-01-01
  title: x
  summary: y
  changed: [patients/a.md]
  2026: x
  title: 5
"""


def test_well_formed_entries_are_kept_trimmed_with_their_lines_and_a_reused_id_is_a_finding():
    data = whats_new.load(PATH, GOOD)
    assert data.path == PATH
    assert data.entries == [
        Entry(
            "good-one",
            dt.date(2026, 3, 2),
            "A good update",
            "Three sentences at most. A section changed [@known]. See the page.",
            (Change("clinicians/therapy.md", "first-line", 7), Change("patients/treatment.md", "", 8)),
            1,
            2,
            4,
        ),
        Entry("good-one", dt.date(2026, 3, 2), "Same day", "Same id.", (Change("patients/a.md", "", 14),), 9, 10, 12),
    ]
    assert data.findings == [
        finding(21, "whats-new-duplicate-field", "title: given twice in one entry (first on line 17); keep one"),
        # A key that is not text has no line of its own in the data: the entry's first line.
        finding(15, "whats-new-unknown-field", f"2026: unknown field; the fields are {FIELD_LIST}"),
        finding(21, "whats-new-text", "title: must be non-empty text"),
        finding(
            9,
            "whats-new-duplicate-id",
            "id: 'good-one' is already used by the entry on line 1; each entry needs its own id",
        ),
    ]
    assert [e.title for e in data.newest_first()] == ["A good update", "Same day"], "one date keeps file order"


MALFORMED = """\
- id: Bad_Id
  date: 2 March 2026
  titel: Typo
  summary: ""
  changed: []
  colour: red
- id: 42
  date: 2026-02-30
  title: |-
    Two
    lines
  summary: One. Two. Three. Four.
  changed:
    - /patients/a.md
    - docs/patients/b.md
    - patients/c/
    - 42
    - patients/d.md#x
- id: links
  date: 20260302
  title: Links
  summary: See [this](../x.md) or <https://example.org> [@bad key].
  changed: patients/a.md
- id: bold
  date: 2026-03-03
  title: <b>Bold</b>
  summary: "Fine."
  changed:
    - patients/a.md
"""


def test_each_malformed_entry_is_left_out_with_a_finding_naming_the_field_and_the_fix():
    data = whats_new.load(PATH, MALFORMED)
    assert data.entries == []
    markup = "holds < or >, which would be read as markup; write the words (e.g. 'less than')"
    assert data.findings == [
        finding(
            1,
            "whats-new-missing-field",
            f"the entry has no 'title' (each entry needs {FIELD_LIST})",
        ),
        finding(3, "whats-new-unknown-field", "titel: unknown field; did you mean 'title'?"),
        finding(6, "whats-new-unknown-field", f"colour: unknown field; the fields are {FIELD_LIST}"),
        finding(1, "whats-new-id", f"id: 'Bad_Id' {ID_HINT}"),
        finding(2, "whats-new-date", f"date: '2 March 2026' {NOT_A_DATE}"),
        finding(4, "whats-new-text", "summary: must be non-empty text"),
        finding(
            5,
            "whats-new-changed",
            "changed: list at least one page, one per line as '- path/page.md#anchor' (path relative to docs/)",
        ),
        finding(7, "whats-new-id", f"id: '42' {ID_HINT}"),
        finding(8, "whats-new-date", f"date: '2026-02-30' {NOT_A_DATE}"),
        finding(
            9,
            "whats-new-plain-text",
            "title: holds the invisible character U+000A; delete it (retype the text around it)",
        ),
        finding(
            9,
            "whats-new-title",
            "title: one line of at most 100 characters (this one has 9); put the detail in the summary",
        ),
        finding(
            12,
            "whats-new-summary",
            "summary: 4 sentences; write one to 3 in plain words and leave the detail (and its figures) "
            "to the changed sections",
        ),
        finding(14, "whats-new-changed", f"changed: '/patients/a.md' {CHANGED_HINT}"),
        finding(15, "whats-new-changed", f"changed: 'docs/patients/b.md' {CHANGED_HINT}"),
        finding(16, "whats-new-changed", f"changed: 'patients/c/' {CHANGED_HINT}"),
        finding(17, "whats-new-changed", f"changed: '42' {CHANGED_HINT}"),
        finding(20, "whats-new-date", f"date: '20260302' {NOT_A_DATE}"),
        finding(22, "whats-new-plain-text", f"summary: {markup}"),
        finding(
            22,
            "whats-new-summary-link",
            "summary: holds a link; list the pages and sections under 'changed' instead, where the page and the "
            "feed turn them into links",
        ),
        finding(
            22,
            "citation-syntax",
            "'[@bad key]' would be read as a citation and mangled; a citation is [@key] or [@key1; @key2], and an "
            "@ must not appear in other brackets (link text, e-mail addresses): write it as &#64; there",
        ),
        finding(
            23,
            "whats-new-changed",
            "changed: list at least one page, one per line as '- path/page.md#anchor' (path relative to docs/)",
        ),
        finding(26, "whats-new-plain-text", f"title: {markup}"),
    ]


FIELDS = {
    "id": "an-update",
    "date": "2026-03-02",
    "title": "An update",
    "summary": "A section changed.",
    "changed": "\n    - clinicians/therapy.md#first-line",
}


def rules_of(**given: str) -> list[tuple[int, str]]:
    """The findings' lines and rules for one entry with the `given` field values (fields on lines 1 to 5)."""
    values = {**FIELDS, **given}
    text = "- " + "  ".join(f"{key}: {values[key]}\n" for key in FIELDS)
    return [(f.line, f.rule) for f in whats_new.load(PATH, text).findings]


@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("id", "a-1-b2", []),
        ("id", "a--b", [(1, "whats-new-id")]),
        ("id", "-a", [(1, "whats-new-id")]),
        ("id", "a-", [(1, "whats-new-id")]),
        ("id", "an_update", [(1, "whats-new-id")]),
        ("id", "an-update-", [(1, "whats-new-id")]),
        ("date", "2024-02-29", []),
        ("date", "2026-3-02", [(2, "whats-new-date")]),
        ("date", "'2026-03-02 '", [(2, "whats-new-date")]),
        ("date", "x2026-03-02", [(2, "whats-new-date")]),
        ("date", "2025-02-29", [(2, "whats-new-date")]),
        ("title", "A" * 100, []),
        ("title", f"'  {'A' * 100}  '", []),
        ("title", "A" * 101, [(3, "whats-new-title")]),
        ("title", "'   '", [(3, "whats-new-text")]),
        ("title", "[a, b]", [(3, "whats-new-text")]),
        ("title", 'Say "yes"', [(3, "whats-new-plain-text")]),
        ("summary", 'Say "yes".', []),
        ("summary", "One. Two. Three [@a; @b].", []),
        ("summary", "One. Two. Three. Four [@a].", [(4, "whats-new-summary")]),
        ("summary", "One. [@a] Two. [@b] Three. [@c] Four.", [(4, "whats-new-summary")]),
        ("summary", "Read <https://example.org/a>.", [(4, "whats-new-plain-text"), (4, "whats-new-summary-link")]),
        ("summary", "Read [the page](patients/a.md).", [(4, "whats-new-summary-link")]),
        ("summary", "A [bracket] alone.", []),
        ("summary", "'   '", [(4, "whats-new-text")]),
        ("summary", "7", [(4, "whats-new-text")]),
        ("changed", "\n    - index.md", []),
        ("changed", "\n    - patients/a.md#section-2", []),
        ("changed", "\n    - patients/a.mdx", [(6, "whats-new-changed")]),
        ("changed", "\n    - patients/a.md\n    - /a.md", [(7, "whats-new-changed")]),
        ("changed", "{page: a.md}", [(5, "whats-new-changed")]),
        ("changed", "", [(5, "whats-new-changed")]),
    ],
)
def test_each_fields_rule_at_and_around_its_boundary(field, value, expected):
    assert rules_of(**{field: value}) == expected


def test_a_field_is_reported_at_its_own_line_wherever_it_is_in_the_entry():
    text = "- " + "  ".join(f"{key}: {FIELDS[key]}\n" for key in ("date", "id", "title", "summary", "changed"))
    assert whats_new.load(PATH, text.replace("an-update", "An-Update")).findings == [
        finding(2, "whats-new-id", f"id: 'An-Update' {ID_HINT}")
    ]


def test_only_the_first_hash_of_a_changed_target_separates_the_page_from_its_anchor():
    text = "- " + "  ".join(f"{key}: {FIELDS[key]}\n" for key in FIELDS).replace("#first-line", "#a#b")
    (entry,) = whats_new.load(PATH, text).entries
    assert entry.changes == (Change("clinicians/therapy.md", "a#b", 6),)


def test_a_missing_field_is_a_finding_at_the_entrys_first_line_and_no_other_rule_judges_it():
    text = "- " + "  ".join(f"{key}: {FIELDS[key]}\n" for key in ("date", "title", "changed"))
    assert whats_new.load(PATH, text).findings == [
        finding(
            1,
            "whats-new-missing-field",
            f"the entry has no '{key}' (each entry needs {FIELD_LIST})",
        )
        for key in ("id", "summary")
    ]


def test_the_sites_whats_new_settings_default_to_the_projects_page_feed_and_follow_page():
    assert whats_new.settings({"entries": "news.yml"}) == Settings(
        "news.yml", "about/whats-new.md", "feed.xml", "about/follow-updates.md"
    )
    assert whats_new.settings({"entries": "n.yml", "page": "news.md", "feed": "atom.xml", "follow": "f.md"}) == (
        Settings("n.yml", "news.md", "atom.xml", "f.md")
    )


@pytest.mark.parametrize("block", [None, {}, {"entries": ""}, {"page": "news.md"}])
def test_a_site_without_a_whats_new_data_file_does_not_use_whats_new(block):
    assert whats_new.settings(block) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "- id: a\n  date: [2026\n",
            finding(
                3,
                "whats-new-yaml",
                "malformed YAML: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence on line "
                "2); check indentation, quoting and colons (each entry starts with '- id:')",
            ),
        ),
        (
            "id: an-update\n",
            finding(1, "whats-new-structure", "the file must be a list of entries, each starting with '- id:'"),
        ),
        (
            "# first\n- just text\n",
            finding(
                2,
                "whats-new-structure",
                f"an entry must be a set of 'field: value' lines (fields: {FIELD_LIST})",
            ),
        ),
    ],
    ids=["malformed-yaml", "not-a-list", "not-an-entry"],
)
def test_a_file_that_does_not_read_as_a_list_of_entries_is_a_finding_with_the_fix(text, expected):
    data = whats_new.load(PATH, text)
    assert (data.entries, data.findings) == ([], [expected])
