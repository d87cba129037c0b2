"""Hand-written footnotes would break citation numbering, so they are refused."""

from scripts.domain import citations


def test_hand_written_footnote_is_reported_with_its_line():
    _, findings = citations.scan("docs/x.md", "Intro.\n\nA note[^n].\n\n[^n]: The note.\n")
    assert [(f.line, f.rule) for f in findings] == [(3, "manual-footnote"), (5, "manual-footnote")]


def test_footnote_syntax_in_code_and_citations_are_fine():
    text = "Write `[^n]` for a footnote. Claim [@a2020x].\n\n```\n[^n]: x\n```\n"
    found, findings = citations.scan("docs/x.md", text)
    assert findings == []
    assert [c.key for c in found] == ["a2020x"]
