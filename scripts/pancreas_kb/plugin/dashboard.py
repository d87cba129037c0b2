"""Fill the review dashboard page with every page's review state at build time."""

from __future__ import annotations

from pancreas_kb.domain import dashboard, review
from pancreas_kb.plugin import build_state

PAGE = "about/review-dashboard.md"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    today = review.today()
    rows = dashboard.rows(build_state.current.records.values())
    join = files.get_file_from_path(dashboard.JOIN_PAGE) is not None
    packets = build_state.runs("review_packets")
    return markdown + "\n\n" + dashboard.markdown(rows, PAGE, today, join, packets=packets)
