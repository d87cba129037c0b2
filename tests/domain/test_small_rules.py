"""Small pure rules the site tests reach only through a build: findings rendered for GitHub, the
line of a bibliography error, counterpart links, the print choice, duplicate descriptions, section
lists, history and citation names, front-matter values that cannot be read, a page's own text."""

import dataclasses
import datetime as dt

import pytest

from pancreas_kb.domain import (
    a11y,
    bibliography,
    cite,
    counterpart,
    findings,
    frontmatter,
    history,
    page_record,
    section_index,
    security,
    seo,
)
from pancreas_kb.domain.findings import Finding

# --- findings as GitHub annotations --------------------------------------------------------


def test_a_finding_is_a_github_error_annotation_with_its_file_line_rule_and_escaped_message():
    finding = Finding("docs/a.md", 3, "rule-x", "50% of\r\nlines\n")
    assert finding.github() == "::error file=docs/a.md,line=3,title=rule-x::50%25 of%0D%0Alines%0A"


def test_a_warning_is_a_github_warning_annotation():
    finding = Finding("docs/a.md", 7, "rule-y", "check it", findings.WARNING)
    assert finding.github() == "::warning file=docs/a.md,line=7,title=rule-y::check it"


def test_the_github_format_renders_every_finding_in_order_one_line_each():
    shown = findings.render([Finding("b.md", 1, "r", "two"), Finding("a.md", 2, "r", "one")], "github")
    assert shown == "::error file=a.md,line=2,title=r::one\n::error file=b.md,line=1,title=r::two"


def test_findings_are_shown_as_file_line_rule_message_one_per_line_in_file_order_by_default():
    shown = findings.render(
        [Finding("b.md", 1, "r", "two"), Finding("a.md", 9, "s", "one", findings.WARNING), Finding("a.md", 2, "r", "x")]
    )
    assert shown == "a.md:2: r: x\na.md:9: warning: s: one\nb.md:1: r: two"


def test_the_json_format_lists_every_field_of_every_finding_indented():
    shown = findings.render([Finding("a.md", 2, "r", "x", findings.WARNING)], "json")
    assert shown == (
        '[\n  {\n    "path": "a.md",\n    "line": 2,\n    "rule": "r",\n    "message": "x",\n'
        '    "severity": "warning"\n  }\n]'
    )


@pytest.mark.parametrize(
    ("severities", "failed"),
    [([], False), ([findings.WARNING], False), ([findings.ERROR], True), ([findings.WARNING, findings.ERROR], True)],
)
def test_the_run_fails_when_any_finding_is_an_error_and_only_then(severities, failed):
    assert findings.has_errors([Finding("a.md", 1, "r", "m", severity) for severity in severities]) is failed


# --- the line of an error the citation plugin's parser reports -----------------------------

BIB = "@article{a, title={x}}\n@article{b,\n  author={A, B, C, D}, title={y}}\n"


def test_a_bibliography_error_is_reported_at_the_line_holding_the_text_it_quotes():
    assert bibliography.plugin_parser("references.bib", BIB) == [
        Finding(
            "references.bib",
            3,
            "bib-syntax",
            "the citation plugin cannot read the bibliography (Too many commas in 'A, B, C, D'); check this "
            "entry's key, braces, commas and author names ('Last, First and Last, First')",
        )
    ]


def test_the_line_of_an_error_is_its_line_number_else_its_first_quote_found_else_the_first_line():
    assert bibliography._line_named("syntax error in line 7: '}' expected", BIB) == 7
    assert bibliography._line_named("no 'nowhere' but 'A, B, C, D' and 'x'", BIB) == 3
    assert bibliography._line_named("bad '@article{a'", BIB) == 1
    assert bibliography._line_named("bad 'title={y}'", BIB) == 3
    assert bibliography._line_named("something went wrong", BIB) == 1
    assert bibliography._line_named("nothing 'quoted' here", BIB) == 1


def test_a_quoted_text_found_twice_is_reported_at_its_first_line_counting_leading_blank_lines():
    assert bibliography._line_named("bad 'title='", BIB) == 1
    assert bibliography._line_named("bad 'title={y}'", "\n\n" + BIB) == 5


# --- links to the counterpart page for the other audience ---------------------------------


def test_a_counterpart_anchor_the_other_page_lacks_is_a_finding_with_the_fix():
    target = counterpart.split(" clinicians/therapy.md # first-line ")
    assert target == counterpart.Target("clinicians/therapy.md", "first-line")
    assert counterpart.split("c.md#a#b") == counterpart.Target("c.md", "a#b")
    assert counterpart.missing_anchor("docs/patients/a.md", 4, target, {"second-line"}) == [
        Finding(
            "docs/patients/a.md",
            4,
            "front-matter-counterpart-anchor",
            "counterpart: clinicians/therapy.md has no section '#first-line'; use one of its heading ids, "
            "or drop the '#...' to link the top of the page",
        )
    ]


def test_a_counterpart_anchor_on_the_page_or_none_at_all_is_fine():
    assert counterpart.missing_anchor("p.md", 4, counterpart.Target("c.md", "first-line"), {"first-line"}) == []
    assert counterpart.missing_anchor("p.md", 4, counterpart.Target("c.md", ""), set()) == []


def test_each_h2_and_h3_shared_with_the_counterpart_gets_a_link_to_its_section_there():
    content = (
        '<h2 id="a">A</h2>\n<h3 id="b" class="x">B\nnext</h3>\n<h4 id="a">no</h4><h2 id="c">C</h2><h3 id="a">A2</h3>'
    )
    linked = counterpart.add_section_links(content, "x/?a=1&b=2", {"a", "b"}, "clinician", 'For <pros> & "others"')
    link = (
        '\n<p class="kb-counterpart-section" data-counterpart-for="clinician"><a href="x/?a=1&amp;b=2#{}">'
        "For &lt;pros&gt; &amp; &quot;others&quot;</a></p>"
    )
    assert linked == (
        '<h2 id="a">A</h2>'
        + link.format("a")
        + '\n<h3 id="b" class="x">B\nnext</h3>'
        + link.format("b")
        + '\n<h4 id="a">no</h4><h2 id="c">C</h2><h3 id="a">A2</h3>'
        + link.format("a")
    )


# --- the choice to print the sources' quotes ---------------------------------------------

QUOTED = '<p>Text.</p><span class="kb-quote">q</span><div class="footnote">1</div><div class="footnote">2</div>'


def test_a_reference_list_with_quotes_gets_one_print_checkbox_before_it_with_its_label_escaped():
    assert a11y.print_evidence_choice(QUOTED, "Print <quotes> & all") == QUOTED.replace(
        '<div class="footnote">1',
        '<p class="kb-print-choice"><label><input type="checkbox" id="kb-print-evidence"> '
        'Print &lt;quotes&gt; &amp; all</label></p>\n<div class="footnote">1',
    )


def test_no_print_choice_without_quotes_or_without_a_reference_list():
    without_quotes = QUOTED.replace("kb-quote", "kb-other")
    assert a11y.print_evidence_choice(without_quotes, "Print") == without_quotes
    without_list = QUOTED.replace("footnote", "notes")
    assert a11y.print_evidence_choice(without_list, "Print") == without_list


# --- one description per page ------------------------------------------------------------


def facts(path: str, description: str) -> seo.PageFacts:
    return seo.PageFacts(path, f"Title of {path}", 2, description, 3)


def test_a_description_another_page_already_has_is_a_finding_naming_that_page():
    pages = [facts("a.md", "About pain."), facts("b.md", "Other."), facts("c.md", "  about PAIN. "), facts("d.md", "")]
    pages.append(facts("e.md", " "))
    assert seo.unique_descriptions(pages) == [
        Finding(
            "c.md",
            3,
            "seo-duplicate-description",
            "description: same as a.md; give each page its own description (search results and shared links show it)",
        )
    ]
    assert seo.unique_descriptions(pages[:2]) == []


def test_a_title_another_page_already_has_is_a_finding_however_it_is_capitalised():
    pages = [
        seo.PageFacts("a.md", "Pain", 2, "A.", 3),
        seo.PageFacts("b.md", "", 2, "B.", 3),
        seo.PageFacts("c.md", " PAIN ", 4, "C.", 5),
    ]
    assert seo.unique_titles(pages) == [
        Finding(
            "c.md",
            4,
            "seo-duplicate-title",
            "title: same as a.md; give each page its own title (search results and shared links show it)",
        )
    ]


# --- a section's list of pages -----------------------------------------------------------


def test_the_section_list_replaces_the_first_marker_only():
    entries = [
        section_index.Entry("pain.md", "Pain *relief*", "What helps [now]."),
        section_index.Entry("b.md", "B", ""),
    ]
    marker = section_index.MARKER
    assert section_index.fill(f"Intro\n{marker}\n{marker}", entries) == (
        'Intro\n<div class="kb-section-pages" markdown>\n\n'
        "- [Pain \\*relief\\*](pain.md)  \n  What helps \\[now\\].\n- [B](b.md)\n\n</div>\n" + marker
    )


# --- a page's history, its citation files ---------------------------------------------------


def test_a_pages_history_is_the_repositorys_commits_on_its_source_file():
    assert history.commits_url("https://github.com/o/kb/", "patients/a.md") == (
        "https://github.com/o/kb/commits/main/docs/patients/a.md"
    )
    assert (
        history.commits_url("https://github.com/o/kb", "a.md", "dev") == "https://github.com/o/kb/commits/dev/docs/a.md"
    )
    assert (
        history.commits_url("https://github.com/o/KB-X", "a.md") == "https://github.com/o/KB-X/commits/main/docs/a.md"
    )


PAGE = cite.CitedPage("Pain.", "KB", "https://e.org/p/", "patients/pain-relief.md", dt.date(2026, 3, 5), None, 2026)


def test_the_vancouver_citation_gives_its_dates_as_year_month_day():
    reviewed = dataclasses.replace(PAGE, last_reviewed=dt.date(2025, 11, 20))
    assert cite.vancouver(reviewed) == (
        "KB. Pain [Internet]. 2026 [updated 2026 Mar 5; reviewed 2025 Nov 20; cited \0accessed\0]. "
        "Available from: https://e.org/p/"
    )


def test_a_citation_download_is_named_after_the_page():
    assert cite.download_name(PAGE, "ris") == "kb-patients-pain-relief.ris"


# --- front-matter values that parse but cannot be read -------------------------------------

DATE_HINT = "a value cannot be read (day is out of range for month); check dates (YYYY-MM-DD, a real day) and numbers"


def unreadable_line(meta: str) -> int:
    page, problems = frontmatter.read("p.md", f"---\n{meta}---\nBody.\n")
    assert page is None and [(p.rule, p.message) for p in problems] == [("front-matter-yaml", DATE_HINT)]
    return problems[0].line


def test_an_impossible_date_is_reported_at_the_line_of_its_field():
    assert unreadable_line("title: x\ndescription: y\nlast_reviewed: 2026-02-30\n") == 4
    assert unreadable_line("title: x\nreviewers:\n  - on: 2026-02-30\n") == 4


def test_an_impossible_date_that_is_not_a_fields_value_is_reported_at_the_first_line():
    assert unreadable_line("title: x\n2026-02-30: y\n") == 2
    assert unreadable_line("\n- 2026-02-30\n") == 2


# --- a page's own text, not text a part wrote into it ------------------------------------------


def test_a_page_knows_its_own_body_whatever_the_surrounding_blank_lines():
    text = "---\ntitle: T\ndescription: D.\naudience: patient\nreview_status: draft\n---\n\n# T\n\nText.\n"
    record = page_record.build("docs/p.md", "p.md", text.encode(), dt.date(2026, 6, 1), None, None)
    assert record.is_own_text("# T\n\nText.")
    assert not record.is_own_text("# T\n\nText, with an entry added.")
    bare = page_record.build("docs/p.md", "p.md", b"# T\n\nText.\n", dt.date(2026, 6, 1), None, None)
    assert not bare.is_own_text("# T\n\nText.\n")


# --- retired service workers ----------------------------------------------------------------


def test_every_retired_worker_name_is_replaced_in_every_folder_a_worker_ever_lived_in():
    paths = security.retired_worker_paths()
    assert len(paths) == 24 and len(set(paths)) == 24
    assert paths[:4] == ["sw.js", "service-worker.js", "serviceworker.js", "worker.js"]
    assert "patients/sw.js" in paths and paths[-1] == "assets/worker.js"
