"""The search part on its own: the synonyms and vocabulary it writes beside the index, and how it runs Pagefind."""

import logging
from pathlib import Path
from types import SimpleNamespace

import pagefind_bin
import pytest
from mkdocs.exceptions import PluginError

from pancreas_kb.plugin import search


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name in ("_groups", "_named", "_page_words"):
        monkeypatch.setattr(search, name, {})
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "search-synonyms.yml").write_text("- [Tumor, tumour]\n- [über, uber]\n", "utf-8")
    (tmp_path / "includes" / "search-synonyms.es.yml").write_text("- [tumor, neoplasia]\n", "utf-8")
    (tmp_path / "includes" / "glossary.yml").write_text("- term: Jaundice\n  definition: Yellow skin\n", "utf-8")
    return tmp_path


def config(root: Path, use_directory_urls: bool = True):
    return SimpleNamespace(
        config_file_path=str(root / "mkdocs.yml"), site_dir=str(root / "site"), use_directory_urls=use_directory_urls
    )


def page(src_uri, toc=()):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), toc=toc)


def heading(title, *children):
    return SimpleNamespace(title=title, children=list(children))


def test_pre_build_reads_each_languages_synonyms_and_glossary_terms(project):
    search.on_pre_build(config(project))
    assert search._groups == {"en": [["tumor", "tumour"], ["über", "uber"]], "es": [["tumor", "neoplasia"]]}
    assert search._named == {"en": ["Jaundice", "tumor", "tumour", "über", "uber"], "es": ["tumor", "neoplasia"]}
    assert search._page_words == {"en": [], "es": []}


def test_a_bad_synonyms_file_is_logged_and_a_missing_one_stops_the_build(project, caplog):
    (project / "includes" / "search-synonyms.es.yml").write_text("- [sola]\n", "utf-8")
    with caplog.at_level(logging.ERROR):
        search.on_pre_build(config(project))
    assert [r.getMessage() for r in caplog.records] == [
        "includes/search-synonyms.es.yml:1: synonyms-group: a group needs two or more words or phrases: "
        "- [word, other word]"
    ]
    (project / "includes" / "search-synonyms.es.yml").unlink()
    with pytest.raises(PluginError) as raised:
        search.on_pre_build(config(project))
    assert str(raised.value) == "includes/search-synonyms.es.yml: not found; the search synonyms in Español live there"


def test_page_words_come_from_the_body_before_the_references_and_headings_are_named(project):
    search.on_pre_build(config(project))
    html = (
        '<p>Gemcitabine helps</p><div class="footnote"><p>Conroy journal</p></div>'
        '<div class="footnote"><p>Second list</p></div>'
    )
    toc = [heading("Side effects", heading("Nausea")), heading("Questions")]
    assert search.on_page_content(html, page("es/a.md", toc), None, None) is html
    assert search._page_words == {"en": [], "es": ["gemcitabine", "helps"]}
    assert search._named["es"] == ["tumor", "neoplasia", "Side effects", "Nausea", "Questions"]


def test_pagefind_indexes_only_the_pages_body_and_leaves_out_the_reference_list():
    assert search.command(Path("/s"), True) == [
        str(pagefind_bin.get_executable()),
        "--site",
        "/s",
        "--quiet",
        "--exclude-selectors",
        ".footnote, .footnote-ref, .headerlink, .md-content__button, .kb-counterpart-section, .kb-on-this-page",
        "--glob",
        "**/index.html",
    ]
    assert search.command(Path("/s"), False)[-2:] == ["--exclude-selectors", search.command(Path("/s"), True)[5]]


def test_post_build_writes_synonyms_and_vocabulary_beside_the_index(project, monkeypatch):
    runs = []

    def fake_command(site, use_directory_urls):
        runs.append((site, use_directory_urls))
        return ["sh", "-c", 'mkdir -p "$0/pagefind"', str(site)]

    monkeypatch.setattr(search, "command", fake_command)
    search.on_pre_build(config(project))
    search.on_page_content("<p>Über jaundice</p>", page("a.md"), None, None)
    search.on_post_build(config(project, use_directory_urls=False))
    assert runs == [(project / "site", False)]
    index = project / "site" / "pagefind"
    assert (index / "synonyms.json").read_text("utf-8") == '[["tumor", "tumour"], ["über", "uber"]]'
    assert (index / "synonyms.es.json").read_text("utf-8") == '[["tumor", "neoplasia"]]'
    assert (index / "vocabulary.json").read_text("utf-8") == (
        '{"jaundice":1001,"tumor":1000,"tumour":1000,"uber":1000,"über":1001}'
    )
    assert (index / "vocabulary.es.json").read_text("utf-8") == '{"neoplasia":1000,"tumor":1000}'


@pytest.mark.parametrize(
    "script, shown",
    [("echo out; echo '  boom  ' >&2; exit 3", "boom"), ("echo '  only stdout  '; exit 2", "only stdout")],
)
def test_a_failed_index_stops_the_build_with_pagefinds_own_words(project, monkeypatch, script, shown):
    monkeypatch.setattr(search, "command", lambda site, use_directory_urls: ["sh", "-c", script])
    with pytest.raises(PluginError) as raised:
        search.on_post_build(config(project))
    assert str(raised.value) == f"search index (pagefind) failed:\n{shown}"
