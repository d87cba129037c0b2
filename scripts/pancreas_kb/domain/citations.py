"""Find `[@key]` citations in a page, with line numbers, and the syntax that mangles.

mkdocs-bibtex takes any `[...]` on one line that holds `@word` as a citation,
inside code and link text too, and drops keys it does not know. These rules
emulate its matching so that anything it would mangle or drop is reported
before it reaches a reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import fences
from .findings import Finding

# What turns `[@key]` into numbered references (the knowledge-base plugin's
# `citations` option): the archived mkdocs-bibtex plugin, `footnoted` below (the
# tested way off it), or nothing (a site without citations).
ENGINES = ("mkdocs-bibtex", "hook", "none")
DEFAULT_ENGINE = "mkdocs-bibtex"
# The bibliography our own engine reads when the plugin (and its bib_file) is gone.
DEFAULT_BIB_FILE = "references.bib"

# The citation grammar, for every reader of citations (the checks, the figures rules,
# What's new, the reading grade). The plugin's own block pattern: the shortest [...] on one line.
PLUGIN_BLOCK_RE = re.compile(r"\[(.*?)\]")
KEY_START = r"[A-Za-z0-9_]"
KEY = rf"{KEY_START}[\w-]*"
_KEYS = rf"@{KEY}(?:\s*;\s*@{KEY})*"  # @key or @key1; @key2
WELL_FORMED_RE = re.compile(rf"^{_KEYS}$")
KEY_RE = re.compile(rf"@({KEY})")
# A well-formed block in running text, its keys in group 1.
BLOCK_RE = re.compile(rf"\[({_KEYS})\]")
# Where a citation starts.
START_RE = re.compile(rf"\[@{KEY_START}")
# Whatever the plugin would take as a citation block, well-formed or not.
ANY_BLOCK = r"\[@[^\]]*\]"
INLINE_CODE_RE = re.compile(r"(`+)(.+?)\1")
# Footnotes are how citations render; a hand-written one would take a number
# out of the order of first use.
MANUAL_FOOTNOTE_RE = re.compile(r"\[\^[^\]]+\]")


@dataclass(frozen=True)
class Citation:
    key: str
    line: int


def _code_spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in INLINE_CODE_RE.finditer(line)]


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def scan(path: str, text: str, first_line: int = 1) -> tuple[list[Citation], list[Finding]]:
    """All well-formed citations in `text`, and findings for blocks the plugin would mangle."""
    citations: list[Citation] = []
    findings: list[Finding] = []
    for number, line, kind in fences.lines(text, first_line):
        if kind == fences.FENCE:
            continue
        code = [(0, len(line))] if kind == fences.CODE else _code_spans(line)
        findings += [
            Finding(
                path,
                number,
                "manual-footnote",
                f"'{m.group(0)}' is a hand-written footnote; footnotes are reserved for citations "
                "([@key]), so write the note as a sentence in the text",
            )
            for m in MANUAL_FOOTNOTE_RE.finditer(line)
            if not _in_spans(m.start(), code)
        ]
        for match in PLUGIN_BLOCK_RE.finditer(line):
            inner = match.group(1)
            if not re.search(r"@[\w-]", inner):
                continue
            if _in_spans(match.start(), code):
                findings.append(
                    Finding(
                        path,
                        number,
                        "citation-in-code",
                        f"'[{inner}]' is inside code, where the citation plugin would still "
                        "replace it; write the @ as &#64; or move the citation out of the code",
                    )
                )
            elif not WELL_FORMED_RE.match(inner.strip()):
                findings.append(
                    Finding(
                        path,
                        number,
                        "citation-syntax",
                        f"'[{inner}]' would be read as a citation and mangled; a citation is "
                        "[@key] or [@key1; @key2], and an @ must not appear in other brackets "
                        "(link text, e-mail addresses): write it as &#64; there",
                    )
                )
            else:
                citations.extend(Citation(k, number) for k in KEY_RE.findall(inner))
    return citations, findings


def unknown_keys(path: str, citations: list[Citation], known: set[str]) -> list[Finding]:
    return [
        Finding(
            path,
            c.line,
            "missing-citation-key",
            f"[@{c.key}] is not in references.bib; add a verified entry with that key, "
            "or correct the key (keys are case-sensitive)",
        )
        for c in citations
        if c.key not in known
    ]


def footnoted(
    markdown: str, reference_text: Callable[[str], str], references_heading: str, footnotes_marker: str
) -> str:
    """The page with each `[@key]` block as footnote references and the references appended.

    This is what mkdocs-bibtex does for the site, done without it: the same
    footnote ids (the keys), the definitions in order of first use, under the
    same heading, so the HTML is the same whichever engine runs. A block with
    a key `reference_text` does not know is left as written (and reported by
    `unknown_keys`), never dropped.
    """
    order: dict[str, None] = {}

    def replace(match: re.Match) -> str:
        inner = match.group(1).strip()
        if not WELL_FORMED_RE.match(inner):
            return match.group(0)
        keys = KEY_RE.findall(inner)
        if any(reference_text(key) is None for key in keys):
            return match.group(0)
        order.update(dict.fromkeys(keys))
        return "".join(f"[^{key}]" for key in keys)

    body = PLUGIN_BLOCK_RE.sub(replace, markdown)
    if not order:
        return markdown
    definitions = "\n".join(f"[^{key}]: {reference_text(key)}" for key in order)
    return f"{body}\n\n{references_heading}\n\n{footnotes_marker}\n\n{definitions}"
