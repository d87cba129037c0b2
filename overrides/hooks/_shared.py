"""What the hooks of one build share: the bibliography and every page's record, each made once.

Filled by page_record.py at the start of each build (each `make serve` rebuild
too). The other hooks import this module by name: MkDocs puts the hooks'
folder on the import path while it loads each hook, and Python keeps one copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.domain.bibliography import Library
from scripts.domain.evidence import Evidence
from scripts.domain.page_record import PageRecord


@dataclass
class Build:
    library: Library | None = None
    records: dict[str, PageRecord] = field(default_factory=dict)  # by src_uri
    strings: dict = field(default_factory=dict)  # overrides/strings.yml
    evidence: Evidence | None = None  # the quotes in evidence/, read by evidence.py
    evidence_types: dict = field(default_factory=dict)  # each bib key's evidence type, by evidence.py


current = Build()
