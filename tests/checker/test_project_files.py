"""The project's sources as the checks see them: mkdocs.yml's settings, the pages under docs/ and the
bibliography (checker/project_files.py)."""

import pytest
import yaml

from pancreas_kb.checker import project_files
from pancreas_kb.domain.findings import Finding

PAGE = "---\ntitle: A\n---\n\n# A\n"


@pytest.mark.parametrize(
    ("settings", "path"),
    [
        ({}, "/"),
        ({"site_url": None}, "/"),
        ({"site_url": "https://kb.example"}, "/"),
        ({"site_url": "https://kb.example/"}, "/"),
        ({"site_url": "https://kb.example/base"}, "/base/"),
        ({"site_url": "https://kb.example/base/"}, "/base/"),
    ],
)
def test_the_site_path_ends_in_a_slash(settings, path):
    assert project_files.site_path(settings) == path


def test_mkdocs_settings_are_read_without_mkdocs_own_tags(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: é\n"
        "extra:\n  serve_full: !ENV [KB_SERVE_FULL, false]\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    assert project_files.mkdocs_settings(tmp_path) == {
        "site_name": "é",
        "extra": {"serve_full": None},
        "markdown_extensions": [{"pymdownx.emoji": {"emoji_index": None}}],
    }
    (tmp_path / "mkdocs.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert project_files.mkdocs_settings(tmp_path) == {}


PLUGINS = {"plugins": ["search", {"redirects": None}, {"knowledge-base": {"moved_sections": {}}}, {"other": {}}]}


@pytest.mark.parametrize(
    ("settings", "name", "options"),
    [
        (PLUGINS, "search", {}),
        (PLUGINS, "redirects", {}),
        (PLUGINS, "knowledge-base", {"moved_sections": {}}),
        (PLUGINS, "bibtex", None),
        ({"plugins": None}, "search", None),
        ({}, "search", None),
    ],
)
def test_a_plugins_options_are_its_block_empty_when_listed_bare_and_none_when_not_listed(settings, name, options):
    assert project_files.plugin_options(settings, name) == options


def test_a_path_is_shown_relative_to_the_project_when_it_is_inside_it(tmp_path):
    assert project_files.project_rel(tmp_path, tmp_path / "docs" / "a.md") == "docs/a.md"
    assert project_files.project_rel(tmp_path / "docs", tmp_path / "site") == str(tmp_path / "site")


def _project(tmp_path, config="site_name: x\n"):
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def test_load_reads_every_page_under_docs_dir_and_the_bibliography_the_plugin_names(tmp_path):
    root = _project(
        tmp_path,
        "site_name: x\ndocs_dir: content\nplugins:\n  - search\n  - bibtex:\n      bib_file: refs/works.bib\n",
    )
    (root / "content" / "b").mkdir(parents=True)
    (root / "content" / "b" / "z.md").write_text(PAGE, encoding="utf-8")
    (root / "content" / "a.md").write_bytes(b"caf\xe9\n")
    (root / "content" / "notes.txt").write_text("not a page", encoding="utf-8")
    project = project_files.load(root / "." / "")
    assert (project.root, project.docs_dir, project.bib_path) == (
        root.resolve(),
        root.resolve() / "content",
        root.resolve() / "refs" / "works.bib",
    )
    assert project.pages == {"content/a.md": "caf\ufffd\n", "content/b/z.md": PAGE}
    assert list(project.pages) == ["content/a.md", "content/b/z.md"]
    assert project.data == {"content/a.md": b"caf\xe9\n", "content/b/z.md": PAGE.encode()}
    assert project.settings["docs_dir"] == "content"
    # What docs/ may hold is judged with the folder's path as written in findings.
    assert [(p.path, p.rule) for p in project.problems] == [("content/notes.txt", "docs-file-type")]
    assert project.rel(project.docs_dir / "a.md") == "content/a.md"


@pytest.mark.parametrize("bibtex", ["  - bibtex\n", "  - bibtex:\n      cite_inline: true\n", ""])
def test_the_bibliography_is_references_bib_unless_the_plugin_names_another(tmp_path, bibtex):
    root = _project(tmp_path, f"site_name: x\nplugins:\n{bibtex or '  - search' + chr(10)}")
    (root / "docs").mkdir()
    assert project_files.load(root).bib_path == root.resolve() / "references.bib"


def test_a_page_that_cannot_be_read_is_a_finding_and_linked_pages_are_never_read(tmp_path):
    root = _project(tmp_path)
    (root / "docs" / "folder.md").mkdir(parents=True)  # matches *.md but cannot be read
    (root / "docs" / "ok.md").write_text(PAGE, encoding="utf-8")
    (root / "outside").mkdir()
    (root / "outside" / "secret.md").write_text("secret", encoding="utf-8")
    (root / "docs" / "link.md").symlink_to(root / "outside" / "secret.md")
    (root / "docs" / "linked").symlink_to(root / "outside")
    project = project_files.load(root)
    assert project.pages == {"docs/ok.md": PAGE}
    assert Finding("docs/folder.md", 1, "file-unreadable", "cannot be read: Is a directory") in project.problems


def test_the_library_is_empty_without_a_bibliography_and_a_finding_when_unreadable(tmp_path):
    root = _project(tmp_path)
    (root / "docs").mkdir()
    project = project_files.load(root)
    empty = project_files.library(project)
    assert (empty.path, empty.entries, empty.findings) == ("references.bib", {}, [])
    (root / "references.bib").write_text("@article{k,\n  title = {T},\n}\n", encoding="utf-8")
    assert list(project_files.library(project).entries) == ["k"]
    (root / "references.bib").unlink()
    (root / "references.bib").mkdir()
    unreadable = project_files.library(project)
    assert (unreadable.path, unreadable.entries, unreadable.findings) == (
        "references.bib",
        {},
        [Finding("references.bib", 1, "file-unreadable", "cannot be read: Is a directory")],
    )


def test_a_yaml_tag_mkdocs_does_not_know_either_is_still_an_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: !!unknown x\n", encoding="utf-8")
    with pytest.raises(yaml.constructor.ConstructorError):
        project_files.mkdocs_settings(tmp_path)


def test_the_bibliographys_findings_name_it_as_the_project_shows_it(tmp_path):
    root = _project(tmp_path)
    (root / "docs").mkdir()
    (root / "references.bib").write_bytes(b"@article{k,\n  title = {Caf\xe9},\n}\n")
    library = project_files.library(project_files.load(root))
    assert [(f.path, f.line, f.rule) for f in library.findings] == [("references.bib", 2, "file-encoding")]
