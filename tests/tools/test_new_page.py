"""The scaffold command and the review dashboard."""

import datetime as dt
import shutil

import pytest

from pancreas_kb.checker import project_files
from pancreas_kb.domain import dashboard, frontmatter, page_record, schema
from pancreas_kb.tools import new_page
from tests.sitebuilder import APPROVED, ROOT, page

TODAY = dt.date(2026, 6, 1)


def project(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_new_page_has_valid_front_matter_and_joins_the_nav(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_TODAY", TODAY.isoformat())
    root = project(tmp_path)
    code = new_page.main(["--root", str(root), "--title", "Eating well", "--audience", "patient"])
    assert code == 0
    text = (root / "docs/patients/eating-well.md").read_text()
    parsed, problems = frontmatter.read("docs/patients/eating-well.md", text)
    assert problems == []
    assert schema.validate(parsed, TODAY) == []
    assert parsed.meta["review_status"] == "submitted"
    assert parsed.meta["evidence_checked"] == TODAY
    assert "## Questions to ask {#questions-to-ask}" in text
    config = (root / "mkdocs.yml").read_text()
    assert "# Page tree" in config, "comments in mkdocs.yml must survive"

    nav = project_files.mkdocs_settings(root)["nav"]
    patients = next(item["Patients and families"] for item in nav if "Patients and families" in item)
    assert patients[-1] == "patients/eating-well.md"


def test_new_page_refuses_to_overwrite(tmp_path):
    root = project(tmp_path)
    assert new_page.main(["--root", str(root), "--title", "X", "--audience", "clinician"]) == 0
    before = (root / "mkdocs.yml").read_text()
    assert new_page.main(["--root", str(root), "--title", "X", "--audience", "clinician"]) == 1
    assert (root / "mkdocs.yml").read_text() == before


def test_new_page_rejects_bad_usage(tmp_path):
    root = project(tmp_path)
    assert new_page.main(["--root", str(root), "--title", "X", "--audience", "doctor"]) == 2
    assert new_page.main(["--root", str(root), "--title", "X", "--audience", "patient", "--slug", "Bad Slug"]) == 2
    assert not (root / "docs").exists()


def test_dashboard_groups_by_status_and_flags_overdue_and_due_soon():
    pages = {
        "a.md": page("Alpha", "submitted"),
        "b.md": page("Beta", "approved", **{**APPROVED, "last_reviewed": "2025-06-01", "next_review": "2026-05-01"}),
        "c.md": page("Gamma", "approved", **{**APPROVED, "last_reviewed": "2025-07-01", "next_review": "2026-06-15"}),
        "d.md": page("Delta", "under-review"),
        "bad.md": "no front matter",
    }
    records = [page_record.build(src, src, text.encode(), TODAY, None, None) for src, text in pages.items()]
    text = dashboard.markdown(dashboard.rows(records), "about/review-dashboard.md", TODAY)
    assert (
        "from the front matter of 4 pages: 1 submitted, not yet reviewed, 1 under clinical review, "
        "2 clinically reviewed" in text
    )
    submitted = text.index("{#submitted}")
    under = text.index("{#under-review}")
    approved = text.index("{#approved}")
    assert submitted < text.index("[Alpha](../a.md)") < under < text.index("[Delta](../d.md)") < approved
    row = "| [{}](../{}) | Patients and families | Dr Ada Example, MD | {} | {} | {} |"
    assert row.format("Beta", "b.md", "2025-06-01", "2026-05-01", "**Overdue**") in text
    assert row.format("Gamma", "c.md", "2025-07-01", "2026-06-15", "Due soon") in text
    assert text.index("[Beta]") < text.index("[Gamma]"), "sorted by next review"


def test_dashboard_page_reflects_front_matter_changes_on_next_build(build_site):
    dash = page("Review dashboard", audience="all")
    first = build_site(
        {"index.md": page("Home"), "about/review-dashboard.md": dash, "topic.md": page("Topic", "submitted")}
    )
    assert first.returncode == 0, first.log
    html = first.html("about/review-dashboard/index.html")
    html = html[html.index("<article") :]
    assert html.index('id="submitted"') < html.index('href="../../topic/"') < html.index('id="under-review"')
    second = build_site({"topic.md": page("Topic", "under-review")})
    html = second.html("about/review-dashboard/index.html")
    html = html[html.index("<article") :]
    assert html.index('id="under-review"') < html.index('href="../../topic/"') < html.index('id="approved"')


@pytest.mark.site
def test_contributor_flow_scaffold_builds_and_passes_every_check(tmp_path):
    """CONTRIBUTING.md's path: new page, record its URLs, strict build and make check all pass."""
    import os
    import subprocess
    import sys

    project = tmp_path / "kb"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for rel in tracked.split():
        if rel.startswith(("docs/", "overrides/", "scripts/", "includes/", "evidence/")) or rel in (
            "mkdocs.yml",
            "references.bib",
            "published-urls.txt",
            "whats-new.yml",
            "reviewers.yml",
            "literature-watch.yml",
        ):
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / rel, project / rel)
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}

    def run(*args):
        return subprocess.run(
            [sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=600
        )

    assert run("-m", "pancreas_kb.tools.new_page", "--title", "Eating well", "--audience", "patient").returncode == 0
    build = run("-m", "mkdocs", "build")
    assert build.returncode == 0, build.stdout + build.stderr
    assert run("-m", "pancreas_kb.checker.published_urls", "--update").returncode == 1, "new URLs are recorded"
    check = run("-m", "pancreas_kb.checker.check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert (project / "site/patients/eating-well/index.html").is_file()
