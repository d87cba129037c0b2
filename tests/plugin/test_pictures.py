"""The pictures part on one page: drawings written in, unsafe ones refused, icon arrays drawn in the page's language."""

import logging
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from pancreas_kb.plugin import build_state, pictures

DRAWING = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>T</title><path d="M0,0h1"/></svg>'
UNSAFE = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ICON_ARRAY = '<figure class="kb-icon-array">\n<p>{}</p>\n</figure>'


@pytest.fixture
def site(tmp_path, monkeypatch):
    """docs/ with a drawing, an unsafe drawing and an SVG outside assets/images/; strings in two languages."""
    docs = tmp_path / "docs"
    for path, text in {
        "assets/images/liver.svg": DRAWING,
        "assets/images/bad.svg": UNSAFE,
        "other/liver.svg": DRAWING,
    }.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, "utf-8")
    files = Files(
        [
            File(p, str(docs), str(tmp_path / "site"), True)
            for p in ("assets/images/liver.svg", "assets/images/bad.svg", "other/liver.svg")
        ]
    )
    monkeypatch.setattr(
        build_state,
        "current",
        build_state.Build(
            strings={"pictures": {"icon_array": "unused: {count}"}},
            strings_by_language={
                "en": {"pictures": {"icon_array": "{count} filled, {rest} outlined"}},
                "es": {"pictures": {"icon_array": "{count} en color, {rest} en contorno"}},
            },
        ),
    )
    return files


def render(html: str, files, src_uri: str = "patients/what-it-means.md") -> str:
    url = src_uri.removesuffix(".md") + "/"
    page = SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src_uri))
    return pictures.on_page_content(html, page, None, files)


def test_a_drawing_under_assets_images_is_written_into_the_page_named_by_its_alternative(site):
    html = '<h1>X</h1>\n<p><img alt="The liver" src="../../assets/images/liver.svg" /></p>\n<p>After.</p>'
    assert render(html, site) == (
        "<h1>X</h1>\n"
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-label="The liver" '
        'class="kb-picture__drawing"><path d="M0,0h1" /></svg>\n<p>After.</p>'
    )


@pytest.mark.parametrize(
    "src",
    [
        "../../other/liver.svg",  # an SVG in docs/ but not a picture
        "../../assets/images/missing.svg",  # not in the site's files
        "https://example.org/assets/images/liver.svg",  # another site's
    ],
)
def test_an_image_that_is_not_one_of_the_sites_pictures_stays_a_linked_image(site, src):
    html = f'<p>Before.</p>\n<p><img alt="A liver" src="{src}" /></p>'
    assert render(html, site) == html


def test_an_unsafe_drawing_is_left_out_and_fails_the_build_naming_its_file(site, caplog):
    html = '<p>Before.</p>\n<p><img alt="Bad" src="../../assets/images/bad.svg" /></p>\n<p>After.</p>'
    with caplog.at_level(logging.ERROR):
        assert render(html, site) == "<p>Before.</p>\n\n<p>After.</p>"
    assert caplog.messages == [
        "docs/assets/images/bad.svg:1: picture-unsafe: <script> is not allowed in a picture; "
        "a picture holds only its drawing"
    ]


@pytest.mark.parametrize(
    "src_uri, label",
    [
        ("patients/what-it-means.md", 'aria-label="11 filled, 89 outlined"'),
        ("es/patients/what-it-means.md", 'aria-label="11 en color, 89 en contorno"'),
    ],
)
def test_an_icon_array_is_described_in_the_pages_own_language(site, src_uri, label):
    drawn = render(ICON_ARRAY.format("About 11 in 100 people."), site, src_uri)
    assert label in drawn
    assert drawn.endswith("<figcaption>About 11 in 100 people.</figcaption></figure>")


def test_an_icon_array_without_a_figure_fails_the_build_naming_the_page(site, caplog):
    html = ICON_ARRAY.format("Most people.")
    with caplog.at_level(logging.ERROR):
        assert render(html, site, "es/patients/x.md") == html
    assert caplog.messages == [
        'docs/es/patients/x.md:1: icon-array-figure: icon array "Most people.": its caption must say how many '
        '"in 100", e.g. "About 11 in 100 people ..."'
    ]
