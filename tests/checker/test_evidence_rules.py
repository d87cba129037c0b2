"""Evidence types, quote files and the figure rule: each finding has a failing and a passing case."""

import datetime as dt
import textwrap
from decimal import Decimal

import pytest

from pancreas_kb.checker import check
from pancreas_kb.domain import bibliography, evidence, figures, grades

TODAY = dt.date(2026, 6, 1)
KEYS = {"conroy2011", "asco2020", "news2024"}
GOOD_FILE = """\
seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
seen_on: 2026-05-01
quotes:
  - text: >-
      The median overall survival was 11·1 months in the FOLFIRINOX group as compared
      with 6·8 months in the gemcitabine group (hazard ratio for death, 0.57; 95% CI, 0.45 to 0.73).
    locator: Abstract, Results
  - text: Objective response 31.6 per cent versus 9.4 per cent.
    locator: Table 2
    seen_at: https://www.nejm.org/doi/full/10.1056/NEJMoa1011923
    seen_on: 2026-05-02
"""


def parse(text, key="conroy2011"):
    return evidence.parse_file(f"evidence/{key}.yml", key, textwrap.dedent(text), KEYS, TODAY)


def rules(findings):
    return [(f.line, f.rule) for f in findings]


# --- number normalisation -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("0·83", "0.83"),
        ("1\u2009234 patients", "1234"),
        ("1,234 patients", "1234"),
        ("45 per cent", "45"),
        ("45 percent", "45"),
        ("\u22120.5", "0.5"),
        ("11.1\u201312.0", "11.1"),
    ],
)
def test_journal_forms_normalise_to_one_number(text, value):
    assert Decimal(value) in figures.values(text)


def test_significant_figures_leave_out_years_small_counts_and_names():
    found = [n.shown for n in figures.numbers("In 2011, 3 cycles; CA 19-9 above 37; 2 mg; 6.8 months; 12 patients; 4%")]
    assert found == ["37", "2", "6.8", "12", "4"]


def test_telephone_numbers_and_natural_frequency_denominators_are_not_figures():
    text = "Call 0808 800 4040 or 1-800-227-2345. About 16 in 100 people (16%); 1 in 10 carry it; 25 of 100."
    assert [n.shown for n in figures.numbers(text)] == ["16", "16", "25", "100"]
    # The Spanish pages' natural frequency, and a count that is not one.
    assert [n.shown for n in figures.numbers("unas 16 de cada 100 personas; 25 de 100")] == ["16", "25", "100"]


# --- evidence files -----------------------------------------------------------------


def test_a_good_file_gives_its_quotes_with_lines_and_overrides():
    quotes, findings = parse(GOOD_FILE)
    assert findings == []
    assert [(q.line, q.locator, q.seen_on) for q in quotes] == [
        (4, "Abstract, Results", dt.date(2026, 5, 1)),
        (8, "Table 2", dt.date(2026, 5, 2)),
    ]
    assert quotes[1].seen_at.startswith("https://www.nejm.org/")
    assert {Decimal("11.1"), Decimal("0.57"), Decimal("0.73")} <= quotes[0].values


@pytest.mark.parametrize(
    "text, expected",
    [
        (GOOD_FILE.replace("    locator: Table 2\n", ""), [(8, "evidence-required")]),
        (GOOD_FILE.replace("seen_on: 2026-05-01\n", ""), [(3, "evidence-required")]),
        (GOOD_FILE.replace("seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/\n", ""), [(3, "evidence-required")]),
        (GOOD_FILE.replace("    seen_on: 2026-05-02", "    seen_on: 2026-13-45"), [(11, "evidence-date")]),
        (GOOD_FILE.replace("    seen_on: 2026-05-02", "    seen_on: 2027-01-01"), [(11, "evidence-date")]),
        (GOOD_FILE.replace("    seen_at: https://www.nejm", "    seen_at: www.nejm"), [(10, "evidence-url")]),
        (
            GOOD_FILE.replace("    locator: Table 2", "    locater: Table 2"),
            [(8, "evidence-required"), (9, "evidence-unknown-field")],
        ),
        (GOOD_FILE.replace("quotes:\n", "quotes\n"), [(4, "evidence-yaml")]),
        ("- just a list\n", [(1, "evidence-shape")]),
        ("seen_at: https://x.example/\nseen_on: 2026-01-01\nquotes: []\n", [(3, "evidence-required")]),
        (GOOD_FILE + "  - 42\n", [(12, "evidence-shape")]),
    ],
)
def test_bad_files_are_reported_with_file_and_line(text, expected):
    _quotes, findings = parse(text)
    assert sorted(rules(findings)) == expected
    assert all(f.path == "evidence/conroy2011.yml" for f in findings)


def test_a_file_for_a_key_not_in_the_bibliography_is_reported():
    _, findings = parse(GOOD_FILE, key="conroy2O11")
    assert rules(findings) == [(1, "evidence-unknown-key")]


def test_a_long_quote_is_a_warning():
    long = GOOD_FILE.replace("Objective response", "Objective response " + "word " * 130)
    _, findings = parse(long)
    assert [(f.rule, f.severity) for f in findings] == [("evidence-quote-long", "warning")]


def test_load_reads_the_folder_and_names_stray_files(tmp_path):
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "conroy2011.yml").write_text(GOOD_FILE)
    (tmp_path / "evidence" / "asco2020.yaml").write_text(GOOD_FILE)
    found = evidence.load(tmp_path, KEYS, TODAY)
    assert list(found.quotes) == ["conroy2011"]
    assert [(f.path, f.rule) for f in found.findings] == [("evidence/asco2020.yaml", "evidence-file-name")]


# --- bibliography: evidence type ---------------------------------------------------------


def test_every_entry_needs_a_known_evidence_type():
    library = bibliography.parse(
        "references.bib",
        textwrap.dedent("""\
        @misc{a, author = {A}, title = {T}, evidence = {randomised-trial}}
        @misc{b, author = {B}, title = {T}}
        @misc{c, author = {C}, title = {T},
          evidence = {rct}}
    """),
    )
    assert [(f.line, f.rule) for f in evidence.entry_types(library)] == [
        (2, "bib-evidence-type"),
        (4, "bib-evidence-type"),
    ]


def test_every_type_has_a_plain_label_and_three_are_secondary():
    assert evidence.EVIDENCE_TYPES["randomised-trial"].label == "Randomised trial"
    assert evidence.EVIDENCE_TYPES["news"].label == "News report"
    assert {t.id for t in evidence.EVIDENCE_TYPES.values() if t.secondary} == {"news", "abstract", "other"}


# --- the figure rule ------------------------------------------------------------------

STORE = evidence.Evidence({"conroy2011": parse(GOOD_FILE)[0]})


def figure_rule(body, audience="clinician", store=STORE):
    return evidence.figure_findings("docs/c.md", evidence.claims(textwrap.dedent(body), 10), audience, store)


@pytest.mark.parametrize(
    "body",
    [
        "Median OS 11.1 vs 6.8 months (HR 0.57, 95% CI 0.45–0.73) [@conroy2011].",
        "Median OS 11·1 versus 6·8 months [@conroy2011].",
        "Response was 31.6% vs 9.4% [@conroy2011].",
        "Median OS was 11.1 months. That was in 2011, with 3 cycles [@conroy2011].",
        "A gain of 4.3 months (derived: 11.1 − 6.8) [@conroy2011].",
        "| FOLFIRINOX | 11.1 months | 31.6% [@conroy2011] |",
        "Survival was 12.5 months in another trial, not cited here.",
        "- Response 31.6 per cent [@conroy2011]",
    ],
)
def test_quoted_or_derived_figures_pass(body):
    assert figure_rule(body) == []


def test_an_unquoted_figure_is_an_error_on_clinician_pages_with_its_line():
    findings = figure_rule("Intro.\n\nMedian OS was 11.1 months, and 1-year survival 48.4% [@conroy2011].")
    assert [(f.line, f.rule, f.severity) for f in findings] == [(12, "figure-not-quoted", "error")]
    assert "'48.4'" in findings[0].message and "'11.1'" not in findings[0].message


def test_the_same_figure_is_a_warning_on_patient_pages_and_ignored_elsewhere():
    body = "About 48.4% were alive at one year [@conroy2011]."
    assert [(f.rule, f.severity) for f in figure_rule(body, "patient")] == [("figure-not-quoted", "warning")]
    assert figure_rule(body, "all") == []


def test_a_source_without_quotes_is_named():
    (finding,) = figure_rule("Median OS 8.5 months [@asco2020].")
    assert "no quotes recorded yet for asco2020" in finding.message


def test_a_figure_quoted_by_another_source_of_the_sentence_passes():
    assert figure_rule("Median OS 11.1 months [@asco2020; @conroy2011].") == []


def test_derived_numbers_are_held_to_the_quotes_and_the_arithmetic_is_checked():
    (unquoted,) = figure_rule("A gain of 4.1 months (derived: 11.1 − 7.0) [@conroy2011].")
    assert unquoted.rule == "figure-not-quoted" and "'7.0'" in unquoted.message
    (wrong,) = figure_rule("A gain of 4.5 months (derived: 11.1 − 6.8) [@conroy2011].")
    assert wrong.rule == "derived-arithmetic" and "4.3" in wrong.message
    (unreadable,) = figure_rule("A gain of 4.3 months (derived: eleven minus 6.8) [@conroy2011].")
    assert unreadable.rule == "derived-arithmetic"


def test_arithmetic_is_evaluated_without_eval():
    assert evidence.evaluate("11.1 − 6.8") == Decimal("4.3")
    assert evidence.evaluate("(31.6 − 9.4) × 2 ÷ 4") == Decimal("11.1")
    assert evidence.evaluate("__import__('os').system('true')") is None
    assert evidence.evaluate("1 / 0") is None


def test_claims_resting_only_on_secondary_sources():
    types = {k: evidence.EVIDENCE_TYPES[t] for k, t in (("a", "news"), ("b", "abstract"), ("c", "guideline"))}
    assert evidence.secondary_only(("a", "b"), types)
    assert not evidence.secondary_only(("a", "c"), types)
    assert not evidence.secondary_only((), types)


# --- recommendation grades ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, strength, quality",
    [
        ("(strong recommendation, high-quality evidence)", "strong", "high"),
        ("(evidence based; intermediate evidence quality; strong recommendation)", "strong", "intermediate"),
        ("(ASCO: strong recommendation; evidence quality high)", "strong", "high"),
        ("(moderate recommendation; informal consensus, low evidence quality)", "moderate", "low"),
        ("(moderate recommendation)", "moderate", ""),
    ],
)
def test_grades_are_recognised_as_guidelines_print_them(text, strength, quality):
    (grade,) = grades.find(f"Refer early {text} [@asco2020].")
    assert (grade.strength, grade.quality) == (strength, quality)


@pytest.mark.parametrize("text", ["(2016 update)", "(strong opioids)", "(SEMS)", "(high quality imaging)"])
def test_other_brackets_are_not_grades(text):
    assert grades.find(text) == []


def test_a_grade_needs_a_guideline_among_the_sentence_sources():
    types = {
        "asco2020": evidence.EVIDENCE_TYPES["guideline"],
        "conroy2011": evidence.EVIDENCE_TYPES["randomised-trial"],
    }
    text = "Refer early (strong recommendation) [@x]."
    (finding,) = grades.ungraded_sources("docs/c.md", 3, text, ("conroy2011",), types, "clinician")
    assert finding.rule == "grade-without-guideline"
    assert grades.ungraded_sources("docs/c.md", 3, text, ("asco2020",), types, "clinician") == []


# --- through make check ------------------------------------------------------------------


def project(tmp_path, body, evidence_files):
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://kb.example/\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "c.md").write_text(
        "---\ntitle: T\ndescription: D.\naudience: clinician\nreview_status: submitted\n"
        "evidence_checked: 2026-05-01\n---\n\n" + body
    )
    (tmp_path / "references.bib").write_text(
        "@misc{conroy2011, author = {C}, title = {T}, url = {https://x.example/}, urldate = {2026-01-01},\n"
        "  evidence = {randomised-trial}}\n"
    )
    (tmp_path / "reviewers.yml").write_text("[]\n")
    if evidence_files:
        (tmp_path / "evidence").mkdir()
        (tmp_path / "evidence" / "conroy2011.yml").write_text(GOOD_FILE)


def test_make_check_fails_on_an_unquoted_figure_and_passes_once_quoted(tmp_path, capsys):
    project(tmp_path, "Median OS 11.1 months [@conroy2011].\n", evidence_files=False)
    assert check.main(["--root", str(tmp_path), "--sources-only"]) == 1
    assert "docs/c.md:9: figure-not-quoted: '11.1'" in capsys.readouterr().out
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "conroy2011.yml").write_text(GOOD_FILE)
    assert check.main(["--root", str(tmp_path), "--sources-only"]) == 0


@pytest.mark.parametrize(
    "text, shown",
    [
        ("In SEER 17 data, 60% were distant", ["60"]),
        ("ACCORD 11 and KEYNOTE-158. CodeBreaK 100 enrolled", []),
        ("RECIST 1.1 was used; NALIRIFOX 11.1 months", ["11.1"]),
        ("FOLFIRINOX 11.1 vs 6.8", ["11.1", "6.8"]),
        ("approved on 26 August 2026 (August 26)", []),
        ("aprobado el 26 de agosto de 2026; 26 de 100", ["26", "100"]),
        ("Drugs&#64;FDA lists it; HR 0.83", ["0.83"]),
    ],
)
def test_names_dates_and_entities_are_not_figures(text, shown):
    assert [n.shown for n in figures.numbers(text)] == shown


@pytest.mark.parametrize(
    "quote, value",
    [
        ("One hundred twenty-six patients were randomised", "126"),
        ("Two thousand three hundred eighteen patients were identified", "2318"),
        ("Eighty-one (63%) patients", "81"),
        ("Sixty seven patients", "67"),
        ("Field Strength1.5T or 3.0T", "1.5"),
        ("P = .036", "0.036"),
    ],
)
def test_quotes_state_spelled_and_squeezed_numbers(quote, value):
    assert Decimal(value) in figures.values(quote)


# --- the rules' inputs and one run over the pages ---------------------------------------------------

RULES_BIB = (
    "@misc{conroy2011, author = {C}, title = {T}, url = {https://x.example/}, urldate = {2026-01-01},\n"
    "  evidence = {randomised-trial}}\n"
    "@misc{news2024, author = {N}, title = {N}, url = {https://n.example/}, urldate = {2026-01-01}}\n"
)
APPROVED_PAGE = (
    "---\ntitle: T\ndescription: D.\naudience: clinician\nreview_status: approved\nreviewers:\n  - name: Dr B\n"
    "evidence_checked: 2026-05-01\n---\n\nMedian OS 11.1 months, 48.4% at one year [@conroy2011].\n\n"
    "Refer early (strong recommendation) [@conroy2011].\n"
)


def rules_project(root):
    (root / "reviewers.yml").write_text("- name: Dr A\n  credentials: MD\n  github: dra\n  github_id: 5\n")
    (root / "evidence").mkdir()
    (root / "evidence" / "conroy2011.yml").write_text(GOOD_FILE)
    (root / "evidence" / "ghost.yml").write_text(GOOD_FILE)
    return bibliography.parse("references.bib", RULES_BIB)


def test_load_reads_quotes_reviewers_and_evidence_types_and_keeps_their_problems(tmp_path):
    from pancreas_kb.checker import evidence_rules

    inputs = evidence_rules.load(tmp_path, rules_project(tmp_path), TODAY)
    assert set(inputs.evidence.quotes) == {"conroy2011", "ghost"}
    assert [r.name for r in inputs.reviewers] == ["Dr A"]
    assert inputs.types == {"conroy2011": evidence.EVIDENCE_TYPES["randomised-trial"], "news2024": None}
    assert [(f.path, f.line, f.rule) for f in inputs.problems] == [
        ("evidence/ghost.yml", 1, "evidence-unknown-key"),
        ("references.bib", 3, "bib-evidence-type"),
    ]


def test_load_uses_the_quotes_a_build_has_read_already(tmp_path):
    from pancreas_kb.checker import evidence_rules

    library = rules_project(tmp_path)
    found = evidence.Evidence({"conroy2011": parse(GOOD_FILE)[0]})
    inputs = evidence_rules.load(tmp_path / "elsewhere", library, TODAY, found)
    assert inputs.evidence is found
    assert (inputs.reviewers, [f.rule for f in inputs.problems]) == ([], ["bib-evidence-type"])


def test_run_reports_the_files_problems_then_each_pages_approval_figure_and_grade_findings(tmp_path):
    from pancreas_kb.checker import evidence_rules
    from pancreas_kb.domain import page_record

    library = rules_project(tmp_path)
    inputs = evidence_rules.load(tmp_path, library, TODAY)
    records = [
        page_record.build(f"docs/{name}", name, text.encode(), TODAY, None, library)
        for name, text in (("c.md", APPROVED_PAGE), ("none.md", "no front matter"), ("d.md", APPROVED_PAGE))
    ]
    assert [(f.path, f.line, f.rule) for f in evidence_rules.run(records, inputs)] == [
        ("evidence/ghost.yml", 1, "evidence-unknown-key"),
        ("references.bib", 3, "bib-evidence-type"),
        *[
            (path, line, rule)
            for path in ("docs/c.md", "docs/d.md")
            for line, rule in (
                (6, "approval-unknown-reviewer"),
                (11, "figure-not-quoted"),
                (13, "grade-without-guideline"),
            )
        ],
    ]
    assert evidence_rules.page(records[1], inputs) == []
