"""schema.org JSON-LD in every page's head, with the works the page cites."""

from __future__ import annotations

import _repo  # noqa: F401
from markupsafe import Markup

from scripts.domain import citations
from scripts.domain import jsonld


def _cited_entries(page, config):
    plugin = config.plugins.get("bibtex")
    registry = getattr(plugin, "registry", None)
    entries = getattr(getattr(registry, "library", None), "entries", {})
    found, _ = citations.scan(page.file.src_uri, page.file.content_string)
    # Unknown keys are the citations hook's to report; the page still gets its data.
    keys = dict.fromkeys(c.key for c in found if c.key in entries)
    return [entries[k] for k in keys]


def on_page_context(context, page, config, nav):
    data = jsonld.medical_web_page(
        title=page.meta.get("title") or page.title or config.site_name,
        description=page.meta.get("description") or config.site_description or "",
        url=page.canonical_url or "",
        site_name=config.site_name,
        site_url=config.site_url or "",
        trust=page.meta.get("trust"),
        updated=(page.meta.get("history") or {}).get("updated"),
        cited=_cited_entries(page, config),
    )
    page.meta["structured_data"] = Markup(jsonld.script(data))
    return context
