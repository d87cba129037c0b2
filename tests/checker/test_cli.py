"""The `make check` command: exit codes, formats, and no traceback for bad input."""

import json
import shutil
from pathlib import Path

import pytest

from pancreas_kb.checker import check, published_urls, site_rules

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


def test_unreadable_built_page_is_a_finding(root, capsys):
    (root / "site" / "broken.html").write_bytes(b"<p>\xff\xfe</p>")
    assert check.main(["--root", str(root)]) == 1
    assert "site/broken.html:1: site-unreadable" in capsys.readouterr().out


def test_sources_only_needs_no_site_and_still_finds_source_errors(root, capsys):
    shutil.rmtree(root / "site")
    assert check.main(["--root", str(root), "--sources-only"]) == 0
    (root / "docs" / "a.md").write_text(PAGE.replace("submitted", "aproved"), encoding="utf-8")
    assert check.main(["--root", str(root), "--sources-only"]) == 1
    assert "docs/a.md:5: front-matter-value" in capsys.readouterr().out
    assert check.main(["--root", str(root)]) == 2, "without --sources-only a missing site is a usage error"
    assert check.main(["--root", str(root), "--sources-only", "--online"]) == 2
