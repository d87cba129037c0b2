"""The pre-commit hooks run, pass on the real content, and catch what they exist for."""

import re
import shlex
import subprocess

import pytest
import yaml

from tests.sitebuilder import ROOT

HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]}
TRACKED = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()


def run(hook_id, files, cwd=ROOT):
    hook = HOOKS[hook_id]
    command = shlex.split(hook["entry"])
    command[0] = str(ROOT / command[0])
    if hook.get("pass_filenames", True):
        command += [str(f) for f in files]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.site  # reads every tracked page
@pytest.mark.parametrize("hook_id", ["spelling", "markdown-lint"])
def test_hook_passes_on_the_real_content(hook_id):
    hook = HOOKS[hook_id]
    files = [f for f in TRACKED if re.search(hook["files"], f) and not re.search(hook.get("exclude", "^$"), f)]
    assert files
    result = run(hook_id, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_spelling_hook_catches_a_misspelling(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("The tumour was recieved for testing.\n")
    result = run("spelling", [bad])
    assert result.returncode != 0
    assert "recieved" in result.stdout


def test_markdown_lint_hook_catches_a_broken_structure(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\n---\n\n# One\n\n### Skipped a level\n")
    result = run("markdown-lint", [bad])
    assert result.returncode != 0
    assert "MD001" in result.stdout


def test_markdown_lint_accepts_front_matter_and_admonitions(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(
        '---\ntitle: x\n---\n\n# One\n\n!!! summary "Key points"\n\n    - a point\n    - another\n\n'
        "## Two {#two}\n\nText.\n"
    )
    result = run("markdown-lint", [good])
    assert result.returncode == 0, result.stdout


@pytest.mark.site  # checks the real content
def test_sources_hook_is_the_checker_in_sources_only_mode():
    assert HOOKS["content-sources"]["entry"].endswith("-m pancreas_kb.checker.check --sources-only")
    result = run("content-sources", [])
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_lint_hook_catches_an_unused_import_and_passes_clean_code(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n")
    result = run("ruff-lint", [bad])
    assert result.returncode != 0
    assert "F401" in result.stdout
    good = tmp_path / "good.py"
    good.write_text('"""A module."""\n\nVALUE = 1\n')
    assert run("ruff-lint", [good]).returncode == 0
    assert run("ruff-format", [good]).returncode == 0
    (tmp_path / "ugly.py").write_text("VALUE=[1,\n  2]\n")
    assert run("ruff-format", [tmp_path / "ugly.py"]).returncode != 0


def test_watch_hook_validates_the_saved_searches_offline(tmp_path):
    assert HOOKS["literature-watch"]["entry"].endswith("-m pancreas_kb.tools.watch --check")
    assert run("literature-watch", []).returncode == 0
    (tmp_path / "docs").mkdir()
    (tmp_path / "literature-watch.yml").write_text("searches:\n  - id: x\n")
    command = [
        str(ROOT / ".venv/bin/python"),
        *shlex.split(HOOKS["literature-watch"]["entry"])[1:],
        "--root",
        str(tmp_path),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "literature-watch.yml:2: watch-field-required" in result.stderr
