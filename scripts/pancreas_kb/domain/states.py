"""The review states of a page: the one table of their ids, labels, banners and look.

The front-matter schema, the trust block, the navigation badges, the review
dashboard and the checker read this table; templates and CSS get it through
the `kb` template global (see scripts/pancreas_kb/plugin/page_record.py). Adding a state,
or rewording a banner, is one edit here.
"""

from __future__ import annotations

from dataclasses import dataclass

# The looks a state can take; site.css styles one class per tone (kb-tone--caution, ...).
TONES = ("caution", "ok", "alert")
# The navigation badge icons site.css defines (--kb-icon-check). States that ask for
# caution have none: a "!" beside every unreviewed page in the navigation alarmed
# readers without saying anything they could read; the status line above each
# page's title says it in words.
ICONS = ("check",)


@dataclass(frozen=True)
class ReviewState:
    id: str
    label: str  # the badge in the trust block and the navigation, the dashboard heading
    banner_title: str  # "": no caution banner
    banner: str
    description: str  # what the state means, on the dashboard
    tone: str  # one of TONES
    icon: str | None  # one of ICONS; None: no badge in the navigation
    signed_off: bool = False  # a named reviewer approved it: reviewers and dates required, and it can fall due
    settable: bool = True  # an editor may write it as review_status; False for a state derived from dates


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
            "caution",
            None,
        ),
        ReviewState(
            "under-review",
            "Under clinical review",
            "Under clinical review",
            "A clinician is checking this page and it may change: talk to your care team before acting on it.",
            "A named clinical reviewer is checking the page in an open pull request.",
            "caution",
            None,
        ),
        ReviewState(
            "approved",
            "Clinically reviewed",
            "",
            "",
            "A named clinical reviewer checked every claim against its sources and approved the page.",
            "ok",
            "check",
            signed_off=True,
        ),
        ReviewState(
            "overdue",
            "Review overdue",
            "Review overdue",
            "This page's clinical review is overdue and it may be out of date: talk to your "
            "care team before acting on it.",
            "An approved page whose next review date has passed.",
            "alert",
            None,
            settable=False,
        ),
    )
}
OVERDUE = STATES["overdue"]
# Every new page starts here; only a clinical reviewer moves it on.
INITIAL = STATES["submitted"]


def signed_off(status: object) -> bool:
    """Whether a review_status value names a state a reviewer signed off (any value may be given)."""
    return isinstance(status, str) and status in STATES and STATES[status].signed_off


def settable() -> dict[str, ReviewState]:
    """The values `review_status` may take in front matter."""
    return {k: s for k, s in STATES.items() if s.settable}
