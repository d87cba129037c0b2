"""Translations that no longer say what their English page says.

Each translation records the digest of its English page's text when it was
translated (`translated_from`, domain/translation.py). When the English page's
digest is different now, git's history of the English page gives the version
the translation was made from (the newest commit whose text has that digest), so
the finding can list what changed in English since, and when that change was
committed. A change is a warning at once, so the translator hears of it; it
becomes an error once it is older than the audience's grace period
(audiences.py, `translation_grace_days`: 30 days for patient pages), because
readers are then reading a translation the English page has long corrected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pancreas_kb.domain import audiences, frontmatter, translation
from pancreas_kb.domain.findings import ERROR, WARNING, Finding

# Lines of the English diff shown in a finding; the rest is left to `git diff`.
DIFF_LINES = 60
RECORD_COMMAND = "make translated PAGE={path}"


@dataclass(frozen=True)
class Version:
    commit: str
    date: dt.date
    text: str | None  # the English page's source text at this commit; None when it did not exist


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def history(root: Path, path: str) -> list[Version] | None:
    """The committed versions of one file, newest first; None outside a git checkout."""
    log = _git(root, "log", "--format=%H %cs", "--", path)
    if log is None:
        return None
    versions = []
    for line in log.splitlines():
        commit, day = line.split()
        versions.append(Version(commit, dt.date.fromisoformat(day), _git(root, "show", f"{commit}:{path}")))
    return versions


def _digest(path: str, text: str | None) -> str | None:
    page, _ = frontmatter.read(path, text) if text is not None else (None, [])
    return translation.source_digest(page) if page else None


def base_version(versions: list[Version], path: str, recorded: str) -> tuple[Version | None, dt.date | None]:
    """The newest version with the recorded digest, and the date of the first change committed after it."""
    changed_on = None
    for version in versions:  # newest first
        if _digest(path, version.text) == recorded:
            return version, changed_on
        if version.text is not None:
            changed_on = version.date
    return None, None


def english_diff(path: str, before: str, now: str) -> list[str]:
    """What a translator must carry over: the English title, description and body, line by line."""
    old, _ = frontmatter.read(path, before)
    new, _ = frontmatter.read(path, now)
    lines = list(
        difflib.unified_diff(
            translation.source_text(old).splitlines() if old else [],
            translation.source_text(new).splitlines() if new else [],
            "translated version",
            "now",
            n=1,
            lineterm="",
        )
    )
    if len(lines) > DIFF_LINES:
        lines = [*lines[:DIFF_LINES], f"... {len(lines) - DIFF_LINES} more lines"]
    return lines


def outdated(
    link: translation.Link, record, english_path: str, english_text: str, versions: list[Version] | None, today: dt.date
) -> list[Finding]:
    """The finding for one translation whose English page has changed since it was translated."""
    if not link.outdated:
        return []
    line = record.line(translation.DIGEST_FIELD)
    update = (
        f"bring the translation up to date with the English page, then run {RECORD_COMMAND.format(path=record.path)}"
    )
    if versions is None:
        return [
            Finding(
                record.path,
                line,
                "translation-outdated",
                f"{english_path} has changed since this page was translated (no git history here to say "
                f"what changed); {update}",
                WARNING,
            )
        ]
    base, changed_on = base_version(versions, english_path, link.recorded)
    if base is None:
        return [
            Finding(
                record.path,
                line,
                "translation-source-unknown",
                f"{translation.DIGEST_FIELD}: no committed version of {english_path} has this digest, so no one "
                f"can tell what the translation follows; compare it with the English page, then run "
                f"{RECORD_COMMAND.format(path=record.path)}",
            )
        ]
    since = changed_on or today  # a change not committed yet is today's
    age = (today - since).days
    grace = audiences.get(record.meta.get("audience")).translation_grace_days
    late = grace is not None and age > grace
    diff = "\n".join("    " + d for d in english_diff(english_path, base.text, english_text))
    limit = f"; after {grace} days it is an error" if grace is not None and not late else ""
    return [
        Finding(
            record.path,
            line,
            "translation-outdated",
            f"{english_path} has changed since this page was translated from it (commit {base.commit[:10]} "
            f"of {base.date}), {age} days ago{limit}; {update}. Changes in English since:\n{diff}",
            ERROR if late else WARNING,
        )
    ]


def run(root: Path, docs_prefix: str, records: dict, today: dt.date) -> list[Finding]:
    """Every translation against its English page now. `records` maps src_uri to page records."""
    links, findings = translation.links(records)
    for link in links:
        if not link.outdated:
            continue
        english = records[link.source]
        path = docs_prefix + link.source
        findings += outdated(link, records[link.translation], path, english.text, history(root, path), today)
    return findings
