"""The languages part on a small site: each language's navigation, footer links, versions and strings."""

import datetime as dt
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import Link, Section, get_navigation

from pancreas_kb.domain import languages as table
from pancreas_kb.domain import page_record, theme, translation
from pancreas_kb.plugin import build_state, languages

TODAY = dt.date(2026, 6, 1)
OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
META = {"title": "T", "description": "D.", "audience": "patient", "review_status": "submitted"}
NAV = [
    {"Home": "index.md"},
    {"Patients": ["patients/a.md", "patients/b.md"]},
    {"Source code": "https://example.org/code"},
    {"Español": ["es/index.md", "es/patients/a.md", "es/patients/b.md", "es/patients/c.md"]},
]


def _text(meta: dict) -> str:
    front = yaml.safe_dump({**meta, "evidence_checked": dt.date(2026, 5, 1)}, sort_keys=False)
    return f"---\n{front}---\n\n# T\n\nText.\n"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """English pages; a Spanish home, a translation up to date, one out of date and a second translation of a page.
    Written and read into records once: each test gets its own navigation of them."""
    docs = tmp_path_factory.mktemp("site") / "docs"
    english = page_record.build("docs/patients/a.md", "patients/a.md", _text(META).encode(), TODAY, None, None)
    current = translation.source_digest(english.front)
    earlier = "sha256:" + "a" * 64
    pages = {
        "index.md": META,
        "patients/a.md": META,
        "patients/b.md": META,
        "es/index.md": META,
        "es/patients/a.md": {**META, "translation_of": "patients/a.md", "translated_from": current},
        "es/patients/b.md": {**META, "translation_of": "patients/b.md", "translated_from": earlier},
        "es/patients/c.md": {**META, "translation_of": "patients/a.md", "translated_from": current},
    }
    records = {}
    for src_uri, meta in pages.items():
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_text(_text(meta), "utf-8")
        records[src_uri] = page_record.build(f"docs/{src_uri}", src_uri, _text(meta).encode(), TODAY, None, None)
    return docs, records


@pytest.fixture(scope="module")
def strings():
    english = theme.load_strings(OVERRIDES / theme.STRINGS_FILE)
    return {"en": english, "es": theme.load_translated_strings(OVERRIDES / "strings.es.yml", english)}


@pytest.fixture
def site(docs, monkeypatch):
    docs, records = docs
    monkeypatch.setattr(build_state, "current", build_state.Build(records=dict(records)))
    config = MkDocsConfig(config_file_path=str(docs.parent / "mkdocs.yml"))
    config.load_dict({"site_name": "KB", "docs_dir": str(docs), "nav": NAV})
    assert config.validate() == ([], [])
    files = get_files(config)
    return SimpleNamespace(config=config, files=files, nav=get_navigation(files, config))


def test_each_language_has_its_own_navigation_and_home(site, caplog):
    with caplog.at_level(logging.ERROR):
        nav = languages.on_nav(site.nav, site.config, site.files)
    assert caplog.messages == [
        "docs/es/patients/c.md:6: translation-duplicate: translation_of: patients/a.md is already translated by "
        "docs/es/patients/a.md; keep one translation of each page per language"
    ]
    navs = build_state.current.languages["navs"]
    # English: its pages and the link; the Spanish section is gone from it.
    assert [item.title for item in nav.items] == ["Home", "Patients", "Source code"]
    assert isinstance(nav.items[2], Link)
    assert navs["en"].items == nav.items
    assert [p.file.src_uri for p in navs["en"].pages] == ["index.md", "patients/a.md", "patients/b.md"]
    assert navs["en"].homepage.file.src_uri == "index.md"
    # Spanish: its one section is its whole navigation, at the top level.
    assert [p.file.src_uri for p in navs["es"].items] == [
        f"es/{uri}" for uri in ("index.md", "patients/a.md", "patients/b.md", "patients/c.md")
    ]
    assert all(item.parent is None for item in navs["es"].items)
    assert navs["es"].pages == navs["es"].items
    assert navs["es"].homepage.file.src_uri == "es/index.md"


def test_a_language_without_a_home_page_has_none(site):
    site.files.remove(site.files.get_file_from_path("es/index.md"))
    languages.on_nav(site.nav, site.config, site.files)
    assert build_state.current.languages["navs"]["es"].homepage is None


def test_previous_and_next_never_lead_into_another_language(site):
    languages.on_nav(site.nav, site.config, site.files)
    links = {
        p.file.src_uri: (p.previous_page and p.previous_page.file.src_uri, p.next_page and p.next_page.file.src_uri)
        for p in site.nav.pages
    }
    assert links == {
        "index.md": (None, "patients/a.md"),
        "patients/a.md": ("index.md", "patients/b.md"),
        "patients/b.md": ("patients/a.md", None),
        "es/index.md": (None, "es/patients/a.md"),
        "es/patients/a.md": ("es/index.md", "es/patients/b.md"),
        "es/patients/b.md": ("es/patients/a.md", "es/patients/c.md"),
        "es/patients/c.md": ("es/patients/b.md", None),
    }


def test_a_page_and_its_translation_know_each_other_and_an_outdated_one_its_source(site):
    languages.on_nav(site.nav, site.config, site.files)
    state = build_state.current.languages
    a = {"en": "patients/a.md", "es": "es/patients/a.md"}  # not es/patients/c.md: a second translation is refused
    b = {"en": "patients/b.md", "es": "es/patients/b.md"}
    assert state["versions"] == {"patients/a.md": a, "es/patients/a.md": a, "patients/b.md": b, "es/patients/b.md": b}
    assert state["outdated"] == {"es/patients/b.md": "patients/b.md"}
    assert state["urls"] == {
        "index.md": "./",
        "patients/a.md": "patients/a/",
        "patients/b.md": "patients/b/",
        "es/index.md": "es/",
        "es/patients/a.md": "es/patients/a/",
        "es/patients/b.md": "es/patients/b/",
        "es/patients/c.md": "es/patients/c/",
    }


def test_a_section_of_links_only_belongs_to_the_sites_own_language(site):
    section = Section("Elsewhere", [Link("Code", "https://example.org/code")])
    site.nav.items.append(section)
    nav = languages.on_nav(site.nav, site.config, site.files)
    assert nav.items[-1] is section


@pytest.fixture
def page_context(site, strings):
    build_state.current.strings, build_state.current.strings_by_language = strings["en"], strings
    languages.on_nav(site.nav, site.config, site.files)
    env = SimpleNamespace(globals={})
    assert languages.on_env(env, site.config, site.files) is env

    def context_of(src_uri: str):
        page = site.files.get_file_from_path(src_uri).page
        page.meta = {}
        context = {"nav": site.nav}
        assert languages.on_page_context(context, page, site.config, site.nav) is context
        return page, context

    return SimpleNamespace(env=env, context_of=context_of)


def test_each_language_reads_its_own_strings(strings, monkeypatch):
    monkeypatch.setattr(build_state, "current", build_state.Build(strings=strings["en"]))
    languages.on_config(SimpleNamespace(theme=SimpleNamespace(custom_dir=str(OVERRIDES))))
    assert list(build_state.current.strings_by_language) == ["en", "es"]
    assert build_state.current.strings_by_language["en"] is strings["en"]
    assert build_state.current.strings_by_language["es"] == strings["es"]


def test_a_translation_is_shown_with_its_languages_strings_navigation_and_versions(page_context):
    page, context = page_context.context_of("es/patients/a.md")
    state = build_state.current.languages
    assert context["kb"] is state["globals"]["es"]
    assert context["kb"]["language"] is table.LANGUAGES["es"]
    assert context["nav"] is state["navs"]["es"]
    assert page.meta[languages.VERSIONS_KEY] == [
        {"language": table.LANGUAGES["en"], "url": "patients/a/", "current": False},
        {"language": table.LANGUAGES["es"], "url": "es/patients/a/", "current": True},
    ]
    assert page.meta[languages.OUTDATED_KEY] is None
    sitemap = page_context.env.globals[languages.SITEMAP_VERSIONS]
    assert list(sitemap) == ["patients/a.md", "es/patients/a.md", "patients/b.md", "es/patients/b.md"]
    assert sitemap["patients/a.md"] == [
        {"language": table.LANGUAGES["en"], "url": "patients/a/", "current": True},
        {"language": table.LANGUAGES["es"], "url": "es/patients/a/", "current": False},
    ]
    assert sitemap["es/patients/a.md"] == page.meta[languages.VERSIONS_KEY]
    assert {code: kb["language"].code for code, kb in state["globals"].items()} == {"en": "en", "es": "es"}
    assert state["globals"]["es"]["strings"] is build_state.current.strings_by_language["es"]


def test_an_english_page_keeps_the_themes_context_and_a_page_without_translation_has_no_versions(page_context):
    page, context = page_context.context_of("index.md")
    assert "kb" not in context
    assert [item.title for item in context["nav"].items] == ["Home", "Patients", "Source code"]
    assert page.meta == {languages.VERSIONS_KEY: [], languages.OUTDATED_KEY: None}


def test_an_outdated_translation_links_the_english_page_it_follows(page_context):
    page, _ = page_context.context_of("es/patients/b.md")
    assert page.meta[languages.OUTDATED_KEY] == "patients/b/"


def test_a_broken_translated_strings_file_stops_the_build_naming_it(tmp_path, monkeypatch):
    (tmp_path / "strings.es.yml").write_text("- not a mapping\n", "utf-8")
    monkeypatch.setattr(build_state, "current", build_state.Build(strings={"a": "b"}))
    with pytest.raises(PluginError) as raised:
        languages.on_config(SimpleNamespace(theme=SimpleNamespace(custom_dir=str(tmp_path))))
    assert str(raised.value) == f"{tmp_path / 'strings.es.yml'}: must be a mapping of names to text"
