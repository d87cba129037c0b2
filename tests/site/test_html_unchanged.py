"""The built HTML of a fixture site, compared with the stored expected pages.

A restructuring of the hooks, templates or domain code must not change what
readers get except where intended. Each page is compared whole, without the
site navigation (its markup follows Material's navigation features, not our
code). When a change is intended, rebuild the expected pages and review their
diff in the pull request:

    KB_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/site/test_html_unchanged.py
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from tests import sitebuilder
from tests.browser import reader_site
from tests.sitebuilder import APPROVED, page

pytestmark = pytest.mark.site

EXPECTED = Path(__file__).parents[1] / "fixtures" / "expected-html"
PAGES = {
    **reader_site.PAGES,
    "review.md": page("Being reviewed", "under-review", audience="clinician", body="Text [@zeta2011first]."),
    "overdue.md": page(
        "Overdue page",
        "approved",
        audience="patient",
        **{**APPROVED, "last_reviewed": "2025-03-01", "next_review": "2026-03-01"},
    ),
}
BUILT = [
    "index.html",
    "patients/treatment/index.html",
    "clinicians/therapy/index.html",
    "reference/glossary/index.html",
    "review/index.html",
    "overdue/index.html",
    "404.html",
]
PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', re.S)


def comparable(html: str) -> str:
    """The page without the site navigation, whose markup Material's features decide."""
    return PRIMARY_NAV.sub("<!-- site navigation -->", html)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("unchanged")
    # The overdue page fails the strict build by design; the HTML is still written.
    result = sitebuilder.build(root, PAGES, reader_site.BIB, strict=False)
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize("name", BUILT)
def test_page_is_unchanged(built, name):
    actual = comparable(built.html(name))
    expected_file = EXPECTED / (name.replace("/", "--"))
    if os.environ.get("KB_UPDATE_EXPECTED"):
        expected_file.write_text(actual, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = "\n".join(
            difflib.unified_diff(expected.splitlines(), actual.splitlines(), "expected", "built", lineterm="", n=1)
        )
        pytest.fail(
            f"{name} differs from {expected_file.name}; if intended, update it (see the module "
            f"docstring):\n{diff[:6000]}"
        )
