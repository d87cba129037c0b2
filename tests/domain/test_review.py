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


def test_the_day_verdicts_are_judged_on_is_pinned_by_kb_today_else_the_calendar(monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-02-03")
    assert review.today() == dt.date(2026, 2, 3)
    monkeypatch.delenv("KB_TODAY")
    assert review.today() == dt.date.today()
    monkeypatch.setenv("KB_TODAY", "")
    assert review.today() == dt.date.today()


def test_an_approved_page_shows_who_reviewed_it_when_and_for_whom_without_a_caution():
    trust = review.trust_for({**META, "audience": "clinician"}, day(-100))
    assert trust == review.Trust(
        status="approved",
        shown=states.STATES["approved"],
        overdue=False,
        due_soon=False,
        audience="clinician",
        last_reviewed=dt.date(2025, 7, 1),
        next_review=NEXT_REVIEW,
        reviewers=(review.Reviewer("Dr Ada Example", "MD"),),
    )
    assert (trust.label, trust.banner_title, trust.banner, trust.audience_label) == (
        "Clinically reviewed",
        "",
        "",
        "Healthcare professionals",
    )


def test_an_overdue_clinical_page_carries_the_overdue_banner():
    trust = review.trust_for(META, day(1))
    assert (trust.label, trust.banner_title, trust.audience_label) == (
        "Review overdue",
        "Review overdue",
        "Patients and families",
    )
    assert trust.banner == states.OVERDUE.banner != ""


def test_a_page_under_review_shows_no_reviewers_nor_review_date_but_keeps_its_next_review():
    trust = review.trust_for({**META, "review_status": "under-review"}, day(-100))
    assert (trust.last_reviewed, trust.reviewers, trust.next_review) == (None, (), NEXT_REVIEW)
    assert trust.banner == states.STATES["under-review"].banner
    assert review.trust_for({**META, "audience": "all", "review_status": "submitted"}, day(0)).banner == ""


def test_an_approved_page_without_a_next_review_is_never_overdue_and_without_reviewers_names_nobody():
    meta = {"review_status": "approved", "audience": "patient", "reviewers": None}
    trust = review.trust_for(meta, day(400))
    assert (trust.shown.id, trust.overdue, trust.due_soon, trust.reviewers) == ("approved", False, False, ())
