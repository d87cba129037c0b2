"""An approval bound to everything the reader sees, by a reviewer the project lists.

`make approve` records the approval in the page's front matter: the review
fields (status, dates, reviewers) and the approval record, `approved_digest`
with `approved_inputs`. The digest covers, byte for byte with no
normalisation, the page file (its front matter included, the approval record
excluded, so recording an approval never makes it stale; the review dates and
the reviewers' credentials are covered) and the content the page pulls in: the
references.bib entry of every source it cites, that source's quote file in
evidence/, and the glossary definition of every term it uses. Any change to
any of them makes the approval stale: the checker reports `approval-stale`,
naming what changed (from the per-input digests in `approved_inputs`), and the
build shows the page as under review, never "approved" over unapproved text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import evidence, glossary, plain_text, yamlfile
from .bibliography import Library
from .findings import Finding
from .frontmatter import Page

REVIEWERS_FILE = "reviewers.yml"
DIGEST_FIELD = "approved_digest"
INPUTS_FIELD = "approved_inputs"
# The approval record: left out of what the digest covers (it is the digest).
RECORD_FIELDS = (DIGEST_FIELD, INPUTS_FIELD)
DIGEST_PREFIX = "sha256:"
DIGEST_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
# Per-input digests only name what changed; the full digest above is what binds.
INPUT_DIGEST_RE = re.compile(r"^[0-9a-f]{16}$")
GITHUB_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
REVIEWER_FIELDS = ("name", "credentials", "github", "github_id", "orcid")


@dataclass(frozen=True)
class Reviewer:
    name: str
    credentials: str
    github: str = ""
    orcid: str = ""
    github_id: int = 0  # the account's number, which never changes (a login can be renamed, then taken)


# --- what an approval covers ---------------------------------------------------------


def _no_file(_path: str) -> bytes | None:
    return None


@dataclass(frozen=True)
class Sources:
    """What pages pull in (the bibliography, the glossary's terms, the quote files), and who may approve."""

    library: Library | None
    terms: tuple[glossary.Term, ...] = ()
    reviewers: tuple[Reviewer, ...] | None = None  # None: not known here, so not held against the page
    # A project file's bytes by its path ('evidence/KEY.yml'), None when absent: read from
    # the working tree, or from a commit by the pull-request gate (never checked out).
    read: Callable[[str], bytes | None] = _no_file


def sources_from(read: Callable[[str], bytes | None], library: Library | None, reviewers=None) -> Sources:
    """Problems in the glossary are reported by its own check, not here."""
    data = read(glossary.FILE)
    terms = glossary.parse(glossary.FILE, data.decode("utf-8", errors="replace"))[0] if data is not None else []
    return Sources(library, tuple(terms), reviewers, read)


def load_sources(root: Path, library: Library | None) -> Sources:
    def read(path: str) -> bytes | None:
        target = root / path
        return target.read_bytes() if target.is_file() and not target.is_symlink() else None

    reviewers, _ = load_reviewers(root)
    return sources_from(read, library, tuple(reviewers))


def without_record(text: str) -> str:
    """The page's text with the approval record's top-level front-matter blocks removed, nothing else."""
    lines = text.splitlines(keepends=True)
    # Where the front matter opens and closes, as frontmatter.read finds it (trailing blanks allowed).
    if not lines or lines[0].rstrip() != "---":
        return text
    kept, dropping = [lines[0]], False
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(kept + lines[number:])
        if not line[:1].isspace():
            dropping = line.split(":", 1)[0].strip() in RECORD_FIELDS
        if not dropping:
            kept.append(line)
    return text


def digest_inputs(text: str, cited: list[str], audience: str, sources: Sources) -> dict[str, bytes]:
    """Every input an approval of this page covers, by a name an editor recognises."""
    inputs = {"page": without_record(text).encode("utf-8")}
    entries = sources.library.entries if sources.library else {}
    for key in dict.fromkeys(cited):
        entry = entries.get(key)
        if entry is not None:
            inputs[f"references.bib entry {key}"] = json.dumps(
                [entry.type, entry.fields], sort_keys=True, ensure_ascii=False
            ).encode("utf-8")
        quotes = sources.read(f"{evidence.EVIDENCE_DIR}/{key}.yml")
        if quotes is not None:
            inputs[f"{evidence.EVIDENCE_DIR}/{key}.yml"] = quotes
    matcher = glossary.Matcher(list(sources.terms), audience)
    if matcher.pattern is not None:
        used = {}
        for match in matcher.pattern.finditer(text):
            term = matcher.term_at(match.group(0))
            if term is not None:
                used[term.term] = term
        for name in sorted(used):
            inputs[f"glossary term {name}"] = used[name].definition.encode("utf-8")
    return inputs


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_digest(inputs: dict[str, bytes]) -> str:
    """The one digest of all inputs (names included, so moving content between inputs changes it)."""
    listing = "".join(f"{json.dumps(name)} {_sha(data)}\n" for name, data in sorted(inputs.items()))
    return DIGEST_PREFIX + _sha(listing.encode("utf-8"))


def input_digests(inputs: dict[str, bytes]) -> dict[str, str]:
    return {name: _sha(data)[:16] for name, data in sorted(inputs.items())}


def changed_inputs(recorded: object, inputs: dict[str, bytes]) -> list[str]:
    """What differs from the approved inputs, in words; [] when the record cannot say."""
    if not isinstance(recorded, dict):
        return []
    now = input_digests(inputs)
    changed = [f"{name} changed" for name in now if name in recorded and recorded[name] != now[name]]
    changed += [f"{name} added" for name in now if name not in recorded]
    changed += [f"{name} no longer used" for name in recorded if name not in now]
    return changed


# --- reviewers.yml -------------------------------------------------------------


def parse_reviewers(path: str, text: str) -> tuple[list[Reviewer], list[Finding]]:
    seen: dict[str, int] = {}

    def reviewer(entry: yamlfile.Entry) -> tuple[Reviewer | None, list[Finding]]:
        raw, line, index = entry.data, entry.line, entry.number
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
        github_id = raw.get("github_id")
        if not (isinstance(github_id, int) and not isinstance(github_id, bool) and github_id > 0):
            problems.append(
                "'github_id' must be the GitHub account's number (https://api.github.com/users/LOGIN, field id): "
                "a login can be renamed and taken by someone else, the number cannot"
            )
        problems += [
            f"'{k}': {why}"
            for k in ("name", "credentials")
            if isinstance(raw.get(k), str) and (why := plain_text.problem(raw[k]))
        ]
        if isinstance(raw.get("github"), str) and raw["github"].strip() and not GITHUB_RE.match(raw["github"].strip()):
            problems.append(f"github '{raw['github']}' is not a GitHub user name (no @, no URL)")
        if raw.get("orcid") is not None and not ORCID_RE.match(str(raw["orcid"]).strip()):
            problems.append(f"orcid '{raw['orcid']}' is not an ORCID iD like 0000-0002-1825-0097")
        name = str(raw.get("name", "")).strip()
        if name and name in seen:
            problems.append(f"'{name}' is listed twice (also line {seen[name]})")
        if problems:
            return None, [Finding(path, line, "reviewers-file", f"reviewer {index}: {p}") for p in problems]
        seen[name] = line
        return Reviewer(
            name,
            raw["credentials"].strip(),
            raw["github"].strip(),
            str(raw.get("orcid") or "").strip(),
            raw["github_id"],
        ), []

    return yamlfile.read_list(
        path,
        text,
        ("reviewers-file", "reviewers-file"),
        fix="check indentation, quoting and colons",
        shape="must be a YAML list of reviewers (each with name, credentials, github, github_id), or []",
        read=reviewer,
        entry="reviewer {number}: must be a mapping with name, credentials and github",
    )


def load_reviewers(root: Path) -> tuple[list[Reviewer], list[Finding]]:
    path = root / REVIEWERS_FILE
    if not path.is_file():
        return [], []  # nobody may approve; an approved page is then reported as by an unknown reviewer
    return parse_reviewers(REVIEWERS_FILE, path.read_text(encoding="utf-8"))


# --- the approval of one page ----------------------------------------------------


def is_stale(meta: dict, inputs: dict[str, bytes]) -> bool:
    """True when the page says approved but what it shows is not what was approved."""
    return meta.get("review_status") == "approved" and meta.get(DIGEST_FIELD) != content_digest(inputs)


def shown_meta(meta: dict, inputs: dict[str, bytes], reviewers: tuple[Reviewer, ...] | None = None) -> dict:
    """The front matter a reader may be shown: a stale approval, or one by nobody listed, is under review."""
    unlisted = reviewers is not None and _unlisted(meta, reviewers)
    if not is_stale(meta, inputs) and not unlisted:
        return meta
    return {**meta, "review_status": "under-review"}


def stale(page: Page, inputs: dict[str, bytes]) -> list[Finding]:
    if not is_stale(page.meta, inputs):
        return []
    recorded = page.meta.get(DIGEST_FIELD)
    line = page.key_lines.get(DIGEST_FIELD, page.key_lines.get("review_status", 1))
    changes = changed_inputs(page.meta.get(INPUTS_FIELD), inputs)
    if not recorded:
        what = "has no approved_digest, so nothing records what was approved"
    elif changes:
        what = "has changed since it was approved (" + "; ".join(changes) + ")"
    else:
        what = "has changed since it was approved"
    return [
        Finding(
            page.path,
            line,
            "approval-stale",
            f"the page is marked approved but what it shows {what}; the site shows it as under review. "
            f"Ask a listed reviewer to check the change and run `make approve PAGE={page.path} "
            'REVIEWER="Name"`, or set review_status: under-review',
        )
    ]


def _unlisted(meta: dict, reviewers: tuple[Reviewer, ...]) -> bool:
    listed = {r.name for r in reviewers}
    names = [r.get("name") for r in meta.get("reviewers") or [] if isinstance(r, dict)]
    return meta.get("review_status") == "approved" and (not names or any(n not in listed for n in names))


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
