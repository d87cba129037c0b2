"""The front-matter schema as an editor meets it: each finding's line, rule and whole message."""

from __future__ import annotations

import datetime as dt

import pytest

from pancreas_kb.domain import schema
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.frontmatter import Page, read

TODAY = dt.date(2026, 6, 1)
PATH = "docs/patients/stages.md"
GOOD = "title: Stages\ndescription: About stages.\naudience: all\nreview_status: submitted\n"
APPROVED = (
    "title: Stages\ndescription: About stages.\naudience: all\nreview_status: approved\n"
    "last_reviewed: 2026-03-01\nnext_review: 2027-02-01\nreviewers:\n  - name: Dr Ada Example\n    credentials: MD\n"
)
ALLOWED = (
    "title, description, audience, review_status, last_reviewed, next_review, reviewers, counterpart, "
    "evidence_checked, approved_digest, approved_inputs, hide, open_questions, translation_of, translated_from"
)
NOT_PLAIN = "holds < or >, which would be read as markup; write the words (e.g. 'less than')"
SHAPE = "a list of entries like '- name: Jane Doe' with 'credentials: MD, FRCP'"
ONLY_TRANSLATIONS = "only translations carry it (pages under a language folder such as docs/es/); remove it"
DIGEST = "sha256:" + "0" * 64


def page_of(meta: str) -> Page:
    page, problems = read(PATH, f"---\n{meta}---\n\n# Stages\n")
    assert problems == []
    return page


def validated(meta: str, today=TODAY, docs_dir=None, src_uri="patients/stages.md") -> list[tuple]:
    findings = schema.validate(page_of(meta), today, docs_dir, src_uri)
    assert all(f.path == PATH for f in findings)
    return [(f.line, f.rule, f.message) for f in findings]


def warned(meta: str, **kwargs) -> list[tuple]:
    findings = schema.validate(page_of(meta), kwargs.pop("today", TODAY), **kwargs)
    assert all(f.path == PATH for f in findings)
    return [(f.line, f.rule, f.message, f.severity) for f in findings]


BROKEN = """\
title: <b>Stages</b>
description: 'The "stages" of the cancer.'
audience: patients
review_status: approved
last_reviewed: 2026-03-01
next_review: 2026-02-01
evidence_checked: March 2026
reviewers:
  - name: Dr Ada <Example>
    credentials: ''
  - Dr Bo
hide: [toc, sidebar]
open_questions: []
approved_digest: sha256:abc
approved_inputs: {page: xyz}
reviewrs: x
colour: blue
translation_of: patients/a.md
translated_from: nope
"""


def test_a_page_broken_in_every_field_gets_each_finding_in_rule_order_with_its_line_and_fix():
    assert validated(BROKEN) == [
        (17, "front-matter-unknown-field", "reviewrs: unknown field; did you mean 'reviewers'?"),
        (18, "front-matter-unknown-field", f"colour: unknown field; allowed: {ALLOWED}"),
        (2, "front-matter-plain-text", f"title: {NOT_PLAIN}"),
        (
            3,
            "front-matter-plain-text",
            'description: holds a straight double quote ("), which ends an HTML attribute; use curly quotes “ ”',
        ),
        (9, "front-matter-plain-text", f"reviewers: entry 1 name: {NOT_PLAIN}"),
        (
            15,
            "front-matter-type",
            "approved_digest: not a digest written by `make approve`; never edit it: have the page approved "
            "again with make approve, or remove the field and set review_status: under-review",
        ),
        (
            16,
            "front-matter-type",
            "approved_inputs: not the list of inputs written by `make approve`; never edit it: have the page "
            "approved again with make approve",
        ),
        (4, "front-matter-value", "audience: 'patients' is not allowed (allowed: patient, clinician, all)"),
        (8, "front-matter-date", "evidence_checked: 'March 2026' is not a date; write it as YYYY-MM-DD"),
        (
            13,
            "front-matter-type",
            "hide: must be a list of navigation, toc, footer, path, tags, feedback, e.g. '- toc'",
        ),
        (
            14,
            "front-matter-type",
            "open_questions: must be a list of sentences, e.g. '- Dose reductions: label section 2.3 not seen'",
        ),
        (9, "front-matter-type", f"reviewers: entry 1 must have a non-empty 'name' and 'credentials' ({SHAPE})"),
        (9, "front-matter-type", f"reviewers: entry 2 must have a non-empty 'name' and 'credentials' ({SHAPE})"),
        (7, "front-matter-review-cycle", "next_review: 2026-02-01 is not after last_reviewed 2026-03-01"),
        (
            7,
            "approved-review-overdue",
            "next_review: 2026-02-01 has passed; have the page re-reviewed and update last_reviewed and "
            "next_review, or set review_status to under-review",
        ),
        (19, "front-matter-translation", f"translation_of: {ONLY_TRANSLATIONS}"),
        (20, "front-matter-translation", f"translated_from: {ONLY_TRANSLATIONS}"),
        (
            20,
            "front-matter-type",
            "translated_from: not a digest of the English page; never write it by hand: run make translated "
            "PAGE=<this file> once the translation matches the English page",
        ),
    ]


def test_a_page_with_the_required_fields_only_and_no_src_uri_is_valid():
    assert validated(GOOD, src_uri=None) == []


def test_every_missing_required_field_is_reported_at_line_1_naming_all_required_fields():
    listing = "(required fields: title, description, audience, review_status)"
    assert validated("counterpart: x.md\n") == [
        (1, "front-matter-required", f"{key}: missing {listing}")
        for key in ("title", "description", "audience", "review_status")
    ]


def test_a_page_given_without_line_numbers_reports_every_field_at_line_1():
    page = Page(PATH, {"title": "T", "description": "D", "audience": "all", "review_status": "done"})
    assert [(f.line, f.rule) for f in schema.validate(page, TODAY)] == [(1, "front-matter-value")]


def test_an_unknown_field_that_is_not_text_is_reported_at_its_own_line():
    assert validated(GOOD + "2026: x\n") == [
        (6, "front-matter-unknown-field", f"2026: unknown field; allowed: {ALLOWED}")
    ]


@pytest.mark.parametrize(
    "field, value",
    [("title", "''"), ("title", "'   '"), ("title", "[a, b]"), ("description", "7"), ("description", "null")],
)
def test_title_and_description_must_be_non_empty_text(field, value):
    meta = GOOD.replace("title: Stages" if field == "title" else "description: About stages.", f"{field}: {value}")
    line = 2 if field == "title" else 3
    assert validated(meta) == [(line, "front-matter-type", f"{field}: must be non-empty text")]


@pytest.mark.parametrize("length", [159, 160])
def test_a_description_of_up_to_160_characters_is_fine(length):
    assert validated(GOOD.replace("About stages.", "x" * length)) == []


@pytest.mark.parametrize("length", [161, 200])
def test_a_longer_description_is_reported_with_its_length(length):
    assert validated(GOOD.replace("About stages.", "x" * length)) == [
        (
            3,
            "front-matter-description-length",
            f"description: {length} characters; shorten it to at most 160 (it is shown in search results and "
            "link previews)",
        )
    ]


def test_every_reviewer_name_and_credentials_must_be_plain_text_named_by_entry():
    meta = APPROVED + '  - name: Dr Bo\n    credentials: MD "retired"\n  - name: Dr C\n    credentials: <i>RN</i>\n'
    quote = 'holds a straight double quote ("), which ends an HTML attribute; use curly quotes “ ”'
    assert validated(meta) == [
        (8, "front-matter-plain-text", f"reviewers: entry 2 credentials: {quote}"),
        (8, "front-matter-plain-text", f"reviewers: entry 3 credentials: {NOT_PLAIN}"),
    ]


def test_a_reviewers_value_that_is_not_a_list_is_reported_once_with_its_shape():
    meta = APPROVED.replace("reviewers:\n  - name: Dr Ada Example\n    credentials: MD\n", "reviewers: Dr <Ada>\n")
    assert validated(meta) == [(8, "front-matter-type", f"reviewers: must be {SHAPE}")]


@pytest.mark.parametrize(
    "entry",
    [
        "{name: Dr Ada, credentials: MD, email: a@b.c}",
        "{name: Dr Ada}",
        "{name: ' ', credentials: MD}",
        "{name: Dr Ada, credentials: 7}",
    ],
)
def test_a_reviewer_entry_needs_exactly_a_non_empty_name_and_credentials(entry):
    meta = GOOD + f"reviewers:\n  - {{name: Dr Bo, credentials: RN}}\n  - {entry}\n"
    assert validated(meta) == [
        (6, "front-matter-type", f"reviewers: entry 2 must have a non-empty 'name' and 'credentials' ({SHAPE})")
    ]


@pytest.mark.parametrize("field", ["approved_digest", "translated_from"])
@pytest.mark.parametrize("value", [DIGEST, "sha256:" + "a1" * 32])
def test_a_digest_written_by_the_tools_is_accepted(field, value):
    meta = GOOD + f"{field}: '{value}'\n"
    src_uri = "es/patients/stages.md" if field == "translated_from" else "patients/stages.md"
    rules = [rule for _, rule, _ in validated(meta, src_uri=src_uri)]
    assert "front-matter-type" not in rules


@pytest.mark.parametrize(
    "value", ["sha256:" + "0" * 63, "sha256:" + "0" * 65, "SHA256:" + "0" * 64, "sha256:" + "A" * 64, "7", "null"]
)
def test_anything_else_in_approved_digest_is_reported(value):
    assert [rule for _, rule, _ in validated(GOOD + f"approved_digest: {value}\n")] == ["front-matter-type"]


@pytest.mark.parametrize("value", ["{page: 0123456789abcdef, 'references.bib entry a': fedcba9876543210}", "{}"])
def test_approved_inputs_as_written_by_the_approve_tool_are_accepted(value):
    assert validated(GOOD + f"approved_inputs: {value}\n") == []


@pytest.mark.parametrize(
    "value",
    [
        "[0123456789abcdef]",
        "{page: 0123456789abcde}",
        "{page: 0123456789abcdef0}",
        "{page: 0123456789ABCDEF}",
        "{page: 7}",
        "{1: 0123456789abcdef}",
        "{page: 0123456789abcdef, glossary: x}",
    ],
)
def test_anything_else_in_approved_inputs_is_reported(value):
    assert [rule for _, rule, _ in validated(GOOD + f"approved_inputs: {value}\n")] == ["front-matter-type"]


@pytest.mark.parametrize("status", ["submitted", "under-review"])
def test_the_review_states_an_editor_may_write_are_accepted(status):
    assert validated(GOOD.replace("submitted", status)) == []


@pytest.mark.parametrize("value, shown", [("overdue", "overdue"), ("[approved]", "['approved']"), ("7", "7")])
def test_a_review_status_nobody_may_write_is_reported_with_the_states_allowed(value, shown):
    assert validated(GOOD.replace("submitted", value)) == [
        (
            5,
            "front-matter-value",
            f"review_status: '{shown}' is not allowed (allowed: submitted, under-review, approved)",
        )
    ]


@pytest.mark.parametrize("audience", ["patient", "clinician", "all"])
def test_each_audience_is_accepted(audience):
    rules = [rule for _, rule, _ in validated(GOOD.replace("audience: all", f"audience: {audience}"))]
    assert "front-matter-value" not in rules


@pytest.mark.parametrize("value, shown", [("2026-03-01 10:00:00", "2026-03-01 10:00:00"), ("'2026-3-1'", "2026-3-1")])
def test_a_date_with_a_time_or_not_in_iso_form_is_not_a_date(value, shown):
    assert validated(GOOD + f"last_reviewed: {value}\n") == [
        (6, "front-matter-date", f"last_reviewed: '{shown}' is not a date; write it as YYYY-MM-DD")
    ]


def test_quoted_iso_dates_are_read_as_dates_and_other_fields_are_left_alone():
    meta = {"next_review": "2027-02-01", "evidence_checked": "soon", "title": "2026-01-01", "last_reviewed": 5}
    assert schema.normalized(meta) == {
        "next_review": dt.date(2027, 2, 1),
        "evidence_checked": "soon",
        "title": "2026-01-01",
        "last_reviewed": 5,
    }
    assert meta["next_review"] == "2027-02-01", "the page's own front matter is not changed"


@pytest.mark.parametrize("value", ["[]", "[navigation, toc, footer, path, tags, feedback]"])
def test_hide_may_list_the_page_options_material_knows(value):
    assert validated(GOOD + f"hide: {value}\n") == []


@pytest.mark.parametrize("value", ["toc", "[toc, 7]", "{toc: true}"])
def test_hide_anything_else_is_reported(value):
    assert [rule for _, rule, _ in validated(GOOD + f"hide: {value}\n")] == ["front-matter-type"]


@pytest.mark.parametrize("value", ["['a', ' ']", "[a, 7]", "null"])
def test_open_questions_must_all_be_sentences(value):
    assert [rule for _, rule, _ in validated(GOOD + f"open_questions: {value}\n")] == ["front-matter-type"]


@pytest.mark.parametrize(
    "field, line",
    [
        ("last_reviewed", "last_reviewed: 2026-03-01\n"),
        ("next_review", "next_review: 2027-02-01\n"),
        ("reviewers", "reviewers:\n  - name: Dr Ada Example\n    credentials: MD\n"),
    ],
)
def test_an_approved_page_needs_each_review_field_reported_at_review_status(field, line):
    assert validated(APPROVED.replace(line, "")) == [
        (
            5,
            "approved-needs-review-fields",
            f"{field}: required when review_status is approved; add it, or set review_status to submitted",
        )
    ]


def test_an_approved_page_with_an_empty_reviewers_list_needs_reviewers():
    meta = APPROVED.replace("reviewers:\n  - name: Dr Ada Example\n    credentials: MD\n", "reviewers: []\n")
    assert validated(meta) == [
        (
            5,
            "approved-needs-review-fields",
            "reviewers: required when review_status is approved; add it, or set review_status to submitted",
        )
    ]


@pytest.mark.parametrize(
    "last, nxt",
    [("2026-03-01", "2026-03-02"), ("2026-03-01", "2027-03-01"), ("2024-02-29", "2025-02-28")],
)
def test_a_review_cycle_of_a_day_up_to_one_calendar_year_is_fine(last, nxt):
    meta = APPROVED.replace("2026-03-01", last).replace("2027-02-01", nxt)
    assert validated(meta, today=dt.date(2024, 3, 1)) == []


@pytest.mark.parametrize("last, nxt", [("2026-03-01", "2026-03-01"), ("2026-03-01", "2026-02-28")])
def test_a_next_review_on_or_before_the_last_review_is_reported(last, nxt):
    meta = APPROVED.replace("2026-03-01", last).replace("2027-02-01", nxt)
    assert validated(meta, today=dt.date(2026, 1, 1)) == [
        (7, "front-matter-review-cycle", f"next_review: {nxt} is not after last_reviewed {last}")
    ]


@pytest.mark.parametrize(
    "last, nxt", [("2026-03-01", "2027-03-02"), ("2024-02-29", "2025-03-01"), ("2026-03-01", "2028-01-01")]
)
def test_a_next_review_past_one_calendar_year_is_reported(last, nxt):
    meta = APPROVED.replace("2026-03-01", last).replace("2027-02-01", nxt)
    assert validated(meta, today=dt.date(2024, 3, 1)) == [
        (
            7,
            "front-matter-review-cycle",
            f"next_review: {nxt} is more than 12 months after last_reviewed {last}; the editorial policy allows "
            "at most 12 months",
        )
    ]


def test_the_review_cycle_is_not_judged_while_a_date_is_missing_or_not_a_date():
    meta = GOOD + "last_reviewed: 2026-03-01\nnext_review: 2020-01-01 10:00:00\n"
    assert [rule for _, rule, _ in validated(meta)] == ["front-matter-date"]
    assert validated(GOOD + "next_review: 2020-01-01\n") == []


@pytest.mark.parametrize(
    "today, found",
    [
        (dt.date(2027, 1, 1), []),
        (
            dt.date(2027, 1, 2),
            [
                (
                    7,
                    "approved-review-due-soon",
                    "next_review: 2027-02-01 is within 30 days; plan the re-review",
                    "warning",
                )
            ],
        ),
        (
            dt.date(2027, 2, 1),
            [
                (
                    7,
                    "approved-review-due-soon",
                    "next_review: 2027-02-01 is within 30 days; plan the re-review",
                    "warning",
                )
            ],
        ),
        (
            dt.date(2027, 2, 2),
            [
                (
                    7,
                    "approved-review-overdue",
                    "next_review: 2027-02-01 has passed; have the page re-reviewed and update last_reviewed and "
                    "next_review, or set review_status to under-review",
                    "error",
                )
            ],
        ),
    ],
)
def test_an_approved_page_falls_due_soon_30_days_before_next_review_and_overdue_the_day_after(today, found):
    assert warned(APPROVED, today=today) == found


def test_a_page_not_approved_never_falls_due():
    assert validated(GOOD + "last_reviewed: 2020-03-01\nnext_review: 2021-02-01\n") == []


CLINICIAN = GOOD.replace("audience: all", "audience: clinician")
PATIENT = GOOD.replace("audience: all", "audience: patient")
MISSING = (
    "evidence_checked: missing; search the page's sources for newer evidence, then add "
    "'evidence_checked: YYYY-MM-DD' (the date of that search)"
)


@pytest.mark.parametrize("meta", [CLINICIAN, PATIENT])
def test_a_clinical_page_without_evidence_checked_is_reported_at_line_1(meta):
    assert warned(meta) == [(1, "evidence-checked-missing", MISSING, "error")]


def ageing(checked, age, fail):
    return (
        f"evidence_checked: {checked} is {age} months old; search for newer evidence before it reaches {fail} "
        "months (make watch lists what appeared since)"
    )


def stale(checked, age, fail, audience):
    return (
        f"evidence_checked: {checked} is {age} months old (limit {fail} for {audience} pages); search for newer "
        "evidence, update the page, then the date"
    )


@pytest.mark.parametrize(
    "meta, checked, found",
    [
        (CLINICIAN, "2026-06-01", []),
        (CLINICIAN, "2025-12-02", []),  # 5 months and 30 days
        (CLINICIAN, "2025-12-01", [("evidence-ageing", ageing("2025-12-01", 6, 12), "warning")]),
        (CLINICIAN, "2025-06-02", [("evidence-ageing", ageing("2025-06-02", 11, 12), "warning")]),
        (CLINICIAN, "2025-06-01", [("evidence-stale", stale("2025-06-01", 12, 12, "clinician"), "error")]),
        (PATIENT, "2025-06-02", []),
        (PATIENT, "2025-06-01", [("evidence-ageing", ageing("2025-06-01", 12, 18), "warning")]),
        (PATIENT, "2024-12-02", [("evidence-ageing", ageing("2024-12-02", 17, 18), "warning")]),
        (PATIENT, "2024-12-01", [("evidence-stale", stale("2024-12-01", 18, 18, "patient"), "error")]),
        (PATIENT, "2020-01-31", [("evidence-stale", stale("2020-01-31", 76, 18, "patient"), "error")]),
    ],
)
def test_evidence_ages_by_whole_calendar_months_with_each_audiences_limits(meta, checked, found):
    assert warned(meta + f"evidence_checked: {checked}\n") == [(6, *f) for f in found]


def test_evidence_checked_after_today_is_reported():
    assert warned(PATIENT + "evidence_checked: 2026-06-02\n") == [
        (
            6,
            "evidence-checked-future",
            "evidence_checked: 2026-06-02 is after today (2026-06-01); give the date of the search",
            "error",
        )
    ]


def test_evidence_checked_with_a_time_is_reported_once_as_not_a_date():
    assert [rule for _, rule, _ in validated(PATIENT + "evidence_checked: 2026-05-01 10:00:00\n")] == [
        "front-matter-date"
    ]


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "docs" / "patients").mkdir(parents=True)
    (tmp_path / "docs" / "patients" / "stages.md").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / "es" / "patients").mkdir(parents=True)
    (tmp_path / "docs" / "es" / "patients" / "stages.md").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / "folder.md").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    return tmp_path / "docs"


@pytest.mark.parametrize("target", ["patients/stages.md", "patients/stages.md#goals", " patients/stages.md #x"])
def test_a_counterpart_that_is_a_page_under_docs_is_fine(docs, target):
    assert validated(GOOD + f"counterpart: '{target}'\n", docs_dir=docs) == []


@pytest.mark.parametrize(
    "target",
    [
        "patients/stagez.md",
        "notes.txt",
        "folder.md",
        "../outside.md",
        "/etc/passwd.md",
        "a\0b.md",
        "a" * 300 + ".md",
        "7",
        "[a.md]",
    ],
)
def test_a_counterpart_that_is_not_a_page_under_docs_is_reported(docs, target):
    meta = GOOD + f'counterpart: "{target}"\n' if "\0" in target else GOOD + f"counterpart: {target}\n"
    meta = meta.replace("\0", "\\0")
    shown = schema.normalized(page_of(meta).meta)["counterpart"]
    assert validated(meta, docs_dir=docs) == [
        (
            6,
            "front-matter-counterpart",
            f"counterpart: '{shown}' is not a page under docs/; give a path relative to docs/, "
            "e.g. clinicians/systemic-therapy.md",
        )
    ]


def test_the_counterpart_is_not_looked_up_without_a_docs_folder():
    assert validated(GOOD + "counterpart: nowhere.md\n") == []


def test_a_translation_without_its_fields_is_told_to_use_make_new_translation():
    how = "every page under docs/es/ is a translation: create it with make new-translation, which fills it in"
    assert validated(GOOD, src_uri="es/patients/stages.md") == [
        (1, "front-matter-translation", f"translation_of: missing; {how}"),
        (1, "front-matter-translation", f"translated_from: missing; {how}"),
    ]


def test_a_translation_naming_an_english_page_under_docs_is_fine(docs):
    meta = GOOD + f"translation_of: patients/stages.md\ntranslated_from: '{DIGEST}'\n"
    assert validated(meta, docs_dir=docs, src_uri="es/patients/stages.md") == []


@pytest.mark.parametrize("source", ["es/patients/stages.md", "patients/stagez.md", "7"])
def test_a_translation_of_anything_but_an_english_page_under_docs_is_reported(docs, source):
    meta = GOOD + f"translation_of: {source}\ntranslated_from: '{DIGEST}'\n"
    assert validated(meta, docs_dir=docs, src_uri="es/patients/stages.md") == [
        (
            6,
            "front-matter-translation-of",
            f"translation_of: '{source}' is not an English page under docs/; give its path relative to docs/, "
            "e.g. patients/what-it-means.md",
        )
    ]


def test_translation_of_is_not_looked_up_without_a_docs_folder():
    meta = GOOD + f"translation_of: nowhere.md\ntranslated_from: '{DIGEST}'\n"
    assert validated(meta, src_uri="es/patients/stages.md") == []


def test_only_warnings_leave_a_page_valid():
    warning = Finding(PATH, 1, "r", "m", "warning")
    assert schema.is_valid([]) and schema.is_valid([warning, warning])
    assert not schema.is_valid([warning, Finding(PATH, 1, "r", "m")])


def test_only_a_calendar_day_is_a_date():
    assert schema.is_date(dt.date(2026, 1, 1))
    assert not schema.is_date(dt.datetime(2026, 1, 1))
    assert not schema.is_date("2026-01-01")
