"""Content-Security-Policy and referrer policy on every page (see scripts/pancreas_kb/domain/security.py)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from pancreas_kb.domain import security


@event_priority(-200)  # last, so the hashes cover every inline script the other hooks wrote
def on_post_page(output, page, config):
    return security.with_policies(output)


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page.
    return security.with_policies(output_content) if template_name.endswith(".html") else output_content
