"""The review packet: a page's claims, each with its own passages, for its clinical reviewer."""

import datetime as dt
import re
import subprocess

import pytest

from pancreas_kb.domain import approval
from pancreas_kb.tools import review_packet
from tests.sitebuilder import page

BIB = """\
@article{conroy2011,
  author = {Conroy, Thierry and Desseigne, Françoise}, title = {FOLFIRINOX versus gemcitabine},
  journal = {N Engl J Med}, year = {2011},
  volume = {364}, pages = {1817--1825}, pmid = {21561347}, evidence = {randomised-trial},
}
@misc{news2024,
  author = {{Daily News}}, title = {A new drug <b>cures</b>}, url = {https://news.example/x}, urldate = {2026-01-01},
  evidence = {news},
}
"""
EVIDENCE = """\
seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
seen_on: 2026-05-01
quotes:
  - text: The median overall survival was 11.1 months with FOLFIRINOX and 6.8 months with gemcitabine.
    locator: Abstract, Results
  - text: Median overall survival was 11.1 months.
    locator: Figure 2
  - text: FOLFIRINOX caused more neutropenia and diarrhoea than gemcitabine did.
    locator: Table 3
  - text: Quality of life was assessed with the QLQ-C30 questionnaire.
    locator: Methods
"""
BODY = """
## First line {#first-line}

Median survival was **11.1 months** with FOLFIRINOX against 6.8 months [@conroy2011].

- One-year survival was 48.4% [@conroy2011].

FOLFIRINOX brings more neutropenia and diarrhoea than gemcitabine [@conroy2011].

## Other sources

A [newspaper](https://news.example/x) says a new drug helps [@news2024].

See [the trial](https://example.org/trial) [@conroy2011].
"""


def clinician_page(**fields):
    return page("Therapy", audience="clinician", body=BODY, **fields)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://kb.example/\n")
    (tmp_path / "docs" / "clinicians").mkdir(parents=True)
    (tmp_path / "docs" / "clinicians" / "therapy.md").write_text(
        clinician_page(open_questions=["Grade 3 neutropenia rate: Table 3 not seen in full."])
    )
    (tmp_path / "docs" / "about.md").write_text(page("About", audience="all"))
    (tmp_path / "references.bib").write_text(BIB)
    (tmp_path / "reviewers.yml").write_text("[]\n")
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "conroy2011.yml").write_text(EVIDENCE)
    return tmp_path


def make(project, *extra, page_path="docs/clinicians/therapy.md"):
    return review_packet.main(["--root", str(project), "--page", page_path, *extra])


def packet_of(project) -> str:
    assert make(project) == 0
    return (project / "review-packets" / "clinicians" / "therapy.html").read_text()


def claims(html: str) -> list[str]:
    return re.findall(r'<article class="claim[^"]*".*?</article>', html, re.S)


def test_claims_are_numbered_rendered_sentences_under_the_page_headings(project):
    html = packet_of(project)
    found = claims(html)
    assert len(found) == 4, "the link-only sentence is navigation, not a claim"
    assert [int(n) for n in re.findall(r'data-claim="(\d+)"', html)] == [1, 2, 3, 4]
    first, second, _wording, news = found
    assert "Median survival was <mark>11.1</mark> months with FOLFIRINOX against <mark>6.8</mark> months [1]." in first
    assert "**" not in html and "[@" not in html and "- One-year" not in second
    assert "A newspaper says a new drug helps [2]." in news
    groups = re.findall(r'<section class="group"><h3>(.*?)</h3>(.*?)</section>', html, re.S)
    assert [(name, len(claims(body))) for name, body in groups] == [("First line", 3), ("Other sources", 1)]
    assert 'data-line="15"' in first and "line 15" in first


def test_each_claim_shows_the_fewest_passages_stating_its_figures_each_once(project):
    html = packet_of(project)
    first, second, wording, news = claims(html)
    assert first.count("<blockquote") == 1, "one passage states both figures: the one-figure passage is not added"
    assert "months with gemcitabine" in first and "Figure 2" not in first
    assert "Not found in a passage: 48.4" in second and "No passage." in second
    assert "neutropenia and diarrhoea than gemcitabine did" in wording, "bound by the words it shares"
    assert "randomised trial" in first and "secondary" not in first
    assert "news report (secondary)" in news and '<span class="secondary">' in news
    sources = html.split('<section id="sources">')[1]
    assert "Figure 2" in sources and "QLQ-C30" in sources, "passages bound to nothing are listed once, at the end"
    assert html.count("QLQ-C30") == 1 and html.count("Figure 2") == 1


def test_a_passage_bound_again_is_linked_not_repeated(project):
    text = clinician_page().replace(
        "## Other sources", "Survival reached 11.1 months against 6.8 months [@conroy2011].\n\n## Other sources"
    )
    (project / "docs" / "clinicians" / "therapy.md").write_text(text)
    html = packet_of(project)
    again = claims(html)[3]
    assert "<blockquote" not in again and '<a href="#passage-1">P1</a>' in again
    assert html.count("months with gemcitabine") == 1


def test_the_packet_opens_with_open_questions_changes_and_findings(project):
    html = packet_of(project)
    order = [html.index(f'<section id="{s}"') for s in ("open-questions", "changes", "findings", "claims", "sources")]
    assert order == sorted(order)
    assert "<li>Grade 3 neutropenia rate: Table 3 not seen in full.</li>" in html
    assert "No approval is recorded for this page" in html
    assert "line 17: figure-not-quoted" in html
    path = "docs/clinicians/therapy.md"
    sources = approval.load_sources(project, review_packet.load(project, dt.date(2026, 6, 1)).library)
    digest = review_packet.content_digest(path, (project / path).read_text(), sources)
    assert digest.startswith("sha256:")
    assert f'data-digest="{digest}"' in html and f"<code>{digest}</code>" in html
    stated = re.search(r"about (\d+) minutes \(([\d,]+) words at 200 a minute\)", html)
    assert int(stated.group(2).replace(",", "")) == review_packet.word_count(html), "the reading time counts itself"


def test_the_packet_escapes_what_editors_wrote(project):
    html = packet_of(project)
    assert "<b>" not in html and "&lt;/b&gt;" in html


def test_the_packet_runs_only_the_project_script_beside_it(project):
    assert make(project, "--out", str(project / "out" / "p.html")) == 0
    html = (project / "out" / "p.html").read_text()
    assert re.findall(r"<script[^>]*>", html) == ['<script src="assets/js/review-packet.js" defer>']
    assert "<style" not in html and "unsafe-inline" not in html and "script-src 'self'" in html
    assert (project / "out" / "assets" / "js" / "review-packet.js").is_file()
    assert (project / "out" / "assets" / "review-packet.css").is_file()


def test_packets_are_only_for_pages_that_give_medical_information(project, capsys):
    assert make(project, page_path="docs/about.md") == 1
    assert "not patient or clinician" in capsys.readouterr().err


def test_packet_refuses_a_page_it_cannot_read(project, capsys):
    assert make(project, page_path="docs/nothing.md") == 1
    assert "cannot make a packet for docs/nothing.md" in capsys.readouterr().err


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_changes_since_approval_come_from_the_approved_text_in_git_history(project):
    path = project / "docs" / "clinicians" / "therapy.md"
    approved = dict(
        review_status="approved",
        last_reviewed="2026-05-01",
        next_review="2027-05-01",
        reviewers=[{"name": "Dr A", "credentials": "MD"}],
    )
    # The approval record names the digest of the page's own text among its inputs.
    page_digest = review_packet.page_digest(clinician_page(**approved))
    path.write_text(
        clinician_page(**approved, approved_digest="sha256:" + "0" * 64, approved_inputs={"page": page_digest})
    )
    git(project, "init", "-q")
    git(project, "-c", "user.name=E", "-c", "user.email=e@example.org", "add", ".")
    git(project, "-c", "user.name=E", "-c", "user.email=e@example.org", "commit", "-qm", "approved")
    path.write_text(path.read_text().replace("against 6.8 months", "against 6.9 months"))
    html = packet_of(project)
    assert "The text changed since it was approved" in html
    assert '<span class="del">-Median survival was **11.1 months** with FOLFIRINOX against 6.8 months' in html
    assert '<span class="add">+Median survival was **11.1 months** with FOLFIRINOX against 6.9 months' in html
    first, second, *_ = claims(html)
    assert "<strong>changed</strong>" in first and "changed" not in second


def test_dashboard_links_packets_of_clinical_pages_only(build_site):
    dashboard = page("Review dashboard", audience="all", body="Every page's review state.")
    result = build_site(
        {
            "index.md": page("Home", audience="all"),
            "about/review-dashboard.md": dashboard,
            "about/review-for-us.md": page("Review for us", audience="all"),
            "clinicians/therapy.md": clinician_page(),
        },
        bib=BIB,
        evidence={"conroy2011": EVIDENCE},
    )
    assert result.returncode == 0, result.log
    html = result.html("about/review-dashboard/index.html")
    assert re.search(r'<a href="\.\./review-packets/clinicians/therapy\.html"[^>]*>packet</a>', html)
    assert re.search(r'<a href="\.\./review-for-us/"[^>]*>Review for us</a>', html)
    assert "review-packets/index.html" not in html
    assert not (result.site / "about" / "review-packets" / "index.html").exists()
    packet = result.html("about/review-packets/clinicians/therapy.html")
    assert 'src="../../../assets/js/review-packet.js"' in packet and "<article" in packet
    assert (result.site / "assets" / "js" / "review-packet.js").is_file()
