"""Published URLs: every page URL and heading anchor the site has published stays reachable.

published-urls.txt is the committed list. Links from other sites, bookmarks and
printed handouts point at these addresses, so one that disappears without a
redirect is an error; an anchor whose section moved to another page counts as
kept when mkdocs.yml's moved_sections sends it to a section that exists (the
old page's script takes readers there). `python -m pancreas_kb.checker.published_urls --update` (make
published-urls) adds the URLs of new pages and headings and exits 1 when it
changed the file, so a forgotten update fails the run that made it.

Usage: python -m pancreas_kb.checker.published_urls [--root DIR] [--site DIR] [--update]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pancreas_kb.domain import moved_sections
from pancreas_kb.domain.findings import Finding, render

from . import project_files, site_rules
from .html_scan import Site, scan_site

LIST_FILE = "published-urls.txt"
HOME = "./"
HEADER = (
    "# Every published page URL and heading anchor, relative to site_url.\n"
    "# `make check` fails when one of them disappears without a redirect.\n"
    "# `make published-urls` adds new ones; delete a line by hand only when a URL\n"
    "# is retired on purpose, and say why in the commit message.\n"
)
NOT_PUBLISHED = {"404.html"}


@dataclass(frozen=True)
class Listed:
    url: str
    line: int


def _shown(url: str) -> str:
    return url or HOME


def _split(listed: str) -> tuple[str, str]:
    """'a/#x' -> ('a/', 'x'); the home page './' is '' inside the program."""
    page, _, anchor = listed.partition("#")
    return ("" if page in (HOME, ".") else page), anchor


def current(site: Site) -> list[str]:
    """The URLs the built site publishes: each page, then each of its heading anchors."""
    pages = {}
    for path, page in site.pages.items():
        if path in NOT_PUBLISHED or not page.has_article:
            continue  # redirect stubs and the error page are not pages of their own
        pages[path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path] = page
    urls = []
    for url in sorted(pages):
        urls.append(_shown(url))
        urls.extend(f"{_shown(url)}#{anchor}" for anchor in dict.fromkeys(pages[url].heading_ids))
    return urls


def read_list(text: str) -> list[Listed]:
    return [
        Listed(line.strip(), number)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def redirects(settings: dict) -> dict[str, str]:
    """Old page URL -> new page URL (or an absolute URL), from mkdocs-redirects' redirect_maps."""
    directory_urls = settings.get("use_directory_urls") is not False
    maps: dict = {}
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("redirects"), dict):
            maps = plugin["redirects"].get("redirect_maps") or {}
    result = {}
    for old, new in maps.items():
        new = str(new)
        target = new if "://" in new else site_rules.page_url(new.split("#")[0], directory_urls)
        result[site_rules.page_url(str(old), directory_urls)] = target
    return result


def moves(settings: dict) -> dict[tuple[str, str], tuple[str, str]]:
    """(old page URL, id) -> (new page URL, id) for each section mkdocs.yml's moved_sections moved."""
    directory_urls = settings.get("use_directory_urls") is not False
    entries = (project_files.plugin_options(settings, moved_sections.PLUGIN) or {}).get(moved_sections.OPTION)
    return {
        (site_rules.page_url(m.page, directory_urls), m.anchor): (
            site_rules.page_url(m.target_page, directory_urls),
            m.target_anchor,
        )
        for m in moved_sections.read(entries if isinstance(entries, dict) else {})
        if m.anchor
    }


def _lands(site: Site, place: tuple[str, str]) -> bool:
    scan = site.pages.get(site_rules.url_file(place[0]))
    return scan is not None and scan.has_article and (not place[1] or place[1] in scan.ids)


def _place(place: tuple[str, str]) -> str:
    return f"{_shown(place[0])}#{place[1]}" if place[1] else _shown(place[0])


def _doc(page: str) -> str:
    return f"{page.rstrip('/') or 'index'}.md"


def _fix_page(page: str) -> str:
    doc = _doc(page)
    return (
        f"{_shown(page)} was published but is no longer built. If the page moved, keep the old address "
        f"working with a redirect in mkdocs.yml under plugins > redirects > redirect_maps, e.g. "
        f"'{doc}': 'new/place.md'; if it was removed, redirect it to the closest page"
    )


def _fix_anchor(page: str, anchor: str, where: str) -> str:
    return (
        f"{_shown(page)}#{anchor} was published but {where} has no element with id '{anchor}', so links to "
        f"that section land at the top of the page. If the heading was renamed, keep the old anchor: put "
        f'<a id="{anchor}"></a> on the line above the new heading (or give it {{#{anchor}}} if it has no '
        f"other id); if the section moved to another page, add it to {moved_sections.OPTION} in mkdocs.yml, e.g. "
        f"'{_doc(page)}#{anchor}': 'new/page.md#{anchor}'; if the section was removed, put that anchor at the "
        "closest section"
    )


def _fix_moved(page: str, anchor: str, place: tuple[str, str]) -> str:
    return (
        f"{_shown(page)}#{anchor} was published and {moved_sections.OPTION} in mkdocs.yml sends it to "
        f"{_place(place)}, which is not a section of the built site; correct the entry to the page and id "
        "the section has now"
    )


def missing(
    listed: list[Listed],
    site: Site,
    redirect_map: dict[str, str],
    list_path: str,
    moved: Mapping[tuple[str, str], tuple[str, str]] | None = None,
) -> list[Finding]:
    """`moved`: what `moves` gives; a published anchor gone from its page is kept where it moved."""
    moved = moved or {}
    findings = []
    for item in listed:
        page, anchor = _split(item.url)
        target = page
        if target in redirect_map:
            target = redirect_map[target]
            if "://" in target:
                continue  # moved to another site: nothing here to check
        scan = site.pages.get(site_rules.url_file(target))
        if scan is None or not scan.has_article:
            findings.append(Finding(list_path, item.line, "published-url-removed", _fix_page(page)))
        elif anchor and anchor not in scan.ids:
            place = moved.get((page, anchor))
            if place is None:
                where = "the page" if target == page else f"its redirect target {_shown(target)}"
                findings.append(
                    Finding(list_path, item.line, "published-anchor-removed", _fix_anchor(page, anchor, where))
                )
            elif not _lands(site, place):
                findings.append(
                    Finding(list_path, item.line, "published-anchor-moved", _fix_moved(page, anchor, place))
                )
    return findings


def kept_elsewhere(
    listed: list[Listed], site: Site, moved: Mapping[tuple[str, str], tuple[str, str]]
) -> list[tuple[str, str]]:
    """(published URL, where it is now) for each published anchor kept by moved_sections."""
    kept = []
    for item in listed:
        page, anchor = _split(item.url)
        place = moved.get((page, anchor))
        scan = site.pages.get(site_rules.url_file(page))
        if place is not None and (scan is None or anchor not in scan.ids) and _lands(site, place):
            kept.append((item.url, _place(place)))
    return kept


def unlisted(listed: list[Listed], site: Site, list_path: str) -> list[Finding]:
    known = {item.url for item in listed}
    new = [url for url in current(site) if url not in known]
    if not new:
        return []
    sample = ", ".join(new[:5]) + (f" and {len(new) - 5} more" if len(new) > 5 else "")
    return [
        Finding(
            list_path,
            1,
            "published-url-unlisted",
            f"{len(new)} published URL(s) are not in {LIST_FILE}: {sample}; run `make published-urls` "
            "and commit the file, so that their removal is caught later",
        )
    ]


def check(project: project_files.Project, site: Site) -> list[Finding]:
    path = project.root / LIST_FILE
    if not path.is_file():
        return [
            Finding(
                LIST_FILE,
                1,
                "published-urls-missing",
                f"{LIST_FILE} does not exist; run `make published-urls` and commit it",
            )
        ]
    listed = read_list(path.read_text(encoding="utf-8", errors="replace"))
    return missing(listed, site, redirects(project.settings), LIST_FILE, moves(project.settings)) + unlisted(
        listed, site, LIST_FILE
    )


def updated_text(old_text: str, site: Site) -> str:
    """The list with every currently published URL added; no URL is ever dropped."""
    urls = dict.fromkeys(item.url for item in read_list(old_text))
    urls.update(dict.fromkeys(current(site)))
    return HEADER + "".join(f"{url}\n" for url in sorted(urls, key=_sort_key))


def _sort_key(url: str) -> tuple[str, str]:
    page, anchor = _split(url)
    return page, anchor


def update(project: project_files.Project, site: Site) -> tuple[bool, list[Finding]]:
    path = project.root / LIST_FILE
    old_text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    new_text = updated_text(old_text, site)
    changed = new_text != old_text
    if changed:
        path.write_text(new_text, encoding="utf-8")
    listed = read_list(new_text)
    return changed, missing(listed, site, redirects(project.settings), LIST_FILE, moves(project.settings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pancreas_kb.checker.published_urls", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (holds mkdocs.yml)")
    parser.add_argument("--site", type=Path, help="built site (default: ROOT/site)")
    parser.add_argument("--update", action="store_true", help=f"add new URLs to {LIST_FILE}")
    try:
        args = parser.parse_args(argv)  # None: argparse reads sys.argv[1:]
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    site_dir = args.site or args.root / "site"
    if not (args.root / "mkdocs.yml").is_file() or not site_dir.is_dir():
        print(
            f"error: needs {args.root / 'mkdocs.yml'} and a built site in {site_dir}; run `make build` first",
            file=sys.stderr,
        )
        return 2
    project = project_files.load(args.root)
    site, _ = scan_site(site_dir)
    if args.update:
        changed, findings = update(project, site)
        if changed:
            print(f"{LIST_FILE} updated: review and commit it", file=sys.stderr)
    else:
        changed, findings = False, check(project, site)
    listed = read_list((args.root / LIST_FILE).read_text(encoding="utf-8", errors="replace"))
    for url, place in kept_elsewhere(listed, site, moves(project.settings)):
        print(f"{LIST_FILE}: {url} moved to {place} ({moved_sections.OPTION} in mkdocs.yml)", file=sys.stderr)
    if findings:
        print(render(findings))
    return 1 if changed or findings else 0


if __name__ == "__main__":
    sys.exit(main())
