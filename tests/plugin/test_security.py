"""The security part's own steps: the site's path for the worker, and the redirect pages it rewrites."""

from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.exceptions import PluginError

from pancreas_kb.domain import security as policy
from pancreas_kb.domain.moved_sections import Move
from pancreas_kb.plugin import moved_sections, security
from tests.sitebuilder import ROOT


@pytest.mark.parametrize(
    "site_url, path",
    [
        (None, "/"),
        ("", "/"),
        ("https://kb.example", "/"),
        ("https://kb.example/", "/"),
        ("https://kb.example/kb", "/kb/"),
        ("https://kb.example/a/kb/", "/a/kb/"),
    ],
)
def test_the_policy_is_for_the_path_the_site_is_served_under(site_url, path):
    assert security._base_path(SimpleNamespace(site_url=site_url)) == path


@pytest.mark.parametrize("target", ["../clinicians/therapy/#doses", "https://example.org/x", "HTTP://example.org/ x"])
def test_a_redirect_to_a_page_or_a_web_address_is_kept(target):
    assert security.redirect_target(target) == target


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "mailto:a@b.org", "../a/\n", "/a\x1f"]
)
def test_a_redirect_anywhere_else_stops_the_build(target):
    with pytest.raises(PluginError) as raised:
        security.redirect_target(target)
    assert str(raised.value) == f"redirect_maps: '{target!r}' is not a page of this site or a web address"


def site_with_redirects(tmp_path, redirects: dict, directory_urls: bool = True):
    therapy = SimpleNamespace(url="clinicians/therapy/" if directory_urls else "clinicians/therapy.html")
    plugin = SimpleNamespace(redirects=redirects, doc_pages={"clinicians/therapy.md": therapy})
    return SimpleNamespace(
        plugins={"redirects": plugin},
        use_directory_urls=directory_urls,
        site_dir=str(tmp_path),
        site_url="https://kb.example/kb/",
    )


ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))


def redirect_page(target: str, moved: str = "") -> str:
    return ENV.get_template(security.REDIRECT_TEMPLATE).render(
        target=target, policies=policy.policy_tags("/kb/"), moved=moved
    )


def test_each_old_address_becomes_a_page_with_the_policies_that_sends_the_reader_on(tmp_path):
    config = site_with_redirects(
        tmp_path,
        {
            "gone.md": "clinicians/missing.md",  # mkdocs-redirects warned: the strict build fails
            "old-therapy.md": "clinicians/therapy.md#doses",
            "about/old.md": "https://example.org/a?b=1&c=2",
            "about/older.md": "HTTP://example.org/b",
        },
    )
    security._redirects(config, ENV)
    assert (tmp_path / "old-therapy" / "index.html").read_text("utf-8") == redirect_page("../clinicians/therapy/#doses")
    about = (tmp_path / "about" / "old" / "index.html").read_text("utf-8")
    assert about == redirect_page("https://example.org/a?b=1&c=2")
    assert '<meta http-equiv="refresh" content="0; url=https://example.org/a?b=1&amp;c=2">' in about
    assert (tmp_path / "about" / "older" / "index.html").read_text("utf-8") == redirect_page("HTTP://example.org/b")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html")) == [
        "about/old/index.html",
        "about/older/index.html",
        "old-therapy/index.html",
    ]


@pytest.mark.parametrize(
    "directory_urls, path, target",
    [
        (True, "old-therapy/index.html", "../clinicians/therapy/"),
        (False, "old-therapy.html", "clinicians/therapy.html"),
    ],
)
def test_a_redirect_page_carries_where_the_old_pages_sections_moved(
    tmp_path, monkeypatch, directory_urls, path, target
):
    config = site_with_redirects(tmp_path, {"old-therapy.md": "clinicians/therapy.md"}, directory_urls)
    therapy = config.plugins["redirects"].doc_pages["clinicians/therapy.md"]
    moves = [
        Move("old-therapy.md", "doses", "clinicians/therapy.md", "dosing", 3),
        Move("old-therapy.md", "intro", "clinicians/therapy.md", "", 4),
        Move("other.md", "x", "clinicians/therapy.md", "y", 5),
    ]
    files = SimpleNamespace(get_file_from_path={"clinicians/therapy.md": therapy}.get)
    monkeypatch.setitem(moved_sections._builds, id(config), moved_sections.Build(moves, files))
    security._redirects(config, ENV)
    moved = f'{{"doses": "{target}#dosing", "intro": "{target}"}}'
    assert (tmp_path / path).read_text("utf-8") == redirect_page(target, moved)


def test_without_directory_urls_the_redirect_is_an_html_file_beside_its_page(tmp_path):
    config = site_with_redirects(tmp_path, {"old-therapy.md": "clinicians/therapy.md"}, directory_urls=False)
    security._redirects(config, ENV)
    assert (tmp_path / "old-therapy.html").read_text("utf-8") == redirect_page("clinicians/therapy.html")


def test_a_redirect_to_an_address_that_is_not_the_webs_stops_the_build(tmp_path):
    config = site_with_redirects(tmp_path, {"old.md": "https://example.org/\x01"})
    with pytest.raises(PluginError, match="is not a page of this site or a web address"):
        security._redirects(config, ENV)


def test_without_the_redirects_plugin_nothing_is_written(tmp_path):
    config = site_with_redirects(tmp_path, {})
    config.plugins = {}
    security._redirects(config, ENV)
    assert list(tmp_path.iterdir()) == []
