"""Built-site rules on a small hand-written site: the good site passes, each planted fault fails."""

import shutil
from pathlib import Path

import pytest

from pancreas_kb.checker import site_rules as links
from pancreas_kb.checker.html_scan import scan, scan_site
from pancreas_kb.domain import security, theme

GOOD = Path(__file__).parents[1] / "fixtures" / "site-good"
SETTINGS = {"site_url": "https://kb.example/base/"}
# A template script on the allowlist (overrides/partials/javascripts/base.html's).
THEME_SCRIPT = security.inline_scripts(
    (Path(__file__).parents[2] / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
)[0]
SOURCES = {
    "docs/index.md": "---\ntitle: Home\n---\n\n# Home\n\nRead [page A](a.md).\n",
    "docs/a.md": "---\ntitle: A\n---\n\n# Page A\n\n## Goals\n\nBack [home](index.md).\n",
}


def check(folder: Path, sources=SOURCES):
    site, unreadable = scan_site(folder)
    assert unreadable == []
    return links.check(links.context(site, "site", SETTINGS, "docs/", sources))


@pytest.fixture
def site(tmp_path):
    """A copy of the good site; plant(path, html) puts markup into a page's content."""
    folder = tmp_path / "site"
    shutil.copytree(GOOD, folder)

    def plant(page: str, html: str, where: str = "</article>"):
        target = folder / page
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace(where, f"{html}\n{where}", 1), encoding="utf-8")
        return check(folder, {**SOURCES, "docs/a.md": SOURCES["docs/a.md"] + f"\n{html}\n"})

    return plant


def rules(findings):
    return [(f.path, f.line, f.rule) for f in findings]


def test_good_site_has_no_findings():
    assert check(GOOD) == []


@pytest.mark.parametrize("href", ["../missing/", "missing.md", "../a/img/none.png", "../../outside/", "/elsewhere/"])
def test_broken_internal_link(site, href):
    found = site("a/index.html", f'<p><a href="{href}">x</a></p>')
    assert rules(found) == [("docs/a.md", 11, "broken-link")]
    assert f"'{href}'" in found[0].message and "built: site/a/index.html:16" in found[0].message


def test_broken_image_is_a_broken_link(site):
    found = site("a/index.html", '<img src="img/missing.png" alt="">')
    assert [f.rule for f in found] == ["broken-link"]


@pytest.mark.parametrize("href", ["../#nowhere", "#nowhere", "../a/index.html#nowhere"])
def test_missing_anchor(site, href):
    found = site("a/index.html", f'<p><a href="{href}">x</a></p>')
    assert rules(found) == [("docs/a.md", 11, "missing-anchor")]
    assert "'nowhere'" in found[0].message


def test_anchor_given_by_an_empty_element_counts(site):
    assert site("index.html", '<p><a href="a/#old-goals">old</a></p>') == []


@pytest.mark.parametrize(
    "text, token",
    [
        ("As shown [@smith2020].", "[@"),
        ("\\bibliography{references}", "\\bibliography"),
        ("!!! note", "!!!"),
        ("Hello {{ page.title }}", "{{"),
        ("A claim[^1].", "[^"),
    ],
)
def test_leaked_markup_outside_code(site, text, token):
    found = site("a/index.html", f"<p>{text}</p>")
    assert rules(found) == [("docs/a.md", 11, "leaked-markup")]
    assert f"'{token}'" in found[0].message


@pytest.mark.parametrize(
    "html, what",
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<p onclick="steal()">x</p>', "onclick="),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="java\tscript:alert(1)">x</a>', "javascript:"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ('<img src=" DATA:image/svg+xml,<svg onload=alert(1)>" alt="">', "data:"),
        ('<iframe src="../"></iframe>', "<iframe>"),
    ],
)
def test_unsafe_content_in_the_article(site, html, what):
    found = site("a/index.html", html)
    assert [f.rule for f in found] == ["unsafe-content"]
    assert found[0].path == "docs/a.md"
    assert what in found[0].message


def test_a_listed_template_script_outside_the_article_passes(site):
    listed = '<script data-scope="..">' + THEME_SCRIPT + "</script>"
    assert site("a/index.html", listed, where="</body>") == []


@pytest.mark.parametrize("where", ["</head>", '<div class="md-content">', "</body>"])
def test_an_unlisted_script_anywhere_in_the_page_is_refused(site, where):
    """A title or description printed unescaped puts its script in the head, header or footer."""
    found = site("a/index.html", "<script>window.x = 1</script>", where=where)
    assert [f.rule for f in found] == ["unsafe-content"] and "inline-scripts.yml" in found[0].message


def test_a_page_body_that_closes_the_article_is_still_scanned(site):
    found = site("a/index.html", '</article><script>alert(1)</script><article class="md-content__inner">')
    assert [f.rule for f in found] == ["unsafe-content"]


def test_even_a_listed_script_inside_the_article_is_refused(site):
    found = site("a/index.html", '<script data-scope="..">' + THEME_SCRIPT + "</script>")
    assert [f.rule for f in found] == ["unsafe-content"]


@pytest.mark.parametrize(
    "html, where, what",
    [
        ("<style>.kb-trust{display:none}</style>", "</article>", "<style>"),
        ("<style>" + theme.css() + "</style>", "</article>", "<style>"),
        ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "</article>", "refresh"),
        ('<meta http-equiv="set-cookie" content="a=b">', "</head>", "set-cookie"),
        ('<meta name="referrer" content="unsafe-url">', "</head>", "referrer"),
        ('<base href="https://evil.example/">', "</head>", "<base>"),
        ('<a href="https://other.example/" referrerpolicy="unsafe-url">x</a>', "</article>", "referrerpolicy="),
        ('<a href="https://other.example/" ping="https://evil.example/">x</a>', "</article>", "ping="),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "</body>", "srcdoc="),
        ('<span onmouseover="steal()">x</span>', '<div class="md-content">', "onmouseover="),
        ('<script type="text/x-template">x</script>', "</body>", "text/x-template"),
    ],
)
def test_markup_only_the_site_writes_is_refused_in_pages(site, html, where, what):
    found = site("a/index.html", html, where=where)
    assert found and {f.rule for f in found} == {"unsafe-content"}
    assert any(what in f.message for f in found)


def test_the_generated_style_and_data_blocks_in_the_head_pass(site):
    html = "<style>" + theme.css() + '</style><script type="application/ld+json">{}</script>'
    assert site("a/index.html", html, where="</head>") == []


def test_a_refresh_passes_only_on_a_redirect_page_listed_in_mkdocs_yml(tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(GOOD, folder)
    (folder / "old").mkdir()
    (folder / "old" / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8">'
        + security.policy_tags("/base/")
        + '<meta http-equiv="refresh" content="0; url=../a/"></head><body></body></html>',
        encoding="utf-8",
    )
    listed = {**SETTINGS, "plugins": [{"redirects": {"redirect_maps": {"old.md": "a.md"}}}]}
    site, _ = scan_site(folder)
    assert links.check(links.context(site, "site", listed, "docs/", SOURCES)) == []
    assert [f.rule for f in check(folder)] == ["unsafe-content"]


@pytest.mark.parametrize(
    "html",
    [
        '<link rel="stylesheet" href="https://cdn.example/x.css">',
        '<script src="//cdn.example/x.js"></script>',
        '<link rel="preconnect" href="https://fonts.example">',
        '<img src="https://images.example/x.png" alt="">',
        '<img srcset="../img/logo.png 1x, https://images.example/x.png 2x" alt="">',
        '<div style="background: url(https://images.example/x.png)"></div>',
        '<style>@font-face { src: url("https://fonts.example/a.woff2") }</style>',
        '<video src="https://media.example/v.mp4"></video>',
    ],
)
def test_asset_from_another_origin(site, html):
    found = site("a/index.html", html, where="</head>")
    assert [f.rule for f in found if f.rule != "unsafe-content"] == ["foreign-asset"]


def test_links_to_other_sites_and_own_origin_assets_pass(site):
    html = '<link rel="icon" href="https://kb.example/base/img/logo.png"><a href="https://other.example/">x</a>'
    assert site("a/index.html", html, where="</head>") == []


def test_new_tab_without_noopener(site):
    found = site("a/index.html", '<a href="https://example.org/" target="_blank" rel="external">x</a>')
    assert [f.rule for f in found] == ["unsafe-new-tab"]


def test_new_tab_with_noopener_passes(site):
    assert site("index.html", '<a href="https://example.org/" target="_blank" rel="noopener noreferrer">x</a>') == []


def test_text_not_in_the_source_points_at_line_1_and_the_built_file(site):
    found = site("index.html", '<a href="gone/">x</a>')  # docs/index.md has no such text
    assert rules(found) == [("docs/index.md", 1, "broken-link")]
    assert "built: site/index.html:23" in found[0].message


def test_scan_survives_malformed_html():
    page = scan("x.html", '<article class="md-content__inner"><p <a href="x" <<>>& <script>\n[@')
    assert page.has_article


def test_page_urls_follow_mkdocs():
    assert links.page_url("index.md") == ""
    assert links.page_url("patients/index.md") == "patients/"
    assert links.page_url("patients/treatment.md") == "patients/treatment/"
    assert links.page_url("patients/treatment.md", use_directory_urls=False) == "patients/treatment.html"
    assert links.url_file("patients/") == "patients/index.html"


@pytest.mark.parametrize(
    "policy, rule",
    [
        ('<meta name="referrer" content="no-referrer">', "missing-security-policy"),
        (
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' "
            '\'unsafe-inline\'; object-src \'none\'"><meta name="referrer" content="no-referrer">',
            "missing-security-policy",
        ),
        (
            "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'; object-src 'none'\">"
            '<meta name="referrer" content="origin">',
            "missing-referrer-policy",
        ),
    ],
)
def test_page_without_the_security_policies(tmp_path, policy, rule):
    folder = tmp_path / "site"
    shutil.copytree(GOOD, folder)
    page = folder / "a" / "index.html"
    text = page.read_text(encoding="utf-8")
    start = text.index("<meta http-equiv")
    end = text.index("\n", start)
    page.write_text(text[:start] + policy + text[end:], encoding="utf-8")
    found = check(folder)
    assert [(f.rule, f.path) for f in found] == [(rule, "docs/a.md")]
    assert "knowledge-base plugin" in found[0].message
