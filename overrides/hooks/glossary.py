"""The glossary page, generated at build time from the abbreviations file.

The file is found where pymdownx.snippets finds it (its auto_append entry under
its base_path), so the tooltips and the glossary page always read the same
definitions.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.domain import glossary

log = logging.getLogger("mkdocs.hooks.glossary")

_terms: list[glossary.Term] = []


def _abbreviations_file(config) -> Path:
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    names = [n for n in snippets.get("auto_append", []) if "abbreviation" in Path(n).name]
    if len(names) != 1:
        raise PluginError("hooks/glossary.py: list the abbreviations file once under "
                          "pymdownx.snippets auto_append (e.g. includes/abbreviations.md)")
    bases = snippets.get("base_path", ["."])
    for base in [bases] if isinstance(bases, str) else bases:
        candidate = Path(base) / names[0]
        if candidate.is_file():
            return candidate
    raise PluginError(f"hooks/glossary.py: {names[0]} not found under the snippets base_path {bases}")


def on_pre_build(config):
    path = _abbreviations_file(config)
    shown = os.path.relpath(path, Path(config.config_file_path).parent)
    terms, findings = glossary.parse(shown, path.read_text(encoding="utf-8"))
    findings += glossary.duplicates(shown, terms)
    for finding in findings:
        log.error(finding.text())
    _terms[:] = terms


def on_page_markdown(markdown, page, config, files):
    if glossary.MARKER not in markdown:
        return markdown
    return glossary.fill(markdown, _terms)
