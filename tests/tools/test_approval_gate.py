"""The pull-request gate: an approval written into a page is backed by that reviewer's GitHub approval."""

import json
import subprocess
from pathlib import Path

import pytest

from pancreas_kb.tools import approval_gate, approve
from tests.sitebuilder import page

FIXTURES = Path(__file__).parents[1] / "fixtures" / "github"
ADA = "- name: Dr Ada Example\n  credentials: MD\n  github: ada-example\n"
BO = "- name: Dr Bo Second\n  credentials: PhD\n  github: bo2\n"


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose base commit lists Dr Ada Example and holds a submitted page."""
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "editor@example.org")
    git(tmp_path, "config", "user.name", "Editor")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "stages.md").write_text(page("Stages", body="Cancer can spread."))
    (tmp_path / "docs" / "other.md").write_text(page("Other"))
    (tmp_path / "reviewers.yml").write_text(ADA)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def commit(root, message="change"):
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)
    return git(root, "rev-parse", "HEAD")


def approve_in_branch(root, name="Dr Ada Example"):
    assert approve.main(["--root", str(root), "--page", "docs/stages.md", "--reviewer", name]) == 0
    return commit(root, "approve")


def reviews_file(tmp_path, fixture, head):
    text = (FIXTURES / fixture).read_text().replace('"HEAD"', f'"{head}"')
    out = tmp_path / "reviews.json"
    out.write_text(text)
    return out


def gate(root, base, head, fixture):
    return approval_gate.main(
        [
            "--root",
            str(root),
            "--base",
            base,
            "--head",
            head,
            "--reviews",
            str(reviews_file(root.parent, fixture, head)),
        ]
    )


def test_an_approval_backed_by_the_reviewers_github_approval_passes(repo, capsys):
    base = git(repo, "rev-parse", "HEAD")
    head = approve_in_branch(repo)
    assert gate(repo, base, head, "reviews-approved.json") == 0
    assert "docs/stages.md: newly approved by Dr Ada Example" in capsys.readouterr().err


@pytest.mark.parametrize(
    "fixture, message",
    [
        ("reviews-none.json", "GitHub user @ada-example has not reviewed this pull request"),
        ("reviews-other-user.json", "GitHub user @ada-example has not reviewed this pull request"),
        ("reviews-changes-requested.json", "GitHub user @ada-example last changes requested this pull request"),
        ("reviews-stale-approval.json", "@ada-example approved an earlier commit (0123456)"),
    ],
)
def test_an_approval_without_the_reviewers_approval_of_the_head_commit_fails(repo, capsys, fixture, message):
    base = git(repo, "rev-parse", "HEAD")
    head = approve_in_branch(repo)
    assert gate(repo, base, head, fixture) == 1
    out = capsys.readouterr().out
    assert "docs/stages.md:5: approval-not-on-github: " in out and message in out


def test_a_reviewer_added_in_the_same_pull_request_cannot_approve(repo, capsys):
    base = git(repo, "rev-parse", "HEAD")
    (repo / "reviewers.yml").write_text(ADA + BO)
    head = approve_in_branch(repo, "Dr Bo Second")
    assert gate(repo, base, head, "reviews-approved.json") == 1
    assert "'Dr Bo Second' approves this page but is not in reviewers.yml on the base branch" in capsys.readouterr().out


def test_a_pull_request_that_approves_nothing_passes_without_reviews(repo, capsys):
    base = git(repo, "rev-parse", "HEAD")
    (repo / "docs" / "other.md").write_text(page("Other", body="New words."))
    head = commit(repo)
    assert gate(repo, base, head, "reviews-none.json") == 0
    assert "approves no page" in capsys.readouterr().err


def test_an_edit_that_leaves_an_earlier_approval_standing_needs_no_new_approval(repo):
    approve_in_branch(repo)
    base = git(repo, "rev-parse", "HEAD")
    (repo / "docs" / "other.md").write_text(page("Other", body="New words."))
    head = commit(repo)
    assert gate(repo, base, head, "reviews-none.json") == 0


def test_only_the_reviewer_a_change_adds_must_approve_unless_the_text_changed():
    base = page(
        "S",
        "approved",
        last_reviewed="2026-03-01",
        next_review="2027-02-01",
        reviewers=[{"name": "Dr Ada Example", "credentials": "MD"}],
    )
    both = base.replace("  credentials: MD\n", "  credentials: MD\n- name: Dr Bo Second\n  credentials: PhD\n")
    assert approval_gate.new_approval("docs/s.md", base, both).reviewers == ("Dr Bo Second",)
    # New text, approved again: the digest changed, so every named reviewer vouches for it anew.
    reapproved = page(
        "S",
        "approved",
        last_reviewed="2026-06-01",
        next_review="2027-06-01",
        body="Other text.",
        reviewers=[{"name": "Dr Ada Example", "credentials": "MD"}],
    )
    assert approval_gate.new_approval("docs/s.md", base, reapproved).reviewers == ("Dr Ada Example",)
    assert approval_gate.new_approval("docs/s.md", base, base) is None


def test_the_latest_verdict_counts_and_comments_do_not_change_it():
    reviews = json.loads((FIXTURES / "reviews-changes-requested.json").read_text())[0]
    reviews.append({**reviews[0], "id": 9, "state": "COMMENTED", "submitted_at": "2026-06-01T12:00:00Z"})
    assert approval_gate.latest_verdicts(reviews)["ada-example"]["state"] == "CHANGES_REQUESTED"


def test_unreadable_input_is_a_usage_error(repo, capsys):
    (repo.parent / "bad.json").write_text("{not json")
    head = git(repo, "rev-parse", "HEAD")
    assert (
        approval_gate.main(
            ["--root", str(repo), "--base", head, "--head", head, "--reviews", str(repo.parent / "bad.json")]
        )
        == 2
    )
    assert (
        approval_gate.main(
            ["--root", str(repo), "--base", "nope", "--head", head, "--reviews", str(FIXTURES / "reviews-none.json")]
        )
        == 2
    )
    assert "error:" in capsys.readouterr().err
