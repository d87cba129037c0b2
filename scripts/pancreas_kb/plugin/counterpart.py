"""Counterpart links: from a page to the same subject written for the other audience.

Rendered in the page itself, so they work without JavaScript; the audience
chooser's script only emphasises them for readers who chose the other audience.
Runs at page-context time, when every page's headings are known.
"""

from __future__ import annotations

import logging

from markupsafe import Markup

from pancreas_kb.domain import audiences, counterpart
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state

log = logging.getLogger("mkdocs.plugins.knowledge_base.counterpart")

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
    record = page.meta[META_KEY]
    target = record.counterpart
    if target is None:
        return ctx  # none, or a missing target, which the front-matter schema reports
    target_file = _files["all"].get_file_from_path(target.path)
    if target_file is None or target_file.page is None:
        return ctx
    other = target_file.page
    target_ids = _ids(other.toc)
    for finding in counterpart.missing_anchor(record.path, record.line("counterpart"), target, target_ids):
        log.error(finding.text())
    other_record = build_state.current.records.get(target_file.src_uri)
    target_audience = other_record.audience if other_record else audiences.FALLBACK
    url = target_file.url_relative_to(page.file)
    page.meta["counterpart_link"] = {
        "href": f"{url}#{target.anchor}" if target.anchor in target_ids else url,
        "text": target_audience.link_text,
        "title": (other_record.title if other_record else "") or other.title,
        "audience": target_audience.id,
    }
    shared = (_ids(page.toc) & target_ids) - counterpart.NOT_SECTIONS
    wording = build_state.current.strings["counterpart"]["section_link"].format(link=target_audience.link_text)
    page.content = Markup(counterpart.add_section_links(page.content, url, shared, target_audience.id, wording))
    return ctx
