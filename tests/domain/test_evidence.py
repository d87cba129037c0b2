"""Evidence files, types and the figure rule: the exact findings an editor reads and the records the build shows."""

import datetime as dt
from decimal import Decimal

import pytest

from pancreas_kb.domain import bibliography, evidence
from pancreas_kb.domain.findings import Finding

TODAY = dt.date(2026, 6, 1)
PATH = "evidence/conroy2011.yml"
HEAD = "seen_at: https://x.example/a\nseen_on: 2026-05-01\n"


def parse(text, key="conroy2011"):
    return evidence.parse_file(f"evidence/{key}.yml", key, text, {"conroy2011"}, TODAY)


def error(line, rule, message):
    return Finding(PATH, line, rule, message, "error")


# --- evidence types -------------------------------------------------------------------


def test_the_evidence_types_readers_see_and_which_are_secondary():
    assert {t.id: (t.label, t.secondary) for t in evidence.EVIDENCE_TYPES.values()} == {
        "randomised-trial": ("Randomised trial", False),
        "meta-analysis": ("Meta-analysis", False),
        "guideline": ("Guideline", False),
        "consensus": ("Consensus statement", False),
        "cohort": ("Cohort study", False),
        "case-series": ("Case series", False),
        "case-report": ("Case report", False),
        "diagnostic-accuracy": ("Diagnostic accuracy study", False),
        "review": ("Review article", False),
        "official": ("Official statistics or statement", False),
        "patient-information": ("Patient information", False),
        "news": ("News report", True),
        "abstract": ("Conference abstract", True),
        "other": ("Other source", True),
    }
    assert evidence.SECONDARY_MARK == "secondary source"


def test_an_entrys_type_is_read_from_its_evidence_field():
    assert evidence.evidence_type({"evidence": " guideline "}).label == "Guideline"
    assert evidence.evidence_type({"evidence": "rct"}) is None
    assert evidence.evidence_type({}) is None


ALLOWED = (
    "randomised-trial, meta-analysis, guideline, consensus, cohort, case-series, case-report, "
    "diagnostic-accuracy, review, official, patient-information, news, abstract, other"
)


def test_entries_without_a_known_type_are_reported_at_the_field_or_the_entry():
    library = bibliography.parse(
        "references.bib",
        "@misc{a, author = {A}, title = {T}, evidence = {guideline}}\n"
        "@misc{b, author = {B}, title = {T}}\n"
        "@misc{c, author = {C}, title = {T},\n  evidence = {rct}}\n",
    )
    assert evidence.entry_types(library) == [
        Finding(
            "references.bib",
            2,
            "bib-evidence-type",
            f"b: has no 'evidence' field; add evidence = {{TYPE}} with one of: {ALLOWED}",
        ),
        Finding(
            "references.bib",
            4,
            "bib-evidence-type",
            f"c: evidence 'rct' is not a known type; add evidence = {{TYPE}} with one of: {ALLOWED}",
        ),
    ]


# --- evidence files ---------------------------------------------------------------------


def test_quotes_are_read_with_whitespace_folded_and_unknown_fields_named():
    text = (
        HEAD + "extra: 1\nquotes:\n  - text: '  A   passage\n    here. '\n    locator: ' p.  2 '\n"
        "    seen_at: ' https://y.example/b '\n    note: x\n"
    )
    quotes, findings = parse(text, key="bad")
    assert findings == [
        Finding(
            "evidence/bad.yml",
            1,
            "evidence-unknown-key",
            "'bad' is not a key in references.bib; name the file after the entry's key "
            "(keys are case-sensitive), or add the entry",
        ),
        Finding(
            "evidence/bad.yml",
            3,
            "evidence-unknown-field",
            "'extra' is not an evidence-file field (allowed: seen_at, seen_on, quotes)",
        ),
        Finding(
            "evidence/bad.yml",
            9,
            "evidence-unknown-field",
            "quote 1: 'note' is not a quote field (allowed: text, locator, seen_at, seen_on)",
        ),
    ]
    assert quotes == [
        evidence.Quote(
            "bad", "A passage here.", "p. 2", "https://y.example/b", dt.date(2026, 5, 1), "evidence/bad.yml", 5
        )
    ]


def test_a_quote_without_the_files_seen_at_and_seen_on_is_told_where_to_add_them():
    quotes, findings = parse("quotes:\n  - text: T.\n    locator: L\n")
    assert quotes == []
    assert findings == [
        error(2, "evidence-required", "quote 1: 'seen_at' is missing; add it to the quote or the file"),
        error(2, "evidence-required", "quote 1: 'seen_on' is missing; add it to the quote or the file"),
    ]


def test_a_quote_without_text_or_locator_is_told_to_add_it_to_the_quote():
    quotes, findings = parse(HEAD + "quotes:\n  - text: ' '\n  - locator: L\n")
    assert quotes == []
    assert findings == [
        error(4, "evidence-required", "quote 1: 'text' is missing; add it to the quote"),
        error(4, "evidence-required", "quote 1: 'locator' is missing; add it to the quote"),
        error(5, "evidence-required", "quote 2: 'text' is missing; add it to the quote"),
    ]


def test_fields_that_are_not_text_are_reported_on_their_own_lines():
    quotes, findings = parse("quotes:\n  - text: 5\n    locator: [a]\n    seen_at: 7\n    seen_on: 2026-06-01\n")
    assert quotes == []
    assert findings == [
        error(2, "evidence-shape", "quote 1: 'text' must be text"),
        error(3, "evidence-shape", "quote 1: 'locator' must be text"),
        error(4, "evidence-shape", "quote 1: 'seen_at' must be text"),
    ]


def test_a_blank_address_is_missing_and_a_future_day_is_reported():
    _, findings = parse("quotes:\n  - text: T.\n    locator: L\n    seen_at: ' '\n    seen_on: 2026-06-02\n")
    assert findings == [
        error(2, "evidence-required", "quote 1: 'seen_at' is missing; add it to the quote or the file"),
        error(
            5,
            "evidence-date",
            "quote 1: seen_on 2026-06-02 is in the future; give the day the copy was read",
        ),
    ]


@pytest.mark.parametrize(
    "seen_at, seen_on, expected",
    [
        (
            "ftp://x.example/",
            "2026-05-01 10:00:00",
            [
                error(
                    4,
                    "evidence-url",
                    "quote 1: seen_at 'ftp://x.example/' is not a web address; give the https:// address "
                    "of the copy that was read",
                ),
                error(5, "evidence-date", "quote 1: seen_on '2026-05-01 10:00:00' is not a date; write YYYY-MM-DD"),
            ],
        ),
        (
            "https://x.example/",
            "12",
            [error(5, "evidence-date", "quote 1: seen_on '12' is not a date; write YYYY-MM-DD")],
        ),
        (
            "https://x.example/",
            "'May 2026'",
            [error(5, "evidence-date", "quote 1: seen_on 'May 2026' is not a date; write YYYY-MM-DD")],
        ),
        ("https://x.example/", "' 2026-05-01 '", []),
        ("https://x.example/", "2026-06-01", []),
        ("http://x.example/", "2026-06-01", []),
    ],
)
def test_seen_at_is_a_web_address_and_seen_on_a_past_day(seen_at, seen_on, expected):
    quotes, findings = parse(f"quotes:\n  - text: T.\n    locator: L\n    seen_at: {seen_at}\n    seen_on: {seen_on}\n")
    assert findings == expected
    assert len(quotes) == (0 if expected else 1)


def test_a_bad_address_or_day_given_for_the_whole_file_is_reported_on_the_files_line():
    text = "seen_at: ftp://x.example/\nseen_on: 2026-07-01\nquotes:\n  - text: T.\n    locator: L\n"
    assert parse(text)[1] == [
        error(
            1,
            "evidence-url",
            "quote 1: seen_at 'ftp://x.example/' is not a web address; give the https:// address "
            "of the copy that was read",
        ),
        error(2, "evidence-date", "quote 1: seen_on 2026-07-01 is in the future; give the day the copy was read"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("quotes: x\n", 1),
        ("seen_on: 2026-05-01\nquotes: []\n", 2),
        ("seen_on: 2026-05-01\n", 1),
    ],
)
def test_a_file_without_a_list_of_quotes_is_reported(text, expected):
    assert parse(text) == (
        [],
        [
            error(
                expected,
                "evidence-required",
                "quotes: a list of at least one quote (text, locator) is needed; "
                "a source with no passage seen gets no evidence file",
            )
        ],
    )


def test_a_file_that_is_not_a_mapping_or_not_yaml_is_reported():
    assert parse("- x\n") == (
        [],
        [
            error(
                1,
                "evidence-shape",
                "an evidence file is a mapping with seen_at, seen_on and quotes; "
                "see CONTRIBUTING.md, section 'Quote the sources'",
            )
        ],
    )
    quotes, findings = parse("a: [\n", key="bad")
    assert quotes == [] and [f.rule for f in findings] == ["evidence-unknown-key", "evidence-yaml"]
    assert findings[1].line == 2 and findings[1].message.endswith(
        "; check indentation, quoting and colons (write a quote as 'text: >-' and the passage indented below)"
    )


def test_a_quote_that_is_not_a_mapping_is_reported_and_the_others_kept():
    quotes, findings = parse(HEAD + "quotes:\n  - 42\n  - text: T.\n    locator: L\n")
    assert findings == [error(4, "evidence-shape", "quote 1: must be a mapping with text and locator")]
    assert [(q.text, q.line) for q in quotes] == [("T.", 5)]


@pytest.mark.parametrize("size, warned", [(600, False), (601, True)])
def test_a_quote_over_600_characters_is_a_warning_and_still_shown(size, warned):
    quotes, findings = parse(HEAD + f"quotes:\n  - text: {'a' * size}\n    locator: L\n")
    assert len(quotes) == 1
    assert findings == (
        [
            Finding(
                PATH,
                4,
                "evidence-quote-long",
                "quote 1: 601 characters; quote one or two sentences (at most 600 characters), "
                "the ones that state the claim",
                "warning",
            )
        ]
        if warned
        else []
    )


def test_a_quote_states_figures_only_when_it_has_a_number():
    quotes, _ = parse(
        HEAD + "quotes:\n  - text: Median 11.1 months.\n    locator: L\n  - text: No effect.\n    locator: L\n"
    )
    assert [q.states_figures for q in quotes] == [True, False]
    assert quotes[0].values == frozenset({Decimal("11.1")})


def test_load_skips_folders_and_hidden_files_and_reports_unreadable_ones(tmp_path):
    assert evidence.load(tmp_path, {"conroy2011"}, TODAY) == evidence.Evidence()
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / ".hidden.yml").write_text("not: [yaml", encoding="utf-8")
    (folder / "sub.yml").mkdir()
    (folder / "a.yml").write_bytes(b"\xff\xfe")
    (folder / "conroy2011.yml").write_text(HEAD + "quotes:\n  - text: T.\n    locator: L\n", encoding="utf-8")
    (folder / "empty.yml").write_text(HEAD + "quotes:\n  - 1\n", encoding="utf-8")
    found = evidence.load(tmp_path, {"conroy2011", "empty"}, TODAY)
    assert list(found.quotes) == ["conroy2011"]
    assert found.of("conroy2011")[0].path == "evidence/conroy2011.yml"
    assert found.of("empty") == []
    assert [(f.path, f.line, f.rule) for f in found.findings] == [
        ("evidence/a.yml", 1, "evidence-yaml"),
        ("evidence/empty.yml", 4, "evidence-shape"),
    ]
    assert found.findings[0].message.startswith("cannot be read as UTF-8 text: ")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    assert evidence.load(tmp_path, {"conroy2011", "empty"}, TODAY).findings[2] == Finding(
        "evidence/notes.txt",
        1,
        "evidence-file-name",
        "evidence files are named KEY.yml after their references.bib key; rename or remove this file",
    )


# --- arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression, value",
    [
        ("31.6% − 9.4%", Decimal("22.2")),
        ("-(2)", Decimal(-2)),
        ("- - 2", Decimal(2)),
        ("-3 + 5", Decimal(2)),
        ("1,234 + 1", Decimal(1235)),
        ("2 ÷ 4", Decimal("0.5")),
        (" 4 ", Decimal(4)),
        ("-x", None),
        ("3 + x", None),
        ("x - 3", None),
        ("2 ** 3", None),
        ("7 // 2", None),
        ("True + 1", None),
        ("'a' + 'b'", None),
        ("1 / (2 - 2)", None),
        ("3 +", None),
    ],
)
def test_derived_arithmetic_is_evaluated_or_refused(expression, value):
    assert evidence.evaluate(expression) == value


@pytest.mark.parametrize(
    "value, places, rounded", [("4.25", 1, "4.2"), ("4.35", 1, "4.4"), ("4.5", 0, "4"), ("4.3", 2, "4.30")]
)
def test_results_are_compared_at_the_places_shown(value, places, rounded):
    assert str(evidence._round_to(Decimal(value), places)) == rounded


def test_a_sentence_states_its_figures_and_each_derived_result():
    own, derived = evidence.stated(
        "a gain of 4.3 months (derived: 11.1 − 6.8) and (derived: 100 × 0.5) "
        "then 12 × 20.5 (derived: 12 × 20.5) end 33.3%"
    )
    assert [n.shown for n in own] == ["11.1", "6.8", "0.5", "12", "20.5", "33.3"]
    assert [(n.shown, e) for n, e in derived] == [("4.3", "11.1 − 6.8"), ("20.5", "12 × 20.5")]


def test_a_figure_opening_the_sentence_is_read_whole():
    assert [n.shown for n in evidence.stated("12.5% were alive")[0]] == ["12.5"]
    own, derived = evidence.stated("45.5 months (derived: 50 − 4.5) later")
    assert ([n.shown for n in own], [(n.shown, e) for n, e in derived]) == (["50", "4.5"], [("45.5", "50 − 4.5")])


def test_claims_are_sentences_with_their_sources_and_file_lines():
    claims = evidence.claims("Intro 12.5%.\n\nA 12.5% rate. Then 14.5% [@a; @b].\n", 5)
    assert [(c.sentence.line, c.sentence.text, c.keys, [n.shown for n in c.figures]) for c in claims] == [
        (5, "Intro 12.5%.", (), ["12.5"]),
        (7, "A 12.5% rate.", ("a", "b"), ["12.5"]),
        (7, "Then 14.5% [@a; @b].", ("a", "b"), ["14.5"]),
    ]


# --- the figure rule --------------------------------------------------------------------

QUOTE = evidence.Quote("t", "Median 11.1 versus 6.8 months", "L", "https://x.example/", TODAY, "f", 3)
STORE = evidence.Evidence({"t": [QUOTE]})
HINT = (
    "add the passage that states it to the source's evidence file, or, for a figure computed from quoted "
    "ones, show the arithmetic: 1.9 (derived: 11.1 − 9.2)"
)


def rule(body, audience="clinician"):
    return evidence.figure_findings("docs/c.md", evidence.claims(body, 10), audience, STORE)


def test_a_wrong_derived_result_shows_the_right_one():
    assert rule("A gain of 4.5 months (derived: 11.1 − 6.8) [@t].") == [
        Finding(
            "docs/c.md",
            10,
            "derived-arithmetic",
            "'4.5' does not equal 11.1 − 6.8 (= 4.30); correct the figure or the expression",
        )
    ]
    assert rule("A gain of 4.3 months (derived: 11.1 − 6.8) [@t].") == []
    assert [f.severity for f in rule("A gain of 4.5 months (derived: 11.1 − 6.8) [@t].", "patient")] == ["warning"]
    assert rule("A gain of 4.2 months (derived: 11.1 − 6.8 − 0.1) [@t].") == [
        Finding("docs/c.md", 10, "figure-not-quoted", f"'0.1' not found in a quote of t; {HINT}")
    ]


def test_unreadable_arithmetic_is_reported_with_the_pages_severity():
    assert rule("A gain of 4.3 months (derived: 11.1 minus 6.8) [@t].", "patient") == [
        Finding(
            "docs/c.md",
            10,
            "derived-arithmetic",
            "'(derived: 11.1 minus 6.8)' is not arithmetic the checker can follow; "
            "write numbers with + − × / and brackets, e.g. (derived: 11.1 − 9.2)",
            "warning",
        )
    ]


def test_unquoted_figures_are_named_once_with_the_sources_that_have_no_quotes():
    assert rule("Median 11.1 and 12.5 and 12.5 months, 48% [@t; @u].") == [
        Finding(
            "docs/c.md",
            10,
            "figure-not-quoted",
            f"'12.5', '48' not found in a quote of t, u; no quotes recorded yet for u (evidence/KEY.yml); {HINT}",
        )
    ]
    assert rule("Median 12.5 months [@u; @v].")[0].message == (
        f"'12.5' not found in a quote of u, v; no quotes recorded yet for u, v (evidence/KEY.yml); {HINT}"
    )
    assert rule("Median 12.5 months.") == []
    assert rule("Median 12.5 months [@u].", "all") == []


def test_a_claim_is_secondary_only_when_every_source_is_a_known_secondary_type():
    types = {"n": evidence.EVIDENCE_TYPES["news"], "o": evidence.EVIDENCE_TYPES["other"], "x": None}
    assert evidence.secondary_only(("n", "o"), types)
    assert not evidence.secondary_only(("n", "x"), types)
    assert not evidence.secondary_only(("n", "missing"), types)
    assert not evidence.secondary_only((), types)
