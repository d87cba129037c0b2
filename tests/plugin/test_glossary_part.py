"""The glossary part on its own: each language's terms, read once per change, explained per audience."""

import logging
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.exceptions import PluginError

from pancreas_kb.domain.glossary import MARKER
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state, glossary

ENGLISH = "- term: CT\n  definition: Computed tomography\n- term: NTRK\n  definition: A gene\n  clinicians: true\n"
SPANISH = "- term: TC\n  definition: Tomografía computarizada\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setattr(build_state, "_kept", {})
    monkeypatch.setattr(glossary, "_terms", {})
    monkeypatch.setattr(glossary, "_by_audience", {})
    monkeypatch.setattr(glossary, "_current", {"matcher": None})
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "glossary.yml").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "includes" / "glossary.es.yml").write_text(SPANISH, encoding="utf-8")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), markdown_extensions=[])
    glossary.on_config(config)
    return SimpleNamespace(root=tmp_path, config=config)


def render(site, text, src_uri="a.md", audience=None, record=True):
    trust = SimpleNamespace(audience=audience) if audience else None
    meta = {META_KEY: SimpleNamespace(trust=trust)} if record else {}
    page = SimpleNamespace(meta=meta, file=SimpleNamespace(src_uri=src_uri))
    text = glossary.on_page_markdown(text, page, site.config, None)
    return markdown.Markdown(extensions=site.config.markdown_extensions).convert(text)


def test_each_language_and_audience_gets_its_own_terms(site):
    glossary.on_pre_build(site.config)
    text = "CT, NTRK and TC."
    assert render(site, text, audience="clinician") == '<p>CT, <abbr title="A gene">NTRK</abbr> and TC.</p>'
    assert render(site, text, audience="patient") == (
        '<p><abbr title="Computed tomography">CT</abbr>, <abbr title="A gene">NTRK</abbr> and TC.</p>'
    )
    assert render(site, text, "es/a.md", audience="patient") == (
        '<p>CT, NTRK and <abbr title="Tomografía computarizada">TC</abbr>.</p>'
    )
    everyone = '<p><abbr title="Computed tomography">CT</abbr>, <abbr title="A gene">NTRK</abbr> and TC.</p>'
    assert render(site, text) == everyone, "a record without trust data: every term"
    assert render(site, text, record=False) == everyone, "a page without a record: every term"


def test_the_glossary_page_lists_its_languages_terms_and_marks_none(site):
    glossary.on_pre_build(site.config)
    render(site, "CT.", audience="patient")
    html = render(site, f"Spanish terms.\n\n{MARKER}\n", "es/glossary.md")
    assert '<dt id="term-tc"><dfn>TC</dfn></dt>' in html and "<abbr" not in html
    assert glossary._current["matcher"] is None


def test_matchers_are_kept_while_the_terms_stay_the_same_and_made_again_when_they_change(site):
    glossary.on_pre_build(site.config)
    render(site, "CT.", audience="patient")
    kept = dict(glossary._by_audience)
    glossary.on_pre_build(site.config)
    assert glossary._by_audience == kept and glossary._current["matcher"] is kept[("en", "patient")]
    (site.root / "includes" / "glossary.yml").write_text(ENGLISH.replace("Computed", "X-ray"), encoding="utf-8")
    glossary.on_pre_build(site.config)
    assert glossary._by_audience == {}
    assert render(site, "CT.", audience="patient") == '<p><abbr title="X-ray tomography">CT</abbr>.</p>'


def test_a_rebuild_reads_only_the_glossary_files_that_changed(site, monkeypatch):
    read = []
    parse = glossary.glossary.parse
    monkeypatch.setattr(glossary.glossary, "parse", lambda name, text: read.append(name) or parse(name, text))
    glossary.on_pre_build(site.config)
    glossary.on_pre_build(site.config)
    assert read == ["includes/glossary.yml", "includes/glossary.es.yml"]
    (site.root / "includes" / "glossary.es.yml").write_text(SPANISH + "# saved\n", encoding="utf-8")
    glossary.on_pre_build(site.config)
    assert read == ["includes/glossary.yml", "includes/glossary.es.yml", "includes/glossary.es.yml"]


def test_each_problem_of_a_glossary_file_is_logged_with_its_file_and_line(site, caplog):
    (site.root / "includes" / "glossary.es.yml").write_bytes(
        b"\xef\xbb\xbf- term: TC\n  definition: A\n- term: TC\n  definition: B\n- term: X\n"
    )
    with caplog.at_level(logging.ERROR):
        glossary.on_pre_build(site.config)
    assert [r.getMessage() for r in caplog.records] == [
        "includes/glossary.es.yml:1: file-bom: the file starts with a byte order mark; save it as UTF-8 without BOM "
        "(most editors: 'UTF-8', not 'UTF-8 with BOM')",
        "includes/glossary.es.yml:5: glossary-empty: X: has no definition; add `definition:` in plain language",
        "includes/glossary.es.yml:3: glossary-duplicate: TC: already defined on line 1; keep one definition",
    ]


def test_a_missing_glossary_stops_the_build_naming_the_file_and_its_language(site):
    (site.root / "includes" / "glossary.es.yml").unlink()
    with pytest.raises(PluginError) as raised:
        glossary.on_pre_build(site.config)
    assert str(raised.value) == (
        "includes/glossary.es.yml: not found; the glossary's terms and definitions in Español live there"
    )
