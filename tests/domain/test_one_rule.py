"""Each rule in one place: the review dates, the citation grammar, the sentence splitter,
the code-fence reader and the audiences are each defined once, and every reader agrees."""

import ast
import datetime as dt
import functools
from pathlib import Path

import pytest

import pancreas_kb
from pancreas_kb.checker import readability
from pancreas_kb.domain import audiences, citations, evidence, fences, figures, review, schema, whats_new
from pancreas_kb.domain.frontmatter import Page

# The package as imported, so the rule also holds in the mutation-testing copy (src/ layout).
PACKAGE = Path(pancreas_kb.__file__).resolve().parent
TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize("days", [-1, 0, 1, review.DUE_SOON_DAYS, review.DUE_SOON_DAYS + 1])
def test_the_page_and_the_check_agree_on_when_a_review_is_overdue_or_due(days):
    next_review = TODAY + dt.timedelta(days=days)
    meta = {"review_status": "approved", "audience": "patient", "next_review": next_review}
    trust = review.trust_for(meta, TODAY)
    rules = {f.rule for f in schema.review_freshness(Page("p.md", meta), TODAY)}
    assert trust.overdue == ("approved-review-overdue" in rules) == (days < 0)
    assert trust.due_soon == ("approved-review-due-soon" in rules) == (0 <= days <= review.DUE_SOON_DAYS)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One sentence without a stop", 1),
        ("Survival rose, e.g. In one trial. Then it fell [@a].", 2),
        ("It helped (Conroy et al. 2011). Most people lived longer.", 2),
        ("Median 11.1 months. Response 31.6%! Was it worth it? Yes.", 4),
    ],
)
def test_whats_new_counts_sentences_as_the_figures_rules_split_them(text, count):
    unit = figures.units(text, 1)[0]
    assert whats_new.sentences(text) == len(figures.sentences(unit)) == count


FENCED = "Text [@a] here.\n\n```\n# Not a heading [@b] 50%\n```\n\n## Heading {#h}\n"


def test_every_reader_leaves_the_same_code_alone():
    assert [kind for _, _, kind in fences.lines(FENCED)] == ["text", "text", "fence", "code", "fence", "text", "text"]
    found, problems = citations.scan("p.md", FENCED)
    assert [c.key for c in found] == ["a"]
    assert [p.rule for p in problems] == ["citation-in-code"]
    assert [u.text for u in figures.units(FENCED, 1)] == ["Text [@a] here."]
    assert whats_new.headings(FENCED) == {"h": "Heading"}
    assert "Not a heading" not in readability.prose(FENCED)


def test_the_citation_grammar_is_the_same_for_every_reader():
    text = "Survival was 11.1 months [@conroy-2011; @b_2]. Not [@ bad] nor [@-x]."
    blocks = [m.group(0) for m in citations.PLUGIN_BLOCK_RE.finditer(text) if citations.WELL_FORMED_RE.match(m[1])]
    assert [m.group(0) for m in citations.BLOCK_RE.finditer(text)] == blocks == ["[@conroy-2011; @b_2]"]
    assert figures.sentences(figures.units(text, 1)[0])[0].keys == ("conroy-2011", "b_2")
    assert "@" not in figures.prose(text) and "@" not in readability.prose(text)


@pytest.mark.parametrize("audience", list(audiences.AUDIENCES))
def test_how_a_figure_without_a_quote_is_reported_comes_from_the_audience_table(audience):
    claims = evidence.claims("Median survival was 11.1 months [@a].", 1)
    findings = evidence.figure_findings("p.md", claims, audience, evidence.Evidence())
    assert [f.severity for f in findings] == (
        [audiences.AUDIENCES[audience].source_severity] if audiences.AUDIENCES[audience].source_severity else []
    )


def _patterns(tree) -> list[str]:
    """The text of every regular expression a module compiles (f-strings by their literal parts)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "compile" and node.args:
            constants = [c for c in ast.walk(node.args[0]) if isinstance(c, ast.Constant)]
            found += [c.value for c in constants if isinstance(c.value, str)]
    return found


@functools.cache
def _modules() -> dict[str, tuple[list[str], set]]:
    """Each module of the package (but the benchmark), by its path in the package: the regular
    expressions it compiles and every constant it writes. Read once for all the tests below."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        if "bench" not in path.parts:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
            modules[path.relative_to(PACKAGE).as_posix()] = (_patterns(tree), constants)
    return modules


@pytest.mark.parametrize(
    ("piece", "home"),
    [
        ("```", "domain/fences.py"),
        ("~~~", "domain/fences.py"),
        (r"\[@", "domain/citations.py"),
        ("(`+)", "domain/citations.py"),  # an inline code span
    ],
)
def test_no_module_compiles_its_own_copy_of_a_grammar(piece, home):
    owners = {name for name, (patterns, _) in _modules().items() if any(piece in pattern for pattern in patterns)}
    assert owners == {home}


def test_audience_ids_are_written_only_in_the_audience_table():
    ids = {a for a in audiences.AUDIENCES if a != audiences.FALLBACK.id}  # "all" is also a plain word
    writers = {name for name, (_, constants) in _modules().items() if ids & constants}
    assert writers == {"domain/audiences.py"}


def test_each_line_is_numbered_from_the_first_line_given_and_fences_may_be_indented_or_tildes():
    text = "Intro\n  ~~~python\nx = 1\n~~~\n```\ncode\n"
    assert list(fences.lines(text, first_line=10)) == [
        (10, "Intro", "text"),
        (11, "  ~~~python", "fence"),
        (12, "x = 1", "code"),
        (13, "~~~", "fence"),
        (14, "```", "fence"),
        (15, "code", "code"),
    ]
    assert [n for n, _, _ in fences.lines("a\nb")] == [1, 2]
    assert list(fences.lines("Not `` a fence\n")) == [(1, "Not `` a fence", "text")]


def test_code_is_blanked_line_for_line():
    assert fences.without_code("a\n```\nb\n```\nc") == "a\n\n\n\nc"
