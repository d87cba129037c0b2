"""Clinician pages: every figure a clinician might act on carries its source.

A paragraph, list item or table row that states a percentage, a duration, a
hazard ratio or a dose must cite at least one reference in the same unit, so a
reviewer can check the number against the paper it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.domain.findings import Finding

FIGURE_RES = (
    re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%"),
    re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:\s|-)(?:days?|weeks?|months?|years?)\b", re.I),
    re.compile(r"\bHR\b[^\d\n]{0,20}\d+(?:\.\d+)?|\bhazard ratio\b[^\d\n]{0,20}\d+(?:\.\d+)?", re.I),
    re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?(?:mg|mcg|µg|μg|g|Gy|mL|IU)(?:/(?:m2|m²|kg|day|d))?(?![\w²])"),
)
CITATION_RE = re.compile(r"\[@[A-Za-z0-9_]")
# Text that holds digits without stating a figure: code, URLs, attribute lists, HTML.
# Confidence levels ("95% CI") name a kind of interval, not a result.
NOT_PROSE_RE = re.compile(r"(`+).+?\1|\]\([^)]*\)|\{[#.:][^}]*\}|<[^>]+>|https?://\S+|\[@[^\]]*\]"
                          r"|\b(?:90|95|99)\s?%\s?(?:CI|confidence interval)\b")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
HEADING_RE = re.compile(r"^\s*#{1,6}\s")
ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
TABLE_RE = re.compile(r"^\s*\|")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Lines that are markup of their own: admonition openers, abbreviation definitions.
OWN_LINE_RE = re.compile(r"^\s*(?:[!?]{3}\+?\s|\*\[)")


@dataclass
class Unit:
    lines: list[tuple[int, str]]

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.lines)


def units(body: str, first_line: int) -> list[Unit]:
    """Paragraphs, list items and table rows of a Markdown body, with their file lines."""
    body = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), body, flags=re.S)
    result: list[Unit] = []
    current: Unit | None = None
    in_fence = False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if FENCE_RE.match(line):
            in_fence, current = not in_fence, None
            continue
        if TABLE_RULE_RE.match(line) and result and result[-1].lines[-1][0] == number - 1:
            result.pop()  # the header row above the rule labels columns; it states no figure
            current = None
            continue
        if in_fence or not line.strip() or HEADING_RE.match(line) or OWN_LINE_RE.match(line):
            current = None
            continue
        if current is None or ITEM_RE.match(line) or TABLE_RE.match(line):
            current = Unit([])
            result.append(current)
        current.lines.append((number, line))
        if TABLE_RE.match(line):
            current = None  # each table row stands alone
    return result


def first_figure(unit: Unit) -> tuple[int, str] | None:
    for number, line in unit.lines:
        prose = NOT_PROSE_RE.sub(" ", line)
        for pattern in FIGURE_RES:
            match = pattern.search(prose)
            if match:
                return number, match.group(0).strip()
    return None


def unsourced(path: str, body: str, first_line: int) -> list[Finding]:
    findings = []
    for unit in units(body, first_line):
        if CITATION_RE.search(unit.text):
            continue
        figure = first_figure(unit)
        if figure:
            findings.append(Finding(path, figure[0], "unsourced-figure",
                                    f"'{figure[1]}' is stated without a citation in its paragraph, list item or "
                                    "table row; cite the source it comes from with [@key] in the same unit"))
    return findings

