"""`make approve` runs this checkout's code, so it refuses to run where that code differs from main."""

import shutil
import subprocess

import pytest

from tests.sitebuilder import ROOT

pytestmark = pytest.mark.skipif(not shutil.which("make") or not shutil.which("git"), reason="needs make and git")


def run(root, *args):
    return subprocess.run(args, cwd=root, capture_output=True, text=True)


@pytest.fixture
def checkout(tmp_path):
    """A repository whose main holds the project's Makefile and stand-ins for its code."""
    for name in ("Makefile", "pyproject.toml", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("scripts", "overrides"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "code.py").write_text("honest = True\n")
    (tmp_path / ".gitignore").write_text(".venv\nstamp\n")
    run(tmp_path, "git", "init", "-q", "-b", "main")
    run(tmp_path, "git", "add", ".")
    run(tmp_path, "git", "-c", "user.name=M", "-c", "user.email=m@example.org", "commit", "-qm", "main")
    run(tmp_path, "git", "checkout", "-q", "-b", "contribution")
    (tmp_path / "stamp").write_text("")  # an installed environment, so no test installs one
    return tmp_path


def approve(root):
    # PY=echo shows the command that would run instead of running it.
    return run(root, "make", "approve", "PAGE=docs/p.md", "REVIEWER=Dr A", "STAMP=stamp", "PY=echo")


def test_runs_when_the_code_is_main(checkout):
    result = approve(checkout)
    assert result.returncode == 0, result.stderr
    assert "-m pancreas_kb.tools.approve --page docs/p.md --reviewer Dr A" in result.stdout


@pytest.mark.parametrize("changed", ["scripts/code.py", "overrides/code.py", "pyproject.toml", "requirements.txt"])
def test_refuses_when_the_branch_changed_the_code(checkout, changed):
    (checkout / changed).write_text((checkout / changed).read_text() + "\n# changed\n")
    result = approve(checkout)
    assert result.returncode != 0 and "refused" in result.stderr
    assert "pancreas_kb.tools.approve" not in result.stdout


def test_refuses_when_the_branch_added_code(checkout):
    (checkout / "scripts" / "planted.py").write_text("import os\n")
    result = approve(checkout)
    assert result.returncode != 0 and "refused" in result.stderr
