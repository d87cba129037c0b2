"""Site search: builds the Pagefind index after the site, and the synonyms it reads.

The index is written to site/pagefind/ and split in chunks that assets/js/search.js
fetches only when a reader searches, so a page's first load carries none of it.
Only the page body (data-pagefind-body in main.html) is indexed; the reference
list, citation numbers and permalinks are left out so that a word in a cited
title does not bring up a page.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from pancreas_kb.domain import languages, search_terms, theme

log = logging.getLogger("mkdocs.plugins.knowledge_base.search")

# Each language has its own (search-synonyms.es.yml), written beside the index as
# pagefind/synonyms.es.json; Pagefind keeps one index per <html lang>.
SYNONYMS_FILE = "includes/search-synonyms.yml"
EXCLUDE = (".footnote", ".footnote-ref", ".headerlink", ".md-content__button", ".kb-counterpart-section")

_groups: dict[str, list[list[str]]] = {}


def on_pre_build(config):
    _groups.clear()
    for lang in languages.LANGUAGES.values():
        name = lang.file(SYNONYMS_FILE)
        path = Path(config.config_file_path).parent / name
        if not path.is_file():
            raise PluginError(f"{name}: not found; the search synonyms in {lang.name} live there")
        groups, findings = search_terms.parse(name, path.read_text(encoding="utf-8"))
        for finding in findings:
            log.error(finding.text())
        _groups[lang.code] = groups


def on_post_build(config):
    site = Path(config.site_dir)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet", "--exclude-selectors", ", ".join(EXCLUDE)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise PluginError("search index (pagefind) failed:\n" + (result.stderr or result.stdout).strip())
    for code, groups in _groups.items():
        output = site / "pagefind" / languages.LANGUAGES[code].file(theme.SYNONYMS_OUTPUT)
        output.write_text(json.dumps(groups, ensure_ascii=False), encoding="utf-8")
