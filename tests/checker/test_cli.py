"""The `make check` command: exit codes, formats, and no traceback for bad input."""

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from pancreas_kb.checker import (
    check,
    evidence_rules,
    html_scan,
    moved_sections,
    project_files,
    published_urls,
    site_rules,
    translations,
    whats_new_file,
)
from pancreas_kb.domain import audiences, bibliography, page_record

GOOD = Path(__file__).parents[1] / "fixtures" / "site-good"
PAGE = "---\ntitle: Home\ndescription: The home page.\naudience: all\nreview_status: submitted\n---\n\n# Home\n"


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://kb.example/base/\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "docs" / "a.md").write_text(PAGE.replace("Home", "Page A"), encoding="utf-8")
    (tmp_path / "references.bib").write_text("", encoding="utf-8")
    shutil.copytree(GOOD, tmp_path / "site")
    assert published_urls.main(["--root", str(tmp_path), "--update"]) == 1
    return tmp_path


def test_clean_project_exits_0(root, capsys):
    assert check.main(["--root", str(root)]) == 0
    assert "check: 0 errors, 0 warnings" in capsys.readouterr().err


def test_findings_exit_1_and_every_finding_is_reported(root, capsys):
    (root / "docs" / "a.md").write_text(PAGE.replace("submitted", "aproved").replace("all", "everyone"))
    (root / "docs" / "b.md").write_text("no front matter\n", encoding="utf-8")
    assert check.main(["--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "docs/a.md:4: front-matter-value: audience: 'everyone'" in out
    assert "docs/a.md:5: front-matter-value: review_status: 'aproved'" in out
    assert "docs/b.md:1: front-matter-missing" in out


def test_json_format_is_a_list_even_when_clean(root, capsys):
    assert check.main(["--root", str(root), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_missing_site_is_a_usage_error(root, capsys):
    shutil.rmtree(root / "site")
    assert check.main(["--root", str(root)]) == 2
    assert "no built site" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--format", "xml"], ["--no-such-option"]])
def test_bad_arguments_exit_2(root, argv):
    assert check.main(["--root", str(root), *argv]) == 2


def test_folder_without_mkdocs_yml_exits_2(tmp_path, capsys):
    assert check.main(["--root", str(tmp_path)]) == 2
    assert "has no mkdocs.yml" in capsys.readouterr().err


def test_invalid_mkdocs_yml_exits_2_without_traceback(root, capsys):
    (root / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    assert check.main(["--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert "not valid YAML" in err and "Traceback" not in err


def test_unreadable_inputs_are_findings(root, capsys):
    (root / "docs" / "latin1.md").write_bytes(PAGE.encode() + "caf\xe9\n".encode("latin-1"))
    (root / "references.bib").write_bytes(b"@article{x,\n title = {\xff}}\n")
    assert check.main(["--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "docs/latin1.md:9: file-encoding" in out
    assert "references.bib:2: file-encoding" in out


def test_a_crashing_rule_is_reported_and_exits_2(root, capsys, monkeypatch):
    def crash(ctx, page):
        raise RuntimeError("boom")

    monkeypatch.setattr(site_rules, "RULES", (crash,))
    (root / "docs" / "a.md").write_text(PAGE.replace("submitted", "aproved"))
    assert check.main(["--root", str(root)]) == 2
    captured = capsys.readouterr()
    assert "checker-crashed: the checker failed on this file (RuntimeError: boom)" in captured.out
    assert "front-matter-value" in captured.out  # the other findings are still reported
    assert "Traceback" not in captured.out + captured.err


def test_a_crash_is_one_finding_on_line_1_of_its_file():
    assert check.guarded("docs/a.md", lambda: 1 / 0) == [
        check.Finding(
            "docs/a.md",
            1,
            "checker-crashed",
            "the checker failed on this file (ZeroDivisionError: division by zero); "
            "the other findings are complete, please report this one",
        )
    ]


def test_unreadable_built_page_is_a_finding(root, capsys):
    (root / "site" / "broken.html").write_bytes(b"<p>\xff\xfe</p>")
    assert check.main(["--root", str(root)]) == 1
    assert (
        "site/broken.html:1: site-unreadable: cannot be read: 'utf-8' codec can't decode byte 0xff in position 3: "
        "invalid start byte"
    ) in capsys.readouterr().out


def test_sources_only_needs_no_site_and_still_finds_source_errors(root, capsys):
    shutil.rmtree(root / "site")
    assert check.main(["--root", str(root), "--sources-only"]) == 0
    (root / "docs" / "a.md").write_text(PAGE.replace("submitted", "aproved"), encoding="utf-8")
    assert check.main(["--root", str(root), "--sources-only"]) == 1
    assert "docs/a.md:5: front-matter-value" in capsys.readouterr().out
    assert check.main(["--root", str(root)]) == 2, "without --sources-only a missing site is a usage error"
    assert check.main(["--root", str(root), "--sources-only", "--online"]) == 2


# --- the command line itself, with the run replaced: what a user sees for each outcome ----


def test_help_names_every_option(capsys):
    assert check.main(["--help"]) == 0
    assert " ".join(capsys.readouterr().out.split()) == (
        "usage: python -m pancreas_kb.checker.check [-h] [--root ROOT] [--site SITE] "
        "[--format {text,json,github}] [--sources-only] [--online] "
        "`make check`: every content check of the sources and the built site, one report. "
        "options: -h, --help show this help message and exit "
        "--root ROOT project folder (holds mkdocs.yml) "
        "--site SITE built site to scan (default: ROOT/site) "
        "--format {text,json,github} "
        "--sources-only check docs/ and references.bib without a built site (fast; for pre-commit) "
        "--online also request every external link and DOI (slow; never part of make check)"
    )


@pytest.fixture
def bare(tmp_path, monkeypatch):
    """A project folder with only mkdocs.yml, and a run that returns `bare.findings`."""
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    project = SimpleNamespace(root=tmp_path, findings=[], calls=[])

    def run(root, site_dir, today, online_too=False):
        project.calls.append((root, site_dir, today.isoformat(), online_too))
        return list(project.findings)

    monkeypatch.setattr(check, "run", run)
    return project


ERROR = check.Finding("docs/a.md", 3, "rule-a", "wrong")
WARNING = check.Finding("docs/b.md", 1, "rule-b", "doubtful", "warning")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "error: no built site in {root}/site; run `make build` first (make check does), or pass --site"),
        (
            ["--site", "{root}/nowhere"],
            "error: no built site in {root}/nowhere; run `make build` first (make check does), or pass --site",
        ),
        (
            ["--sources-only", "--online"],
            "error: --online checks the built site; it cannot be combined with --sources-only",
        ),
    ],
)
def test_usage_errors_say_what_to_do_and_exit_2(bare, capsys, argv, message):
    argv = [arg.format(root=bare.root) for arg in argv]
    assert check.main(["--root", str(bare.root), *argv]) == 2
    assert capsys.readouterr() == ("", message.format(root=bare.root) + "\n")
    assert bare.calls == []


def test_a_folder_without_mkdocs_yml_is_named(tmp_path, capsys):
    assert check.main(["--root", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'x'} has no mkdocs.yml; run from the project folder or pass --root\n"
    )


def test_an_unexpected_failure_is_reported_not_a_clean_run(bare, capsys, monkeypatch):
    def fail(*args):
        raise KeyError("site_url")

    monkeypatch.setattr(check, "run", fail)
    assert check.main(["--root", str(bare.root), "--sources-only"]) == 2
    assert capsys.readouterr() == ("", "error: the checker failed (KeyError: 'site_url'); please report it\n")


def test_invalid_mkdocs_yml_is_named_with_the_parser_message(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    assert check.main(["--root", str(tmp_path), "--sources-only"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'mkdocs.yml'} is not valid YAML: while parsing a flow sequence\n")


@pytest.mark.parametrize(
    ("findings", "argv", "env", "code", "out", "err"),
    [
        ([], [], None, 0, "", "check: 0 errors, 0 warnings\n"),
        ([WARNING], [], None, 0, "docs/b.md:1: warning: rule-b: doubtful\n", "check: 0 errors, 1 warnings\n"),
        (
            [WARNING, ERROR],
            [],
            "false",
            1,
            "docs/a.md:3: rule-a: wrong\ndocs/b.md:1: warning: rule-b: doubtful\n",
            "check: 1 errors, 1 warnings\n",
        ),
        (
            [ERROR, WARNING],
            [],
            "true",
            1,
            "::error file=docs/a.md,line=3,title=rule-a::wrong\n"
            "::warning file=docs/b.md,line=1,title=rule-b::doubtful\n",
            "",
        ),
        ([ERROR], ["--format", "text"], "true", 1, "docs/a.md:3: rule-a: wrong\n", "check: 1 errors, 0 warnings\n"),
        ([], ["--format", "json"], None, 0, "[]\n", ""),
        ([], ["--format", "github"], None, 0, "", ""),
        (
            [check.crashed("docs/a.md", RuntimeError("boom")), WARNING],
            [],
            None,
            2,
            "docs/a.md:1: checker-crashed: the checker failed on this file (RuntimeError: boom); the other findings "
            "are complete, please report this one\ndocs/b.md:1: warning: rule-b: doubtful\n",
            "check: 1 errors, 1 warnings\n",
        ),
    ],
)
def test_each_outcome_is_shown_in_its_format_and_exit_code(
    bare, capsys, monkeypatch, findings, argv, env, code, out, err
):
    if env is not None:
        monkeypatch.setenv("GITHUB_ACTIONS", env)
    bare.findings = findings
    (bare.root / "site").mkdir()
    assert check.main(["--root", str(bare.root), *argv]) == code
    assert capsys.readouterr() == (out, err)
    assert bare.calls == [(bare.root, bare.root / "site", "2026-06-01", False)]


@pytest.mark.parametrize(
    ("argv", "site", "online"),
    [
        (["--sources-only"], None, False),
        (["--site", "{root}/built", "--online"], "built", True),
    ],
)
def test_the_options_reach_the_run(bare, argv, site, online):
    (bare.root / "built").mkdir()
    assert check.main(["--root", str(bare.root), *[arg.format(root=bare.root) for arg in argv]]) == 0
    assert bare.calls == [(bare.root, site and bare.root / site, "2026-06-01", online)]


def test_the_command_line_is_read_when_no_arguments_are_given(bare, monkeypatch, capsys):
    monkeypatch.setattr("sys.argv", ["check", "--root", str(bare.root), "--sources-only", "--format", "json"])
    assert check.main() == 0
    assert capsys.readouterr().out == "[]\n"
    assert bare.calls == [(bare.root, None, "2026-06-01", False)]


def _sources(tmp_path):
    root = tmp_path / "project"
    (root / "docs" / "sub").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "docs" / "sub" / "b.md").write_text(PAGE, encoding="utf-8")
    return project_files.load(root)


def test_the_site_is_shown_relative_to_the_project_or_as_given(tmp_path, monkeypatch):
    project = _sources(tmp_path)
    site = html_scan.Site(project.root / "site", set(), {})
    assert check.site_context(project, site, project.root / "site").shown_site == "site"
    assert check.site_context(project, site, tmp_path / "built").shown_site == str(tmp_path / "built")
    monkeypatch.chdir(project.root)
    context = check.site_context(project, site, Path("site"))
    assert context.shown_site == "site"
    assert context.sources == {"index.html": "docs/index.md", "sub/b/index.html": "docs/sub/b.md"}


def _record_of_b_fails(monkeypatch):
    """page_record.build raises for docs/sub/b.md, as a bug on one page would."""
    made = page_record.build

    def build(path, src_uri, *args):
        if src_uri == "sub/b.md":
            raise ValueError("bad page")
        return made(path, src_uri, *args)

    monkeypatch.setattr(page_record, "build", build)


def test_a_page_whose_record_fails_is_a_finding_and_the_others_are_still_made(tmp_path, monkeypatch):
    project = _sources(tmp_path)
    _record_of_b_fails(monkeypatch)
    findings = []
    records = check.page_records(project, project_files.library(project), dt.date(2026, 6, 1), findings)
    assert [(r.path, r.src_uri) for r in records] == [("docs/index.md", "index.md")]
    assert findings == [check.crashed("docs/sub/b.md", ValueError("bad page"))]


def test_the_project_is_the_current_folder_by_default(bare, monkeypatch):
    monkeypatch.chdir(bare.root)
    assert check.main(["--sources-only"]) == 0
    assert bare.calls == [(Path("."), None, "2026-06-01", False)]


def test_a_crash_in_any_rule_is_reported_on_the_file_that_rule_reads(tmp_path, monkeypatch):
    """Every rule raises at once: each crash is one finding on its own file, and the run goes on."""
    project = _sources(tmp_path)
    (project.root / "site").mkdir()

    def crash(name):
        def fail(*args, **kwargs):
            raise RuntimeError(name)

        return fail

    news = SimpleNamespace(data=SimpleNamespace(path="whats-new.yml"))
    monkeypatch.setattr(whats_new_file, "load", lambda project: (news, []))
    monkeypatch.setattr(whats_new_file, "cited_keys", lambda loaded: set())
    for module, name in [
        (check, "audience_rules"),
        (check, "unused_entries"),
        (bibliography, "lint"),
        (whats_new_file, "source_findings"),
        (whats_new_file, "heading_anchors"),
        (whats_new_file, "site_anchors"),
        (whats_new_file, "feed"),
        (evidence_rules, "run"),
        (translations, "run"),
        (site_rules, "check"),
        (published_urls, "check"),
        (moved_sections, "check"),
    ]:
        monkeypatch.setattr(module, name, crash(name))
    monkeypatch.setattr(check.online, "run", lambda *args: [check.Finding("docs/index.md", 9, "online", "checked")])

    def crashes(findings):
        return [
            (f.path, f.message.split("(RuntimeError: ")[1].split(")")[0]) for f in findings if f.rule == check.CRASH
        ]

    sources = [
        ("docs/index.md", "audience_rules"),
        ("docs/sub/b.md", "audience_rules"),
        ("references.bib", "lint"),
        ("references.bib", "unused_entries"),
        ("whats-new.yml", "source_findings"),
        ("evidence", "run"),
        ("docs/", "run"),
    ]
    today = dt.date(2026, 6, 1)
    assert crashes(check.run(project.root, None, today)) == [
        *sources,
        ("whats-new.yml", "heading_anchors"),
        ("mkdocs.yml", "check"),
    ]
    with_site = check.run(project.root, project.root / "site", today, online_too=True)
    assert crashes(with_site) == [
        *sources,
        ("site", "check"),
        ("published-urls.txt", "check"),
        ("mkdocs.yml", "check"),
        ("whats-new.yml", "site_anchors"),
        ("whats-new.yml", "feed"),
    ]
    assert with_site[-1] == check.Finding("docs/index.md", 9, "online", "checked")


def test_page_records_judge_citations_against_the_library_and_counterparts_against_docs(tmp_path):
    project = _sources(tmp_path)
    (project.root / "docs" / "sub" / "b.md").write_text(
        PAGE.replace("---\n\n", "counterpart: nowhere.md\n---\n\n", 1) + "\nClaim [@nokey].\n", encoding="utf-8"
    )
    project = project_files.load(project.root)
    records = check.page_records(project, project_files.library(project), dt.date(2026, 6, 1), [])
    assert [(r.src_uri, [(f.line, f.rule) for f in r.findings]) for r in records] == [
        ("index.md", []),
        ("sub/b.md", [(6, "front-matter-counterpart"), (11, "missing-citation-key")]),
    ]


def test_each_rule_is_given_what_it_judges(tmp_path, monkeypatch):
    project = _sources(tmp_path)
    (project.root / "mkdocs.yml").write_text("site_name: x\nuse_directory_urls: false\n", encoding="utf-8")
    (project.root / "site").mkdir()
    news = SimpleNamespace(data=SimpleNamespace(path="whats-new.yml"))
    calls = []

    def record(name):
        def rule(*args):
            calls.append((name, args))
            return []

        return rule

    unreadable_news = check.Finding("whats-new.yml", 3, "whats-new-data", "cannot be read")
    monkeypatch.setattr(whats_new_file, "load", lambda project: (news, [unreadable_news]))
    monkeypatch.setattr(whats_new_file, "cited_keys", lambda loaded: {"cited-in-news"} if loaded is news else set())
    for module, name in [
        (check, "unused_entries"),
        (whats_new_file, "source_findings"),
        (whats_new_file, "heading_anchors"),
        (whats_new_file, "site_anchors"),
        (whats_new_file, "feed"),
        (translations, "run"),
        (moved_sections, "check"),
    ]:
        monkeypatch.setattr(module, name, record(name))
    monkeypatch.setattr(check.online, "run", record("online"))  # asked for by --online only
    today = dt.date(2026, 6, 1)
    assert unreadable_news in check.run(project.root, None, today)
    assert unreadable_news in check.run(project.root, project.root / "site", today)
    named = {}
    for name, args in calls:
        named.setdefault(name, []).append(args)
    [(records, library, cited), _] = named["unused_entries"]
    assert ([r.src_uri for r in records], library.path, cited) == (
        ["index.md", "sub/b.md"],
        "references.bib",
        frozenset({"cited-in-news"}),
    )
    [(loaded, library, day), _] = named["source_findings"]
    assert (loaded, library.path, day) == (news, "references.bib", today)
    assert named["heading_anchors"] == [(news,)]
    [(loaded, site, directory_urls)] = named["site_anchors"]
    assert (loaded, site.folder, directory_urls) == (news, project.root / "site", False)
    [(loaded, site, shown)] = named["feed"]
    assert (loaded, site.folder, shown) == (news, project.root / "site", "site")
    [(root, prefix, by_uri, day), _] = named["run"]
    assert (root, prefix, sorted(by_uri), day) == (project.root, "docs/", ["index.md", "sub/b.md"], today)
    [(sources_only, *no_site), (with_site, site)] = named["check"]
    assert "online" not in named
    assert (sources_only.root, no_site, with_site.root, site.folder) == (
        project.root,
        [],
        project.root,
        project.root / "site",
    )


def test_a_page_whose_record_fails_is_reported_by_the_whole_run(tmp_path, monkeypatch):
    project = _sources(tmp_path)
    _record_of_b_fails(monkeypatch)
    findings = check.run(project.root, None, dt.date(2026, 6, 1))
    assert check.crashed("docs/sub/b.md", ValueError("bad page")) in findings


def test_an_audience_held_to_every_rule_gets_every_rules_findings(monkeypatch):
    every = dataclasses.replace(
        audiences.get("patient"), plain_language=True, cited_figures=True, key_point_links="error"
    )
    monkeypatch.setattr(check.audiences, "get", lambda name: every)
    hard = "Notwithstanding considerable interindividual heterogeneity, multidisciplinary consultation " * 4
    body = f'!!! summary "Key points"\n\n    - An unlinked key point.\n\n{hard}\n\nMedian survival was 11.1 months.\n'
    text = f"---\ntitle: T\ndescription: D.\naudience: patient\nreview_status: submitted\n---\n\n# T\n\n{body}"
    record = page_record.build("docs/p.md", "p.md", text.encode(), dt.date(2026, 6, 1), None, None)
    assert sorted({(f.path, f.rule) for f in check.audience_rules(record)}) == [
        ("docs/p.md", "key-point-without-link"),
        ("docs/p.md", "readability-grade"),
        ("docs/p.md", "unsourced-figure"),
    ]
