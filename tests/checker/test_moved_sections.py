"""`make check` and the published-URL check on sections moved to another page."""

import datetime as dt
from pathlib import Path

import pytest

from pancreas_kb.checker import check, html_scan, moved_sections, project_files, published_urls

OLD, NEW = "patients/treatment.md", "patients/matched-treatment.md"
CONFIG = f"""site_name: x
plugins:
  - redirects:
      redirect_maps:
        patients/old-guide.md: {OLD}
  - knowledge-base:
      serve_full: !ENV [KB_SERVE_FULL, false]
      moved_sections:
        "{OLD}#daraxonrasib": "{NEW}#daraxonrasib"
        "{OLD}#chemotherapy": "{NEW}#chemotherapy"
        "patients/old-guide.md#olaparib": "{NEW}#parp"
"""
OLD_PAGE = "---\ntitle: Treatment\n---\n\n# Treatment\n\n## Chemotherapy {#chemotherapy}\n\nText.\n"
TODAY = dt.date(2026, 6, 1)
NEW_PAGE = "---\ntitle: Matched\n---\n\n# Matched\n\n## Daraxonrasib {#daraxonrasib}\n\n## PARP {#parp}\n"


@pytest.fixture
def project(tmp_path) -> project_files.Project:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for path, text in {OLD: OLD_PAGE, NEW: NEW_PAGE}.items():
        (tmp_path / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / path).write_text(text, encoding="utf-8")
    return project_files.load(tmp_path)


def _site(pages: dict[str, list[str]]) -> html_scan.Site:
    """A scanned site from path -> heading ids (every page with an article)."""
    scans = {}
    for path, ids in pages.items():
        scan = html_scan.PageScan(path, ids=set(ids), heading_ids=list(ids), has_article=True)
        scans[path] = scan
    return html_scan.Site(Path("site"), set(scans), scans)


def rules(findings) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.rule) for f in findings]


def test_without_a_site_the_entries_are_judged_against_the_headings(project):
    assert rules(moved_sections.check(project)) == [
        ("mkdocs.yml", 10, "moved-section-still-there"),
        ("mkdocs.yml", 10, "moved-section-target-anchor"),
    ]


def test_with_a_site_the_entries_are_judged_against_its_ids(project):
    site = _site(
        {
            "patients/treatment/index.html": ["treatment"],
            "patients/matched-treatment/index.html": ["daraxonrasib", "chemotherapy"],
        }
    )
    assert rules(moved_sections.check(project, site)) == [("mkdocs.yml", 11, "moved-section-target-anchor")]


def test_a_site_without_entries_has_nothing_to_judge(project):
    (project.root / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - knowledge-base\n", encoding="utf-8")
    assert moved_sections.check(project_files.load(project.root)) == []


# --- the published-URL check ----------------------------------------------------

LISTED = "patients/treatment/\npatients/treatment/#daraxonrasib\npatients/treatment/#chemotherapy\n"


def missing(site, listed: str = LISTED, moved=None):
    return published_urls.missing(published_urls.read_list(listed), site, {}, "list", moved)


def test_a_published_anchor_that_moved_is_kept_where_it_went(project):
    moved = published_urls.moves(project.settings)
    assert moved[("patients/treatment/", "daraxonrasib")] == ("patients/matched-treatment/", "daraxonrasib")
    site = _site(
        {
            "patients/treatment/index.html": ["chemotherapy"],
            "patients/matched-treatment/index.html": ["daraxonrasib"],
        }
    )
    assert missing(site, moved=moved) == []
    assert published_urls.kept_elsewhere(published_urls.read_list(LISTED), site, moved) == [
        ("patients/treatment/#daraxonrasib", "patients/matched-treatment/#daraxonrasib")
    ]
    # Undeclared, the same site loses the anchor, and the message says how to declare the move.
    [removed] = missing(site)
    assert removed.rule == "published-anchor-removed"
    assert (
        "if the section moved to another page, add it to moved_sections in mkdocs.yml, e.g. "
        "'patients/treatment.md#daraxonrasib': 'new/page.md#daraxonrasib'"
    ) in removed.message


@pytest.mark.parametrize(
    "new_page",
    [["parp"], None],  # the new page lacks the section; the new page is not built
)
def test_a_move_to_a_section_that_is_not_there_keeps_nothing(project, new_page):
    pages = {"patients/treatment/index.html": ["chemotherapy"]}
    if new_page is not None:
        pages["patients/matched-treatment/index.html"] = new_page
    site = _site(pages)
    [finding] = missing(site, moved=published_urls.moves(project.settings))
    assert (finding.line, finding.rule) == (2, "published-anchor-moved")
    assert "sends it to patients/matched-treatment/#daraxonrasib, which is not a section" in finding.message
    assert published_urls.kept_elsewhere(published_urls.read_list(LISTED), site, {}) == []


def test_moves_follow_the_url_style_and_need_a_section_named():
    settings = {
        "use_directory_urls": False,
        "plugins": [{"knowledge-base": {"moved_sections": {"a.md#x": "b.md", "whole.md": "c.md#y"}}}],
    }
    assert published_urls.moves(settings) == {("a.html", "x"): ("b.html", "")}
    assert published_urls.moves({"plugins": [{"knowledge-base": {"moved_sections": "a.md"}}]}) == {}


def test_the_update_records_the_new_pages_anchors_and_keeps_the_moved_ones(project):
    site = _site(
        {
            "patients/treatment/index.html": ["chemotherapy"],
            "patients/matched-treatment/index.html": ["daraxonrasib"],
        }
    )
    new_text = published_urls.updated_text(published_urls.HEADER + LISTED, site)
    urls = [item.url for item in published_urls.read_list(new_text)]
    assert "patients/matched-treatment/#daraxonrasib" in urls and "patients/treatment/#daraxonrasib" in urls


def test_the_cli_says_where_each_kept_anchor_went(project, capsys):
    site_dir = project.root / "site"
    for path, body in {
        "patients/treatment/index.html": '<h2 id="chemotherapy">C</h2>',
        "patients/matched-treatment/index.html": '<h2 id="daraxonrasib">D</h2><h2 id="parp">P</h2>',
    }.items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(f'<article class="md-content__inner">{body}</article>', encoding="utf-8")
    listed = LISTED.replace("#chemotherapy\n", "#chemotherapy\npatients/matched-treatment/\n")
    listed += "patients/matched-treatment/#daraxonrasib\npatients/matched-treatment/#parp\n"
    (project.root / published_urls.LIST_FILE).write_text(listed, encoding="utf-8")
    assert published_urls.main(["--root", str(project.root)]) == 0
    assert (
        "published-urls.txt: patients/treatment/#daraxonrasib moved to patients/matched-treatment/#daraxonrasib "
        "(moved_sections in mkdocs.yml)"
    ) in capsys.readouterr().err


def test_make_check_reports_the_entries_with_and_without_a_built_site(project):
    sources_only = check.run(project.root, None, TODAY)
    assert ("mkdocs.yml", 10, "moved-section-still-there") in rules(sources_only)
    (project.root / "site" / "patients" / "treatment").mkdir(parents=True)
    (project.root / "site" / "patients" / "treatment" / "index.html").write_text(
        '<article class="md-content__inner"><h2 id="chemotherapy">C</h2></article>', encoding="utf-8"
    )
    with_site = check.run(project.root, project.root / "site", TODAY)
    assert ("mkdocs.yml", 10, "moved-section-still-there") in rules(with_site)


def test_with_a_site_of_plain_urls_the_ids_are_read_from_page_html(project):
    (project.root / "mkdocs.yml").write_text(CONFIG + "use_directory_urls: false\n", encoding="utf-8")
    project = project_files.load(project.root)
    site = _site({"patients/treatment.html": ["chemotherapy"], "patients/matched-treatment.html": ["daraxonrasib"]})
    assert moved_sections.against(project, site).anchors == {
        OLD: {"chemotherapy"},
        NEW: {"daraxonrasib"},
    }


def test_heading_ids_come_from_the_body_not_the_front_matter():
    text = "---\ntitle: T\n# old notes {#chemotherapy}\n---\n\n# T\n\n## Now {#now}\n"
    assert moved_sections._heading_ids("docs/p.md", text) == {"t", "now"}


def test_a_page_without_front_matter_still_has_its_heading_ids():
    assert moved_sections._heading_ids("docs/p.md", "# T\n\n## Chemotherapy {#chemotherapy}\n") == {
        "t",
        "chemotherapy",
    }


def test_a_move_to_the_top_of_a_page_is_kept_at_that_page():
    moved = {("patients/treatment/", "daraxonrasib"): ("patients/matched-treatment/", ""), ("a/", "x"): ("", "")}
    site = _site({"patients/treatment/index.html": ["chemotherapy"], "patients/matched-treatment/index.html": []})
    site.pages["index.html"] = html_scan.PageScan("index.html", ids=set(), heading_ids=[], has_article=True)
    site.pages["a/index.html"] = html_scan.PageScan("a/index.html", ids=set(), heading_ids=[], has_article=True)
    listed = published_urls.read_list(LISTED + "a/#x\n")
    assert published_urls.kept_elsewhere(listed, site, moved) == [
        ("patients/treatment/#daraxonrasib", "patients/matched-treatment/"),
        ("a/#x", "./"),
    ]


def test_a_move_to_a_missing_section_says_where_it_was_sent_in_full(project):
    site = _site({"patients/treatment/index.html": ["chemotherapy"]})
    assert missing(site, moved=published_urls.moves(project.settings)) == [
        published_urls.Finding(
            "list",
            2,
            "published-anchor-moved",
            "patients/treatment/#daraxonrasib was published and moved_sections in mkdocs.yml sends it to "
            "patients/matched-treatment/#daraxonrasib, which is not a section of the built site; correct the entry "
            "to the page and id the section has now",
        )
    ]


def test_a_removed_page_is_named_as_its_markdown_file_even_when_it_ends_in_x():
    [finding] = missing(_site({}), "reference/TNM-INDEX/\n")
    assert "e.g. 'reference/TNM-INDEX.md': 'new/place.md'" in finding.message


@pytest.mark.parametrize("option", ["moved_sections: patients/treatment.md\n", "moved_sections: {}\n", ""])
def test_without_a_map_of_entries_no_page_is_read_for_ids(project, monkeypatch, option):
    (project.root / "mkdocs.yml").write_text(f"site_name: x\nplugins:\n  - knowledge-base:\n      {option}")
    monkeypatch.setattr(moved_sections, "against", lambda *args: pytest.fail("the pages were read"))
    assert moved_sections.check(project_files.load(project.root)) == []


def test_the_update_keeps_quiet_about_anchors_kept_where_they_moved(project):
    site = _site(
        {
            "patients/treatment/index.html": ["chemotherapy"],
            "patients/matched-treatment/index.html": ["daraxonrasib"],
        }
    )
    (project.root / published_urls.LIST_FILE).write_text(published_urls.HEADER + LISTED, encoding="utf-8")
    changed, findings = published_urls.update(project, site)
    assert (changed, findings) == (True, [])
