"""Fill the review dashboard page with every page's review state at build time."""

from __future__ import annotations

import _repo  # noqa: F401

from scripts.domain import dashboard
from scripts.domain import review

PAGE = "about/review-dashboard.md"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    sources = {f.src_uri: f.content_string for f in files.documentation_pages()}
    today = review.today()
    return markdown + "\n\n" + dashboard.markdown(dashboard.rows(sources, today), PAGE, today)
