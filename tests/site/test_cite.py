""" "Cite this page": AMA and Vancouver text, BibTeX and RIS files beside each page."""

import datetime as dt

from pancreas_kb.domain import cite
from tests.sitebuilder import APPROVED, page

PAGE = cite.CitedPage(
    title="Costs & 100% of care_plans",
    site_name="KB",
    url="https://x.org/p/",
    src_uri="patients/p.md",
    updated=dt.date(2026, 5, 2),
    last_reviewed=dt.date(2026, 3, 1),
    year=2026,
)
UNREVIEWED = cite.CitedPage("Stages", "KB", "https://x.org/s/", "index.md", None, None, 2026)


def test_ama_and_vancouver_name_page_site_dates_and_url():
    assert cite.ama(PAGE) == (
        f"Costs & 100% of care_plans. KB. Updated May 2, 2026. Last reviewed March 1, 2026. "
        f"Accessed {cite.ACCESSED}. https://x.org/p/"
    )
    assert cite.vancouver(UNREVIEWED) == (
        f"KB. Stages [Internet]. 2026 [not yet reviewed; cited {cite.ACCESSED}]. Available from: https://x.org/s/"
    )


def test_html_leaves_a_placeholder_for_the_access_date():
    out = cite.as_html(cite.ama(PAGE), "ama", "[date you read this page]")
    assert "Costs &amp; 100%" in out
    assert '<span class="kb-accessed" data-style="ama">[date you read this page]</span>' in out


def test_bibtex_escapes_special_characters_and_ris_uses_crlf():
    bib = cite.bibtex(PAGE)
    assert bib.startswith("@misc{kb-patients-p,\n")
    assert r"{Costs \& 100\% of care\_plans}" in bib
    assert "note         = {Last reviewed 2026-03-01}" in bib
    assert cite.key(UNREVIEWED) == "kb-home"
    ris = cite.ris(UNREVIEWED)
    assert ris.startswith("TY  - ELEC\r\nTI  - Stages\r\n") and ris.endswith("ER  - \r\n")
    assert "N1  - Not yet reviewed\r\n" in ris


def test_a_line_break_in_a_title_cannot_add_fields_to_the_downloads():
    forged = cite.CitedPage(
        "Stages\r\nAU  - Dr Famous\nN1  - Reviewed", "KB", "https://x.org/s/", "s.md", None, None, 2026
    )
    ris = cite.ris(forged)
    assert [line[:2] for line in ris.split("\r\n") if line] == ["TY", "TI", "AU", "T2", "PY", "UR", "N1", "ER"]
    assert "TI  - Stages AU  - Dr Famous N1  - Reviewed\r\n" in ris
    assert "\n" not in cite.bibtex(forged).split("title", 1)[1].split("},", 1)[0]


def test_build_writes_citation_files_and_the_cite_block(build_site):
    result = build_site(
        {"index.md": page("Home"), "c/t.md": page("Therapy", "approved", audience="clinician", **APPROVED)}
    )
    assert result.returncode == 0, result.log
    html = result.html("c/t/index.html")
    assert "Therapy. Metastatic Pancreatic Cancer Knowledge Base. Last reviewed March 1, 2026." in html
    assert 'href="cite.bib" download="kb-c-t.bib"' in html and 'href="cite.ris" download="kb-c-t.ris"' in html
    assert "@misc{kb-c-t," in (result.site / "c/t/cite.bib").read_text(encoding="utf-8")
    ris = (result.site / "c/t/cite.ris").read_bytes()
    assert b"UR  - https://stage4-pancreas.github.io/knowledge-base/c/t/\r\n" in ris
    assert "Not yet reviewed." in result.html()
