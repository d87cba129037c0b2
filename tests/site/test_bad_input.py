"""Bad input as an editor might make it: `make build` and `make check` answer with findings, never a traceback.

One fixture site holds a page per front-matter field and kind of YAML value,
and pages with an undecodable byte, a byte order mark and CRLF line ends; the
strict build must fail with every finding the page records hold, and the
checker must report them too.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
import yaml

from pancreas_kb.domain import bibliography, page_record, schema
from tests import sitebuilder
from tests.sitebuilder import ROOT, TODAY, page

pytestmark = pytest.mark.site

VALUES = {
    "list": ["a", "b"],
    "mapping": {"a": 1},
    "number": 3,
    "float": 2.5,
    "boolean": True,
    "null": None,
    "date": dt.date(2026, 3, 1),
    "datetime": dt.datetime(2026, 3, 1, 10, 30),
    "text": "nonsense",
}
# The combinations above that are good front matter.
VALID = {
    "title-text.md",
    "description-text.md",
    "last_reviewed-date.md",
    "next_review-date.md",
    "evidence_checked-date.md",
    "open_questions-list.md",
}
BIB = """\
@article{good2011key,
  author = {Zeta, Anne}, title = {A trial}, journal = {N Engl J Med}, year = {2011},
  volume = {364}, pages = {1--9}, doi = {10.1056/NEJMoa1011923},
}
"""


def bad_pages() -> dict[str, bytes]:
    pages = {}
    for field in schema.ALLOWED:
        for kind, value in VALUES.items():
            text = page(f"{field} as {kind}", body="Text [@good2011key].")
            meta_end = text.index("---\n", 4)
            front = yaml.safe_load(text[4:meta_end])
            front[field] = value
            pages[f"{field}-{kind}.md"] = ("---\n" + yaml.safe_dump(front) + text[meta_end:]).encode()
    good = page("Bytes", body="Text [@good2011key].\n\nMore text.").encode()
    pages["bom.md"] = b"\xef\xbb\xbf" + good.replace(b"Bytes", b"Bom")
    pages["crlf.md"] = good.replace(b"Bytes", b"Crlf").replace(b"\n", b"\r\n")
    pages["latin1.md"] = good.replace(b"Bytes", b"Latin").replace(b"More text.", b"Caf\xe9 text.")
    pages["control.md"] = good.replace(b"Bytes", b"Control").replace(b"More text.", b"More \x02 text.")
    return pages


def expected_findings(pages: dict[str, bytes], root) -> list[str]:
    library = bibliography.parse("references.bib", BIB)
    today = dt.date.fromisoformat(TODAY)
    findings = []
    for name, data in pages.items():
        record = page_record.build(f"docs/{name}", name, data, today, root / "docs", library)
        findings += [f.text() for f in record.findings]
    return findings


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-input")
    pages = bad_pages()
    (root / "docs").mkdir()
    for name, data in pages.items():
        (root / "docs" / name).write_bytes(data)
    result = sitebuilder.build(root, {"index.md": page("Home", body="Text [@good2011key].")}, BIB)
    return root, pages, result


def test_the_build_fails_with_every_finding_and_no_traceback(broken):
    root, pages, result = broken
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log, result.log[-3000:]
    expected = expected_findings(pages, root)
    flagged = {f.split(":", 1)[0].removeprefix("docs/") for f in expected}
    assert set(pages) - flagged == VALID, "every page with a bad value has a finding"
    missing = [f for f in expected if f not in result.log]
    assert not missing, "\n".join(missing[:20])
    for name in ("bom.md", "crlf.md", "latin1.md", "control.md"):
        assert f"docs/{name}:" in result.log
    assert "docs/latin1.md:13: file-encoding" in result.log


def test_the_checker_reports_them_and_no_traceback(broken):
    root, pages, _ = broken
    result = subprocess.run(
        [sys.executable, "-m", "pancreas_kb.checker.check", "--root", str(root), "--sources-only"],
        cwd=ROOT,
        env={**os.environ, "KB_TODAY": TODAY},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for finding in expected_findings(pages, root):
        assert finding in result.stdout


@pytest.mark.parametrize(
    "entry, line",
    [
        ("@article{, title = {No key}, year = {2011}}\n", 5),
        ("@article{nocomma title = {x}}\n", 5),
        ("@article{k1, author = {Doe, Jane, Jr, X}, title = {x}}\n", 5),
        ("@article{k2, journal = nejm}\n", 5),
    ],
)
def test_a_bibliography_entry_the_citation_plugin_cannot_read_is_a_finding(tmp_path, entry, line):
    result = sitebuilder.build(tmp_path, {"index.md": page("Home", body="Text [@good2011key].")}, BIB + entry)
    assert result.returncode == 1
    assert "Traceback" not in result.log, result.log[-3000:]
    assert f"references.bib:{line}: bib-" in result.log
