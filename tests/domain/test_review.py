"""The review verdict a reader sees: approved until next_review, due soon 30 days before it, overdue after it."""

import datetime as dt

import pytest

from pancreas_kb.domain import review, schema, states
from pancreas_kb.domain.frontmatter import read

NEXT_REVIEW = dt.date(2026, 6, 1)
META = {
    "review_status": "approved",
    "audience": "patient",
    "last_reviewed": dt.date(2025, 7, 1),
    "next_review": NEXT_REVIEW,
    "reviewers": [{"name": "Dr Ada Example", "credentials": "MD"}],
}


def day(offset: int) -> dt.date:
    return NEXT_REVIEW + dt.timedelta(days=offset)


@pytest.mark.parametrize(
    "offset, shown, overdue, due_soon",
    [
        (-31, "approved", False, False),
        (-30, "approved", False, True),
        (-1, "approved", False, True),
        (0, "approved", False, True),  # the review date itself is still within the cycle
        (1, "overdue", True, False),
        (400, "overdue", True, False),
    ],
)
def test_trust_block_on_each_side_of_next_review(offset, shown, overdue, due_soon):
    trust = review.trust_for(META, day(offset))
    assert (trust.shown.id, trust.overdue, trust.due_soon) == (shown, overdue, due_soon)


@pytest.mark.parametrize("status", [k for k, s in states.STATES.items() if s.settable and not s.signed_off])
def test_a_page_not_signed_off_is_never_overdue(status):
    trust = review.trust_for({**META, "review_status": status}, day(400))
    assert (trust.shown.id, trust.overdue, trust.due_soon) == (status, False, False)


def test_the_check_and_the_trust_block_agree_on_every_day():
    """make check's finding and what the reader sees change on the same day, both ways."""
    front = "".join(f"{k}: {v}\n" for k, v in META.items() if k != "reviewers")
    text = f"---\ntitle: T\ndescription: D.\n{front}reviewers:\n  - name: Dr Ada Example\n---\n\n# T\n"
    page, problems = read("docs/t.md", text)
    assert problems == []
    for offset in range(-40, 5):
        trust = review.trust_for(page.meta, day(offset))
        rules = [f.rule for f in schema.review_freshness(page, day(offset))]
        expected = ["approved-review-overdue"] if trust.overdue else []
        expected = ["approved-review-due-soon"] if trust.due_soon else expected
        assert rules == expected, offset


def test_trust_block_carries_what_front_matter_gives_and_defaults_for_what_it_leaves_out():
    trust = review.trust_for(
        {**META, "evidence_checked": dt.date(2026, 5, 1), "reviewers": [{"name": " Dr A "}, {"credentials": "MD"}]},
        day(-100),
    )
    assert trust.evidence_checked == dt.date(2026, 5, 1)
    assert [(r.name, r.credentials) for r in trust.reviewers] == [("Dr A", ""), ("", "MD")]
    bare = review.trust_for({"review_status": "submitted"}, day(0))
    assert (bare.audience, bare.evidence_checked, bare.reviewers, bare.banner) == ("all", None, (), "")


@pytest.mark.parametrize(
    "last, due",
    [
        (dt.date(2026, 3, 1), dt.date(2027, 3, 1)),
        (dt.date(2025, 12, 31), dt.date(2026, 12, 31)),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28)),  # no 29 February next year
        (dt.date(2027, 2, 28), dt.date(2028, 2, 28)),
    ],
)
def test_next_review_falls_one_calendar_year_after_the_review(last, due):
    assert review.next_review(last) == due
