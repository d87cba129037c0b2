"""`make check`: every content check of the sources and the built site, one report.

Usage: python -m pancreas_kb.checker.check [--root DIR] [--site DIR | --sources-only]
       [--format text|json|github] [--online]
Exit status: 0 clean (warnings allowed), 1 findings, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from pancreas_kb.domain import approval, audiences, bibliography, evidence, page_record, review
from pancreas_kb.domain.findings import Finding, has_errors, render

from . import (
    evidence_rules,
    key_points,
    moved_sections,
    online,
    project_files,
    published_urls,
    readability,
    site_rules,
    translations,
    unsourced_figures,
    whats_new_file,
)
from .html_scan import Site, scan_site

# A check that raised on one file: reported with the file, and the run exits 2.
CRASH = "checker-crashed"


def crashed(path: str, exc: Exception) -> Finding:
    return Finding(
        path,
        1,
        CRASH,
        f"the checker failed on this file ({type(exc).__name__}: {exc}); "
        "the other findings are complete, please report this one",
    )


def guarded(path: str, check: Callable[[], list[Finding]]) -> list[Finding]:
    """Run one file's checks; an exception becomes a finding instead of ending the run."""
    try:
        return check()
    except Exception as exc:  # noqa: BLE001 - a bug in one rule must not hide the other findings
        return [crashed(path, exc)]


def audience_rules(record: page_record.PageRecord) -> list[Finding]:
    """The rules an audience is held to (audiences.py): the reading grade, sourced figures,
    key points that link to their sections."""
    if record.front is None:
        return []
    audience = audiences.get(record.front.meta.get("audience"))
    findings = readability.page_grade(record.front, record.language) if audience.plain_language else []
    if audience.cited_figures:
        findings += unsourced_figures.unsourced(record.path, record.front.body, record.front.body_line)
    if audience.key_point_links:
        findings += key_points.without_link(
            record.path, record.front.body, record.front.body_line, audience.key_point_links
        )
    return findings


def page_records(
    project: project_files.Project, library: bibliography.Library, today: dt.date, findings: list[Finding]
) -> list[page_record.PageRecord]:
    """Every page's record, as the build makes it; a page whose record fails is a finding."""
    records = []
    prefix = project.rel(project.docs_dir) + "/"
    sources = approval.load_sources(project.root, library)
    for path, data in project.data.items():
        src_uri = path[len(prefix) :]  # project.data holds only the files under docs_dir
        try:
            records.append(page_record.build(path, src_uri, data, today, project.docs_dir, library, sources))
        except Exception as exc:  # noqa: BLE001 - a bug on one page must not hide the other pages' findings
            findings.append(crashed(path, exc))
    return records


def unused_entries(
    records: list[page_record.PageRecord], library: bibliography.Library, also_cited: frozenset[str] = frozenset()
) -> list[Finding]:
    """`also_cited`: keys cited outside the pages (the What's new entries)."""
    cited = {c.key for record in records for c in record.citations} | also_cited
    return [
        Finding(
            library.path,
            entry.line,
            "unused-bib-entry",
            f"{entry.key} is cited on no page; cite it where it supports a claim, or remove it "
            "(the bibliography is the site's evidence base)",
        )
        for entry in library.entries.values()
        if entry.key not in cited
    ]


def check_sources(
    project: project_files.Project, today: dt.date, news: whats_new_file.Loaded | None = None
) -> list[Finding]:
    library = project_files.library(project)
    findings = list(project.problems)
    records = page_records(project, library, today, findings)
    for record in records:
        findings += record.findings
        findings += guarded(record.path, lambda: audience_rules(record))
    findings += guarded(library.path, lambda: bibliography.lint(library, today))
    cited = frozenset(whats_new_file.cited_keys(news)) if news else frozenset()
    findings += guarded(library.path, lambda: unused_entries(records, library, cited))
    if news:
        findings += guarded(news.data.path, lambda: whats_new_file.source_findings(news, library, today))
    findings += guarded(
        evidence.EVIDENCE_DIR, lambda: evidence_rules.run(records, evidence_rules.load(project.root, library, today))
    )
    by_uri = {record.src_uri: record for record in records}
    docs_prefix = project.rel(project.docs_dir) + "/"
    findings += guarded(docs_prefix, lambda: translations.run(project.root, docs_prefix, by_uri, today))
    return findings


def site_context(project: project_files.Project, site: Site, site_dir: Path) -> site_rules.Context:
    try:
        shown = str(site_dir.resolve().relative_to(project.root))
    except ValueError:
        shown = str(site_dir)
    docs_prefix = project.rel(project.docs_dir) + "/"
    return site_rules.context(site, shown, project.settings, docs_prefix, project.pages)


def check_site(
    project: project_files.Project, site_dir: Path, news: whats_new_file.Loaded | None = None
) -> tuple[list[Finding], site_rules.Context]:
    site, unreadable = scan_site(site_dir)
    ctx = site_context(project, site, site_dir)
    findings = [
        Finding(f"{ctx.shown_site}/{path}", 1, "site-unreadable", f"cannot be read: {reason}")
        for path, reason in unreadable
    ]
    findings += guarded(ctx.shown_site, lambda: site_rules.check(ctx))
    findings += guarded(published_urls.LIST_FILE, lambda: published_urls.check(project, site))
    findings += guarded("mkdocs.yml", lambda: moved_sections.check(project, site))
    if news:
        directory_urls = project.settings.get("use_directory_urls") is not False
        findings += guarded(news.data.path, lambda: whats_new_file.site_anchors(news, site, directory_urls))
        findings += guarded(news.data.path, lambda: whats_new_file.feed(news, site, ctx.shown_site))
    return findings, ctx


def run(root: Path, site_dir: Path | None, today: dt.date, online_too: bool = False) -> list[Finding]:
    """Source rules always; built-site rules unless site_dir is None (sources only)."""
    project = project_files.load(root)
    news, findings = whats_new_file.load(project)
    findings += check_sources(project, today, news)
    if site_dir is None:
        if news:
            findings += guarded(news.data.path, lambda: whats_new_file.heading_anchors(news))
        findings += guarded("mkdocs.yml", lambda: moved_sections.check(project))
        return findings
    site_findings, ctx = check_site(project, site_dir, news)
    findings += site_findings
    if online_too:
        findings += online.run(ctx, project_files.library(project), root, project.settings)
    return findings


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pancreas_kb.checker.check", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (holds mkdocs.yml)")
    parser.add_argument("--site", type=Path, help="built site to scan (default: ROOT/site)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text",
    )
    parser.add_argument(
        "--sources-only",
        action="store_true",
        help="check docs/ and references.bib without a built site (fast; for pre-commit)",
    )
    parser.add_argument(
        "--online",
        action="store_true",
        help="also request every external link and DOI (slow; never part of make check)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parse(argv)  # None: argparse reads sys.argv[1:]
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    site_dir = args.site or args.root / "site"
    if not (args.root / "mkdocs.yml").is_file():
        print(f"error: {args.root} has no mkdocs.yml; run from the project folder or pass --root", file=sys.stderr)
        return 2
    if args.sources_only and args.online:
        print("error: --online checks the built site; it cannot be combined with --sources-only", file=sys.stderr)
        return 2
    if args.sources_only:
        site_dir = None
    elif not site_dir.is_dir():
        print(
            f"error: no built site in {site_dir}; run `make build` first (make check does), or pass --site",
            file=sys.stderr,
        )
        return 2
    try:
        findings = run(args.root, site_dir, review.today(), args.online)
    except yaml.YAMLError as exc:
        print(f"error: {args.root / 'mkdocs.yml'} is not valid YAML: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - an unexpected failure must not look like a clean run
        print(f"error: the checker failed ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return 2
    if findings or args.format == "json":
        print(render(findings, args.format))
    errors = sum(1 for f in findings if f.severity == "error")
    if args.format == "text":
        print(f"check: {errors} errors, {len(findings) - errors} warnings", file=sys.stderr)
    if any(f.rule == CRASH for f in findings):
        return 2
    return 1 if has_errors(findings) else 0


if __name__ == "__main__":
    sys.exit(main())
