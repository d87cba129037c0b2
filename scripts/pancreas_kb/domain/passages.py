"""Which recorded passages support which sentence of a page: the one binding rule.

A sentence's passages come only from the sources it rests on, and are the fewest
that state its figures: the passage stating the most of the sentence's figures not
yet covered is taken first (ties go to the passage sharing more of its words, then
to file order), until every figure is covered or no passage covers another. A
sentence that states no figure, or none a passage states, takes the one passage
of its sources that shares the most of its words (at least MIN_SHARED_WORDS). A
passage is never bound twice to one sentence. The review packet shows each claim
with its passages, and each source's passages bound to nothing on the page once,
at the end; the reader's reference list shows the passages bound somewhere on the
page, and a citation's tooltip the ones bound to its sentence.

Sentences that only point to another page ("See [imaging](imaging.md).") are
navigation, not claims: the packet leaves them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import evidence, figures

# Two words in common (after the stop words) is the least that ties a passage to a sentence's wording.
MIN_SHARED_WORDS = 3
# Words shared by most sentences about care; they say nothing about which passage fits.
STOP_WORDS = frozenset(
    """about after also among and are been before being between both but can cancer could does during each
    either from had has have having into its may might more most much must not only other over pancreatic
    patients people same some such than that the their them then there these they this those through under
    very was were what when where which while who will with within without would your you""".split()  # noqa: SIM905 (a word list reads best as words)
)
# Stemming by prefix: "treatments" and "treated" share "treat"; enough to compare wording.
STEM = 5
WORD_RE = re.compile(r"[a-z][a-z-]{3,}")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Words that point elsewhere rather than say something.
POINTER_RE = re.compile(r"\b(?:see|read|covered|described|discussed|explained|detailed|listed)\b", re.I)


@dataclass(frozen=True)
class BoundClaim:
    claim: evidence.Claim
    passages: tuple[evidence.Quote, ...]
    unquoted: tuple[str, ...]  # figures of the sentence that no passage of its sources states


def words(text: str) -> frozenset[str]:
    """The content words of a text, stemmed by prefix."""
    plain = LINK_RE.sub(r" \1 ", figures.CITATION_BLOCK_RE.sub(" ", text)).lower()
    return frozenset(w[:STEM] for w in WORD_RE.findall(plain) if w not in STOP_WORDS)


def is_navigation(text: str) -> bool:
    """A sentence that states no figure, ends with a link and points to it ("see", "read", "covered in")."""
    plain = figures.CITATION_BLOCK_RE.sub(" ", text)
    links = list(LINK_RE.finditer(plain))
    if not links or figures.numbers(figures.prose(text)):
        return False
    if re.search(r"[A-Za-z0-9]", plain[links[-1].end() :]):
        return False  # the sentence goes on after its last link
    return bool(POINTER_RE.search(LINK_RE.sub(" ", plain)))


def _candidates(keys: tuple[str, ...], store: evidence.Evidence) -> list[evidence.Quote]:
    seen: dict[tuple[str, str], evidence.Quote] = {}
    for key in keys:
        for quote in store.of(key):
            seen.setdefault((quote.key, quote.text), quote)
    return list(seen.values())


def bind(claim: evidence.Claim, store: evidence.Evidence) -> BoundClaim:
    """The claim with the passages that support it, by the rule above."""
    candidates = _candidates(claim.keys, store)
    own = words(claim.sentence.text)
    shared = {id(q): len(own & words(q.text)) for q in candidates}
    uncovered: set[Decimal] = {n.value for n in claim.figures}
    chosen: list[evidence.Quote] = []
    while uncovered:
        order = sorted(
            (q for q in candidates if q not in chosen),
            key=lambda q: (-len(q.values & uncovered), -shared[id(q)]),
        )
        if not order or not order[0].values & uncovered:
            break
        chosen.append(order[0])
        uncovered -= order[0].values
    if not chosen and candidates:
        best = max(candidates, key=lambda q: shared[id(q)])  # max keeps the first of equals: file order
        if shared[id(best)] >= MIN_SHARED_WORDS:
            chosen.append(best)
    unquoted = tuple(dict.fromkeys(n.shown for n in claim.figures if n.value in uncovered))
    return BoundClaim(claim, tuple(chosen), unquoted)


def claims(body: str, first_line: int, store: evidence.Evidence) -> list[BoundClaim]:
    """The page's claims (cited sentences that are not navigation), each with its passages."""
    return [
        bind(c, store)
        for c in evidence.claims(body, first_line)
        if c.keys and not is_navigation(" ".join(c.sentence.text.split()))
    ]


def unbound(bound: list[BoundClaim], store: evidence.Evidence) -> dict[str, list[evidence.Quote]]:
    """Each cited source's passages that support no claim of the page, in file order."""
    used = {(q.key, q.text) for b in bound for q in b.passages}
    keys = dict.fromkeys(k for b in bound for k in b.claim.keys)
    result = {}
    for key in keys:
        rest = [q for q in store.of(key) if (q.key, q.text) not in used]
        if rest:
            result[key] = rest
    return result


@dataclass(frozen=True)
class ReaderView:
    """What the reader's page shows of the binding."""

    # Each cited source's passages bound to some claim of the page, in file order: its reference list item.
    shown: dict[str, list[evidence.Quote]]
    # Each citation of a source in the page, in order: its key and the indices (into shown[key]) of the
    # passages bound to its sentence; None where the sentence is no claim (its tooltip shows them all).
    citations: list[tuple[str, tuple[int, ...] | None]]


def reader_view(body: str, store: evidence.Evidence) -> ReaderView:
    used: set[tuple[str, str]] = set()
    per_citation: list[tuple[str, list[evidence.Quote] | None]] = []
    for claim in evidence.claims(body, 1):
        bound = None
        if claim.keys and not is_navigation(" ".join(claim.sentence.text.split())):
            bound = bind(claim, store).passages
            used.update((q.key, q.text) for q in bound)
        for block in figures.CITATION_BLOCK_RE.finditer(claim.sentence.text):
            for key in figures.CITED_KEY_RE.findall(block.group(1)):
                per_citation.append((key, None if bound is None else [q for q in bound if q.key == key]))
    shown = {}
    for key in dict.fromkeys(k for k, _ in per_citation):
        chosen = [q for q in store.of(key) if (q.key, q.text) in used]
        if chosen:
            shown[key] = chosen
    citations = [
        (key, None if quotes is None else tuple(shown[key].index(q) for q in quotes)) for key, quotes in per_citation
    ]
    return ReaderView(shown, citations)
