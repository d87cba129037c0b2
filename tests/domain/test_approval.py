"""An approval is bound to the text it approved: approve, edit, see it go stale, approve again."""

import datetime as dt
import hashlib
import json

import pytest

from pancreas_kb.checker import check
from pancreas_kb.domain import approval, bibliography
from pancreas_kb.domain.frontmatter import Page, read
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


# --- the approval record, rule by rule ---------------------------------------------------

ALLOWED_FIELDS = "name, credentials, github, github_id, orcid"
GITHUB_ID = (
    "'github_id' must be the GitHub account's number (https://api.github.com/users/LOGIN, field id): "
    "a login can be renamed and taken by someone else, the number cannot"
)


def test_a_broken_reviewers_file_gets_every_problem_of_every_entry_at_its_line():
    text = (
        "- name: Dr <Ada>\n  credentials: ''\n  github: '@ada'\n  github_id: true\n  orcid: 1234\n  email: a@b.c\n"
        "- name: Dr Bo\n  credentials: PhD\n  github: bo\n  github_id: 2\n"
        "- name: ' Dr Bo '\n  credentials: MD\n  github: bo-2\n  github_id: 3\n"
        "- just text\n"
        "- {name: Cy, credentials: MD, github: cy, github_id: 0}\n"
    )
    reviewers, findings = approval.parse_reviewers("reviewers.yml", text)
    assert reviewers == [approval.Reviewer("Dr Bo", "PhD", "bo", "", 2)]
    assert [(f.path, f.line, f.rule, f.message) for f in findings] == [
        ("reviewers.yml", 1, "reviewers-file", f"reviewer 1: {message}")
        for message in (
            f"'email' is not a reviewer field (allowed: {ALLOWED_FIELDS})",
            "'credentials' is missing or empty",
            GITHUB_ID,
            "'name': holds < or >, which would be read as markup; write the words (e.g. 'less than')",
            "github '@ada' is not a GitHub user name (no @, no URL)",
            "orcid '1234' is not an ORCID iD like 0000-0002-1825-0097",
        )
    ] + [
        ("reviewers.yml", 11, "reviewers-file", "reviewer 3: 'Dr Bo' is listed twice (also line 7)"),
        ("reviewers.yml", 15, "reviewers-file", "reviewer 4: must be a mapping with name, credentials and github"),
        ("reviewers.yml", 16, "reviewers-file", f"reviewer 5: {GITHUB_ID}"),
    ]


def test_a_listed_reviewer_is_read_with_every_field_trimmed():
    text = (
        "- name: ' Dr Ada '\n  credentials: ' MD '\n  github: ' ada-x '\n  github_id: 7\n  orcid: 0000-0002-1825-009X\n"
    )
    assert approval.parse_reviewers("reviewers.yml", text) == (
        [approval.Reviewer("Dr Ada", "MD", "ada-x", "0000-0002-1825-009X", 7)],
        [],
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ("name: A\n", "must be a YAML list of reviewers (each with name, credentials, github, github_id), or []"),
        ("- [unclosed\n", "malformed YAML: "),
    ],
)
def test_a_reviewers_file_that_is_not_a_list_says_what_it_should_be(text, message):
    [finding] = approval.parse_reviewers("reviewers.yml", text)[1]
    assert finding.rule == "reviewers-file" and finding.message.startswith(message)
    if message.startswith("malformed"):
        assert finding.message.endswith("; check indentation, quoting and colons")


@pytest.mark.parametrize("login", ["a", "a-b", "a1-b2-c3", "x" * 39])
def test_a_github_user_name_is_letters_digits_and_single_inner_hyphens(login):
    text = f"- {{name: A, credentials: MD, github: {login}, github_id: 1}}\n"
    assert approval.parse_reviewers("r.yml", text)[1] == []


@pytest.mark.parametrize("login", ["-a", "a-", "a--b", "x" * 40, "a_b", "https://github.com/a"])
def test_anything_else_is_not_a_github_user_name(login):
    text = f"- {{name: A, credentials: MD, github: '{login}', github_id: 1}}\n"
    [finding] = approval.parse_reviewers("r.yml", text)[1]
    assert finding.message == f"reviewer 1: github '{login}' is not a GitHub user name (no @, no URL)"


@pytest.mark.parametrize(
    "orcid", ["0000-0002-1825-009", "0000-0002-1825-00971", "0000-0002-1825-009x", "a000-0002-1825-0097"]
)
def test_an_orcid_is_four_groups_of_four_digits_the_last_maybe_x(orcid):
    text = f"- {{name: A, credentials: MD, github: a, github_id: 1, orcid: '{orcid}'}}\n"
    [finding] = approval.parse_reviewers("r.yml", text)[1]
    assert finding.message == f"reviewer 1: orcid '{orcid}' is not an ORCID iD like 0000-0002-1825-0097"


def test_no_reviewers_file_means_nobody_may_approve(tmp_path):
    assert approval.load_reviewers(tmp_path) == ([], [])
    (tmp_path / "reviewers.yml").write_text(
        "- {name: Zoë, credentials: MD, github: a, github_id: 1}\n", encoding="utf-8"
    )
    assert approval.load_reviewers(tmp_path) == ([approval.Reviewer("Zoë", "MD", "a", "", 1)], [])


def test_problems_in_the_projects_reviewers_file_name_it(tmp_path):
    (tmp_path / "reviewers.yml").write_text("name: A\n", encoding="utf-8")
    [finding] = approval.load_reviewers(tmp_path)[1]
    assert (finding.path, finding.line, finding.rule) == ("reviewers.yml", 1, "reviewers-file")


@pytest.mark.parametrize("listed", ["None", "XXXX", "Dr Ada"])
def test_an_entry_without_a_name_is_never_taken_for_a_second_entry_of_a_listed_reviewer(listed):
    text = (
        f"- {{name: {listed}, credentials: MD, github: a, github_id: 1}}\n"
        "- {credentials: MD, github: b, github_id: 2}\n"
    )
    reviewers, findings = approval.parse_reviewers("reviewers.yml", text)
    assert [r.name for r in reviewers] == [listed]
    assert [(f.line, f.message) for f in findings] == [(2, "reviewer 2: 'name' is missing or empty")]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("no front matter\napproved_digest: x\n", "no front matter\napproved_digest: x\n"),
        ("---\ntitle: T\napproved_digest: x\n", "---\ntitle: T\napproved_digest: x\n"),  # never closed
        (
            "---\r\ntitle: T\r\napproved_inputs:\r\n  page: ab\r\n  x: cd\r\ndescription: D\r\n...\r\nBody\r\n",
            "---\r\ntitle: T\r\ndescription: D\r\n...\r\nBody\r\n",
        ),
        ("---\napproved_digest : x\ntitle: T\n---\n", "---\ntitle: T\n---\n"),
        ("---\napproved_inputs:\n  page: ab\n\n  x: cd\ntitle: T\n\n---\n", "---\ntitle: T\n\n---\n"),
        ("---\ntitle: T\n\tapproved_digest: x\n---\n", "---\ntitle: T\n\tapproved_digest: x\n---\n"),
        ("", ""),
        ("---\n\ntitle: T\n---\n", "---\n\ntitle: T\n---\n"),  # a blank line before the first field
        # Fences with trailing blanks open and close front matter for the reader, so here too.
        ("---  \napproved_digest: x\ntitle: T\n---\t\nBody\n", "---  \ntitle: T\n---\t\nBody\n"),
    ],
)
def test_only_the_approval_records_top_level_blocks_leave_what_a_digest_covers(text, kept):
    assert approval.without_record(text) == kept


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_digest_lists_each_inputs_name_and_hash_in_name_order():
    inputs = {"page": b"text", "glossary term A": b"def"}
    listing = f'"glossary term A" {sha(b"def")}\n"page" {sha(b"text")}\n'
    assert approval.content_digest(inputs) == "sha256:" + sha(listing.encode())
    assert approval.input_digests(inputs) == {"glossary term A": sha(b"def")[:16], "page": sha(b"text")[:16]}
    assert list(approval.input_digests(inputs)) == ["glossary term A", "page"]


def test_an_approval_covers_the_page_its_cited_entries_their_quotes_and_its_glossary_terms():
    library = bibliography.parse("references.bib", BIB.replace("Smith, A", "Smith, Zoë"))
    # A byte the glossary file cannot decode is reported by the glossary's own check, not here.
    files = {"evidence/smith2020.yml": b"quotes", "includes/glossary.yml": GLOSSARY.encode() + b"# \xff\n"}
    sources = approval.sources_from(files.get, library)
    text = "---\ntitle: T\napproved_digest: x\n---\nA CT scan [@smith2020] [@nokey] [@smith2020]. ct scan.\n"
    inputs = approval.digest_inputs(text, ["smith2020", "nokey", "smith2020"], "patient", sources)
    entry = library.entries["smith2020"]
    entry_json = json.dumps([entry.type, entry.fields], sort_keys=True, ensure_ascii=False)
    assert inputs == {
        "page": b"---\ntitle: T\n---\nA CT scan [@smith2020] [@nokey] [@smith2020]. ct scan.\n",
        "references.bib entry smith2020": entry_json.encode(),
        "evidence/smith2020.yml": b"quotes",
        "glossary term CT scan": b"Pictures of the inside of the body made with X-rays.",
    }


def test_without_sources_an_approval_covers_the_page_alone():
    assert approval.digest_inputs("Words, CT scan", ["a"], "patient", approval.Sources(None)) == {
        "page": b"Words, CT scan"
    }


def test_a_clinicians_page_covers_only_the_terms_explained_to_clinicians():
    sources = approval.sources_from({"includes/glossary.yml": GLOSSARY.encode()}.get, None)
    assert list(approval.digest_inputs("A CT scan.", [], "clinician", sources)) == ["page"]


def test_quote_files_and_the_glossary_are_read_from_the_project_never_through_a_link(tmp_path):
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "a.yml").write_text("quotes", encoding="utf-8")
    (tmp_path / "evidence" / "b.yml").symlink_to(tmp_path / "evidence" / "a.yml")
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    sources = approval.load_sources(tmp_path, None)
    assert (sources.read("evidence/a.yml"), sources.read("evidence/b.yml"), sources.read("evidence/c.yml")) == (
        b"quotes",
        None,
        None,
    )
    assert [t.term for t in sources.terms] == ["CT scan"] and sources.reviewers == ()
    assert approval.Sources(None).read("evidence/a.yml") is None


@pytest.mark.parametrize(
    "recorded, changes",
    [
        ("not a mapping", []),
        ({"page": "same", "gone": "x"}, ["gone no longer used"]),
        ({"page": "other"}, ["page changed"]),
        ({}, ["page added"]),
    ],
)
def test_what_changed_since_the_approval_is_named(recorded, changes):
    inputs = {"page": b"p"}
    if isinstance(recorded, dict) and recorded.get("page") == "same":
        recorded = {**recorded, "page": approval.input_digests(inputs)["page"]}
    assert approval.changed_inputs(recorded, inputs) == changes


def test_changes_are_named_changed_then_added_then_no_longer_used():
    inputs = {"a": b"1", "b": b"2", "c": b"3"}
    recorded = {"b": "old", "a": "old", "z": "x", "y": "x"}
    assert approval.changed_inputs(recorded, inputs) == [
        "a changed",
        "b changed",
        "c added",
        "z no longer used",
        "y no longer used",
    ]


def approved_page(extra: str = "", digest: str | None = "sha256:" + "0" * 64) -> Page:
    record = f"approved_digest: '{digest}'\napproved_inputs: {{page: 0123456789abcdef}}\n" if digest else ""
    text = (
        "---\ntitle: T\nreview_status: approved\nreviewers:\n  - {name: Dr Ada Example, credentials: MD}\n"
        f"{extra}{record}---\nBody\n"
    )
    return read("docs/t.md", text)[0]


STALE = (
    "the page is marked approved but what it shows {what}; the site shows it as under review. Ask a listed "
    'reviewer to check the change and run `make approve PAGE=docs/t.md REVIEWER="Name"`, or set review_status: '
    "under-review"
)


def test_a_stale_approval_names_what_changed_at_the_digests_line():
    page = approved_page()
    assert [(f.path, f.line, f.rule, f.message) for f in approval.stale(page, {"page": b"new"})] == [
        ("docs/t.md", 6, "approval-stale", STALE.format(what="has changed since it was approved (page changed)"))
    ]


def test_every_change_is_named_in_the_stale_message():
    page = approved_page()
    [finding] = approval.stale(page, {"page": b"new", "glossary term A": b"a"})
    assert finding.message == STALE.format(
        what="has changed since it was approved (page changed; glossary term A added)"
    )


def test_a_stale_approval_whose_record_names_nothing_says_only_that_it_changed():
    page = approved_page()
    page.meta[approval.INPUTS_FIELD] = {"page": approval.input_digests({"page": b"new"})["page"]}
    [finding] = approval.stale(page, {"page": b"new"})
    assert finding.message == STALE.format(what="has changed since it was approved")


def test_an_approval_without_a_digest_is_reported_at_review_status_then_line_1():
    page = approved_page(digest=None)
    [finding] = approval.stale(page, {"page": b"x"})
    assert (finding.line, finding.message) == (
        3,
        STALE.format(what="has no approved_digest, so nothing records what was approved"),
    )
    page.key_lines.clear()
    assert approval.stale(page, {"page": b"x"})[0].line == 1


def test_an_approval_matching_what_the_page_shows_is_not_stale_and_is_shown_as_approved():
    page = approved_page()
    inputs = {"page": b"x"}
    page.meta[approval.DIGEST_FIELD] = approval.content_digest(inputs)
    assert approval.stale(page, inputs) == []
    listed = (approval.Reviewer("Dr Ada Example", "MD"),)
    assert approval.shown_meta(page.meta, inputs, listed) is page.meta
    assert approval.shown_meta(page.meta, inputs) is page.meta, "reviewers not known here: not held against it"
    assert approval.shown_meta(page.meta, inputs, ())["review_status"] == "under-review"
    assert approval.shown_meta(page.meta, {"page": b"y"}, listed) == {**page.meta, "review_status": "under-review"}


@pytest.mark.parametrize("status", ["submitted", "under-review"])
def test_a_page_not_marked_approved_is_never_stale_or_unlisted(status):
    meta = {"review_status": status, "reviewers": [{"name": "Nobody"}]}
    assert not approval.is_stale(meta, {"page": b"x"})
    assert approval.shown_meta(meta, {"page": b"x"}, ()) is meta


@pytest.mark.parametrize(
    "reviewers, shown",
    [
        ([{"name": "Dr Ada Example"}], "approved"),
        ([{"name": "Dr Ada Example"}, {"name": "Dr Who"}], "under-review"),
        ([], "under-review"),
        (["Dr Ada Example"], "under-review"),
    ],
)
def test_an_approval_counts_only_when_every_reviewer_named_is_listed(reviewers, shown):
    inputs = {"page": b"x"}
    meta = {"review_status": "approved", "reviewers": reviewers, approval.DIGEST_FIELD: approval.content_digest(inputs)}
    listed = (approval.Reviewer("Dr Ada Example", "MD"), approval.Reviewer("Dr Bo", "RN"))
    assert approval.shown_meta(meta, inputs, listed)["review_status"] == shown


def test_each_reviewer_not_listed_is_reported_at_the_reviewers_line():
    page = approved_page()
    page.meta["reviewers"] = [{"name": "Dr Ada Example"}, {"name": "Dr Who"}, "Dr Text"]
    listed = [approval.Reviewer("Dr Ada Example", "MD")]
    assert [(f.line, f.rule, f.message) for f in approval.unknown_reviewers(page, listed)] == [
        (
            4,
            "approval-unknown-reviewer",
            "'Dr Who' is not in reviewers.yml; only a listed clinical reviewer can approve a page (add them to the "
            "list in a pull request the maintainers approve)",
        )
    ]
    page.key_lines.clear()
    assert approval.unknown_reviewers(page, listed)[0].line == 1


def test_unknown_reviewers_are_looked_for_only_on_an_approved_page_with_a_list():
    page = approved_page()
    page.meta["reviewers"] = "Dr Who"
    assert approval.unknown_reviewers(page, []) == []
    page.meta.update(review_status="submitted", reviewers=[{"name": "Dr Who"}])
    assert approval.unknown_reviewers(page, []) == []


@pytest.mark.parametrize("opener, closer", [("---", "---"), ("---  ", "---\t"), ("--- ", "...")])
def test_recording_an_approval_never_makes_it_stale_whatever_blanks_follow_the_fences(opener, closer):
    before = f"{opener}\ntitle: T\nreview_status: approved\n{closer}\nBody\n"
    digest = approval.content_digest(approval.digest_inputs(before, [], "all", approval.Sources(None)))
    after = before.replace("approved\n", f"approved\napproved_digest: '{digest}'\napproved_inputs: {{page: ab}}\n")
    page, _ = read("docs/t.md", after)
    assert page.meta[approval.DIGEST_FIELD] == digest
    assert not approval.is_stale(page.meta, approval.digest_inputs(after, [], "all", approval.Sources(None)))
