"""What the scan of one built page gives the site rules: ids, URLs, leaked markup, unsafe markup, inline code."""

from pathlib import Path

import pytest

from pancreas_kb.checker import html_scan
from pancreas_kb.checker.html_scan import Flag, Raw, Url, scan, scan_site

PAGE = """\
<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src 'self'">\
<meta http-equiv="Refresh" content="0">
<meta name="Referrer" content="no-referrer"><meta name="referrer" content="origin">
<link rel="Stylesheet preload" href="a.css"><link rel="canonical" href="https://kb.example/"><link href="n.css">
<style>body { background: url( "bg.png" ) }
@import 'more.css';</style>
<script type="application/json" data-x>{"a": 1}</script>
</head><body id="top">
<a name="old"></a>
<article class="md-content__inner md-typeset">
<h1 id="title">T</h1><h2>no id</h2><h7 id="x">x</h7>
<p>See [@smith2020] here and [@jones] there
and !!! later.</p>
<pre><code>[@in-code] {{ x }}</code></pre>
<p>[^1]<code>[@c]</code> \\bibliography{x}</p>
<img src=" img/a.png " srcset="b.png 1x, c.png 2x,  ,d.png" alt="">
<video src="v.mp4" poster="p.png"></video>
<a href="../b/#c" onclick="x()" target="_Blank" rel="external">b</a>
<a href="https://o.example/" target="_blank" rel="NoOpener">o</a>
<form action="/go"><button formaction="/b">b</button></form>
<div style="color: red;
 background:url(d.png)">d</div>
<iframe src="f.html" srcdoc="x" referrerpolicy="no-referrer" ping="p"></iframe>
<a href=" JaVa&#9;Script:alert('a:b', 'a long text to cut')">j</a><img src="DATA:,x"><a href="vbscript:x">v</a>
<article><h3 id="inner">I</h3></article>
<h4 id="still">S</h4><script>var inside = 1;</script>
</article>
<h2 id="after">A</h2>
<script>var x = 1;</script><style/>
<script src="x.js" async>
"""


def test_the_scan_keeps_the_pages_path_and_sees_its_article():
    page = scan("a/index.html", PAGE)
    assert (page.path, page.has_article) == ("a/index.html", True)


def test_ids_and_names_are_anchors_and_article_headings_are_the_pages_sections():
    page = scan("a/index.html", PAGE)
    assert page.ids == {"top", "old", "title", "x", "inner", "still", "after", "Referrer", "referrer"}
    assert page.heading_ids == ["title", "inner", "still"]


def test_every_url_is_listed_with_its_line_and_whether_the_page_loads_it():
    page = scan("a/index.html", PAGE)
    assert page.urls == [
        Url("a.css", 3, "link", "href", True, False),
        Url("https://kb.example/", 3, "link", "href", False, False),
        Url("n.css", 3, "link", "href", False, False),
        Url("bg.png", 4, "style", "style", True, False),
        Url("more.css", 5, "style", "style", True, False),
        Url("img/a.png", 15, "img", "src", True, True),
        Url("b.png", 15, "img", "srcset", True, True),
        Url("c.png", 15, "img", "srcset", True, True),
        Url("d.png", 15, "img", "srcset", True, True),
        Url("v.mp4", 16, "video", "src", True, True),
        Url("p.png", 16, "video", "poster", True, True),
        Url("../b/#c", 17, "a", "href", False, True),
        Url("https://o.example/", 18, "a", "href", False, True),
        Url("/go", 19, "form", "action", False, True),
        Url("/b", 19, "button", "formaction", False, True),
        Url("d.png", 21, "div", "style", True, True),
        Url("f.html", 22, "iframe", "src", True, True),
        Url("JaVa\tScript:alert('a:b', 'a long text to cut')", 23, "a", "href", False, True),
        Url("DATA:,x", 23, "img", "src", True, True),
        Url("vbscript:x", 23, "a", "href", False, True),
        Url("x.js", 29, "script", "src", True, False),
    ]


def test_markup_left_unrendered_outside_code_is_flagged_each_time_at_its_line():
    page = scan("a/index.html", PAGE)
    assert page.leaks == [
        Flag(11, "[@", "[@smith2020] here and [@jones] there"),
        Flag(11, "[@", "[@jones] there"),
        Flag(12, "!!!", "!!! later."),
        Flag(14, "[^", "[^1]"),
        Flag(14, "\\bibliography", "\\bibliography{x}"),
    ]


def test_scripts_handlers_and_embedding_are_flagged_anywhere():
    page = scan("a/index.html", PAGE)
    assert page.unsafe == [
        Flag(17, "onclick= event handler on <a>", "onclick="),
        Flag(22, "<iframe> element", "<iframe"),
        Flag(22, "srcdoc= attribute on <iframe>", "srcdoc="),
        Flag(22, "referrerpolicy= attribute on <iframe>", "referrerpolicy="),
        Flag(22, "ping= attribute on <iframe>", "ping="),
        Flag(23, "javascript: URL \" JaVa\\tScript:alert('a:b', 'a long text t\" in href= of <a>", "javascript:"),
        Flag(23, "data: URL 'DATA:,x' in src= of <img>", "data:"),
        Flag(23, "vbscript: URL 'vbscript:x' in href= of <a>", "vbscript:"),
    ]
    assert page.unsafe_new_tabs == [Flag(17, "../b/#c", "../b/#c")]


def test_the_first_of_each_policy_is_kept_and_every_http_equiv_counted():
    page = scan("a/index.html", PAGE)
    assert page.policies == {"content-security-policy": "script-src 'self'", "referrer": "no-referrer"}
    assert page.http_equiv == [(1, "content-security-policy"), (1, "refresh")]
    assert page.referrer_metas == 2


def test_every_inline_script_and_style_is_kept_as_written():
    page = scan("a/index.html", PAGE)
    assert page.raw == [
        Raw(4, "style", "", "body { background: url( \"bg.png\" ) }\n@import 'more.css';", False),
        Raw(6, "script", 'type="application/json" data-x=""', '{"a": 1}', False),
        Raw(25, "script", "", "var inside = 1;", True),
        Raw(28, "script", "", "var x = 1;", False),
        Raw(28, "style", "", "", False),
        Raw(29, "script", 'src="x.js" async=""', "", False),  # unclosed: runs to the end of the page
    ]


@pytest.mark.parametrize(
    ("html", "has_article", "headings"),
    [
        ('<article class="md-content__inner-x"><h2 id="a">A</h2></article>', False, []),
        ('<article><h2 id="a">A</h2></article>', False, []),
        ('<article class="x md-content__inner"><h2 id="a">A</h2></article><h2 id="b">B</h2>', True, ["a"]),
        ('<h2 id="b">B</h2><article class="md-content__inner"></article></article><h2 id="c">C</h2>', True, []),
    ],
)
def test_only_the_themes_article_holds_the_pages_sections(html, has_article, headings):
    page = scan("x.html", html)
    assert (page.has_article, page.heading_ids) == (has_article, headings)


def test_a_leak_is_flagged_at_its_own_line_with_at_most_40_characters_of_it():
    text = "<p>\nAs [@smith2020; @jones2021; @lee2022; @park2023] found.\nThen\nmore.</p>"
    assert scan("x.html", text).leaks == [Flag(2, "[@", "[@smith2020; @jones2021; @lee2022; @park")]


def test_each_leak_of_a_paragraph_is_flagged():
    assert scan("x.html", "<p>[@a], [@b] and [@c].</p>").leaks == [
        Flag(1, "[@", "[@a], [@b] and [@c]."),
        Flag(1, "[@", "[@b] and [@c]."),
        Flag(1, "[@", "[@c]."),
    ]


def test_text_in_a_pre_block_is_code_until_the_pre_closes():
    assert scan("x.html", "<pre><code>x</code>[@in-pre</pre>[@out").leaks == [Flag(1, "[@", "[@out")]


def test_a_new_tab_link_without_an_address_is_listed_with_an_empty_one():
    assert scan("x.html", '<a target="_blank">x</a>').unsafe_new_tabs == [Flag(1, "", "")]


def test_a_policy_meta_without_content_is_the_empty_policy():
    assert scan("x.html", '<meta name="referrer">').policies == {"referrer": ""}


def test_a_script_with_markup_in_a_string_is_kept_whole():
    [raw] = scan("x.html", '<script>var s = "</b>"; if (a < b) {}</script>').raw
    assert raw.text == 'var s = "</b>"; if (a < b) {}'


def test_escaped_markup_is_shown_as_markup():
    assert scan("x.html", "<p>[&#64;x] &lbrack;^1]</p>").leaks == [
        Flag(1, "[@", "[@x] [^1]"),
        Flag(1, "[^", "[^1]"),
    ]


def test_a_pre_block_alone_is_code():
    assert scan("x.html", "<pre>[@p</pre>").leaks == []


def test_stray_closing_code_tags_do_not_hide_later_text():
    assert scan("x.html", "</code></pre><code>a</code>\n<p>{{ x</p>").leaks == [Flag(2, "{{", "{{ x")]


def test_a_nameless_marked_section_is_text_and_the_scan_goes_on():
    page = scan("x.html", '<![[@x\n<![0<a href="y">\n<![^1] <![@k')
    assert page.leaks == [Flag(1, "[@", "[@x"), Flag(3, "[^", "[^1]"), Flag(3, "[@", "[@k")]
    assert [u.url for u in page.urls] == ["y"]


def test_a_named_marked_section_is_not_text():
    assert scan("x.html", "<p>a</p><![CDATA[ [@y ]]>[@z").leaks == [Flag(1, "[@", "[@z")]


def test_a_style_url_is_found_on_its_own_line():
    page = scan("x.html", '<p>x</p><style>\n\nbody { background: url(a.png) }\n</style>\n<p style="\nb: url(b.png)">')
    assert [(u.url, u.line) for u in page.urls] == [("a.png", 3), ("b.png", 6)]


def test_scan_site_lists_every_file_and_scans_every_readable_page(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="i">x</p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="a">x</p>', encoding="utf-8")
    (tmp_path / "a" / "x.png").write_bytes(b"\x89PNG")
    (tmp_path / "bad.html").write_bytes(b"\xff\xfe<p>")
    (tmp_path / "odd.html").write_text("odd", encoding="utf-8")
    real_scan = html_scan.scan

    def scan_or_fail(path, text):
        if path == "odd.html":
            raise KeyError("boom")
        return real_scan(path, text)

    monkeypatch.setattr(html_scan, "scan", scan_or_fail)
    site, unreadable = scan_site(tmp_path)
    assert site.folder == tmp_path
    assert site.files == {"index.html", "a/index.html", "a/x.png", "bad.html", "odd.html"}
    assert {path: page.ids for path, page in site.pages.items()} == {"index.html": {"i"}, "a/index.html": {"a"}}
    assert sorted(unreadable) == [
        ("bad.html", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
        ("odd.html", "the HTML parser failed (KeyError: 'boom')"),
    ]


def test_a_missing_site_folder_has_no_files(tmp_path):
    site, unreadable = scan_site(Path(tmp_path / "none"))
    assert (site.files, site.pages, unreadable) == (set(), {}, [])
