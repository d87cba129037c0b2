"""Every page has its own <title> and meta description; a repeat fails the build."""

from __future__ import annotations

import logging

import _context as context

from scripts.domain import frontmatter
from scripts.domain import seo

log = logging.getLogger("mkdocs.hooks.seo")


def _facts(page, config) -> seo.PageFacts:
    path = context.source_path(config, page)
    parsed, _ = frontmatter.read(path, page.file.content_string)
    lines = parsed.key_lines if parsed else {}
    return seo.PageFacts(path, str(page.meta.get("title") or page.title or ""), lines.get("title", 1),
                         str(page.meta.get("description") or ""), lines.get("description", 1))


def on_env(env, config, files):
    # Every page's front matter has been read by now; none has been written yet.
    pages = sorted((_facts(f.page, config) for f in files.documentation_pages() if f.page),
                   key=lambda p: p.path)
    for finding in seo.unique_titles(pages) + seo.unique_descriptions(pages):
        log.error(finding.text())
    return env
