"""The review dashboard: every page's review state, grouped, sorted and flagged as editors read it."""

import datetime as dt
from types import SimpleNamespace

import pytest

from pancreas_kb.domain import dashboard, review

TODAY = dt.date(2026, 6, 1)


def _trust(**meta):
    return review.trust_for(meta, TODAY)


ROWS = [
    dashboard.Row(
        "patients/late.md",
        "Late",
        _trust(
            review_status="approved",
            audience="patient",
            last_reviewed=dt.date(2025, 5, 1),
            next_review=dt.date(2026, 5, 1),
            reviewers=[{"name": "Dr A", "credentials": "MD"}, {"name": "B"}],
        ),
    ),
    dashboard.Row(
        "clinicians/soon.md",
        "Soon",
        _trust(
            review_status="approved",
            audience="clinician",
            last_reviewed=dt.date(2025, 7, 1),
            next_review=dt.date(2026, 7, 1),
            reviewers=[{"name": "C", "credentials": "PhD"}],
        ),
    ),
    dashboard.Row(
        "clinicians/fine.md",
        "Fine",
        _trust(
            review_status="approved",
            audience="clinician",
            last_reviewed=dt.date(2026, 1, 1),
            next_review=dt.date(2027, 1, 1),
            reviewers=[{"name": "C"}],
        ),
    ),
    dashboard.Row("index.md", "Home", _trust(review_status="submitted", audience="all")),
    dashboard.Row("patients/a.md", "A", _trust(review_status="submitted", audience="patient")),
    dashboard.Row(
        "patients/zed.md", "Zed", _trust(review_status="submitted", audience="patient", next_review=dt.date(2026, 9, 1))
    ),
]

EXPECTED = """\
Generated on 2026-06-01 from the front matter of 6 pages: 3 submitted, not yet reviewed, 0 under clinical review, \
3 clinically reviewed.

Are you a clinician? [Review for us](review-for-us.md): what reviewing involves, how long it takes, how to join.

## Submitted, not yet reviewed {#submitted}

Written and checked by editors; no clinical reviewer has signed it off yet.

| Page | Audience | Reviewers | Last reviewed | Next review | Flag | Review packet |
| --- | --- | --- | --- | --- | --- | --- |
| [Zed](../patients/zed.md) | Patients and families | – | – | 2026-09-01 |  \
| [packet](review-packets/patients/zed.html) |
| [A](../patients/a.md) | Patients and families | – | – | – |  | [packet](review-packets/patients/a.html) |
| [Home](../index.md) | Everyone | – | – | – |  | – |

## Under clinical review {#under-review}

A named clinical reviewer is checking the page in an open pull request.

No pages.

## Clinically reviewed {#approved}

A named clinical reviewer checked every claim against its sources and approved the page.

| Page | Audience | Reviewers | Last reviewed | Next review | Flag | Review packet |
| --- | --- | --- | --- | --- | --- | --- |
| [Late](../patients/late.md) | Patients and families | Dr A, MD; B | 2025-05-01 | 2026-05-01 | **Overdue** \
| [packet](review-packets/patients/late.html) |
| [Soon](../clinicians/soon.md) | Healthcare professionals | C, PhD | 2025-07-01 | 2026-07-01 | Due soon \
| [packet](review-packets/clinicians/soon.html) |
| [Fine](../clinicians/fine.md) | Healthcare professionals | C | 2026-01-01 | 2027-01-01 |  \
| [packet](review-packets/clinicians/fine.html) |
"""


def test_the_dashboard_groups_pages_by_state_sorted_by_next_review_then_title():
    assert dashboard.markdown(ROWS, "about/review-dashboard.md", TODAY, join=True) == EXPECTED


def test_without_the_join_page_there_is_no_invitation_and_every_state_is_listed():
    out = dashboard.markdown([], "about/review-dashboard.md", TODAY)
    assert out == (
        "Generated on 2026-06-01 from the front matter of 0 pages: 0 submitted, not yet reviewed, "
        "0 under clinical review, 0 clinically reviewed.\n\n"
        "## Submitted, not yet reviewed {#submitted}\n\n"
        "Written and checked by editors; no clinical reviewer has signed it off yet.\n\nNo pages.\n\n"
        "## Under clinical review {#under-review}\n\n"
        "A named clinical reviewer is checking the page in an open pull request.\n\nNo pages.\n\n"
        "## Clinically reviewed {#approved}\n\n"
        "A named clinical reviewer checked every claim against its sources and approved the page.\n\nNo pages.\n"
    )


def test_a_dashboard_at_the_top_of_docs_links_without_going_up():
    out = dashboard.markdown(ROWS[4:5], "dashboard.md", TODAY, join=True)
    assert "Are you a clinician? [Review for us](about/review-for-us.md): " in out
    assert (
        "| [A](patients/a.md) | Patients and families | – | – | – |  | [packet](about/review-packets/patients/a.html) |"
        in out
    )


def test_a_preview_without_packets_says_how_to_build_them_for_clinical_pages_only():
    out = dashboard.markdown([ROWS[3], ROWS[4]], "about/review-dashboard.md", TODAY, packets=False)
    assert (
        "| [A](../patients/a.md) | Patients and families | – | – | – |  "
        "| not built in this preview (`make serve FULL=1`) |"
    ) in out
    assert "| [Home](../index.md) | Everyone | – | – | – |  | – |" in out


@pytest.mark.parametrize(
    "src, packet",
    [
        ("clinicians/x.md", "about/review-packets/clinicians/x.html"),
        ("index.md", "about/review-packets/index.html"),
        ("es/patients/a.b.md", "about/review-packets/es/patients/a.b.html"),
    ],
)
def test_each_page_has_its_packet_under_the_packet_folder(src, packet):
    assert dashboard.packet_path(src) == packet


def test_rows_are_the_pages_with_valid_front_matter_in_path_order():
    trust = _trust(review_status="submitted")
    records = [
        SimpleNamespace(src_uri="b.md", title="B", trust=trust),
        SimpleNamespace(src_uri="bad.md", title="Bad", trust=None),
        SimpleNamespace(src_uri="a.md", title="A", trust=trust),
    ]
    assert dashboard.rows(records) == [dashboard.Row("a.md", "A", trust), dashboard.Row("b.md", "B", trust)]
