"""`make check`: every offline content check, one report, findings as data.

Usage: python -m scripts.check [--root DIR] [--site DIR] [--format text|json|github]
Exit status: 0 clean (warnings allowed), 1 findings, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from . import bibliography, citations, readability, schema, sources
from .findings import Finding, has_errors, render
from .frontmatter import read


def check_pages(project: sources.Project, today: dt.date) -> list[Finding]:
    findings: list[Finding] = []
    for path, text in project.pages.items():
        page, problems = read(path, text)
        findings += problems
        if page is not None:
            findings += schema.validate(page, today, project.docs_dir)
            if page.meta.get("audience") == "patient":
                findings += [f for f in readability.page_grade(path, text) if f.rule == "readability-grade"]
    return findings


def check_citations(project: sources.Project, library: bibliography.Library) -> list[Finding]:
    findings: list[Finding] = []
    cited: set[str] = set()
    for path, text in project.pages.items():
        found, problems = citations.scan(path, text)
        findings += problems + citations.unknown_keys(path, found, set(library.entries))
        cited.update(c.key for c in found)
    findings += [Finding(library.path, entry.line, "unused-bib-entry",
                         f"{entry.key} is cited on no page; cite it where it supports a claim, or remove it "
                         "(the bibliography is the site's evidence base)")
                 for entry in library.entries.values() if entry.key not in cited]
    return findings


def run(root: Path, site: Path | None, today: dt.date) -> list[Finding]:
    project = sources.load(root)
    library = sources.library(project)
    findings = check_pages(project, today)
    findings += bibliography.lint(library, today)
    findings += check_citations(project, library)
    return findings


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.check", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (holds mkdocs.yml)")
    parser.add_argument("--site", type=Path, default=None, help="built site to scan (default: ROOT/site)")
    parser.add_argument("--format", choices=("text", "json", "github"),
                        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parse(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if not (args.root / "mkdocs.yml").is_file():
        print(f"error: {args.root} has no mkdocs.yml; run from the project folder or pass --root", file=sys.stderr)
        return 2
    try:
        findings = run(args.root, args.site or args.root / "site", _today())
    except Exception:  # a bug in a check must not look like a clean run
        traceback.print_exc()
        return 2
    if findings:
        print(render(findings, args.format))
    errors = sum(1 for f in findings if f.severity == "error")
    if args.format == "text":
        print(f"check: {errors} errors, {len(findings) - errors} warnings", file=sys.stderr)
    return 1 if has_errors(findings) else 0


def _today() -> dt.date:
    pinned = os.environ.get("KB_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


if __name__ == "__main__":
    sys.exit(main())
