"""Pictures: only a drawing goes into a page; icon arrays are drawn from their caption."""

import pytest

from pancreas_kb.domain import pictures
from tests.sitebuilder import ROOT

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


def test_the_projects_pictures_hold_only_drawings():
    files = sorted((ROOT / "docs" / "assets" / "images").glob("*.svg"))
    assert files
    for path in files:
        assert pictures.problems(path.read_text(encoding="utf-8")) == [], path.name


@pytest.mark.parametrize(
    "inside, problem",
    [
        ("<script>alert(1)</script>", "<script> is not allowed"),
        ('<rect onclick="x()"/>', "event handlers"),
        ('<use href="https://example.org/a.svg#x"/>', "refers outside the file"),
        ('<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="other.svg#x"/>', "refers outside the file"),
        ('<rect fill="url(https://example.org/p)"/>', "refers outside the file"),
        ('<image href="#x"/>', "<image> is not allowed"),
        ("<style>rect{fill:red}</style>", "<style> is not allowed"),
        ('<rect style="fill:red"/>', "use a class"),
        ('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>', "<foreignObject>"),
    ],
)
def test_anything_but_a_drawing_is_refused(inside, problem):
    found = pictures.problems(SVG.format(inside))
    assert any(problem in f for f in found), found


def test_a_plain_drawing_with_internal_references_passes_and_is_named_by_its_alternative():
    svg = SVG.format('<title>T</title><defs><path id="p" d="M0,0h1"/></defs><use href="#p" fill="url(#g)"/>')
    assert pictures.problems(svg) == []
    markup = pictures.inline(svg, 'The pancreas & "liver"')
    assert 'role="img"' in markup and 'aria-label="The pancreas &amp; &quot;liver&quot;"' in markup
    assert "<title>" not in markup


def test_entities_and_other_roots_are_refused():
    assert pictures.problems('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>')
    assert pictures.problems("<html/>")
    assert pictures.problems("<svg")


@pytest.mark.parametrize(
    "caption, count",
    [
        ("About 11 in 100 people", 11),
        ("31 out of 100", 31),
        ("1 in 100", 1),
        ("Unas 3 de cada 100 personas", 3),
        ("3 de 100", None),
        ("about 1 in 5", None),
        ("120 in 100", None),
    ],
)
def test_an_icon_array_takes_its_figure_from_its_caption(caption, count):
    assert pictures.icon_array_count(caption) == count


def test_an_icon_array_draws_the_figure_filled_and_the_rest_outlined():
    html = '<figure class="kb-icon-array">\n<p>About 11 in 100 people <sup>[1]</sup>.</p>\n</figure>'
    drawn, problems = pictures.fill_icon_arrays(html, "{count} filled, {rest} outlined")
    assert problems == []
    assert 'aria-label="11 filled, 89 outlined"' in drawn
    on = drawn.split('class="kb-icon-array__on" d="')[1].split('"')[0]
    off = drawn.split('class="kb-icon-array__off" d="')[1].split('"')[0]
    assert on.count("M") == 11 and off.count("M") == 89
    assert "<figcaption>About 11 in 100 people <sup>[1]</sup>.</figcaption>" in drawn
    assert pictures.problems(drawn.split("<figure")[1].split(">", 1)[1].split("<figcaption>")[0]) == []
    _, missing = pictures.fill_icon_arrays('<figure class="kb-icon-array"><p>Most people.</p></figure>', "{count}")
    assert missing and "must say how many" in missing[0]
