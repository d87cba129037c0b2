"""Snapshots of what our code writes, normalised so that a reviewer can read their diff.

`ours` keeps a page's own parts (the article, the partials we add around it and
in the header, what main.html adds to the head) and leaves the theme's out;
`compare` checks a snapshot, or with --update-expected prints its diff and
writes it. Used by tests/site/test_html_unchanged.py and test_in_process.py.
"""

from __future__ import annotations

import difflib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXPECTED = Path(__file__).parent / "fixtures" / "expected-html"
# main.html's extrahead: from its print style sheet to the end of the head.
OUR_HEAD = re.compile(r'<link rel="stylesheet" href="[^"]*assets/print\.css" media="print">.*?(?=</head>)', re.S)
KB_DATA = re.compile(r"<style>.*?</style>\s*<script type=\"application/json\" id=\"kb-data\">.*?</script>", re.S)
# An icon array's path data (a hundred figures) is one long line of numbers: the snapshot
# keeps how many figures each path draws.
ICON_ARRAY_PATH = re.compile(r'(<path class="kb-icon-array__\w+") d="([^"]*)"')
JSON_SCRIPT = re.compile(r'(<script type="application/(?:ld\+)?json"[^>]*>)(.*?)(</script>)', re.S)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _is_ours(tag: str, attributes: dict) -> bool:
    """The article, and any element with a kb- id or class."""
    classes = (attributes.get("class") or "").split()
    kb_id = (attributes.get("id") or "").startswith("kb-")
    return tag == "article" or kb_id or any(c.startswith("kb-") for c in classes)


class _Ours(HTMLParser):
    """Spans of the outermost elements `wanted` (tag, attributes) picks: by default the
    article, and any kb- element outside it."""

    def __init__(self, text: str, wanted=_is_ours):
        super().__init__(convert_charrefs=False)
        self.wanted = wanted
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
        if self.open is None and self.wanted(tag, dict(attrs)):
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
    text = ICON_ARRAY_PATH.sub(lambda m: f'{m.group(1)} d="[{m.group(2).count("M")} figures]"', text)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip()) + "\n"


def ours(html: str) -> str:
    """The page's own parts, normalised, with the shared kb-data replaced by a note."""
    head = OUR_HEAD.search(html)
    body = html[html.index("<body") :]
    parts = [KB_DATA.sub("<!-- kb-data.html: see kb-data.html -->", head.group(0)) if head else "<!-- no head -->"]
    parts += [body[start:end] for start, end in _Ours(body).spans]
    return _normalised("\n".join(parts))


def element(html: str, wanted) -> str:
    """The first outermost element `wanted` (tag, attributes) picks, normalised."""
    spans = _Ours(html, wanted).spans
    assert spans, "no such element in the page"
    start, end = spans[0]
    return _normalised(html[start:end])


def head(html: str) -> str:
    """What main.html adds to the head, normalised, with the shared kb-data replaced by a note."""
    return _normalised(KB_DATA.sub("<!-- kb-data.html: see kb-data.html -->", OUR_HEAD.search(html).group(0)))


def shared_data(html: str) -> str:
    return _normalised(KB_DATA.search(html).group(0))


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
