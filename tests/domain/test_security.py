"""The security policies written into each page's <head> (scripts/pancreas_kb/domain/security.py)."""

import subprocess
from pathlib import Path

import pytest

from pancreas_kb.domain import security
from pancreas_kb.tools import script_hashes

ROOT = Path(__file__).parents[2]
PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><script>var theme = 1;</script></head>'
    "<body><article><script>alert(1)</script></article></body></html>"
)


def test_the_policy_never_comes_from_the_page():
    """The finding: hashes computed from each built page allowed a planted script like the theme's own."""
    policy = security.content_security_policy("/kb/")
    assert security.sha256("alert(1)") not in policy and security.sha256("var theme = 1;") not in policy
    assert security.with_policies(PAGE, "/kb/").count(policy) == 1
    assert security.with_policies(PAGE.replace("alert(1)", "alert(2)"), "/kb/") == security.with_policies(
        PAGE, "/kb/"
    ).replace("alert(1)", "alert(2)")


def test_the_allowlist_is_the_templates_inline_scripts():
    """Fails when a template's inline script changed without `make script-hashes` (or Material changed it)."""
    assert script_hashes.main(["--root", str(ROOT), "--check"]) == 0
    policy = security.parse(security.content_security_policy())
    listed = {f"'{h}'" for h in security.allowed_hashes()}
    assert listed and listed <= set(policy["script-src"])
    assert "'unsafe-inline'" not in policy["script-src"]


def test_our_copy_of_materials_bootstrap_differs_only_in_where_its_scope_comes_from():
    theirs = security.inline_scripts((script_hashes.THEME_TEMPLATES / "partials/javascripts/base.html").read_text())
    ours = security.inline_scripts((ROOT / "overrides/partials/javascripts/base.html").read_text())
    expected = theirs[0].replace('"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.scope")
    assert ours == [expected] and "{{" not in ours[0]


def test_a_template_script_built_by_template_code_cannot_be_listed():
    scripts = security.template_scripts(
        [("partials/x.html", "<script>var a = {{ value }};</script>"), ("partials/y.html", "<script>var b;</script>")],
        own={"partials/x.html"},
    )
    assert [s.template for s in scripts if s.problem] == ["partials/x.html"]
    assert [s.hash for s in scripts if not s.problem] == [security.sha256("var b;")]


def test_workers_only_from_pagefinds_path():
    policy = security.parse(security.content_security_policy("/knowledge-base/"))
    assert policy["worker-src"] == ["*:*/knowledge-base/pagefind/pagefind-worker.js"]
    assert security.parse(security.content_security_policy("/"))["worker-src"] == ["*:*/pagefind/pagefind-worker.js"]


def test_policies_come_first_in_head_and_parse_back():
    html = security.with_policies(PAGE)
    head = html[: html.index("<script")]
    assert '<meta name="referrer" content="no-referrer">' in head
    policy = security.parse(head.split('content="', 1)[1].split('"', 1)[0])
    assert policy["script-src"][0] == "'self'"
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]


def test_every_directive_says_why():
    assert all(reason.strip() for _, _, reason in security.DIRECTIVES)


def test_every_script_ever_under_docs_has_an_unregistering_worker():
    """A service worker registered from a docs/ script outlives the file; its path must serve the remover."""
    out = subprocess.run(
        ["git", "log", "--all", "--diff-filter=A", "--name-only", "--format=", "--", "docs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ever = {p.removeprefix("docs/") for p in out.split() if p.lower().endswith((".js", ".mjs"))}
    assert ever <= set(security.retired_worker_paths())


# --- each piece of the policy, exactly ------------------------------------------------


def test_the_whole_policy_allows_only_what_each_directive_names():
    scripts = " ".join(f"'{h}'" for h in security.allowed_hashes())
    style = security.sha256(security.template_styles()[0])
    assert security.content_security_policy("/kb/") == (
        "default-src 'self'; "
        f"script-src 'self' 'wasm-unsafe-eval' {scripts}; "
        "style-src 'self' 'unsafe-inline'; "
        f"style-src-elem 'self' '{style}'; "
        "style-src-attr 'unsafe-inline'; "
        "img-src 'self' data:; "
        "font-src 'self'; "
        "connect-src 'self'; "
        "worker-src *:*/kb/pagefind/pagefind-worker.js; "
        "manifest-src 'none'; "
        "object-src 'none'; "
        "frame-src 'none'; "
        "base-uri 'self'; "
        "form-action 'self'"
    )


@pytest.mark.parametrize(
    "base_path, worker",
    [
        ("/", "*:*/pagefind/pagefind-worker.js"),
        ("/a/b//", "*:*/a/b/pagefind/pagefind-worker.js"),
        ("/KX/", "*:*/KX/pagefind/pagefind-worker.js"),
    ],
)
def test_the_worker_is_allowed_only_at_pagefinds_path_under_the_sites(base_path, worker):
    assert f"; worker-src {worker}; " in security.content_security_policy(base_path)


def test_a_policy_is_for_a_site_at_the_root_unless_told():
    assert security.content_security_policy() == security.content_security_policy("/")


def test_each_style_the_templates_write_is_allowed_by_its_own_hash(monkeypatch):
    monkeypatch.setattr(security, "template_styles", lambda: ["a{}", "b{}"])
    policy = security.parse(security.content_security_policy())
    assert policy["style-src-elem"] == ["'self'", f"'{security.sha256('a{}')}'", f"'{security.sha256('b{}')}'"]


@pytest.mark.parametrize(
    "script, digest",
    [
        # as `openssl dgst -sha256 -binary | base64` gives them
        ("alert(1)", "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="),
        ("café", "sha256-hQ99xDkQ/4kPiHnA7Sb+aXyToGetk6fVD0ZqcCipv04="),  # hashed as UTF-8, as browsers do
    ],
)
def test_a_scripts_hash_is_the_one_browsers_compute(script, digest):
    assert security.sha256(script) == digest


@pytest.mark.parametrize(
    "attributes, runs",
    [
        ("", True),
        (' id="x"', True),
        (' type="text/javascript"', True),
        (" TYPE='Application/JavaScript'", True),
        (" type=module", True),
        (' src="search.js"', False),
        (' SRC = "search.js"', False),
        (' type="module" src="a.js"', False),
        (' type="application/ld+json"', False),
        (' type="application/json"', False),
        (' type="text/plain"', False),
    ],
)
def test_only_a_script_that_runs_its_own_text_is_executable(attributes, runs):
    assert security.executable(attributes) is runs


def test_a_pages_inline_scripts_are_the_text_of_those_that_run():
    html = (
        '<script src="a.js"></script><SCRIPT type="module">import x;</SCRIPT >'
        '<script type="application/ld+json">{"a": 1}</script>\n<script>\nvar a = 1;\n</script>'
    )
    assert security.inline_scripts(html) == ["import x;", "\nvar a = 1;\n"]


def test_template_scripts_are_listed_by_template_with_their_hash_or_the_problem():
    templates = [
        ("partials/y.html", "<script>var b;</script><script>var c;</script>"),
        ("partials/integrations/analytics.html", "<script>track();</script>"),
        ("partials/x.html", "<script>var a = {{ value }};</script>"),
        ("partials/z.html", "<script>var z = {% if a %}1{% endif %};</script><script>var d;</script>"),
        ("main.html", '<script type="application/json">{"a": 1}</script><script>var m;</script>'),
    ]
    assert security.template_scripts(templates, own={"partials/x.html"}) == [
        security.TemplateScript("main.html", security.sha256("var m;")),
        security.TemplateScript(
            "partials/x.html",
            "",
            "an inline script built by template code; give it fixed text and pass the value in a data- attribute "
            "(document.currentScript.dataset)",
        ),
        security.TemplateScript("partials/y.html", security.sha256("var b;")),
        security.TemplateScript("partials/y.html", security.sha256("var c;")),
        # the theme's script built by template code is not ours to fix: left out, refused if a page uses it
        security.TemplateScript("partials/z.html", security.sha256("var d;")),
    ]


def test_the_allowlist_file_names_each_template_and_hash_and_leaves_out_problems():
    scripts = [
        security.TemplateScript("main.html", "sha256-AAA="),
        security.TemplateScript("partials/x.html", "", "built by template code"),
        security.TemplateScript("partials/y.html", "sha256-BBB="),
    ]
    assert security.allowlist_text(scripts) == (
        "# The inline scripts the site's pages may run: the hash of each executable inline\n"
        "# script in the templates (overrides/ over Material's), never of a built page.\n"
        "# Written by `make script-hashes`; a change here is a change in what runs on every\n"
        "# page, so review the templates it names.\n"
        "- template: main.html\n"
        "  hash: sha256-AAA=\n"
        "- template: partials/y.html\n"
        "  hash: sha256-BBB=\n"
    )


def test_a_long_template_name_stays_on_one_line_of_the_allowlist():
    name = "partials/" + " ".join(["part"] * 60) + ".html"
    text = security.allowlist_text([security.TemplateScript(name, "sha256-AAA=")])
    assert text.endswith(f"- template: {name}\n  hash: sha256-AAA=\n")


def test_a_policy_parses_as_browsers_read_it():
    assert security.parse(" Script-Src 'self'  'sha256-A=';; script-src 'none';img-src data: ; form-action") == {
        "script-src": ["'self'", "'sha256-A='"],
        "img-src": ["data:"],
        "form-action": [],
    }


TAGS = '<meta http-equiv="Content-Security-Policy" content="{}"><meta name="referrer" content="no-referrer">'


def test_the_policy_tags_carry_the_policy_and_no_referrer():
    assert security.policy_tags("/kb/") == TAGS.format(security.content_security_policy("/kb/"))
    assert security.policy_tags() == TAGS.format(security.content_security_policy("/"))


@pytest.mark.parametrize(
    "page, before, after",
    [
        (
            '<html><HEAD lang="en"><META charset="utf-8"><title>T</title>',
            '<html><HEAD lang="en"><META charset="utf-8">',
            "<title>T</title>",
        ),
        ('<html><head lang="en"><title>T</title></head>', '<html><head lang="en">', "<title>T</title></head>"),
        ("<html><header><head><meta charset=utf-8>", "<html><header><head><meta charset=utf-8>", ""),
    ],
)
def test_the_policies_go_right_after_the_charset_or_else_the_head_tag(page, before, after):
    assert (
        security.with_policies(page, "/kb/") == before + TAGS.format(security.content_security_policy("/kb/")) + after
    )


def test_a_fragment_without_a_head_is_left_as_it_is():
    assert security.with_policies("<p>No head</p>") == "<p>No head</p>"


def test_with_policies_defaults_to_a_site_at_the_root():
    assert security.with_policies("<head>") == "<head>" + TAGS.format(security.content_security_policy("/"))


def test_a_retired_worker_is_replaced_under_each_folder_a_script_could_have_been_in():
    assert security.retired_worker_paths() == [
        folder + name
        for folder in ("", "patients/", "clinicians/", "reference/", "about/", "assets/")
        for name in ("sw.js", "service-worker.js", "serviceworker.js", "worker.js")
    ]
