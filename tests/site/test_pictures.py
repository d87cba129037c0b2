"""Pictures in a real build: drawn into the page, and a strict build fails on an unsafe one."""

import pytest

from tests.sitebuilder import build, page

pytestmark = pytest.mark.site

DRAWING = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect class="kb-fig-start" width="5" height="5"/></svg>'
)
UNSAFE = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
# Inert as a file under docs/ (the security part's check lets a <style> through), but a
# style written into a page would restyle the page around it.
STYLED = '<svg xmlns="http://www.w3.org/2000/svg"><style>body{display:none}</style></svg>'
BODY = """
<figure class="kb-picture" markdown>
![A square.](../assets/images/square.svg)
<figcaption markdown>A square.</figcaption>
</figure>

<figure class="kb-icon-array" markdown>
About 11 in 100 people.
</figure>
"""


def site(tmp_path, svg: str, body: str = BODY):
    pages = {
        "index.md": page("Home", audience="all"),
        "patients/p.md": page("P", body=body),
        "assets/images/square.svg": svg,
    }
    return build(tmp_path, pages)


def test_a_drawing_and_an_icon_array_are_written_into_the_page(tmp_path):
    result = site(tmp_path, DRAWING)
    assert result.returncode == 0, result.log
    html = result.html("patients/p/index.html")
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-label="A square."' in html
    assert 'class="kb-icon-array__drawing"' in html
    assert "<figcaption>About 11 in 100 people.</figcaption>" in html


def test_an_unsafe_drawing_fails_the_build_with_its_file(tmp_path):
    result = site(tmp_path, UNSAFE)
    assert result.returncode != 0
    assert "docs/assets/images/square.svg:1: docs-file-type: this SVG holds <script> element" in result.log


def test_a_drawing_with_more_than_drawing_elements_fails_the_build_with_its_file(tmp_path):
    result = site(tmp_path, STYLED)
    assert result.returncode != 0
    assert "docs/assets/images/square.svg:1: picture-unsafe: <style> is not allowed" in result.log


def test_an_icon_array_without_its_figure_fails_the_build_with_its_page(tmp_path):
    result = site(tmp_path, DRAWING, BODY.replace("About 11 in 100 people.", "Most people."))
    assert result.returncode != 0
    assert "docs/patients/p.md:1: icon-array-figure:" in result.log
