"""What the theme's templates and page scripts are given (scripts/pancreas_kb/domain/theme.py), exactly."""

import dataclasses
import datetime as dt
import re

import pytest

from pancreas_kb.domain import audiences, languages, states, theme

MONTHS = [f"M{n}" for n in range(1, 12)] + ["Dec%d"]  # a % in a month's name is printed as written


def test_the_generated_rules_switch_on_each_badge_and_each_choosable_audiences_emphasis():
    assert theme.css() == (
        ".md-status--approved::after{mask-image:var(--kb-icon-check);-webkit-mask-image:var(--kb-icon-check)}"
        '[data-kb-audience="patient"] .kb-counterpart[data-counterpart-for="patient"],'
        '[data-kb-audience="clinician"] .kb-counterpart[data-counterpart-for="clinician"]'
        "{--kb-counterpart-emphasis:1;--kb-counterpart-note:inline}"
    )


def test_each_badged_state_gets_its_own_rule(monkeypatch):
    withdrawn = dataclasses.replace(states.STATES["approved"], id="withdrawn", icon="clock")
    monkeypatch.setitem(states.STATES, "withdrawn", withdrawn)
    assert theme.css().startswith(
        ".md-status--approved::after{mask-image:var(--kb-icon-check);-webkit-mask-image:var(--kb-icon-check)}"
        ".md-status--withdrawn::after{mask-image:var(--kb-icon-clock);-webkit-mask-image:var(--kb-icon-clock)}["
    )


def test_without_an_audience_to_choose_no_emphasis_rule_is_written(monkeypatch):
    monkeypatch.setattr(audiences, "AUDIENCES", {"all": audiences.AUDIENCES["all"]})
    assert theme.css() == (
        ".md-status--approved::after{mask-image:var(--kb-icon-check);-webkit-mask-image:var(--kb-icon-check)}"
    )


def test_page_scripts_get_their_wording_and_the_readers_names_as_compact_json():
    strings = {"js": {"close": "Cerrar <x>", "n": ["é"]}, "audiences": {"patient": {"reader": "Paciente"}}}
    assert theme.script_data(strings) == (
        '{"strings":{"close":"Cerrar \\u003cx>","n":["é"]},'
        '"audiences":{"patient":"Paciente","clinician":"Health professional"}}'
    )


def test_a_translations_scripts_are_told_its_search_files():
    assert theme.script_data({}, languages.LANGUAGES["es"]) == (
        '{"strings":{},"audiences":{"patient":"Patient or family","clinician":"Health professional"},'
        '"synonyms":"synonyms.es.json","vocabulary":"vocabulary.es.json"}'
    )


@pytest.mark.parametrize(
    "day, text",
    [
        (dt.date(2026, 1, 5), "05 M1 2026"),
        (dt.date(2026, 12, 31), "31 Dec%d 2026"),
        (dt.date(2026, 3, 1), "01 M3 2026"),
    ],
)
def test_a_date_is_written_with_the_strings_month_names(day, text):
    assert theme.date_text(day, {"js": {"months": MONTHS}, "date_format": "%d %B %Y"}) == text


def test_a_languages_wording_replaces_the_tables_wording_and_nothing_else():
    strings = {
        "states": {"approved": {"label": "Aprobada", "banner": "B"}},
        "audiences": {"clinician": {"reader": "Profesional", "link_text": "Ver"}},
    }
    assert theme.localized_states(strings) == {
        **states.STATES,
        "approved": dataclasses.replace(states.STATES["approved"], label="Aprobada", banner="B"),
    }
    assert theme.localized_audiences(strings) == {
        **audiences.AUDIENCES,
        "clinician": dataclasses.replace(audiences.AUDIENCES["clinician"], reader="Profesional", link_text="Ver"),
    }
    assert theme.localized_states({}) == states.STATES
    assert theme.localized_audiences({}) == audiences.AUDIENCES


def test_templates_get_the_strings_the_tables_in_their_words_and_the_date_in_one_language():
    strings = {
        "js": {"months": MONTHS},
        "date_format": "%B %Y",
        "audiences": {"patient": {"reader": "Paciente"}},
        "states": {"submitted": {"label": "Enviada"}},
    }
    kb = theme.template_globals(strings, languages.LANGUAGES["es"])
    assert list(kb) == ["strings", "language", "states", "audiences", "choosable", "css", "script_data", "date"]
    assert kb["strings"] is strings
    assert kb["language"] is languages.LANGUAGES["es"]
    assert kb["states"] == theme.localized_states(strings)
    assert kb["audiences"] == theme.localized_audiences(strings)
    assert [a.reader for a in kb["choosable"]] == ["Paciente", "Health professional"]
    assert kb["css"] == theme.css()
    assert kb["script_data"] == theme.script_data(strings, languages.LANGUAGES["es"])
    assert kb["date"](dt.date(2026, 2, 1)) == "M2 2026"
    assert theme.template_globals(strings)["language"] is languages.DEFAULT


@pytest.mark.parametrize(
    "text, message",
    [
        ("- a\n", "must be a mapping of names to text"),
        ("a: [b, {c: 1}]\n", "a[1].c: must be text, not int; quote it"),
        ("a:\n  b: [x, null]\n", "a.b[1]: must be text, not NoneType; quote it"),
        ("3: x\n", None),
    ],
)
def test_a_strings_file_holds_only_text(tmp_path, text, message):
    path = tmp_path / "strings.yml"
    path.write_text(text, encoding="utf-8")
    if message is None:
        assert theme.load_strings(path) == {3: "x"}
        return
    with pytest.raises(theme.StringsError) as raised:
        theme.load_strings(path)
    assert str(raised.value) == (message if "quote" in message else f"{path}: {message}")


@pytest.mark.parametrize("data", [b"a: [\n", b"a: \xff\n", None])
def test_a_strings_file_that_cannot_be_read_is_named(tmp_path, data):
    path = tmp_path / "strings.yml"
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(theme.StringsError, match=rf"(?s)^{re.escape(str(path))}: cannot be read \(.+\)$"):
        theme.load_strings(path)


def test_a_translated_strings_file_names_what_it_misses_and_what_it_adds(tmp_path, monkeypatch):
    monkeypatch.setattr(theme, "table_ids", lambda: {"states.approved.label"})
    path = tmp_path / "strings.es.yml"
    english = {"a": {"b": "x", "c": ["x", "y"]}, "d": "x"}
    path.write_text("a: {b: x, c: [y]}\nd: x\nstates: {approved: {label: x}}\n", encoding="utf-8")
    assert theme.load_translated_strings(path, english)["a"]["c"] == ["y"]  # a list is one string
    start = (
        f"{path}: must define each string id of strings.yml once, plus the wording of every review state and audience"
    )
    for text, end in [
        ("a: {b: x}\ne: x\nf: x\n", "; missing: a.c, d, states.approved.label; not in strings.yml: e, f"),
        ("a: {b: x, c: y}\nd: x\n", "; missing: states.approved.label"),
        ("a: {b: x, c: y}\nd: x\nstates: {approved: {label: x}}\ne: x\n", "; not in strings.yml: e"),
        ("a: {b: x, c: y}\nd: {e: x}\nstates: {approved: {label: x}}\n", "; missing: d; not in strings.yml: d.e"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(theme.StringsError) as raised:
            theme.load_translated_strings(path, english)
        assert str(raised.value) == start + end


def test_a_translation_words_every_state_and_audience():
    assert theme.table_ids() == {
        f"states.{s}.{f}" for s in states.STATES for f in ("label", "banner_title", "banner")
    } | {f"audiences.{a}.{f}" for a in audiences.AUDIENCES for f in ("label", "reader", "written_for", "link_text")}
    assert "states.approved.banner_title" in theme.table_ids() and "audiences.all.link_text" in theme.table_ids()
