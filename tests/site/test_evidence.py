"""Readers see each source's evidence type and the passages that support the page."""

import re

from tests.sitebuilder import page

BIB = """
@article{conroy2011,
  author = {Conroy, Thierry}, title = {FOLFIRINOX versus gemcitabine}, journal = {N Engl J Med}, year = {2011},
  volume = {364}, pages = {1817--1825}, pmid = {21561347}, evidence = {randomised-trial},
}
@misc{news2024,
  author = {{Daily News}}, title = {A new drug}, url = {https://news.example/x}, urldate = {2026-01-01},
  evidence = {news},
}
@misc{asco2020,
  author = {{ASCO}}, title = {Metastatic pancreatic cancer guideline}, url = {https://asco.example/x},
  urldate = {2026-01-01}, evidence = {guideline},
}
"""
EVIDENCE = {
    "conroy2011": """
    seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
    seen_on: 2026-05-01
    quotes:
      - text: >-
          The median overall survival was 11.1 months in the FOLFIRINOX group as compared with
          6.8 months in the gemcitabine group.
        locator: Abstract, Results
      - text: Grade 3 or 4 toxicity was 45.7 per cent.
        locator: Table 3
    """
}
BODY = """
Median survival was 11.1 months with FOLFIRINOX and 6.8 months with gemcitabine [@conroy2011].

A newspaper says a new drug helps [@news2024]. Both trials were large [@news2024; @conroy2011].

Refer early (strong recommendation; evidence quality high) [@asco2020].
"""


def item(html, key):
    return re.search(rf'<li id="fn:{key}"([^>]*)>(.*?)</li>', html, re.S)


def test_reference_items_carry_type_and_the_pages_quotes(build_site):
    result = build_site({"index.md": page("Home", audience="clinician", body=BODY)}, bib=BIB, evidence=EVIDENCE)
    assert result.returncode == 0, result.log
    html = result.html()
    trial = item(html, "conroy2011")
    assert 'data-evidence="randomised-trial"' in trial.group(1)
    assert '<p class="kb-evidence-type">Randomised trial</p>' in trial.group(2)
    quotes = re.findall(
        r'<blockquote class="kb-quote" data-passage="0"><p>(.*?)</p><footer>(.*?)</footer>', trial.group(2)
    )
    assert [q[0] for q in quotes] == [
        "The median overall survival was 11.1 months in the FOLFIRINOX group as "
        "compared with 6.8 months in the gemcitabine group."
    ], "only the passage bound to a claim of this page is shown"
    assert 'Abstract, Results; <a href="https://pubmed.ncbi.nlm.nih.gov/21561347/"' in quotes[0][1]
    assert '<time datetime="2026-05-01">1 May 2026</time>' in quotes[0][1]
    news = item(html, "news2024")
    assert 'data-evidence="news"' in news.group(1) and "News report" in news.group(2)
    assert "Guideline" in item(html, "asco2020").group(2)


def test_each_citation_names_the_passages_bound_to_its_sentence(build_site):
    body = (
        BODY
        + "\nGrade 3 or 4 toxicity reached 45.7% [@conroy2011].\n\nSee [the trial](https://t.example/) [@conroy2011].\n"
    )
    result = build_site({"index.md": page("Home", audience="clinician", body=body)}, bib=BIB, evidence=EVIDENCE)
    assert result.returncode == 0, result.log
    html = result.html()
    cited = re.findall(r'<sup id="fnref\d*:(\w+)"( data-passages="[\d ]*")?>', html)
    assert cited == [
        ("conroy2011", ' data-passages="0"'),
        ("news2024", ' data-passages=""'),
        ("news2024", ' data-passages=""'),
        ("conroy2011", ' data-passages=""'),
        ("asco2020", ' data-passages=""'),
        ("conroy2011", ' data-passages="1"'),
        ("conroy2011", ""),
    ], "a claim's citations name its passages (by their place in the reference item); navigation names none"
    assert '<blockquote class="kb-quote" data-passage="1"><p>Grade 3 or 4 toxicity was 45.7 per cent.</p>' in html


def test_claims_resting_only_on_secondary_sources_are_marked(build_site):
    result = build_site({"index.md": page("Home", audience="clinician", body=BODY)}, bib=BIB, evidence=EVIDENCE)
    html = result.html()
    marks = re.findall(
        r'([^<>]*)<sup id="fnref[^"]*:news2024"[^>]*><a[^>]*>\[\d\]</a></sup>\s*(<span class="kb-secondary">)?', html
    )
    assert [(text.strip(". "), bool(mark)) for text, mark in marks] == [
        ("A newspaper says a new drug helps", True),
        ("Both trials were large", False),
    ]
    assert html.count('class="kb-secondary">secondary source</span>') == 1


def test_a_guidelines_grade_is_shown_as_its_grade(build_site):
    result = build_site({"index.md": page("Home", audience="clinician", body=BODY)}, bib=BIB, evidence=EVIDENCE)
    assert (
        'Refer early <span class="kb-grade" data-strength="strong" data-quality="high" '
        'title="Grade given by the guideline">(strong recommendation; evidence quality high)</span>'
    ) in result.html()


def test_a_bad_evidence_file_fails_the_build_with_its_line(build_site):
    bad = {"conroy2011": EVIDENCE["conroy2011"].replace("locator: Table 3", "where: Table 3")}
    result = build_site({"index.md": page("Home", audience="clinician", body=BODY)}, bib=BIB, evidence=bad)
    assert result.returncode != 0
    assert "evidence/conroy2011.yml:9: evidence-required: quote 2: 'locator' is missing" in result.log


def test_marks_land_in_place_after_inline_comments_and_across_lines(build_site):
    body = (
        "Said <!-- check this --> in a paper\nthat a drug helps [@news2024]. Trials agree [@conroy2011].\n\n"
        "Refer early\n(strong recommendation) [@asco2020].\n"
    )
    result = build_site({"index.md": page("Home", audience="clinician", body=body)}, bib=BIB, evidence=EVIDENCE)
    assert result.returncode == 0, result.log
    html = result.html()
    assert re.search(r'that a drug helps <sup id="fnref:news2024"[^>]*>.*?</sup> <span class="kb-secondary">', html)
    assert html.count("kb-secondary") == 1
    assert '<span class="kb-grade" data-strength="strong" title="Grade given by the guideline">' in html
