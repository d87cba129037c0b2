"""The security policies written into each page's <head> (scripts/pancreas_kb/domain/security.py)."""

import subprocess
from pathlib import Path

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
