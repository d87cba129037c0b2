"""`make check` on What's new (checker/whats_new_file.py): the anchors the entries name, figures in
summaries, and the built feed, judged on small hand-made sites without a build."""

import datetime as dt

from pancreas_kb.checker import project_files, whats_new_file
from pancreas_kb.checker.html_scan import PageScan, Site
from pancreas_kb.domain import bibliography
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.whats_new import Change, Data, Entry, Settings

SETTINGS = Settings("whats-new.yml", "about/whats-new.md", "feed.xml")
THERAPY = "---\ntitle: Therapy\n# note: the front matter is not a heading\n---\n\n## First line {#first-line}\n"
PAGES = {
    "about/whats-new.md": "---\ntitle: What's new\n---\n\nUpdates.\n",
    "clinicians/therapy.md": THERAPY,
    # No front matter: its headings are still read.
    "patients/treatment.md": "## Your care\n\nText.\n",
    "patients/unbuilt.md": "## Gone\n",
}


def entry(*targets: str, summary="Changed [@known].", day=dt.date(2026, 3, 1)) -> Entry:
    changes = tuple(Change(*t.partition("#")[::2], line) for line, t in enumerate(targets, start=6))
    return Entry("e", day, "E", summary, changes, 1, 2, 4)


def loaded(*entries: Entry) -> whats_new_file.Loaded:
    return whats_new_file.Loaded(SETTINGS, Data("whats-new.yml", list(entries)), PAGES)


def anchor_finding(line: int, target: str) -> Finding:
    anchor = target.split("#")[1]
    return Finding(
        "whats-new.yml",
        line,
        "whats-new-changed-anchor",
        f"changed: '{target}': the page has no section with id '{anchor}'; use the id of the changed "
        "heading (its '{#id}', or the link of its ¶ sign on the built page)",
    )


# --- anchors judged against the Markdown's headings (no built site) ------------------------


def test_without_a_site_an_anchor_must_be_a_heading_id_of_the_pages_body():
    data = loaded(
        entry(
            "clinicians/therapy.md#first-line",
            "clinicians/therapy.md#note-the-front-matter-is-not-a-heading",
            "patients/treatment.md#your-care",
            "patients/treatment.md#night",
            "patients/absent.md#anything",
        )
    )
    assert whats_new_file.heading_anchors(data) == [
        anchor_finding(7, "clinicians/therapy.md#note-the-front-matter-is-not-a-heading"),
        anchor_finding(9, "patients/treatment.md#night"),
    ]


# --- anchors judged against the built pages ----------------------------------------------


def site(tmp_path, pages: dict[str, set[str]], files=()) -> Site:
    return Site(tmp_path, set(pages) | set(files), {path: PageScan(path, ids=ids) for path, ids in pages.items()})


def test_with_a_site_an_anchor_must_be_an_id_on_the_built_page(tmp_path):
    built = site(
        tmp_path,
        {"clinicians/therapy/index.html": {"first-line", "built-only"}, "patients/treatment/index.html": set()},
    )
    data = loaded(
        entry(
            "clinicians/therapy.md#first-line",
            "clinicians/therapy.md#built-only",
            "clinicians/therapy.md#second-line",
            "patients/treatment.md#your-care",
            "patients/unbuilt.md#gone",
        )
    )
    assert whats_new_file.site_anchors(data, built) == [
        anchor_finding(8, "clinicians/therapy.md#second-line"),
        anchor_finding(9, "patients/treatment.md#your-care"),
    ]


def test_a_site_built_without_directory_urls_is_read_at_its_html_files(tmp_path):
    built = site(tmp_path, {"clinicians/therapy.html": {"first-line"}, "clinicians/therapy/index.html": set()})
    data = loaded(entry("clinicians/therapy.md#first-line", "clinicians/therapy.md#second-line"))
    assert whats_new_file.site_anchors(data, built, directory_urls=False) == [
        anchor_finding(7, "clinicians/therapy.md#second-line")
    ]
    assert [f.line for f in whats_new_file.site_anchors(data, built)] == [6, 7]


# --- the file against its sources ---------------------------------------------------------

LIBRARY = bibliography.parse("references.bib", "@misc{known, title = {Known}, year = {2020}}\n")


def test_a_figure_in_a_summary_needs_its_source_like_on_a_clinician_page():
    data = loaded(
        entry("clinicians/therapy.md#first-line", summary="Survival reached 11.1 months.\n\nMore [@nokey]."),
        Entry("f", dt.date(2026, 3, 2), "F", "Survival reached 11.1 months [@known].", (), 20, 21, 22),
    )
    findings = whats_new_file.source_findings(data, LIBRARY, dt.date(2026, 6, 1))
    assert [(f.line, f.rule) for f in findings] == [(6, "missing-citation-key"), (4, "unsourced-figure")]
    assert findings[1].path == "whats-new.yml"
    assert findings[1].message.startswith("'11.1 months' is stated without a citation")
    assert whats_new_file.source_findings(loaded(entry("patients/treatment.md")), LIBRARY, dt.date(2026, 6, 1)) == []


def test_entries_are_judged_against_today():
    data = loaded(entry("patients/treatment.md", day=dt.date(2026, 6, 2)))
    assert [f.rule for f in whats_new_file.source_findings(data, LIBRARY, dt.date(2026, 6, 1))] == ["whats-new-date"]
    assert whats_new_file.source_findings(data, LIBRARY, dt.date(2026, 6, 2)) == []


def test_every_entrys_citations_count_as_uses_of_the_bibliography():
    data = loaded(entry("patients/treatment.md"), entry("patients/treatment.md", summary="B [@b; @c]."))
    assert whats_new_file.cited_keys(data) == {"known", "b", "c"}


# --- the built feed ------------------------------------------------------------------------

FEED = """\
<?xml version='1.0' encoding='utf-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id>{entries}</feed>
"""


def feed_site(tmp_path, text: str | None) -> Site:
    if text is not None:
        (tmp_path / "feed.xml").write_text(text, encoding="utf-8")
    return site(tmp_path, {}, files={"feed.xml"})


def test_a_built_feed_with_one_atom_entry_per_entry_passes(tmp_path):
    built = feed_site(tmp_path, FEED.format(entries="<entry/><entry/>"))
    assert whats_new_file.feed(loaded(entry("a.md"), entry("b.md")), built, "site") == []


def test_a_site_without_the_feed_is_a_finding_on_the_data_file(tmp_path):
    assert whats_new_file.feed(loaded(), site(tmp_path, {}), "site") == [
        Finding(
            "whats-new.yml",
            1,
            "whats-new-feed",
            "the built site has no feed.xml; build with the project's mkdocs.yml, whose knowledge-base plugin "
            "writes it",
        )
    ]


def test_a_feed_that_is_not_xml_or_cannot_be_read_is_a_finding_on_the_built_file(tmp_path):
    (finding,) = whats_new_file.feed(loaded(), feed_site(tmp_path, "<feed>"), "site")
    assert (finding.path, finding.line, finding.rule) == ("site/feed.xml", 1, "whats-new-feed")
    assert finding.message.startswith("the feed is not well-formed XML (no element found: line 1")
    assert finding.message.endswith("; rebuild the site")
    (unreadable,) = whats_new_file.feed(loaded(), feed_site(tmp_path / "absent", None), "site")
    assert unreadable.path == "site/feed.xml" and "not well-formed XML" in unreadable.message


def test_a_stale_feed_or_one_that_is_not_atom_is_a_finding_with_both_counts(tmp_path):
    stale = whats_new_file.feed(loaded(entry("a.md")), feed_site(tmp_path, FEED.format(entries="")), "out")
    assert stale == [
        Finding(
            "out/feed.xml",
            1,
            "whats-new-feed",
            "the feed is not the Atom feed of whats-new.yml (0 entries for 1); rebuild the site",
        )
    ]
    rss = '<feed xmlns="http://example.org/not-atom"><entry xmlns="http://www.w3.org/2005/Atom"/></feed>'
    (wrong,) = whats_new_file.feed(loaded(entry("a.md")), feed_site(tmp_path, rss), "out")
    assert "(1 entries for 1)" in wrong.message


# --- finding the data file ------------------------------------------------------------------

GOOD_DATA = """\
- id: e
  date: 2026-03-01
  title: E
  summary: Changed.
  changed:
    - patients/treatment.md
"""


def project(tmp_path, whats_new=None, pages=("content/about/news.md", "content/patients/treatment.md")):
    options = {"whats_new": whats_new} if whats_new is not None else {}
    settings = {"plugins": ["search", {"knowledge-base": options}]}
    texts = {path: f"text of {path}" for path in pages}
    texts["README.md"] = "not a page under the docs folder"
    return project_files.Project(tmp_path, tmp_path / "content", tmp_path / "references.bib", texts, settings)


NEWS = {"entries": "news.yml", "page": "about/news.md"}


def test_the_data_file_is_read_with_the_pages_named_relative_to_the_docs_folder(tmp_path):
    (tmp_path / "news.yml").write_text(GOOD_DATA, encoding="utf-8")
    loaded, findings = whats_new_file.load(project(tmp_path, NEWS))
    assert findings == []
    assert loaded.settings == Settings("news.yml", "about/news.md", "feed.xml")
    assert (loaded.data.path, [e.id for e in loaded.data.entries], loaded.data.findings) == ("news.yml", ["e"], [])
    assert loaded.pages == {
        "about/news.md": "text of content/about/news.md",
        "patients/treatment.md": "text of content/patients/treatment.md",
    }


def test_a_site_without_whats_new_or_without_a_project_folder_is_not_judged(tmp_path):
    (tmp_path / "news.yml").write_text(GOOD_DATA, encoding="utf-8")
    assert whats_new_file.load(project(tmp_path)) == (None, [])
    without_plugin = project(tmp_path, NEWS)
    without_plugin.settings = {"plugins": ["search"]}
    assert whats_new_file.load(without_plugin) == (None, [])
    assert whats_new_file.load(project(tmp_path, {})) == (None, [])
    unrooted = project(tmp_path, NEWS)
    unrooted.root = None
    assert whats_new_file.load(unrooted) == (None, [])


def test_a_missing_data_file_is_a_finding_on_the_page_that_lists_it_if_there_is_one(tmp_path):
    assert whats_new_file.load(project(tmp_path, NEWS)) == (
        None,
        [
            Finding(
                "content/about/news.md",
                1,
                "whats-new-data-missing",
                "the page lists the entries of news.yml, which does not exist; create it (see CONTRIBUTING.md)",
            )
        ],
    )
    assert whats_new_file.load(project(tmp_path, NEWS, pages=("content/index.md",))) == (None, [])


def test_a_data_file_that_cannot_be_decoded_is_its_finding_and_nothing_else(tmp_path):
    (tmp_path / "news.yml").write_bytes(b"- id: \xff\n")
    loaded, findings = whats_new_file.load(project(tmp_path, NEWS))
    assert loaded is None
    assert [(f.path, f.line, f.rule) for f in findings] == [("news.yml", 1, "file-encoding")]
