"""In Chromium: what the security review slipped into pages runs nothing and shows no review badge.

The site is built without --strict (as `make serve` builds a draft), so the pages
carry what the strict build and the checker refuse; the browser is the last line.
"""

from __future__ import annotations

import pytest
import yaml

from pancreas_kb.tools.site_server import serve, site_path
from tests import sitebuilder
from tests.browser import security_probe

pytestmark = pytest.mark.browser

RUN = "window.__injected = (window.__injected || 0) + 1"
BADGE_CSS = (
    ".kb-status--submitted{visibility:hidden}"
    '.md-content__inner::before{content:"Clinically reviewed by Dr Ada Example";display:block}'
)
BODIES = {
    "closes-article": f"Some text.\n\n</article><script>{RUN}</script><article>\n",
    "inline-handlers": f'<img src="missing.png" alt="x" onerror="{RUN}">\n\n<svg onload="{RUN}"></svg>\n',
    "javascript-url": '<a id="go" href="javascript:window.__injected=1">go</a>\n',
    "style-badge": f"<style>{BADGE_CSS}</style>\n\nSome text.\n",
}


def _with_field(text: str, field: str, value: str) -> str:
    meta, body = text.split("\n---\n", 1)
    data = yaml.safe_load(meta.removeprefix("---\n"))
    data[field] = value
    return "---\n" + yaml.safe_dump(data, sort_keys=False, width=400) + "---\n" + body


PAGES = {
    "index.md": sitebuilder.page("Home"),
    **{f"{name}.md": sitebuilder.page(name.replace("-", " ").capitalize(), body=body) for name, body in BODIES.items()},
    "title.md": _with_field(sitebuilder.page("Title"), "title", f"Pain</title><script>{RUN}</script>"),
    "escaped-title.md": _with_field(
        sitebuilder.page("Escaped title"), "title", f"&lt;/title&gt;&lt;script&gt;{RUN}&lt;/script&gt;"
    ),
    "description.md": _with_field(
        sitebuilder.page("Description"), "description", f'x"><script>{RUN}</script><meta name="x'
    ),
}


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("injected-site")
    result = sitebuilder.build(root, PAGES, strict=False)
    assert result.returncode == 0, result.log
    with serve(result.site, site_path(sitebuilder.ROOT)) as base:
        yield base


@pytest.mark.parametrize("name", [*BODIES, "title", "escaped-title", "description"])
def test_nothing_injected_runs(context, injected_site, name):
    context.add_init_script(security_probe.RECORDER)
    tab = context.new_page()
    tab.goto(f"{injected_site}{name}/", wait_until="load")
    if tab.locator("#go").count():
        tab.locator("#go").click()
    tab.wait_for_timeout(200)
    assert tab.evaluate("window.__injected") is None, "an injected script ran"
    assert tab.evaluate("typeof window.__md_scope") == "object", "the theme's own scripts still run"


def test_a_style_in_a_page_draws_no_review_badge(context, injected_site):
    tab = context.new_page()
    tab.goto(f"{injected_site}style-badge/", wait_until="load")
    status = tab.locator(".kb-status")
    assert status.get_attribute("data-review-status") == "submitted"
    assert status.is_visible(), "a page's <style> hid the caution"
    before = tab.evaluate("getComputedStyle(document.querySelector('.md-content__inner'), '::before').content")
    assert "Clinically reviewed" not in before
    assert "Clinically reviewed" not in tab.locator("body").inner_text()


def test_the_site_is_not_shown_inside_another_page(context, injected_site):
    tab = context.new_page()  # about:blank: another origin than the site's
    tab.set_content(f'<iframe src="{injected_site}" width="800" height="600"></iframe>')
    tab.locator("iframe").element_handle().content_frame().wait_for_load_state("load")
    framed = tab.locator("iframe").element_handle().content_frame()
    assert framed.url.startswith(injected_site)
    framed.wait_for_function("getComputedStyle(document.documentElement).display === 'none'", timeout=5000)
    assert tab.url == "about:blank", "the framing page stays; the site inside it is hidden"
