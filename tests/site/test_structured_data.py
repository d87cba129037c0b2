"""schema.org JSON-LD and the tags search engines and link previews read."""

import json
import re

from tests.sitebuilder import APPROVED, page

BIB = """
@article{zeta2011first,
  author  = {Zeta, Anne},
  title   = {{FOLFIRINOX} in metastatic disease},
  journal = {N Engl J Med},
  year    = {2011},
  volume  = {364},
  pages   = {1817--1825},
  doi     = {10.1056/NEJMoa1011923},
  pmid    = {21561347},
}
@misc{nci2024,
  author  = {{National Cancer Institute}},
  title   = {Pancreatic cancer treatment},
  year    = {2024},
  url     = {https://www.cancer.gov/types/pancreatic},
  urldate = {2026-01-10},
}
"""


def jsonld(html):
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def test_each_page_carries_valid_medical_web_page_json_ld(build_site):
    result = build_site(
        {
            "index.md": page("Home", audience="all"),
            "c.md": page(
                "Therapy",
                "approved",
                audience="clinician",
                **APPROVED,
                body="Text [@zeta2011first]. More [@nci2024; @zeta2011first].",
            ),
            "p.md": page("Plain & simple words", audience="patient"),
        },
        bib=BIB,
    )
    assert result.returncode == 0, result.log
    data = jsonld(result.html("c/index.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["about"] == {
        "@type": "MedicalCondition",
        "name": "Metastatic pancreatic cancer",
        "alternateName": "Stage IV pancreatic cancer",
    }
    assert data["audience"] == [{"@type": "MedicalAudience", "audienceType": "Clinician"}]
    assert data["lastReviewed"] == "2026-03-01"
    assert data["reviewedBy"] == [{"@type": "Person", "name": "Dr Ada Example", "honorificSuffix": "MD"}]
    assert data["url"] == "https://stage4-pancreas.github.io/knowledge-base/c/"
    article, web = data["citation"]
    assert article["@type"] == "ScholarlyArticle" and article["name"] == "FOLFIRINOX in metastatic disease"
    assert {"@type": "PropertyValue", "propertyID": "PMID", "value": "21561347"} in article["identifier"]
    assert article["url"] == "https://doi.org/10.1056/NEJMoa1011923"
    assert article["sameAs"] == ["https://pubmed.ncbi.nlm.nih.gov/21561347/"]
    assert web["@type"] == "CreativeWork" and web["url"] == "https://www.cancer.gov/types/pancreatic"

    patient = jsonld(result.html("p/index.html"))
    assert patient["audience"] == [{"@type": "Patient"}] and "lastReviewed" not in patient
    assert patient["name"] == "Plain & simple words"
    assert len(jsonld(result.html())["audience"]) == 2


def test_titles_descriptions_canonical_open_graph_sitemap_and_404(build_site):
    result = build_site({"index.md": page("Home", audience="all"), "p.md": page("Plain page")})
    assert result.returncode == 0, result.log
    html = result.html("p/index.html")
    assert "<title>Plain page - Metastatic Pancreatic Cancer Knowledge Base</title>" in html
    assert '<meta name="description" content="About plain page.">' in html
    assert '<link rel="canonical" href="https://stage4-pancreas.github.io/knowledge-base/p/">' in html
    for tag in (
        'property="og:title" content="Plain page"',
        'property="og:type" content="article"',
        'property="og:url" content="https://stage4-pancreas.github.io/knowledge-base/p/"',
        'property="og:description" content="About plain page."',
        'name="twitter:card"',
    ):
        assert tag in html
    assert 'property="og:type" content="website"' in result.html()
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://stage4-pancreas.github.io/knowledge-base/p/</loc>" in sitemap
    not_found = result.html("404.html")
    assert "Page not found" in not_found and '<meta name="robots" content="noindex">' in not_found
    assert 'href="/knowledge-base/reference/glossary/"' in not_found


def test_two_pages_with_one_title_fail_the_build(build_site):
    result = build_site(
        {"index.md": page("Home"), "a.md": page("Same"), "b.md": page("Same", description="Other words.")}
    )
    assert result.returncode != 0
    assert "docs/b.md:2: seo-duplicate-title: title: same as docs/a.md" in result.log
    assert "seo-duplicate-description" not in result.log


def test_json_ld_text_cannot_end_its_script_element():
    from pancreas_kb.domain import jsonld as structured

    text = structured.script({"name": "Plain </script><script>alert(1)</script> words"})
    assert "</" not in text and json.loads(text)["name"].startswith("Plain </script>")
