"""The review dashboard: every page's review state, grouped by status, from front matter.

Generated at build time from the page records, so it can never disagree with
the trust block the pages themselves show.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import audiences, review, states
from .page_record import PageRecord

# Each review packet is built into the site here (plugin/review_packets.py), so the
# dashboard can link to it.
PACKET_FOLDER = "about/review-packets"
# How a clinician joins the reviewers, linked above the tables.
JOIN_PAGE = "about/review-for-us.md"


def packet_path(src: str) -> str:
    """about/review-packets/clinicians/x.html for clinicians/x.md."""
    return f"{PACKET_FOLDER}/{PurePosixPath(src).with_suffix('.html')}"


@dataclass(frozen=True)
class Row:
    src: str  # path relative to docs/
    title: str
    trust: review.Trust


def rows(records: Iterable[PageRecord]) -> list[Row]:
    """One row per page whose front matter is valid; invalid pages fail the build elsewhere."""
    return [Row(r.src_uri, r.title, r.trust) for r in sorted(records, key=lambda r: r.src_uri) if r.trust]


def _flag(trust: review.Trust) -> str:
    if trust.overdue:
        return "**Overdue**"
    if trust.due_soon:
        return "Due soon"
    return ""


def _reviewers(trust: review.Trust) -> str:
    return "; ".join(f"{r.name}, {r.credentials}" if r.credentials else r.name for r in trust.reviewers)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "–"


PACKET_NOT_BUILT = "not built in this preview (`make serve FULL=1`)"


def _packet(row: Row, from_src: str, built: bool) -> str:
    """A link to the row's packet; pages for everyone give no medical information and have none."""
    if not audiences.get(row.trust.audience).clinical:
        return "–"
    if not built:
        return PACKET_NOT_BUILT
    return f"[packet]({posixpath.relpath(packet_path(row.src), posixpath.dirname(from_src) or '.')})"


def _link(row: Row, from_src: str) -> str:
    up = "../" * (len(PurePosixPath(from_src).parts) - 1)
    return f"[{row.title}]({up}{row.src})"


def markdown(all_rows: list[Row], from_src: str, today: dt.date, join: bool = False, packets: bool = True) -> str:
    """Tables grouped by review state, each sorted by next review date, then title.

    `join`: the site has the page inviting clinicians to review, linked above the tables.
    `packets`: False when this build makes no review packets (a quick `mkdocs serve` preview).
    """
    counts = ", ".join(
        f"{sum(r.trust.status == s for r in all_rows)} {state.label.lower()}" for s, state in states.settable().items()
    )
    out = [f"Generated on {today.isoformat()} from the front matter of {len(all_rows)} pages: {counts}.", ""]
    if join:
        out += [
            f"Are you a clinician? [Review for us]({posixpath.relpath(JOIN_PAGE, posixpath.dirname(from_src) or '.')}):"
            " what reviewing involves, how long it takes, how to join.",
            "",
        ]
    for status, state in states.settable().items():
        group = sorted(
            (r for r in all_rows if r.trust.status == status),
            key=lambda r: (r.trust.next_review or dt.date.max, r.title),
        )
        out += [f"## {state.label} {{#{status}}}", "", state.description, ""]
        if not group:
            out += ["No pages.", ""]
            continue
        out += [
            "| Page | Audience | Reviewers | Last reviewed | Next review | Flag | Review packet |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {_link(r, from_src)} | {r.trust.audience_label} | {_reviewers(r.trust) or '–'} "
            f"| {_date(r.trust.last_reviewed)} | {_date(r.trust.next_review)} | {_flag(r.trust)} "
            f"| {_packet(r, from_src, packets)} |"
            for r in group
        ]
        out.append("")
    return "\n".join(out)
