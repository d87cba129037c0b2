"""Pull-request gate: a page is shown as approved only with that reviewer's own GitHub approval.

Usage: python -m pancreas_kb.tools.approval_gate --base SHA --head SHA --pull PULL.json
       --reviews REVIEWS.json [--root DIR] [--format text|github]

`make approve` writes a reviewer's name into a page; anyone can type a name. This
gate ties the name to a person, and trusts nothing the pull request contains:

- It runs the base branch's code only (.github/workflows/approval.yml runs from the
  base branch, never the pull request's workflow), and reads the pull request's
  files from its commits with git as data: nothing is checked out, built or run, and
  its mkdocs.yml is read with a loader that runs nothing.
- Every file MkDocs would build under docs/ (every Markdown spelling, any file name)
  is a page here; a symbolic link or a file type docs/ may not hold is refused.
- For every page approved at HEAD, the approval must match what the page shows
  there (the digest is computed again from the commit: page, bibliography entries,
  quotes, glossary), and every reviewer it adds (not approved at BASE for the same
  digest) must be listed in reviewers.yml *on the base branch* and must have approved
  the pull request on GitHub, on the head commit, from the account whose number is
  their `github_id` (a login can be renamed and then taken by someone else; the
  number cannot), and must not be the pull request's author.

PULL.json is the pull request as the GitHub API gives it (`gh api repos/O/R/pulls/N`),
or an event payload that holds one (`pull_request`); REVIEWS.json is its reviews
(`gh api --paginate --slurp repos/O/R/pulls/N/reviews`).
Exit 0 every approval is backed, 1 findings, 2 usage or unreadable input.
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from pancreas_kb.domain import approval, bibliography, citations, docs_files, schema
from pancreas_kb.domain.findings import Finding, has_errors, render
from pancreas_kb.domain.frontmatter import read

RULE = "approval-not-on-github"
# Review states that settle a reviewer's verdict; a comment leaves the last verdict standing.
VERDICTS = {"APPROVED", "CHANGES_REQUESTED", "DISMISSED"}
LINK_MODE = "120000"


@dataclass(frozen=True)
class Approval:
    digest: object  # as recorded in the page
    actual: str  # computed from the commit
    reviewers: tuple[str, ...]
    line: int  # of review_status


@dataclass(frozen=True)
class NewApproval:
    path: str
    line: int  # of review_status at HEAD
    reviewers: tuple[str, ...]  # the names this change adds as approving the page


# --- reading a commit as data ----------------------------------------------------------


class Commit:
    """One commit's files, read with git plumbing: never checked out, nothing in it run."""

    def __init__(self, root: Path, sha: str):
        self.root, self.sha = root, sha

    def _git(self, *args: str) -> bytes | None:
        result = subprocess.run(["git", *args], cwd=self.root, capture_output=True)
        return result.stdout if result.returncode == 0 else None

    @functools.cached_property
    def _paths(self) -> frozenset[str]:
        """Every file in the commit, from one `git ls-tree`: a file that is not there costs no process."""
        out = self._git("ls-tree", "-r", "-z", "--name-only", "--full-tree", self.sha) or b""
        return frozenset(path.decode("utf-8", errors="surrogateescape") for path in out.split(b"\0") if path)

    def read(self, path: str) -> bytes | None:
        if path not in self._paths:
            return None
        return self._git("cat-file", "blob", f"{self.sha}:{path}")

    def text(self, path: str) -> str | None:
        data = self.read(path)
        return data.decode("utf-8", errors="replace") if data is not None else None

    def files(self, folder: str) -> list[tuple[str, str]]:
        """(mode, path) of every file under `folder`; -z, so any file name comes through unquoted."""
        out = self._git("ls-tree", "-r", "-z", "--full-tree", self.sha, "--", folder.rstrip("/") + "/")
        if out is None:
            raise ValueError(f"git cannot read commit {self.sha}; fetch it first (fetch-depth: 0)")
        entries = []
        for record in out.split(b"\0"):
            if record:
                meta, path = record.split(b"\t", 1)
                entries.append((meta.split()[0].decode(), path.decode("utf-8", errors="surrogateescape")))
        return entries

    def docs_dir(self) -> str:
        """docs_dir from this commit's mkdocs.yml, read as data: every tag (!ENV, !!python/...) is ignored."""

        class Loader(yaml.SafeLoader):
            pass

        Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
        Loader.add_multi_constructor("tag:yaml.org,2002:", lambda loader, suffix, node: None)
        try:
            settings = yaml.load(self.text("mkdocs.yml") or "", Loader=Loader)
        except yaml.YAMLError:
            settings = None
        value = settings.get("docs_dir") if isinstance(settings, dict) else None
        return value.strip("/") if isinstance(value, str) and value.strip("/") else "docs"

    def sources(self) -> approval.Sources:
        library = bibliography.parse("references.bib", self.text("references.bib") or "")
        return approval.sources_from(self.read, library)


def approval_at(commit: Commit, path: str, sources: approval.Sources) -> Approval | None:
    data = commit.read(path)
    if data is None:
        return None
    text = data.decode("utf-8", errors="replace")
    page, _ = read(path, text)
    if page is None or page.meta.get("review_status") != "approved":
        return None
    meta = schema.normalized(page.meta)
    found, _ = citations.scan(path, text)
    inputs = approval.digest_inputs(text, [c.key for c in found], str(meta.get("audience", "all")), sources)
    names = tuple(str(r.get("name", "")) for r in meta.get("reviewers") or [] if isinstance(r, dict))
    return Approval(
        meta.get(approval.DIGEST_FIELD), approval.content_digest(inputs), names, page.key_lines.get("review_status", 1)
    )


def new_approval(path: str, base: Approval | None, head: Approval | None) -> NewApproval | None:
    """What the change approves on this page, or None when it approves nothing new."""
    if head is None:
        return None
    already = set(base.reviewers) if base and base.digest == head.digest == base.actual else set()
    added = tuple(name for name in head.reviewers if name not in already)
    return NewApproval(path, head.line, added) if added else None


def review(root: Path, base_sha: str, head_sha: str) -> tuple[list[NewApproval], list[Finding]]:
    """Every new approval of the pull request, and what the gate refuses outright."""
    base, head = Commit(root, base_sha), Commit(root, head_sha)
    findings = []
    # A pull request that moves docs_dir would move its pages out of the gate's sight.
    folders = list(dict.fromkeys([base.docs_dir(), head.docs_dir()]))
    pages = []
    for folder in folders:
        for mode, path in head.files(folder):
            rel = path[len(folder) + 1 :]
            problem = docs_files.file_problem(rel, mode == LINK_MODE, lambda p=path: head.read(p) or b"")
            if problem:
                findings.append(Finding(path, 1, "docs-file-type", problem))
            if docs_files.is_markdown(path):
                pages.append(path)
    base_sources, head_sources = base.sources(), head.sources()
    approvals = []
    for path in pages:
        now = approval_at(head, path, head_sources)
        if now is None:
            continue
        if now.digest != now.actual:
            findings.append(
                Finding(
                    path,
                    now.line,
                    RULE,
                    "the approval recorded in this page does not match what the page shows at the head commit "
                    "(its text, front matter, sources, quotes or glossary terms changed, or the digest was "
                    "edited); a listed reviewer approves it again with make approve",
                )
            )
            continue
        change = new_approval(path, approval_at(base, path, base_sources), now)
        if change:
            approvals.append(change)
    return approvals, findings


# --- the verdicts on GitHub ------------------------------------------------------------


def latest_verdicts(reviews: list[dict]) -> dict[int, dict]:
    """Each GitHub account's last approving, change-requesting or dismissed review, by account number."""
    verdicts: dict[int, dict] = {}
    ordered = sorted(
        (r for r in reviews if isinstance(r, dict)), key=lambda r: (str(r.get("submitted_at") or ""), r.get("id") or 0)
    )
    for item in ordered:
        account = (item.get("user") or {}).get("id")
        state = str(item.get("state") or "").upper()  # event payloads write it in lower case
        if isinstance(account, int) and state in VERDICTS:
            verdicts[account] = {**item, "state": state}
    return verdicts


def decide(
    approvals: list[NewApproval],
    reviews: list[dict],
    reviewers: list[approval.Reviewer],
    head_sha: str,
    author_id: int | None,
) -> list[Finding]:
    """A finding for each added reviewer whose own approval GitHub does not show on the head commit."""
    listed = {r.name: r for r in reviewers}
    verdicts = latest_verdicts(reviews)
    findings = []

    def refuse(change: NewApproval, message: str) -> None:
        findings.append(Finding(change.path, change.line, RULE, message))

    for change in approvals:
        for name in change.reviewers:
            reviewer = listed.get(name)
            if reviewer is None:
                refuse(
                    change,
                    f"'{name}' approves this page but is not in reviewers.yml on the base branch; "
                    "a reviewer is added in a pull request of its own, merged first",
                )
                continue
            account = f"@{reviewer.github} (GitHub account {reviewer.github_id})"
            if reviewer.github_id == author_id:
                refuse(
                    change,
                    f"'{name}' approves this page in their own pull request; a change is approved by a "
                    "reviewer other than its author: ask another listed reviewer",
                )
                continue
            verdict = verdicts.get(reviewer.github_id)
            if verdict is None or verdict["state"] != "APPROVED":
                state = "has not reviewed" if verdict is None else f"last {verdict['state'].lower().replace('_', ' ')}"
                refuse(
                    change,
                    f"'{name}' approves this page, but {account} {state} this pull request; "
                    "they approve it on GitHub (Review changes → Approve)",
                )
            elif verdict.get("commit_id") != head_sha:
                refuse(
                    change,
                    f"{account} approved an earlier commit ({str(verdict.get('commit_id'))[:7]}); commits were "
                    f"pushed since, so '{name}' approves the final text again on GitHub",
                )
    return findings


def load_json_list(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    # `gh api --paginate --slurp` gives one list per page of results.
    if isinstance(data, list) and all(isinstance(item, list) for item in data):
        data = [item for chunk in data for item in chunk]
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected the JSON list of the pull request's reviews")
    return data


def load_pull(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    pull = data.get("pull_request", data) if isinstance(data, dict) else None
    if not isinstance(pull, dict) or not isinstance((pull.get("user") or {}).get("id"), int):
        raise ValueError(f"{path}: expected a pull request (or an event holding one) with its author's user.id")
    return pull


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pancreas_kb.tools.approval_gate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--base", required=True, help="the base commit of the pull request")
    parser.add_argument("--head", required=True, help="the head commit of the pull request")
    parser.add_argument("--pull", type=Path, required=True, help="the pull request, or an event payload holding it")
    parser.add_argument("--reviews", type=Path, required=True, help="the reviews as the GitHub API lists them")
    parser.add_argument("--format", choices=("text", "github"), default="text")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        reviews = load_json_list(args.reviews)
        pull = load_pull(args.pull)
        approvals, findings = review(args.root, args.base, args.head)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    base_list = Commit(args.root, args.base).text(approval.REVIEWERS_FILE) or ""
    reviewers, problems = approval.parse_reviewers(approval.REVIEWERS_FILE, base_list)
    findings += problems + decide(approvals, reviews, reviewers, args.head, pull["user"]["id"])
    if findings:
        print(render(findings, args.format))
    for change in approvals:
        print(f"{change.path}: newly approved by {', '.join(change.reviewers)}", file=sys.stderr)
    if not approvals:
        print("approval gate: this pull request approves no page", file=sys.stderr)
    return 1 if has_errors(findings) else 0


if __name__ == "__main__":
    sys.exit(main())
