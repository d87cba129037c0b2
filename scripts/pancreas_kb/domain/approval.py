"""An approval bound to the text it approved, by a reviewer the project lists.

`make approve` stores a digest of the page body in `approved_digest`. The digest
ignores whitespace (re-wrapping a paragraph is not a change of content), and
any other edit changes it: then the checker reports `approval-stale` and the
build shows the page as under review, never "approved" over unapproved text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import yamlfile
from .findings import Finding
from .frontmatter import Page

REVIEWERS_FILE = "reviewers.yml"
DIGEST_FIELD = "approved_digest"
DIGEST_PREFIX = "sha256:"
DIGEST_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
GITHUB_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
REVIEWER_FIELDS = ("name", "credentials", "github", "orcid")


@dataclass(frozen=True)
class Reviewer:
    name: str
    credentials: str
    github: str = ""
    orcid: str = ""


def digest(body: str) -> str:
    """The body's fingerprint; the same for any change of whitespace only."""
    return DIGEST_PREFIX + hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def next_review(last: dt.date) -> dt.date:
    """The policy's interval: one year after the review (28 February for a 29 February review)."""
    try:
        return last.replace(year=last.year + 1)
    except ValueError:
        return last.replace(year=last.year + 1, day=28)


# --- reviewers.yml -------------------------------------------------------------


def parse_reviewers(path: str, text: str) -> tuple[list[Reviewer], list[Finding]]:
    def bad(line: int, message: str) -> Finding:
        return Finding(path, line, "reviewers-file", message)

    try:
        node, data = yamlfile.compose(text)
    except yaml.YAMLError as exc:
        return [], [yamlfile.error_finding(path, exc, "reviewers-file", "malformed YAML: {problem}")]
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [bad(1, "must be a YAML list of reviewers (each with name, credentials, github), or []")]
    reviewers, findings, seen = [], [], {}
    for index, (raw, item) in enumerate(zip(data, node.value, strict=False), start=1):
        line = item.start_mark.line + 1
        if not isinstance(raw, dict):
            findings.append(bad(line, f"reviewer {index}: must be a mapping with name, credentials and github"))
            continue
        problems = [
            f"'{k}' is not a reviewer field (allowed: {', '.join(REVIEWER_FIELDS)})"
            for k in raw
            if k not in REVIEWER_FIELDS
        ]
        problems += [
            f"'{k}' is missing or empty"
            for k in ("name", "credentials", "github")
            if not (isinstance(raw.get(k), str) and raw[k].strip())
        ]
        if isinstance(raw.get("github"), str) and raw["github"].strip() and not GITHUB_RE.match(raw["github"].strip()):
            problems.append(f"github '{raw['github']}' is not a GitHub user name (no @, no URL)")
        if raw.get("orcid") is not None and not ORCID_RE.match(str(raw["orcid"]).strip()):
            problems.append(f"orcid '{raw['orcid']}' is not an ORCID iD like 0000-0002-1825-0097")
        name = str(raw.get("name", "")).strip()
        if name and name in seen:
            problems.append(f"'{name}' is listed twice (also line {seen[name]})")
        findings += [bad(line, f"reviewer {index}: {p}") for p in problems]
        if problems:
            continue
        seen[name] = line
        reviewers.append(
            Reviewer(name, raw["credentials"].strip(), raw["github"].strip(), str(raw.get("orcid") or "").strip())
        )
    return reviewers, findings


def load_reviewers(root: Path) -> tuple[list[Reviewer], list[Finding]]:
    path = root / REVIEWERS_FILE
    if not path.is_file():
        return [], []  # nobody may approve; an approved page is then reported as by an unknown reviewer
    return parse_reviewers(REVIEWERS_FILE, path.read_text(encoding="utf-8"))


# --- the approval of one page ----------------------------------------------------


def is_stale(meta: dict, body: str) -> bool:
    """True when the page says approved but its text is not the text that was approved."""
    return meta.get("review_status") == "approved" and meta.get(DIGEST_FIELD) != digest(body)


def shown_meta(meta: dict, body: str) -> dict:
    """The front matter a reader may be shown: a stale approval is shown as under review."""
    if not is_stale(meta, body):
        return meta
    return {**meta, "review_status": "under-review"}


def stale(page: Page) -> list[Finding]:
    if not is_stale(page.meta, page.body):
        return []
    recorded = page.meta.get(DIGEST_FIELD)
    line = page.key_lines.get(DIGEST_FIELD, page.key_lines.get("review_status", 1))
    what = (
        "has no approved_digest, so nothing records which text was approved"
        if not recorded
        else "has changed since it was approved"
    )
    return [
        Finding(
            page.path,
            line,
            "approval-stale",
            f"the page is marked approved but its text {what}; the site shows it as under review. "
            f"Ask a listed reviewer to check the change and run `make approve PAGE={page.path} "
            'REVIEWER="Name"`, or set review_status: under-review',
        )
    ]


def unknown_reviewers(page: Page, reviewers: list[Reviewer]) -> list[Finding]:
    if page.meta.get("review_status") != "approved" or not isinstance(page.meta.get("reviewers"), list):
        return []
    listed = {r.name for r in reviewers}
    return [
        Finding(
            page.path,
            page.key_lines.get("reviewers", 1),
            "approval-unknown-reviewer",
            f"'{r.get('name')}' is not in {REVIEWERS_FILE}; only a listed clinical reviewer can approve "
            "a page (add them to the list in a pull request the maintainers approve)",
        )
        for r in page.meta["reviewers"]
        if isinstance(r, dict) and r.get("name") not in listed
    ]
