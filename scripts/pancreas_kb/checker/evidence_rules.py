"""The evidence and approval rules: typed sources, valid quote files, quoted figures, bound approvals.

Kept apart from the front-matter and citation rules because they read two more
files of their own (evidence/KEY.yml and reviewers.yml) and answer a different
question: can a reviewer check this page against its sources, and is the
approval it shows still the approval of its text?
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pancreas_kb.domain import approval, bibliography, evidence, grades, page_record
from pancreas_kb.domain.findings import Finding


@dataclass
class Inputs:
    """What these rules read besides the page: loaded once per run."""

    evidence: evidence.Evidence
    reviewers: list[approval.Reviewer]
    types: dict[str, evidence.EvidenceType | None]
    problems: list[Finding] = field(default_factory=list)  # in the files themselves


def load(root: Path, library: bibliography.Library, today: dt.date, found: evidence.Evidence | None = None) -> Inputs:
    """`found`: the quotes when a build has read them already."""
    found = found or evidence.load(root, set(library.entries), today)
    reviewers, reviewer_problems = approval.load_reviewers(root)
    types = {key: evidence.evidence_type(entry.fields) for key, entry in library.entries.items()}
    return Inputs(found, reviewers, types, found.findings + reviewer_problems + evidence.entry_types(library))


def page(record: page_record.PageRecord, inputs: Inputs) -> list[Finding]:
    """One page's evidence and approval findings, from its record."""
    if record.front is None:
        return []  # the front-matter rules report it
    findings = approval.unknown_reviewers(record.front, inputs.reviewers)  # stale approvals are in the page record
    audience = str(record.front.meta.get("audience"))
    findings += evidence.figure_findings(record.path, record.claims, audience, inputs.evidence)
    for claim in record.claims:
        findings += grades.ungraded_sources(
            record.path, claim.sentence.line, claim.sentence.text, claim.keys, inputs.types, audience
        )
    return findings


def run(records: Iterable[page_record.PageRecord], inputs: Inputs) -> list[Finding]:
    findings = list(inputs.problems)
    for record in records:
        findings += page(record, inputs)
    return findings
