"""The review dashboard page is filled with every page's review state; every other page is left alone."""

import datetime as dt
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from pancreas_kb.domain import dashboard as table
from pancreas_kb.domain import review
from pancreas_kb.plugin import build_state, dashboard

TODAY = dt.date(2026, 6, 1)
TRUST = review.trust_for({"review_status": "submitted", "audience": "patient"}, TODAY)


@pytest.fixture
def build(monkeypatch):
    monkeypatch.setenv("KB_TODAY", TODAY.isoformat())
    monkeypatch.setattr(build_state, "options", build_state.Options())
    records = {
        "patients/b.md": SimpleNamespace(src_uri="patients/b.md", title="B", trust=TRUST),
        "patients/a.md": SimpleNamespace(src_uri="patients/a.md", title="A", trust=TRUST),
    }
    monkeypatch.setattr(build_state, "current", build_state.Build(records=records))


def _page(src_uri):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def _files(*paths):
    return Files([File(p, "/docs", "/site", use_directory_urls=True) for p in paths])


ROWS = [table.Row("patients/a.md", "A", TRUST), table.Row("patients/b.md", "B", TRUST)]


def test_the_dashboard_lists_every_page_after_its_introduction(build):
    out = dashboard.on_page_markdown("# Dashboard", _page(dashboard.PAGE), None, _files(table.JOIN_PAGE))
    assert out == "# Dashboard\n\n" + table.markdown(ROWS, dashboard.PAGE, TODAY, True, packets=True)
    assert "[Review for us](review-for-us.md)" in out and "[packet](review-packets/patients/a.html)" in out


def test_under_serve_without_packets_or_the_join_page_the_dashboard_says_so(build):
    build_state.options.serving = True
    out = dashboard.on_page_markdown("# Dashboard", _page(dashboard.PAGE), None, _files("index.md"))
    assert out == "# Dashboard\n\n" + table.markdown(ROWS, dashboard.PAGE, TODAY, False, packets=False)
    assert "Review for us" not in out and table.PACKET_NOT_BUILT in out


def test_another_page_is_left_as_written(build):
    assert dashboard.on_page_markdown("# Other", _page("about/index.md"), None, _files()) == "# Other"
