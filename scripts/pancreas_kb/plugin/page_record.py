"""Reads every source once and gives each page its record (`page.meta["kb"]`), before any other hook.

The bibliography is read and checked here, before the citation plugin's parser
sees it; each page is read from its bytes, so an undecodable byte, a byte order
mark or CRLF line ends is a finding with its line rather than a traceback. Every
finding is logged once, as an error that fails the strict build (or a warning).
The tables of review states and audiences and the theme's wording reach the
templates from here as the `kb` template global.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pancreas_kb.domain import approval, bibliography, citations, evidence, page_record, review, theme
from pancreas_kb.plugin import build_state, order

log = logging.getLogger("mkdocs.plugins.knowledge_base.page_record")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _shown(config, path: Path) -> str:
    """A path as an editor sees it in messages: relative to mkdocs.yml when it is inside the project."""
    try:
        return str(path.resolve().relative_to(_root(config)))
    except ValueError:
        return str(path)


def _log(findings) -> None:
    for finding in findings:
        (log.warning if finding.severity == "warning" else log.error)(finding.text())


def _bib_path(config) -> Path | None:
    """The bibliography's file; None for a site without citations (the benchmark builds one)."""
    plugin = config.plugins.get("bibtex")
    if plugin is not None:
        return _root(config) / plugin.config.bib_file
    if build_state.options.get("citations") == "hook":
        return _root(config) / citations.DEFAULT_BIB_FILE
    return None  # citations.py insists on a bibliography where citations are on


def _library(config) -> tuple[bibliography.Library | None, str]:
    """The bibliography, checked before the citation plugin's parser sees it, and the digest of its file;
    None and "" for a site without one."""
    bib_path = _bib_path(config)
    if bib_path is None:
        return None, ""
    shown = _shown(config, bib_path)
    try:
        data = bib_path.read_bytes()
        digest = build_state.digest(data)
        library = build_state.kept("library", (shown, digest), lambda: bibliography.from_bytes(data, shown))
    except OSError as exc:
        raise PluginError(f"{_shown(config, bib_path)}: cannot be read ({exc.strerror})") from exc
    errors = [f for f in library.findings if f.severity == "error"]
    if errors:
        raise PluginError(f"{library.path} cannot be used:\n" + "\n".join(f.text() for f in errors))
    return library, digest


@event_priority(100)  # before mkdocs-bibtex, whose parser stops the build with a traceback on a bad file
def on_config(config):
    library, library_digest = _library(config)
    try:
        strings = theme.load_strings(Path(config.theme.custom_dir) / theme.STRINGS_FILE)
    except theme.StringsError as exc:
        raise PluginError(str(exc)) from exc
    build_state.current = build_state.Build(library=library, library_digest=library_digest, strings=strings)
    # Material's navigation badges take their titles from extra.status.
    config.extra["status"] = theme.nav_badges()
    return config


def on_files(files, config):
    today = review.today()
    docs_dir = Path(config.docs_dir)
    library = build_state.current.library
    sources = approval.load_sources(_root(config), library)
    build_state.current.sources = sources
    # A record also depends on the day, the bibliography, which pages exist (a counterpart's link)
    # and what an approval covers besides the page (quote files, glossary terms, reviewers).
    context = (
        today,
        build_state.current.library_digest,
        frozenset(f.src_uri for f in files.documentation_pages()),
        sources.terms,
        sources.reviewers,
        build_state.folder_state(_root(config) / evidence.EVIDENCE_DIR),
    )
    records = {}
    for file in files.documentation_pages():
        path = _shown(config, Path(file.abs_src_path))
        try:
            data = Path(file.abs_src_path).read_bytes()
        except OSError as exc:
            raise PluginError(f"{path}: cannot be read ({exc.strerror})") from exc
        records[file.src_uri] = build_state.kept(
            f"record:{file.src_uri}",
            (path, build_state.digest(data), context),
            lambda: page_record.build(path, file.src_uri, data, today, docs_dir, library, sources),
        )
    build_state.current.records = records
    for record in records.values():
        _log(record.findings)
    return files


def on_page_read_source(page, config):
    # The text as read above: MkDocs' own reader would stop at an undecodable byte.
    record = build_state.current.records.get(page.file.src_uri)
    return record.text if record else None


@event_priority(order.PAGE_RECORD)
def on_page_markdown(markdown, page, config, files):
    record = build_state.current.records.get(page.file.src_uri)
    if record is None:  # a page a plugin added after on_files: read it now, the same way
        record = page_record.build(
            page.file.src_uri,
            page.file.src_uri,
            page.file.content_bytes,
            review.today(),
            Path(config.docs_dir),
            build_state.current.library,
            build_state.current.sources,
        )
        build_state.current.records[page.file.src_uri] = record
        _log(record.findings)
    page.meta[page_record.META_KEY] = record
    # A value Material cannot use (a list as title, markup) was reported; the page still
    # renders. Material prints the title and description unescaped, so text that is not
    # plain is given to it escaped: shown as typed, never read as markup.
    for key in record.fields_the_theme_cannot_read():
        value = page.meta.pop(key, None)
        if isinstance(value, str):
            page.meta[key] = html.escape(value)
    if record.trust and record.trust.shown.icon:
        # Material shows page.meta.status as a badge in the navigation.
        page.meta["status"] = record.trust.shown.id
    return markdown


def on_env(env, config, files):
    env.globals["kb"] = theme.template_globals(build_state.current.strings)
    if build_state.options.serving:
        env.bytecode_cache = build_state.templates
    return env


def on_serve(server, config, builder):
    # A saved bibliography rebuilds the preview, like a saved page.
    bib_path = _bib_path(config)
    if bib_path is not None and bib_path.is_file():
        server.watch(str(bib_path))
    return server
