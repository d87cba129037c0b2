"""Last-updated dates from one git call, and a graceful fallback outside git."""

import datetime as dt
import os
import subprocess

import pytest

from pancreas_kb.domain import history
from tests import sitebuilder
from tests.sitebuilder import page


def test_parse_log_keeps_the_newest_date_per_file():
    out = "\0" + "2026-05-02\n\na.md\nsub/b.md\n\0" + "2026-01-01\n\na.md\nc.md\n"
    assert history.parse_log(out) == {
        "a.md": dt.date(2026, 5, 2),
        "sub/b.md": dt.date(2026, 5, 2),
        "c.md": dt.date(2026, 1, 1),
    }


def test_outside_a_git_checkout_there_is_no_history(tmp_path):
    assert history.last_changed(tmp_path) == {}


def _git(root, *args, date="2026-04-03T10:00:00"):
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.mark.site
def test_pages_show_their_last_commit_date_and_history_link(tmp_path):
    pages = {"index.md": page("Home"), "patients/a.md": page("A page")}
    for rel, text in pages.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "docs")
    _git(tmp_path, "commit", "-q", "-m", "first")
    (tmp_path / "docs" / "patients" / "a.md").write_text(pages["patients/a.md"] + "\nMore.\n", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "second", date="2026-05-20T10:00:00")
    pages["patients/a.md"] += "\nMore.\n"

    result = sitebuilder.build(tmp_path, pages)
    assert result.returncode == 0, result.log
    html = result.html("patients/a/index.html")
    assert 'Last updated <time datetime="2026-05-20">20 May 2026</time>' in html
    assert "/commits/main/docs/patients/a.md" in html
    assert '<time datetime="2026-04-03">' in result.html()
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-05-20</lastmod>" in sitemap


def test_a_site_outside_git_still_links_the_history_without_a_date(build_site):
    result = build_site({"index.md": page("Home")})
    html = result.html()
    assert "History of changes to this page" in html and "Last updated" not in html
