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
from pathlib import Path

import pagefind_bin
from mkdocs.exceptions import PluginError

from pancreas_kb.domain import glossary, languages, search_terms, search_vocabulary, source_text, theme

log = logging.getLogger("mkdocs.plugins.knowledge_base.search")

# Each language has its own (search-synonyms.es.yml), written beside the index as
# pagefind/synonyms.es.json; Pagefind keeps one index per <html lang>.
SYNONYMS_FILE = "includes/search-synonyms.yml"
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

_groups: dict[str, list[list[str]]] = {}
# Per language: what the site names on purpose, and its pages' words.
_named: dict[str, list[str]] = {}
_page_words: dict[str, list[str]] = {}


def on_pre_build(config):
    _groups.clear()
    _named.clear()
    _page_words.clear()
    for lang in languages.LANGUAGES.values():
        name = lang.file(SYNONYMS_FILE)
        path = Path(config.config_file_path).parent / name
        if not path.is_file():
            raise PluginError(f"{name}: not found; the search synonyms in {lang.name} live there")
        groups, findings = search_terms.parse(name, path.read_text(encoding="utf-8"))
        for finding in findings:
            log.error(finding.text())
        _groups[lang.code] = groups
        # The glossary part reports the glossary file's problems; here its terms are only read.
        glossary_name = lang.file(glossary.FILE)
        glossary_path = Path(config.config_file_path).parent / glossary_name
        terms: list[glossary.Term] = []
        if glossary_path.is_file():
            text, _ = source_text.decode(glossary_name, glossary_path.read_bytes())
            terms, _ = glossary.parse(glossary_name, text)
        _named[lang.code] = [t.term for t in terms] + [word for group in groups for word in group]
        _page_words[lang.code] = []


def on_page_content(html, page, config, files):
    code = languages.of(page.file.src_uri).code
    _page_words[code].extend(search_vocabulary.html_words(html.partition(_REFERENCES)[0]))
    _named[code].extend(item.title for item in _headings(page.toc))
    return html


def _headings(items):
    for item in items:
        yield item
        yield from _headings(item.children)


def command(site: Path, use_directory_urls: bool) -> list[str]:
    """The Pagefind run: its binary itself (`python -m pagefind` would start a second interpreter only to run it)."""
    args = [str(pagefind_bin.get_executable()), "--site", str(site), "--quiet"]
    args += ["--exclude-selectors", ", ".join(EXCLUDE)]
    if use_directory_urls:
        # Only the pages: the review packets and the 404 page are not searched, and reading
        # them was most of the indexing time.
        args += ["--glob", "**/index.html"]
    return args


def on_post_build(config):
    site = Path(config.site_dir)
    result = subprocess.run(command(site, config.use_directory_urls), capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError("search index (pagefind) failed:\n" + (result.stderr or result.stdout).strip())
    for code, groups in _groups.items():
        lang = languages.LANGUAGES[code]
        output = site / "pagefind" / lang.file(theme.SYNONYMS_OUTPUT)
        output.write_text(json.dumps(groups, ensure_ascii=False), encoding="utf-8")
        vocabulary = search_vocabulary.vocabulary(_named[code], _page_words[code])
        (site / "pagefind" / lang.file(theme.VOCABULARY_OUTPUT)).write_text(
            json.dumps(vocabulary, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
