"""A page's review verdict on a given day: its state, its dates, and whether it is overdue.

The states themselves are defined in states.py, the audiences in audiences.py.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from . import audiences, states
from .approval import Reviewer
from .states import OVERDUE, STATES, ReviewState

# How long before `next_review` a page is flagged as due soon.
DUE_SOON_DAYS = 30


def today() -> dt.date:
    """The date review verdicts (overdue, due soon) are judged on.

    KB_TODAY=YYYY-MM-DD pins it, so fixture builds, tests and reproducible builds
    do not change verdict with the calendar.
    """
    pinned = os.environ.get("KB_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


@dataclass(frozen=True)
class Trust:
    """What a page's trust block shows, derived from its front matter."""

    status: str  # the review_status written in front matter
    shown: ReviewState  # the state the reader sees: overdue replaces approved once next_review passes
    overdue: bool
    due_soon: bool
    audience: str
    last_reviewed: dt.date | None
    next_review: dt.date | None
    reviewers: tuple[Reviewer, ...]  # structured all the way to the template and JSON-LD
    evidence_checked: dt.date | None = None

    @property
    def label(self) -> str:
        return self.shown.label

    @property
    def banner_title(self) -> str:
        return self.shown.banner_title

    @property
    def banner(self) -> str:
        # Pages for everyone (home, glossary, about the site) give no medical advice: no caution.
        return self.shown.banner if audiences.get(self.audience).clinical else ""

    @property
    def audience_label(self) -> str:
        return audiences.get(self.audience).label


def next_review(last: dt.date) -> dt.date:
    """The editorial policy's longest review cycle, one calendar year: the date the next
    review falls due after a review on `last` (28 February for a 29 February review)."""
    try:
        return last.replace(year=last.year + 1)
    except ValueError:
        return last.replace(year=last.year + 1, day=28)


def is_overdue(next_review: dt.date, today: dt.date) -> bool:
    """The review-dates rule, for the page the reader sees and the check alike: overdue the day after next_review."""
    return today > next_review


def is_due_soon(next_review: dt.date, today: dt.date) -> bool:
    """Not yet overdue, and next_review within DUE_SOON_DAYS."""
    return not is_overdue(next_review, today) and (next_review - today).days <= DUE_SOON_DAYS


def trust_for(meta: dict, today: dt.date) -> Trust:
    """Derive the trust block from already-validated front matter."""
    status = meta["review_status"]
    next_review = meta.get("next_review")
    signed_off = states.signed_off(status)
    dated = signed_off and next_review is not None
    overdue = dated and is_overdue(next_review, today)
    due_soon = dated and is_due_soon(next_review, today)
    return Trust(
        status=status,
        shown=OVERDUE if overdue else STATES[status],
        overdue=overdue,
        due_soon=due_soon,
        audience=meta.get("audience", audiences.FALLBACK.id),
        # Who reviewed it, and when, only for a page that is signed off: a page under
        # review shows no "Reviewed by", on the page or in its structured data.
        last_reviewed=meta.get("last_reviewed") if signed_off else None,
        next_review=next_review,
        reviewers=tuple(
            Reviewer(str(r.get("name", "")).strip(), str(r.get("credentials", "")).strip())
            for r in (meta.get("reviewers") or () if signed_off else ())
        ),
        evidence_checked=meta.get("evidence_checked"),
    )
