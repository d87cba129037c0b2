"""Plugin parts on their own, without a site build: what each promises a reader on one page."""

from types import SimpleNamespace

import markdown
from mkdocs_bibtex.config import BibTexConfig
from mkdocs_bibtex.plugin import BibTexPlugin

from pancreas_kb.domain import bibliography
from pancreas_kb.domain.glossary import MARKER
from pancreas_kb.plugin import citations, evidence, glossary

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


GLOSSARY = "- term: CT\n  definition: Computed tomography, a scan\n"


def glossary_pages(tmp_path, *pages: str) -> list[str]:
    """The glossary part over pages in build order, each rendered as MkDocs renders it."""
    (tmp_path / "includes").mkdir()
    (tmp_path / glossary.GLOSSARY_FILE).write_text(GLOSSARY, encoding="utf-8")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), markdown_extensions=[])
    glossary.on_config(config)
    glossary.on_pre_build(config)
    rendered = []
    for text in pages:
        text = glossary.on_page_markdown(text, SimpleNamespace(meta={}), config, None)
        rendered.append(markdown.Markdown(extensions=["def_list", *config.markdown_extensions]).convert(text))
    return rendered


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
