"""The glossary: one file of definitions, read as tooltips and as the glossary page.

`includes/abbreviations.md` holds one `*[TERM]: definition` per line. The abbr
extension turns each TERM on every page into an <abbr title>; the glossary
page lists the same definitions, so a term is explained once and the same way
everywhere.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from .findings import Finding

DEFINITION_RE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.*)$")
# The glossary page carries this line where the generated list goes.
MARKER = "<!-- glossary -->"


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    line: int


def parse(path: str, text: str) -> tuple[list[Term], list[Finding]]:
    """Every definition in file order, and findings for lines that are not one."""
    terms: list[Term] = []
    findings: list[Finding] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = DEFINITION_RE.match(line.strip())
        if match is None:
            findings.append(Finding(path, number, "glossary-syntax",
                                    f"'{line.strip()[:60]}' is not a definition; write one per line as "
                                    "*[TERM]: plain-language definition"))
            continue
        term, definition = match["term"].strip(), match["definition"].strip()
        if not definition:
            findings.append(Finding(path, number, "glossary-empty",
                                    f"{term}: has no definition; write it after the colon"))
            continue
        terms.append(Term(term, definition, number))
    return terms, findings


def duplicates(path: str, terms: list[Term]) -> list[Finding]:
    """A term defined twice: the abbr extension would silently keep only the last."""
    first: dict[str, Term] = {}
    findings = []
    for t in terms:
        if t.term in first:
            findings.append(Finding(path, t.line, "glossary-duplicate",
                                    f"{t.term}: already defined on line {first[t.term].line}; "
                                    "keep one definition"))
        else:
            first[t.term] = t
    return findings


def _sort_key(term: str) -> tuple[str, str]:
    folded = unicodedata.normalize("NFKD", term).casefold()
    return re.sub(r"[^0-9a-z]", "", folded), term


def anchor(term: str) -> str:
    slug = re.sub(r"[^0-9a-z]+", "-", unicodedata.normalize("NFKD", term).casefold()).strip("-")
    return f"term-{slug or 'x'}"


def _letter(term: str) -> str:
    first = _sort_key(term)[0][:1]
    return first.upper() if first.isalpha() else "#"


def alphabetical(terms: list[Term]) -> list[Term]:
    unique = {t.term: t for t in terms}  # the last wins, as in the abbr extension
    return sorted(unique.values(), key=lambda t: _sort_key(t.term))


def render(terms: list[Term]) -> str:
    """The glossary as Markdown headings per letter, each with a definition list of anchored terms.

    The lists are raw HTML so the abbr extension does not wrap a term in a
    tooltip of its own definition.
    """
    blocks: list[str] = []
    used: set[str] = set()
    letter = None
    for t in alphabetical(terms):
        if _letter(t.term) != letter:
            if letter is not None:
                blocks.append("</dl>\n")
            letter = _letter(t.term)
            slug = "other" if letter == "#" else letter.lower()
            blocks.append(f"## {letter} {{#letter-{slug}}}\n\n<dl class=\"kb-glossary\">")
        ident = anchor(t.term)
        while ident in used:
            ident += "-2"
        used.add(ident)
        blocks.append(f"<dt id=\"{ident}\"><dfn>{html.escape(t.term)}</dfn></dt>\n"
                      f"<dd>{html.escape(t.definition)}</dd>")
    if letter is not None:
        blocks.append("</dl>\n")
    return "\n".join(blocks)


def fill(markdown: str, terms: list[Term]) -> str:
    """The page with the marker line replaced by the generated glossary."""
    return markdown.replace(MARKER, render(terms), 1)
