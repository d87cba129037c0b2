"""The audiences a page is written for: the one table of their ids and wording.

The front-matter schema, the trust block, the audience chooser, the counterpart
links, the JSON-LD and the new-page tool all read this table; templates and
scripts get it through the `kb` template global (see scripts/pancreas_kb/plugin/page_record.py).
Adding an audience is one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import ERROR, WARNING


@dataclass(frozen=True)
class Audience:
    id: str  # the front-matter value
    label: str  # "Written for" in the trust block, the dashboard
    reader: str  # the reader describing themselves in the audience chooser; "" if not offered there
    written_for: str  # "This page is written for ..." on a counterpart link
    link_text: str  # a link to a page written for this audience
    section: str  # the docs/ folder new pages for this audience go into
    schema_org: tuple[dict, ...] = field(default=())  # JSON-LD audience
    plain_language: bool = False  # held to the reading-grade limit; new pages start from the plain template
    cited_figures: bool = False  # every figure (%, months, hazard ratio, dose) needs a citation in its paragraph
    # Months after evidence_checked before a warning and before an error; None: no clinical content to keep current.
    # Clinicians act on the newest trials; patient pages follow them.
    evidence_age_months: tuple[int, int] | None = None
    clinical: bool = False  # gives medical information: carries the caution while not approved
    expert: bool = False  # the glossary explains only the terms flagged as unfamiliar to this reader
    # How a cited figure missing from its source's quotes, or a grade without a guideline, is
    # reported (figure-not-quoted, grade-without-guideline); None: not checked on such pages.
    source_severity: str | None = None
    # Severity of a key point without a link to a section of its page; None: not checked.
    key_point_links: str | None = None
    invite_reviewers: bool = False  # its readers may review for the site: the review record links "Review for us"
    # Days a translation may lag a change of its English page before the checker fails it
    # (a warning at once); None: a warning only. Readers of a patient page act on it.
    translation_grace_days: int | None = None

    @property
    def choosable(self) -> bool:
        return bool(self.reader)


_PATIENT = ({"@type": "Patient"},)
_CLINICIAN = ({"@type": "MedicalAudience", "audienceType": "Clinician"},)

AUDIENCES: dict[str, Audience] = {
    a.id: a
    for a in (
        Audience(
            "patient",
            "Patients and families",
            "Patient or family",
            "patients and families",
            "Read the plain-language version",
            "patients",
            _PATIENT,
            plain_language=True,
            evidence_age_months=(12, 18),
            clinical=True,
            source_severity=WARNING,
            key_point_links=ERROR,
            translation_grace_days=30,
        ),
        Audience(
            "clinician",
            "Healthcare professionals",
            "Health professional",
            "healthcare professionals",
            "Read the clinician version",
            "clinicians",
            _CLINICIAN,
            cited_figures=True,
            evidence_age_months=(6, 12),
            clinical=True,
            expert=True,
            source_severity=ERROR,
            key_point_links=WARNING,
            invite_reviewers=True,
        ),
        Audience("all", "Everyone", "", "", "Read the related page", "about", _PATIENT + _CLINICIAN),
    )
}
# A value the schema has refused still needs wording while the build reports it.
FALLBACK = AUDIENCES["all"]


def get(audience_id: object) -> Audience:
    return AUDIENCES.get(audience_id, FALLBACK) if isinstance(audience_id, str) else FALLBACK


def choosable() -> list[Audience]:
    """The audiences a reader can say they belong to, in table order."""
    return [a for a in AUDIENCES.values() if a.choosable]
