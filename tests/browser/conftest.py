"""Browser fixtures: one headless Chromium per session, sites served from 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pancreas_kb.bench import browser as bench_browser
from pancreas_kb.tools.site_server import serve, site_path
from tests import sitebuilder
from tests.browser import reader_site

CHROMIUM = Path(bench_browser.CHROMIUM)
# The same flags the benchmark uses: without the background-networking ones Chromium
# tries to reach Google's servers at every start.
CHROMIUM_ARGS = bench_browser.CHROME_FLAGS
ARTIFACTS = sitebuilder.ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        # Debian's Chromium when present; otherwise Playwright's own download.
        executable = str(CHROMIUM) if CHROMIUM.exists() else None
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (empty localStorage) per test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """A small site built with the real mkdocs.yml, served; yields its base URL."""
    root = tmp_path_factory.mktemp("reader-site")
    result = sitebuilder.build(
        root, reader_site.PAGES, reader_site.BIB, config_changes=reader_site.configure, evidence=reader_site.EVIDENCE
    )
    assert result.returncode == 0, result.log
    with serve(result.site, site_path(sitebuilder.ROOT)) as base:
        yield base


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real site, built from this checkout with the real strict configuration."""
    site = tmp_path_factory.mktemp("real-site")
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=sitebuilder.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, "the real site does not build:\n" + result.stderr[-4000:]
    with serve(site, site_path(sitebuilder.ROOT)) as base:
        yield base, site


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
