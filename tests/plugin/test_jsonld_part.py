"""Each page's structured data is built from its record, falling back to the page and the site."""

import datetime as dt
import json
from types import SimpleNamespace

from markupsafe import Markup

from pancreas_kb.domain import jsonld as structured
from pancreas_kb.domain.bibliography import Entry
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.domain.review import trust_for
from pancreas_kb.plugin import jsonld


def _page(record, **meta):
    return SimpleNamespace(meta={META_KEY: record, **meta}, title="Nav title", canonical_url="https://kb.example/es/p/")


def _record(title="", description="", trust=None, cited=()):
    return SimpleNamespace(
        title=title, description=description, trust=trust, cited=cited, language=SimpleNamespace(code="es")
    )


def _config(**values):
    return SimpleNamespace(
        **{"site_name": "KB", "site_description": "About the disease.", "site_url": "https://kb.example/", **values}
    )


def test_the_pages_record_gives_the_structured_data_in_its_head():
    trust = trust_for({"review_status": "submitted", "audience": "patient"}, dt.date(2026, 6, 1))
    cited = (Entry("k", "misc", 1, {"title": "K"}),)
    page = _page(_record("Tratamiento", "Opciones.", trust, cited), history={"updated": dt.date(2026, 5, 2)})
    context = {}
    assert jsonld.on_page_context(context, page, _config(), None) is context
    expected = structured.medical_web_page(
        title="Tratamiento",
        description="Opciones.",
        url="https://kb.example/es/p/",
        site_name="KB",
        site_url="https://kb.example/",
        trust=trust,
        updated=dt.date(2026, 5, 2),
        cited=list(cited),
        language="es",
    )
    assert isinstance(page.meta["structured_data"], Markup)
    assert page.meta["structured_data"] == structured.script(expected)
    assert json.loads(page.meta["structured_data"])["dateModified"] == "2026-05-02"


def test_a_page_without_a_title_or_description_takes_the_pages_then_the_sites():
    page = _page(_record(), history=None)
    jsonld.on_page_context({}, page, _config(), None)
    data = json.loads(page.meta["structured_data"])
    assert (data["name"], data["description"], data["url"]) == ("Nav title", "About the disease.", page.canonical_url)
    assert "dateModified" not in data and "audience" not in data and "citation" not in data
    page = _page(_record())
    page.title, page.canonical_url = None, None
    jsonld.on_page_context({}, page, _config(site_description=None, site_url=None), None)
    data = json.loads(page.meta["structured_data"])
    assert (data["name"], data["headline"], data["description"], data["url"]) == ("KB", "KB", "", "")
    assert data["isPartOf"] == {"@type": "WebSite", "name": "KB", "url": ""} and data["inLanguage"] == "es"
