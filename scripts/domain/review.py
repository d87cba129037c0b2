"""The review states of a page: the single definition of their labels and banners.

Templates, the review dashboard and the checker all read this table, so a new
state or a reworded banner is changed here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

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
            "No clinician has checked this page yet: it may contain errors, so check "
            "with your care team before acting on it.",
            "Written and checked by editors; no clinical reviewer has signed it off yet.",
        ),
        ReviewState(
            "under-review",
            "Under clinical review",
            "Under clinical review",
            "A clinician is checking this page and it may change: talk to your care "
            "team before acting on it.",
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
    "This page's clinical review is overdue and it may be out of date: talk to your "
    "care team before acting on it."
)

AUDIENCES: dict[str, str] = {
    "patient": "Patients and families",
    "clinician": "Healthcare professionals",
    "all": "Everyone",
}
# Pages written for these audiences give medical information, so they carry the
# caution; pages for everyone (home, glossary, about the site) do not.
CLINICAL_AUDIENCES = frozenset({"patient", "clinician"})


@dataclass(frozen=True)
class Trust:
    """What a page's trust block shows, derived from its front matter."""

    status: str
    label: str
    banner_title: str
    banner: str  # one sentence; empty on approved and on non-clinical pages
    overdue: bool
    due_soon: bool
    audience: str
    audience_label: str
    last_reviewed: dt.date | None
    next_review: dt.date | None
    reviewers: tuple[str, ...]
    evidence_checked: dt.date | None = None


def format_reviewer(reviewer: dict) -> str:
    name = str(reviewer.get("name", "")).strip()
    credentials = str(reviewer.get("credentials", "")).strip()
    return f"{name}, {credentials}" if credentials else name


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
    clinical = audience in CLINICAL_AUDIENCES
    return Trust(
        status=status,
        label=OVERDUE_LABEL if overdue else state.label,
        banner_title=OVERDUE_BANNER_TITLE if overdue else state.banner_title,
        banner=(OVERDUE_BANNER if overdue else state.banner) if clinical else "",
        overdue=overdue,
        due_soon=due_soon,
        audience=audience,
        audience_label=AUDIENCES[audience],
        last_reviewed=meta.get("last_reviewed"),
        next_review=next_review,
        reviewers=tuple(format_reviewer(r) for r in meta.get("reviewers") or ()),
        evidence_checked=meta.get("evidence_checked"),
    )
