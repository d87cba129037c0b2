"""Counterpart links: from a page to the same subject written for the other audience.

Rendered in the page itself, so they work without JavaScript; the audience
chooser's script only emphasises them for readers who chose the other audience.
Runs at page-context time, when every page's headings are known.
"""

from __future__ import annotations

import logging

import _context as context
from markupsafe import Markup

from scripts.domain import counterpart
from scripts.domain import frontmatter

log = logging.getLogger("mkdocs.hooks.audience")

_files = {}


def on_files(files, config):
    _files["all"] = files
    return files


def _ids(toc) -> set[str]:
    ids = set()
    for item in toc:
        ids.add(item.id)
        ids |= _ids(item.children)
    return ids


def on_page_context(ctx, page, config, nav):
    value = page.meta.get("counterpart")
    if not isinstance(value, str) or page.meta.get("trust") is None:
        return ctx  # a missing target is reported by the front-matter schema
    target = counterpart.split(value)
    target_file = _files["all"].get_file_from_path(target.path)
    if target_file is None or target_file.page is None:
        return ctx
    other = target_file.page
    target_ids = _ids(other.toc)
    path = context.source_path(config, page)
    line = frontmatter.read(path, page.file.content_string)[0].key_lines.get("counterpart", 1)
    for finding in counterpart.missing_anchor(path, line, target, target_ids):
        log.error(finding.text())
    other_trust = other.meta.get("trust")
    target_audience = other_trust.audience if other_trust else "all"
    url = target_file.url_relative_to(page.file)
    page.meta["counterpart_link"] = {
        "href": f"{url}#{target.anchor}" if target.anchor in target_ids else url,
        "text": counterpart.link_text(target_audience),
        "title": other.meta.get("title") or other.title,
        "audience": target_audience,
    }
    shared = (_ids(page.toc) & target_ids) - counterpart.NOT_SECTIONS
    page.content = Markup(counterpart.add_section_links(page.content, url, shared, target_audience))
    return ctx
