"""A page's history (domain/history.py): the newest date per path read from one `git log`, and no
dates at all when git cannot give them, without running a build."""

import datetime as dt
import subprocess
from types import SimpleNamespace

import pytest

from pancreas_kb.domain import history

# Newest commit first, as git prints it: a NUL-prefixed date line, a blank line, the paths it changed.
LOG = "\0" + "2026-05-20\n\npatients/a.md\n\n\0" + "2026-04-03\n\npatients/a.md\nindex.md\n"


def test_the_log_gives_each_path_the_date_of_the_newest_commit_that_changed_it():
    assert history.parse_log(LOG) == {"patients/a.md": dt.date(2026, 5, 20), "index.md": dt.date(2026, 4, 3)}


def test_paths_before_any_date_blank_lines_and_surrounding_spaces_are_not_paths():
    out = "stray.md\n\0" + "2026-05-20 \n\n  patients/a.md \n   \n"
    assert history.parse_log(out) == {"patients/a.md": dt.date(2026, 5, 20)}


def test_an_empty_log_has_no_dates():
    assert history.parse_log("") == {}


def _fake_git(monkeypatch, returncode=0, stdout=LOG, raises=None):
    calls = []

    def run(args, **kwargs):
        calls.append((args, kwargs))
        if raises is not None:
            raise raises
        return SimpleNamespace(returncode=returncode, stdout=stdout)

    monkeypatch.setattr(history.subprocess, "run", run)
    return calls


def test_one_git_log_of_the_docs_folder_names_each_changed_file_relative_to_it(monkeypatch, tmp_path):
    calls = _fake_git(monkeypatch)
    assert history.last_changed(tmp_path / "docs") == {
        "patients/a.md": dt.date(2026, 5, 20),
        "index.md": dt.date(2026, 4, 3),
    }
    assert calls == [
        (
            [
                "git",
                "-C",
                str(tmp_path / "docs"),
                "log",
                "--format=%x00%cs",
                "--name-only",
                "--relative",
                "--no-renames",
                "--",
                ".",
            ],
            {"capture_output": True, "text": True, "timeout": 60, "check": False},
        )
    ]


@pytest.mark.parametrize(
    "failure",
    [
        {"returncode": 128, "stdout": ""},
        {"returncode": 128, "stdout": LOG},
        {"raises": FileNotFoundError("git")},
        {"raises": subprocess.TimeoutExpired("git", 60)},
    ],
    ids=["not-a-checkout", "failed-partway", "no-git", "too-slow"],
)
def test_without_a_history_from_git_pages_have_no_dates(monkeypatch, tmp_path, failure):
    _fake_git(monkeypatch, **failure)
    assert history.last_changed(tmp_path) == {}
