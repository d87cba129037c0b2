"""Shared fixtures, and the test tiers: `make test-fast` runs what is neither `site` nor `browser`."""

from pathlib import Path

import pytest

from tests import sitebuilder

BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(items):
    """Mark by what a test does: every browser test, and every test that uses build_site.

    A test that builds a site some other way carries @pytest.mark.site itself.
    """
    for item in items:
        if BROWSER_TESTS in Path(str(item.fspath)).parents:
            item.add_marker("browser")
        if "build_site" in getattr(item, "fixturenames", ()):
            item.add_marker("site")


@pytest.fixture
def build_site(tmp_path):
    """Build a fixture site: build_site({"index.md": page(...)}, bib="...")."""

    def _build(pages, bib="", **kwargs):
        return sitebuilder.build(tmp_path, pages, bib, **kwargs)

    return _build
