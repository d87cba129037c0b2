"""The review states of a page: the single definition of their labels and banners.

Templates, the review dashboard and the checker all read this table, so a new
state or a reworded banner is changed here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .approval import Reviewer

# How long before `next_review` a page is flagged as due soon.
DUE_SOON_DAYS = 30
# The longest review cycle the editorial policy allows.
MAX_REVIEW_CYCLE_DAYS = 366


def today() -> dt.date:
    """The date review verdicts (overdue, due soon) are judged on.

    KB_TODAY=YYYY-MM-DD pins it, so fixture builds, tests and reproducible builds
    do not change verdict with the calendar.
    """
    pinned = os.environ.get("KB_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


@dataclass(frozen=True)
class ReviewState:
    id: str
    label: str
    banner_title: str
    banner: str  # empty: no caution banner
    description: str


STATES: dict[str, ReviewState] = {
    s.id: s
    for s in (
        ReviewState(
            "submitted",
            "Submitted, not yet reviewed",
            "Awaiting clinical review",
            "This page is awaiting clinical review. It is for education only and may "
            "contain errors. Do not use it to make decisions about care without your "
            "care team.",
            "Written and checked by editors; no clinical reviewer has signed it off yet.",
        ),
        ReviewState(
            "under-review",
            "Under clinical review",
            "Under clinical review",
            "This page is being reviewed by a clinician and may change. It is for "
            "education only. Do not use it to make decisions about care without your "
            "care team.",
            "A named clinical reviewer is checking the page in an open pull request.",
        ),
        ReviewState(
            "approved",
            "Clinically reviewed",
            "",
            "",
            "A named clinical reviewer checked every claim against its sources and approved the page.",
        ),
    )
}

OVERDUE_LABEL = "Review overdue"
OVERDUE_BANNER_TITLE = "Review overdue"
OVERDUE_BANNER = (
    "The scheduled clinical review of this page is overdue. Some information may be "
    "out of date. Check with your care team before acting on it."
)

AUDIENCES: dict[str, str] = {
    "patient": "Patients and families",
    "clinician": "Healthcare professionals",
    "all": "Everyone",
}


@dataclass(frozen=True)
class Trust:
    """What a page's trust block shows, derived from its front matter."""

    status: str
    label: str
    banner_title: str
    banner: str
    overdue: bool
    due_soon: bool
    audience: str
    audience_label: str
    last_reviewed: dt.date | None
    next_review: dt.date | None
    reviewers: tuple[Reviewer, ...]  # structured all the way to the template and JSON-LD


def trust_for(meta: dict, today: dt.date) -> Trust:
    """Derive the trust block from already-validated front matter."""
    status = meta["review_status"]
    state = STATES[status]
    next_review = meta.get("next_review")
    approved = status == "approved"
    overdue = approved and next_review is not None and today > next_review
    due_soon = (
        approved
        and not overdue
        and next_review is not None
        and (next_review - today).days <= DUE_SOON_DAYS
    )
    audience = meta.get("audience", "all")
    return Trust(
        status=status,
        label=OVERDUE_LABEL if overdue else state.label,
        banner_title=OVERDUE_BANNER_TITLE if overdue else state.banner_title,
        banner=OVERDUE_BANNER if overdue else state.banner,
        overdue=overdue,
        due_soon=due_soon,
        audience=audience,
        audience_label=AUDIENCES[audience],
        last_reviewed=meta.get("last_reviewed"),
        next_review=next_review,
        reviewers=tuple(Reviewer(str(r.get("name", "")).strip(), str(r.get("credentials", "")).strip())
                        for r in meta.get("reviewers") or ()),
    )
