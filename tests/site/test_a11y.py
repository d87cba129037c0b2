"""Server-side accessibility and print fixes to the theme's HTML."""

from pancreas_kb.domain import a11y
from tests.sitebuilder import page


def test_permalinks_are_labelled_with_their_heading():
    html = (
        '<h2 id="ca">The <abbr title="x">CA19-9</abbr> &amp; you<a class="headerlink" href="#ca" '
        'title="Link to this section">&para;</a></h2>'
    )
    assert 'aria-label="Link to this section: The CA19-9 &amp; you"' in a11y.label_permalinks(html)


def test_task_items_label_their_checkbox_and_links_carry_print_urls():
    html = '<li class="task-list-item"><input type="checkbox" disabled/> Ask <a href="../x/">this</a></li>'
    out = a11y.print_urls(a11y.label_tasks(html), "https://s.org/kb/p/")
    assert '<label class="kb-task"><input type="checkbox" disabled/> Ask <a href="../x/" ' in out
    assert 'data-print-url="https://s.org/kb/x/"' in out
    assert a11y.print_urls('<a href="#fn:1">1</a>', "https://s.org/") == '<a href="#fn:1">1</a>'


def test_a_link_whose_text_is_its_address_prints_it_once():
    for link in ('<a href="https://a.org/x/">https://a.org/x</a>', '<a href="https://doi.org/10.1/AB">doi:10.1/ab</a>'):
        assert a11y.print_urls(link, "https://s.org/") == link
    assert "data-print-url" in a11y.print_urls('<a href="https://pubmed.org/1/">PMID: 1</a>', "https://s.org/")


def test_one_back_link_per_reference_to_its_first_citation():
    arrows = "".join(
        f'<a class="footnote-backref" href="#fnref{n}:k" title="Back to citation 1">&#8617;</a>' for n in ("", "2", "3")
    )
    out = a11y.one_backlink(f"<li id='fn:k'><p>Ref.&#160;{arrows}</p></li>")
    assert out == (
        '<li id=\'fn:k\'><p>Ref.&#160;<a class="footnote-backref" href="#fnref:k" '
        'title="Back to citation 1">Back to text</a></p></li>'
    )


def test_built_pages_carry_the_fixes(build_site):
    result = build_site({"index.md": page("Home", body="## Questions {#q}\n\n- [ ] What next?")})
    assert result.returncode == 0, result.log
    html = result.html()
    assert '<label class="kb-search__label" for="kb-search-input">Search this site</label>' in html
    assert 'aria-label="Link to this section: Questions"' in html
    assert '<label class="kb-task"><input type="checkbox" disabled/> What next?</label>' in html
    assert 'for="kb-search-input">Search this site</label>' in result.html("404.html")
