"""Record a clinical reviewer's approval of a page, bound to the text they approved.

Usage: python -m pancreas_kb.tools.approve --page docs/patients/stages.md --reviewer "Dr Jane Doe" [--root DIR]

Sets review_status: approved, last_reviewed (today), next_review (one year on, the
editorial policy's interval), the reviewer from reviewers.yml, and approved_digest,
the digest of the page body. Other front-matter lines, comments included, are kept.
A second listed reviewer approving the same text is added beside the first.
Exit 0 recorded, 1 refused (unknown reviewer, unreadable page), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from pancreas_kb.domain import approval, review, schema
from pancreas_kb.domain.frontmatter import read

# The fields an approval writes, in the order they are written.
WRITTEN = ("review_status", "last_reviewed", "next_review", "reviewers", approval.DIGEST_FIELD)


def _key_blocks(front: list[str]) -> dict[str, tuple[int, int]]:
    """Each top-level key of the front matter with the range of lines it spans (values nested below it)."""
    starts = [
        (i, line.split(":", 1)[0].strip())
        for i, line in enumerate(front)
        if line and not line[0].isspace() and not line.startswith(("#", "-")) and ":" in line
    ]
    blocks = {}
    for n, (i, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(front)
        while (
            end > i + 1
            and (not front[end - 1].strip() or front[end - 1].lstrip().startswith("#"))
            and not front[end - 1].startswith(" ")
        ):
            end -= 1  # a comment or blank line before the next key belongs to that key
        blocks[key] = (i, end)
    return blocks


def approved_text(text: str, path: str, reviewer: approval.Reviewer, today: dt.date) -> str:
    """The page text with the approval recorded; raises ValueError with the reason it cannot be."""
    page, problems = read(path, text)
    if page is None:
        raise ValueError(problems[0].text())
    meta = schema.normalized(page.meta)
    current = approval.digest(page.body)
    entry = {"name": reviewer.name, "credentials": reviewer.credentials}
    reviewers = [entry]
    if meta.get("review_status") == "approved" and meta.get(approval.DIGEST_FIELD) == current:
        earlier = [r for r in meta.get("reviewers") or [] if isinstance(r, dict) and r.get("name") != reviewer.name]
        reviewers = [*earlier, entry]
    values = {
        "review_status": "approved",
        "last_reviewed": today,
        "next_review": approval.next_review(today),
        "reviewers": reviewers,
        approval.DIGEST_FIELD: current,
    }
    lines = text.splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "..."))
    front = [line.rstrip("\n") for line in lines[1:end]]
    blocks = _key_blocks(front)
    at = blocks["review_status"][0] if "review_status" in blocks else len(front)
    drop = {i for key in WRITTEN if key in blocks for i in range(*blocks[key])}
    block = yaml.safe_dump({k: values[k] for k in WRITTEN}, sort_keys=False, allow_unicode=True).splitlines()
    kept = [line for i, line in enumerate(front) if i not in drop and i < at]
    kept += block + [line for i, line in enumerate(front) if i not in drop and i >= at]
    return "".join(lines[:1]) + "\n".join(kept) + "\n" + "".join(lines[end:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make approve", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--page", required=True, help="the page, e.g. docs/patients/stages.md")
    parser.add_argument("--reviewer", required=True, help="the reviewer's name as listed in reviewers.yml")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    reviewers, problems = approval.load_reviewers(args.root)
    if problems:
        print("\n".join(p.text() for p in problems), file=sys.stderr)
        return 1
    chosen = next((r for r in reviewers if r.name == args.reviewer.strip()), None)
    if chosen is None:
        listed = ", ".join(f"'{r.name}'" for r in reviewers) or "nobody yet"
        print(
            f"error: '{args.reviewer}' is not a clinical reviewer in {approval.REVIEWERS_FILE} (listed: {listed}); "
            "give the name exactly as listed, or add the reviewer to the list in its own pull request",
            file=sys.stderr,
        )
        return 1
    path = args.root / args.page
    if not path.is_file():
        print(
            f"error: {args.page} is not a file; give the page's path, e.g. PAGE=docs/patients/stages.md",
            file=sys.stderr,
        )
        return 1
    try:
        text = approved_text(path.read_text(encoding="utf-8"), args.page, chosen, review.today())
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"error: cannot approve {args.page}: {exc}", file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    page, _ = read(args.page, text)
    print(
        f"{args.page}: approved by {chosen.name}; next review {page.meta['next_review']}. Commit the change; "
        f"the pull request needs an approving GitHub review from @{chosen.github}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
