"""The local server the browser tests and the benchmark use: GitHub Pages' behaviour."""

import gzip
import urllib.error
import urllib.request

import pytest

from pancreas_kb.tools.site_server import serve, site_path, wants_gzip
from tests.sitebuilder import ROOT


@pytest.fixture
def site(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text("<h1>Home</h1>" + "text " * 200, encoding="utf-8")
    (tmp_path / "guide" / "index.html").write_text("<h1>Guide</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Page not found</h1>", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG not really")
    return tmp_path


def fetch(url, encoding=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_pages_are_served_under_the_published_path(site):
    with serve(site, "/kb/") as base:
        assert base.endswith("/kb/")
        status, _, body = fetch(base + "guide/")
        assert status == 200 and b"Guide" in body
        status, _, body = fetch(base.replace("/kb/", "/guide/"))
        assert status == 404 and b"Page not found" in body


def test_missing_address_gets_the_404_page_with_status_404(site):
    with serve(site, "/kb/") as base:
        status, headers, body = fetch(base + "no/such/page/")
    assert status == 404
    assert body == b"<h1>Page not found</h1>"
    assert headers["Content-Type"].startswith("text/html")


def test_text_is_gzipped_when_the_browser_asks_and_only_then(site):
    with serve(site) as base:
        status, headers, body = fetch(base, "gzip, deflate, br")
        assert status == 200 and headers.get("Content-Encoding") == "gzip"
        assert gzip.decompress(body).startswith(b"<h1>Home</h1>")
        assert int(headers["Content-Length"]) == len(body) < (site / "index.html").stat().st_size
        _, headers, body = fetch(base)
        assert "Content-Encoding" not in headers and body.startswith(b"<h1>Home</h1>")
        _, headers, body = fetch(base + "logo.png", "gzip")
        assert "Content-Encoding" not in headers, "images are already compressed"


@pytest.mark.parametrize(
    "header, expected",
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("*", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("", False),
        ("br", False),
    ],
)
def test_accept_encoding_is_read_as_browsers_send_it(header, expected):
    assert wants_gzip(header) is expected


def test_the_published_path_comes_from_site_url():
    assert site_path(ROOT).startswith("/") and site_path(ROOT).endswith("/")
    assert site_path(ROOT) != "/", "the real site_url has a path, as a project site on GitHub Pages does"
