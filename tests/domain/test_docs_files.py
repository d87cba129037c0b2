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


NOT_PUBLISHED = (
    "'{suffix}' files are not published from docs/: only Markdown pages and .png, .jpg, .jpeg, .gif, .webp, .svg, "
    ".json, .csv; a script or an HTML page would run on the site without the site's policies, so scripts and "
    "templates belong in overrides/ (maintainers review them)"
)


def test_a_folder_of_refused_files_gets_each_whole_message_in_path_order(tmp_path):
    files = {
        "b/page.Markdown": b"# x",
        "b/run.html": b"<p>",
        "a/notes": b"",
        "a/d.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onclick="x()"><script/><script/>'
        b'<a href="https://example.org/a-very-long-address-that-goes-on-and-on">x</a><set/></svg>',
        "a/ok.PNG": b"\x89PNG",
        "a/Page.md": b"# x",
        ".git/config": b"x",
        "a/.DS_Store": b"",
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    svg = (
        "this SVG holds onclick= event handler on <svg>; <script> element; link to "
        "'https://example.org/a-very-long-address-' on <a> (only #fragments inside the drawing); <set> element; "
        "a drawing opened from the site would run it. Export it again as a plain drawing, or use a PNG"
    )
    assert [(f.path, f.line, f.rule, f.message) for f in docs_files.check(tmp_path, "site/")] == [
        ("site/a/d.svg", 1, "docs-file-type", svg),
        ("site/a/notes", 1, "docs-file-type", NOT_PUBLISHED.format(suffix="no extension")),
        (
            "site/b/page.Markdown",
            1,
            "docs-file-type",
            "pages end in lower-case .md; rename it (git mv) to page.md",
        ),
        ("site/b/run.html", 1, "docs-file-type", NOT_PUBLISHED.format(suffix=".html")),
    ]


def test_links_to_files_and_folders_are_refused_with_the_fix_and_never_followed(tmp_path):
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "inner" / "evil.html").write_bytes(b"<p>")
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "linked").symlink_to(outside / "inner")
    (docs / "sub" / "page.md").symlink_to(outside / "inner" / "evil.html")
    (docs / ".hidden").symlink_to(outside)
    assert [(f.path, f.line, f.rule, f.message) for f in docs_files.check(docs, "docs/")] == [
        (
            "docs/sub/linked",
            1,
            "docs-file-type",
            "is a symbolic link to a folder; the build would publish whatever it points at. Put the files "
            "themselves in docs/",
        ),
        (
            "docs/sub/page.md",
            1,
            "docs-file-type",
            "is a symbolic link; the build would publish whatever it points at. Put the file itself in docs/, or "
            "link to it from a page",
        ),
    ]


@pytest.mark.parametrize(
    "name, markdown",
    [("a.md", True), ("a.MD", True), ("a.mdown", True), ("a.mkd", True), ("a.txt", False), ("md", False)],
)
def test_any_spelling_of_markdown_is_a_page_to_mkdocs(name, markdown):
    assert docs_files.is_markdown(name) is markdown


def test_an_svg_that_cannot_be_read_names_why():
    assert docs_files.svg_problems(b"<svg") == ["markup that cannot be read safely (ParseError)"]
    assert docs_files.svg_problems(b'<!DOCTYPE s [<!ENTITY a "b">]><s>&a;</s>') == [
        "markup that cannot be read safely (EntitiesForbidden)"
    ]


def test_an_svg_link_inside_the_drawing_is_fine_even_with_spaces():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><use x:href=" #a"/></svg>'
    assert docs_files.svg_problems(svg) == []


def test_a_file_that_may_be_published_is_never_read_unless_it_is_an_svg():
    def unread():
        raise AssertionError("read")

    assert docs_files.file_problem("a/b.md", False, unread) is None
    assert docs_files.file_problem("a/b.JSON", False, unread) is None
    assert docs_files.file_problem("a/b.SVG", False, lambda: b"<svg><Script/></svg>") == (
        "this SVG holds <script> element; a drawing opened from the site would run it. Export it again as a plain "
        "drawing, or use a PNG"
    )
