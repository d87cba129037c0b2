"""Published URLs: a page or heading anchor that disappears without a redirect is an error."""

import shutil
from pathlib import Path

import pytest

from pancreas_kb.checker import html_scan, published_urls
from pancreas_kb.checker.html_scan import scan_site
from pancreas_kb.checker.project_files import Project

GOOD = Path(__file__).parents[1] / "fixtures" / "site-good"
LISTED = "./\n./#intro\na/\na/#page-a\na/#goals\n"


def project(root: Path, redirect_maps=None) -> Project:
    settings = {"plugins": [{"redirects": {"redirect_maps": redirect_maps or {}}}]}
    return Project(root, root / "docs", root / "references.bib", {}, settings)


@pytest.fixture
def root(tmp_path):
    shutil.copytree(GOOD, tmp_path / "site")
    (tmp_path / published_urls.LIST_FILE).write_text(published_urls.HEADER + LISTED, encoding="utf-8")
    return tmp_path


def check(root: Path, redirect_maps=None):
    site, _ = scan_site(root / "site")
    return published_urls.check(project(root, redirect_maps), site)


def rules(findings):
    return [(f.path, f.line, f.rule) for f in findings]


def test_current_lists_pages_and_heading_anchors(root):
    site, _ = scan_site(root / "site")
    assert published_urls.current(site) == ["./", "./#intro", "a/", "a/#page-a", "a/#goals"]


def test_complete_list_passes(root):
    assert check(root) == []


def test_removed_page_without_redirect(root):
    shutil.rmtree(root / "site" / "a")
    found = check(root)
    assert rules(found)[0] == ("published-urls.txt", 7, "published-url-removed")
    assert len(found) == 3  # the page and its two anchors
    assert "redirect_maps" in found[0].message and "'a.md': 'new/place.md'" in found[0].message
    assert found[0].message.startswith("a/ was published but is no longer built.")


def test_removed_page_with_redirect_passes(root):
    moved = root / "site" / "b"
    (root / "site" / "a").rename(moved)
    (root / "site" / "a").mkdir()
    (root / "site" / "a" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=../b/">')
    listed = root / published_urls.LIST_FILE
    listed.write_text(listed.read_text(encoding="utf-8") + "b/\nb/#page-a\nb/#goals\n", encoding="utf-8")
    assert check(root, {"a.md": "b.md"}) == []


def test_page_moved_to_another_site_passes_with_its_anchors(root):
    """Its sections now live on the other site, which this build cannot see: nothing to report."""
    shutil.rmtree(root / "site" / "a")
    (root / "site" / "a").mkdir()
    stub = '<meta http-equiv="refresh" content="0; url=https://other.example/guide/">'
    (root / "site" / "a" / "index.html").write_text(stub, encoding="utf-8")
    assert published_urls.redirects(project(root, {"a.md": "https://other.example/guide/"}).settings) == {
        "a/": "https://other.example/guide/"
    }
    assert check(root, {"a.md": "https://other.example/guide/"}) == []
    assert rules(check(root))[0] == ("published-urls.txt", 7, "published-url-removed")


def test_redirect_target_must_keep_the_anchors(root):
    moved = root / "site" / "b"
    (root / "site" / "a").rename(moved)
    html = (moved / "index.html").read_text(encoding="utf-8").replace('id="goals"', 'id="aims"')
    (moved / "index.html").write_text(html, encoding="utf-8")
    assert rules(check(root, {"a.md": "b.md"}))[0] == ("published-urls.txt", 9, "published-anchor-removed")


def test_removed_anchor(root):
    page = root / "site" / "a" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="goals"', 'id="aims"'), encoding="utf-8")
    found = check(root)
    assert rules(found) == [
        ("published-urls.txt", 9, "published-anchor-removed"),
        ("published-urls.txt", 1, "published-url-unlisted"),
    ]
    assert "a/#goals" in found[0].message and '<a id="goals"></a>' in found[0].message


def test_anchor_kept_by_an_empty_element_passes(root):
    listed = root / published_urls.LIST_FILE
    listed.write_text(listed.read_text(encoding="utf-8") + "a/#old-goals\n", encoding="utf-8")
    assert check(root) == []


def test_unlisted_url_and_missing_list(root):
    listed = root / published_urls.LIST_FILE
    listed.write_text(published_urls.HEADER + "./\n./#intro\na/\na/#page-a\n", encoding="utf-8")
    found = check(root)
    assert rules(found) == [("published-urls.txt", 1, "published-url-unlisted")]
    assert "a/#goals" in found[0].message and "make published-urls" in found[0].message
    listed.unlink()
    assert rules(check(root)) == [("published-urls.txt", 1, "published-urls-missing")]


def test_update_adds_new_urls_keeps_removed_ones_and_says_it_changed(root):
    listed = root / published_urls.LIST_FILE
    listed.write_text(published_urls.HEADER + "./\nold/\n", encoding="utf-8")
    site, _ = scan_site(root / "site")
    changed, findings = published_urls.update(project(root), site)
    assert changed
    text = listed.read_text(encoding="utf-8")
    assert text.startswith(published_urls.HEADER)
    assert [line for line in text.splitlines() if not line.startswith("#")] == [
        "./",
        "./#intro",
        "a/",
        "a/#goals",
        "a/#page-a",
        "old/",
    ]
    assert rules(findings) == [("published-urls.txt", 10, "published-url-removed")]
    assert published_urls.update(project(root), site)[0] is False


def test_cli_update_is_fix_and_fail(root):
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (root / published_urls.LIST_FILE).unlink()
    assert published_urls.main(["--root", str(root), "--update"]) == 1
    assert published_urls.main(["--root", str(root), "--update"]) == 0
    assert published_urls.main(["--root", str(root)]) == 0
    assert published_urls.main(["--root", str(root / "nowhere")]) == 2


def _site(pages: dict[str, tuple[bool, list[str]]]) -> html_scan.Site:
    """A scanned site from path -> (has an article, heading ids)."""
    scans = {}
    for path, (article, headings) in pages.items():
        scan = html_scan.PageScan(path)
        scan.has_article, scan.heading_ids = article, headings
        scans[path] = scan
    return html_scan.Site(Path("site"), set(scans), scans)


def test_current_leaves_out_the_error_page_and_redirect_stubs_and_keeps_other_files_as_named():
    site = _site(
        {
            "404.html": (True, ["oops"]),
            "a/index.html": (False, []),  # a redirect stub
            "b/index.html": (True, ["x", "x", "y"]),
            "c.html": (True, []),
            "index.html": (True, []),
        }
    )
    assert published_urls.current(site) == ["./", "b/", "b/#x", "b/#y", "c.html"]


def test_messages_name_the_page_its_source_file_and_where_the_anchor_was_looked_for(root):
    (root / "site" / "index.html").rename(root / "site" / "gone.html")
    found = check(root)
    assert found[0].rule == "published-url-removed" and "./ was published" in found[0].message
    assert "e.g. 'index.md': 'new/place.md'" in found[0].message
    (root / "site" / "gone.html").rename(root / "site" / "index.html")
    moved = root / "site" / "b"
    (root / "site" / "a").rename(moved)
    html = (moved / "index.html").read_text(encoding="utf-8").replace('id="goals"', 'id="aims"')
    (moved / "index.html").write_text(html, encoding="utf-8")
    [redirected, *_] = check(root, {"a.md": "b.md#page-a"})
    assert "a/#goals was published but its redirect target b/ has no element with id 'goals'" in redirected.message
    assert redirected.message.endswith("if the section was removed, put that anchor at the closest section")
    (root / "site" / "a").mkdir()
    shutil.copy(moved / "index.html", root / "site" / "a" / "index.html")
    [same_page, *_] = check(root)
    assert "a/#goals was published but the page has no element with id 'goals'" in same_page.message


def test_the_list_reads_urls_and_skips_comments_and_blank_lines():
    listed = published_urls.read_list("# header\n\n  # indented note\n./\n a/#x \n")
    assert listed == [published_urls.Listed("./", 4), published_urls.Listed("a/#x", 5)]
    assert published_urls._split(".#top") == ("", "top") and published_urls._split("./") == ("", "")


def test_redirects_follow_the_url_style_and_skip_other_plugins():
    settings = {"plugins": ["search", {"other": {}}, {"redirects": {"redirect_maps": {"a.md": "b.md#part"}}}]}
    assert published_urls.redirects(settings) == {"a/": "b/"}
    assert published_urls.redirects({**settings, "use_directory_urls": False}) == {"a.html": "b.html"}


def test_a_redirect_to_a_section_of_an_index_page_targets_that_folder():
    settings = {"plugins": [{"redirects": {"redirect_maps": {"old.md": "patients/index.md#diet"}}}]}
    assert published_urls.redirects(settings) == {"old/": "patients/"}


def test_unlisted_urls_are_named_up_to_five(root):
    listed = root / published_urls.LIST_FILE
    site = _site({f"p{i}/index.html": (True, []) for i in range(7)})
    listed.write_text("p0/\n", encoding="utf-8")
    [six] = published_urls.unlisted(published_urls.read_list("p0/\n"), site, "list")
    assert "6 published URL(s) are not in published-urls.txt: p1/, p2/, p3/, p4/, p5/ and 1 more;" in six.message
    assert six.message.endswith("and commit the file, so that their removal is caught later")
    [five] = published_urls.unlisted(published_urls.read_list("p0/\np1/\n"), site, "list")
    assert "p2/, p3/, p4/, p5/, p6/; run" in five.message


def test_a_list_with_bytes_that_are_not_utf8_is_still_read(root):
    listed = root / published_urls.LIST_FILE
    listed.write_bytes(listed.read_bytes() + b"# caf\xe9\n")
    assert check(root) == []
    listed.unlink()
    [finding] = check(root)
    assert finding.message == "published-urls.txt does not exist; run `make published-urls` and commit it"


def test_cli_says_what_it_needs_and_what_changed(root, capsys):
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert published_urls.main(["--root", str(root / "nowhere")]) == 2
    assert "run `make build` first" in capsys.readouterr().err
    assert published_urls.main(["--root", str(root), "--site", str(root / "nosite")]) == 2
    assert published_urls.main(["--root", str(root), "--bogus"]) == 2
    assert published_urls.main(["--root", str(root), "--help"]) == 0
    capsys.readouterr()
    (root / published_urls.LIST_FILE).write_text("./\n", encoding="utf-8")
    assert published_urls.main(["--root", str(root), "--update"]) == 1
    assert "published-urls.txt updated: review and commit it" in capsys.readouterr().err
    shutil.rmtree(root / "site" / "a")
    assert published_urls.main(["--root", str(root), "--site", str(root / "site")]) == 1
    assert "published-urls.txt:" in capsys.readouterr().out


def test_cli_help_names_each_option(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert published_urls.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "usage: python -m pancreas_kb.checker.published_urls [-h] [--root ROOT] [--site SITE] [--update]"
    )
    for words in (
        "Published URLs: every page URL and heading anchor the site has published stays reachable.",
        "--root ROOT  project folder (holds mkdocs.yml)",
        "--site SITE  built site (default: ROOT/site)",
        "--update     add new URLs to published-urls.txt",
    ):
        assert words in out


def test_update_reads_a_list_with_bytes_that_are_not_utf8(root):
    listed = root / published_urls.LIST_FILE
    listed.write_bytes(b"# caf\xe9\n./\n")
    site, _ = scan_site(root / "site")
    changed, findings = published_urls.update(project(root), site)
    assert changed and findings == []
    assert listed.read_text(encoding="utf-8").startswith(published_urls.HEADER + "./\n./#intro\n")


def test_a_page_moved_off_site_does_not_stop_the_check_of_the_pages_after_it(root):
    listed = root / published_urls.LIST_FILE
    listed.write_text("a/\nb/\n./\n", encoding="utf-8")
    shutil.rmtree(root / "site" / "a")
    (root / "site" / "index.html").rename(root / "site" / "gone.html")
    found = check(root, {"a.md": "https://other.example/a/"})
    assert [(f.line, f.rule) for f in found if f.rule == "published-url-removed"] == [
        (2, "published-url-removed"),
        (3, "published-url-removed"),
    ]
    assert "b/ was published but is no longer built" in found[0].message


def test_cli_reads_the_command_line_and_names_what_it_needs(root, capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["published_urls", "--root", str(root / "nowhere")])
    assert published_urls.main() == 2
    assert capsys.readouterr().err == (
        f"error: needs {root / 'nowhere' / 'mkdocs.yml'} and a built site in {root / 'nowhere' / 'site'}; "
        "run `make build` first\n"
    )


def test_cli_checks_the_current_folder_by_default(root, capsys, monkeypatch):
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert published_urls.main([]) == 0
    assert capsys.readouterr() == ("", "")


def test_each_missing_url_is_told_how_to_keep_it_in_full():
    site = _site(
        {"index.html": (True, []), "a/index.html": (True, []), "c/index.html": (True, []), "stub.html": (False, [])}
    )
    listed = published_urls.read_list("./\ngone/\na/#old\nb/#x\nstub.html\nhttps-moved/#y\n")
    redirect_map = {"b/": "c/", "https-moved/": "https://other.example/"}
    assert published_urls.missing(listed, site, redirect_map, "list") == [
        published_urls.Finding(
            "list",
            2,
            "published-url-removed",
            "gone/ was published but is no longer built. If the page moved, keep the old address working with a "
            "redirect in mkdocs.yml under plugins > redirects > redirect_maps, e.g. 'gone.md': 'new/place.md'; if "
            "it was removed, redirect it to the closest page",
        ),
        published_urls.Finding(
            "list",
            3,
            "published-anchor-removed",
            "a/#old was published but the page has no element with id 'old', so links to that section land at the "
            'top of the page. If the heading was renamed, keep the old anchor: put <a id="old"></a> on the line '
            "above the new heading (or give it {#old} if it has no other id); if the section moved to another page, "
            "add it to moved_sections in mkdocs.yml, e.g. 'a.md#old': 'new/page.md#old'; if the section was "
            "removed, put that anchor at the closest section",
        ),
        published_urls.Finding(
            "list",
            4,
            "published-anchor-removed",
            "b/#x was published but its redirect target c/ has no element with id 'x', so links to that section "
            'land at the top of the page. If the heading was renamed, keep the old anchor: put <a id="x"></a> on '
            "the line above the new heading (or give it {#x} if it has no other id); if the section moved to "
            "another page, add it to moved_sections in mkdocs.yml, e.g. 'b.md#x': 'new/page.md#x'; if the section "
            "was removed, put that anchor at the closest section",
        ),
        published_urls.Finding(
            "list",
            5,
            "published-url-removed",
            "stub.html was published but is no longer built. If the page moved, keep the old address working with "
            "a redirect in mkdocs.yml under plugins > redirects > redirect_maps, e.g. 'stub.html.md': "
            "'new/place.md'; if it was removed, redirect it to the closest page",
        ),
    ]


@pytest.mark.parametrize(
    ("pages", "kept"),
    [
        ({"b/index.html": (True, [])}, [("a/#x", "b/#y")]),  # the old page is gone: kept where it moved
        ({"a/index.html": (True, []), "b/index.html": (True, [])}, [("a/#x", "b/#y")]),
        ({"b/index.html": (False, [])}, []),  # the new page is a redirect stub
        ({}, []),  # the new page is not built
    ],
)
def test_an_anchor_is_kept_elsewhere_only_where_its_section_is(pages, kept):
    site = _site(pages)
    for path, scan in site.pages.items():
        scan.ids = {"y"} if path.startswith("b/") else set()
    moved = {("a/", "x"): ("b/", "y")}
    assert published_urls.kept_elsewhere(published_urls.read_list("a/#x\nb/#y\n"), site, moved) == kept


def test_an_anchor_still_on_its_page_is_not_kept_elsewhere():
    site = _site({"a/index.html": (True, []), "b/index.html": (True, [])})
    site.pages["a/index.html"].ids = {"x"}
    site.pages["b/index.html"].ids = {"y"}
    assert published_urls.kept_elsewhere(published_urls.read_list("a/#x\n"), site, {("a/", "x"): ("b/", "y")}) == []


def test_cli_reads_a_list_with_bytes_that_are_not_utf8(root, capsys):
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (root / published_urls.LIST_FILE).write_bytes(LISTED.encode() + b"caf\xe9/\n")
    assert published_urls.main(["--root", str(root)]) == 1
    assert "published-urls.txt:6: published-url-removed: caf\ufffd/ was published" in capsys.readouterr().out
