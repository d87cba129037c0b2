""" "On this page" from the page's table of contents: its h2 sections, unless the page hides its contents."""

from types import SimpleNamespace

import pytest
from mkdocs.structure.toc import AnchorLink

from pancreas_kb.plugin import build_state, on_this_page

INTRO, SECTIONS = "<p>Intro.</p>", '<h2 id="a">A</h2><h3 id="a1">A1</h3><h2 id="b">B</h2>'
HTML = INTRO + SECTIONS
LISTING = (
    '<details class="kb-on-this-page"><summary>Contents</summary><ul>'
    '<li><a href="#a">A</a></li><li><a href="#b">B</a></li></ul></details>\n'
)


@pytest.fixture(autouse=True)
def strings(monkeypatch):
    monkeypatch.setattr(build_state, "current", build_state.Build(strings={"on_this_page": {"summary": "Contents"}}))


def _link(title, id_, level, *children):
    link = AnchorLink(title, id_, level)
    link.children = list(children)
    return link


def _sections():
    return [_link("A", "a", 2, _link("A1", "a1", 3)), _link("B", "b", 2)]


def test_the_h2_sections_under_the_pages_heading_are_listed():
    page = SimpleNamespace(meta={}, toc=[_link("Title", "title", 1, *_sections())])
    assert on_this_page.on_page_content(HTML, page, None, None) == INTRO + LISTING + SECTIONS


def test_a_page_without_a_heading_lists_its_h2_sections_not_their_subsections():
    page = SimpleNamespace(meta={"hide": ["navigation"]}, toc=_sections())
    assert on_this_page.on_page_content(HTML, page, None, None) == INTRO + LISTING + SECTIONS


@pytest.mark.parametrize("hide", [["toc"], ["navigation", "toc"]])
def test_a_page_that_hides_its_contents_gets_no_list(hide):
    page = SimpleNamespace(meta={"hide": hide}, toc=_sections())
    assert on_this_page.on_page_content(HTML, page, None, None) == HTML
