"""Sections moved to another page (scripts/pancreas_kb/domain/moved_sections.py): the entries judged,
and each old page given the map of where its sections went.

Judged when every page has been rendered, so the ids are those readers will
find; a finding is logged as an error with mkdocs.yml's line, which fails the
strict build. The map reaches the page as template data (`kb_moved_sections`,
printed escaped by partials/moved-sections.html), never as a script; the
redirect page of an old address kept by redirect_maps gets its own
(`redirect_map`, read by plugin/security.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pancreas_kb.domain import moved_sections
from pancreas_kb.plugin import build_state

log = logging.getLogger("mkdocs.plugins.knowledge_base.moved_sections")


@dataclass
class Build:
    moves: list[moved_sections.Move]  # those that passed every rule: only these send readers anywhere
    files: object  # the build's Files, to find each target page's URL


# The build under way (by the id of its config), from on_env to the redirect pages written at
# its end; only the latest is kept, as `mkdocs serve` makes a new config for every rebuild.
_builds: dict[int, Build] = {}


def _redirected(config) -> frozenset[str]:
    plugin = config.plugins.get("redirects")
    return frozenset(str(old) for old in (plugin.config.get("redirect_maps") or {})) if plugin else frozenset()


def _moves(config) -> list[moved_sections.Move]:
    entries = build_state.options.get(moved_sections.OPTION) or {}
    if not entries:
        return []
    try:
        text = Path(config.config_file_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return moved_sections.read(entries)  # the findings then point at line 1
    return moved_sections.read(entries, moved_sections.entry_lines(text))


def _links(page) -> list[tuple[str, str, str]]:
    return [
        (to_file.src_uri, anchor, link)
        for to_file, anchors in (page.links_to_anchors or {}).items()
        for anchor, link in anchors.items()
    ]


def on_env(env, config, files):
    moves = _moves(config)
    _builds.clear()  # a page of this build without a Build here carries no map
    if not moves:
        return env
    rendered = [f for f in files.documentation_pages() if f.page is not None]
    pages = moved_sections.Pages(
        frozenset(f.src_uri for f in files.documentation_pages()),
        _redirected(config),
        {f.src_uri: f.page.present_anchor_ids or set() for f in rendered},
    )
    findings = moved_sections.check(moves, pages)
    for file in rendered:
        record = build_state.current.records.get(file.src_uri)
        if record is not None:
            findings += moved_sections.links_to_moved(record.path, record.text, _links(file.page), moves)
    for finding in sorted(findings):
        log.error(finding.text())
    _builds[id(config)] = Build(moved_sections.valid(moves, pages), files)
    return env


def on_page_context(ctx, page, config, nav):
    build = _builds.get(id(config))
    if build is None:
        ctx["kb_moved_sections"] = ""
        return ctx

    def url_to(target: str) -> str:
        return build.files.get_file_from_path(target).url_relative_to(page.file)

    ctx["kb_moved_sections"] = moved_sections.page_map_json(build.moves, page.file.src_uri, url_to)
    return ctx


def redirect_map(config, old: str, relative_url) -> str:
    """The map the redirect page at the old address `old` carries; `relative_url(url)`: a site
    URL relative to that redirect page."""
    build = _builds.get(id(config))
    if build is None:
        return ""
    return moved_sections.page_map_json(
        build.moves, old, lambda target: relative_url(build.files.get_file_from_path(target).url)
    )
