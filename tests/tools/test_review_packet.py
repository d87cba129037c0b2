"""The review packet: one printable, self-contained file per page, linked from the dashboard."""

import re

import pytest

from pancreas_kb.tools import review_packet
from tests.sitebuilder import page

BIB = """\
@article{conroy2011,
  author = {Conroy, Thierry}, title = {FOLFIRINOX versus gemcitabine}, journal = {N Engl J Med}, year = {2011},
  volume = {364}, pages = {1817--1825}, pmid = {21561347}, evidence = {randomised-trial},
}
@misc{news2024,
  author = {{Daily News}}, title = {A new drug}, url = {https://news.example/x}, urldate = {2026-01-01},
  evidence = {news},
}
"""
EVIDENCE = """\
seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
seen_on: 2026-05-01
quotes:
  - text: The median overall survival was 11.1 months with FOLFIRINOX.
    locator: Abstract, Results
"""
BODY = """
Median survival was 11.1 months with FOLFIRINOX [@conroy2011].

- One-year survival was 48.4% [@conroy2011].

A newspaper says a new drug helps [@news2024].
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://kb.example/\n")
    (tmp_path / "docs" / "clinicians").mkdir(parents=True)
    (tmp_path / "docs" / "clinicians" / "therapy.md").write_text(page("Therapy", audience="clinician", body=BODY))
    (tmp_path / "references.bib").write_text(BIB)
    (tmp_path / "reviewers.yml").write_text("[]\n")
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "conroy2011.yml").write_text(EVIDENCE)
    return tmp_path


def make(project, *extra):
    return review_packet.main(["--root", str(project), "--page", "docs/clinicians/therapy.md", *extra])


def test_packet_holds_claims_quotes_sources_types_findings_and_checklist(project):
    assert make(project) == 0
    html = (project / "review-packets" / "clinicians" / "therapy.html").read_text()
    assert "<title>Review packet: Therapy</title>" in html
    claims = re.findall(r'<div class="claim (\w+)">(.*?)</div>', html, re.S)
    assert [state for state, _ in claims] == ["quoted", "unquoted", "wording"]
    quoted, unquoted, wording = (text for _, text in claims)
    assert "Median survival was <mark>11.1</mark> months with FOLFIRINOX [1]." in quoted
    assert "<blockquote><p>The median overall survival was 11.1 months with FOLFIRINOX.</p>" in quoted
    assert (
        'Abstract, Results; <a href="https://pubmed.ncbi.nlm.nih.gov/21561347/">copy seen</a> on 2026-05-01' in quoted
    )
    assert "Not found in a quote: 48.4" in unquoted and "- One-year" not in unquoted
    assert '<span class="secondary">secondary source</span>' in wording and "News report" in wording
    assert "Open findings (1)" in html
    assert "docs/clinicians/therapy.md:13</code> figure-not-quoted" in html
    assert "<tr><td>Randomised trial</td><td>1</td></tr>" in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/21561347/">PMID: 21561347</a>' in html
    assert html.count("<li>") >= len(review_packet.CHECKLIST)


def test_packet_is_self_contained(project):
    assert make(project, "--out", str(project / "p.html")) == 0
    html = (project / "p.html").read_text()
    assert "<script" not in html and "<link" not in html and "<img" not in html and "@import" not in html
    assert not re.search(r"\bsrc=", html)
    assert "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"" in html


def test_packet_refuses_a_page_it_cannot_read(project, capsys):
    assert review_packet.main(["--root", str(project), "--page", "docs/nothing.md"]) == 1
    assert "cannot make a packet for docs/nothing.md" in capsys.readouterr().err


def test_dashboard_links_to_each_page_packet_built_into_the_site(build_site):
    dashboard = page("Review dashboard", audience="all", body="Every page's review state.")
    result = build_site(
        {
            "index.md": page("Home"),
            "about/review-dashboard.md": dashboard,
            "clinicians/therapy.md": page("Therapy", audience="clinician", body=BODY),
        },
        bib=BIB,
        evidence={"conroy2011": EVIDENCE},
    )
    assert result.returncode == 0, result.log
    html = result.html("about/review-dashboard/index.html")
    assert re.search(r'<a href="\.\./review-packets/clinicians/therapy\.html"[^>]*>packet</a>', html)
    packet = result.html("about/review-packets/clinicians/therapy.html")
    assert "Review packet: Therapy" in packet and "https://pubmed.ncbi.nlm.nih.gov/21561347/" in packet
    assert "<article" not in packet, "a packet is not a published page of its own"
