"""The tables of review states and audiences and the theme's wording: defined once, read everywhere.

Templates, page scripts and the style sheet take ids and wording from these
tables, so a new state or audience is one edit; these tests fail when a
template, script or style sheet restates one, or refers to wording that is not
in overrides/strings.yml.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from pancreas_kb.domain import audiences, frontmatter, schema, states, theme
from tests.sitebuilder import ROOT

OVERRIDES = ROOT / "overrides"
STRINGS = theme.load_strings(OVERRIDES / theme.STRINGS_FILE)
THEME_FILES = sorted(p for p in OVERRIDES.rglob("*") if p.suffix in (".html", ".js", ".css"))
IDS = [*states.STATES, *audiences.AUDIENCES]


def lookup(path: str, data=STRINGS):
    for part in path.split("."):
        assert isinstance(data, dict) and part in data, f"'{path}' is not in overrides/strings.yml"
        data = data[part]
    return data


def test_every_wording_a_template_uses_is_in_the_strings_file():
    used = set()
    for path in OVERRIDES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        aliases = re.findall(r"set (\w+) = kb\.strings\.(\w+)", text)
        used |= set(re.findall(r"kb\.strings\.(\w+(?:\.\w+)?)", text)) - {section for _, section in aliases}
        for alias, section in aliases:
            used |= {f"{section}.{key}" for key in re.findall(rf"\b{alias}\.(\w+)", text)}
    assert len(used) > 30
    for key in used:
        assert isinstance(lookup(key), str | list)


def test_every_wording_a_page_script_uses_is_in_the_strings_file():
    for path in (OVERRIDES / "assets" / "js").glob("*.js"):
        for key in re.findall(r"WORDS\.(\w+)", path.read_text(encoding="utf-8")):
            lookup(f"js.{key}")


@pytest.mark.parametrize("path", THEME_FILES, ids=lambda p: p.name)
def test_no_template_script_or_style_sheet_restates_a_state_or_audience_id(path):
    text = path.read_text(encoding="utf-8")
    pattern = rf"""["'=]({"|".join(map(re.escape, IDS))})["' ]|--({"|".join(map(re.escape, IDS))})\b"""
    assert not re.search(pattern, text), f"{path.name} names a state or audience id; take it from the tables"


def test_style_sheet_defines_every_tone_and_icon_the_states_use():
    css = (OVERRIDES / "assets" / "site.css").read_text(encoding="utf-8")
    for state in states.STATES.values():
        assert state.tone in states.TONES and f".kb-tone--{state.tone} " in css
        assert state.icon is None or (state.icon in states.ICONS and f"--kb-icon-{state.icon}:" in css)


def test_strings_file_must_hold_only_text(tmp_path):
    bad = tmp_path / "strings.yml"
    bad.write_text("trust:\n  status: 3\n", encoding="utf-8")
    with pytest.raises(theme.StringsError, match=r"trust\.status: must be text"):
        theme.load_strings(bad)


def test_a_new_state_is_one_table_entry(monkeypatch):
    new = dataclasses.replace(
        states.STATES["under-review"], id="withdrawn", label="Withdrawn", tone="alert", icon="check"
    )
    monkeypatch.setitem(states.STATES, "withdrawn", new)
    assert theme.nav_badges()["withdrawn"] == "Withdrawn"
    assert ".md-status--withdrawn::after{mask-image:var(--kb-icon-check)" in theme.css()
    page, _ = frontmatter.read(
        "docs/p.md", "---\ntitle: T\ndescription: D.\naudience: all\nreview_status: withdrawn\n---\n"
    )
    assert schema.choice_fields(page) == []
    overdue = dataclasses.replace(page, meta={**page.meta, "review_status": "overdue"})
    assert schema.choice_fields(overdue), "a state derived from dates cannot be written in front matter"


def test_a_new_audience_is_one_table_entry(monkeypatch):
    new = audiences.Audience("carer", "Carers", "Carer", "carers", "Read the carers' version", "carers")
    monkeypatch.setitem(audiences.AUDIENCES, "carer", new)
    assert "carer" in [a.id for a in theme.template_globals(STRINGS)["choosable"]]
    assert '[data-kb-audience="carer"] .kb-counterpart[data-counterpart-for="carer"]' in theme.css()
    assert '"carer":"Carer"' in theme.script_data(STRINGS)
    page, _ = frontmatter.read(
        "docs/p.md", "---\ntitle: T\ndescription: D.\naudience: carer\nreview_status: submitted\n---\n"
    )
    assert schema.choice_fields(page) == []


def test_script_data_cannot_end_its_script_element():
    assert "</script" not in theme.script_data({"js": {"x": "</script><script>alert(1)"}})
