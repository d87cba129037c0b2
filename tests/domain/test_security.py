"""The security policies written into each page's <head> (scripts/pancreas_kb/domain/security.py)."""

from pancreas_kb.domain import security

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><script>var theme = 1;</script>'
    '<script type="application/json" id="__config">{}</script><script src="a.js"></script></head>'
    '<body><article class="md-content__inner"><script>alert(1)</script></article>'
    "<script>var tabs = 2;</script></body></html>"
)


def test_only_the_themes_executable_inline_scripts_are_hashed():
    hashes = security.trusted_inline_hashes(PAGE)
    assert hashes == [security._sha256("var theme = 1;"), security._sha256("var tabs = 2;")]
    assert security._sha256("alert(1)") not in security.content_security_policy(PAGE)


def test_policies_come_first_in_head_and_parse_back():
    html = security.with_policies(PAGE)
    head = html[: html.index("<script")]
    assert '<meta name="referrer" content="no-referrer">' in head
    policy = security.parse(head.split('content="', 1)[1].split('"', 1)[0])
    assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]


def test_every_directive_says_why():
    assert all(reason.strip() for _, _, reason in security.DIRECTIVES)
