"""Each page's last-changed date from git and a link to its change history."""

from __future__ import annotations

from pathlib import Path

from pancreas_kb.domain import history

_dates: dict = {}


def on_pre_build(config):
    _dates.clear()
    _dates.update(history.last_changed(Path(config.docs_dir)))


def on_page_markdown(markdown, page, config, files):
    updated = _dates.get(page.file.src_uri)
    page.meta["history"] = {
        "updated": updated,
        "url": history.commits_url(config.extra["repository"], page.file.src_uri),
    }
    if updated is not None:
        # The sitemap's <lastmod> then says when the page changed, not when it was built.
        page.update_date = updated.isoformat()
    return markdown
