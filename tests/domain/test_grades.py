"""Recommendation grades: recognised in brackets, shown marked, and held to a guideline source."""

import pytest

from pancreas_kb.domain import evidence, grades
from pancreas_kb.domain.findings import Finding

TEXT = (
    "Do it (strong recommendation, high-quality evidence) and (Weak Recommendation; Very Low quality) x "
    "(conditional) (ab) (moderate evidence quality; recommendation) (evidence quality: LOW; informal consensus) "
    "(evidence based) (x <a> & strong recommendation)"
)


def test_grades_are_found_with_their_place_strength_and_quality():
    found = grades.find(TEXT)
    assert [(TEXT[g.start : g.end], g.text, g.strength, g.quality) for g in found] == [
        (
            "(strong recommendation, high-quality evidence)",
            "strong recommendation, high-quality evidence",
            "strong",
            "high",
        ),
        ("(Weak Recommendation; Very Low quality)", "Weak Recommendation; Very Low quality", "weak", "very low"),
        ("(moderate evidence quality; recommendation)", "moderate evidence quality; recommendation", "", "moderate"),
        ("(evidence quality: LOW; informal consensus)", "evidence quality: LOW; informal consensus", "", "low"),
        ("(x <a> & strong recommendation)", "x <a> & strong recommendation", "strong", ""),
    ]


def test_a_grade_is_shown_with_its_words_escaped_and_what_it_states_as_data():
    first, second, third, _, last = grades.find(TEXT)
    title = 'title="Grade given by the guideline"'
    assert grades.html(first) == (
        f'<span class="kb-grade" data-strength="strong" data-quality="high" {title}>'
        "(strong recommendation, high-quality evidence)</span>"
    )
    assert grades.html(second) == (
        f'<span class="kb-grade" data-strength="weak" data-quality="very low" {title}>'
        "(Weak Recommendation; Very Low quality)</span>"
    )
    assert grades.html(third) == (
        f'<span class="kb-grade" data-quality="moderate" {title}>(moderate evidence quality; recommendation)</span>'
    )
    assert grades.html(last) == (
        f'<span class="kb-grade" data-strength="strong" {title}>(x &lt;a&gt; &amp; strong recommendation)</span>'
    )


@pytest.mark.parametrize("size, found", [(200, True), (201, False)])
def test_a_grade_bracket_holds_at_most_200_characters(size, found):
    inner = "strong recommendation".ljust(size, ".")
    assert len(grades.find(f"Do it ({inner}).")) == found


@pytest.mark.parametrize("inner", ["conditional", "ab", "evidence based", "recommendation of the panel"])
def test_a_bracket_without_grade_words_or_a_strength_or_quality_is_no_grade(inner):
    assert grades.find(f"Do it ({inner}).") == []


TYPES = {
    "g": evidence.EVIDENCE_TYPES["guideline"],
    "c": evidence.EVIDENCE_TYPES["consensus"],
    "r": evidence.EVIDENCE_TYPES["randomised-trial"],
    "n": None,
}
GRADED = "Refer (strong recommendation) and (weak recommendation) [@r]."
MESSAGE = (
    "'strong recommendation' reads as a recommendation grade, but the sentence cites no source "
    "of evidence type guideline or consensus; cite the guideline that grades it"
)


@pytest.mark.parametrize(
    "keys, audience, expected",
    [
        (("r",), "clinician", [Finding("docs/c.md", 3, "grade-without-guideline", MESSAGE, "error")]),
        (("r",), "patient", [Finding("docs/c.md", 3, "grade-without-guideline", MESSAGE, "warning")]),
        ((), "clinician", [Finding("docs/c.md", 3, "grade-without-guideline", MESSAGE, "error")]),
        (("r",), "all", []),
        (("r", "g"), "clinician", []),
        (("c",), "clinician", []),
        (("r", "n"), "clinician", []),
        (("r", "missing"), "clinician", []),
    ],
)
def test_a_grade_needs_a_guideline_or_consensus_source(keys, audience, expected):
    assert grades.ungraded_sources("docs/c.md", 3, GRADED, keys, TYPES, audience) == expected


def test_a_sentence_without_a_grade_needs_no_guideline():
    assert grades.ungraded_sources("docs/c.md", 3, "Refer (strong opioids) [@r].", ("r",), TYPES, "clinician") == []
