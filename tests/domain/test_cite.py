""" "Cite this page": the citation texts and download files a reader gets for a page."""

import dataclasses
import datetime as dt

import pytest

from pancreas_kb.domain import bibliography, cite

REVIEWED = cite.CitedPage(
    title="Pain relief: 50% & more_{x} #1 \\ ~^$.",
    site_name="Pancreas KB",
    url="https://e.org/patients/pain-relief/",
    src_uri="patients/pain-relief.md",
    updated=dt.date(2026, 3, 5),
    last_reviewed=dt.date(2025, 11, 20),
    year=2026,
)
# A home page never reviewed, its history unknown, its title broken over lines by a copy and paste.
UNREVIEWED = cite.CitedPage("Home\r\nof the\u2028site", "KB", "https://e.org/", "index.md", None, None, 2025)


def test_the_ama_citation_of_a_reviewed_page():
    assert cite.ama(REVIEWED) == (
        "Pain relief: 50% & more_{x} #1 \\ ~^$. Pancreas KB. Updated March 5, 2026. "
        "Last reviewed November 20, 2025. Accessed \0accessed\0. https://e.org/patients/pain-relief/"
    )


def test_the_ama_citation_of_a_page_never_reviewed():
    assert cite.ama(UNREVIEWED) == (
        "Home\r\nof the\u2028site. KB. Not yet reviewed. Accessed \0accessed\0. https://e.org/"
    )


def test_the_vancouver_citations():
    assert cite.vancouver(REVIEWED) == (
        "Pancreas KB. Pain relief: 50% & more_{x} #1 \\ ~^$ [Internet]. 2026 "
        "[updated 2026 Mar 5; reviewed 2025 Nov 20; cited \0accessed\0]. "
        "Available from: https://e.org/patients/pain-relief/"
    )
    assert cite.vancouver(UNREVIEWED) == (
        "KB. Home\r\nof the\u2028site [Internet]. 2025 [not yet reviewed; cited \0accessed\0]. "
        "Available from: https://e.org/"
    )


def test_the_html_citation_escapes_the_text_and_leaves_the_access_date_to_the_page_script():
    assert cite.as_html("A <b> & \0accessed\0, \"q\" 'a'.", "ama", "<today> & 'now'") == (
        "A &lt;b&gt; &amp; "
        '<span class="kb-accessed" data-style="ama">&lt;today&gt; &amp; &#x27;now&#x27;</span>, '
        "&quot;q&quot; &#x27;a&#x27;."
    )
    assert cite.as_html("No date.", "vancouver", "x") == "No date."


@pytest.mark.parametrize(
    ("src_uri", "key"),
    [
        ("index.md", "kb-home"),
        ("patients/index.md", "kb-patients"),
        ("patients/pain-relief.md", "kb-patients-pain-relief"),
        ("Clinicians/CA 19-9_Marker.md", "kb-clinicians-ca-19-9-marker"),
        ("patients/reindex.md", "kb-patients-reindex"),
        ("patients/index.md.md", "kb-patients-index-md"),
        ("_/--.md", "kb-home"),
    ],
)
def test_the_bibtex_key_and_downloads_are_named_after_the_page(src_uri, key):
    page = cite.CitedPage("T", "KB", "https://e.org/", src_uri, None, None, 2025)
    assert cite.key(page) == key
    assert cite.download_name(page, "bib") == f"{key}.bib"


def test_the_bibtex_file_of_a_reviewed_page():
    assert cite.bibtex(REVIEWED) == (
        "@misc{kb-patients-pain-relief,\n"
        "  title        = {{Pain relief: 50\\% \\& more\\_\\{x\\} \\#1 \\textbackslash{} "
        "\\textasciitilde{}\\textasciicircum{}\\$.}},\n"
        "  author       = {{Pancreas KB}},\n"
        "  howpublished = {Pancreas KB},\n"
        "  year         = {2026},\n"
        "  date         = {2026-03-05},\n"
        "  url          = {https://e.org/patients/pain-relief/},\n"
        "  note         = {Last reviewed 2025-11-20}\n"
        "}\n"
    )


def test_the_bibtex_file_of_a_page_never_reviewed_is_one_field_a_line():
    assert cite.bibtex(UNREVIEWED) == (
        "@misc{kb-home,\n"
        "  title        = {{Home of the site}},\n"
        "  author       = {{KB}},\n"
        "  howpublished = {KB},\n"
        "  year         = {2025},\n"
        "  url          = {https://e.org/},\n"
        "  note         = {Not yet reviewed}\n"
        "}\n"
    )


def test_the_bibtex_file_reads_back_as_the_pages_own_title():
    title = "Pain relief: 50% & more_{x} #1 \\ ~$."  # (a LaTeX reader prints ^ as the accent ˆ)
    library = bibliography.parse("cite.bib", cite.bibtex(dataclasses.replace(REVIEWED, title=title)))
    assert library.findings == []
    assert bibliography.plain(library.entries["kb-patients-pain-relief"].fields["title"]) == title


def test_the_ris_file_of_a_reviewed_page():
    assert cite.ris(REVIEWED) == (
        "TY  - ELEC\r\n"
        "TI  - Pain relief: 50% & more_{x} #1 \\ ~^$.\r\n"
        "AU  - Pancreas KB\r\n"
        "T2  - Pancreas KB\r\n"
        "PY  - 2026\r\n"
        "DA  - 2026/03/05\r\n"
        "UR  - https://e.org/patients/pain-relief/\r\n"
        "N1  - Last reviewed 2025-11-20\r\n"
        "ER  - \r\n"
    )


def test_the_ris_file_keeps_each_value_on_its_own_line():
    assert cite.ris(UNREVIEWED) == (
        "TY  - ELEC\r\nTI  - Home of the site\r\nAU  - KB\r\nT2  - KB\r\nPY  - 2025\r\n"
        "UR  - https://e.org/\r\nN1  - Not yet reviewed\r\nER  - \r\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" a\tb\x00c\x1fd\x7fe\x85f\u2028g\u2029h\n\ni ", "a b c d e f g h i"),
        ("\x1f\x20x\x7e\x80", "x~\x80"),
    ],
)
def test_one_line_turns_every_break_and_control_character_into_a_space(text, expected):
    assert cite.one_line(text) == expected


@pytest.mark.parametrize("title", ["FOLFOX", "FOLFOX.", "FOLFOX.."])
def test_a_title_ends_with_one_full_stop_in_either_style(title):
    page = dataclasses.replace(UNREVIEWED, title=title)
    assert cite.ama(page).startswith("FOLFOX. KB. Not yet reviewed.")
    assert cite.vancouver(page).startswith("KB. FOLFOX [Internet]. 2025 [")
