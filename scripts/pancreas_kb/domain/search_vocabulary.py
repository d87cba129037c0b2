"""The site's own vocabulary, from which search offers "Did you mean ...?".

A reader who misspells a drug, a test or a symptom ("gemcitabin", "jaundise")
is offered the nearest word the site uses. The words come from what the site
names on purpose (glossary terms, search synonyms, section headings), each
counted as named, and from the pages' own text, which holds the drug and trial
names; a page word is kept with how often it occurs, so that among equally near
words the common one is offered. assets/js/search.js reads the file the search
part writes, and measures nearness (Damerau-Levenshtein distance) there.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

# Words as search.js splits a query: letters and digits, joined by hyphens (ca19-9,
# nab-paclitaxel); apostrophes dropped (can't -> cant).
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Shorter words are not corrected (too many near neighbours), so not listed.
MIN_LENGTH = 4
# A named word outranks any page word at the same distance.
NAMED_WEIGHT = 1000
_TAG = re.compile(r"<[^>]+>")


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, as search reads them."""
    return [w for w in _WORD.findall(text.lower().replace("\u2019", "").replace("'", "")) if len(w) >= MIN_LENGTH]


def html_words(fragment: str) -> list[str]:
    """The words of an HTML fragment's text."""
    return words(html.unescape(_TAG.sub(" ", fragment)))


def vocabulary(named: Iterable[str], page_words: Iterable[str]) -> dict[str, int]:
    """word -> weight: NAMED_WEIGHT for each naming (term, synonym, heading), plus one per use on a page."""
    weights: Counter[str] = Counter()
    for phrase in named:
        for word in words(phrase):
            weights[word] += NAMED_WEIGHT
    weights.update(page_words)
    return dict(sorted(weights.items()))
