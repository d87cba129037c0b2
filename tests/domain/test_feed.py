"""The Atom feed of What's new (domain/feed.py): what a feed reader receives, element by element."""

import datetime as dt
from xml.etree import ElementTree as ET

from pancreas_kb.domain import bibliography, feed
from pancreas_kb.domain.whats_new import Change, Entry, Section

LIBRARY = bibliography.parse(
    "references.bib",
    """\
@article{a2011first, author = {Able, Bea}, title = {First}, journal = {J}, year = {2011}, volume = {1}, pages = {1},
  doi = {10.1000/1}}
@article{b2012second, author = {Baker, Cy}, title = {Second}, journal = {J}, year = {2012}, volume = {1}, pages = {1},
  doi = {10.1000/2}}
""",
)
NEW = Entry(
    "new-drug",
    dt.date(2026, 11, 30),
    'Drug <approved> & "listed"',
    "A drug helps [@b2012second; @a2011first]. It is new [@b2012second].",
    (Change("clinicians/therapy.md", "daraxonrasib", 5), Change("patients/treatment.md", "", 6)),
    3,
    4,
    5,
)
OLD = Entry("older", dt.date(2026, 1, 2), "Older", "Old news.", (Change("patients/treatment.md", "", 9),), 8, 9, 10)
SECTIONS = {
    "clinicians/therapy.md#daraxonrasib": Section(
        "clinicians/therapy.md#daraxonrasib", "Systemic therapy", "Daraxonrasib", "clinicians/therapy/"
    ),
    "patients/treatment.md": Section("patients/treatment.md", "Treatment", "", "patients/treatment/"),
}
SITE = {"site_name": "Pancreas KB", "page_url": "about/whats-new/", "feed": "feed.xml"}

# Every element, attribute, escape and date a feed reader reads, for one cited entry and one plain one.
EXPECTED = """\
<?xml version='1.0' encoding='utf-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>https://example.org/kb/about/whats-new/</id>
  <title>Pancreas KB: what's new</title>
  <subtitle>Practice-changing updates to the site, with the pages and sections each one changed.</subtitle>
  <updated>2026-11-30T00:00:00Z</updated>
  <link rel="self" type="application/atom+xml" href="https://example.org/kb/feed.xml" />
  <link rel="alternate" type="text/html" href="https://example.org/kb/about/whats-new/" />
  <author>
    <name>Pancreas KB editors</name>
  </author>
  <entry>
    <id>tag:example.org,2026-11-30:/kb/whats-new/new-drug</id>
    <title>Drug &lt;approved&gt; &amp; "listed"</title>
    <published>2026-11-30T00:00:00Z</published>
    <updated>2026-11-30T00:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://example.org/kb/about/whats-new/#new-drug" />
    <link rel="related" type="text/html" href="https://example.org/kb/clinicians/therapy/#daraxonrasib" \
title="Daraxonrasib (Systemic therapy)" />
    <link rel="related" type="text/html" href="https://example.org/kb/patients/treatment/" title="Treatment" />
    <summary type="text">A drug helps. It is new.</summary>
    <content type="html">&lt;p&gt;A drug helps [1, 2]. It is new [1].&lt;/p&gt;
&lt;p&gt;Changed:&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;a href="https://example.org/kb/clinicians/therapy/#daraxonrasib"&gt;\
Daraxonrasib (Systemic therapy)&lt;/a&gt;&lt;/li&gt;
&lt;li&gt;&lt;a href="https://example.org/kb/patients/treatment/"&gt;Treatment&lt;/a&gt;&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;Sources:&lt;/p&gt;
&lt;ol&gt;
&lt;li&gt;Baker C. Second. J. 2012;1:1. &lt;a href="https://doi.org/10.1000/2"&gt;doi:10.1000/2&lt;/a&gt;&lt;/li&gt;
&lt;li&gt;Able B. First. J. 2011;1:1. &lt;a href="https://doi.org/10.1000/1"&gt;doi:10.1000/1&lt;/a&gt;&lt;/li&gt;
&lt;/ol&gt;</content>
  </entry>
  <entry>
    <id>tag:example.org,2026-01-02:/kb/whats-new/older</id>
    <title>Older</title>
    <published>2026-01-02T00:00:00Z</published>
    <updated>2026-01-02T00:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://example.org/kb/about/whats-new/#older" />
    <link rel="related" type="text/html" href="https://example.org/kb/patients/treatment/" title="Treatment" />
    <summary type="text">Old news.</summary>
    <content type="html">&lt;p&gt;Old news.&lt;/p&gt;
&lt;p&gt;Changed:&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;a href="https://example.org/kb/patients/treatment/"&gt;Treatment&lt;/a&gt;&lt;/li&gt;
&lt;/ul&gt;</content>
  </entry>
</feed>
"""
EMPTY = """\
<?xml version='1.0' encoding='utf-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>https://example.org/about/whats-new/</id>
  <title>KB: what's new</title>
  <subtitle>Practice-changing updates to the site, with the pages and sections each one changed.</subtitle>
  <updated>1970-01-01T00:00:00Z</updated>
  <link rel="self" type="application/atom+xml" href="https://example.org/feeds/atom.xml" />
  <link rel="alternate" type="text/html" href="https://example.org/about/whats-new/" />
  <author>
    <name>KB editors</name>
  </author>
</feed>
"""


def atom(entries, site_url="https://example.org/kb", library=LIBRARY, **site) -> str:
    return feed.atom(entries, SECTIONS, site_url=site_url, library=library, **{**SITE, **site}).decode("utf-8")


def content(xml: str, index: int = 0) -> str:
    entry = ET.fromstring(xml.encode()).findall(f"{{{feed.ATOM}}}entry")[index]
    return entry.find(f"{{{feed.ATOM}}}content").text


def test_the_feed_is_this_atom_document_escaped_dated_and_linked_to_each_changed_section():
    assert atom([NEW, OLD]) == EXPECTED
    assert ET.fromstring(EXPECTED.encode()).tag == f"{{{feed.ATOM}}}feed"


def test_a_feed_without_entries_is_still_valid_atom_dated_at_the_epoch():
    xml = atom([], site_url="https://example.org/", site_name="KB", feed="feeds/atom.xml", library=None)
    assert xml == EMPTY


def test_the_site_url_may_be_written_with_or_without_its_final_slash():
    assert atom([NEW, OLD], site_url="https://example.org/kb/") == EXPECTED


def test_a_whats_new_page_at_the_site_root_is_linked_at_the_root_with_one_slash():
    root = ET.fromstring(atom([OLD], site_url="https://example.org/kb/", page_url="").encode())
    assert root.find(f"{{{feed.ATOM}}}id").text == "https://example.org/kb/"
    links = [link.get("href") for link in root.iter(f"{{{feed.ATOM}}}link") if link.get("rel") == "alternate"]
    assert links == ["https://example.org/kb/", "https://example.org/kb/#older"]


def test_the_feed_is_dated_by_its_newest_entry_whatever_the_order_given():
    updated = ET.fromstring(atom([OLD, NEW]).encode()).find(f"{{{feed.ATOM}}}updated").text
    assert updated == "2026-11-30T00:00:00Z"


def test_without_a_library_the_content_drops_the_citations_and_lists_no_sources():
    html = content(atom([NEW], library=None))
    assert html.startswith("<p>A drug helps. It is new.</p>\n<p>Changed:</p>")
    assert "[1" not in html and "Sources:" not in html


def test_a_key_missing_from_the_library_keeps_its_number_and_lists_no_source():
    cited = Entry("x", dt.date(2026, 2, 1), "X", "Known [@a2011first], unknown [@zz2020none].", OLD.changes, 1, 2, 3)
    html = content(atom([cited]))
    assert "<p>Known [1], unknown [2].</p>" in html
    assert html.endswith(
        "<p>Sources:</p>\n<ol>\n<li>Able B. First. J. 2011;1:1. "
        '<a href="https://doi.org/10.1000/1">doi:10.1000/1</a></li>\n</ol>'
    )


def test_entry_ids_are_tag_uris_of_host_date_and_id_that_survive_moving_the_page():
    assert feed.entry_id("https://example.org/kb/", NEW) == "tag:example.org,2026-11-30:/kb/whats-new/new-drug"
    assert feed.entry_id("https://example.org/", NEW) == "tag:example.org,2026-11-30:/whats-new/new-drug"
    assert feed.entry_id("https://example.org/KB-X", NEW) == "tag:example.org,2026-11-30:/KB-X/whats-new/new-drug"
    moved = atom([NEW], page_url="news/")
    assert "<id>tag:example.org,2026-11-30:/kb/whats-new/new-drug</id>" in moved
