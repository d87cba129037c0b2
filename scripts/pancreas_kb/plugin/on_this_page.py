""" "On this page" under the key points, for phones (scripts/pancreas_kb/domain/on_this_page.py)."""

from __future__ import annotations

from pancreas_kb.domain import on_this_page
from pancreas_kb.plugin import build_state


def _sections(toc) -> list[tuple[str, str]]:
    # MkDocs nests the h2 headings under the page's h1 when it has one.
    items = [nested for item in toc for nested in (item.children if item.level == 1 else [item])]
    return [(item.id, item.title) for item in items if item.level == 2]


def on_page_content(html, page, config, files):
    if "toc" in (page.meta.get("hide") or []):
        return html
    label = build_state.current.strings["on_this_page"]["summary"]
    return on_this_page.insert(html, on_this_page.block(_sections(page.toc), label))
