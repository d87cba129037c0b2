"""A citation's tooltip shows the passage bound to its own sentence, not every passage of the source."""

import pytest

from pancreas_kb.tools.site_server import serve, site_path
from tests import sitebuilder
from tests.sitebuilder import page

BIB = """
@article{conroy2011,
  author = {Conroy, Thierry}, title = {FOLFIRINOX versus gemcitabine}, journal = {N Engl J Med}, year = {2011},
  volume = {364}, pages = {1817--1825}, pmid = {21561347}, evidence = {randomised-trial},
}
"""
SURVIVAL = "The median overall survival was 11.1 months in the FOLFIRINOX group."
TOXICITY = "Febrile neutropenia occurred in 5.4% of patients in the FOLFIRINOX group."
EVIDENCE = {
    "conroy2011": f"""
    seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
    seen_on: 2026-05-01
    quotes:
      - text: {SURVIVAL}
        locator: Abstract
      - text: {TOXICITY}
        locator: Table 3
    """
}
BODY = """
Median survival with FOLFIRINOX was 11.1 months [@conroy2011].

Febrile neutropenia affected 5.4% of patients [@conroy2011].
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    result = sitebuilder.build(
        tmp_path_factory.mktemp("passages"),
        {
            "index.md": page("Home", audience="all"),
            "clinicians/therapy.md": page("Therapy", "submitted", "clinician", BODY),
        },
        BIB,
        evidence=EVIDENCE,
    )
    assert result.returncode == 0, result.log
    with serve(result.site, site_path(sitebuilder.ROOT)) as base:
        yield base


def test_each_citation_shows_its_own_sentences_passage(context, site):
    tab = context.new_page()
    tab.goto(site + "clinicians/therapy/")
    if tab.locator("#kb-audience .kb-audience__close").is_visible():
        tab.locator("#kb-audience .kb-audience__close").click()
    tooltip = tab.get_by_role("tooltip")
    citations = tab.locator("article a.footnote-ref")
    assert tab.locator("article .footnote blockquote.kb-quote").count() == 2, "the list shows both passages"
    citations.nth(0).hover()
    assert [q.strip() for q in tooltip.locator("q").all_inner_texts()] == [SURVIVAL]
    citations.nth(1).hover()
    assert [q.strip() for q in tooltip.locator("q").all_inner_texts()] == [TOXICITY]
