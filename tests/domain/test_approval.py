"""An approval is bound to the text it approved: approve, edit, see it go stale, approve again."""

import datetime as dt

import pytest

from pancreas_kb.checker import check
from pancreas_kb.domain import approval
from pancreas_kb.domain.frontmatter import read
from pancreas_kb.tools import approve
from tests.sitebuilder import page

REVIEWERS = (
    "# who may approve\n- name: Dr Ada Example\n  credentials: MD\n  github: ada-example\n  github_id: 1001\n"
    "- name: Dr Bo Second\n  credentials: PhD, RN\n  github: bo2\n  github_id: 1002\n"
    "  orcid: 0000-0002-1825-0097\n"
)
TABLE = "| Stage | Meaning |\n| --- | --- |\n| 1 | Local |\n| 4 | Spread |\n"
PAGE = (
    "---\ntitle: Stages\n# shown in search results\ndescription: About stages.\naudience: patient\n"
    "review_status: submitted\ncounterpart: other.md\nevidence_checked: 2026-05-01\n---\n\n"
    "# Stages\n\nCancer can spread [@smith2020].\n\nA CT scan shows it.\n\n" + TABLE
)
BIB = (
    "@article{smith2020,\n  author = {Smith, A},\n  title = {A trial},\n  journal = {J},\n  year = {2020},\n"
    "  volume = {1},\n  pages = {1--2},\n  doi = {10.1000/x},\n  evidence = {cohort}\n}\n"
)
QUOTES = (
    "seen_at: https://doi.org/10.1000/x\nseen_on: 2026-05-01\nquotes:\n  - text: It spreads.\n    locator: Abstract\n"
)
GLOSSARY = "- term: CT scan\n  definition: Pictures of the inside of the body made with X-rays.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://kb.example/\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "stages.md").write_text(PAGE)
    (tmp_path / "docs" / "other.md").write_text(page("Other"))
    (tmp_path / "references.bib").write_text(BIB)
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "smith2020.yml").write_text(QUOTES)
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "glossary.yml").write_text(GLOSSARY)
    (tmp_path / "reviewers.yml").write_text(REVIEWERS)
    return tmp_path


def run_approve(root, reviewer="Dr Ada Example"):
    return approve.main(["--root", str(root), "--page", "docs/stages.md", "--reviewer", reviewer])


def run_check(root):
    return check.main(["--root", str(root), "--sources-only"])


def stale_message(root, capsys) -> str:
    capsys.readouterr()
    assert run_check(root) == 1
    out = capsys.readouterr().out
    assert "approval-stale" in out, out
    return out


def test_approve_edit_stale_approve_again(project, capsys):
    assert run_check(project) == 0
    assert run_approve(project) == 0
    text = (project / "docs/stages.md").read_text()
    meta = read("docs/stages.md", text)[0].meta
    assert meta["review_status"] == "approved"
    assert meta["last_reviewed"] == dt.date(2026, 6, 1) and meta["next_review"] == dt.date(2027, 6, 1)
    assert meta["reviewers"] == [{"name": "Dr Ada Example", "credentials": "MD"}]
    assert "# shown in search results\ndescription:" in text, "other lines and comments are kept"
    assert set(meta["approved_inputs"]) == {
        "page",
        "references.bib entry smith2020",
        "evidence/smith2020.yml",
        "glossary term CT scan",
    }
    assert run_check(project) == 0, "recording the approval does not make it stale"

    (project / "docs/stages.md").write_text(text.replace("Cancer can spread", "Cancer rarely spreads"))
    out = stale_message(project, capsys)
    assert "docs/stages.md:" in out and "(page changed)" in out
    assert "make approve PAGE=docs/stages.md" in out and "under-review" in out

    assert run_approve(project) == 0
    assert run_check(project) == 0


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda t: t.replace("Cancer can spread", "Cancer   can\nspread"), id="re-wrapped text"),
        pytest.param(lambda t: t.replace("| 1 | Local |\n", "| 1 | Local | "), id="a newline that removes a row"),
        pytest.param(lambda t: t.replace("title: Stages", "title: Stages now"), id="title"),
        pytest.param(lambda t: t.replace("credentials: MD", "credentials: MD, PhD"), id="credentials"),
        pytest.param(
            lambda t: t.replace("2027-06-01", "2028-06-01").replace(
                "last_reviewed: 2026-06-01", "last_reviewed: 2027-06-01"
            ),
            id="review dates a year on",
        ),
    ],
)
def test_any_byte_of_the_page_outside_the_record_makes_it_stale(project, capsys, edit):
    assert run_approve(project) == 0
    path = project / "docs/stages.md"
    path.write_text(edit(path.read_text()))
    assert "(page changed)" in stale_message(project, capsys)


@pytest.mark.parametrize(
    "path, old, new, named",
    [
        ("references.bib", "doi = {10.1000/x}", "doi = {10.1000/y}", "references.bib entry smith2020 changed"),
        ("evidence/smith2020.yml", "It spreads.", "It does not spread.", "evidence/smith2020.yml changed"),
        ("includes/glossary.yml", "with X-rays", "with magnets", "glossary term CT scan changed"),
    ],
)
def test_what_the_page_pulls_in_is_covered_and_named(project, capsys, path, old, new, named):
    assert run_approve(project) == 0
    target = project / path
    target.write_text(target.read_text().replace(old, new))
    out = stale_message(project, capsys)
    assert named in out and "page changed" not in out


def test_the_record_itself_is_not_covered():
    text = "---\ntitle: T\napproved_digest: sha256:1\napproved_inputs:\n  page: ab\nnext: 1\n---\nBody\n"
    assert approval.without_record(text) == "---\ntitle: T\nnext: 1\n---\nBody\n"


def test_a_second_reviewer_of_the_same_text_is_added(project):
    assert run_approve(project) == 0
    assert run_approve(project, "Dr Bo Second") == 0
    meta = read("docs/stages.md", (project / "docs/stages.md").read_text())[0].meta
    assert [r["name"] for r in meta["reviewers"]] == ["Dr Ada Example", "Dr Bo Second"]


def test_an_unknown_reviewer_is_refused_and_the_page_is_untouched(project, capsys):
    assert run_approve(project, "Dr Nobody") == 1
    err = capsys.readouterr().err
    assert "'Dr Nobody' is not a clinical reviewer in reviewers.yml" in err and "'Dr Ada Example'" in err
    assert (project / "docs/stages.md").read_text() == PAGE


def test_approval_by_a_reviewer_not_listed_is_reported(project, capsys):
    assert run_approve(project) == 0
    (project / "reviewers.yml").write_text("[]\n")
    assert run_check(project) == 1
    assert "approval-unknown-reviewer: 'Dr Ada Example' is not in reviewers.yml" in capsys.readouterr().out


def test_an_approved_page_without_a_digest_is_stale(project, capsys):
    text = page(
        "Stages",
        "approved",
        last_reviewed="2026-03-01",
        next_review="2027-02-01",
        reviewers=[{"name": "Dr Ada Example", "credentials": "MD"}],
        approved_digest="",
    )
    (project / "docs/stages.md").write_text(text.replace("approved_digest: ''\n", ""))
    assert run_check(project) == 1
    assert "has no approved_digest" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text, message",
    [
        ("- name: A\n  credentials: MD\n  github_id: 1\n", "'github' is missing"),
        ("- name: A\n  credentials: MD\n  github: '@a'\n  github_id: 1\n", "is not a GitHub user name"),
        ("- name: A\n  credentials: MD\n  github: a\n", "'github_id' must be the GitHub account's number"),
        ("- name: A\n  credentials: MD\n  github: a\n  github_id: '1'\n", "'github_id' must be"),
        ("- name: A\n  credentials: MD\n  github: a\n  github_id: 1\n  orcid: 1234\n", "is not an ORCID iD"),
        ("- name: A\n  credentials: MD\n  github: a\n  github_id: 1\n  email: a@b.c\n", "'email' is not a reviewer"),
        ("- name: A\n  credentials: <b>MD</b>\n  github: a\n  github_id: 1\n", "'credentials': holds < or >"),
        (
            "- name: A\n  credentials: MD\n  github: a\n  github_id: 1\n- name: A\n  credentials: MD\n  github: b\n"
            "  github_id: 2\n",
            "listed twice",
        ),
        ("name: A\n", "must be a YAML list"),
        ("- [unclosed\n", "malformed YAML"),
    ],
)
def test_reviewers_file_problems(text, message):
    _reviewers, findings = approval.parse_reviewers("reviewers.yml", text)
    assert [f.rule for f in findings] == ["reviewers-file"]
    assert message in findings[0].message


def test_the_project_reviewers_file_is_valid():
    from tests.sitebuilder import ROOT

    assert approval.load_reviewers(ROOT)[1] == []


def test_a_stale_page_fails_the_build_and_is_never_shown_approved(build_site):
    approved = page(
        "Home",
        "approved",
        last_reviewed="2026-03-01",
        next_review="2027-02-01",
        reviewers=[{"name": "Dr Ada Example", "credentials": "MD"}],
        body="Approved words.",
    )
    good = build_site({"index.md": approved})
    assert good.returncode == 0, good.log
    assert 'data-review-status="approved"' in good.html()
    recorded = (good.root / "docs" / "index.md").read_text(encoding="utf-8")
    edited = recorded.replace("Approved words.", "Words nobody approved.")
    strict = build_site({"index.md": edited})
    assert strict.returncode != 0
    assert "docs/index.md:12: approval-stale" in strict.log
    preview = build_site({"index.md": edited}, strict=False)
    assert preview.returncode == 0
    html = preview.html()
    assert "Clinically reviewed" not in html and 'data-review-status="under-review"' in html
    assert "Under clinical review" in html
    assert "reviewedBy" not in html and "Dr Ada Example" not in html and "lastReviewed" not in html


def test_reviewers_stay_structured_from_front_matter_to_json_ld_and_dashboard():
    from pancreas_kb.domain import dashboard, jsonld, review

    meta = {
        "review_status": "approved",
        "audience": "clinician",
        "last_reviewed": dt.date(2026, 3, 1),
        "next_review": dt.date(2027, 2, 1),
        "reviewers": [{"name": "Doe, Jane", "credentials": "MD, FRCP"}],
    }
    trust = review.trust_for(meta, dt.date(2026, 6, 1))
    assert trust.reviewers == (approval.Reviewer("Doe, Jane", "MD, FRCP"),)
    data = jsonld.medical_web_page(
        title="T", description="D", url="u", site_name="S", site_url="s", trust=trust, updated=None, cited=[]
    )
    assert data["reviewedBy"] == [{"@type": "Person", "name": "Doe, Jane", "honorificSuffix": "MD, FRCP"}]
    row = dashboard.Row("clinicians/t.md", "T", trust)
    assert "| Doe, Jane, MD, FRCP |" in dashboard.markdown([row], "about/review-dashboard.md", dt.date(2026, 6, 1))


def test_an_approval_by_someone_not_listed_is_shown_as_under_review(project):
    from pancreas_kb.domain import bibliography, page_record

    assert run_approve(project) == 0
    data = (project / "docs/stages.md").read_bytes()
    library = bibliography.load(str(project / "references.bib"), "references.bib")
    listed = approval.load_sources(project, library)
    record = page_record.build("docs/stages.md", "stages.md", data, dt.date(2026, 6, 1), None, library, listed)
    assert record.trust.shown.id == "approved" and record.trust.reviewers
    (project / "reviewers.yml").write_text("[]\n")
    nobody = approval.load_sources(project, library)
    record = page_record.build("docs/stages.md", "stages.md", data, dt.date(2026, 6, 1), None, library, nobody)
    assert record.trust.shown.id == "under-review" and record.trust.reviewers == ()
