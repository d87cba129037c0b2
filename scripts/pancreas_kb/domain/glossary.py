"""The glossary: one data file of definitions, marked in pages and listed on the glossary page.

`includes/glossary.yml` holds a list of `term`, `definition` and an optional
`clinicians: true`. Pages explain a term (an <abbr title> that tooltips.js turns
into a tooltip) at its first use in each h2 section, never in headings, links,
code or the reference list; clinician pages explain only the terms flagged for
clinicians. The glossary page lists every definition, so a term is explained
once and the same way everywhere.
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import yaml

from . import audiences, yamlfile
from .findings import Finding

# The data file, relative to mkdocs.yml.
FILE = "includes/glossary.yml"
# The glossary page carries this line where the generated list goes.
MARKER = "<!-- glossary -->"
FIELDS = ("term", "definition", "clinicians")


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    line: int
    clinicians: bool = False


def _scalar(node) -> str | None:
    return node.value.strip() if isinstance(node, yaml.ScalarNode) else None


def _entry(path: str, entry: yamlfile.Entry) -> tuple[Term | None, list[Finding]]:
    node, line = entry.node, entry.line
    fields = {}
    findings = []
    for key, value in node.value:
        name = _scalar(key)
        if name not in FIELDS:
            findings.append(
                Finding(
                    path,
                    key.start_mark.line + 1,
                    "glossary-unknown-field",
                    f"{name}: unknown field; allowed: {', '.join(FIELDS)}",
                )
            )
            continue
        fields[name] = (value, _scalar(value))
    term = fields.get("term", (None, None))[1]
    if not term:
        return None, [
            *findings,
            Finding(path, line, "glossary-syntax", "entry without a term; add `term:` with the word as pages write it"),
        ]
    definition = fields.get("definition", (None, None))[1]
    if not definition:
        return None, [
            *findings,
            Finding(path, line, "glossary-empty", f"{term}: has no definition; add `definition:` in plain language"),
        ]
    clinicians = False
    if "clinicians" in fields:
        value = fields["clinicians"][0]
        # Only true and false: YAML also reads yes, on and True as true, which would be taken as false here.
        if fields["clinicians"][1] not in ("true", "false"):
            findings.append(
                Finding(path, value.start_mark.line + 1, "glossary-value", f"{term}: clinicians: write true or false")
            )
        clinicians = fields["clinicians"][1] == "true"
    return Term(term, definition, line, clinicians), findings


def parse(path: str, text: str) -> tuple[list[Term], list[Finding]]:
    """Every definition in file order, and findings for entries that are not one."""
    return yamlfile.read_list(
        path,
        text,
        ("glossary-yaml", "glossary-syntax"),
        fix="quote a definition that contains a colon",
        shape="the file is a list of entries, each starting with `- term:`",
        read=lambda entry: _entry(path, entry),
        entry="each entry is a mapping; write `- term: CT` and, indented below it, `definition: ...`",
    )


def duplicates(path: str, terms: list[Term]) -> list[Finding]:
    """A term defined twice: only one definition can be shown."""
    first: dict[str, Term] = {}
    findings = []
    for t in terms:
        if t.term in first:
            findings.append(
                Finding(
                    path,
                    t.line,
                    "glossary-duplicate",
                    f"{t.term}: already defined on line {first[t.term].line}; keep one definition",
                )
            )
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
    unique = {t.term: t for t in terms}
    return sorted(unique.values(), key=lambda t: _sort_key(t.term))


def render(terms: list[Term]) -> str:
    """The glossary as Markdown headings per letter, each with a definition list of anchored terms.

    The lists are raw HTML, which the marking never enters: a term is not
    wrapped in a tooltip of its own definition.
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
            blocks.append(f'## {letter} {{#letter-{slug}}}\n\n<dl class="kb-glossary">')
        ident = anchor(t.term)
        while ident in used:
            ident += "-2"
        used.add(ident)
        blocks.append(f'<dt id="{ident}"><dfn>{html.escape(t.term)}</dfn></dt>\n<dd>{html.escape(t.definition)}</dd>')
    if letter is not None:
        blocks.append("</dl>\n")
    return "\n".join(blocks)


def fill(markdown: str, terms: list[Term]) -> str:
    """The page with the marker line replaced by the generated glossary."""
    return markdown.replace(MARKER, render(terms), 1)


# --- marking terms in a page ------------------------------------------------------

# Never explained inside these: headings and titles (they stay plain), links and
# code (their text is not prose), an explanation already there.
SKIP_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "dfn", "code", "pre", "kbd", "script", "style", "summary"}
)
# Nor in the reference list (citation tooltips copy it) or admonition titles.
SKIP_CLASSES = frozenset({"footnote", "admonition-title", "kb-glossary"})
SECTION_TAG = "h2"


class Matcher:
    """The terms one page explains, as one regular expression over its text.

    One alternation (longest term first) scans each text once, however many
    terms there are; Python-Markdown's abbr extension ran one pattern per term
    over every text of every page, which was most of the build's time.
    """

    def __init__(self, terms: list[Term], audience: str):
        expert = audiences.get(audience).expert
        chosen = [t for t in alphabetical(terms) if not expert or t.clinicians]
        # A term with capitals matches as written; an all-lower-case one also
        # capitalised (at the start of a sentence).
        self.exact = {t.term: t for t in chosen}
        self.folded = {t.term.casefold(): t for t in chosen if t.term == t.term.lower()}
        names = sorted(self.exact, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
                re.IGNORECASE,
            )
            if names
            else None
        )

    def term_at(self, word: str) -> Term | None:
        return self.exact.get(word) or (
            self.folded.get(word.casefold()) if word[:1].isupper() and word[1:] == word[1:].lower() else None
        )

    def split(self, text: str, seen: set[str]) -> list[str | Term]:
        """The text cut into plain strings and the terms first used in it."""
        if not text or self.pattern is None:
            return [text]
        parts: list[str | Term] = []
        start = 0
        for match in self.pattern.finditer(text):
            term = self.term_at(match.group())
            if term is None or term.term in seen:
                continue
            seen.add(term.term)
            parts += [text[start : match.start()], match.group(), term]
            start = match.end()
        parts.append(text[start:])
        return parts


def _skipped(element: etree.Element) -> bool:
    if element.tag in SKIP_TAGS:
        return True
    return bool(SKIP_CLASSES.intersection((element.get("class") or "").split()))


def _abbr(word: str, term: Term) -> etree.Element:
    element = etree.Element("abbr", {"title": term.definition})
    element.text = word
    return element


def _marked(parts: list) -> tuple[str, list[etree.Element]]:
    """Leading text, and the <abbr> elements with their tails, from `split`'s output."""
    lead, elements = parts[0], []
    for i in range(1, len(parts) - 1, 3):
        element = _abbr(parts[i], parts[i + 1])
        element.tail = parts[i + 2]
        elements.append(element)
    return lead, elements


def mark(element: etree.Element, matcher: Matcher, seen: set[str]) -> None:
    """Explain each term at its first use in `seen`'s section, in document order."""
    if element.text and not _skipped(element):
        lead, new = _marked(matcher.split(element.text, seen))
        element.text = lead
        for offset, child in enumerate(new):
            element.insert(offset, child)
    for child in list(element):
        if child.tag == SECTION_TAG:
            seen.clear()
        if not _skipped(child):
            mark(child, matcher, seen)
        if child.tail and not _skipped(element):
            lead, new = _marked(matcher.split(child.tail, seen))
            child.tail = lead
            index = list(element).index(child) + 1
            for offset, new_child in enumerate(new):
                element.insert(index + offset, new_child)
