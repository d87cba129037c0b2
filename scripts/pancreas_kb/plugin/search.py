"""Site search: builds the Pagefind index after the site, the synonyms it reads, and
the vocabulary it suggests corrections from.

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

from pancreas_kb.domain import glossary, search_terms, search_vocabulary, source_text

log = logging.getLogger("mkdocs.plugins.knowledge_base.search")

SYNONYMS_FILE = "includes/search-synonyms.yml"
# Written beside the index, fetched with it.
SYNONYMS_OUTPUT = "pagefind/synonyms.json"
GLOSSARY_FILE = "includes/glossary.yml"
# Fetched only when a query finds nothing, or only weak matches.
VOCABULARY_OUTPUT = "pagefind/vocabulary.json"
# The reference list is left out: its authors' names and journal titles are not
# words a reader should be offered.
_REFERENCES = '<div class="footnote">'
EXCLUDE = (
    ".footnote",
    ".footnote-ref",
    ".headerlink",
    ".md-content__button",
    ".kb-counterpart-section",
    ".kb-on-this-page",
)

_groups: list[list[str]] = []
_named: list[str] = []
_page_words: list[str] = []


def on_pre_build(config):
    path = Path(config.config_file_path).parent / SYNONYMS_FILE
    if not path.is_file():
        raise PluginError(f"{SYNONYMS_FILE}: not found; search synonyms live there")
    groups, findings = search_terms.parse(SYNONYMS_FILE, path.read_text(encoding="utf-8"))
    for finding in findings:
        log.error(finding.text())
    _groups[:] = groups
    # The glossary part reports the glossary file's problems; here its terms are only read.
    glossary_path = Path(config.config_file_path).parent / GLOSSARY_FILE
    terms: list[glossary.Term] = []
    if glossary_path.is_file():
        text, _ = source_text.decode(GLOSSARY_FILE, glossary_path.read_bytes())
        terms, _ = glossary.parse(GLOSSARY_FILE, text)
    _named[:] = [t.term for t in terms] + [word for group in groups for word in group]
    _page_words.clear()


def on_page_content(html, page, config, files):
    _page_words.extend(search_vocabulary.html_words(html.split(_REFERENCES, 1)[0]))
    _named.extend(item.title for item in _headings(page.toc))
    return html


def _headings(items):
    for item in items:
        yield item
        yield from _headings(item.children)


def on_post_build(config):
    site = Path(config.site_dir)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet", "--exclude-selectors", ", ".join(EXCLUDE)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise PluginError("search index (pagefind) failed:\n" + (result.stderr or result.stdout).strip())
    (site / SYNONYMS_OUTPUT).write_text(json.dumps(_groups, ensure_ascii=False), encoding="utf-8")
    vocabulary = search_vocabulary.vocabulary(_named, _page_words)
    (site / VOCABULARY_OUTPUT).write_text(
        json.dumps(vocabulary, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
