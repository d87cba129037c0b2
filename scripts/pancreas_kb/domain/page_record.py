"""One record per page: everything the build and the checker know about a page's source.

Computed once per build (by scripts/pancreas_kb/plugin/page_record.py, stored as
`page.meta["kb"]`) and once per `make check` run, from the page's bytes: its
text, front matter, findings, review verdict, audience, counterpart and the
works it cites. Every hook and every checker rule reads the record instead of
reading the front matter again.

To give the record a new fact, add a field with a default and fill it in
`build`; readers that do not need it are unaffected.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from . import approval, audiences, citations, counterpart, evidence, languages, plain_text, review, schema, source_text
from .bibliography import Entry, Library
from .findings import Finding
from .frontmatter import Page, read

# The one key of page.meta the record lives under.
META_KEY = "kb"
# A page that is overdue still renders, with the overdue banner; the finding fails the build.
RENDERS_DESPITE = {"approved-review-overdue"}


@dataclass(frozen=True)
class PageRecord:
    path: str  # as editors see it in messages, e.g. docs/patients/stages.md
    src_uri: str  # relative to docs/, e.g. patients/stages.md
    text: str  # the source as decoded (BOM removed, LF line ends): what MkDocs renders
    front: Page | None  # the parsed front matter; None when it cannot be read
    findings: tuple[Finding, ...]  # every problem with the source itself, in file order
    trust: review.Trust | None  # None when the front matter is not valid
    counterpart: counterpart.Target | None = None
    citations: tuple[citations.Citation, ...] = ()  # well-formed [@key] citations, in order
    cited: tuple[Entry, ...] = ()  # the known works cited, in order of first citation

    @property
    def meta(self) -> dict:
        """The front matter, quoted dates read as dates; empty when it cannot be read."""
        return schema.normalized(self.front.meta) if self.front else {}

    @property
    def language(self) -> languages.Language:
        return languages.of(self.src_uri)

    @property
    def audience(self) -> audiences.Audience:
        return audiences.get(self.trust.audience if self.trust else None)

    @functools.cached_property  # frozen, but computed only for the readers that need it
    def claims(self) -> tuple[evidence.Claim, ...]:
        """Every sentence of the body with the sources it rests on and the figures it states."""
        return tuple(evidence.claims(self.front.body, self.front.body_line)) if self.front else ()

    def is_own_text(self, markdown: str) -> bool:
        """Whether `markdown` is still this page's body, not text a part generated (What's new writes entries)."""
        return self.front is not None and markdown.strip() == self.front.body.strip()

    def line(self, key: str) -> int:
        """The line of a front-matter field, 1 when the page has no such field."""
        return self.front.key_lines.get(key, 1) if self.front else 1

    def text_field(self, key: str) -> str:
        """title or description when valid text, else ""."""
        value = self.front.meta.get(key) if self.front else None
        return value.strip() if isinstance(value, str) else ""

    @property
    def title(self) -> str:
        return self.text_field("title")

    @property
    def description(self) -> str:
        return self.text_field("description")

    def fields_the_theme_cannot_read(self) -> list[str]:
        """Front-matter fields Material reads itself, given a value it would fail on (a list as title)."""
        if self.front is None:
            return []
        meta = self.front.meta
        bad = [
            key
            for key in ("title", "description")
            if key in meta and (not self.text_field(key) or plain_text.problem(meta[key]))
        ]
        return bad + (["hide"] if schema.hide_field(self.front) else [])


def build(
    path: str,
    src_uri: str,
    data: bytes,
    today: dt.date,
    docs_dir: Path | None,
    library: Library | None,
    sources: approval.Sources | None = None,
) -> PageRecord:
    """The record of one page from its bytes; never raises on bad input.

    `sources`: what the page pulls in, which its approval covers (approval.load_sources);
    without it an approval covers the page and its references.bib entries only.
    """
    sources = sources or approval.Sources(library)
    text, findings = source_text.decode(path, data)
    front, problems = read(path, text)
    findings += problems
    found, syntax = citations.scan(path, text)
    trust = target = None
    if front is not None:
        checked = schema.validate(front, today, docs_dir, src_uri)
        findings += checked
        if schema.is_valid([f for f in checked if f.rule not in RENDERS_DESPITE]):
            meta = schema.normalized(front.meta)
            inputs = approval.digest_inputs(text, [c.key for c in found], meta["audience"], sources)
            # A stale approval fails the build and the check, and is never shown as approved.
            findings += approval.stale(front, inputs)
            trust = review.trust_for(approval.shown_meta(meta, inputs, sources.reviewers), today)
            if isinstance(meta.get("counterpart"), str):
                target = counterpart.split(meta["counterpart"])
    findings += syntax
    entries = library.entries if library else {}
    if library is not None:
        findings += citations.unknown_keys(path, found, set(entries))
    keys = dict.fromkeys(c.key for c in found if c.key in entries)
    return PageRecord(
        path,
        src_uri,
        text,
        front,
        tuple(sorted(findings)),
        trust,
        target,
        tuple(found),
        tuple(entries[k] for k in keys),
    )
