"""Sections moved to another page: their old addresses keep landing on them.

When a long page is split, whole sections move, with their `{#id}`, to a new
page. Clinicians and patients have bookmarked `patients/treatment/#daraxonrasib`;
mkdocs-redirects moves only whole pages. The `moved_sections` option of the
knowledge-base plugin in mkdocs.yml names each moved section once:

    moved_sections:
      "patients/treatment.md#daraxonrasib": "patients/matched-treatment.md#daraxonrasib"

(paths relative to docs/, as in redirect_maps; the target's `#id` may differ,
or be left out to land at the top of the new page). The old page carries its
map as data (`page_map`); the site's script follows it when the address names a
section the page no longer has. The build, `make check` and the published-URL
check read the entries through `read` and judge them by the rules below.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

import yaml

from .findings import Finding

OPTION = "moved_sections"
PLUGIN = "knowledge-base"
CONFIG_FILE = "mkdocs.yml"
# The <meta> name the pages carry their map under, and the site's script reads.
META_NAME = "kb-moved-sections"


@dataclass(frozen=True)
class Move:
    page: str  # the old page, relative to docs/
    anchor: str  # the section's id there; "" when the entry gives none (a finding)
    target_page: str  # the new page, relative to docs/
    target_anchor: str  # the section's id there; "" for the top of the page
    line: int  # of the entry in mkdocs.yml

    @property
    def key(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page

    @property
    def target(self) -> str:
        return f"{self.target_page}#{self.target_anchor}" if self.target_anchor else self.target_page


@dataclass(frozen=True)
class Pages:
    """What the entries are judged against."""

    pages: frozenset[str]  # every page, relative to docs/
    redirected: frozenset[str] = frozenset()  # redirect_maps' old pages: pages no more, addresses still
    # Each page's ids, as readers' browsers will find them; a page not listed is not judged.
    anchors: Mapping[str, set[str]] = field(default_factory=dict)


def _split(value: str) -> tuple[str, str]:
    page, _, anchor = str(value).partition("#")
    return page.strip(), anchor.strip()


def read(mapping: Mapping | None, lines: Mapping[str, int] | None = None) -> list[Move]:
    """The option's entries, in the order written; `lines`: each key's line in mkdocs.yml (else line 1)."""
    moves = []
    for key, value in (mapping or {}).items():
        page, anchor = _split(key)
        target_page, target_anchor = _split(value)
        moves.append(Move(page, anchor, target_page, target_anchor, (lines or {}).get(key, 1)))
    return moves


def entry_lines(config_text: str) -> dict[str, int]:
    """Each moved_sections key's line in mkdocs.yml's text; {} when the text cannot say.

    Composed, not loaded: only the nodes' places are read, so MkDocs' own tags
    (!ENV, !!python/name) need no constructor here.
    """
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    plugins = _value(root, "plugins")
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else ():
        moved = _value(_value(item, PLUGIN), OPTION)
        if isinstance(moved, yaml.MappingNode):
            return {str(k.value): k.start_mark.line + 1 for k, _ in moved.value}
    return {}


def _value(node, key: str):
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


# --- the rules: one promise each --------------------------------------------------


def _finding(move: Move, rule: str, message: str) -> Finding:
    return Finding(CONFIG_FILE, move.line, rule, f"{OPTION}: '{move.key}': {message}")


def names_a_section(move: Move, pages: Pages) -> list[Finding]:
    """A key names one section of the old page: a whole page moves with redirect_maps."""
    if move.anchor:
        return []
    return [
        _finding(
            move,
            "moved-section-no-anchor",
            "give the section's id after '#', e.g. 'patients/treatment.md#daraxonrasib'; "
            "a whole page that moved goes under plugins > redirects > redirect_maps instead",
        )
    ]


def old_page_known(move: Move, pages: Pages) -> list[Finding]:
    """The old page is a page of the site, or an old address redirect_maps keeps."""
    if move.page in pages.pages or move.page in pages.redirected:
        return []
    return [
        _finding(
            move,
            "moved-section-old-page",
            f"there is no page {move.page} (relative to docs/) and no redirect from it; "
            "write the path of the page the section was on, as its links had it",
        )
    ]


def old_section_gone(move: Move, pages: Pages) -> list[Finding]:
    """The section is no longer on the old page: were it there, readers' links would stay there."""
    if not move.anchor or move.anchor not in pages.anchors.get(move.page, ()):
        return []
    return [
        _finding(
            move,
            "moved-section-still-there",
            f"{move.page} still has an element with id '{move.anchor}', so it is not clear where "
            "links to it belong; if the section moved, delete it (or its id) from the old page; "
            "if it did not move, delete this entry",
        )
    ]


def target_page_exists(move: Move, pages: Pages) -> list[Finding]:
    """The section moved to a page of this site."""
    if move.target_page in pages.pages:
        return []
    return [
        _finding(
            move,
            "moved-section-target-page",
            f"the new place, '{move.target}', is not a page of this site; write the path of the "
            "page the section moved to, relative to docs/, e.g. 'patients/matched-treatment.md#daraxonrasib'",
        )
    ]


def target_section_exists(move: Move, pages: Pages) -> list[Finding]:
    """The new page has the section the readers are sent to."""
    if (
        not move.target_anchor
        or move.target_page not in pages.anchors
        or move.target_anchor in pages.anchors[move.target_page]
    ):
        return []
    return [
        _finding(
            move,
            "moved-section-target-anchor",
            f"{move.target_page} has no element with id '{move.target_anchor}'; keep the section's "
            f"id when you move it ('## Heading {{#{move.target_anchor}}}'), or write the id it has there",
        )
    ]


RULES: tuple[Callable[[Move, Pages], list[Finding]], ...] = (
    names_a_section,
    old_page_known,
    old_section_gone,
    target_page_exists,
    target_section_exists,
)


def check(moves: list[Move], pages: Pages) -> list[Finding]:
    return [finding for move in moves for rule in RULES for finding in rule(move, pages)]


def valid(moves: list[Move], pages: Pages) -> list[Move]:
    """The entries that pass every rule: only these send readers anywhere."""
    return [move for move in moves if not any(rule(move, pages) for rule in RULES)]


# --- what the old page and the checks are given ------------------------------------


def fragment(anchor: str) -> str:
    return f"#{quote(anchor, safe='')}" if anchor else ""


def page_map(moves: list[Move], page: str, url_to: Callable[[str], str]) -> dict[str, str]:
    """The old page's moved sections: id -> the new place's URL, `url_to(target_page)` relative to the old page."""
    return {m.anchor: url_to(m.target_page) + fragment(m.target_anchor) for m in moves if m.page == page}


def page_map_json(moves: list[Move], page: str, url_to: Callable[[str], str]) -> str:
    """The page's map as the page carries it ("" when none of its sections moved); escaped where it is printed."""
    found = page_map(moves, page, url_to)
    return json.dumps(found, sort_keys=True, ensure_ascii=False) if found else ""


def moved_link(path: str, text: str, link: str, move: Move) -> Finding:
    """A page of the site links to a section's old place: the build's own warning says the id is missing;
    this says where the section went."""
    line = next((n for n, row in enumerate(text.splitlines(), start=1) if link in row), 1)
    return Finding(
        path,
        line,
        "moved-section-link",
        f"'{link}' links to a section that moved to {move.target} ({OPTION} in {CONFIG_FILE}); link to its new place",
    )


def links_to_moved(path: str, text: str, links: list[tuple[str, str, str]], moves: list[Move]) -> list[Finding]:
    """`links`: (page linked, id, the link as written) for each link of the page at `path` to a section."""
    by_key = {(m.page, m.anchor): m for m in moves}
    return [
        moved_link(path, text, link, by_key[(page, anchor)]) for page, anchor, link in links if (page, anchor) in by_key
    ]
