"""Every page of the real site: WCAG 2.1 AA by axe-core, and no request to another origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import axe, security_probe

pytestmark = pytest.mark.browser

# Redirect stubs are not pages a reader sees; everything else is checked.
REDIRECT_MARK = "<title>Redirecting...</title>"


def _pages(site) -> list[str]:
    paths = []
    for html in sorted(site.rglob("*.html")):
        if REDIRECT_MARK in html.read_text(encoding="utf-8", errors="replace"):
            continue
        rel = html.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


TABS = 2  # axe runs in two tabs at once; most of its time is spent in the page


@pytest.fixture(scope="module", params=["light", "dark"])
def visits(request, browser, real_site):
    """Each page loaded once in a first-visit profile, in the device's light or dark
    scheme: its axe violations and its requests."""
    base, site = real_site
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    context.add_init_script(security_probe.RECORDER)
    tabs = []
    for _ in range(TABS):
        tab = context.new_page()
        tab.requests = []
        tab.on("request", lambda request, tab=tab: tab.requests.append(request.url))
        tabs.append(tab)
    paths = _pages(site)
    results = {}
    for batch in (paths[i : i + TABS] for i in range(0, len(paths), TABS)):
        for tab, path in zip(tabs, batch, strict=False):
            tab.requests.clear()
            tab.goto(base + path, wait_until="load")
            axe.start(tab)
        for tab, path in zip(tabs, batch, strict=False):
            found = axe.result(tab)
            foreign = [
                r
                for r in tab.requests
                if urlsplit(r).scheme in ("http", "https", "ws", "wss") and not r.startswith(origin + "/")
            ]
            results[path] = {"violations": found, "foreign": foreign, "csp": security_probe.violations(tab)}
    context.close()
    return results


def test_the_real_site_has_pages(visits):
    assert "" in visits and "404.html" in visits
    assert len(visits) >= 5


def test_axe_finds_no_wcag_violation_on_any_page(visits):
    found = {path: r["violations"] for path, r in visits.items() if r["violations"]}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + axe.describe(found)


def test_no_request_leaves_the_origin_on_any_page(visits):
    foreign = {path: r["foreign"] for path, r in visits.items() if r["foreign"]}
    assert not foreign, f"requests to other origins: {foreign}"


def test_no_content_security_policy_violation_on_any_page(visits):
    blocked = {path: r["csp"] for path, r in visits.items() if r["csp"]}
    assert not blocked, f"the Content-Security-Policy blocked the site's own resources: {blocked}"
