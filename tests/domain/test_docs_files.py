"""docs/ holds Markdown pages and inert assets only, and no symbolic links (domain/docs_files.py)."""

import pytest

from pancreas_kb.domain import docs_files

PLAIN_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/><use href="#a"/></svg>'


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("page.html", b"<script>alert(1)</script>", "'.html' files are not published"),
        ("app.js", b"navigator.serviceWorker.register('sw.js')", "'.js' files are not published"),
        ("sw.mjs", b"", "'.mjs' files are not published"),
        ("notes", b"", "'no extension' files"),
        ("page.markdown", b"# x", "rename it (git mv) to page.md"),
        ("page.MD", b"# x", "rename it (git mv) to page.md"),
        ("page.mkdn", b"# x", "rename it"),
        ("d.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script> element"),
        ("d.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "onload= event handler"),
        (
            "d.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            "<foreignobject> element",
        ),
        (
            "d.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<a x:href="javascript:alert(1)">x</a></svg>',
            "link to 'javascript:alert(1)'",
        ),
        ("d.svg", b'<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>', "cannot be read safely"),
    ],
)
def test_refused_files(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    found = docs_files.check(tmp_path, "docs/")
    assert [(f.path, f.rule) for f in found] == [(f"docs/{name}", "docs-file-type")]
    assert message in found[0].message


@pytest.mark.parametrize(
    "name, data", [("p.md", b"# x"), ("d.svg", PLAIN_SVG), ("i.png", b"\x89PNG"), ("f.json", b"{}")]
)
def test_pages_and_inert_assets_pass(tmp_path, name, data):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / name).write_bytes(data)
    (tmp_path / ".hidden.js").write_bytes(b"")  # MkDocs leaves dot files out of the site
    assert docs_files.check(tmp_path, "docs/") == []


def test_symbolic_links_are_refused_files_and_folders(tmp_path):
    outside = tmp_path / "outside"
    (outside / "git").mkdir(parents=True)
    (outside / "git" / "config").write_text("[remote] token")
    (outside / "approved.md").write_text("---\ntitle: A\n---\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").symlink_to(outside / "approved.md")
    (docs / "leak").symlink_to(outside / "git")
    found = docs_files.check(docs, "docs/")
    assert [f.path for f in found] == ["docs/leak", "docs/page.md"]
    assert all("symbolic link" in f.message for f in found)


def test_make_check_reports_them_too(tmp_path, capsys):
    from pancreas_kb.checker import check

    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://kb.example/\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "evil.html").write_text("<script>alert(1)</script>")
    assert check.main(["--root", str(tmp_path), "--sources-only"]) == 1
    assert "docs/evil.html:1: docs-file-type" in capsys.readouterr().out
