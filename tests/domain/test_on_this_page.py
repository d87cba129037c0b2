""" "On this page": the page's sections, before the first section heading."""

from pancreas_kb.domain import on_this_page

HTML = (
    '<div class="admonition summary"><p>Key points</p></div>\n<p>Intro.</p>\n'
    '<h2 id="a">A</h2><p>x</p><h2 id="b">B &amp; C</h2>'
)


def test_the_sections_are_listed_collapsed_just_before_the_first_section():
    listing = on_this_page.block([("a", "A"), ("b", 'B & "C"')], "On this page")
    assert listing.startswith('<details class="kb-on-this-page"><summary>On this page</summary>')
    assert "<details open" not in listing
    assert '<li><a href="#b">B &amp; &quot;C&quot;</a></li>' in listing
    out = on_this_page.insert(HTML, listing)
    assert out.index("Key points") < out.index("kb-on-this-page") < out.index('<h2 id="a">')
    assert out.replace(listing, "") == HTML


def test_a_page_with_one_section_or_none_gets_no_list():
    assert on_this_page.block([("a", "A")], "On this page") == ""
    assert on_this_page.insert(HTML, "") == HTML
    assert on_this_page.insert("<p>No sections.</p>", "<details></details>") == "<p>No sections.</p>"


def test_the_list_is_exactly_the_sections_in_order_with_the_label_escaped():
    listing = on_this_page.block([("a", "A"), ("b&c", "<B>")], "On <this> page")
    assert listing == (
        '<details class="kb-on-this-page"><summary>On &lt;this&gt; page</summary><ul>'
        '<li><a href="#a">A</a></li><li><a href="#b&amp;c">&lt;B&gt;</a></li></ul></details>\n'
    )


def test_a_page_opening_with_a_section_gets_the_list_first():
    assert on_this_page.insert('<h2 id="a">A</h2>', "L") == 'L<h2 id="a">A</h2>'
    assert on_this_page.insert('<p>x</p><h2 id="a">A</h2><h2 id="b">B</h2>', "L") == (
        '<p>x</p>L<h2 id="a">A</h2><h2 id="b">B</h2>'
    )
