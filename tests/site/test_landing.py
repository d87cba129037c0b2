"""Landing pages list every page of their section, in navigation order, with its description."""

from pancreas_kb.domain import section_index
from tests.sitebuilder import page


def _nav(config):
    config["nav"] = [{"Home": "index.md"}, {"Patients": ["patients/index.md", "patients/b.md", "patients/a.md"]}]


def test_landing_page_lists_its_section_in_nav_order_with_descriptions(build_site):
    pages = {
        "index.md": page("Home", audience="all"),
        "patients/index.md": page("Patients", body=f"Our pages.\n\n{section_index.MARKER}"),
        "patients/a.md": page("Alpha [draft]", description="What *alpha* means."),
        "patients/b.md": page("Beta", description="What beta means."),
    }
    result = build_site(pages, config_changes=_nav)
    assert result.returncode == 0, result.log
    html = result.html("patients/index.html")
    listing = html[html.index('class="kb-section-pages"') :]
    assert listing.index('href="b/"') < listing.index('href="a/"'), "navigation order, not file order"
    assert ">Alpha [draft]</a>" in listing and "What *alpha* means." in listing
    assert "What beta means." in listing
    assert section_index.MARKER not in html
    assert 'href="./"' not in listing, "the landing page does not list itself"


def test_render_escapes_markdown_in_titles():
    out = section_index.render([section_index.Entry("a.md", "A [b] c", "d_e")])
    assert out.splitlines()[2] == r"- [A \[b\] c](a.md)  "
