"""One site in several languages: each page in its own language, linked to its translations.

A translation is an ordinary page under its language's folder (docs/es/...), so it
is built once with the rest of the site: no second build per language, and no
English page copied under /es/. For each page this part gives the templates:
the theme's and our strings in the page's language (`kb`, from strings.es.yml;
Material's own through partials/language.html), the navigation of that language
only, the page's versions in other languages (hreflang links in the head and the
language switcher) and, on a translation whose English page has changed since it
was translated, the notice that says so (domain/translation.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from pancreas_kb.domain import languages, theme, translation
from pancreas_kb.plugin import build_state

log = logging.getLogger("mkdocs.plugins.knowledge_base.languages")

# The keys of page.meta the templates read.
VERSIONS_KEY = "kb_versions"
SITEMAP_VERSIONS = "kb_language_versions"
OUTDATED_KEY = "kb_outdated_source"


def on_config(config):
    english = build_state.current.strings
    strings = {languages.DEFAULT.code: english}
    for lang in languages.translations():
        path = Path(config.theme.custom_dir) / lang.file(theme.STRINGS_FILE)
        try:
            strings[lang.code] = theme.load_translated_strings(path, english)
        except theme.StringsError as exc:
            raise PluginError(str(exc)) from exc
    build_state.current.strings_by_language = strings
    return config


def _first_page(item) -> Page | None:
    if isinstance(item, Page):
        return item
    if isinstance(item, Section):
        return next((p for p in map(_first_page, item.children) if p is not None), None)
    return None


def _language(item) -> languages.Language:
    page = _first_page(item)
    return languages.of(page.file.src_uri) if page else languages.DEFAULT


def _relink(pages: list[Page]) -> None:
    """Previous and next within one language: the footer never leads into another."""
    for i, page in enumerate(pages):
        page.previous_page = pages[i - 1] if i else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None


def on_nav(nav, config, files):
    records = build_state.current.records
    links, findings = translation.links(records)
    for finding in findings:
        log.error(finding.text())
    versions: dict[str, dict[str, str]] = {}
    for link in links:
        group = versions.setdefault(link.source, {languages.DEFAULT.code: link.source})
        group[link.language.code] = link.translation
    state = build_state.current.languages
    state["versions"] = {uri: group for group in versions.values() for uri in group.values()}
    state["outdated"] = {link.translation: link.source for link in links if link.outdated}
    state["urls"] = {f.src_uri: f.url for f in files.documentation_pages()}

    navs = {}
    for lang in languages.LANGUAGES.values():
        items = [item for item in nav.items if _language(item) is lang]
        if lang.folder and len(items) == 1 and isinstance(items[0], Section):
            items = items[0].children  # the language's own section is its whole navigation
            for item in items:
                item.parent = None
        pages = [p for p in nav.pages if languages.of(p.file.src_uri) is lang]
        _relink(pages)
        navs[lang.code] = Navigation(items, pages)
        home = files.get_file_from_path(lang.page("index.md"))
        navs[lang.code].homepage = home.page if home else None
    nav.items = navs[languages.DEFAULT.code].items
    state["navs"] = navs
    return nav


def _versions(src_uri: str) -> list[dict]:
    """The page's versions, one per language (none for a page without a translation)."""
    state = build_state.current.languages
    urls = state["urls"]
    return [
        {"language": languages.LANGUAGES[code], "url": urls[uri], "current": uri == src_uri}
        for code, uri in state["versions"].get(src_uri, {}).items()
    ]


def on_env(env, config, files):
    # For the sitemap, which the theme builds before any page: each page's versions.
    env.globals[SITEMAP_VERSIONS] = {uri: _versions(uri) for uri in build_state.current.languages["versions"]}
    build_state.current.languages["globals"] = {
        code: theme.template_globals(strings, languages.LANGUAGES[code])
        for code, strings in build_state.current.strings_by_language.items()
    }
    return env


def on_page_context(context, page, config, nav):
    lang = languages.of(page.file.src_uri)
    state = build_state.current.languages
    if lang.folder:
        context["kb"] = state["globals"][lang.code]
        context["nav"] = state["navs"][lang.code]  # on_nav made one for every language
    urls = state["urls"]
    page.meta[VERSIONS_KEY] = _versions(page.file.src_uri)
    source = state["outdated"].get(page.file.src_uri)
    page.meta[OUTDATED_KEY] = urls[source] if source else None
    return context
