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

import difflib
import json
import re
from html.parser import HTMLParser
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
# main.html's extrahead: from its print style sheet to the end of the head.
OUR_HEAD = re.compile(r'<link rel="stylesheet" href="[^"]*assets/print\.css" media="print">.*?(?=</head>)', re.S)
KB_DATA = re.compile(r"<style>.*?</style>\s*<script type=\"application/json\" id=\"kb-data\">.*?</script>", re.S)
JSON_SCRIPT = re.compile(r'(<script type="application/(?:ld\+)?json"[^>]*>)(.*?)(</script>)', re.S)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Ours(HTMLParser):
    """Spans of the body's outermost elements we write: the article, and any kb- element outside it."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.spans: list[tuple[int, int]] = []
        self.open: tuple[str, int, int] | None = None  # tag, depth, start offset
        self.depth = 0
        self.feed(text)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.depth += 1
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        kb_id = (values.get("id") or "").startswith("kb-")
        ours = tag == "article" or kb_id or any(c.startswith("kb-") for c in classes)
        if self.open is None and ours:
            self.open = (tag, self.depth, self._offset())

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.open is not None and self.open[1] == self.depth and tag == self.open[0]:
            end = self.rawdata.index(">", self._offset()) + 1
            self.spans.append((self.open[2], end))
            self.open = None
        self.depth -= 1


def _json_lines(match: re.Match) -> str:
    data = json.dumps(json.loads(match.group(2)), indent=1, sort_keys=True)
    return f"{match.group(1)}\n{data}\n{match.group(3)}"


def _normalised(text: str) -> str:
    text = JSON_SCRIPT.sub(_json_lines, text)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip()) + "\n"


def ours(html: str) -> str:
    """The page's own parts, normalised, with the shared kb-data replaced by a note."""
    head = OUR_HEAD.search(html)
    body = html[html.index("<body") :]
    parts = [KB_DATA.sub("<!-- kb-data.html: see kb-data.html -->", head.group(0)) if head else "<!-- no head -->"]
    parts += [body[start:end] for start, end in _Ours(body).spans]
    return _normalised("\n".join(parts))


def shared_data(html: str) -> str:
    return _normalised(KB_DATA.search(html).group(0))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("unchanged")
    # The overdue page fails the strict build by design; the HTML is still written.
    result = sitebuilder.build(root, PAGES, reader_site.BIB, strict=False, evidence=reader_site.EVIDENCE)
    assert result.returncode == 0, result.log
    return result


def compare(actual: str, expected_file: Path, update: bool, capsys) -> None:
    expected = expected_file.read_text(encoding="utf-8") if expected_file.is_file() else ""
    if actual == expected:
        return
    diff = "\n".join(
        difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"{expected_file.name} (stored)", "built", lineterm="", n=2
        )
    )
    if update:
        with capsys.disabled():
            print(f"\n{diff}\nwritten to {expected_file}")
        expected_file.write_text(actual, encoding="utf-8")
        return
    pytest.fail(f"{expected_file.name} differs from the build; if intended, run with --update-expected:\n{diff[:6000]}")


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
