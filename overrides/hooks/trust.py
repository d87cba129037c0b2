"""Validate each page's front matter and hand the trust block its data.

Runs before every other page hook so that no page renders without a checked
review status. Violations are logged as errors, which fail the strict build.
"""

from __future__ import annotations

import logging
from pathlib import Path

import _context as context
from mkdocs.plugins import event_priority

from scripts.domain import approval
from scripts.domain import frontmatter
from scripts.domain import review
from scripts.domain import schema

log = logging.getLogger("mkdocs.hooks.trust")


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    path = context.source_path(config, page)
    today = review.today()
    parsed, findings = frontmatter.read(path, page.file.content_string)
    if parsed is not None:
        findings = schema.validate(parsed, today, Path(config.docs_dir))
    for finding in findings:
        (log.warning if finding.severity == "warning" else log.error)(finding.text())
    if parsed is None or not schema.is_valid([f for f in findings if f.rule != "approved-review-overdue"]):
        return markdown
    # A stale approval fails the strict build, and a preview still never shows it as approved.
    for finding in approval.stale(parsed):
        log.error(finding.text())
    trust = review.trust_for(approval.shown_meta(schema.normalized(parsed.meta), parsed.body), today)
    page.meta["trust"] = trust
    # Material shows page.meta.status as a badge in the navigation.
    page.meta["status"] = "overdue" if trust.overdue else trust.status
    return markdown
