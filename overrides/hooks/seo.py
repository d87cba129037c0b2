"""Every page has its own <title> and meta description; a repeat fails the build."""

from __future__ import annotations

import logging

from scripts.domain import seo

import _shared

log = logging.getLogger("mkdocs.hooks.seo")


def on_env(env, config, files):
    pages = sorted(
        (
            seo.PageFacts(r.path, r.title, r.line("title"), r.description, r.line("description"))
            for r in _shared.current.records.values()
        ),
        key=lambda p: p.path,
    )
    for finding in seo.unique_titles(pages) + seo.unique_descriptions(pages):
        log.error(finding.text())
    return env
