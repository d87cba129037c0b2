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


FOOTNOTE = (
    "'{}' is a hand-written footnote; footnotes are reserved for citations ([@key]), "
    "so write the note as a sentence in the text"
)
IN_CODE = (
    "'[{}]' is inside code, where the citation plugin would still replace it; "
    "write the @ as &#64; or move the citation out of the code"
)
SYNTAX = (
    "'[{}]' would be read as a citation and mangled; a citation is [@key] or [@key1; @key2], and an @ must not "
    "appear in other brackets (link text, e-mail addresses): write it as &#64; there"
)
PAGE = """\
Intro [@a2020x] and `[@b]` and [mail me@x.org](mailto:me@x.org) [^1] `[^2]`.
[ @a ; @b-c ] [a @ b] [@-x] [@a, @b] ``[@c]`` [@_d][@9e]
```
[@zz] [^4]
```
"""


def test_scan_finds_each_citation_and_each_block_the_plugin_would_mangle_with_its_line():
    found, findings = citations.scan("docs/p.md", PAGE, 10)
    assert found == [
        citations.Citation("a2020x", 10),
        citations.Citation("a", 11),
        citations.Citation("b-c", 11),
        citations.Citation("_d", 11),
        citations.Citation("9e", 11),
    ]
    assert [(f.path, f.line, f.rule, f.message) for f in findings] == [
        ("docs/p.md", 10, "manual-footnote", FOOTNOTE.format("[^1]")),
        ("docs/p.md", 10, "citation-in-code", IN_CODE.format("@b")),
        ("docs/p.md", 10, "citation-syntax", SYNTAX.format("mail me@x.org")),
        ("docs/p.md", 11, "citation-syntax", SYNTAX.format("@-x")),
        ("docs/p.md", 11, "citation-syntax", SYNTAX.format("@a, @b")),
        ("docs/p.md", 11, "citation-in-code", IN_CODE.format("@c")),
        ("docs/p.md", 13, "citation-in-code", IN_CODE.format("@zz")),
    ]


def test_scan_counts_lines_from_one_by_default():
    found, findings = citations.scan("docs/p.md", "A.\n\nB [@k] [^n].\n")
    assert found == [citations.Citation("k", 3)]
    assert [(f.line, f.rule) for f in findings] == [(3, "manual-footnote")]


def test_a_citation_just_after_inline_code_is_no_code():
    found, findings = citations.scan("docs/p.md", "`x`[@k] `y` [^n]")
    assert (found, [f.rule for f in findings]) == ([citations.Citation("k", 1)], ["manual-footnote"])


def test_unknown_keys_are_reported_at_their_citations():
    cited = [citations.Citation("a2020x", 3), citations.Citation("A2020x", 5), citations.Citation("zz", 7)]
    assert [(f.path, f.line, f.rule, f.message) for f in citations.unknown_keys("docs/p.md", cited, {"a2020x"})] == [
        (
            "docs/p.md",
            line,
            "missing-citation-key",
            f"[@{key}] is not in references.bib; add a verified entry with that key, "
            "or correct the key (keys are case-sensitive)",
        )
        for key, line in (("A2020x", 5), ("zz", 7))
    ]


def test_footnoted_keeps_malformed_blocks_and_numbers_each_key_once():
    text = "A [ @a2020x ]. B [@a2020x, @b2021y]. C [@b2021y; @a2020x]. D [@b2021y]."
    assert citations.footnoted(text, REFS.get, "## R", "M") == (
        "A [^a2020x]. B [@a2020x, @b2021y]. C [^b2021y][^a2020x]. D [^b2021y].\n\n## R\n\nM\n\n"
        "[^a2020x]: A. Title. 2020.\n[^b2021y]: B. Title. 2021."
    )
    assert citations.footnoted("[@a2020x; @nokey]", REFS.get, "## R", "M") == "[@a2020x; @nokey]"
