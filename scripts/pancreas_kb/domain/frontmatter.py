"""Read a page's YAML front matter with the line number of every key.

MkDocs itself silently treats malformed front matter as page text, so the
build hook and the checker both read it here instead, where a YAML error or a
missing closing fence becomes a finding with a line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from . import yamlfile
from .findings import Finding

FENCE = "---"


@dataclass
class Page:
    path: str
    meta: dict
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line on which the body starts


def _fence_end(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return i
    return None


def _failing_line(node: yaml.Node | None) -> int:
    """The line of the first top-level value that cannot be constructed (2 when none can be told)."""
    if isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            try:
                yaml.constructor.SafeConstructor().construct_document(value)
            except Exception:  # noqa: BLE001 - any failure marks the value we are looking for
                return value.start_mark.line + 2
    return 2


def _composed(source: str) -> yaml.Node | None:
    """The node tree of YAML that parses but cannot be constructed, to find the failing value."""
    try:
        return yaml.compose(source, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def read(path: str, text: str) -> tuple[Page | None, list[Finding]]:
    """Split `text` into front matter and body; findings say what is malformed."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != FENCE:
        return None, [
            Finding(
                path,
                1,
                "front-matter-missing",
                "the page has no front matter: start the file with a '---' line, "
                "the fields (title, description, audience, review_status), and a closing '---'",
            )
        ]
    end = _fence_end(lines)
    if end is None:
        return None, [
            Finding(
                path,
                1,
                "front-matter-unclosed",
                "the front matter is never closed: add a line '---' after the last field",
            )
        ]
    source = "\n".join(lines[1:end])
    try:
        # One parse gives both the data and the node tree that carries each key's line.
        node, data = yamlfile.single_document(source, yaml.SafeLoader, yamlfile.FAST_SAFE_LOADER)
        data = {} if node is None else data
    except yaml.YAMLError as exc:
        return None, [
            yamlfile.error_finding(
                path, exc, "front-matter-yaml", "check indentation, quoting and colons", first_line=2
            )
        ]
    except (ValueError, OverflowError, RecursionError) as exc:
        # YAML that parses but names no real value, e.g. the date 2026-02-30.
        return None, [
            Finding(
                path,
                _failing_line(_composed(source)),
                "front-matter-yaml",
                f"a value cannot be read ({exc}); check dates (YYYY-MM-DD, a real day) and numbers",
            )
        ]
    if not isinstance(data, dict):
        return None, [Finding(path, 2, "front-matter-yaml", "front matter must be a mapping of 'field: value' lines")]
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    body = "\n".join(lines[end + 1 :])
    return Page(path, data, key_lines, body, end + 2), []
