"""Figures in page text and in quoted sources: where they are and what number they state.

Two rules read figures: `unsourced-figure` (a figure needs a citation in its
paragraph) and `figure-not-quoted` (a cited figure appears in a quote of its
source). Both take the same units of text and the same idea of what is prose,
from here, so that a number one rule sees the other sees too.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from . import citations, fences

# Figures with a unit: what `unsourced-figure` asks a citation for.
FIGURE_RES = (
    re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%"),
    re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:\s|-)(?:days?|weeks?|months?|years?)\b", re.I),
    re.compile(r"\bHR\b[^\d\n]{0,20}\d+(?:\.\d+)?|\bhazard ratio\b[^\d\n]{0,20}\d+(?:\.\d+)?", re.I),
    re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?(?:mg|mcg|µg|μg|g|Gy|mL|IU)(?:/(?:m2|m²|kg|day|d))?(?![\w²])"),
)
# Text that holds digits without stating a figure: code, URLs, attribute lists, HTML.
# Confidence levels ("95% CI") name a kind of interval, not a result.
NOT_PROSE_RE = re.compile(
    rf"{citations.INLINE_CODE_RE.pattern}|\]\([^)]*\)|\{{[#.:][^}}]*\}}|<[^>]+>|https?://\S+|{citations.ANY_BLOCK}"
    r"|\b(?:90|95|99)\s?%\s?(?:CI|confidence interval)\b"
)
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

    @property
    def is_table_row(self) -> bool:
        return bool(self.lines) and bool(TABLE_RE.match(self.lines[0][1]))


def units(body: str, first_line: int) -> list[Unit]:
    """Paragraphs, list items and table rows of a Markdown body, with their file lines."""
    # Comments become spaces, so that lines and columns still point into the page.
    body = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), body, flags=re.S)
    result: list[Unit] = []
    current: Unit | None = None
    for number, line, kind in fences.lines(body, first_line):
        if kind != fences.TEXT:
            current = None
            continue
        if TABLE_RULE_RE.match(line) and result and result[-1].lines[-1][0] == number - 1:
            result.pop()  # the header row above the rule labels columns; it states no figure
            current = None
            continue
        if not line.strip() or HEADING_RE.match(line) or OWN_LINE_RE.match(line):
            current = None
            continue
        if current is None or ITEM_RE.match(line) or TABLE_RE.match(line):
            current = Unit([])
            result.append(current)
        current.lines.append((number, line))
        if TABLE_RE.match(line):
            current = None  # each table row stands alone
    return result


def prose(text: str) -> str:
    """The text with code, links, markup, citations and confidence levels blanked out."""
    return NOT_PROSE_RE.sub(" ", text)


def first_figure(unit: Unit) -> tuple[int, str] | None:
    for number, line in unit.lines:
        plain = prose(line)
        for pattern in FIGURE_RES:
            match = pattern.search(plain)
            if match:
                return number, match.group(0).strip()
    return None


# --- the numbers a sentence or a quote states --------------------------------------

# The forms journals print that mean the same number: the Lancet's raised decimal
# point, thin and no-break spaces inside numbers, the minus sign, "per cent".
_NORMAL = str.maketrans(
    {
        "\u00b7": ".",
        "\u2219": ".",
        "\u2212": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2009": " ",
        "\u202f": " ",
        "\u00a0": " ",
        "\u2007": " ",
    }
)
_PER_CENT_RE = re.compile(r"\s?(?:per\s?cent|percent)\b", re.I)
# 1,234 and 1 234 (a thousands separator), not a list "3, 4".
_GROUPED_RE = re.compile(r"(?<![\d.,])(\d{1,3})(?:[, ](\d{3}))+(?![\d]|\.\d)")
NUMBER_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?|\.\d+)(?![\d])")
# Digits that state no figure: names (CA 19-9), year ranges, ordinals, telephone numbers
# (0808 800 4040, 1-800-227-2345), and the denominator of a natural frequency ("16 in 100",
# which restates 16%).
_NAMES_RE = re.compile(
    r"\bCA\s?19-9\b|\bCOVID-19\b|\b(?:19|20)\d\d\s?-\s?(?:19|20)?\d\d\b(?=\D)"
    r"|\b\d+(?:st|nd|rd|th)\b|\b\d{1,4}(?:[ -]\d{3,4}){2,}\b"
    r"|(?<=\d in )(?:10|100|1000)\b|(?<=\d de cada )(?:10|100|1000)\b",
    re.I,
)
# A trial, registry or criteria name with a number (SEER 17, ACCORD 11, KEYNOTE-158, RECIST 1.1,
# CodeBreaK 100): a word of four or more letters with two capitals and a whole number, unless a
# unit follows. A decimal after a name ("FOLFIRINOX 11.1 vs 6.8") is a result, and is checked.
_NAMED_RE = re.compile(
    r"\bRECIST\s?1\.[01]\b|\b(?=[A-Za-z]*[A-Z][A-Za-z]*[A-Z])[A-Za-z]{4,}[ -]\d+(?!\.?\d)"
    r"(?!\s?(?:%|months?|weeks?|days?|years?|mg|Gy))"
)
# A calendar date (26 August 2026, August 26): the day is not a figure.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Spanish pages: "26 de agosto".
_MESES = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
_DATE_RE = re.compile(rf"\b\d{{1,2}}\s(?:{_MONTHS})\b|\b(?:{_MONTHS})\s\d{{1,2}}\b|\b\d{{1,2}}\sde\s(?:{_MESES})\b")
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_UNIT_AFTER_RE = re.compile(r"\s?(?:%|mg|mcg|µg|μg|g\b|Gy|mL|IU)")


def normalise(text: str) -> str:
    # Entities first: "Drugs&#64;FDA" states no 64.
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_NORMAL)
    text = _PER_CENT_RE.sub("%", text)
    return _GROUPED_RE.sub(lambda m: re.sub(r"[, ]", "", m.group(0)), text)


@dataclass(frozen=True)
class Number:
    value: Decimal
    shown: str  # as written, for messages

    @property
    def places(self) -> int:
        return len(self.shown.partition(".")[2])


def numbers(text: str, significant_only: bool = True) -> list[Number]:
    """The numbers `text` states, normalised; with significant_only, only figures a reader acts on.

    Significant: a percentage, a decimal (medians, hazard ratios, confidence limits), a
    dose, or a count of 10 or more. Years and single-digit counts ("3 cycles", "stage 4")
    are left out: they are names and small counts, not results.
    """
    plain = _NAMES_RE.sub(" ", normalise(text))
    plain = _DATE_RE.sub(" ", _NAMED_RE.sub(" ", plain))
    result = []
    for match in NUMBER_RE.finditer(plain):
        token = match.group(1)
        value = Decimal(token)  # NUMBER_RE's digits are always a decimal (".5" too)
        if significant_only:
            unit = bool(_UNIT_AFTER_RE.match(plain, match.end()))
            if _YEAR_RE.match(token) and not unit:
                continue
            if not (unit or "." in token or value >= 10):
                continue
        result.append(Number(value, token))
    return result


_SMALL = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)
}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORDS = "|".join([*_SMALL, *_TENS, *_SCALES, "and"])
_NUMBER_WORDS_RE = re.compile(rf"\b(?:{_WORDS})(?:[\s-]+(?:{_WORDS}))*\b", re.I)


def _spelled(match: re.Match) -> str:
    words = [w for w in re.split(r"[\s-]+", match.group(0).lower()) if w != "and"]
    if not words or words[0] in _SCALES:
        return match.group(0)
    total = current = 0
    for word in words:
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current *= 100
        else:  # thousand
            total, current = total + current * 1000, 0
    return str(total + current)


@functools.cache  # a quote is compared with every figure of every page citing it
def values(text: str) -> frozenset[Decimal]:
    """Every number in a quote, significant or not: a figure matches any of them.

    Journals spell out counts that open a sentence ("One hundred twenty-six
    patients"), and copies of a page can lose the space before a number
    ("Strength1.5T"): both still state the number.
    """
    text = _NUMBER_WORDS_RE.sub(_spelled, text)
    text = re.sub(r"(?<=[A-Za-z])(?=\d)", " ", text)
    return frozenset(n.value for n in numbers(text, significant_only=False))


# --- sentences -----------------------------------------------------------------

# A full stop ends a sentence unless it closes one of these.
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "et al.", "approx.", "Dr.", "Fig.", "No.", "cf.", "etc.")
_BOUNDARY_RE = re.compile(r"(?<=[.!?])[\"')\]*_]*\s+(?=[\"'(*_]*[A-Z0-9\[])")


@dataclass(frozen=True)
class Sentence:
    line: int  # file line where it starts
    text: str  # the Markdown, citations included
    keys: tuple[str, ...]  # cited in the sentence itself
    start: int  # offset in the unit's text (lines joined by newlines)
    end: int


def _unit_source(unit: Unit) -> str:
    return "\n".join(text for _, text in unit.lines)


def sentence_spans(source: str) -> list[tuple[int, int]]:
    """The one sentence splitter: where each sentence of `source` starts and ends.

    A sentence ends at . ! or ? followed by a space and a capital, a digit or a
    citation, unless the full stop closes an abbreviation (e.g., et al.).
    """
    cuts = [0]
    for match in _BOUNDARY_RE.finditer(source):
        if not source[: match.start()].endswith(_ABBREVIATIONS):
            cuts.append(match.end())
    cuts.append(len(source))
    return list(itertools.pairwise(cuts))


def sentences(unit: Unit) -> list[Sentence]:
    """The unit's sentences; a table row is one sentence (its cells are not prose)."""
    source = _unit_source(unit)
    result = []
    for start, end in [(0, len(source))] if unit.is_table_row else sentence_spans(source):
        text = source[start:end].strip()
        if not text:
            continue
        line = unit.lines[source[:start].count("\n")][0]
        keys = tuple(
            dict.fromkeys(
                k for block in citations.BLOCK_RE.finditer(text) for k in citations.KEY_RE.findall(block.group(1))
            )
        )
        result.append(Sentence(line, text, keys, start, end))
    return result


def sources_of(all_sentences: list[Sentence]) -> list[tuple[Sentence, tuple[str, ...]]]:
    """Each sentence with the sources it rests on.

    A sentence without its own citation rests on the next cited sentence of its unit
    (a citation often closes a run of sentences), or else on the one before.
    """
    result = []
    for i, sentence in enumerate(all_sentences):
        keys = sentence.keys
        if not keys:
            later = [s.keys for s in all_sentences[i + 1 :] if s.keys]
            earlier = [s.keys for s in all_sentences[:i] if s.keys]
            keys = later[0] if later else (earlier[-1] if earlier else ())
        result.append((sentence, keys))
    return result
