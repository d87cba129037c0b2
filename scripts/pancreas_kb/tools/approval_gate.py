"""Pull-request gate: a change that approves a page is approved on GitHub by that reviewer.

Usage: python -m pancreas_kb.tools.approval_gate --base SHA --head SHA --reviews reviews.json [--root DIR]

`make approve` writes a reviewer's name into a page; anyone can type a name. This
gate ties the name to a person: for every page the pull request newly approves
(approved at HEAD, and at BASE not approved, or approved for other text, or by
fewer reviewers), each reviewer it adds must be listed in reviewers.yml *as it is
on the base branch* (so nobody adds themselves and approves in one change) and
must have approved the pull request on GitHub, from their `github` account, on
the head commit (a push after the approval needs a new approval).

reviews.json is the GitHub API's list of the pull request's reviews
(`gh api --paginate --slurp repos/OWNER/REPO/pulls/N/reviews`).
Exit 0 every approval is backed, 1 findings, 2 usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pancreas_kb.domain import approval, schema
from pancreas_kb.domain.findings import Finding, has_errors, render
from pancreas_kb.domain.frontmatter import read

RULE = "approval-not-on-github"
# Review states that settle a reviewer's verdict; a comment leaves the last verdict standing.
VERDICTS = {"APPROVED", "CHANGES_REQUESTED", "DISMISSED"}


@dataclass(frozen=True)
class NewApproval:
    path: str
    line: int  # of review_status at HEAD
    reviewers: tuple[str, ...]  # the names this change adds as approving the page's text


def _approval(path: str, text: str | None) -> tuple[dict | None, int]:
    if text is None:
        return None, 1
    page, _ = read(path, text)
    if page is None or page.meta.get("review_status") != "approved":
        return None, 1
    meta = schema.normalized(page.meta)
    names = tuple(str(r.get("name", "")) for r in meta.get("reviewers") or [] if isinstance(r, dict))
    return {"digest": meta.get(approval.DIGEST_FIELD), "reviewers": names}, page.key_lines.get("review_status", 1)


def new_approval(path: str, base_text: str | None, head_text: str | None) -> NewApproval | None:
    """What the change approves on this page, or None when it approves nothing new."""
    head, line = _approval(path, head_text)
    if head is None:
        return None
    base, _ = _approval(path, base_text)
    already = set(base["reviewers"]) if base and base["digest"] == head["digest"] else set()
    added = tuple(name for name in head["reviewers"] if name not in already)
    return NewApproval(path, line, added) if added else None


def latest_verdicts(reviews: list[dict]) -> dict[str, dict]:
    """Each GitHub user's last approving, change-requesting or dismissed review (lower-case login)."""
    verdicts: dict[str, dict] = {}
    ordered = sorted(
        (r for r in reviews if isinstance(r, dict)), key=lambda r: (str(r.get("submitted_at") or ""), r.get("id") or 0)
    )
    for review in ordered:
        login = str((review.get("user") or {}).get("login") or "").lower()
        if login and review.get("state") in VERDICTS:
            verdicts[login] = review
    return verdicts


def decide(
    approvals: list[NewApproval], reviews: list[dict], reviewers: list[approval.Reviewer], head_sha: str
) -> list[Finding]:
    """A finding for each added reviewer whose approval GitHub does not show on the head commit."""
    listed = {r.name: r for r in reviewers}
    verdicts = latest_verdicts(reviews)
    findings = []
    for change in approvals:
        for name in change.reviewers:
            reviewer = listed.get(name)
            if reviewer is None:
                findings.append(
                    Finding(
                        change.path,
                        change.line,
                        RULE,
                        f"'{name}' approves this page but is not in reviewers.yml on the base branch; "
                        "a reviewer is added in a pull request of its own, merged first",
                    )
                )
                continue
            verdict = verdicts.get(reviewer.github.lower())
            if verdict is None or verdict.get("state") != "APPROVED":
                state = (
                    "has not reviewed"
                    if verdict is None
                    else f"last {verdict.get('state', '').lower().replace('_', ' ')}"
                )
                findings.append(
                    Finding(
                        change.path,
                        change.line,
                        RULE,
                        f"'{name}' approves this page, but GitHub user @{reviewer.github} {state} "
                        "this pull request; they approve it on GitHub (Review changes → Approve)",
                    )
                )
            elif verdict.get("commit_id") != head_sha:
                findings.append(
                    Finding(
                        change.path,
                        change.line,
                        RULE,
                        f"@{reviewer.github} approved an earlier commit "
                        f"({str(verdict.get('commit_id'))[:7]}); commits were pushed since, so "
                        f"'{name}' approves the final text again on GitHub",
                    )
                )
    return findings


# --- reading the pull request from git ----------------------------------------------


def _git(root: Path, *args: str) -> str | None:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else None


def changed_approvals(root: Path, base: str, head: str, docs: str = "docs") -> list[NewApproval]:
    names = _git(root, "diff", "--name-only", "--no-renames", f"{base}...{head}", "--", docs)
    if names is None:
        raise ValueError(f"git cannot compare {base}...{head}; fetch both commits (fetch-depth: 0)")
    result = []
    for path in sorted(n for n in names.splitlines() if n.endswith(".md")):
        change = new_approval(path, _git(root, "show", f"{base}:{path}"), _git(root, "show", f"{head}:{path}"))
        if change:
            result.append(change)
    return result


def load_reviews(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    # `gh api --paginate --slurp` gives one list per page of results.
    if isinstance(data, list) and all(isinstance(item, list) for item in data):
        data = [review for chunk in data for review in chunk]
    if not isinstance(data, list):
        raise ValueError("expected the JSON list of the pull request's reviews")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pancreas_kb.tools.approval_gate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--base", required=True, help="the base commit of the pull request")
    parser.add_argument("--head", required=True, help="the head commit of the pull request")
    parser.add_argument("--reviews", type=Path, required=True, help="the reviews as the GitHub API lists them")
    parser.add_argument("--format", choices=("text", "github"), default="text")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        reviews = load_reviews(args.reviews)
        approvals = changed_approvals(args.root, args.base, args.head)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    base_list = _git(args.root, "show", f"{args.base}:{approval.REVIEWERS_FILE}") or ""
    reviewers, problems = approval.parse_reviewers(approval.REVIEWERS_FILE, base_list)
    findings = problems + decide(approvals, reviews, reviewers, args.head)
    if findings:
        print(render(findings, args.format))
    for change in approvals:
        print(f"{change.path}: newly approved by {', '.join(change.reviewers)}", file=sys.stderr)
    if not approvals:
        print("approval gate: this pull request approves no page", file=sys.stderr)
    return 1 if has_errors(findings) else 0


if __name__ == "__main__":
    sys.exit(main())
