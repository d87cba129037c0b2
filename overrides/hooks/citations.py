"""Citations: our formatting and checks wrapped around mkdocs-bibtex.

The plugin still finds `[@key]` and writes the footnotes; this hook swaps in a
registry that formats entries once (Vancouver style, DOI and PubMed links),
reports unknown keys and mangle-prone syntax with file and line instead of
dropping them, and puts a "References" heading where the footnotes go.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import _context as context
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.domain import bibliography
from scripts.domain import citations

log = logging.getLogger("mkdocs.hooks.citations")

REFERENCES_HEADING = "## References {#references}"
# Python-Markdown's footnotes extension puts the footnote list at this marker.
FOOTNOTES_MARKER = "///Footnotes Go Here///"

# The library read in on_config, handed to on_pre_build for the registry swap.
_libraries: dict[int, bibliography.Library] = {}


class Registry:
    """The interface mkdocs-bibtex 4.4 expects of its registry, backed by our formatter."""

    def __init__(self, library: bibliography.Library, footnote_format: str, bib_data):
        self.library = library
        self.footnote_format = footnote_format
        self.bib_data = bib_data  # the plugin reads it for its full-bibliography command
        self._text: dict[str, str] = {}

    def validate_citation_blocks(self, citation_blocks):
        """Unknown keys were already reported with file and line by on_page_markdown."""

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
        text = self._text.get(citation.key)
        if text is None:
            text = self._text[citation.key] = bibliography.vancouver(self.library.entries[citation.key])
        return text


def _plugin(config):
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        raise PluginError("hooks/citations.py needs the mkdocs-bibtex plugin: add 'bibtex' under plugins")
    if plugin.config.enable_inline_citations:
        raise PluginError("bibtex: set enable_inline_citations: false; otherwise every @word "
                          "(e-mail addresses, handles) is taken as a citation")
    return plugin


@event_priority(100)  # before mkdocs-bibtex, whose pybtex parser crashes on a duplicate key
def on_config(config):
    plugin = _plugin(config)
    root = Path(config.config_file_path).parent
    bib_path = root / plugin.config.bib_file
    library = bibliography.load(str(bib_path))
    library.path = os.path.relpath(bib_path, root)
    errors = [f for f in library.findings if f.severity == "error"]
    if errors:
        raise PluginError("references.bib cannot be used:\n" + "\n".join(f.text() for f in errors))
    _libraries[id(config)] = library
    return config


def on_pre_build(config):
    # Runs after every on_config, so the plugin's own registry exists to be replaced.
    plugin = _plugin(config)
    library = _libraries.pop(id(config))
    plugin.registry = Registry(library, plugin.config.footnote_format, plugin.registry.bib_data)


@event_priority(50)  # before mkdocs-bibtex rewrites the citations
def on_page_markdown(markdown, page, config, files):
    plugin = _plugin(config)
    path = context.source_path(config, page)
    found, findings = citations.scan(path, page.file.content_string)
    findings += citations.unknown_keys(path, found, set(plugin.registry.library.entries))
    for finding in findings:
        log.error(finding.text())
    # Text a hook generated (the What's new entries) is not in the source file but may cite too.
    if not found and not citations.scan(path, markdown)[0]:
        return markdown
    return f"{markdown}\n\n{REFERENCES_HEADING}\n\n{FOOTNOTES_MARKER}\n"
