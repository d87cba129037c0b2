""" "Cite this page" in the build: what a page's template gets, and the files written beside the page."""

import datetime as dt
from types import SimpleNamespace

import pytest

from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state, cite

CONFIG = SimpleNamespace(site_name="Pancreas KB")


def page(record_title="Pain relief", page_title="Pain", canonical="https://e.org/p/pain/", abs_url="/p/pain/", **meta):
    trust = meta.pop("trust", SimpleNamespace(last_reviewed=dt.date(2025, 11, 20)))
    record = SimpleNamespace(title=record_title, trust=trust)
    return SimpleNamespace(
        meta={META_KEY: record, **meta},
        title=page_title,
        canonical_url=canonical,
        abs_url=abs_url,
        file=SimpleNamespace(src_uri="patients/pain.md", dest_uri="patients/pain/index.html"),
    )


@pytest.fixture
def strings(monkeypatch):
    build = build_state.Build(strings={"cite": {"access_placeholder": "[date you read this]"}})
    monkeypatch.setattr(build_state, "current", build)
    monkeypatch.setenv("KB_TODAY", "2026-06-01")


def test_a_page_gets_its_citations_and_download_files(strings):
    context = {"x": 1}
    cited = page(history={"updated": dt.date(2026, 3, 5)})
    assert cite.on_page_context(context, cited, CONFIG, None) is context
    citation = cited.meta["citation"]
    accessed = '<span class="kb-accessed" data-style="{}">[date you read this]</span>'
    assert citation["ama"] == (
        "Pain relief. Pancreas KB. Updated March 5, 2026. Last reviewed November 20, 2025. "
        f"Accessed {accessed.format('ama')}. https://e.org/p/pain/"
    )
    assert citation["vancouver"] == (
        "Pancreas KB. Pain relief [Internet]. 2026 [updated 2026 Mar 5; reviewed 2025 Nov 20; "
        f"cited {accessed.format('vancouver')}]. Available from: https://e.org/p/pain/"
    )
    assert citation["downloads"] == [
        {"href": "cite.bib", "download": "kb-patients-pain.bib", "format": "bib"},
        {"href": "cite.ris", "download": "kb-patients-pain.ris", "format": "ris"},
    ]
    assert list(citation["files"]) == ["cite.bib", "cite.ris"]
    assert citation["files"]["cite.bib"].startswith("@misc{kb-patients-pain,\n  title        = {{Pain relief}},")
    assert citation["files"]["cite.ris"].startswith("TY  - ELEC\r\nTI  - Pain relief\r\n")


@pytest.mark.parametrize(
    ("record_title", "page_title", "title"),
    [("Record", "Page", "Record"), ("", "Page", "Page"), ("", None, "Pancreas KB"), ("Record", None, "Record")],
)
def test_the_cited_title_is_the_pages_then_the_sites(strings, record_title, page_title, title):
    cited = page(record_title, page_title)
    cite.on_page_context({}, cited, CONFIG, None)
    assert cited.meta["citation"]["files"]["cite.ris"].startswith(f"TY  - ELEC\r\nTI  - {title}\r\n")


@pytest.mark.parametrize(
    ("canonical", "abs_url", "url"),
    [("https://e.org/a/", "/a/", "https://e.org/a/"), (None, "/a/", "/a/"), (None, None, "")],
)
def test_the_cited_address_is_the_canonical_one_when_there_is_one(strings, canonical, abs_url, url):
    cited = page(canonical=canonical, abs_url=abs_url)
    cite.on_page_context({}, cited, CONFIG, None)
    assert f"UR  - {url}\r\n" in cited.meta["citation"]["files"]["cite.ris"]


def test_a_page_without_history_or_review_is_cited_with_the_build_year(strings):
    cited = page(trust=None, history=None)
    cite.on_page_context({}, cited, CONFIG, None)
    assert cited.meta["citation"]["files"]["cite.ris"] == (
        "TY  - ELEC\r\nTI  - Pain relief\r\nAU  - Pancreas KB\r\nT2  - Pancreas KB\r\nPY  - 2026\r\n"
        "UR  - https://e.org/p/pain/\r\nN1  - Not yet reviewed\r\nER  - \r\n"
    )


def test_the_files_are_written_beside_the_page_as_utf8_keeping_crlf(tmp_path):
    files = {"cite.bib": "@misc{k,\n  title = {Ç}\n}\n", "cite.ris": "TY  - ELEC\r\nTI  - Ç\r\n"}
    written = page(citation={"files": files})
    config = SimpleNamespace(site_dir=str(tmp_path))
    (tmp_path / "patients" / "pain").mkdir(parents=True)  # the page itself may be written first
    assert cite.on_post_page("<html>", written, config) == "<html>"
    folder = tmp_path / "patients" / "pain"
    assert sorted(p.name for p in folder.iterdir()) == ["cite.bib", "cite.ris"]
    assert (folder / "cite.ris").read_bytes() == "TY  - ELEC\r\nTI  - Ç\r\n".encode()
    assert (folder / "cite.bib").read_bytes() == "@misc{k,\n  title = {Ç}\n}\n".encode()


def test_a_page_without_a_citation_writes_no_files(tmp_path):
    assert cite.on_post_page("<html>", page(), SimpleNamespace(site_dir=str(tmp_path))) == "<html>"
    assert list(tmp_path.iterdir()) == []
