"""What's new: dated entries of practice-changing updates, read from one data file.

The build renders the entries into the What's new page and an Atom feed, and
`make check` validates them; both read the file through `load` and the rules
below, so an entry is judged the same way wherever it is read.

An entry:

    - id: daraxonrasib-approval          # the entry's anchor on the page and part of its feed id
      date: 2026-11-30                   # when the pages changed, YYYY-MM-DD
      title: Daraxonrasib approved       # one line
      summary: >-                        # one to three sentences; [@key] citations allowed
        ...
      changed:                           # pages under docs/, each with an optional #anchor
        - clinicians/systemic-therapy.md#daraxonrasib
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from dataclasses import dataclass, field

import yaml
from markdown.extensions.toc import slugify

from . import citations, fences, figures, plain_text, yamlfile
from .findings import Finding

FIELDS = ("id", "date", "title", "summary", "changed")
TITLE_MAX = 100
SUMMARY_SENTENCES = 3
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A sentence ends at . ! or ? (after any closing quote or bracket) followed by a
# capital, a digit or the end, so "e.g. a test" and "1.5" do not end one.
CITATION_BLOCK_RE = re.compile(rf"\s*{citations.ANY_BLOCK}")
MARKDOWN_LINK_RE = re.compile(r"\]\([^)]*\)|<https?://[^>]*>")


@dataclass(frozen=True)
class Settings:
    """Where the data file, the page and the feed live: the knowledge-base plugin's `whats_new` options."""

    data: str  # relative to the folder of mkdocs.yml
    page: str  # relative to docs/
    feed: str  # relative to the site root
    # The page on how to follow the updates, relative to docs/: readers' links go there,
    # not to the feed, which a browser shows as raw XML. It names the feed's address
    # where it says FEED_ADDRESS.
    follow: str = "about/follow-updates.md"


def settings(block) -> Settings | None:
    """None when the site does not use What's new (no `whats_new` in the knowledge-base plugin's options)."""
    if not block or not block.get("entries"):
        return None
    return Settings(
        str(block["entries"]),
        str(block.get("page", "about/whats-new.md")),
        str(block.get("feed", "feed.xml")),
        str(block.get("follow", "about/follow-updates.md")),
    )


@dataclass(frozen=True)
class Change:
    page: str  # path relative to docs/
    anchor: str  # "" when the whole page changed
    line: int

    @property
    def target(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


@dataclass(frozen=True)
class Entry:
    id: str
    date: dt.date
    title: str
    summary: str
    changes: tuple[Change, ...]
    line: int
    date_line: int
    summary_line: int


@dataclass
class Data:
    path: str  # as the editor sees it
    entries: list[Entry] = field(default_factory=list)  # the well-formed ones, in file order
    findings: list[Finding] = field(default_factory=list)

    def newest_first(self) -> list[Entry]:
        # Stable: entries of one date keep the order the editor gave them.
        return sorted(self.entries, key=lambda e: e.date, reverse=True)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def load(path: str, text: str) -> Data:
    """Parse the data file; malformed entries become findings and are left out of `entries`."""
    result = Data(path)
    result.entries, result.findings = yamlfile.read_list(
        path,
        text,
        ("whats-new-yaml", "whats-new-structure"),
        fix="check indentation, quoting and colons (each entry starts with '- id:')",
        shape="the file must be a list of entries, each starting with '- id:'",
        read=lambda entry: _entry(path, entry.node, entry.data),
        entry="an entry must be a set of 'field: value' lines (fields: " + ", ".join(FIELDS) + ")",
    )
    result.findings += duplicate_ids(path, result.entries)
    return result


def _entry(path: str, node: yaml.MappingNode, item: dict) -> tuple[Entry | None, list[Finding]]:
    line = _line(node)
    lines: dict[str, int] = {}
    values: dict[str, yaml.Node] = {}
    findings: list[Finding] = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key in lines:
            findings.append(
                Finding(
                    path,
                    _line(key_node),
                    "whats-new-duplicate-field",
                    f"{key}: given twice in one entry (first on line {lines[key]}); keep one",
                )
            )
        lines[key] = _line(key_node)
        values[key] = value_node
    ctx = _Fields(path, line, item, lines, values)
    for rule in ENTRY_RULES:
        findings += rule(ctx)
    if findings:
        return None, findings
    return Entry(
        item["id"],
        dt.date.fromisoformat(item["date"]),
        item["title"].strip(),
        item["summary"].strip(),
        tuple(_change(t, _line(n)) for t, n in zip(item["changed"], values["changed"].value, strict=False)),
        line,
        lines["date"],
        lines["summary"],
    ), []


@dataclass(frozen=True)
class _Fields:
    path: str
    line: int  # the entry's first line
    item: dict
    lines: dict[str, int]  # field -> line of its key
    nodes: dict[str, yaml.Node]

    def at(self, key: str) -> int:
        return self.lines.get(key, self.line)


def _change(target: str, line: int) -> Change:
    page, _, anchor = target.strip().partition("#")
    return Change(page, anchor, line)


# --- rules on one entry: each returns findings, none when the field is absent -----


def required_fields(f: _Fields) -> list[Finding]:
    return [
        Finding(
            f.path,
            f.line,
            "whats-new-missing-field",
            f"the entry has no '{key}' (each entry needs {', '.join(FIELDS)})",
        )
        for key in FIELDS
        if key not in f.item
    ]


def known_fields(f: _Fields) -> list[Finding]:
    findings = []
    for key in f.item:
        if key in FIELDS:
            continue
        close = difflib.get_close_matches(str(key), FIELDS)
        hint = f"did you mean '{close[0]}'?" if close else f"the fields are {', '.join(FIELDS)}"
        findings.append(Finding(f.path, f.at(key), "whats-new-unknown-field", f"{key}: unknown field; {hint}"))
    return findings


def id_field(f: _Fields) -> list[Finding]:
    value = f.item.get("id")
    if "id" not in f.item or (isinstance(value, str) and ID_RE.match(value)):
        return []
    return [
        Finding(
            f.path,
            f.at("id"),
            "whats-new-id",
            f"id: '{value}' must be lower-case letters, digits and single hyphens "
            "(e.g. daraxonrasib-approval); it becomes the entry's link, so never change it once published",
        )
    ]


def date_field(f: _Fields) -> list[Finding]:
    value = f.item.get("date")
    if "date" not in f.item:
        return []
    try:
        if isinstance(value, str) and DATE_RE.match(value):
            dt.date.fromisoformat(value)
            return []
    except ValueError:
        pass
    return [
        Finding(
            f.path,
            f.at("date"),
            "whats-new-date",
            f"date: '{value}' is not a calendar date written YYYY-MM-DD (e.g. 2026-11-30)",
        )
    ]


def text_fields(f: _Fields) -> list[Finding]:
    findings = []
    for key in ("title", "summary"):
        value = f.item.get(key)
        if key in f.item and (not isinstance(value, str) or not value.strip()):
            findings.append(Finding(f.path, f.at(key), "whats-new-text", f"{key}: must be non-empty text"))
    return findings


def plain_fields(f: _Fields) -> list[Finding]:
    """The title is a heading on the page and an entry in the feed; the summary is a paragraph. No markup in either."""
    findings = []
    for key in ("title", "summary"):
        value = f.item.get(key)
        why = plain_text.problem(value, prose=key == "summary") if isinstance(value, str) else None
        if why:
            findings.append(Finding(f.path, f.at(key), "whats-new-plain-text", f"{key}: {why}"))
    return findings


def title_field(f: _Fields) -> list[Finding]:
    value = f.item.get("title")
    if not isinstance(value, str) or not value.strip():
        return []
    if "\n" in value.strip() or len(value.strip()) > TITLE_MAX:
        return [
            Finding(
                f.path,
                f.at("title"),
                "whats-new-title",
                f"title: one line of at most {TITLE_MAX} characters (this one has {len(value.strip())}); "
                "put the detail in the summary",
            )
        ]
    return []


def sentences(text: str) -> int:
    """How many sentences `text` holds, citations set aside; text without a full stop is one."""
    prose = CITATION_BLOCK_RE.sub("", text).strip()
    return sum(1 for start, end in figures.sentence_spans(prose) if prose[start:end].strip())


def summary_length(f: _Fields) -> list[Finding]:
    value = f.item.get("summary")
    if not isinstance(value, str) or not value.strip():
        return []
    count = sentences(value)
    if count <= SUMMARY_SENTENCES:
        return []
    return [
        Finding(
            f.path,
            f.at("summary"),
            "whats-new-summary",
            f"summary: {count} sentences; write one to {SUMMARY_SENTENCES} in plain words and leave "
            "the detail (and its figures) to the changed sections",
        )
    ]


def summary_links(f: _Fields) -> list[Finding]:
    value = f.item.get("summary")
    if not isinstance(value, str) or not MARKDOWN_LINK_RE.search(value):
        return []
    return [
        Finding(
            f.path,
            f.at("summary"),
            "whats-new-summary-link",
            "summary: holds a link; list the pages and sections under 'changed' instead, "
            "where the page and the feed turn them into links",
        )
    ]


def summary_citations(f: _Fields) -> list[Finding]:
    """Citation syntax the plugin would mangle; unknown keys are judged against the library separately."""
    value = f.item.get("summary")
    if not isinstance(value, str):
        return []
    _, findings = citations.scan(f.path, value, f.at("summary"))
    return findings


def changed_field(f: _Fields) -> list[Finding]:
    if "changed" not in f.item:
        return []
    value = f.item["changed"]
    node = f.nodes["changed"]
    if not isinstance(value, list) or not value:
        return [
            Finding(
                f.path,
                f.at("changed"),
                "whats-new-changed",
                "changed: list at least one page, one per line as '- path/page.md#anchor' (path relative to docs/)",
            )
        ]
    findings = []
    for target, item_node in zip(value, node.value, strict=False):
        page = target.strip().partition("#")[0] if isinstance(target, str) else ""
        if not page.endswith(".md") or page.startswith("/") or page.startswith("docs/"):
            findings.append(
                Finding(
                    f.path,
                    _line(item_node),
                    "whats-new-changed",
                    f"changed: '{target}' must be a page path relative to docs/ ending in .md, "
                    "with an optional #anchor (e.g. clinicians/systemic-therapy.md#daraxonrasib)",
                )
            )
    return findings


ENTRY_RULES = (
    required_fields,
    known_fields,
    id_field,
    date_field,
    text_fields,
    plain_fields,
    title_field,
    summary_length,
    summary_links,
    summary_citations,
    changed_field,
)


# --- rules on the whole file, or against the site ----------------------------------


def duplicate_ids(path: str, entries: list[Entry]) -> list[Finding]:
    first: dict[str, int] = {}
    findings = []
    for entry in entries:
        if entry.id in first:
            findings.append(
                Finding(
                    path,
                    entry.line,
                    "whats-new-duplicate-id",
                    f"id: '{entry.id}' is already used by the entry on line {first[entry.id]}; "
                    "each entry needs its own id",
                )
            )
        else:
            first[entry.id] = entry.line
    return findings


def future_dates(data: Data, today: dt.date) -> list[Finding]:
    return [
        Finding(
            data.path,
            e.date_line,
            "whats-new-date",
            f"date: {e.date.isoformat()} is after today ({today.isoformat()}); date an entry on the day "
            "its pages changed",
        )
        for e in data.entries
        if e.date > today
    ]


def unknown_keys(data: Data, known: set[str]) -> list[Finding]:
    findings = []
    for entry in data.entries:
        found, _ = citations.scan(data.path, entry.summary, entry.summary_line)
        findings += citations.unknown_keys(data.path, found, known)
    return findings


def cited_keys(data: Data) -> set[str]:
    return {c.key for e in data.entries for c in citations.scan(data.path, e.summary)[0]}


def missing_pages(data: Data, pages: set[str]) -> list[Finding]:
    """`pages`: every page path relative to docs/."""
    return [
        Finding(
            data.path,
            c.line,
            "whats-new-changed-page",
            f"changed: '{c.page}' is not a page under docs/; give its path relative to docs/ "
            "(e.g. patients/treatment.md)",
        )
        for e in data.entries
        for c in e.changes
        if c.page not in pages
    ]


def missing_anchors(data: Data, anchors: dict[str, set[str]]) -> list[Finding]:
    """`anchors`: page path relative to docs/ -> the ids on that page (pages not listed are not judged)."""
    return [
        Finding(
            data.path,
            c.line,
            "whats-new-changed-anchor",
            f"changed: '{c.target}': the page has no section with id '{c.anchor}'; use the id of the "
            f"changed heading (its '{{#id}}', or the link of its ¶ sign on the built page)",
        )
        for e in data.entries
        for c in e.changes
        if c.anchor and c.page in anchors and c.anchor not in anchors[c.page]
    ]


def data_missing(settings: Settings, page_shown: str) -> list[Finding]:
    """The page exists but the file it lists is absent; `page_shown` is the page's path as an editor sees it."""
    return [
        Finding(
            page_shown,
            1,
            "whats-new-data-missing",
            f"the page lists the entries of {settings.data}, which does not exist; create it (see CONTRIBUTING.md)",
        )
    ]


def against_sources(
    data: Data, settings: Settings, pages: set[str], today: dt.date, known_keys: set[str] | None
) -> list[Finding]:
    """Every finding on the file that needs no built page: its own, then the pages, dates and keys it names.

    `known_keys` None: the bibliography could not be read, which is reported elsewhere.
    """
    findings = list(data.findings)
    findings += page_missing(data, settings.page, pages)
    findings += missing_pages(data, pages)
    findings += future_dates(data, today)
    if known_keys is not None:
        findings += unknown_keys(data, known_keys)
    return findings


def page_missing(data: Data, page: str, pages: set[str]) -> list[Finding]:
    """Entries with no page to show them on."""
    if page in pages or not data.entries:
        return []
    return [
        Finding(
            data.path,
            1,
            "whats-new-page-missing",
            f"the entries have no page: create docs/{page} (see CONTRIBUTING.md), or set "
            "whats_new.page under the knowledge-base plugin in mkdocs.yml",
        )
    ]


# --- section titles, for link text ------------------------------------------------

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_ID_RE = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")


def headings(body: str) -> dict[str, str]:
    """Heading id -> its text: the id given as `{#id}`, else the one the toc extension makes from the text."""
    result = {}
    for _, line, kind in fences.lines(body):
        match = HEADING_RE.match(line) if kind == fences.TEXT else None
        if match:
            attr = ATTR_ID_RE.search(match.group(2))
            if attr:
                result[attr.group(1)] = match.group(2)[: attr.start()].strip()
            else:
                result.setdefault(slugify(match.group(2), "-"), match.group(2).strip())
    return result


# --- rendering --------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A changed section as a reader sees it."""

    target: str  # path relative to docs/, with #anchor
    page_title: str
    heading: str  # "" when the whole page changed, or its heading is not known
    url: str  # the page's URL relative to the site root, as the build gives it


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def relative(target: str, from_page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


FEED_ADDRESS = "<!-- feed-address -->"


def feed_address(url: str) -> str:
    """The feed's address as the follow page shows it: text to copy into a feed reader, not
    a link (a browser would show the feed as raw XML)."""
    return f'<p class="kb-feed-address"><code>{url}</code></p>'


def markdown(
    entries: list[Entry], sections: dict[str, Section], from_page: str, feed_url: str, follow_page: str | None = None
) -> str:
    """The entries as Markdown for the What's new page: one heading per entry, newest first;
    at the end, the way to follow them (the follow page when the site has one)."""
    out = []
    if not entries:
        out += ["No updates have been listed yet.", ""]
    for entry in entries:
        out += [
            f"## {entry.title} {{#{entry.id}}}",
            "",
            f'<p><time datetime="{entry.date.isoformat()}">{long_date(entry.date)}</time></p>',
            "",
            entry.summary,
            "",
            "Changed:",
            "",
        ]
        for change in entry.changes:
            section = sections[change.target]
            link = relative(change.page, from_page) + (f"#{change.anchor}" if change.anchor else "")
            if section.heading:
                out.append(f"- [{section.heading}]({link}), on *{section.page_title}*")
            else:
                out.append(f"- [{section.page_title}]({link})")
        out.append("")
    follow = (
        f"Read [how to follow the updates]({relative(follow_page, from_page)}) to hear of each update as "
        "it is listed here, with a feed reader or without one."
        if follow_page
        else f"Add the [Atom feed of these updates]({relative(feed_url, from_page)}) to a feed reader to "
        "hear of each update as it is listed here."
    )
    out += ["## Follow the updates {#subscribe}", "", follow, ""]
    return "\n".join(out)


def plain_summary(summary: str) -> str:
    """The summary without its citation markers (the feed lists the works cited instead)."""
    return re.sub(r"\s+([.,;:!?])", r"\1", CITATION_BLOCK_RE.sub("", summary)).strip()
