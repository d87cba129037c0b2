"""What the theme's templates and page scripts are given: wording and the two tables.

Templates read the `kb` template global (set by scripts/pancreas_kb/plugin/page_record.py);
page scripts read the JSON that partials/kb-data.html writes into each page; the
few rules that depend on a state or an audience id are generated here as CSS,
so that a new state or audience needs no edit to a template, script or style sheet.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from . import audiences, states

STRINGS_FILE = "strings.yml"


class StringsError(ValueError):
    """The strings file is missing, not YAML, or holds something other than text."""


def _check(value, where: str) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _check(inner, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            _check(inner, f"{where}[{i}]")
    elif not isinstance(value, str):
        raise StringsError(f"{where}: must be text, not {type(value).__name__}; quote it")


def load_strings(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise StringsError(f"{path}: cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise StringsError(f"{path}: must be a mapping of names to text")
    _check(data, "")
    return data


def css() -> str:
    """The rules keyed by a state or an audience id; site.css holds the look they switch on."""
    badges = "".join(
        f".md-status--{s.id}::after{{mask-image:var(--kb-icon-{s.icon});-webkit-mask-image:var(--kb-icon-{s.icon})}}"
        for s in states.STATES.values()
        if s.icon
    )
    chosen = ",".join(
        f'[data-kb-audience="{a.id}"] .kb-counterpart[data-counterpart-for="{a.id}"]' for a in audiences.choosable()
    )
    emphasis = f"{chosen}{{--kb-counterpart-emphasis:1;--kb-counterpart-note:inline}}" if chosen else ""
    return badges + emphasis


def script_data(strings: dict) -> str:
    """The JSON the page scripts read: their wording and the audiences a reader can choose."""
    data = {"strings": strings.get("js", {}), "audiences": {a.id: a.reader for a in audiences.choosable()}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def template_globals(strings: dict) -> dict:
    return {
        "strings": strings,
        "states": states.STATES,
        "audiences": audiences.AUDIENCES,
        "choosable": audiences.choosable(),
        "css": css(),
        "script_data": script_data(strings),
    }


def nav_badges() -> dict[str, str]:
    """Material's `extra.status`: the navigation badge title of each state that has a badge."""
    return {s.id: s.label for s in states.STATES.values() if s.icon}
