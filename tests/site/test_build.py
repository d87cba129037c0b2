"""End-to-end: fixture sites built with the real configuration, asserted on their HTML."""

import re

from tests import sitebuilder
from tests.sitebuilder import APPROVED, page

BIB = """
@article{zeta2011first,
  author  = {Zeta, Anne and Bravo, Carl Dieter},
  title   = {{FOLFIRINOX} in {BRCA}-mutated disease},
  journal = {N Engl J Med},
  year    = {2011},
  volume  = {364},
  number  = {19},
  pages   = {1817--1825},
  doi     = {10.1056/NEJMoa1011923},
  pmid    = {21561347},
}
@article{alpha2013second,
  author  = {Alpha, Bea and Beta, Cy and Gamma, Di and Delta, Ed and Eps, Fi and Zed, Gu and Eta, Hu},
  title   = {A second trial},
  journal = {Lancet},
  year    = {2013},
  volume  = {1},
  pages   = {1--9},
  doi     = {10.1016/S0140-6736(13)00001-1},
}
"""


def banner(html):
    return re.search(r'<p class="kb-status [^"]*kb-banner"', html) is not None


# --- trust block --------------------------------------------------------------


def test_banner_shown_for_submitted_and_under_review_not_for_approved(build_site):
    result = build_site(
        {
            "index.md": page("Home", "submitted"),
            "review.md": page("Review", "under-review"),
            "ok.md": page("Ok", "approved", **APPROVED),
        }
    )
    assert result.returncode == 0, result.log
    assert banner(result.html("index.html"))
    assert 'aria-label="Awaiting clinical review"' in result.html("index.html")
    assert "No clinician has checked this page yet" in result.html("index.html")
    assert banner(result.html("review/index.html"))
    assert "Under clinical review" in result.html("review/index.html")
    approved = result.html("ok/index.html")
    assert not banner(approved)
    assert "Clinically reviewed" in approved
    assert "Dr Ada Example, MD" in approved
    assert '<time datetime="2026-03-01">1 March 2026</time>' in approved
    assert '<time datetime="2027-02-01">1 February 2027</time>' in approved


def test_status_line_comes_before_the_title_and_the_review_record_after_the_content(build_site):
    result = build_site({"index.md": page("Home", evidence_checked="2026-05-30", body="Body text.")})
    assert result.returncode == 0, result.log
    html = result.html()
    status, title = html.index('class="kb-status '), html.index("<h1")
    body, record = html.index("Body text."), html.index('id="review-status"')
    assert status < title < body < record
    line = html[status : html.index("</p>", status)]
    assert line.count(". ") + line.count(".<") <= 2, "the caution is one sentence"
    assert '<time datetime="2026-05-30">30 May 2026</time>' in line
    assert 'href="#review-status"' in line
    assert "Evidence checked" in html[record:] and "30 May 2026" in html[record:]


def test_caution_only_on_pages_with_clinical_content(build_site):
    result = build_site(
        {
            "index.md": page("Home", audience="all"),
            "p.md": page("P", audience="patient"),
            "c.md": page("C", audience="clinician"),
        }
    )
    assert result.returncode == 0, result.log
    assert not banner(result.html())
    assert "Submitted, not yet reviewed" in result.html(), "the state is still shown"
    assert banner(result.html("p/index.html")) and banner(result.html("c/index.html"))


def test_trust_block_names_audience_and_page_ends_with_disclaimer_and_links(build_site):
    result = build_site({"index.md": page("Home", audience="clinician")})
    html = result.html()
    assert "Healthcare professionals" in html
    end = html[html.index('class="kb-page-end"') :]
    assert "Medical disclaimer" in end
    assert "Report a problem with this page" in end and "/issues/new?title=" in end
    assert "Edit this page" in end and "/edit/main/docs/index.md" in end


def test_overdue_review_is_shown_and_fails_the_strict_build(build_site):
    overdue = {**APPROVED, "last_reviewed": "2025-01-01", "next_review": "2025-12-01"}
    pages = {"index.md": page("Home", "approved", **overdue)}
    shown = build_site(pages, strict=False)
    html = shown.html()
    assert "Review overdue" in html and banner(html)
    strict = build_site(pages)
    assert strict.returncode != 0
    assert "docs/index.md:7: approved-review-overdue: next_review: 2025-12-01 has passed" in strict.log


def test_due_soon_is_flagged(build_site):
    soon = {**APPROVED, "last_reviewed": "2025-07-01", "next_review": "2026-06-20"}
    result = build_site({"index.md": page("Home", "approved", **soon)}, strict=False)
    assert "(due soon)" in result.html()


# --- schema at build time -------------------------------------------------------


def test_schema_violation_fails_build_with_file_and_line(build_site):
    bad = "---\ntitle: Bad\ndescription: x\naudience: patient\nreview_status: aproved\n---\n\n# Bad\n"
    result = build_site({"index.md": page("Home"), "bad.md": bad})
    assert result.returncode != 0
    assert "docs/bad.md:5: front-matter-value: review_status: 'aproved' is not allowed" in result.log
    assert "allowed: submitted, under-review, approved" in result.log


def test_unknown_field_and_malformed_yaml_fail_build(build_site):
    typo = page("Typo", reviewd_by="me")
    broken = "---\ntitle: [unclosed\naudience: patient\n---\n\n# Broken\n"
    result = build_site({"index.md": page("Home"), "typo.md": typo, "broken.md": broken})
    assert result.returncode != 0
    assert "docs/typo.md:6: front-matter-unknown-field: reviewd_by: unknown field" in result.log
    assert re.search(r"docs/broken\.md:\d+: front-matter-yaml", result.log)


def test_approved_without_reviewers_fails_build(build_site):
    result = build_site({"index.md": page("Home", "approved")})
    assert result.returncode != 0
    assert "approved-needs-review-fields: reviewers: required when review_status is approved" in result.log


def test_valid_pages_build_cleanly(build_site):
    result = build_site({"index.md": page("Home"), "ok.md": page("Ok", "approved", **APPROVED)})
    assert result.returncode == 0, result.log
    assert "WARNING" not in result.log and "ERROR" not in result.log


# --- citations ------------------------------------------------------------------


def test_citations_numbered_in_order_of_first_use_and_link_to_references(build_site):
    body = "First claim [@alpha2013second].\n\nSecond claim [@zeta2011first; @alpha2013second]."
    result = build_site({"index.md": page("Home", body=body)}, bib=BIB)
    assert result.returncode == 0, result.log
    html = result.html()
    refs = re.findall(r'<a class="footnote-ref" href="#fn:([\w-]+)"[^>]*>\[(\d+)\]</a>', html)
    assert refs == [("alpha2013second", "1"), ("zeta2011first", "2"), ("alpha2013second", "1")]
    assert '<h2 id="references">References' in html
    references = html[html.index('id="references"') :]
    assert references.index('id="fn:alpha2013second"') < references.index('id="fn:zeta2011first"')


def test_numbering_follows_the_source_even_inside_boxes(build_site):
    body = """!!! summary "Key points"

    - Boxed claim [@zeta2011first].

Paragraph claim [@alpha2013second].
"""
    result = build_site({"index.md": page("Home", body=body)}, bib=BIB)
    assert result.returncode == 0, result.log
    refs = re.findall(r'<a class="footnote-ref" href="#fn:([\w-]+)"[^>]*>\[(\d+)\]</a>', result.html())
    assert refs == [("zeta2011first", "1"), ("alpha2013second", "2")]


def test_references_are_vancouver_with_doi_and_pubmed_links(build_site):
    result = build_site({"index.md": page("Home", body="Claim [@zeta2011first] and [@alpha2013second].")}, bib=BIB)
    html = result.html()
    text = re.sub(r"<abbr[^>]*>|</abbr>", "", html)  # glossary tooltips wrap known terms
    assert "Zeta A, Bravo CD. FOLFIRINOX in BRCA-mutated disease. N Engl J Med. 2011;364(19):1817-1825." in text
    assert 'href="https://doi.org/10.1056/NEJMoa1011923"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/21561347/"' in html
    # More than six authors: six, then et al.
    assert "Alpha B, Beta C, Gamma D, Delta E, Eps F, Zed G, et al. A second trial. Lancet. 2013;1:1-9." in text


def test_page_without_citations_has_no_references_heading(build_site):
    result = build_site({"index.md": page("Home")}, bib=BIB)
    assert 'id="references"' not in result.html()


def test_unknown_citation_key_fails_build_with_file_and_line(build_site):
    body = "Fine [@zeta2011first].\n\nTypo [@zeta2011frist]."
    result = build_site({"index.md": page("Home", body=body)}, bib=BIB)
    assert result.returncode != 0
    assert re.search(r"docs/index\.md:\d+: missing-citation-key: \[@zeta2011frist\]", result.log)


def test_duplicate_bib_key_fails_build_with_bib_line(build_site):
    bib = BIB + "\n@article{ZETA2011FIRST,\n  title = {Again},\n}\n"
    result = build_site({"index.md": page("Home", body="Claim [@zeta2011first].")}, bib=bib)
    assert result.returncode != 0
    assert re.search(r"references\.bib:\d+: bib-duplicate-key: 'ZETA2011FIRST' differs only in case", result.log)


def test_email_and_handles_in_text_survive(build_site):
    body = "Write to editors@example.org or ask @jane_doe on the forum. Claim [@zeta2011first]."
    result = build_site({"index.md": page("Home", body=body)}, bib=BIB)
    assert result.returncode == 0, result.log
    html = result.html()
    assert "editors@example.org" in html
    assert "@jane_doe" in html


def test_at_sign_in_link_text_fails_instead_of_being_mangled(build_site):
    body = "[write to a@b.org](mailto:a@b.org) and a claim [@zeta2011first]."
    result = build_site({"index.md": page("Home", body=body)}, bib=BIB)
    assert result.returncode != 0
    assert "docs/index.md:11: citation-syntax" in result.log


# --- privacy ----------------------------------------------------------------------


def test_no_asset_from_another_origin(build_site):
    result = build_site({"index.md": page("Home", body="Claim [@zeta2011first].")}, bib=BIB)
    html = result.html()
    assets = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    assert assets, "expected the theme's own assets"
    foreign = [a for a in assets if re.match(r"(https?:)?//", a) and "stage4-pancreas.github.io" not in a]
    assert foreign == []
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


# --- first paint ------------------------------------------------------------------


def test_only_screen_styles_hold_up_the_first_paint(build_site):
    """Every script, the theme's included, is deferred; the print sheet is for print only."""
    result = build_site({"index.md": page("Home")})
    html = result.html()
    scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"([^>]*)>", html)
    assert any("/javascripts/bundle." in "/" + src for src, _ in scripts), "expected the theme's script"
    assert any(src.endswith("assets/js/audience.js") for src, _ in scripts), "expected the site's own scripts"
    assert [src for src, attrs in scripts if "defer" not in attrs] == []
    sheets = dict(re.findall(r'<link rel="stylesheet" href="([^"]+)"([^>]*)>', html))
    assert sheets["assets/print.css"].strip() == 'media="print"'
    early = html.index("kb-audience-ask")
    assert early < html.index("</head>"), "the first-visit mark is set before the first paint"


def test_our_styles_and_scripts_are_served_without_comments(build_site):
    result = build_site({"index.md": page("Home")})
    assert result.returncode == 0, result.log
    for name in ("assets/site.css", "assets/print.css", "assets/js/audience.js", "assets/js/search.js"):
        served = (result.site / name).read_text(encoding="utf-8")
        source = (sitebuilder.ROOT / "overrides" / name).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in served, name
        assert len(served) < len(source), name
    assert ".kb-tone--caution{" in (result.site / "assets/site.css").read_text(encoding="utf-8")
