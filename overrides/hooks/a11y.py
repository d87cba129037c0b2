"""Accessibility and print fixes applied to each page's HTML (see scripts/domain/a11y.py)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from scripts.domain import a11y

import _shared


@event_priority(-100)  # after every other hook has added its links
def on_page_content(html, page, config, files):
    return a11y.print_urls(a11y.label_tasks(a11y.label_permalinks(html)), page.canonical_url or "")


def _search_label() -> str:
    return _shared.current.strings["search"]["dialog"]


def on_post_page(output, page, config):
    return a11y.label_search_dialog(output, _search_label())


def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page, and has the search dialog too.
    if template_name != "404.html":
        return output_content
    return a11y.label_search_dialog(output_content, _search_label())
