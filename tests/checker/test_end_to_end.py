"""`python -m pancreas_kb.checker.check` on real fixture builds: clean passes, each planted fault fails at its line.

Faults the strict build already rejects are built with strict=False, so that
the site exists and the checker, not the build, is what is tested.
"""

import json
import os
import subprocess
import sys

import pytest

from pancreas_kb.checker import published_urls
from tests.sitebuilder import ROOT, TODAY, build, page

pytestmark = pytest.mark.site

BIB = """\
@article{conroy2011folfirinox,
  author  = {Conroy, Thierry and Desseigne, Françoise},
  title   = {{FOLFIRINOX} versus gemcitabine for metastatic pancreatic cancer},
  journal = {N Engl J Med},
  year    = {2011},
  volume  = {364},
  pages   = {1817--1825},
  doi     = {10.1056/NEJMoa1011923},
  evidence = {randomised-trial},
}
"""
EVIDENCE = {
    "conroy2011folfirinox": """\
seen_at: https://www.nejm.org/doi/full/10.1056/NEJMoa1011923
seen_on: 2026-05-01
quotes:
  - text: The median overall survival was 11.1 months in the FOLFIRINOX group.
    locator: Abstract, Results
"""
}
# Body lines start at line 10 of a page made by sitebuilder.page().
TREATMENT = """\
Your care team will talk with you about treatment.

## Goals

Treatment can help you feel better. Read the [guide for doctors](../clinicians/index.md#first-line).
"""
CLINICIANS = """\
## First line

Median overall survival was 11.1 months [@conroy2011folfirinox].
"""


def pages(treatment=TREATMENT, status="submitted"):
    return {
        "index.md": page("Home", audience="all", body="Start with [treatment](patients/treatment.md)."),
        "patients/index.md": page("Patients", body="Pages for you."),
        "patients/treatment.md": page("Treatment", status=status, body=treatment),
        "clinicians/index.md": page("Clinicians", audience="clinician", body=CLINICIANS),
        "reference/glossary.md": page("Glossary", audience="all", body="Words."),
    }


def run_check(root):
    env = {**os.environ, "KB_TODAY": TODAY, "GITHUB_ACTIONS": "false"}
    result = subprocess.run(
        [sys.executable, "-m", "pancreas_kb.checker.check", "--root", str(root)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The published-urls.txt of the clean site, as the project would have committed it."""
    root = tmp_path_factory.mktemp("clean")
    result = build(root, pages(), BIB, evidence=EVIDENCE)
    assert result.returncode == 0, result.log
    assert published_urls.main(["--root", str(root), "--update"]) == 1
    text = (root / published_urls.LIST_FILE).read_text(encoding="utf-8")
    assert "patients/treatment/#goals" in text
    code, output = run_check(root)
    assert code == 0, output
    return text


def planted(tmp_path, published_text, site_pages, bib=BIB):
    result = build(tmp_path, site_pages, bib, strict=False, evidence=EVIDENCE)
    assert (tmp_path / "site" / "index.html").is_file(), result.log
    (tmp_path / published_urls.LIST_FILE).write_text(published_text, encoding="utf-8")
    return run_check(tmp_path)


@pytest.mark.parametrize(
    "treatment, expected",
    [
        (TREATMENT + "\nSee [the old page](old-page.md).\n", "docs/patients/treatment.md:17: broken-link"),
        (TREATMENT.replace("#first-line", "#second-line"), "docs/patients/treatment.md:15: missing-anchor"),
        (TREATMENT + "\nA claim [@smith2020].\n", "docs/patients/treatment.md:17: missing-citation-key"),
        (TREATMENT + "\n<script>alert(1)</script>\n", "docs/patients/treatment.md:17: unsafe-content"),
    ],
)
def test_planted_fault_fails_with_file_and_line(tmp_path, published, treatment, expected):
    code, output = planted(tmp_path, published, pages(treatment))
    assert code == 1, output
    assert expected in output


def test_removed_published_anchor_fails_with_its_line_in_the_list(tmp_path, published):
    code, output = planted(tmp_path, published, pages(TREATMENT.replace("## Goals", "## Aims")))
    assert code == 1, output
    line = published.splitlines().index("patients/treatment/#goals") + 1
    assert f"published-urls.txt:{line}: published-anchor-removed: patients/treatment/#goals" in output


def test_unknown_status_fails_with_file_and_line(tmp_path, published):
    code, output = planted(tmp_path, published, pages(status="aproved"))
    assert code == 1, output
    assert "docs/patients/treatment.md:5: front-matter-value: review_status: 'aproved'" in output


def test_duplicate_key_fails_with_file_and_line(tmp_path, published):
    # The build refuses a duplicate key outright, so the fault goes into the bib of a built site.
    build(tmp_path, pages(), BIB, evidence=EVIDENCE)
    (tmp_path / "references.bib").write_text(BIB + "\n" + BIB.replace("conroy2011", "Conroy2011"), encoding="utf-8")
    (tmp_path / published_urls.LIST_FILE).write_text(published, encoding="utf-8")
    code, output = run_check(tmp_path)
    assert code == 1, output
    assert "references.bib:12: bib-duplicate-key" in output


def test_json_and_github_formats(tmp_path, published):
    planted(tmp_path, published, pages(TREATMENT + "\nSee [the old page](old-page.md).\n"))
    env = {**os.environ, "KB_TODAY": TODAY}
    as_json = subprocess.run(
        [sys.executable, "-m", "pancreas_kb.checker.check", "--root", str(tmp_path), "--format", "json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    [finding] = json.loads(as_json.stdout)
    assert (finding["path"], finding["line"], finding["rule"]) == ("docs/patients/treatment.md", 17, "broken-link")
    in_actions = subprocess.run(
        [sys.executable, "-m", "pancreas_kb.checker.check", "--root", str(tmp_path)],
        cwd=ROOT,
        env={**env, "GITHUB_ACTIONS": "true"},
        capture_output=True,
        text=True,
    )
    assert in_actions.stdout.startswith("::error file=docs/patients/treatment.md,line=17,title=broken-link::")
