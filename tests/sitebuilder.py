"""Build a small real site in a temporary folder with the project's own configuration.

The fixture site uses the real mkdocs.yml (theme, plugins, hooks, extensions),
with only the paths pointed at the temporary folder, so a test exercises what
the real build does.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from pancreas_kb.domain import approval, bibliography, citations, frontmatter
from pancreas_kb.tools.project_copy import copy_data_files, repointed_config

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-06-01"  # pinned so review-date verdicts do not move with the calendar
EVIDENCE_CHECKED = "2026-05-01"


def page(
    title: str = "A page", status: str = "submitted", audience: str = "patient", body: str = "Some text.", **fields
) -> str:
    """A Markdown page with valid front matter; keyword fields are added or override."""
    meta = {
        "title": title,
        "description": f"About {title.lower()}.",
        "audience": audience,
        "review_status": status,
        **fields,
    }
    meta.setdefault("evidence_checked", EVIDENCE_CHECKED)  # last, so the other fields keep their lines
    meta = {key: value for key, value in meta.items() if value is not None}  # None leaves a field out
    text_body = f"\n# {title}\n\n{textwrap.dedent(body).strip()}\n"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    text = f"---\n{front}---\n{text_body}"
    if status == "approved" and "approved_digest" not in meta:
        # The page alone, as `make approve` records it when nothing else is cited or
        # defined; build() records it again with the fixture's sources.
        text = with_record(text, page_only_digest(text))
    return text


def page_only_digest(text: str) -> dict:
    return approval_record(text, approval.Sources(None))


def approval_record(text: str, sources: approval.Sources) -> dict:
    """What `make approve` records for this page with these sources."""
    page, _ = frontmatter.read("p.md", text)
    found, _ = citations.scan("p.md", text)
    inputs = approval.digest_inputs(text, [c.key for c in found], page.meta.get("audience", "all"), sources)
    return {
        approval.DIGEST_FIELD: approval.content_digest(inputs),
        approval.INPUTS_FIELD: approval.input_digests(inputs),
    }


def with_record(text: str, record: dict) -> str:
    """The page with its approval record replaced (the record closes the front matter)."""
    body_start = text.index("\n---\n", 4)
    front = approval.without_record(text)[: approval.without_record(text).index("\n---\n", 4)]
    return front + "\n" + yaml.safe_dump(record, sort_keys=False, width=200).rstrip("\n") + text[body_start:]


# The reviewer fixture pages name; build() lists them in the fixture's reviewers.yml.
REVIEWERS_YML = "- name: Dr Ada Example\n  credentials: MD\n  github: ada-example\n  github_id: 1001\n"


def record_approvals(root: Path) -> None:
    """Record again, with the fixture's bibliography, quotes and glossary, every approval page() recorded."""
    bib = root / "references.bib"
    library = bibliography.load(str(bib), "references.bib") if bib.is_file() else None
    sources = approval.load_sources(root, library)
    for path in (root / "docs").rglob("*.md"):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a page a test made unreadable on purpose
        page, _ = frontmatter.read(path.name, text)
        if page is None or page.meta.get(approval.DIGEST_FIELD) != page_only_digest(text)[approval.DIGEST_FIELD]:
            continue  # not approved, or made stale on purpose by the test
        path.write_text(with_record(text, approval_record(text, sources)), encoding="utf-8")


APPROVED = dict(
    last_reviewed="2026-03-01",
    next_review="2027-02-01",
    reviewers=[{"name": "Dr Ada Example", "credentials": "MD"}],
)


@dataclass
class Build:
    returncode: int
    log: str
    site: Path
    root: Path
    config: object = field(default=None, repr=False)  # MkDocs' configuration, of a build in this process

    def html(self, page_path: str = "index.html") -> str:
        return (self.site / page_path).read_text(encoding="utf-8")


def prepare(
    root: Path,
    pages: dict[str, str],
    bib: str = "",
    strict: bool = True,
    config_changes=None,
    evidence: dict[str, str] | None = None,
    reviewers: str = REVIEWERS_YML,
    files: dict[str, str] | None = None,
) -> Path:
    """Write `pages` (path under docs/ -> text), `bib`, evidence files (key -> YAML),
    reviewers.yml, other `files` (path under the root -> text: data files the project's
    copies would otherwise stand in for) and mkdocs.yml; return mkdocs.yml's path."""
    for rel, text in (files or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    for key, text in (evidence or {}).items():
        (root / "evidence").mkdir(exist_ok=True)
        (root / "evidence" / f"{key}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "reviewers.yml").write_text(reviewers, encoding="utf-8")
    for rel, text in pages.items():
        target = root / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (root / "references.bib").write_text(textwrap.dedent(bib), encoding="utf-8")
    copy_data_files(root)
    record_approvals(root)
    config = repointed_config(root, strict)
    if config_changes:
        config_changes(config)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def build(
    root: Path,
    pages: dict[str, str],
    bib: str = "",
    strict: bool = True,
    today: str = TODAY,
    config_changes=None,
    evidence: dict[str, str] | None = None,
    reviewers: str = REVIEWERS_YML,
) -> Build:
    """Write the fixture site (`prepare`), build it with `mkdocs build`, and return the result."""
    config_file = prepare(root, pages, bib, strict, config_changes, evidence, reviewers)
    # No PYTHONPATH: the plugin is found as installed, as a MkDocs user runs it.
    env = {
        **os.environ,
        "KB_TODAY": today,
        "DISABLE_MKDOCS_2_WARNING": "true",
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, root / "site", root)


class _Log(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname} - {record.getMessage()}")


def build_in_process(config_file: Path, today: str = TODAY) -> Build:
    """Build the site `prepare` wrote in this process, as `mkdocs build` runs: for a test
    whose coverage of the plugin must be seen (mutation testing records which tests call
    each function, and cannot see into a subprocess). The log holds warnings and errors."""
    root = config_file.parent
    log = _Log()
    logger = logging.getLogger("mkdocs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KB_TODAY", today)
        patch.chdir(root)
        logger.addHandler(log)
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
            returncode = 0
        except Abort as exc:
            log.lines.append(f"Aborted: {exc}")
            returncode = 1
        finally:
            config.plugins.on_shutdown()
            logger.removeHandler(log)
    return Build(returncode, "\n".join(log.lines), root / "site", root, config)
