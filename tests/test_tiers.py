"""The test tiers hold: a test not marked `site` cannot build a site."""

import subprocess
import sys

import pytest

from tests import conftest


@pytest.mark.parametrize(
    "args, builds",
    [
        ([sys.executable, "-m", "mkdocs", "build", "-f", "x/mkdocs.yml"], True),
        (["/usr/bin/mkdocs", "serve"], True),
        ([".venv/bin/properdocs", "build", "--strict"], True),
        ("cd site && mkdocs build --strict", True),  # as a shell runs it
        ([sys.executable, "-m", "mkdocs", "--version"], False),
        (["git", "ls-files", "mkdocs.yml"], False),
        ([sys.executable, "-m", "pancreas_kb.checker.check", "--root", "build"], False),
    ],
)
def test_what_counts_as_building_a_site(args, builds):
    assert conftest.builds_a_site(args) is builds


class _Unmarked:
    nodeid = "tests/x.py::test_builds"

    def get_closest_marker(self, name):
        return None


def test_an_unmarked_test_that_builds_fails_before_mkdocs_starts(monkeypatch):
    monkeypatch.setitem(conftest._running, "item", _Unmarked())
    with pytest.raises(pytest.fail.Exception, match="builds a site but is not marked"):
        subprocess.run([sys.executable, "-m", "mkdocs", "build"], capture_output=True)
    # Any other command runs as usual.
    assert subprocess.run([sys.executable, "-c", "pass"]).returncode == 0


class _Browser(_Unmarked):
    def get_closest_marker(self, name):
        return name == "browser" or None


def test_a_browser_test_may_build_its_site(monkeypatch):
    monkeypatch.setitem(conftest._running, "item", _Browser())
    assert subprocess.run([sys.executable, "-m", "mkdocs", "build", "--help"], capture_output=True).returncode == 0


def test_an_unmarked_test_that_builds_in_its_own_process_fails_before_mkdocs_starts(monkeypatch):
    from mkdocs.commands import build as mkdocs_build

    monkeypatch.setitem(conftest._running, "item", _Unmarked())
    with pytest.raises(pytest.fail.Exception, match="builds a site but is not marked"):
        mkdocs_build.build(None)  # no configuration: refused before MkDocs reads it
