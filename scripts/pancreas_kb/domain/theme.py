"""What the theme's templates and page scripts are given: wording and the two tables.

Templates read the `kb` template global (set by scripts/pancreas_kb/plugin/page_record.py);
page scripts read the JSON that partials/kb-data.html writes into each page; the
few rules that depend on a state or an audience id are generated here as CSS,
so that a new state or audience needs no edit to a template, script or style sheet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import yaml

from . import audiences, languages, states

STRINGS_FILE = "strings.yml"
# The wording fields of the two tables. English is written in the tables
# themselves; another language's strings file gives the same fields for every
# state and audience under `states:` and `audiences:`.
STATE_WORDING = ("label", "banner_title", "banner")
AUDIENCE_WORDING = ("label", "reader", "written_for", "link_text")


class StringsError(ValueError):
    """The strings file is missing, not YAML, or holds something other than text."""


def _check(value, where: str = "") -> None:
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
    _check(data)
    return data


def _ids(value, where: str = "") -> set[str]:
    """Every string id of a strings file, as dotted paths (a list counts as one string)."""
    if isinstance(value, dict):
        return set().union(*(_ids(inner, f"{where}.{key}" if where else str(key)) for key, inner in value.items()))
    return {where}


def table_ids() -> set[str]:
    """The ids a translated strings file adds: the wording of every state and audience."""
    return {f"states.{s}.{field}" for s in states.STATES for field in STATE_WORDING} | {
        f"audiences.{a}.{field}" for a in audiences.AUDIENCES for field in AUDIENCE_WORDING
    }


def load_translated_strings(path: Path, english: dict) -> dict:
    """Another language's strings: exactly the English ids, plus the tables' wording."""
    data = load_strings(path)
    wanted, have = _ids(english) | table_ids(), _ids(data)
    missing, extra = sorted(wanted - have), sorted(have - wanted)
    if missing or extra:
        raise StringsError(
            f"{path}: must define each string id of {STRINGS_FILE} once, plus the wording of every review "
            "state and audience"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; not in {STRINGS_FILE}: {', '.join(extra)}" if extra else "")
        )
    return data


def localized_states(strings: dict) -> dict[str, states.ReviewState]:
    words = strings.get("states", {})
    return {k: dataclasses.replace(s, **words[k]) if k in words else s for k, s in states.STATES.items()}


def localized_audiences(strings: dict) -> dict[str, audiences.Audience]:
    words = strings.get("audiences", {})
    return {k: dataclasses.replace(a, **words[k]) if k in words else a for k, a in audiences.AUDIENCES.items()}


def date_text(day: dt.date, strings: dict) -> str:
    """A date in the strings' format, with their month names (strftime's are English whatever the language)."""
    month = strings["js"]["months"][day.month - 1]
    return day.strftime(strings["date_format"].replace("%B", month.replace("%", "%%")))


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


# Beside the Pagefind index; a language's own is pagefind/synonyms.es.json (plugin/search.py).
SYNONYMS_OUTPUT = "synonyms.json"
# Beside it, fetched only when a query finds nothing or only weak matches; vocabulary.es.json.
VOCABULARY_OUTPUT = "vocabulary.json"


def script_data(strings: dict, language: languages.Language = languages.DEFAULT) -> str:
    """The JSON the page scripts read: their wording, the audiences a reader can choose, the search files."""
    table = localized_audiences(strings)
    data = {"strings": strings.get("js", {}), "audiences": {a.id: table[a.id].reader for a in audiences.choosable()}}
    if language.folder:  # search.js reads the English file unless told
        data["synonyms"] = language.file(SYNONYMS_OUTPUT)
        data["vocabulary"] = language.file(VOCABULARY_OUTPUT)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def template_globals(strings: dict, language: languages.Language = languages.DEFAULT) -> dict:
    """What templates read as `kb`, in one language: its strings and the tables in its words."""
    table = localized_audiences(strings)
    return {
        "strings": strings,
        "language": language,
        "states": localized_states(strings),
        "audiences": table,
        "choosable": [table[a.id] for a in audiences.choosable()],
        "css": css(),
        "script_data": script_data(strings, language),
        "date": lambda day: date_text(day, strings),
    }


def nav_badges() -> dict[str, str]:
    """Material's `extra.status`: the navigation badge title of each state that has a badge."""
    return {s.id: s.label for s in states.STATES.values() if s.icon}
