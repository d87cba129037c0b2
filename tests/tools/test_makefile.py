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
