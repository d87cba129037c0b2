"""The site's MkDocs face: one plugin, `knowledge-base`, with a validated configuration.

Each module in this package handles one concern (page records, citations,
evidence, glossary, security policy, ...) with MkDocs event functions of the
usual names. The plugin registers them in the order of `PARTS`, each at its own
priority, exactly as the same modules would run as hooks; that order is stated
here once, and where the order of on_page_markdown matters, the priorities are
named in `order.py`. Modules named in `OPTIONAL` are the costly parts a writer does not need on every
save: under `mkdocs serve` they are skipped unless `serve_full` is set
(`make serve FULL=1`). `mkdocs build`, CI and the published build run them all.
"""

from __future__ import annotations

import functools

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, CombinedEvent

from pancreas_kb.domain.citations import DEFAULT_ENGINE, ENGINES
from pancreas_kb.plugin import (
    a11y,
    build_state,
    citations,
    cite,
    common_questions,
    counterpart,
    dashboard,
    evidence,
    glossary,
    history,
    jsonld,
    languages,
    minify,
    moved_sections,
    on_this_page,
    page_record,
    pictures,
    report,
    review_packets,
    search,
    section_index,
    security,
    seo,
    unpublished,
    whats_new,
)

# Registration order, for handlers of equal priority. page_record first (every
# other part reads the record; languages right after it, as it reads the
# strings page_record loaded); evidence after citations (it reads the library
# citations loaded); history before cite and jsonld (they read its dates);
# search after the site is written; security last (it checks the finished page).
PARTS = (
    page_record,
    languages,
    unpublished,
    citations,
    evidence,
    history,
    glossary,
    section_index,
    common_questions,
    counterpart,
    moved_sections,
    on_this_page,
    pictures,
    cite,
    jsonld,
    seo,
    a11y,
    report,
    dashboard,
    review_packets,
    whats_new,
    minify,
    search,
    security,
)
# The parts a site may leave out, each with its option; under `mkdocs serve` they
# run only with serve_full.
OPTIONAL = {review_packets: "review_packets", search: "search_index", minify: "minify"}


class WhatsNewOptions(Config):
    # Relative to mkdocs.yml, docs/ and the site respectively; a site without
    # the data file has no What's new.
    entries = c.Optional(c.Type(str))
    page = c.Type(str, default="about/whats-new.md")
    feed = c.Type(str, default="feed.xml")
    follow = c.Type(str, default="about/follow-updates.md")


class KnowledgeBaseConfig(Config):
    # What turns [@key] into numbered references: the mkdocs-bibtex plugin
    # (archived), "hook" (our own code writing the same footnotes), or "none"
    # (the [@key] text stays as written; the benchmark's baseline).
    citations = c.Choice(ENGINES, default=DEFAULT_ENGINE)
    whats_new = c.SubConfig(WhatsNewOptions)
    # Sections moved to another page: "old.md#id": "new.md#id", relative to docs/
    # (scripts/pancreas_kb/domain/moved_sections.py).
    moved_sections = c.DictOfItems(c.Type(str), default={})
    # Which optional parts run: each page's review packet, the Pagefind search
    # index, our style sheets and scripts minified.
    review_packets = c.Type(bool, default=True)
    search_index = c.Type(bool, default=True)
    minify = c.Type(bool, default=True)
    # Under `mkdocs serve`, also run the optional parts on every save (a
    # published build always runs them).
    serve_full = c.Type(bool, default=False)


def _handler(part, event: str):
    function = getattr(part, f"on_{event}")
    option = OPTIONAL.get(part)
    if option is None:
        return staticmethod(function)

    @functools.wraps(function)  # keeps its name and its priority (mkdocs_priority)
    def optional(*args, **kwargs):
        if build_state.runs(option):
            return function(*args, **kwargs)
        return args[0] if args else None

    return staticmethod(optional)


def _combined(event: str) -> CombinedEvent:
    # staticmethod: CombinedEvent binds each handler to the plugin, and these
    # are module functions that take no `self`.
    return CombinedEvent(*(_handler(part, event) for part in PARTS if hasattr(part, f"on_{event}")))


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    # Defining on_startup keeps one plugin instance across `mkdocs serve` rebuilds.
    def on_startup(self, *, command, dirty):
        build_state.options.serving = command == "serve"

    def _on_config_options(self, config):
        build_state.options.config = self.config
        return config

    _on_config_options.mkdocs_priority = 1000  # before every part reads the options

    on_config = CombinedEvent(_on_config_options, *_combined("config").methods)
    on_pre_build = _combined("pre_build")
    on_files = _combined("files")
    on_page_read_source = _combined("page_read_source")
    on_page_markdown = _combined("page_markdown")
    on_page_content = _combined("page_content")
    on_nav = _combined("nav")
    on_page_context = _combined("page_context")
    on_post_page = _combined("post_page")
    on_post_template = _combined("post_template")
    on_env = _combined("env")
    on_post_build = _combined("post_build")
    on_serve = _combined("serve")
