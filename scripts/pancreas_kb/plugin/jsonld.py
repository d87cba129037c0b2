"""schema.org JSON-LD in every page's head, with the works the page cites."""

from __future__ import annotations

from markupsafe import Markup

from pancreas_kb.domain import jsonld
from pancreas_kb.domain.page_record import META_KEY


def on_page_context(context, page, config, nav):
    record = page.meta[META_KEY]
    data = jsonld.medical_web_page(
        title=record.title or page.title or config.site_name,
        description=record.description or config.site_description or "",
        url=page.canonical_url or "",
        site_name=config.site_name,
        site_url=config.site_url or "",
        trust=record.trust,
        updated=(page.meta.get("history") or {}).get("updated"),
        cited=list(record.cited),
        language=record.language.code,
    )
    page.meta["structured_data"] = Markup(jsonld.script(data))
    return context
