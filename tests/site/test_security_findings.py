"""Each finding of the security review as a fixture: the build, or the checker, refuses it.

The browser side (nothing runs, no "reviewed" badge) is tests/browser/test_injection.py.
"""

import pytest
import yaml

from pancreas_kb.checker import check
from pancreas_kb.domain import security
from tests.sitebuilder import APPROVED, page

pytestmark = pytest.mark.site
SCRIPT = "<script>window.__injected = true</script>"


def checked(result, capsys) -> str:
    capsys.readouterr()
    check.main(["--root", str(result.root), "--site", str(result.site)])
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "fields, rule",
    [
        ({"title": "Pain</title>" + SCRIPT}, "front-matter-plain-text"),
        ({"title": "Pain &lt;script&gt;window.__injected = true&lt;/script&gt;"}, "front-matter-plain-text"),
        (
            {"description": 'About pain." http-equiv="refresh" content="0;url=https://evil.example/'},
            "front-matter-plain-text",
        ),
        ({"reviewers": [{"name": "Dr Ada Example", "credentials": "MD" + SCRIPT}]}, "front-matter-plain-text"),
    ],
    ids=["title", "escaped title", "description", "credentials"],
)
def test_a_field_the_theme_prints_cannot_carry_markup(build_site, fields, rule):
    status = "approved" if "reviewers" in fields else "submitted"
    extra = {**APPROVED, **fields} if status == "approved" else fields
    title = extra.pop("title", "Pain")
    # The field alone: the page's own heading (Markdown, the checker's matter) stays plain.
    text = page("Pain", status, **extra).replace("title: Pain\n", yaml.safe_dump({"title": title}, width=200), 1)
    strict = build_site({"index.md": page("Home"), "pain.md": text})
    assert strict.returncode != 0 and "docs/pain.md:" in strict.log and rule in strict.log
    preview = build_site({"index.md": page("Home"), "pain.md": text}, strict=False)
    assert preview.returncode == 0
    for built in (preview.html("pain/index.html"), preview.html("index.html")):
        # Data in the JSON-LD block is text; what must not appear is markup that runs or redirects.
        assert SCRIPT not in built and 'http-equiv="refresh"' not in built


def test_a_body_that_closes_the_article_is_found_by_the_checker(build_site, capsys):
    body = f"Some text.\n\n</article>{SCRIPT}<article>\n\n<style>.kb-trust{{display:none}}</style>\n"
    result = build_site({"index.md": page("Home"), "pain.md": page("Pain", body=body)})
    assert result.returncode == 0, result.log
    out = checked(result, capsys)
    assert out.count("docs/pain.md:") >= 2 and "unsafe-content: an inline <script>" in out
    assert "a <style> element" in out


@pytest.mark.parametrize(
    "name, data",
    [
        ("evil.html", b"<script>alert(1)</script>"),
        ("img/evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("sw.js", b"self.addEventListener('fetch', e => e.respondWith(new Response('x')))"),
        ("patients/stages.markdown", b"---\ntitle: X\n---\n"),
    ],
)
def test_docs_may_not_hold_what_would_run_or_escape_the_gate(build_site, name, data):
    result = build_site({"index.md": page("Home")})
    (result.root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (result.root / "docs" / name).write_bytes(data)
    again = build_site({"index.md": page("Home")})
    assert again.returncode != 0
    assert f"docs/{name}:1: docs-file-type" in again.log


def test_a_symbolic_link_is_not_followed_into_the_site(build_site, tmp_path):
    secret = tmp_path / "outside.md"
    secret.write_text(page("Approved elsewhere", "approved", **APPROVED))
    result = build_site({"index.md": page("Home")})
    (result.root / "docs" / "linked.md").symlink_to(secret)
    (result.root / "docs" / "git").symlink_to(tmp_path)
    again = build_site({"index.md": page("Home")})
    assert again.returncode != 0
    assert "docs/linked.md:1: docs-file-type: is a symbolic link" in again.log
    assert "docs/git:1: docs-file-type" in again.log


def test_redirect_pages_carry_the_policy_and_an_escaped_target(build_site, capsys):
    def redirect(config):
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "redirects" in plugin:
                plugin["redirects"]["redirect_maps"] = {"old.md": "pain.md#a-b"}

    result = build_site({"index.md": page("Home"), "pain.md": page("Pain")}, config_changes=redirect)
    assert result.returncode == 0, result.log
    html = result.html("old/index.html")
    assert html.count('http-equiv="Content-Security-Policy"') == 1 and 'content="no-referrer"' in html
    assert 'url=../pain/#a-b"' in html and "window.location.hash.substr" not in html
    assert [security.sha256(s) in security.allowed_hashes() for s in security.inline_scripts(html)] == [True]
    assert "unsafe-content" not in checked(result, capsys)


def test_an_unregistering_service_worker_is_published_where_one_could_have_been(build_site):
    result = build_site({"index.md": page("Home")})
    for path in ("sw.js", "patients/sw.js", "service-worker.js"):
        assert "registration.unregister()" in (result.site / path).read_text()
