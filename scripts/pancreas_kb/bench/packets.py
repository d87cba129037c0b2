"""How much a clinical reviewer reads: the review packets of a built site, measured.

For each packet built into the site: the words a reviewer reads (its text, not its
markup), the words of the page it reviews (the Markdown body, front matter left
out), their ratio, the reading time at the packet's own reading speed, and the
claims that show one passage twice (none should).
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from pancreas_kb.domain import dashboard
from pancreas_kb.domain.frontmatter import read
from pancreas_kb.tools import review_packet

CLAIM_RE = re.compile(r'<article class="claim[^"]*"(.*?)</article>', re.S)
# A passage shown in full, or referred to by its number from a later claim.
PASSAGE_RE = re.compile(r'id="passage-(\d+)"|href="#passage-(\d+)"')


def repeated(packet: str) -> int:
    """The claims of a packet that show one passage more than once."""
    count = 0
    for claim in CLAIM_RE.findall(packet):
        numbers = [a or b for a, b in PASSAGE_RE.findall(claim)]
        count += len(numbers) != len(set(numbers))
    return count


def measure(site: Path, docs: Path) -> dict:
    folder = site / dashboard.PACKET_FOLDER
    rows = []
    for path in sorted(folder.rglob("*.html")):
        src = path.relative_to(folder).with_suffix(".md").as_posix()
        source = docs / src
        page, _ = read(src, source.read_text(encoding="utf-8"))
        packet = path.read_text(encoding="utf-8")
        words = review_packet.word_count(packet)
        page_words = len(page.body.split()) if page else 0
        rows.append(
            {
                "page": src,
                "audience": page.meta.get("audience") if page else "",
                "page_words": page_words,
                "packet_words": words,
                "ratio": round(words / page_words, 2) if page_words else None,
                "minutes": round(words / review_packet.READING_WORDS_PER_MINUTE, 1),
                "claims": len(CLAIM_RE.findall(packet)),
                "repeated": repeated(packet),
            }
        )
    if not rows:
        return {"note": "The site has no review packets."}
    largest = max(rows, key=lambda r: r["packet_words"])
    minutes = {
        audience: statistics.median(r["minutes"] for r in rows if r["audience"] == audience and r["claims"])
        for audience in sorted({r["audience"] for r in rows if r["claims"]})
    }
    return {
        "pages": rows,
        "largest": largest["page"],
        "median_minutes": minutes,
        "words_per_minute": review_packet.READING_WORDS_PER_MINUTE,
    }
