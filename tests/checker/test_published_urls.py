"""Published URLs: a page or heading anchor that disappears without a redirect is an error."""

import shutil
from pathlib import Path

import pytest

from pancreas_kb.checker import published_urls
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
