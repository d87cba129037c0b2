"""What our code writes into the built pages, compared with stored snapshots a reviewer can read.

A restructuring of the plugin, templates or domain code must not change what
readers get except where intended. Only our own output is compared: the article
(the page's text and the partials main.html puts around it), the partials in
the header, and what main.html adds to the head. The theme's header, footer,
navigation and scripts are left out: they follow Material's releases, not our
code. Snapshots are normalised (no blank lines, no trailing spaces, JSON one key
per line), and the data every page carries alike (kb-data.html) is stored once.

When a change is intended, update the snapshots; each changed one's diff is
printed before it is written, and the diff in the pull request is the review:

    .venv/bin/python -m pytest tests/site/test_html_unchanged.py --update-expected
"""

from __future__ import annotations

import pytest

from tests import sitebuilder
from tests.browser import reader_site
from tests.sitebuilder import APPROVED, page
from tests.snapshots import EXPECTED, compare, ours, shared_data

pytestmark = pytest.mark.site

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


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("unchanged")
    # The overdue page fails the strict build by design; the HTML is still written.
    result = sitebuilder.build(root, PAGES, reader_site.BIB, strict=False, evidence=reader_site.EVIDENCE)
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize("name", BUILT)
def test_our_part_of_the_page_is_unchanged(built, name, request, capsys):
    update = request.config.getoption("--update-expected")
    compare(ours(built.html(name)), EXPECTED / name.replace("/", "--"), update, capsys)


def test_the_data_every_page_carries_is_unchanged_and_the_same_on_each(built, request, capsys):
    data = {name: shared_data(built.html(name)) for name in BUILT}
    assert len(set(data.values())) == 1, "kb-data.html writes the same style and data on every page"
    compare(data["index.html"], EXPECTED / "kb-data.html", request.config.getoption("--update-expected"), capsys)


def test_the_snapshot_keeps_our_parts_and_leaves_the_theme_out():
    html = (
        '<html><head><link rel="icon" href="x"><link rel="stylesheet" href="assets/print.css" media="print">'
        '<meta property="og:title" content="T">\n</head><body><header class="md-header"><nav>theme</nav>'
        '<div class="kb-search" id="kb-search"><input class="kb-search__input"><div>inner</div></div></header>'
        '<article class="md-content__inner md-typeset"><p>Text</p><aside class="kb-trust">t</aside></article>'
        '<footer class="md-footer">theme</footer></body></html>'
    )
    snapshot = ours(html)
    assert "og:title" in snapshot and 'class="kb-search"' in snapshot and "<p>Text</p>" in snapshot
    assert "theme" not in snapshot and 'rel="icon"' not in snapshot
    assert snapshot.count("kb-trust") == 1, "an element inside the article is kept once, as part of the article"
