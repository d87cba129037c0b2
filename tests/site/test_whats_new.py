"""What's new: one data file rendered to a page and an Atom feed, and every malformed entry reported at its line."""

import datetime as dt
import os
import re
import subprocess
import sys
import textwrap
from xml.etree import ElementTree as ET

import pytest

from pancreas_kb.checker import published_urls
from pancreas_kb.domain import whats_new
from tests.sitebuilder import ROOT, TODAY, build, page

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://stage4-pancreas.github.io/knowledge-base/"
BIB = """\
@article{conroy2011folfirinox,
  author  = {Conroy, Thierry and Desseigne, Françoise},
  title   = {{FOLFIRINOX} versus gemcitabine for metastatic pancreatic cancer},
  journal = {N Engl J Med},
  year    = {2011},
  volume  = {364},
  pages   = {1817--1825},
  doi     = {10.1056/NEJMoa1011923},
  evidence = {randomised-trial},
}
"""
QUOTES = """\
seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
seen_on: 2026-05-01
quotes:
  - text: The median overall survival was 11.1 months in the FOLFIRINOX group.
    locator: Abstract
"""
THERAPY = """\
## First line {#first-line}

Median overall survival was 11.1 months [@conroy2011folfirinox].

## Second line {#second-line}

Options after first-line therapy.
"""
WHATS_NEW_PAGE = page("What's new", audience="all", body="Updates that changed the site, newest first.")
# Deliberately out of date order: the page and the feed put the newest first.
DATA = """\
- id: first-line-update
  date: 2026-03-02
  title: First-line options rewritten
  summary: >-
    The first-line section now gives the trial's survival result with its
    source [@conroy2011folfirinox].
  changed:
    - clinicians/therapy.md#first-line

- id: second-line-update
  date: 2026-05-20
  title: Second-line options & a new patient page
  summary: The second-line section and the patient page on treatment changed.
  changed:
    - clinicians/therapy.md#second-line
    - patients/treatment.md
"""


def site_pages():
    return {
        "index.md": page("Home", audience="all", body="Start [here](patients/treatment.md)."),
        # The 404 page links to these three.
        "patients/index.md": page("Patients", body="Pages for you."),
        "clinicians/index.md": page("Clinicians", audience="clinician", body="Pages for clinicians."),
        "reference/glossary.md": page("Glossary", audience="all", body="Words."),
        "patients/treatment.md": page("Treatment", body="Your team will talk with you about treatment."),
        "clinicians/therapy.md": page("Therapy", audience="clinician", body=THERAPY),
        "about/whats-new.md": WHATS_NEW_PAGE,
    }


def build_with(root, data, pages=None, strict=True):
    (root / "whats-new.yml").write_text(textwrap.dedent(data), encoding="utf-8")
    return build(root, pages or site_pages(), BIB, strict=strict)


def run_check(root, *args):
    env = {**os.environ, "KB_TODAY": TODAY, "GITHUB_ACTIONS": "false"}
    result = subprocess.run(
        [sys.executable, "-m", "pancreas_kb.checker.check", "--root", str(root), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    root = tmp_path_factory.mktemp("whats-new")
    result = build_with(root, DATA)
    assert result.returncode == 0, result.log
    (root / "evidence").mkdir()
    (root / "evidence" / "conroy2011folfirinox.yml").write_text(QUOTES, encoding="utf-8")
    # As the project would have committed it, so that make check judges only What's new.
    assert published_urls.main(["--root", str(root), "--update"]) == 1
    return result


# --- the page -------------------------------------------------------------------------


@pytest.mark.site
def test_page_lists_entries_newest_first_with_date_summary_and_links(good):
    html = good.html("about/whats-new/index.html")
    article = html[html.index("<article") : html.index("</article>")]
    headings = re.findall(r'<h2 id="([^"]+)"', article)
    assert headings == ["second-line-update", "first-line-update", "subscribe", "references"]
    second = article[article.index('id="second-line-update"') : article.index('id="first-line-update"')]
    assert "Second-line options &amp; a new patient page" in second
    assert '<time datetime="2026-05-20">20 May 2026</time>' in second
    assert "The second-line section and the patient page on treatment changed." in second
    assert re.search(
        r'<a href="\.\./\.\./clinicians/therapy/#second-line"[^>]*>Second line</a>, on <em>Therapy</em>', second
    )
    assert re.search(r'<a href="\.\./\.\./patients/treatment/"[^>]*>Treatment</a>', second)
    first = article[article.index('id="first-line-update"') :]
    assert '<time datetime="2026-03-02">2 March 2026</time>' in first
    assert re.search(r'<a href="\.\./\.\./clinicians/therapy/#first-line"[^>]*>First line</a>', first)


@pytest.mark.site
def test_an_entry_cites_like_any_page(good):
    html = good.html("about/whats-new/index.html")
    assert 'href="#fn:conroy2011folfirinox"' in html
    assert '<h2 id="references">' in html and "Conroy T, Desseigne F." in html
    assert "[@" not in html


@pytest.mark.site
def test_an_entrys_sources_show_their_quotes_like_any_page(tmp_path):
    """The entries are written into the page before the evidence part reads its claims."""
    data = DATA.replace("survival result with its", "median survival of 11.1 months with its")
    (tmp_path / "whats-new.yml").write_text(data, encoding="utf-8")
    result = build(tmp_path, site_pages(), BIB, evidence={"conroy2011folfirinox": QUOTES})
    assert result.returncode == 0, result.log
    html = result.html("about/whats-new/index.html")
    item = re.search(r'<li id="fn:conroy2011folfirinox" data-evidence="randomised-trial">(.*?)</li>', html, re.S)
    assert item, "the reference is listed with its evidence type"
    assert re.search(
        r'<blockquote class="kb-quote" data-passage="0"><p>The median overall survival was 11.1 months', item.group(1)
    )
    assert re.search(r'<sup id="fnref\d*:conroy2011folfirinox" data-passages="0">', html), (
        "bound to the entry's sentence"
    )


@pytest.mark.site
def test_page_links_to_the_feed_and_every_head_announces_it(good):
    html = good.html("about/whats-new/index.html")
    assert re.search(r'<a href="\.\./\.\./feed\.xml"[^>]*>Atom feed of these updates</a>', html)
    for built in ("index.html", "patients/treatment/index.html", "about/whats-new/index.html"):
        head = good.html(built).split("</head>")[0]
        link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)
        assert link, built
        depth = built.count("/")
        assert link.group(1) == "../" * depth + "feed.xml"


# --- the feed -------------------------------------------------------------------------


@pytest.mark.site
def test_feed_is_atom_with_every_entry_and_absolute_links(good):
    root = ET.parse(good.site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == SITE_URL + "about/whats-new/"
    assert root.findtext(f"{ATOM}updated") == "2026-05-20T00:00:00Z"
    assert root.findtext(f"{ATOM}title")
    assert root.find(f"{ATOM}author/{ATOM}name").text
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == SITE_URL + "feed.xml" and self_link.get("type") == "application/atom+xml"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Second-line options & a new patient page",
        "First-line options rewritten",
    ]
    second, first = entries
    assert second.findtext(f"{ATOM}id") == (
        "tag:stage4-pancreas.github.io,2026-05-20:/knowledge-base/whats-new/second-line-update"
    )
    assert second.findtext(f"{ATOM}updated") == "2026-05-20T00:00:00Z"
    assert second.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        SITE_URL + "about/whats-new/#second-line-update"
    )
    assert [link.get("href") for link in second.findall(f"{ATOM}link[@rel='related']")] == [
        SITE_URL + "clinicians/therapy/#second-line",
        SITE_URL + "patients/treatment/",
    ]
    assert second.findtext(f"{ATOM}summary") == "The second-line section and the patient page on treatment changed."
    content = second.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert f'<a href="{SITE_URL}clinicians/therapy/#second-line">Second line (Therapy)</a>' in content.text
    # A citation becomes a numbered source, its marker never reaches the reader.
    assert first.findtext(f"{ATOM}summary").endswith("with its source.")
    assert "[1]" in first.find(f"{ATOM}content").text and "Conroy T" in first.find(f"{ATOM}content").text
    for element in root.iter():
        for attr in ("href",):
            if element.get(attr):
                assert element.get(attr).startswith("https://"), element.get(attr)


@pytest.mark.site
def test_same_sources_give_the_same_feed(good, tmp_path):
    again = build_with(tmp_path, DATA)
    assert again.returncode == 0, again.log
    assert (again.site / "feed.xml").read_bytes() == (good.site / "feed.xml").read_bytes()


@pytest.mark.site
def test_site_without_whats_new_has_no_feed_and_no_head_link(tmp_path):
    result = build(tmp_path, {"index.md": page("Home", audience="all")})
    assert result.returncode == 0, result.log
    assert not (result.site / "feed.xml").exists()
    assert "application/atom+xml" not in result.html()


# --- the strict build rejects a bad data file at its line -------------------------------


@pytest.mark.site
@pytest.mark.parametrize(
    "data, expected",
    [
        (DATA.replace("#second-line", "#third-line"), "whats-new.yml:15: whats-new-changed-anchor"),
        (DATA.replace("patients/treatment.md", "patients/treatmnet.md"), "whats-new.yml:16: whats-new-changed-page"),
        (DATA.replace("2026-05-20", "2026-05-32"), "whats-new.yml:11: whats-new-date"),
        (DATA.replace("@conroy2011folfirinox", "@conroy2011"), "whats-new.yml:4: missing-citation-key"),
    ],
)
def test_strict_build_fails_with_the_data_file_line(tmp_path, data, expected):
    result = build_with(tmp_path, data)
    assert result.returncode != 0
    assert expected in result.log, result.log


@pytest.mark.site
def test_page_without_data_file_fails_the_build(tmp_path):
    result = build(tmp_path, site_pages(), BIB)
    assert result.returncode != 0
    assert "docs/about/whats-new.md:1: whats-new-data-missing" in result.log


# --- make check -----------------------------------------------------------------------


@pytest.mark.site
def test_check_passes_on_a_good_site_and_fails_on_each_planted_fault(good):
    assert "about/whats-new/#second-line-update" in (good.root / published_urls.LIST_FILE).read_text()
    code, output = run_check(good.root)
    assert code == 0, output
    code, output = run_check(good.root, "--sources-only")
    assert code == 0, output

    # The site was built from a good file; the file then went bad, as in a pull request.
    bad = DATA.replace("#second-line", "#third-line").replace("2026-03-02", "2027-01-01")
    (good.root / "whats-new.yml").write_text(bad, encoding="utf-8")
    try:
        code, output = run_check(good.root)
        assert code == 1
        assert "whats-new.yml:15: whats-new-changed-anchor" in output
        assert "whats-new.yml:2: whats-new-date: date: 2027-01-01 is after today" in output
        code, output = run_check(good.root, "--sources-only")
        assert code == 1 and "whats-new.yml:15: whats-new-changed-anchor" in output
    finally:
        (good.root / "whats-new.yml").write_text(DATA, encoding="utf-8")


@pytest.mark.site
def test_check_reports_an_unsourced_figure_in_a_summary(good):
    bad = DATA.replace("changed.\n", "changed; survival rose by 2 months.\n")
    (good.root / "whats-new.yml").write_text(bad, encoding="utf-8")
    try:
        code, output = run_check(good.root, "--sources-only")
        assert code == 1 and "whats-new.yml:13: unsourced-figure: '2 months'" in output
    finally:
        (good.root / "whats-new.yml").write_text(DATA, encoding="utf-8")


@pytest.mark.site
def test_check_reports_a_stale_feed(good):
    feed = good.site / "feed.xml"
    kept = feed.read_bytes()
    feed.write_text("<feed>", encoding="utf-8")
    try:
        code, output = run_check(good.root)
        assert code == 1 and "site/feed.xml:1: whats-new-feed: the feed is not well-formed XML" in output
    finally:
        feed.write_bytes(kept)


@pytest.mark.site
def test_an_entry_citation_counts_as_a_use_of_the_bib_entry(good):
    _code, output = run_check(good.root, "--sources-only")
    assert "unused-bib-entry" not in output


# --- each malformed entry: the rule, the file and the line ------------------------------


def findings(text):
    return [(f.line, f.rule) for f in whats_new.load("whats-new.yml", textwrap.dedent(text)).findings]


ENTRY = """\
- id: an-update
  date: 2026-03-02
  title: An update
  summary: A section changed.
  changed:
    - clinicians/therapy.md#first-line
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- id: a\n  date: [2026\n", [(3, "whats-new-yaml")]),
        ("- id: a\n  date: 2026-01-01\n    title: x\n", [(3, "whats-new-yaml")]),
        ("id: an-update\n", [(1, "whats-new-structure")]),
        ("- just text\n", [(1, "whats-new-structure")]),
        (ENTRY.replace("  title: An update\n", ""), [(1, "whats-new-missing-field")]),
        (ENTRY.replace("  summary:", "  sumary:"), [(1, "whats-new-missing-field"), (4, "whats-new-unknown-field")]),
        (ENTRY.replace("an-update", "An Update"), [(1, "whats-new-id")]),
        (ENTRY.replace("2026-03-02", "2 March 2026"), [(2, "whats-new-date")]),
        (ENTRY.replace("2026-03-02", "2026-02-30"), [(2, "whats-new-date")]),
        (ENTRY.replace("2026-03-02", "2026-3-2"), [(2, "whats-new-date")]),
        (ENTRY.replace("An update", "''"), [(3, "whats-new-text")]),
        (ENTRY.replace("An update", "A" * 101), [(3, "whats-new-title")]),
        (ENTRY.replace("A section changed.", "One. Two. Three. Four."), [(4, "whats-new-summary")]),
        (ENTRY.replace("A section changed.", "See [this](../x.md)."), [(4, "whats-new-summary-link")]),
        (ENTRY.replace("A section changed.", "Mail [me@example.org]."), [(4, "citation-syntax")]),
        (
            ENTRY.replace("    - clinicians/therapy.md#first-line\n", "    []\n").replace("changed:\n", "changed:"),
            [(5, "whats-new-changed")],
        ),
        (ENTRY.replace("clinicians/therapy.md#first-line", "docs/clinicians/therapy.md"), [(6, "whats-new-changed")]),
        (
            ENTRY.replace("clinicians/therapy.md#first-line", "clinicians/therapy/#first-line"),
            [(6, "whats-new-changed")],
        ),
        (ENTRY + ENTRY.replace("2026-03-02", "2026-03-03"), [(7, "whats-new-duplicate-id")]),
        (
            ENTRY.replace("  title: An update\n", "  title: An update\n  title: Again\n"),
            [(4, "whats-new-duplicate-field")],
        ),
    ],
)
def test_malformed_entry(text, expected):
    assert findings(text) == expected


def test_well_formed_entries_and_an_empty_file_have_no_findings():
    assert findings(ENTRY) == []
    assert findings("# no entries yet\n") == []
    data = whats_new.load("whats-new.yml", DATA)
    assert [e.id for e in data.newest_first()] == ["second-line-update", "first-line-update"]
    assert data.entries[0].changes[0] == whats_new.Change("clinicians/therapy.md", "first-line", 8)


def test_rules_against_the_site():
    data = whats_new.load("whats-new.yml", DATA)
    assert [(f.line, f.rule) for f in whats_new.missing_pages(data, {"clinicians/therapy.md"})] == [
        (16, "whats-new-changed-page")
    ]
    anchors = {"clinicians/therapy.md": {"first-line"}}
    assert [(f.line, f.rule) for f in whats_new.missing_anchors(data, anchors)] == [(15, "whats-new-changed-anchor")]
    assert [(f.line, f.rule) for f in whats_new.future_dates(data, dt.date(2026, 4, 1))] == [(11, "whats-new-date")]
    assert [(f.line, f.rule) for f in whats_new.unknown_keys(data, set())] == [(4, "missing-citation-key")]
    assert [f.rule for f in whats_new.page_missing(data, "about/whats-new.md", set())] == ["whats-new-page-missing"]


def test_headings_give_explicit_and_generated_ids():
    body = "## First line {#first-line}\n\n## Second Line: options\n\n```\n## not a heading {#x}\n```\n"
    assert whats_new.headings(body) == {"first-line": "First line", "second-line-options": "Second Line: options"}


@pytest.mark.parametrize(
    "text, count",
    [
        ("One sentence without a stop", 1),
        ("First. Second [@key].", 2),
        ("It is approved, e.g. for adults, at 1.5 times the dose.", 1),
        ('He said "stop." Then left.', 2),
    ],
)
def test_sentence_count(text, count):
    assert whats_new.sentences(text) == count


def test_the_project_data_file_is_well_formed():
    """Its anchors are judged by the build and make check against the pages they name."""
    path = ROOT / "whats-new.yml"
    data = whats_new.load("whats-new.yml", path.read_text(encoding="utf-8"))
    assert data.findings == []
    assert data.entries and any("daraxonrasib" in c.target for e in data.entries for c in e.changes)
