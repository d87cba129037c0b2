"""The history part (plugin/history.py): each page's last-changed date from one git call per build,
and the link to its change history, on small fake pages without a build."""

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from pancreas_kb.domain import history as domain_history
from pancreas_kb.plugin import history


@pytest.fixture
def git_dates(monkeypatch):
    """git's answer for the docs folder each build asks about, the folders asked about."""
    asked = []
    answers = {}

    def last_changed(docs_dir):
        asked.append(docs_dir)
        return answers.get(docs_dir, {})

    monkeypatch.setattr(domain_history, "last_changed", last_changed)
    monkeypatch.setattr(history, "_dates", {})
    return asked, answers


def _config(docs_dir):
    return SimpleNamespace(docs_dir=docs_dir, extra={"repository": "https://github.com/o/kb"})


def _page(src_uri):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta={}, update_date="2026-12-06")


def test_a_changed_page_shows_its_last_commit_date_its_history_link_and_gives_the_sitemap_that_date(git_dates):
    asked, answers = git_dates
    answers[Path("/kb/docs")] = {"patients/a.md": dt.date(2026, 5, 20)}
    config = _config("/kb/docs")
    history.on_pre_build(config)
    assert asked == [Path("/kb/docs")]
    page = _page("patients/a.md")
    assert history.on_page_markdown("Text.", page, config, None) == "Text."
    assert page.meta == {
        "history": {"updated": dt.date(2026, 5, 20), "url": "https://github.com/o/kb/commits/main/docs/patients/a.md"}
    }
    assert page.update_date == "2026-05-20"


def test_a_page_git_has_no_date_for_shows_none_and_keeps_its_build_date(git_dates):
    _asked, answers = git_dates
    answers[Path("/kb/docs")] = {"patients/a.md": dt.date(2026, 5, 20)}
    history.on_pre_build(_config("/kb/docs"))
    history.on_pre_build(_config("/other/docs"))  # the next build, outside git: no dates from the one before
    page = _page("patients/a.md")
    history.on_page_markdown("Text.", page, _config("/other/docs"), None)
    assert page.meta["history"] == {
        "updated": None,
        "url": "https://github.com/o/kb/commits/main/docs/patients/a.md",
    }
    assert page.update_date == "2026-12-06"
