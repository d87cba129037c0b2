"""Plugin parts on their own, without a site build: what each promises a reader on one page."""

import datetime as dt
import re
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.exceptions import PluginError
from mkdocs_bibtex.config import BibTexConfig
from mkdocs_bibtex.plugin import BibTexPlugin

from pancreas_kb.domain import bibliography, languages
from pancreas_kb.domain.evidence import EVIDENCE_TYPES, SECONDARY_MARK, Evidence, Quote
from pancreas_kb.domain.glossary import MARKER
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state, citations, evidence, glossary

BIB = """@article{conroy2011folfirinox,
  author = {Conroy, Thierry}, title = {FOLFIRINOX versus gemcitabine}, journal = {N Engl J Med},
  year = {2011}, volume = {364}, pages = {1817--1825}, doi = {10.1056/NEJMoa1011923},
}
"""


def bibtex_with_our_registry() -> BibTexPlugin:
    """mkdocs-bibtex's own page step, with the registry the citations part swaps in."""
    plugin = BibTexPlugin()
    plugin.config = BibTexConfig()
    plugin.config.load_dict({"enable_inline_citations": False, "footnote_format": "{key}"})
    plugin.config.validate()
    library = bibliography.parse("references.bib", BIB)
    plugin.registry = citations.Registry(library, "{key}", bib_data=None)
    return plugin


def test_a_citation_with_an_unknown_key_stays_visible_in_the_text():
    """A reader must see that a claim's source is missing, not a claim that looks sourced by the rest."""
    page = "Survival was 11.1 months [@conroy2011folfirinox; @nosuchkey]. Known [@conroy2011folfirinox]."
    out = bibtex_with_our_registry().on_page_markdown(page, SimpleNamespace(), None, None)
    assert "[@conroy2011folfirinox; @nosuchkey]" in out
    assert "Known [^conroy2011folfirinox]." in out
    assert "[^conroy2011folfirinox]: Conroy T. FOLFIRINOX versus gemcitabine." in out


GLOSSARY = (
    "- term: CT\n  definition: Computed tomography, a scan\n"
    "- term: NTRK\n  definition: A rare gene fusion\n  clinicians: true\n"
)


def glossary_config(tmp_path, terms: str = GLOSSARY):
    (tmp_path / "includes").mkdir(exist_ok=True)
    for lang in languages.LANGUAGES.values():  # every language's glossary must exist; these pages are English
        (tmp_path / lang.file(glossary.GLOSSARY_FILE)).write_text(terms if lang.code == "en" else "[]", "utf-8")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), markdown_extensions=[])
    glossary.on_config(config)
    glossary.on_pre_build(config)
    return config


def glossary_pages(tmp_path, *pages: str, audience: str | None = None) -> list[str]:
    """The glossary part over pages in build order, each rendered as MkDocs renders it."""
    config = glossary_config(tmp_path)
    meta = {META_KEY: SimpleNamespace(trust=SimpleNamespace(audience=audience))} if audience else {}
    rendered = []
    for text in pages:
        page = SimpleNamespace(meta=meta, file=SimpleNamespace(src_uri="page.md"))
        text = glossary.on_page_markdown(text, page, config, None)
        rendered.append(markdown.Markdown(extensions=["def_list", *config.markdown_extensions]).convert(text))
    return rendered


def test_each_audience_gets_its_own_terms_explained(tmp_path):
    text = "CT and NTRK results."
    [clinician] = glossary_pages(tmp_path, text, audience="clinician")
    assert re.findall(r"<abbr[^>]*>([^<]*)</abbr>", clinician) == ["NTRK"]
    [patient] = glossary_pages(tmp_path, text, audience="patient")
    assert re.findall(r"<abbr[^>]*>([^<]*)</abbr>", patient) == ["CT", "NTRK"]
    [unrecorded] = glossary_pages(tmp_path, text)
    assert re.findall(r"<abbr[^>]*>([^<]*)</abbr>", unrecorded) == ["CT", "NTRK"], "the fallback audience"


def test_a_broken_glossary_file_is_reported_with_its_file_and_line(tmp_path, caplog):
    glossary_config(tmp_path, "- term: CT\n  definition: One\n- term: CT\n  definition: Two\n- term: X\n")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(e.startswith("includes/glossary.yml:3: glossary-duplicate: CT") for e in errors), errors
    assert any(e.startswith("includes/glossary.yml:5: ") for e in errors), errors


def test_a_missing_glossary_file_stops_the_build_saying_where_it_belongs(tmp_path):
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), markdown_extensions=[])
    with pytest.raises(PluginError, match=r"includes/glossary\.yml: not found"):
        glossary.on_pre_build(config)


def test_the_glossary_page_does_not_mark_its_own_terms_whatever_was_built_before(tmp_path):
    before, own, after = glossary_pages(tmp_path, "A CT scan.", f"Terms such as CT.\n\n{MARKER}", "Another CT scan.")
    assert '<abbr title="Computed tomography, a scan">CT</abbr>' in before
    assert "<abbr" not in own and "Computed tomography, a scan" in own
    assert '<abbr title="Computed tomography, a scan">CT</abbr>' in after


GRADE = "(ASCO: strong recommendation; evidence quality high)"


def test_a_guideline_grade_is_marked_where_it_is_written():
    out = evidence.marked(f"Refer early {GRADE} [@asco].", {})
    assert out.startswith('Refer early <span class="kb-grade" data-strength="strong" data-quality="high"')
    assert out.endswith(f">{GRADE}</span> [@asco].")


def test_a_grade_holding_an_editors_comment_is_left_as_written():
    """The unit's text has the comment blanked; marking it would drop the comment into the page."""
    text = "Refer early (ASCO: strong <!-- check the 2024 update --> recommendation) [@asco]."
    assert evidence.marked(text, {}) == text


TRIAL = EVIDENCE_TYPES["randomised-trial"]
NEWS = EVIDENCE_TYPES["news"]
QUOTE = Quote(
    "trial", "Median survival was 11.1 months.", "Table 2", "https://e.org/a?x=1&y=2", dt.date(2026, 5, 1), "f", 3
)
FOOTNOTES = (
    '<div class="footnote"><ol><li id="fn:trial"><p>Trial.</p></li><li id="fn:news"><p>News.</p></li>'
    '<li id="fn:unknown"><p>Unknown.</p></li></ol></div>'
)


@pytest.fixture
def evidence_build(monkeypatch):
    build = build_state.Build(
        evidence=Evidence({"trial": [QUOTE]}),
        evidence_types={"trial": TRIAL, "news": NEWS, "untyped": None},
        strings={"date_format": "%-d %B %Y"},
    )
    monkeypatch.setattr(build_state, "current", build)
    return build


def test_each_reference_shows_its_type_and_the_quotes_this_page_rests_on(evidence_build):
    page = SimpleNamespace(meta={})
    text = "Median survival was 11.1 months [@trial]. A report said so [@news]."
    marked = evidence.on_page_markdown(text, page, None, None)
    assert marked.endswith(f'[@news] <span class="kb-secondary">{SECONDARY_MARK}</span>.')
    assert page.meta["evidence_quotes"] == {"trial": [QUOTE]}
    html = evidence.on_page_content(FOOTNOTES, page, None, None)
    assert '<li id="fn:trial" data-evidence="randomised-trial"><p>Trial.</p>' in html
    assert (
        '<p class="kb-evidence-type">Randomised trial</p><blockquote class="kb-quote" data-passage="0">'
        "<p>Median survival was 11.1 months.</p><footer>Table 2; "
        '<a href="https://e.org/a?x=1&amp;y=2">copy seen</a> on <time datetime="2026-05-01">1 May 2026</time>'
        "</footer></blockquote></li>"
    ) in html
    assert '<li id="fn:news" data-evidence="news"><p>News.</p><p class="kb-evidence-type">News report</p></li>' in html
    assert '<li id="fn:unknown"><p>Unknown.</p></li>' in html, "a key without a bibliography entry is left as it is"


def test_a_source_without_an_evidence_type_gets_no_type_line(evidence_build):
    assert evidence.reference_extra([], None) == ""
    html = evidence.on_page_content('<li id="fn:untyped"><p>U.</p></li>', SimpleNamespace(meta={}), None, None)
    assert html == '<li id="fn:untyped"><p>U.</p></li>'


def test_without_a_bibliography_pages_pass_through(monkeypatch):
    monkeypatch.setattr(build_state, "current", build_state.Build())
    page = SimpleNamespace(meta={})
    assert evidence.on_page_markdown("Text (ASCO: strong) [@a].", page, None, None) == "Text (ASCO: strong) [@a]."
    assert evidence.on_pre_build(SimpleNamespace(config_file_path="/nowhere/mkdocs.yml")) is None
    assert build_state.current.evidence is None


def test_pre_build_reads_the_quotes_and_reports_bad_files(tmp_path, monkeypatch, caplog):
    library = bibliography.parse("references.bib", BIB)
    monkeypatch.setattr(build_state, "current", build_state.Build(library=library))
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "conroy2011folfirinox.yml").write_text(
        "seen_at: https://e.org/\nseen_on: 2026-05-01\nquotes:\n  - text: A passage.\n    locator: p. 2\n",
        encoding="utf-8",
    )
    (tmp_path / "evidence" / "nosuchkey.yml").write_text("quotes: []\n", encoding="utf-8")
    evidence.on_pre_build(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))
    assert [q.text for q in build_state.current.evidence.of("conroy2011folfirinox")] == ["A passage."]
    assert build_state.current.evidence_types == {"conroy2011folfirinox": None}
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors and all(e.startswith("evidence/nosuchkey.yml:1: ") for e in errors), errors


def test_a_saved_quote_file_rebuilds_the_preview(tmp_path):
    watched = []
    server = SimpleNamespace(watch=watched.append)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    assert evidence.on_serve(server, config, None) is server and watched == []
    (tmp_path / "evidence").mkdir()
    evidence.on_serve(server, config, None)
    assert watched == [str(tmp_path / "evidence")]


def _engine(monkeypatch, engine: str, library=None):
    monkeypatch.setattr(build_state, "options", build_state.Options(config={"citations": engine}))
    monkeypatch.setattr(build_state, "current", build_state.Build(library=library))


def _config_with_bibtex(inline: bool = False):
    plugin = bibtex_with_our_registry()
    plugin.config.enable_inline_citations = inline
    return SimpleNamespace(plugins={"bibtex": plugin})


def _record_page(text: str, src_uri: str = "p.md"):
    record = SimpleNamespace(
        citations=["[@x]"] if "[@" in text else [], is_own_text=lambda markdown: markdown.strip() == text.strip()
    )
    return SimpleNamespace(meta={META_KEY: record}, file=SimpleNamespace(src_uri=src_uri))


def test_mkdocs_bibtex_engine_needs_the_plugin_without_inline_citations(monkeypatch):
    _engine(monkeypatch, "mkdocs-bibtex")
    with pytest.raises(PluginError, match="needs the mkdocs-bibtex plugin; add 'bibtex' under plugins"):
        citations.on_config(SimpleNamespace(plugins={}))
    with pytest.raises(PluginError, match="set enable_inline_citations: false"):
        citations.on_config(_config_with_bibtex(inline=True))
    config = _config_with_bibtex()
    assert citations.on_config(config) is config
    _engine(monkeypatch, "hook")
    assert citations.on_config(SimpleNamespace(plugins={})) is not None, "our own engine needs no plugin"


def test_mkdocs_bibtex_gets_our_registry_and_a_references_heading(monkeypatch):
    library = bibliography.parse("references.bib", BIB)
    _engine(monkeypatch, "mkdocs-bibtex", library)
    config = _config_with_bibtex()
    citations.on_pre_build(config)
    registry = config.plugins["bibtex"].registry
    assert isinstance(registry, citations.Registry) and registry.library is library
    cited = citations.on_page_markdown("Claim [@conroy2011folfirinox].", _record_page("[@"), config, None)
    assert cited.endswith(f"\n\n{citations.REFERENCES_HEADING}\n\n{citations.FOOTNOTES_MARKER}\n")
    plain = _record_page("no citations")
    assert citations.on_page_markdown("No citations.", plain, config, None) == "No citations."
    generated = citations.on_page_markdown("Entry [@conroy2011folfirinox].", plain, config, None)
    assert generated.endswith(citations.FOOTNOTES_MARKER + "\n"), "text a part wrote (What's new) cites too"


def test_our_engine_writes_the_footnotes_and_none_leaves_the_text(monkeypatch):
    library = bibliography.parse("references.bib", BIB)
    _engine(monkeypatch, "hook", library)
    citations.on_pre_build(SimpleNamespace(plugins={}))
    out = citations.on_page_markdown("Claim [@conroy2011folfirinox].", _record_page("[@"), None, None)
    assert out.startswith("Claim [^conroy2011folfirinox].")
    assert "[^conroy2011folfirinox]: Conroy T. FOLFIRINOX versus gemcitabine." in out
    assert citations._reference_text("nosuchkey") is None
    _engine(monkeypatch, "none", library)
    assert citations.on_page_markdown("Claim [@x].", _record_page("[@"), None, None) == "Claim [@x]."


def test_registry_reference_text_names_an_unknown_key():
    registry = bibtex_with_our_registry().registry
    assert registry.reference_text(SimpleNamespace(key="nokey")) == (
        "Unknown reference 'nokey' (reported as a build error)."
    )
    first = registry.reference_text(SimpleNamespace(key="conroy2011folfirinox"))
    assert (
        first.startswith("Conroy T.") and registry.reference_text(SimpleNamespace(key="conroy2011folfirinox")) is first
    )
    assert registry.validate_inline_references({"x"}) == set() and registry.validate_citation_blocks([]) is None


def test_without_the_citations_option_the_engine_is_mkdocs_bibtex_and_its_errors_say_what_to_do(monkeypatch):
    monkeypatch.setattr(build_state, "options", build_state.Options())
    with pytest.raises(PluginError) as missing:
        citations.on_config(SimpleNamespace(plugins={}))
    assert str(missing.value) == (
        "knowledge-base plugin: citations: mkdocs-bibtex needs the mkdocs-bibtex plugin; "
        "add 'bibtex' under plugins, or set citations: hook"
    )
    with pytest.raises(PluginError) as inline:
        citations.on_pre_build(_config_with_bibtex(inline=True))
    assert str(inline.value) == (
        "bibtex: set enable_inline_citations: false; otherwise every @word "
        "(e-mail addresses, handles) is taken as a citation"
    )


def test_our_registry_keeps_the_plugins_bibliography_data_and_footnote_format(monkeypatch):
    library = bibliography.parse("references.bib", BIB)
    _engine(monkeypatch, "mkdocs-bibtex", library)
    config = _config_with_bibtex()
    plugin = config.plugins["bibtex"]
    plugin.config.footnote_format = "cite-{key}"
    plugin.registry.bib_data = bib_data = object()
    citations.on_pre_build(config)
    assert plugin.registry.bib_data is bib_data
    out = plugin.on_page_markdown("Claim [@conroy2011folfirinox].", SimpleNamespace(), None, None)
    assert out.startswith("Claim [^cite-conroy2011folfirinox].")


def test_a_block_of_several_known_keys_becomes_adjacent_footnote_references():
    plugin = bibtex_with_our_registry()
    library = bibliography.parse("references.bib", BIB + BIB.replace("conroy2011folfirinox", "other2012x"))
    plugin.registry = citations.Registry(library, "{key}", bib_data=None)
    out = plugin.on_page_markdown("Claim [@conroy2011folfirinox; @other2012x].", SimpleNamespace(), None, None)
    assert out.startswith("Claim [^conroy2011folfirinox][^other2012x].")


def test_our_engine_leaves_a_page_without_citations_as_written(monkeypatch):
    _engine(monkeypatch, "hook", bibliography.parse("references.bib", BIB))
    assert citations.on_page_markdown("No [citation].", _record_page("no citations"), None, None) == "No [citation]."
    generated = citations.on_page_markdown("New [@conroy2011folfirinox].", _record_page("own"), None, None)
    assert generated.startswith(
        "New [^conroy2011folfirinox].\n\n## References {#references}\n\n///Footnotes Go Here///"
    )


def test_marks_land_where_they_belong_in_a_paragraph_over_several_lines():
    text = (
        "Intro.\n\nFirst line of the claim,\n  second line "
        f"{GRADE} [@asco].\nA news item said so [@news]. Another [@asco].\n"
    )
    out = evidence.marked(text, {"news": NEWS, "asco": None})
    grade_html = (
        '<span class="kb-grade" data-strength="strong" data-quality="high" title="Grade given by the guideline">'
    )
    assert out == (
        "Intro.\n\nFirst line of the claim,\n  second line "
        f"{grade_html}{GRADE}</span> [@asco].\n"
        f'A news item said so [@news] <span class="kb-secondary">{SECONDARY_MARK}</span>. Another [@asco].\n'
    )
