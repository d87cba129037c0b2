"""Record a clinical reviewer's approval of a page, bound to the text they approved.

Usage: python -m pancreas_kb.tools.approve --page docs/patients/stages.md --reviewer "Dr Jane Doe" [--root DIR]

Sets review_status: approved, last_reviewed (today), next_review (one year on, the
editorial policy's interval), the reviewer from reviewers.yml, and the approval
record: approved_digest, the digest of everything the page shows (the page file,
its review fields included, and the bibliography entries, quotes and glossary
definitions it pulls in; see domain/approval.py), and approved_inputs, the
digest of each, so that a later change is named. Other front-matter lines,
comments included, are kept.
A second listed reviewer approving the same text is added beside the first.
Exit 0 recorded, 1 refused (unknown reviewer, unreadable page), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from pancreas_kb.domain import approval, bibliography, citations, review, schema
from pancreas_kb.domain.frontmatter import read

# The review fields an approval writes, in the order they are written; the record follows them.
REVIEW_FIELDS = ("review_status", "last_reviewed", "next_review", "reviewers")
WRITTEN = REVIEW_FIELDS + approval.RECORD_FIELDS


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


def _inputs(text: str, path: str, sources: approval.Sources) -> dict[str, bytes]:
    page, _ = read(path, text)
    found, _ = citations.scan(path, text)
    audience = page.meta.get("audience", "all") if page else "all"
    return approval.digest_inputs(text, [c.key for c in found], str(audience), sources)


def _with_fields(text: str, values: dict) -> str:
    """The page with these front-matter fields written in place of any earlier ones (in WRITTEN order)."""
    lines = text.splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "..."))
    front = [line.rstrip("\n") for line in lines[1:end]]
    blocks = _key_blocks(front)
    at = blocks["review_status"][0] if "review_status" in blocks else len(front)
    drop = {i for key in WRITTEN if key in blocks for i in range(*blocks[key])}
    block = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=200).splitlines()
    kept = [line for i, line in enumerate(front) if i not in drop and i < at]
    kept += block + [line for i, line in enumerate(front) if i not in drop and i >= at]
    return "".join(lines[:1]) + "\n".join(kept) + "\n" + "".join(lines[end:])


def approved_text(text: str, path: str, reviewer: approval.Reviewer, today: dt.date, sources: approval.Sources) -> str:
    """The page text with the approval recorded; raises ValueError with the reason it cannot be."""
    page, problems = read(path, text)
    if page is None:
        raise ValueError(problems[0].text())
    meta = schema.normalized(page.meta)
    entry = {"name": reviewer.name, "credentials": reviewer.credentials}
    reviewers = [entry]
    if meta.get("review_status") == "approved" and not approval.is_stale(meta, _inputs(text, path, sources)):
        earlier = [r for r in meta.get("reviewers") or [] if isinstance(r, dict) and r.get("name") != reviewer.name]
        reviewers = [*earlier, entry]
        today = meta.get("last_reviewed") or today  # the same approval, a second signature: its dates stay
    review_values = {
        "review_status": "approved",
        "last_reviewed": today,
        "next_review": review.next_review(today),
        "reviewers": reviewers,
    }
    # The record is left out of what it covers, so the text is digested before the record is written.
    reviewed = _with_fields(text, review_values)
    inputs = _inputs(reviewed, path, sources)
    record = {
        approval.DIGEST_FIELD: approval.content_digest(inputs),
        approval.INPUTS_FIELD: approval.input_digests(inputs),
    }
    return _with_fields(reviewed, {**review_values, **record})


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
    bib = args.root / "references.bib"
    library = bibliography.load(str(bib), "references.bib") if bib.is_file() else None
    sources = approval.load_sources(args.root, library)
    try:
        text = approved_text(path.read_text(encoding="utf-8"), args.page, chosen, review.today(), sources)
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
