"""The site rules' whole findings on small in-memory pages: where an editor is sent, and what they read."""

from pathlib import Path

import pytest

from pancreas_kb.checker import site_rules
from pancreas_kb.checker.html_scan import Site, scan
from pancreas_kb.checker.site_rules import EXTERNAL, INTERNAL, OTHER, Resolved
from pancreas_kb.domain import security
from pancreas_kb.domain.findings import Finding

SETTINGS = {"site_url": "https://KB.example/base/"}
HEAD = '<html><head><meta charset="utf-8">' + security.policy_tags("/base/") + "</head><body>\n"
REMOVE_SCRIPT = (
    "; pages may not carry scripts or style rules: remove it (a template change belongs in overrides/, "
    "reviewed by the maintainers)"
)


def context(pages: dict[str, str], sources: dict[str, str] | None = None, settings=SETTINGS, files=()):
    site = Site(Path("site"), {*pages, *files}, {path: scan(path, html) for path, html in pages.items()})
    sources = {"docs/index.md": "# Home\n", "docs/a.md": "# A\n"} if sources is None else sources
    return site_rules.context(site, "site", settings, "docs/", sources)


CTX = context(
    {
        "index.html": '<p id="intro">x</p>',
        "a/index.html": '<h2 id="goals">G</h2><p id="café">c</p>',
    },
    files={"a/img/x.png", "assets/site.css"},
)


# --- resolving a URL --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "url", "resolved"),
    [
        ("a/index.html", "http://[bad", Resolved(INTERNAL, None, "", "the URL is malformed")),
        ("a/index.html", "MAILTO:x@y.org", Resolved(OTHER)),
        ("a/index.html", "tel:123", Resolved(OTHER)),
        ("a/index.html", "HTTPS://KB.EXAMPLE/base/a/", Resolved(INTERNAL, "a/index.html")),
        ("a/index.html", "http://kb.example/base/a/", Resolved(EXTERNAL)),  # another origin: http, not https
        ("a/index.html", "//kb.example/base/a/#goals", Resolved(INTERNAL, "a/index.html", "goals")),
        ("a/index.html", "https://kb.example/base/", Resolved(INTERNAL, "index.html")),
        ("a/index.html", "https://kb.example/other/", Resolved(EXTERNAL)),
        ("a/index.html", "https://other.example/base/a/", Resolved(EXTERNAL)),
        ("a/index.html", "/base/a/#goals", Resolved(INTERNAL, "a/index.html", "goals")),
        (
            "a/index.html",
            "/a/#goals",
            Resolved(
                INTERNAL, None, "goals", "the site is served under /base/, so this path leaves it; use a relative link"
            ),
        ),
        ("a/index.html", "#caf%C3%A9", Resolved(INTERNAL, "a/index.html", "café")),
        ("a/index.html", "?q=1", Resolved(INTERNAL, "a/index.html")),
        ("a/index.html", "../../x#y", Resolved(INTERNAL, None, "y", "the path climbs above the site's root folder")),
        ("index.html", "..", Resolved(INTERNAL, None, "", "the path climbs above the site's root folder")),
        ("a/index.html", "../", Resolved(INTERNAL, "index.html")),
        ("a/index.html", "..", Resolved(INTERNAL, "index.html")),
        ("a/index.html", ".", Resolved(INTERNAL, "a/index.html")),
        ("a/index.html", "img/x%2Epng", Resolved(INTERNAL, "a/img/x.png")),
        ("index.html", "a", Resolved(INTERNAL, "a/index.html")),
        ("index.html", "a/img/x.png", Resolved(INTERNAL, "a/img/x.png")),
        ("a/index.html", "img/x.png/", Resolved(INTERNAL, None, "", "no file in the built site serves it")),
        ("a/index.html", "img/none.png#f", Resolved(INTERNAL, None, "f", "no file in the built site serves it")),
    ],
)
def test_a_url_resolves_to_the_built_file_that_serves_it(page, url, resolved):
    assert site_rules.resolve(CTX, page, url) == resolved


def test_a_site_served_at_the_root_takes_absolute_paths():
    ctx = context({"index.html": "", "a/index.html": ""}, settings={"site_url": "https://kb.example"})
    assert (ctx.origin, ctx.base_path) == ("https://kb.example", "/")
    assert site_rules.resolve(ctx, "index.html", "/a/") == Resolved(INTERNAL, "a/index.html")
    assert site_rules.resolve(ctx, "index.html", "https://kb.example/a/") == Resolved(INTERNAL, "a/index.html")


def test_without_a_site_url_every_absolute_url_is_external():
    ctx = context({"index.html": ""}, settings={})
    assert (ctx.origin, ctx.base_path) == (None, "/")
    assert site_rules.resolve(ctx, "index.html", "https://kb.example/") == Resolved(EXTERNAL)


# --- the context: which Markdown file built which page --------------------------------------------------


def test_each_built_page_is_mapped_to_its_markdown_source():
    sources = {"docs/index.md": "", "docs/patients/README.md": "", "docs/x/y.md": "", "other/z.md": "", "docs/c.md": ""}
    ctx = context({}, sources)
    assert ctx.sources == {
        "index.html": "docs/index.md",
        "patients/index.html": "docs/patients/README.md",
        "x/y/index.html": "docs/x/y.md",
        "other/z/index.html": "other/z.md",
        "c/index.html": "docs/c.md",
    }
    flat = context({}, {"docs/index.md": "", "docs/c.md": ""}, {**SETTINGS, "use_directory_urls": False})
    assert flat.sources == {"index.html": "docs/index.md", "c.html": "docs/c.md"}
    assert context({}, {"docs/c.md": ""}, {**SETTINGS, "use_directory_urls": None}).sources == {
        "c/index.html": "docs/c.md"
    }


def test_redirect_pages_are_the_built_files_of_the_redirect_map():
    settings = {"plugins": ["search", {"redirects": {"redirect_maps": {"old.md": "a.md", "x/index.md": "a.md"}}}]}
    assert site_rules.redirect_files(settings, True) == {"old/index.html", "x/index.html"}
    assert site_rules.redirect_files(settings, False) == {"old.html", "x/index.html"}
    assert site_rules.redirect_files({"plugins": ["redirects"]}, True) == frozenset()
    assert site_rules.redirect_files({"plugins": [{"redirects": {"redirect_maps": None}}]}, True) == frozenset()
    assert site_rules.redirect_files({}, True) == frozenset()
    assert context({}, settings=settings).redirects == {"old/index.html", "x/index.html"}


def test_url_file_serves_a_directory_by_its_index():
    assert [site_rules.url_file(u) for u in ("", "a/", "a.html", "a")] == [
        "index.html",
        "a/index.html",
        "a.html",
        "a",
    ]


# --- where a finding points ----------------------------------------------------------------------------


def test_a_finding_points_at_the_first_source_line_holding_the_first_needle_found():
    ctx = context({}, {"docs/a.md": "# A\n\none <b>\ntwo <b> and x\n"})
    page = scan("a/index.html", "")
    assert site_rules.locate(ctx, page, 9, ["absent", "<b>", "x"]) == ("docs/a.md", 3, "site/a/index.html:9")
    assert site_rules.locate(ctx, page, 9, ["x", "<b>"]) == ("docs/a.md", 4, "site/a/index.html:9")
    assert site_rules.locate(ctx, page, 9, ["absent"]) == ("docs/a.md", 1, "site/a/index.html:9")
    assert site_rules.locate(ctx, page, 9, ["", "x"]) == ("docs/a.md", 4, "site/a/index.html:9")  # "" is no clue
    assert site_rules.locate(ctx, scan("b/index.html", ""), 9, ["x"]) == ("site/b/index.html", 9, "site/b/index.html:9")


# --- the rules, each with its whole finding ----------------------------------------------------------------

PAGE = (
    HEAD
    + """<article class="md-content__inner">
<p><a href="../gone/">gone</a> <img src="img/none.png" alt=""></p>
<p><a href="../#nowhere">home</a> <a href="#goals">goals</a> <a href="mailto:x@y.org">mail</a></p>
<p>As shown [@smith2020] and {{ page.title }}</p>
<span onclick="steal()">x</span>
<style>.kb-trust{display:none}</style>
<script type="text/x-template">tpl</script>
<script type="application/json">{}</script> <script type="Application/LD+JSON">{}</script>
<script title="src =x">alert(1)</script>
<script>window.x = 1</script>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<meta name="referrer" content="unsafe-url">
<img src="https://images.example/x.png" alt=""> <a href="https://other.example/">followed, not loaded</a>
<a href="https://example.org/" target="_blank">out</a> <a href="../" target="_blank">in</a>
<h2 id="goals">Goals</h2>
</article></body></html>
"""
)
SOURCE = """# A

See [gone](../gone/) and ![](img/none.png).

Go [home](../#nowhere).

As shown [@smith2020] and {{ page.title }}

<span onclick="steal()">x</span>

<script type="text/x-template">tpl</script>

<meta http-equiv="refresh" content="0; url=https://evil.example/">

<meta name="referrer" content="unsafe-url">
"""


def test_every_fault_of_a_page_is_reported_at_its_source_line_with_its_remedy():
    ctx = context(
        {"index.html": '<p id="intro">x</p>', "a/index.html": PAGE}, {"docs/index.md": "", "docs/a.md": SOURCE}
    )
    built = "(built: site/a/index.html:{})".format
    assert site_rules.check(ctx) == [
        Finding(
            "docs/a.md",
            1,
            "foreign-asset",
            "'https://images.example/x.png' is loaded from another origin by <img src>; that request tells a third "
            "party who reads this page: copy the file into docs/ and link it relatively, or remove it " + built(14),
        ),
        Finding(
            "docs/a.md",
            1,
            "unsafe-content",
            "a <style> element: style rules in a page can hide warnings or show a review badge"
            + REMOVE_SCRIPT
            + " "
            + built(7),
        ),
        Finding(
            "docs/a.md",
            1,
            "unsafe-new-tab",
            "'https://example.org/' opens in a new tab without rel=\"noopener\", which lets the other site control "
            "this tab; add it: [text](url){target=_blank rel=noopener} " + built(15),
        ),
        Finding(
            "docs/a.md",
            3,
            "broken-link",
            "'../gone/' links to nothing: no file in the built site serves it; link to an existing page by its "
            "relative .md path (e.g. ../patients/treatment.md) or file " + built(3),
        ),
        Finding(
            "docs/a.md",
            3,
            "broken-link",
            "'img/none.png' loads (<img src>) nothing: no file in the built site serves it; link to an existing page "
            "by its relative .md path (e.g. ../patients/treatment.md) or file " + built(3),
        ),
        Finding(
            "docs/a.md",
            5,
            "missing-anchor",
            "'../#nowhere': index.html has no element with id 'nowhere'; link to a heading that exists (see the "
            "page's table of contents) or give the heading that id with {#nowhere} " + built(4),
        ),
        Finding(
            "docs/a.md",
            7,
            "leaked-markup",
            "'[@' is shown to readers as text ('[@smith2020] and {{ page.title }}'); a citation that was not "
            "rendered: write [@key] with a key that is in references.bib " + built(5),
        ),
        Finding(
            "docs/a.md",
            7,
            "leaked-markup",
            "'{{' is shown to readers as text ('{{ page.title }}'); template syntax is not processed in pages; "
            "remove it, or put it in `code` " + built(5),
        ),
        Finding(
            "docs/a.md",
            9,
            "unsafe-content",
            "onclick= event handler on <span> in page content; pages may not run scripts or embed other documents: "
            "remove it (the theme provides every script the site needs) " + built(6),
        ),
        Finding("docs/a.md", 11, "unsafe-content", "a <script type=''> element" + REMOVE_SCRIPT + " " + built(10)),
        Finding(
            "docs/a.md",
            11,
            "unsafe-content",
            "a <script type='text/x-template'> element" + REMOVE_SCRIPT + " " + built(8),
        ),
        Finding(
            "docs/a.md",
            11,
            "unsafe-content",
            "an inline <script> that no template of the site contains (not in inline-scripts.yml)"
            + REMOVE_SCRIPT
            + " "
            + built(11),
        ),
        Finding(
            "docs/a.md",
            13,
            "unsafe-content",
            '<meta http-equiv="refresh"> in a page; only the site writes these (its policy, and the refresh of a '
            "redirect page listed in mkdocs.yml): remove it " + built(12),
        ),
        Finding(
            "docs/a.md",
            15,
            "unsafe-content",
            'a second <meta name="referrer">; the site\'s no-referrer policy is the only one: remove it ' + built(1),
        ),
    ]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "\\bibliography{refs}",
            "LaTeX bibliography commands are not processed; the References list is added "
            "automatically where a page cites",
        ),
        (
            "!!! note",
            "an admonition that was not rendered: put '!!! type \"Title\"' on its own line after a blank "
            "line, and indent its content by 4 spaces",
        ),
        (
            "A claim[^1].",
            "a footnote that was not rendered: define it with a '[^label]: text' line, or cite with [@key]",
        ),
    ],
)
def test_each_leaked_markup_names_its_remedy(text, hint):
    ctx = context({"a/index.html": f"<p>{text}</p>"})
    [finding] = site_rules.leaked_markup(ctx, ctx.site.pages["a/index.html"])
    assert finding.message.endswith(f"; {hint} (built: site/a/index.html:1)")


def test_a_listed_script_or_generated_style_passes_only_outside_the_article():
    listed = security.inline_scripts(
        (Path(__file__).parents[2] / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    )[0]
    style = sorted(site_rules.generated_styles())[0]
    outside = f"<script>{listed}</script><style>{style}</style>"
    ctx = context({"a/index.html": outside + f'<article class="md-content__inner">{outside}</article>'})
    found = site_rules.unlisted_inline_code(ctx, ctx.site.pages["a/index.html"])
    assert [f.message.split(";")[0] for f in found] == [
        "an inline <script> that no template of the site contains (not in inline-scripts.yml)",
        "a <style> element: style rules in a page can hide warnings or show a review badge",
    ]


def test_a_script_is_found_in_the_markdown_by_its_first_30_characters():
    first_line = "var stolen = document.cookie;;"  # 30 characters: the clue ends before the line does
    html = f"<p>x</p>\n<script>\n{first_line}\nsend(stolen)\n</script>"
    ctx = context({"a/index.html": html}, {"docs/a.md": f"# A\n\n<SCRIPT>\n{first_line}\nsend(stolen)\n</SCRIPT>\n"})
    [finding] = site_rules.unlisted_inline_code(ctx, ctx.site.pages["a/index.html"])
    assert (finding.path, finding.line) == ("docs/a.md", 4)


def test_external_and_data_scripts_are_not_inline_code():
    html = (
        '<script src="x.js"></script><script type="module" src="y.js"></script>'
        '<script type="application/json">1</script>'
    )
    ctx = context({"a/index.html": html})
    assert site_rules.unlisted_inline_code(ctx, ctx.site.pages["a/index.html"]) == []


@pytest.mark.parametrize(
    ("metas", "reported"),
    [
        (security.policy_tags("/base/"), []),
        (security.policy_tags("/base/") * 2, ["content-security-policy", "referrer"]),
        ('<meta http-equiv="X-UA-Compatible" content="IE=edge">', ["x-ua-compatible"]),
    ],
)
def test_only_one_policy_and_one_referrer_meta_are_allowed(metas, reported):
    ctx = context({"a/index.html": metas})
    found = site_rules.unexpected_meta(ctx, ctx.site.pages["a/index.html"])
    names = [f.message.split('"')[1] if "http-equiv" in f.message else "referrer" for f in found]
    assert names == reported


def test_a_refresh_is_allowed_on_a_listed_redirect_page_only():
    refresh = '<meta http-equiv="refresh" content="0; url=../a/"><meta http-equiv="set-cookie" content="a=b">'
    settings = {**SETTINGS, "plugins": [{"redirects": {"redirect_maps": {"old.md": "a.md"}}}]}
    ctx = context({"old/index.html": refresh, "new/index.html": refresh}, settings=settings)
    assert [f.message[:30] for f in site_rules.unexpected_meta(ctx, ctx.site.pages["old/index.html"])] == [
        '<meta http-equiv="set-cookie">'
    ]
    assert [f.message[:28] for f in site_rules.unexpected_meta(ctx, ctx.site.pages["new/index.html"])] == [
        '<meta http-equiv="refresh"> ',
        '<meta http-equiv="set-cookie',
    ]


@pytest.mark.parametrize(
    ("html", "foreign"),
    [
        ('<img src="//cdn.example/x.png">', True),
        ('<img src="HTTP://kb.example/base/x.png">', True),  # http is another origin than https
        ('<img src="HTTPS://KB.EXAMPLE/base/x.png">', False),
        ('<img src="//KB.example/base/x.png">', False),  # a scheme-relative URL of the site is https here
        ('<img src="https://kb.example/elsewhere.png">', False),  # same origin, only outside the site's folder
        ('<img src="x.png">', False),
        ('<img src="data:image/png;base64,AAAA">', False),
        ('<img src="ftp://files.example/x.png">', False),
        ('<img src="http://[bad/x.png">', False),
        ('<a href="https://other.example/">x</a>', False),  # followed on a click, not loaded
    ],
)
def test_a_foreign_asset_is_one_loaded_from_another_origin(html, foreign):
    ctx = context({"a/index.html": html})
    found = site_rules.foreign_assets(ctx, ctx.site.pages["a/index.html"])
    assert [f.rule for f in found] == (["foreign-asset"] if foreign else [])


def test_a_new_tab_to_this_site_needs_no_noopener():
    html = '<a href="https://kb.example/base/a/" target="_blank">in</a><a href="//x.example/" target="_BLANK">out</a>'
    ctx = context({"a/index.html": html})
    found = site_rules.unsafe_new_tabs(ctx, ctx.site.pages["a/index.html"])
    assert [f.message.split(" opens")[0] for f in found] == ["'//x.example/'"]


# --- the security policies of every themed page -----------------------------------------------------------

ARTICLE = '<article class="md-content__inner"></article>'
NO_CSP = (
    "no Content-Security-Policy limiting scripts to this site (script-src 'self' without 'unsafe-inline', "
    "object-src 'none'); keep the knowledge-base plugin in the plugins of mkdocs.yml (its security part runs "
    "last) (built: site/a/index.html:1)"
)
NO_REFERRER = (
    'no <meta name="referrer" content="no-referrer">: links would tell other sites which page the reader came '
    "from; keep the knowledge-base plugin in the plugins of mkdocs.yml (its security part runs last) "
    "(built: site/a/index.html:1)"
)


def _csp(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


@pytest.mark.parametrize(
    ("head", "messages"),
    [
        (security.policy_tags("/base/"), []),
        ("", [NO_CSP, NO_REFERRER]),
        (_csp("script-src 'self'; object-src 'none'") + '<meta name="referrer" content="no-referrer">', []),
        (
            _csp("script-src 'self' 'unsafe-inline'; object-src 'none'")
            + '<meta name="referrer" content="no-referrer">',
            [NO_CSP],
        ),
        (_csp("script-src https:; object-src 'none'") + '<meta name="referrer" content="no-referrer">', [NO_CSP]),
        (_csp("script-src 'self'; object-src 'self'") + '<meta name="referrer" content="no-referrer">', [NO_CSP]),
        (_csp("script-src 'self'") + '<meta name="referrer" content="no-referrer">', [NO_CSP]),
        (_csp("script-src 'self'; object-src 'none'") + '<meta name="referrer" content="origin">', [NO_REFERRER]),
    ],
)
def test_a_themed_page_must_carry_both_policies(head, messages):
    ctx = context({"a/index.html": head + ARTICLE}, {"docs/a.md": "# A\n\nThe <head> of a page.\n"})
    found = site_rules.missing_security_policy(ctx, ctx.site.pages["a/index.html"])
    assert [(f.path, f.line, f.message) for f in found] == [("docs/a.md", 1, m) for m in messages]
    assert [f.rule for f in found] == [
        {NO_CSP: "missing-security-policy", NO_REFERRER: "missing-referrer-policy"}[m] for m in messages
    ]


def test_bare_pages_carry_no_policy_but_redirect_pages_must():
    settings = {**SETTINGS, "plugins": [{"redirects": {"redirect_maps": {"old.md": "a.md"}}}]}
    ctx = context({"old/index.html": "", "bare/index.html": ""}, settings=settings)
    assert site_rules.missing_security_policy(ctx, ctx.site.pages["bare/index.html"]) == []
    assert [f.rule for f in site_rules.missing_security_policy(ctx, ctx.site.pages["old/index.html"])] == [
        "missing-security-policy",
        "missing-referrer-policy",
    ]


def test_a_fault_seen_twice_on_a_line_is_reported_once():
    ctx = context({"a/index.html": '<a href="gone/">x</a><a href="gone/">y</a>'})
    assert [(f.path, f.rule) for f in site_rules.check(ctx)] == [("docs/a.md", "broken-link")]
