"""What the parts of one build share: the plugin's options, the bibliography and every page's record.

`current` is filled by page_record.py at the start of each build (each `mkdocs
serve` rebuild too); `options` by the plugin as the configuration loads. What
`kept` holds outlives a build: under `mkdocs serve` the process, and the plugin
with it, lives across rebuilds, so a source that did not change since the last
save is not read into a record, a library or a glossary again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import jinja2

from pancreas_kb.domain.approval import Sources
from pancreas_kb.domain.bibliography import Library
from pancreas_kb.domain.evidence import Evidence
from pancreas_kb.domain.page_record import PageRecord


@dataclass
class Build:
    library: Library | None = None
    library_digest: str = ""  # of the bibliography's file: records made with another are made again
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
    return bool(options.get(option, True)) and (not options.serving or bool(options.get("serve_full")))


current = Build()
options = Options()


T = TypeVar("T")
# name -> (what the value was made from, the value)
_kept: dict[str, tuple[Hashable, object]] = {}


def kept(name: str, made_from: Hashable, make: Callable[[], T]) -> T:
    """`make()`, or the value made earlier in this process from the same inputs (`made_from`)."""
    held = _kept.get(name)
    if held is not None and held[0] == made_from:
        return held[1]
    value = make()
    _kept[name] = (made_from, value)
    return value


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_state(folder: Path) -> tuple:
    """Every file's name, size and modification time: what changes when a file in the folder is saved."""
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.name, s.st_size, s.st_mtime_ns) for p in folder.iterdir() if (s := p.stat())))


class Templates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process: MkDocs loads the theme anew on every
    `mkdocs serve` rebuild, and compiling its templates cost a third of a rebuild.
    Jinja checks each template's source against its checksum, so an edited template is compiled again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


templates = Templates()
