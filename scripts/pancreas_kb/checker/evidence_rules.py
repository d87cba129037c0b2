"""The evidence and approval rules: typed sources, valid quote files, quoted figures, bound approvals.

Kept apart from the front-matter and citation rules because they read two more
files of their own (evidence/KEY.yml and reviewers.yml) and answer a different
question: can a reviewer check this page against its sources, and is the
approval it shows still the approval of its text?
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pancreas_kb.domain import approval, bibliography, evidence, grades
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.frontmatter import read

from . import project_files


@dataclass
class Inputs:
    """What these rules read besides the page: loaded once per run."""

    evidence: evidence.Evidence
    reviewers: list[approval.Reviewer]
    types: dict[str, evidence.EvidenceType | None]
    problems: list[Finding] = field(default_factory=list)  # in the files themselves


def load(
    project: project_files.Project,
    library: bibliography.Library,
    today: dt.date,
    found: evidence.Evidence | None = None,
) -> Inputs:
    """`found`: the quotes when a build has read them already."""
    found = found or evidence.load(project.root, set(library.entries), today)
    reviewers, reviewer_problems = approval.load_reviewers(project.root)
    types = {key: evidence.evidence_type(entry.fields) for key, entry in library.entries.items()}
    return Inputs(found, reviewers, types, found.findings + reviewer_problems + evidence.entry_types(library))


def page(path: str, text: str, inputs: Inputs) -> list[Finding]:
    """One page's evidence and approval findings."""
    parsed, _ = read(path, text)
    if parsed is None:
        return []  # the front-matter rules report it
    findings = approval.unknown_reviewers(parsed, inputs.reviewers)  # stale approvals are in the page record
    audience = str(parsed.meta.get("audience"))
    findings += evidence.figure_findings(path, parsed.body, parsed.body_line, audience, inputs.evidence)
    for claim in evidence.claims(parsed.body, parsed.body_line):
        findings += grades.ungraded_sources(
            path, claim.sentence.line, claim.sentence.text, claim.keys, inputs.types, audience
        )
    return findings


def run(project: project_files.Project, library: bibliography.Library, today: dt.date) -> list[Finding]:
    inputs = load(project, library, today)
    findings = list(inputs.problems)
    for path, text in project.pages.items():
        findings += page(path, text, inputs)
    return findings
