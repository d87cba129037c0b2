"""Recommendation grades as guidelines print them, recognised in plain text.

Editors copy a guideline's grade in brackets after the recommendation, in the
guideline's own words, e.g. "(strong recommendation, high-quality evidence)",
"(evidence based; intermediate evidence quality; strong recommendation)" or
"(ASCO: strong recommendation; evidence quality high)". No other markup is
needed: the build shows such a bracket as a grade beside the recommendation,
and the checker asks that the sentence cite a guideline or consensus statement,
the only sources a grade can come from.
"""

from __future__ import annotations

import html as markup
import re
from dataclasses import dataclass

from . import audiences
from .findings import Finding

GRADING_TYPES = ("guideline", "consensus")  # the sources a recommendation grade can come from

PAREN_RE = re.compile(r"\(([^()\n]{3,200})\)")
STRENGTH_RE = re.compile(r"\b(strong|moderate|weak|conditional)\b(?:\s+recommendation)?", re.I)
QUALITY_RE = re.compile(
    r"\b(very low|high|intermediate|moderate|low)(?:[- ]quality|\s+evidence quality|\s+quality)\b"
    r"|\bevidence quality[:\s]+(very low|high|intermediate|moderate|low)\b",
    re.I,
)
# What makes a bracket a grade rather than an aside that happens to say "strong".
GRADE_WORDS_RE = re.compile(
    r"\brecommendation\b|\bevidence quality\b|\bquality evidence\b|-quality evidence"
    r"|\bevidence based\b|\binformal consensus\b",
    re.I,
)


@dataclass(frozen=True)
class Grade:
    start: int  # of the bracket in the text
    end: int
    text: str  # inside the brackets, as written
    strength: str  # strong, moderate, weak, conditional; "" when not stated
    quality: str  # high, intermediate, moderate, low, very low; "" when not stated


def find(text: str) -> list[Grade]:
    grades = []
    for match in PAREN_RE.finditer(text):
        inner = match.group(1)
        if not GRADE_WORDS_RE.search(inner):
            continue
        quality_match = QUALITY_RE.search(inner)
        quality = (quality_match.group(1) or quality_match.group(2)).lower() if quality_match else ""
        rest = QUALITY_RE.sub(" ", inner)
        strength_match = STRENGTH_RE.search(rest)
        strength = strength_match.group(1).lower() if strength_match else ""
        if strength or quality:
            grades.append(Grade(match.start(), match.end(), inner, strength, quality))
    return grades


def html(grade: Grade) -> str:
    """The bracket as readers see it: marked as the guideline's grade, words unchanged."""
    data = "".join(f' data-{k}="{v}"' for k, v in (("strength", grade.strength), ("quality", grade.quality)) if v)
    return f'<span class="kb-grade"{data} title="Grade given by the guideline">({markup.escape(grade.text)})</span>'


def ungraded_sources(
    path: str, line: int, text: str, keys: tuple[str, ...], types: dict, audience: str
) -> list[Finding]:
    """grade-without-guideline: a grade in a sentence that cites no guideline or consensus statement."""
    severity = audiences.get(audience).source_severity
    if severity is None or not find(text):
        return []
    kinds = [types.get(k) for k in keys]
    # An untyped source is bib-evidence-type's to report; judge the grade once all are typed.
    if None in kinds or any(kind.id in GRADING_TYPES for kind in kinds):
        return []
    return [
        Finding(
            path,
            line,
            "grade-without-guideline",
            f"'{find(text)[0].text}' reads as a recommendation grade, but the sentence cites no source "
            "of evidence type guideline or consensus; cite the guideline that grades it",
            severity,
        )
    ]
