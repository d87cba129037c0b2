"""The page-record part: the bibliography checked first, every page read once into its record, kept across rebuilds."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from pancreas_kb.domain.findings import Finding
from pancreas_kb.plugin import build_state, page_record
from tests.sitebuilder import page

BIB = (
    "@article{smith2020,\n  author = {Smith, A},\n  title = {A trial},\n  journal = {J},\n  year = {2020},\n"
    "  volume = {1},\n  pages = {1--2},\n  doi = {10.1000/x}\n}\n"
)


@pytest.fixture
def fresh(monkeypatch):
    """A build of its own: no options, no records and nothing kept from another test."""
    monkeypatch.setattr(build_state, "options", build_state.Options())
    monkeypatch.setattr(build_state, "current", build_state.Build())
    monkeypatch.setattr(build_state, "_kept", {})
    monkeypatch.setenv("KB_TODAY", "2026-06-01")


def config_of(root: Path, bib_file: str | None = None):
    plugins = {"bibtex": SimpleNamespace(config=SimpleNamespace(bib_file=bib_file))} if bib_file else {}
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), docs_dir=str(root / "docs"), plugins=plugins)


def test_the_bibliography_is_the_bibtex_plugins_file_under_the_project(fresh, tmp_path):
    assert page_record._bib_path(config_of(tmp_path, "refs/works.bib")) == tmp_path.resolve() / "refs/works.bib"


@pytest.mark.parametrize("citations, expected", [("hook", "references.bib"), ("bibtex", None), (None, None)])
def test_without_the_bibtex_plugin_only_the_citation_hook_reads_references_bib(fresh, tmp_path, citations, expected):
    build_state.options.config = {"citations": citations}
    found = page_record._bib_path(config_of(tmp_path))
    assert found == (tmp_path.resolve() / expected if expected else None)


def test_a_site_without_a_bibliography_has_no_library_and_no_digest(fresh, tmp_path):
    assert page_record._library(config_of(tmp_path)) == (None, "")


def test_the_library_is_read_with_its_path_as_editors_see_it_and_the_digest_of_its_bytes(fresh, tmp_path):
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    library, digest = page_record._library(config_of(tmp_path, "references.bib"))
    assert library.path == "references.bib" and list(library.entries) == ["smith2020"]
    assert digest == hashlib.sha256(BIB.encode()).hexdigest()


def test_a_saved_bibliography_is_read_again_and_an_unchanged_one_is_kept(fresh, tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text(BIB, encoding="utf-8")
    first, _ = page_record._library(config_of(tmp_path, "references.bib"))
    assert page_record._library(config_of(tmp_path, "references.bib"))[0] is first
    bib.write_text(BIB.replace("smith2020", "jones2021"), encoding="utf-8")
    assert list(page_record._library(config_of(tmp_path, "references.bib"))[0].entries) == ["jones2021"]


def test_a_bibliography_that_cannot_be_read_stops_the_build_naming_it(fresh, tmp_path):
    with pytest.raises(PluginError) as raised:
        page_record._library(config_of(tmp_path, "references.bib"))
    assert str(raised.value) == "references.bib: cannot be read (No such file or directory)"


def test_a_bibliography_outside_the_project_is_named_by_its_full_path(fresh, tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    with pytest.raises(PluginError) as raised:
        page_record._library(config_of(root, "../elsewhere.bib"))
    assert str(raised.value) == f"{root.resolve() / '../elsewhere.bib'}: cannot be read (No such file or directory)"


def test_a_bibliography_with_errors_stops_the_build_listing_each_error_on_its_own_line(fresh, tmp_path):
    bad = BIB + BIB.replace("{Smith, A}", "{Smith, B}") + BIB.replace("smith2020", "Smith2020")
    (tmp_path / "references.bib").write_text(bad, encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        page_record._library(config_of(tmp_path, "references.bib"))
    assert str(raised.value) == (
        "references.bib cannot be used:\n"
        "references.bib:10: bib-duplicate-key: 'smith2020' is defined twice; merge the two entries or rename one\n"
        "references.bib:19: bib-duplicate-key: 'Smith2020' differs only in case from 'smith2020' (line 1); keys "
        "must be unique ignoring case"
    )


def test_each_finding_is_logged_once_as_an_error_or_a_warning(caplog):
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.knowledge_base.page_record")
    page_record._log([Finding("docs/a.md", 3, "r-one", "bad"), Finding("docs/a.md", 4, "r-two", "soon", "warning")])
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("ERROR", "docs/a.md:3: r-one: bad"),
        ("WARNING", "docs/a.md:4: warning: r-two: soon"),
    ]


def files_of(root: Path, *names: str):
    pages = [SimpleNamespace(src_uri=name, abs_src_path=str(root / "docs" / name)) for name in names]
    return SimpleNamespace(documentation_pages=lambda: pages)


@pytest.fixture
def project(tmp_path, fresh):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(page("A", counterpart="missing.md"), encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text(page("B"), encoding="utf-8")
    (tmp_path / "reviewers.yml").write_text(
        "- name: Dr Ada Example\n  credentials: MD\n  github: ada\n  github_id: 1\n", encoding="utf-8"
    )
    return tmp_path


def test_every_page_gets_its_record_with_its_findings_logged_and_the_sources_kept_for_the_build(project, caplog):
    config = config_of(project)
    files = files_of(project, "a.md", "b.md")
    assert page_record.on_files(files, config) is files
    records = build_state.current.records
    assert [(uri, r.path, r.title) for uri, r in records.items()] == [
        ("a.md", "docs/a.md", "A"),
        ("b.md", "docs/b.md", "B"),
    ]
    assert [(f.line, f.rule) for f in records["a.md"].findings] == [(6, "front-matter-counterpart")]
    assert [r.getMessage() for r in caplog.records] == [records["a.md"].findings[0].text()]
    assert [r.name for r in build_state.current.sources.reviewers] == ["Dr Ada Example"]


def test_an_unchanged_page_keeps_its_record_across_rebuilds(project):
    config, files = config_of(project), files_of(project, "a.md", "b.md")
    page_record.on_files(files, config)
    first = dict(build_state.current.records)
    page_record.on_files(files, config)
    assert all(build_state.current.records[uri] is first[uri] for uri in first)


def test_a_saved_page_is_read_again(project):
    config, files = config_of(project), files_of(project, "a.md", "b.md")
    page_record.on_files(files, config)
    (project / "docs" / "b.md").write_text(page("B again"), encoding="utf-8")
    page_record.on_files(files, config)
    assert build_state.current.records["b.md"].title == "B again"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda root, mp: mp.setenv("KB_TODAY", "2027-06-01"), id="another day"),
        pytest.param(lambda root, mp: (root / "docs" / "missing.md").write_text(page("M")), id="a page added"),
    ],
)
def test_a_record_is_made_again_when_what_it_depends_on_beyond_its_bytes_changes(project, monkeypatch, change):
    config = config_of(project)
    page_record.on_files(files_of(project, "a.md", "b.md"), config)
    first = build_state.current.records["b.md"]
    change(project, monkeypatch)
    names = [p.name for p in sorted((project / "docs").iterdir())]
    page_record.on_files(files_of(project, *names), config)
    assert build_state.current.records["b.md"] is not first


def test_a_page_that_cannot_be_read_stops_the_build_naming_it(project):
    (project / "docs" / "c.md").mkdir()
    with pytest.raises(PluginError) as raised:
        page_record.on_files(files_of(project, "c.md"), config_of(project))
    assert str(raised.value) == "docs/c.md: cannot be read (Is a directory)"


def test_mkdocs_reads_each_page_as_its_record_has_it(project):
    page_record.on_files(files_of(project, "a.md"), config_of(project))
    record = build_state.current.records["a.md"]
    assert page_record.on_page_read_source(SimpleNamespace(file=SimpleNamespace(src_uri="a.md")), None) == record.text
    assert page_record.on_page_read_source(SimpleNamespace(file=SimpleNamespace(src_uri="new.md")), None) is None


@pytest.mark.parametrize("serving", [False, True])
def test_templates_are_compiled_once_per_process_only_under_serve(fresh, serving):
    build_state.options.serving = serving
    env = SimpleNamespace(globals={}, bytecode_cache=None)
    assert page_record.on_env(env, None, None) is env
    assert "kb" in env.globals
    assert env.bytecode_cache is (build_state.templates if serving else None)


def test_a_saved_bibliography_rebuilds_the_preview_when_there_is_one(fresh, tmp_path):
    watched = []
    server = SimpleNamespace(watch=watched.append)
    assert page_record.on_serve(server, config_of(tmp_path, "references.bib"), None) is server
    assert page_record.on_serve(server, config_of(tmp_path), None) is server
    assert watched == []
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    page_record.on_serve(server, config_of(tmp_path, "references.bib"), None)
    assert watched == [str(tmp_path.resolve() / "references.bib")]
