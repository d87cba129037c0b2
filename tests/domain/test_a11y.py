"""Server-side accessibility and print fixes to the theme's HTML (scripts/pancreas_kb/domain/a11y.py)."""

import pytest

from pancreas_kb.domain import a11y

LINK = '<a class="headerlink" href="#{id}" title="Permanent link">'


def test_each_permalink_is_named_for_the_section_it_links_to():
    content = (
        '<h2 id="first-line">\n  First <em>line</em> &amp; "more"\n'
        + LINK.format(id="first-line")
        + "&para;</a></h2>\n<p>Text.</p>\n"
        + '<h3 id="doses" class="x">Doses'
        + LINK.format(id="doses")
        + "&para;</a></h3>"
    )
    assert a11y.label_permalinks(content) == (
        '<h2 id="first-line">\n  First <em>line</em> &amp; "more"\n'
        '<a class="headerlink" href="#first-line" title="Permanent link" '
        'aria-label="Permanent link: First line &amp; &quot;more&quot;">&para;</a></h2>\n<p>Text.</p>\n'
        '<h3 id="doses" class="x">Doses<a class="headerlink" href="#doses" title="Permanent link" '
        'aria-label="Permanent link: Doses">&para;</a></h3>'
    )


def test_a_permalink_to_another_section_is_left_alone():
    content = '<h2 id="a">A' + LINK.format(id="b") + "&para;</a></h2>"
    assert a11y.label_permalinks(content) == content


def test_a_task_items_text_labels_its_checkbox_up_to_a_nested_list():
    content = (
        '<ul class="task-list">\n<li class="task-list-item">'
        '<input type="checkbox" disabled/> Ask about <em>trials</em>\n'
        '<ul>\n<li><input type="checkbox" disabled> Which phase</li>\n</ul>\n</li>\n</ul>'
    )
    assert a11y.label_tasks(content) == (
        '<ul class="task-list">\n<li class="task-list-item"><label class="kb-task"><input type="checkbox" disabled/> '
        "Ask about <em>trials</em>\n</label><ul>\n"
        '<li><label class="kb-task"><input type="checkbox" disabled> Which phase</label></li>\n</ul>\n</li>\n</ul>'
    )


PAGE = "https://kb.example/patients/treatment/"


@pytest.mark.parametrize(
    "link, printed",
    [
        (
            '<a href="../stages/">Stages</a>',
            '<a href="../stages/" data-print-url="https://kb.example/patients/stages/">',
        ),
        (
            '<a href="https://e.org/a?x=1&amp;y=&quot;2&quot;" title="T">E</a>',
            '<a href="https://e.org/a?x=1&amp;y=&quot;2&quot;" '
            'data-print-url="https://e.org/a?x=1&amp;y=&quot;2&quot;" title="T">',
        ),
        # A DOI that is not the link's own is printed.
        ('<a href="https://doi.org/20.1/abc">doi:10.1/abc</a>', 'data-print-url="https://doi.org/20.1/abc"'),
        ('<a href="https://e.org/b">https://e.org/a</a>', 'data-print-url="https://e.org/b"'),
        ('<a href="https://e.org/a">e.org</a>', 'data-print-url="https://e.org/a"'),
        # an ISBN's check digit X is part of the address, not a trailing slash
        (
            '<a href="https://e.org/isbn/012345678X">e.org/isbn/012345678</a>',
            'data-print-url="https://e.org/isbn/012345678X"',
        ),
        (
            '<a href="https://e.org/isbn/012345678">https://e.org/isbn/012345678X</a>',
            'data-print-url="https://e.org/isbn/012345678"',
        ),
    ],
)
def test_a_links_address_is_kept_for_print(link, printed):
    assert printed in a11y.print_urls(f"<p>{link}</p>", PAGE)


@pytest.mark.parametrize(
    "link",
    [
        '<a href="#first-line">First line</a>',  # within the page
        '<a href="https://doi.org/10.1/ABC">doi:10.1/abc</a>',  # the DOI, whatever its case
        '<a href="https://doi.org/10.1/abc/">doi:10.1/abc</a>',
        '<a href="https://e.org/a/">https://e.org/a</a>',  # the address, with or without its slash
        '<a href="https://e.org/a"><code> e.org/a/ </code></a>',  # or without its scheme
        '<a href="https://e.org/a?u=http://b">e.org/a?u=http://b</a>',
    ],
)
def test_a_link_whose_text_is_its_address_is_printed_once(link):
    assert a11y.print_urls(f"<p>{link}</p>", PAGE) == f"<p>{link}</p>"


def test_without_the_pages_address_links_keep_their_own():
    assert a11y.print_urls('<a href="../stages/">Stages</a>', "") == (
        '<a href="../stages/" data-print-url="../stages/">Stages</a>'
    )


BACK = '<a class="footnote-backref" href="#fnref{}:1" title="Jump back to footnote 1 in the text">&#8617;</a>'


@pytest.mark.parametrize("citations", [1, 3])
def test_a_reference_has_one_back_link_to_its_first_citation(citations):
    content = "<li><p>Ref.&#160;" + "".join(BACK.format(n if n else "") for n in range(citations)) + "</p></li>"
    assert a11y.one_backlink(content) == (
        '<li><p>Ref.&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">'
        "Back to text</a></p></li>"
    )
