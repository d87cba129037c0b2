"""The glossary: terms explained at their first use in each section, and the glossary page.

Both read `includes/glossary.yml` (GLOSSARY_FILE, beside mkdocs.yml); pages in another
language read that language's own (includes/glossary.es.yml). The marking is
a Python-Markdown tree processor registered here, so it sees each page after
citations and inline markup are in place and can skip headings, links and the
reference list.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError

from pancreas_kb.domain import audiences, glossary, languages, source_text
from pancreas_kb.domain.page_record import META_KEY

log = logging.getLogger("mkdocs.plugins.knowledge_base.glossary")

GLOSSARY_FILE = glossary.FILE

_terms: dict[str, list[glossary.Term]] = {}  # by language code
# The matcher for the page being rendered (set per page, before its Markdown runs).
_current: dict[str, glossary.Matcher | None] = {"matcher": None}
_by_audience: dict[tuple[str, str], glossary.Matcher] = {}  # by language code and audience


class _Marker(Treeprocessor):
    def run(self, root):
        matcher = _current["matcher"]
        if matcher is not None:
            glossary.mark(root, matcher, set())


class _GlossaryExtension(Extension):
    def extendMarkdown(self, md):
        # After footnotes (50) and inline markup (20), so citations and links exist.
        md.treeprocessors.register(_Marker(md), "kb-glossary", 7)


def on_config(config):
    config.markdown_extensions.append(_GlossaryExtension())
    return config


def on_pre_build(config):
    root = Path(config.config_file_path).parent
    _terms.clear()
    for lang in languages.LANGUAGES.values():
        name = lang.file(GLOSSARY_FILE)
        path = root / name
        if not path.is_file():
            raise PluginError(f"{name}: not found; the glossary's terms and definitions in {lang.name} live there")
        text, findings = source_text.decode(name, path.read_bytes())
        terms, problems = glossary.parse(name, text)
        findings += problems
        findings += glossary.duplicates(name, terms)
        for finding in findings:
            log.error(finding.text())
        _terms[lang.code] = terms
    _by_audience.clear()


def on_page_markdown(markdown, page, config, files):
    terms = _terms[languages.of(page.file.src_uri).code]
    if glossary.MARKER in markdown:
        _current["matcher"] = None  # the glossary page defines the terms; it does not mark them
        return glossary.fill(markdown, terms)
    record = page.meta.get(META_KEY)
    audience = record.trust.audience if record and record.trust else audiences.FALLBACK.id
    key = (languages.of(page.file.src_uri).code, audience)
    if key not in _by_audience:
        _by_audience[key] = glossary.Matcher(terms, audience)
    _current["matcher"] = _by_audience[key]
    return markdown
