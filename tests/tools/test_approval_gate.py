"""The pull-request gate: an approval written into a page is backed by that reviewer's GitHub approval.

Each case is a real git repository (base commit, pull-request commit) judged with
recorded GitHub data: a pull_request_review event payload and the reviews list.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pancreas_kb.tools import approval_gate, approve
from tests.sitebuilder import page

BIB = (
    "@article{smith2020,\n  author = {Smith, A},\n  title = {A trial},\n  journal = {J},\n  year = {2020},\n"
    "  volume = {1},\n  pages = {1--2},\n  doi = {10.1000/x},\n  evidence = {cohort}\n}\n"
)
QUOTES = (
    "seen_at: https://doi.org/10.1000/x\nseen_on: 2026-05-01\nquotes:\n  - text: It spreads.\n    locator: Abstract\n"
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "github"
ADA = "- name: Dr Ada Example\n  credentials: MD\n  github: ada-example\n  github_id: 1001\n"
BO = "- name: Dr Bo Second\n  credentials: PhD\n  github: bo2\n  github_id: 1002\n"


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def base_repo(tmp_path_factory):
    """A repository whose base commit lists Dr Ada Example and holds a submitted page, made once."""
    root = tmp_path_factory.mktemp("base")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "user.name", "Editor")
    (root / "docs").mkdir()
    (root / "docs" / "stages.md").write_text(page("Stages", body="Cancer can spread."))
    (root / "docs" / "other.md").write_text(page("Other"))
    (root / "reviewers.yml").write_text(ADA)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


@pytest.fixture
def repo(base_repo, tmp_path, monkeypatch):
    """Each test's own copy of the base repository."""
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    root = tmp_path / "repo"
    shutil.copytree(base_repo, root, symlinks=True)
    return root


def commit(root, message="change"):
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)
    return git(root, "rev-parse", "HEAD")


def approve_in_branch(root, name="Dr Ada Example"):
    assert approve.main(["--root", str(root), "--page", "docs/stages.md", "--reviewer", name]) == 0
    return commit(root, "approve")


def recorded(tmp_path, fixture, base, head):
    text = (FIXTURES / fixture).read_text().replace('"HEAD"', f'"{head}"').replace('"BASE"', f'"{base}"')
    out = tmp_path / fixture
    out.write_text(text)
    return out


def gate(root, base, head, fixture, event="event-review-submitted.json"):
    return approval_gate.main(
        [
            "--root",
            str(root),
            "--base",
            base,
            "--head",
            head,
            "--pull",
            str(recorded(root.parent, event, base, head)),
            "--reviews",
            str(recorded(root.parent, fixture, base, head)),
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
        ("reviews-none.json", "@ada-example (GitHub account 1001) has not reviewed this pull request"),
        ("reviews-other-user.json", "@ada-example (GitHub account 1001) has not reviewed this pull request"),
        ("reviews-unlisted.json", "@ada-example (GitHub account 1001) has not reviewed this pull request"),
        ("reviews-impostor.json", "@ada-example (GitHub account 1001) has not reviewed this pull request"),
        ("reviews-changes-requested.json", "(GitHub account 1001) last changes requested this pull request"),
        ("reviews-stale-approval.json", "(GitHub account 1001) approved an earlier commit (0123456)"),
    ],
    ids=["no review", "another user", "unlisted reviewer", "same login, another account", "changes", "earlier"],
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


def test_a_listed_reviewer_whose_login_changed_is_still_recognised(repo):
    base = git(repo, "rev-parse", "HEAD")
    head = approve_in_branch(repo)
    assert gate(repo, base, head, "reviews-renamed-login.json") == 0


def test_a_reviewer_cannot_approve_their_own_pull_request(repo, capsys):
    base = git(repo, "rev-parse", "HEAD")
    head = approve_in_branch(repo)
    assert gate(repo, base, head, "reviews-approved.json", event="event-review-by-author.json") == 1
    assert "in their own pull request" in capsys.readouterr().out


@pytest.mark.parametrize(
    "path, edit",
    [
        ("docs/stages.md", lambda t: t.replace("Cancer can spread", "Cancer never spreads")),
        (
            "docs/stages.md",
            lambda t: re.sub(r"approved_digest: sha256:[0-9a-f]+", "approved_digest: sha256:" + "0" * 64, t),
        ),
        ("references.bib", lambda t: t.replace("doi = {10.1000/x}", "doi = {10.1000/evil}")),
        ("evidence/smith2020.yml", lambda t: t.replace("It spreads.", "It never spreads.")),
    ],
    ids=["page text", "forged digest", "cited entry", "quote"],
)
def test_a_changed_digest_is_refused_even_with_the_reviewers_approval(repo, capsys, path, edit):
    (repo / "docs" / "stages.md").write_text(page("Stages", body="Cancer can spread [@smith2020]."))
    (repo / "references.bib").write_text(BIB)
    (repo / "evidence").mkdir()
    (repo / "evidence" / "smith2020.yml").write_text(QUOTES)
    base = commit(repo, "cite")
    approve_in_branch(repo)
    target = repo / path
    target.write_text(edit(target.read_text()))
    head = commit(repo, "after the approval")
    assert gate(repo, base, head, "reviews-approved.json") == 1
    assert "does not match what the page shows at the head commit" in capsys.readouterr().out


@pytest.mark.parametrize(
    "name",
    [
        "docs/stages.markdown",
        "docs/stages.mkd",
        "docs/stages.mdown",
        "docs/stages.mkdn",
        "docs/stådier.md",
        "docs/ünïcode/Über.MD",
    ],
)
def test_every_file_mkdocs_builds_is_a_page_to_the_gate(repo, capsys, name):
    base = git(repo, "rev-parse", "HEAD")
    approve_in_branch(repo)
    target = repo / name
    target.parent.mkdir(parents=True, exist_ok=True)
    (repo / "docs" / "stages.md").rename(target)
    head = commit(repo, "moved")
    assert gate(repo, base, head, "reviews-none.json") == 1
    out = capsys.readouterr().out
    assert f"{name}:" in out and "approval-not-on-github" in out


def test_a_symbolic_link_in_docs_is_refused(repo, capsys):
    (repo / "elsewhere.md").write_text("---\ntitle: X\n---\n")
    (repo / "docs" / "linked.md").symlink_to("../elsewhere.md")
    base = git(repo, "rev-parse", "HEAD")
    head = commit(repo, "link")
    assert gate(repo, base, head, "reviews-none.json") == 1
    assert "docs/linked.md:1: docs-file-type: is a symbolic link" in capsys.readouterr().out


def test_a_pull_request_that_moves_docs_dir_is_read_in_both_folders_as_data(repo, capsys):
    base = git(repo, "rev-parse", "HEAD")
    approve_in_branch(repo)
    (repo / "elsewhere").mkdir()
    (repo / "docs" / "stages.md").rename(repo / "elsewhere" / "stages.md")
    # Loaded with a code-running loader, the tag would run a command.
    (repo / "mkdocs.yml").write_text("docs_dir: elsewhere\nhooks: !!python/object/apply:os.system [touch ran]\n")
    head = commit(repo, "move docs_dir")
    assert gate(repo, base, head, "reviews-none.json") == 1
    assert "elsewhere/stages.md:" in capsys.readouterr().out
    assert not (repo / "ran").exists()
