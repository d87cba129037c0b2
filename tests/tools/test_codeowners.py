"""CODEOWNERS names an owner for everything that changes what readers see or what runs."""

import fnmatch
import subprocess

import pytest

from tests.sitebuilder import ROOT

MAINTAINERS = "@stage4-pancreas/maintainers"
CLINICAL = "@stage4-pancreas/clinical-reviewers"


def rules() -> list[tuple[str, list[str]]]:
    lines = (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
    return [(line.split()[0], line.split()[1:]) for line in lines if line.strip() and not line.startswith("#")]


def owners(path: str) -> list[str]:
    """GitHub's reading, for the patterns this file uses: the last match wins."""
    found: list[str] = []
    for pattern, names in rules():
        if pattern == "*":
            matched = True
        elif pattern.endswith("/"):
            matched = ("/" + path).startswith(pattern)
        else:
            matched = fnmatch.fnmatch("/" + path, pattern)
        if matched:
            found = names
    return found


@pytest.mark.parametrize(
    "path, expected",
    [
        ("Makefile", MAINTAINERS),
        ("pyproject.toml", MAINTAINERS),
        ("mkdocs.yml", MAINTAINERS),
        ("includes/search-synonyms.yml", MAINTAINERS),
        ("docs/about/trust-criteria.md", MAINTAINERS),
        ("docs/reference/glossary.md", MAINTAINERS),
        ("docs/index.md", MAINTAINERS),
        ("docs/a-new-folder/page.md", MAINTAINERS),
        ("overrides/partials/javascripts/base.html", MAINTAINERS),
        ("scripts/pancreas_kb/domain/inline-scripts.yml", MAINTAINERS),
        ("reviewers.yml", MAINTAINERS),
        (".github/workflows/approval.yml", MAINTAINERS),
        ("docs/patients/stages.md", CLINICAL),
        ("whats-new.yml", CLINICAL),
        ("includes/glossary.yml", CLINICAL),
        ("evidence/conroy2011folfirinox.yml", CLINICAL),
    ],
)
def test_every_path_that_changes_what_readers_see_or_what_runs_has_its_owner(path, expected):
    assert owners(path) == [expected]


def test_every_tracked_file_has_an_owner():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert all(owners(path) for path in tracked)
