"""Citations: our formatting, with mkdocs-bibtex or without it.

By default (the plugin's `citations: mkdocs-bibtex`) the plugin finds `[@key]` and
writes the footnotes; this hook swaps in a registry that formats entries once
(Vancouver style, DOI and PubMed links) from the bibliography page_record.py
read, and puts a "References" heading where the footnotes go. With
`citations: hook` this hook writes the same footnotes itself
(`citations.footnoted`), so the archived plugin can be removed. Unknown keys
and mangle-prone syntax are in each page's record, reported with file and line.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pancreas_kb.domain import bibliography, citations
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state, order

REFERENCES_HEADING = "## References {#references}"
# Python-Markdown's footnotes extension puts the footnote list at this marker.
FOOTNOTES_MARKER = "///Footnotes Go Here///"


class Registry:
    """The interface mkdocs-bibtex 4.4 expects of its registry, backed by our formatter."""

    def __init__(self, library: bibliography.Library, footnote_format: str, bib_data):
        self.library = library
        self.footnote_format = footnote_format
        self.bib_data = bib_data  # the plugin reads it for its full-bibliography command

    def validate_citation_blocks(self, citation_blocks):
        """Unknown keys are in each page's record, reported with file and line."""

    def validate_inline_references(self, inline_references):
        return set()

    def inline_text(self, citation_block) -> str:
        known = [c.key for c in citation_block.citations if c.key in self.library.entries]
        if len(known) != len(citation_block.citations):
            return str(citation_block)  # leave it visible (and reported) rather than drop it
        return "".join(f"[^{self.footnote_format.format(key=k)}]" for k in known)

    def reference_text(self, citation) -> str:
        if citation.key not in self.library.entries:
            return f"Unknown reference '{citation.key}' (reported as a build error)."
        return self.library.reference(citation.key)


def _engine() -> str:
    # The plugin's configuration schema has already refused any other value.
    return build_state.options.get("citations", citations.DEFAULT_ENGINE)


def _plugin(config):
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        raise PluginError(
            "knowledge-base plugin: citations: mkdocs-bibtex needs the mkdocs-bibtex plugin; "
            "add 'bibtex' under plugins, or set citations: hook"
        )
    if plugin.config.enable_inline_citations:
        raise PluginError(
            "bibtex: set enable_inline_citations: false; otherwise every @word "
            "(e-mail addresses, handles) is taken as a citation"
        )
    return plugin


def on_config(config):
    if _engine() == "mkdocs-bibtex":
        _plugin(config)
    return config


def on_pre_build(config):
    if _engine() == "mkdocs-bibtex":
        # Runs after every on_config, so the plugin's own registry exists to be replaced.
        plugin = _plugin(config)
        plugin.registry = Registry(build_state.current.library, plugin.config.footnote_format, plugin.registry.bib_data)


def _reference_text(key: str) -> str | None:
    library = build_state.current.library
    return library.reference(key) if key in library.entries else None


@event_priority(order.CITATIONS)
def on_page_markdown(markdown, page, config, files):
    record = page.meta[META_KEY]
    # Text a part generated (the What's new entries) is not in the source file but may cite too.
    if _engine() == "none" or (
        not record.citations and (record.is_own_text(markdown) or not citations.scan(page.file.src_uri, markdown)[0])
    ):
        return markdown
    if _engine() == "hook":
        return citations.footnoted(markdown, _reference_text, REFERENCES_HEADING, FOOTNOTES_MARKER)
    return f"{markdown}\n\n{REFERENCES_HEADING}\n\n{FOOTNOTES_MARKER}\n"
