"""Read the saved searches from `literature-watch.yml`, with a finding and a line for each mistake.

The file is edited by hand, so every problem is reported at once as
`file:line: rule: what is wrong, how to fix`, and a file with any problem is
not run at all: a half-read watch would report "nothing new" for the searches
it dropped.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pancreas_kb.domain import yamlfile
from pancreas_kb.domain.findings import Finding

from .sources import CT_DATE_AREAS, SOURCES, Query

FILE = "literature-watch.yml"
COMMON = ("id", "description", "source", "query", "pages")
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class SavedSearch:
    id: str
    description: str
    source: str
    query: Query
    pages: tuple[str, ...]  # paths relative to docs/
    line: int = 1


def _scalar(node: yaml.Node | None):
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _entry(path: str, node: yaml.Node, docs_dir: Path) -> tuple[SavedSearch | None, list[Finding]]:
    if not isinstance(node, yaml.MappingNode):
        return None, [
            Finding(
                path,
                _line(node),
                "watch-search-shape",
                "each saved search is a mapping of 'key: value' lines starting with '- id: ...'",
            )
        ]
    fields = {str(_scalar(k)): (k, v) for k, v in node.value}
    line = _line(node)
    findings = [
        Finding(path, line, "watch-field-required", f"{key}: missing (each saved search needs {', '.join(COMMON)})")
        for key in COMMON
        if key not in fields
    ]
    source = _scalar(fields.get("source", (None, None))[1])
    if "source" in fields and source not in SOURCES:
        findings.append(
            Finding(
                path,
                _line(fields["source"][1]),
                "watch-source",
                f"source: '{source}' is not known; use one of {', '.join(SOURCES)}",
            )
        )
    allowed = COMMON + (SOURCES[source].fields if source in SOURCES else ())
    for key, (key_node, _) in fields.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
            findings.append(Finding(path, _line(key_node), "watch-field-unknown", f"{key}: unknown field; {hint}"))
    for key in ("id", "description", "query", "condition"):
        if key in fields and not (isinstance(_scalar(fields[key][1]), str) and _scalar(fields[key][1]).strip()):
            findings.append(Finding(path, _line(fields[key][1]), "watch-field-type", f"{key}: must be non-empty text"))
    search_id = _scalar(fields.get("id", (None, None))[1])
    if isinstance(search_id, str) and search_id and not ID_PATTERN.fullmatch(search_id):
        findings.append(
            Finding(
                path,
                _line(fields["id"][1]),
                "watch-id",
                f"id: '{search_id}' must be lower-case words joined by hyphens, e.g. pubmed-first-line-trials",
            )
        )
    date_field = _scalar(fields.get("date", (None, None))[1]) or "first-posted"
    if "date" in fields and date_field not in CT_DATE_AREAS:
        findings.append(
            Finding(
                path,
                _line(fields["date"][1]),
                "watch-field-value",
                f"date: '{date_field}' is not allowed (allowed: {', '.join(CT_DATE_AREAS)})",
            )
        )
    pages = []
    if "pages" in fields:
        pages_node = fields["pages"][1]
        if not isinstance(pages_node, yaml.SequenceNode) or not pages_node.value:
            findings.append(
                Finding(
                    path,
                    _line(pages_node),
                    "watch-pages",
                    "pages: list at least one page it serves, as paths under docs/, "
                    "e.g. '- clinicians/systemic-therapy.md'",
                )
            )
        else:
            for page_node in pages_node.value:
                page = _scalar(page_node)
                if not isinstance(page, str) or not page.endswith(".md") or not (docs_dir / page).is_file():
                    findings.append(
                        Finding(
                            path,
                            _line(page_node),
                            "watch-page-missing",
                            f"pages: '{page}' is not a page under docs/; give its path relative "
                            "to docs/, e.g. clinicians/systemic-therapy.md (a moved page moves "
                            "here too)",
                        )
                    )
                else:
                    pages.append(page)
    if findings:
        return None, findings
    condition = _scalar(fields["condition"][1]) if "condition" in fields else None
    return SavedSearch(
        search_id,
        _scalar(fields["description"][1]).strip(),
        source,
        Query(_scalar(fields["query"][1]).strip(), condition, date_field),
        tuple(pages),
        line,
    ), []


def parse(path: str, text: str, docs_dir: Path) -> tuple[list[SavedSearch], list[Finding]]:
    """The saved searches in `text`, or findings (and no searches) when anything is wrong."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return [], [yamlfile.error_finding(path, error, "watch-yaml", "check indentation, quoting and colons")]
    shape = Finding(path, 1, "watch-shape", "the file must hold 'searches:' followed by a list of saved searches")
    if not isinstance(root, yaml.MappingNode):
        return [], [shape]
    top = {str(_scalar(k)): (k, v) for k, v in root.value}
    findings = [
        Finding(path, _line(k), "watch-field-unknown", f"{key}: unknown top-level key; only 'searches' is allowed")
        for key, (k, _) in top.items()
        if key != "searches"
    ]
    if "searches" not in top or not isinstance(top["searches"][1], yaml.SequenceNode):
        return [], [*findings, shape]
    searches, seen = [], {}
    for node in top["searches"][1].value:
        search, problems = _entry(path, node, docs_dir)
        findings += problems
        if search is None:
            continue
        if search.id in seen:
            findings.append(
                Finding(
                    path,
                    search.line,
                    "watch-duplicate-id",
                    f"id: '{search.id}' is already used on line {seen[search.id]}; give each saved search its own id",
                )
            )
        seen.setdefault(search.id, search.line)
        searches.append(search)
    if not searches and not findings:
        findings.append(Finding(path, _line(top["searches"][1]), "watch-shape", "searches: the list is empty"))
    return ([], findings) if findings else (searches, [])
