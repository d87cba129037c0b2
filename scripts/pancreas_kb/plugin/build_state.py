"""What the parts of one build share: the plugin's options, the bibliography and every page's record.

`current` is filled by page_record.py at the start of each build (each `mkdocs
serve` rebuild too); `options` by the plugin as the configuration loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pancreas_kb.domain.approval import Sources
from pancreas_kb.domain.bibliography import Library
from pancreas_kb.domain.evidence import Evidence
from pancreas_kb.domain.page_record import PageRecord


@dataclass
class Build:
    library: Library | None = None
    records: dict[str, PageRecord] = field(default_factory=dict)  # by src_uri
    strings: dict = field(default_factory=dict)  # overrides/strings.yml
    strings_by_language: dict = field(default_factory=dict)  # each language's strings, by code (languages.py)
    # What languages.py works out once per build for every page: each language's nav and
    # template globals, each page's versions, the translations whose English page changed.
    languages: dict = field(default_factory=dict)
    evidence: Evidence | None = None  # the quotes in evidence/, read by evidence.py
    evidence_types: dict = field(default_factory=dict)  # each bib key's evidence type, by evidence.py
    sources: Sources | None = None  # what approvals cover (approval.load_sources), by page_record.py


@dataclass
class Options:
    config: object = None  # the plugin's validated KnowledgeBaseConfig
    serving: bool = False  # started by `mkdocs serve`

    def get(self, name: str, default=None):
        return self.config[name] if self.config is not None else default


def runs(option: str) -> bool:
    """Whether an optional part (review packets, search index, minifying) runs in this build."""
    return bool(options.get(option, True)) and (not options.serving or bool(options.get("serve_full", False)))


current = Build()
options = Options()
