"""Every page has its own <title> and meta description; a repeat fails the build."""

from __future__ import annotations

import logging

from pancreas_kb.domain import seo
from pancreas_kb.plugin import build_state

log = logging.getLogger("mkdocs.plugins.knowledge_base.seo")


def on_env(env, config, files):
    pages = sorted(
        (
            seo.PageFacts(r.path, r.title, r.line("title"), r.description, r.line("description"))
            for r in build_state.current.records.values()
        ),
        key=lambda p: p.path,
    )
    for finding in seo.unique_titles(pages) + seo.unique_descriptions(pages):
        log.error(finding.text())
    return env
