"""Hand-written footnotes would break citation numbering, so they are refused."""

from pancreas_kb.domain import citations


def test_hand_written_footnote_is_reported_with_its_line():
    _, findings = citations.scan("docs/x.md", "Intro.\n\nA note[^n].\n\n[^n]: The note.\n")
    assert [(f.line, f.rule) for f in findings] == [(3, "manual-footnote"), (5, "manual-footnote")]


def test_footnote_syntax_in_code_and_citations_are_fine():
    text = "Write `[^n]` for a footnote. Claim [@a2020x].\n\n```\n[^n]: x\n```\n"
    found, findings = citations.scan("docs/x.md", text)
    assert findings == []
    assert [c.key for c in found] == ["a2020x"]


REFS = {"a2020x": "A. Title. 2020.", "b2021y": "B. Title. 2021."}


def test_footnoted_numbers_by_first_use_and_appends_the_references():
    text = "One [@b2021y]. Two [@a2020x; @b2021y]. Mail x@y.org [link](u)."
    out = citations.footnoted(text, REFS.get, "## References {#references}", "///F///")
    assert out == (
        "One [^b2021y]. Two [^a2020x][^b2021y]. Mail x@y.org [link](u).\n\n"
        "## References {#references}\n\n///F///\n\n"
        "[^b2021y]: B. Title. 2021.\n[^a2020x]: A. Title. 2020."
    )


def test_footnoted_leaves_unknown_keys_and_pages_without_citations_as_written():
    assert citations.footnoted("No citations.", REFS.get, "## R", "M") == "No citations."
    out = citations.footnoted("Bad [@nokey] good [@a2020x].", REFS.get, "## R", "M")
    assert out.startswith("Bad [@nokey] good [^a2020x].") and "[^nokey]" not in out
