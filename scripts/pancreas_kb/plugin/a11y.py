"""Accessibility and print fixes applied to each page's HTML (see scripts/pancreas_kb/domain/a11y.py)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from pancreas_kb.domain import a11y
from pancreas_kb.plugin import build_state


@event_priority(-100)  # after every other hook has added its links
def on_page_content(html, page, config, files):
    content = a11y.one_backlink(a11y.label_tasks(a11y.label_permalinks(html)))
    content = a11y.print_evidence_choice(content, build_state.current.strings["print"]["with_evidence"])
    return a11y.print_urls(content, page.canonical_url or "")
