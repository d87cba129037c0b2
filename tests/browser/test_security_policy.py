"""The Content-Security-Policy in the browser: the site runs, a planted inline script does not."""

from __future__ import annotations

import pytest

from pancreas_kb.tools.site_server import serve, site_path
from tests import sitebuilder
from tests.browser import security_probe

pytestmark = pytest.mark.browser

PAGES = {
    "index.md": sitebuilder.page("Home", body="Welcome."),
    "plain.md": sitebuilder.page("Plain", body="Some text."),
}
PLANTED = "<script>window.__planted = true;</script>"


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory):
    """A built page with a script planted in its content, as if it had slipped past the checker."""
    root = tmp_path_factory.mktemp("csp-site")
    result = sitebuilder.build(root, PAGES)
    assert result.returncode == 0, result.log
    page = result.site / "plain" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
    page.write_text(html.replace("<p>Some text.</p>", "<p>Some text.</p>" + PLANTED, 1), encoding="utf-8")
    with serve(result.site, site_path(sitebuilder.ROOT)) as base:
        yield base


def test_a_planted_inline_script_is_blocked(context, planted_site):
    context.add_init_script(security_probe.RECORDER)
    tab = context.new_page()
    tab.goto(planted_site + "plain/", wait_until="load")
    assert tab.evaluate("window.__planted === undefined"), "the planted script ran"
    assert any(v.startswith("script-src") for v in security_probe.violations(tab))


def test_the_theme_runs_under_the_policy(context, planted_site):
    context.add_init_script(security_probe.RECORDER)
    tab = context.new_page()
    tab.goto(planted_site, wait_until="load")
    # The theme's inline bootstrap defines __md_scope; the site's search script then shows its button.
    assert tab.evaluate("typeof window.__md_scope") == "object"
    tab.locator(".kb-search-toggle:not([hidden])").wait_for(state="attached")
    assert security_probe.violations(tab) == []


def test_only_pagefinds_worker_may_start_and_no_service_worker(context, planted_site):
    context.add_init_script(security_probe.RECORDER)
    tab = context.new_page()
    tab.goto(planted_site, wait_until="load")
    started = tab.evaluate(
        """() => new Promise((resolve) => {
             const worker = new Worker(new URL("pagefind/pagefind-worker.js", location.href));
             worker.onerror = () => resolve(false);
             setTimeout(() => resolve(true), 500);
           })"""
    )
    assert (started, security_probe.violations(tab)) == (True, [])
    registered = tab.evaluate(
        """() => navigator.serviceWorker.register(new URL("sw.js", location.href)).then(() => true, () => false)"""
    )
    assert registered is False
    assert any(v.startswith("worker-src") for v in security_probe.violations(tab))
