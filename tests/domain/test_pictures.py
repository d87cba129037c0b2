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
        ('<rect fill="url(X#p)"/>', "refers outside the file"),  # another file's #p
        ('<image href="#x"/>', "<image> is not allowed"),
        ("<style>rect{fill:red}</style>", "<style> is not allowed"),
        ('<rect style="fill:red"/>', "use a class"),
        ('<rect Style="fill:red"/>', "use a class"),  # the page's HTML parser reads it as style
        ('<use HREF="https://example.org/a.svg#x"/>', "refers outside the file"),
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


# --- exactly what a reader gets ----------------------------------------------------------

NS = 'xmlns="http://www.w3.org/2000/svg"'


def test_every_part_of_an_unsafe_drawing_is_named():
    svg = (
        f'<svg {NS}><a href="https://x"><rect onLoad="x()" fill="url( #ok )" stroke="url(x.svg#a)"/></a>'
        '<script>1</script><x:foo xmlns:x="urn:x"/><image href="data:image/png,AA"/>'
        '<rect class="JavaScript:1" style="fill:red"/><use href="#ok" mask="url(\'#m\')"/></svg>'
    )
    assert pictures.problems(svg) == [
        "<a> is not allowed in a picture",
        "<a href='https://x'>: refers outside the file",
        "<rect onLoad>: event handlers run scripts",
        "<rect stroke='url(x.svg#a)'>: refers outside the file",
        "<script> is not allowed in a picture",
        "<foo> is not allowed in a picture",
        "<image> is not allowed in a picture",
        "<image href='data:image/png,AA'>: refers outside the file",
        "<image href>: no javascript: or data: addresses",
        "<rect class>: no javascript: or data: addresses",
        "<rect style>: use a class that site.css styles",
    ]


@pytest.mark.parametrize(
    "svg, problem",
    [
        (
            '<!doctype svg><svg xmlns="http://www.w3.org/2000/svg"/>',
            "declares a DOCTYPE or entities; a drawing needs neither",
        ),
        (
            '<!ENTITY a "b"><svg xmlns="http://www.w3.org/2000/svg"/>',
            "declares a DOCTYPE or entities; a drawing needs neither",
        ),
        (f"<svg {NS}><rect", "is not well-formed XML (unclosed token: line 1, column 40)"),
        ("<svg/>", 'the root element must be <svg xmlns="http://www.w3.org/2000/svg">'),
        (f"<g {NS}/>", 'the root element must be <svg xmlns="http://www.w3.org/2000/svg">'),
    ],
)
def test_a_file_that_is_not_a_plain_svg_drawing_gets_one_problem(svg, problem):
    assert pictures.problems(svg) == [problem]


def test_every_drawing_element_is_allowed():
    inside = "".join(f"<{name}/>" for name in sorted(pictures.ELEMENTS - {"svg"}))
    assert pictures.problems(SVG.format(inside)) == []


def test_a_drawing_in_the_page_keeps_its_class_and_inner_titles_but_not_its_own_name():
    svg = (
        f'<svg {NS} xmlns:xlink="http://www.w3.org/1999/xlink" class="wide" viewBox="0 0 10 10">'
        '<title>T</title><desc>D</desc><g><title>inner</title><use xlink:href="#p"/></g></svg>'
    )
    assert pictures.inline(svg, "A & B") == (
        f'<svg {NS} xmlns:xlink="http://www.w3.org/1999/xlink" class="wide kb-picture__drawing" viewBox="0 0 10 10" '
        'role="img" aria-label="A &amp; B"><g><title>inner</title><use xlink:href="#p" /></g></svg>'
    )
    assert pictures.inline(SVG.format(""), "A") == (
        f'<svg {NS} viewBox="0 0 10 10" role="img" aria-label="A" class="kb-picture__drawing" />'
    )


PERSON = (
    "a2.2,2.2 0 1,0 4.4,0a2.2,2.2 0 1,0 -4.4,0zm-2.2,9.5v-2.5a2.8,2.8 0 0,1 2.8,-2.8h3.2a2.8,2.8 0 0,1 2.8,2.8v2.5z"
)


def test_people_are_drawn_ten_to_a_row_in_cells_12_wide_and_14_high():
    assert pictures._people([0, 1, 9, 10, 99]) == "".join(
        f"M{x},{y}{PERSON}" for x, y in [(3.8, 3.2), (15.8, 3.2), (111.8, 3.2), (3.8, 17.2), (111.8, 129.2)]
    )


@pytest.mark.parametrize("count", [0, 11, 100])
def test_an_icon_array_is_100_people_the_first_filled(count):
    assert pictures.icon_array(count, 'A "grid"') == (
        f'<svg {NS} viewBox="0 0 120 140" role="img" aria-label="A &quot;grid&quot;" class="kb-icon-array__drawing">'
        f'<path class="kb-icon-array__on" d="{pictures._people(range(count))}"/>'
        f'<path class="kb-icon-array__off" d="{pictures._people(range(count, 100))}"/></svg>'
    )


@pytest.mark.parametrize(
    "caption, count",
    [
        ("0 in 100", 0),
        ("100 in 100", 100),
        ("101 in 100", None),
        ("About <strong>11</strong> in 100, then 20 in 100", 11),
        ("About 11&#160;in 100", 11),
        ("1000 in 100", None),
        ("11 in 1000", None),
        ("a11 in 100", None),
    ],
)
def test_the_figure_is_the_first_n_in_100_of_the_captions_words(caption, count):
    assert pictures.icon_array_count(caption) == count


def test_each_icon_array_is_drawn_and_a_caption_without_a_figure_named_by_its_first_60_characters():
    long = "Most &amp; <em>many</em> people " + "x" * 80
    content = (
        '<figure class="kb-icon-array">\n<p>About 3 in 100 [1].</p>\n</figure>\n'
        f'<figure class="kb-icon-array"><p>{long}</p></figure>'
    )
    drawn, problems = pictures.fill_icon_arrays(content, "{count} of 100, {rest} not")
    assert drawn == (
        f'<figure class="kb-icon-array">{pictures.icon_array(3, "3 of 100, 97 not")}'
        "<figcaption>About 3 in 100 [1].</figcaption></figure>\n"
        f'<figure class="kb-icon-array"><p>{long}</p></figure>'
    )
    words = "Most & many people " + "x" * 41
    assert problems == [f'icon array "{words}": its caption must say how many "in 100"']
