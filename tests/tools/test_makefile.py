"""Values given to make (PAGE=, TITLE=, ...) reach the commands as text, never as shell code."""

import subprocess

import pytest

from tests.sitebuilder import ROOT

pytestmark = pytest.mark.site  # runs make in the project


@pytest.mark.parametrize("template", ['x"; touch {marker}; echo "', "$(touch {marker})", "`touch {marker}`"])
def test_a_make_value_cannot_run_a_command(tmp_path, template):
    marker = tmp_path / "ran"
    value = template.format(marker=marker)
    result = subprocess.run(
        ["make", "--no-print-directory", "review-packet", f"PAGE={value}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert not marker.exists(), result.stdout + result.stderr
    assert "is not a file" in result.stderr or "error" in result.stderr.lower()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], "KB_SERVE_FULL=false serve --dev-addr 127.0.0.1:8000"),
        (["PORT=8001"], "KB_SERVE_FULL=false serve --dev-addr 127.0.0.1:8001"),
        (["FULL=1"], "KB_SERVE_FULL=true serve --dev-addr 127.0.0.1:8000"),
    ],
)
def test_make_serve_runs_mkdocs_serve_on_its_port(tmp_path, monkeypatch, values, expected):
    """The README's first command, with what make passes to mkdocs recorded instead of a server."""
    (tmp_path / "bin").mkdir()
    fake = tmp_path / "bin" / "mkdocs"
    fake.write_text('#!/bin/sh\necho "KB_SERVE_FULL=$KB_SERVE_FULL $*"\n', encoding="utf-8")
    fake.chmod(0o755)
    (tmp_path / "installed").touch()
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("FULL", raising=False)
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "serve", f"VENV={tmp_path}", f"STAMP={tmp_path / 'installed'}", *values],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == expected, result.stdout + result.stderr


def test_make_bench_measures_every_part_unless_told(tmp_path, monkeypatch):
    (tmp_path / "bin").mkdir()
    fake = tmp_path / "bin" / "python"
    fake.write_text('#!/bin/sh\necho "$*"\n', encoding="utf-8")
    fake.chmod(0o755)
    (tmp_path / "installed").touch()
    monkeypatch.delenv("PARTS", raising=False)
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "bench", f"VENV={tmp_path}", f"STAMP={tmp_path / 'installed'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == (
        "-m pancreas_kb.bench.run --parts scaling,real,checker,weight,lighthouse,search,packets,tests"
    ), result.stdout + result.stderr
