""" "Cite this page": citation text for the template and per-page BibTeX and RIS files.

The files are written beside the page (cite.bib, cite.ris), so the page links
them relatively and they move with it.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markupsafe import Markup

from pancreas_kb.domain import cite, review
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state

FILES = {"bib": ("cite.bib", cite.bibtex), "ris": ("cite.ris", cite.ris)}


def _cited(page, config) -> cite.CitedPage:
    record = page.meta[META_KEY]
    trust = record.trust
    updated = (page.meta.get("history") or {}).get("updated")
    return cite.CitedPage(
        title=record.title or page.title or config.site_name,
        site_name=config.site_name,
        url=page.canonical_url or page.abs_url or "",
        src_uri=page.file.src_uri,
        updated=updated,
        last_reviewed=trust.last_reviewed if trust else None,
        year=(updated or review.today()).year,
    )


def on_page_context(context, page, config, nav):
    cited = _cited(page, config)
    placeholder = build_state.current.strings["cite"]["access_placeholder"]
    page.meta["citation"] = {
        "ama": Markup(cite.as_html(cite.ama(cited), "ama", placeholder)),
        "vancouver": Markup(cite.as_html(cite.vancouver(cited), "vancouver", placeholder)),
        "downloads": [
            {"href": name, "download": cite.download_name(cited, ext), "format": ext}
            for ext, (name, _) in FILES.items()
        ],
        "files": {name: render(cited) for name, render in FILES.values()},
    }
    return context


def on_post_page(output, page, config):
    citation = page.meta.get("citation")
    if citation:
        folder = Path(config.site_dir) / posixpath.dirname(page.file.dest_uri)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in citation["files"].items():
            # Bytes, so the RIS file's CRLF line ends are written as they are on every system.
            (folder / name).write_bytes(text.encode())
    return output
