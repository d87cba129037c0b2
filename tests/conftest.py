"""Shared fixtures, and the test tiers: `make test-fast` runs what is neither `site` nor `browser`."""

from pathlib import Path

import pytest

from tests import sitebuilder

TESTS = Path(__file__).parent
# Every test in these folders builds a site (tests/site) or drives a browser.
FOLDER_MARKS = {TESTS / "site": "site", TESTS / "browser": "browser"}


def pytest_collection_modifyitems(items):
    """Mark by what a test does, so no test has to remember its own tier."""
    for item in items:
        path = Path(str(item.fspath))
        for folder, mark in FOLDER_MARKS.items():
            if folder in path.parents:
                item.add_marker(mark)
        if "build_site" in getattr(item, "fixturenames", ()):
            item.add_marker("site")


@pytest.fixture
def build_site(tmp_path):
    """Build a fixture site: build_site({"index.md": page(...)}, bib="...")."""

    def _build(pages, bib="", **kwargs):
        return sitebuilder.build(tmp_path, pages, bib, **kwargs)

    return _build
