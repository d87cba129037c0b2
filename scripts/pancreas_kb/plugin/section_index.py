"""Landing pages list their section's pages (scripts/pancreas_kb/domain/section_index.py).

Reads the section from the navigation and each page's title and description from
its front matter, when the landing page is rendered.
"""

from __future__ import annotations

import posixpath

from pancreas_kb.domain import section_index
from pancreas_kb.plugin import build_state


def _entry(landing, child) -> section_index.Entry:
    record = build_state.current.records.get(child.file.src_uri)
    meta = record.meta if record else {}
    href = posixpath.relpath(child.file.src_uri, posixpath.dirname(landing.file.src_uri))
    return section_index.Entry(href, str(meta.get("title") or child.title or ""), str(meta.get("description") or ""))


def on_page_markdown(markdown, page, config, files):
    if section_index.MARKER not in markdown or page.parent is None:
        return markdown
    entries = [_entry(page, child) for child in page.parent.children if child.is_page and child is not page]
    return section_index.fill(markdown, entries)
