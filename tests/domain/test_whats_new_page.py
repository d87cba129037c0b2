"""What's new (domain/whats_new.py): the page's Markdown, the feed's plain summary, and the findings
on the data file judged against the sources, without a site build."""

import datetime as dt

from pancreas_kb.domain import whats_new
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.whats_new import Change, Data, Entry, Section, Settings

NEW = Entry(
    "new-drug",
    dt.date(2026, 11, 30),
    "Drug approved",
    "A drug helps [@b2012second; @a2011first].",
    (Change("clinicians/therapy.md", "daraxonrasib", 6), Change("patients/treatment.md", "", 7)),
    1,
    2,
    4,
)
OLD = Entry("older", dt.date(2026, 1, 2), "Older", "Old news.", (Change("patients/treatment.md", "", 14),), 9, 10, 12)
SECTIONS = {
    "clinicians/therapy.md#daraxonrasib": Section(
        "clinicians/therapy.md#daraxonrasib", "Systemic therapy", "Daraxonrasib", "clinicians/therapy/"
    ),
    "patients/treatment.md": Section("patients/treatment.md", "Treatment", "", "patients/treatment/"),
}
SETTINGS = Settings("whats-new.yml", "about/whats-new.md", "feed.xml")
TODAY = dt.date(2026, 12, 6)


def test_the_page_lists_each_entry_with_its_date_summary_and_links_to_the_changed_sections():
    assert whats_new.markdown([NEW, OLD], SECTIONS, "about/whats-new.md", "feed.xml") == (
        "## Drug approved {#new-drug}\n"
        "\n"
        '<p><time datetime="2026-11-30">30 November 2026</time></p>\n'
        "\n"
        "A drug helps [@b2012second; @a2011first].\n"
        "\n"
        "Changed:\n"
        "\n"
        "- [Daraxonrasib](../clinicians/therapy.md#daraxonrasib), on *Systemic therapy*\n"
        "- [Treatment](../patients/treatment.md)\n"
        "\n"
        "## Older {#older}\n"
        "\n"
        '<p><time datetime="2026-01-02">2 January 2026</time></p>\n'
        "\n"
        "Old news.\n"
        "\n"
        "Changed:\n"
        "\n"
        "- [Treatment](../patients/treatment.md)\n"
        "\n"
        "## Follow the updates {#subscribe}\n"
        "\n"
        "Add the [Atom feed of these updates](../feed.xml) to a feed reader to hear of each update "
        "as it is listed here.\n"
    )


def test_a_page_without_entries_says_so_and_sends_readers_to_the_follow_page():
    assert whats_new.markdown([], SECTIONS, "about/whats-new.md", "feed.xml", "about/follow-updates.md") == (
        "No updates have been listed yet.\n"
        "\n"
        "## Follow the updates {#subscribe}\n"
        "\n"
        "Read [how to follow the updates](follow-updates.md) to hear of each update as it is listed here, "
        "with a feed reader or without one.\n"
    )


def test_links_are_relative_to_the_page_wherever_it_lives():
    assert whats_new.relative("feed.xml", "index.md") == "feed.xml"
    assert whats_new.relative("about/follow.md", "about/whats-new.md") == "follow.md"
    assert whats_new.relative("patients/a.md", "about/news/whats-new.md") == "../../patients/a.md"


def test_the_feeds_summary_drops_citations_and_the_space_they_leave_before_punctuation():
    summary = "  Helps [@a2011first] . More [@b; @c], then [@d]! Also [@e]?\n"
    assert whats_new.plain_summary(summary) == "Helps. More, then! Also?"


def test_a_page_listing_a_missing_data_file_is_a_finding_on_the_page_naming_the_file():
    assert whats_new.data_missing(SETTINGS, "docs/about/whats-new.md") == [
        Finding(
            "docs/about/whats-new.md",
            1,
            "whats-new-data-missing",
            "the page lists the entries of whats-new.yml, which does not exist; create it (see CONTRIBUTING.md)",
        )
    ]


FUTURE = Entry(
    "future",
    dt.date(2026, 12, 7),
    "Future",
    "Cites [@known] and [@unknown; @other].",
    (Change("patients/treatment.md", "care", 6), Change("patients/gone.md", "", 7)),
    1,
    2,
    4,
)
OWN = Finding("whats-new.yml", 8, "whats-new-missing-field", "the entry has no 'date'")


def test_the_file_is_judged_against_its_page_the_pages_it_names_today_and_the_library():
    data = Data("whats-new.yml", [FUTURE], [OWN])
    findings = whats_new.against_sources(data, SETTINGS, {"patients/treatment.md"}, TODAY, {"known"})
    assert [(f.line, f.rule) for f in findings] == [
        (8, "whats-new-missing-field"),
        (1, "whats-new-page-missing"),
        (7, "whats-new-changed-page"),
        (2, "whats-new-date"),
        (4, "missing-citation-key"),
        (4, "missing-citation-key"),
    ]
    assert "create docs/about/whats-new.md" in findings[1].message
    assert findings[2].message.startswith("changed: 'patients/gone.md' is not a page under docs/")
    assert findings[3].message.startswith("date: 2026-12-07 is after today (2026-12-06)")
    assert [f.message.split()[0] for f in findings[4:]] == ["[@unknown]", "[@other]"]


def test_a_good_file_with_its_page_has_no_findings_and_an_unread_library_judges_no_keys():
    data = Data("whats-new.yml", [OLD])
    pages = {"about/whats-new.md", "patients/treatment.md"}
    assert whats_new.against_sources(data, SETTINGS, pages, TODAY, set()) == []
    cited = Data("whats-new.yml", [FUTURE])
    assert [f.rule for f in whats_new.against_sources(cited, SETTINGS, pages | {"patients/gone.md"}, TODAY, None)] == [
        "whats-new-date"
    ]


def test_the_keys_cited_by_every_entry_count_as_uses_of_the_bibliography():
    assert whats_new.cited_keys(Data("whats-new.yml", [NEW, FUTURE, OLD])) == {
        "a2011first",
        "b2012second",
        "known",
        "unknown",
        "other",
    }
