"""The front-matter schema: the one definition the build hook and `make check` share.

Each rule is a function that takes a page and returns findings, so a rule can be
tested, reworded or added on its own. Every rule accepts any value YAML can
give for any field (text, numbers, lists, mappings, dates, null) and answers
with a finding, never an exception.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import approval, audiences, languages, plain_text, review, states, translation
from .findings import WARNING, Finding
from .frontmatter import Page

DESCRIPTION_MAX = 160
REQUIRED = ("title", "description", "audience", "review_status")
OPTIONAL = (
    "last_reviewed",
    "next_review",
    "reviewers",
    "counterpart",
    "evidence_checked",
    # Written by `make approve`: the digest of what the reviewer approved, and of each input.
    "approved_digest",
    "approved_inputs",
    # Material's own key, used by the home page to hide the sidebars.
    "hide",
    # What the editors could not verify, for the clinical reviewer: shown in the
    # page's review packet, never to readers.
    "open_questions",
    # A translation's English page and the digest of its text when translated
    # (domain/translation.py); required on every page under a language folder.
    translation.SOURCE_FIELD,
    translation.DIGEST_FIELD,
)
ALLOWED = REQUIRED + OPTIONAL
DATE_FIELDS = ("last_reviewed", "next_review", "evidence_checked")
# Material's page options that `hide` may list.
HIDEABLE = ("navigation", "toc", "footer", "path", "tags", "feedback")


def _at(page: Page, key: str) -> int:
    return page.key_lines.get(str(key), 1)


def _listing(values) -> str:
    return ", ".join(values)


def required_fields(page: Page, **_) -> list[Finding]:
    return [
        Finding(page.path, 1, "front-matter-required", f"{key}: missing (required fields: {_listing(REQUIRED)})")
        for key in REQUIRED
        if key not in page.meta
    ]


def known_fields(page: Page, **_) -> list[Finding]:
    findings = []
    for key in page.meta:
        if key in ALLOWED:
            continue
        close = difflib.get_close_matches(str(key), ALLOWED)  # best first
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {_listing(ALLOWED)}"
        findings.append(
            Finding(page.path, _at(page, key), "front-matter-unknown-field", f"{key}: unknown field; {hint}")
        )
    return findings


def text_fields(page: Page, **_) -> list[Finding]:
    findings = []
    for key in ("title", "description"):
        value = page.meta.get(key)
        if key in page.meta and (not isinstance(value, str) or not value.strip()):
            findings.append(Finding(page.path, _at(page, key), "front-matter-type", f"{key}: must be non-empty text"))
    description = page.meta.get("description")
    if isinstance(description, str) and len(description) > DESCRIPTION_MAX:
        findings.append(
            Finding(
                page.path,
                _at(page, "description"),
                "front-matter-description-length",
                f"description: {len(description)} characters; shorten it to at most "
                f"{DESCRIPTION_MAX} (it is shown in search results and link previews)",
            )
        )
    return findings


def _plain(page: Page, key: str, where: str, value) -> list[Finding]:
    why = plain_text.problem(value) if isinstance(value, str) else None
    return [Finding(page.path, _at(page, key), "front-matter-plain-text", f"{where}: {why}")] if why else []


def plain_title(page: Page, **_) -> list[Finding]:
    """The title is printed in <title>, the header, the navigation and the footer links."""
    return _plain(page, "title", "title", page.meta.get("title"))


def plain_description(page: Page, **_) -> list[Finding]:
    """The description is printed inside <meta content="..."> by the theme, unescaped."""
    return _plain(page, "description", "description", page.meta.get("description"))


def plain_reviewers(page: Page, **_) -> list[Finding]:
    """A reviewer's name and credentials are printed in the review record and the structured data."""
    reviewers = page.meta.get("reviewers")
    if not isinstance(reviewers, list):
        return []
    return [
        finding
        for i, reviewer in enumerate(reviewers, start=1)
        if isinstance(reviewer, dict)
        for key in ("name", "credentials")
        for finding in _plain(page, "reviewers", f"reviewers: entry {i} {key}", reviewer.get(key))
    ]


def digest_field(page: Page, **_) -> list[Finding]:
    value = page.meta.get(approval.DIGEST_FIELD)
    if approval.DIGEST_FIELD not in page.meta or (isinstance(value, str) and approval.DIGEST_RE.match(value)):
        return []
    return [
        Finding(
            page.path,
            _at(page, approval.DIGEST_FIELD),
            "front-matter-type",
            f"{approval.DIGEST_FIELD}: not a digest written by `make approve`; never edit it: have the "
            "page approved again with make approve, or remove the field and set review_status: under-review",
        )
    ]


def inputs_field(page: Page, **_) -> list[Finding]:
    value = page.meta.get(approval.INPUTS_FIELD)
    if approval.INPUTS_FIELD not in page.meta or (
        isinstance(value, dict)
        and all(
            isinstance(k, str) and isinstance(v, str) and approval.INPUT_DIGEST_RE.match(v) for k, v in value.items()
        )
    ):
        return []
    return [
        Finding(
            page.path,
            _at(page, approval.INPUTS_FIELD),
            "front-matter-type",
            f"{approval.INPUTS_FIELD}: not the list of inputs written by `make approve`; never edit it: have the "
            "page approved again with make approve",
        )
    ]


def choice_fields(page: Page, **_) -> list[Finding]:
    findings = []
    for key, allowed in (("audience", audiences.AUDIENCES), ("review_status", states.settable())):
        value = page.meta.get(key)
        if key in page.meta and not (isinstance(value, str) and value in allowed):
            findings.append(
                Finding(
                    page.path,
                    _at(page, key),
                    "front-matter-value",
                    f"{key}: '{value}' is not allowed (allowed: {_listing(allowed)})",
                )
            )
    return findings


def is_date(value) -> bool:
    """A calendar day; a date with a time of day (a datetime) is not one."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def date_fields(page: Page, **_) -> list[Finding]:
    return [
        Finding(
            page.path,
            _at(page, key),
            "front-matter-date",
            f"{key}: '{page.meta[key]}' is not a date; write it as YYYY-MM-DD",
        )
        for key in DATE_FIELDS
        if key in page.meta and not is_date(page.meta[key])
    ]


def hide_field(page: Page, **_) -> list[Finding]:
    value = page.meta.get("hide")
    if "hide" not in page.meta or (
        isinstance(value, list) and all(isinstance(v, str) and v in HIDEABLE for v in value)
    ):
        return []
    return [
        Finding(
            page.path,
            _at(page, "hide"),
            "front-matter-type",
            f"hide: must be a list of {_listing(HIDEABLE)}, e.g. '- toc'",
        )
    ]


def open_questions_field(page: Page, **_) -> list[Finding]:
    value = page.meta.get("open_questions")
    if "open_questions" not in page.meta or (
        isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)
    ):
        return []
    return [
        Finding(
            page.path,
            _at(page, "open_questions"),
            "front-matter-type",
            "open_questions: must be a list of sentences, e.g. '- Dose reductions: label section 2.3 not seen'",
        )
    ]


def reviewers_field(page: Page, **_) -> list[Finding]:
    if "reviewers" not in page.meta:
        return []
    reviewers = page.meta["reviewers"]
    shape = "a list of entries like '- name: Jane Doe' with 'credentials: MD, FRCP'"
    if not isinstance(reviewers, list):
        return [Finding(page.path, _at(page, "reviewers"), "front-matter-type", f"reviewers: must be {shape}")]
    return [
        Finding(
            page.path,
            _at(page, "reviewers"),
            "front-matter-type",
            f"reviewers: entry {i} must have a non-empty 'name' and 'credentials' ({shape})",
        )
        for i, r in enumerate(reviewers, start=1)
        if not (
            isinstance(r, dict)
            and set(r) <= {"name", "credentials"}
            and all(isinstance(r.get(k), str) and r.get(k).strip() for k in ("name", "credentials"))
        )
    ]


def approval_fields(page: Page, **_) -> list[Finding]:
    if not states.signed_off(page.meta.get("review_status")):
        return []
    return [
        Finding(
            page.path,
            _at(page, "review_status"),
            "approved-needs-review-fields",
            f"{key}: required when review_status is approved; add it, or set review_status to submitted",
        )
        for key in ("reviewers", "last_reviewed", "next_review")
        if not page.meta.get(key)
    ]


def review_cycle(page: Page, **_) -> list[Finding]:
    last, nxt = page.meta.get("last_reviewed"), page.meta.get("next_review")
    if not (is_date(last) and is_date(nxt)):
        return []
    if nxt <= last:
        return [
            Finding(
                page.path,
                _at(page, "next_review"),
                "front-matter-review-cycle",
                f"next_review: {nxt} is not after last_reviewed {last}",
            )
        ]
    if nxt > review.next_review(last):
        return [
            Finding(
                page.path,
                _at(page, "next_review"),
                "front-matter-review-cycle",
                f"next_review: {nxt} is more than 12 months after last_reviewed {last}; "
                "the editorial policy allows at most 12 months",
            )
        ]
    return []


def review_freshness(page: Page, today: dt.date, **_) -> list[Finding]:
    if not states.signed_off(page.meta.get("review_status")) or not is_date(page.meta.get("next_review")):
        return []
    nxt = page.meta["next_review"]
    if review.is_overdue(nxt, today):
        return [
            Finding(
                page.path,
                _at(page, "next_review"),
                "approved-review-overdue",
                f"next_review: {nxt} has passed; have the page re-reviewed and update "
                "last_reviewed and next_review, or set review_status to under-review",
            )
        ]
    if review.is_due_soon(nxt, today):
        return [
            Finding(
                page.path,
                _at(page, "next_review"),
                "approved-review-due-soon",
                f"next_review: {nxt} is within {review.DUE_SOON_DAYS} days; plan the re-review",
                WARNING,
            )
        ]
    return []


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def evidence_freshness(page: Page, today: dt.date, **_) -> list[Finding]:
    """Content pages say when their sources were last searched for newer evidence, and keep it recent."""
    limits = audiences.get(page.meta.get("audience")).evidence_age_months
    if limits is None:
        return []
    checked = page.meta.get("evidence_checked")
    if "evidence_checked" not in page.meta:
        return [
            Finding(
                page.path,
                1,
                "evidence-checked-missing",
                "evidence_checked: missing; search the page's sources for newer evidence, "
                "then add 'evidence_checked: YYYY-MM-DD' (the date of that search)",
            )
        ]
    if type(checked) is not dt.date:
        return []  # date_fields reports it (a date-time, a string, null)
    if checked > today:
        return [
            Finding(
                page.path,
                _at(page, "evidence_checked"),
                "evidence-checked-future",
                f"evidence_checked: {checked} is after today ({today}); give the date of the search",
            )
        ]
    age = _months_between(checked, today)
    warn, fail = limits
    if age >= fail:
        return [
            Finding(
                page.path,
                _at(page, "evidence_checked"),
                "evidence-stale",
                f"evidence_checked: {checked} is {age} months old (limit {fail} for "
                f"{page.meta['audience']} pages); search for newer evidence, update the page, "
                "then the date",
            )
        ]
    if age >= warn:
        return [
            Finding(
                page.path,
                _at(page, "evidence_checked"),
                "evidence-ageing",
                f"evidence_checked: {checked} is {age} months old; search for newer evidence "
                f"before it reaches {fail} months (make watch lists what appeared since)",
                WARNING,
            )
        ]
    return []


def counterpart_exists(page: Page, docs_dir: Path | None = None, **_) -> list[Finding]:
    target = page.meta.get("counterpart")
    if "counterpart" not in page.meta or docs_dir is None:
        return []
    if not (isinstance(target, str) and _is_page(docs_dir, target.split("#")[0].strip())):
        return [
            Finding(
                page.path,
                _at(page, "counterpart"),
                "front-matter-counterpart",
                f"counterpart: '{target}' is not a page under docs/; give a path relative to "
                "docs/, e.g. clinicians/systemic-therapy.md",
            )
        ]
    return []


def _is_page(docs_dir: Path, path: str) -> bool:
    """A Markdown file inside docs_dir; absolute paths and paths that climb out are not."""
    if not path.endswith(".md"):
        return False
    try:
        target = (docs_dir / path).resolve()
        return target.is_relative_to(docs_dir.resolve()) and target.is_file()
    except (OSError, ValueError):  # a name too long for the system (OSError), a NUL byte in it (ValueError)
        return False


def translation_fields(page: Page, src_uri: str | None = None, **_) -> list[Finding]:
    """A page under a language folder says what it translates; an English page translates nothing."""
    if src_uri is None:
        return []
    lang = languages.of(src_uri)
    if lang.folder:
        return [
            Finding(
                page.path,
                1,
                "front-matter-translation",
                f"{key}: missing; every page under docs/{lang.folder}/ is a translation: "
                "create it with make new-translation, which fills it in",
            )
            for key in translation.FIELDS
            if key not in page.meta
        ]
    return [
        Finding(
            page.path,
            _at(page, key),
            "front-matter-translation",
            f"{key}: only translations carry it (pages under a language folder such as docs/es/); remove it",
        )
        for key in translation.FIELDS
        if key in page.meta
    ]


def translation_source(page: Page, docs_dir: Path | None = None, **_) -> list[Finding]:
    """translation_of names an English page under docs/."""
    source = page.meta.get(translation.SOURCE_FIELD)
    if translation.SOURCE_FIELD not in page.meta or docs_dir is None:
        return []
    if isinstance(source, str) and languages.of(source) is languages.DEFAULT and _is_page(docs_dir, source):
        return []
    return [
        Finding(
            page.path,
            _at(page, translation.SOURCE_FIELD),
            "front-matter-translation-of",
            f"{translation.SOURCE_FIELD}: '{source}' is not an English page under docs/; give its path "
            "relative to docs/, e.g. patients/what-it-means.md",
        )
    ]


def translated_from_field(page: Page, **_) -> list[Finding]:
    value = page.meta.get(translation.DIGEST_FIELD)
    if translation.DIGEST_FIELD not in page.meta or (isinstance(value, str) and approval.DIGEST_RE.match(value)):
        return []
    return [
        Finding(
            page.path,
            _at(page, translation.DIGEST_FIELD),
            "front-matter-type",
            f"{translation.DIGEST_FIELD}: not a digest of the English page; never write it by hand: "
            "run make translated PAGE=<this file> once the translation matches the English page",
        )
    ]


RULES: tuple[Callable[..., list[Finding]], ...] = (
    required_fields,
    known_fields,
    text_fields,
    plain_title,
    plain_description,
    plain_reviewers,
    digest_field,
    inputs_field,
    choice_fields,
    date_fields,
    hide_field,
    open_questions_field,
    reviewers_field,
    approval_fields,
    review_cycle,
    review_freshness,
    evidence_freshness,
    counterpart_exists,
    translation_fields,
    translation_source,
    translated_from_field,
)


def normalized(meta: dict) -> dict:
    """Front matter with quoted ISO dates ("2026-03-01") read as dates, as YAML reads bare ones."""
    result = dict(meta)
    for key in DATE_FIELDS:
        value = result.get(key)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):  # not a date: date_fields reports it
                result[key] = dt.date.fromisoformat(value)
    return result


def validate(page: Page, today: dt.date, docs_dir: Path | None = None, src_uri: str | None = None) -> list[Finding]:
    """`src_uri` (the page's path relative to docs/) tells its language; None skips the translation rules."""
    page = replace(page, meta=normalized(page.meta))
    findings = []
    for rule in RULES:
        findings.extend(rule(page, today=today, docs_dir=docs_dir, src_uri=src_uri))
    return findings


def is_valid(findings: list[Finding]) -> bool:
    return not any(f.severity != WARNING for f in findings)
