"""Search data: the synonyms file and the search-quality set, read with line numbers."""

import json

from pancreas_kb.bench import search as search_quality
from pancreas_kb.domain import search_terms
from tests.sitebuilder import ROOT, page


def test_synonym_groups_are_read_lower_cased():
    groups, findings = search_terms.parse("s.yml", "- [Creon, pancreatic enzyme replacement]\n- [tumor, tumour]\n")
    assert findings == []
    assert groups == [["creon", "pancreatic enzyme replacement"], ["tumor", "tumour"]]


def test_bad_synonym_entries_are_findings_with_lines():
    text = "- [creon]\n- just a word\n- [tumor, tumour]\n- [tumour, tumours]\n- [a, {b: c}]\n"
    groups, findings = search_terms.parse("s.yml", text)
    assert groups == [["tumor", "tumour"], ["tumour", "tumours"]]
    assert [f.text().split(": ")[0] + " " + f.rule for f in findings] == [
        "s.yml:1 synonyms-group",
        "s.yml:2 synonyms-group",
        "s.yml:4 synonyms-duplicate",
        "s.yml:5 synonyms-group",
    ]
    _, broken = search_terms.parse("s.yml", "- [unclosed\n")
    assert [f.rule for f in broken] == ["synonyms-yaml"]


def test_the_projects_synonyms_file_is_clean_and_covers_the_reported_failures():
    groups, findings = search_terms.parse("s.yml", (ROOT / "includes/search-synonyms.yml").read_text(encoding="utf-8"))
    assert findings == []
    together = {w: g for g in groups for w in g}
    assert "pancreatic enzyme replacement" in together["creon"]
    assert "jaundice" in together["yellow skin"]
    assert "survival" in together["how long"] and "life expectancy" in together["how long"]
    for us, uk in (("tumor", "tumour"), ("diarrhea", "diarrhoea"), ("anemia", "anaemia"), ("esophagus", "oesophagus")):
        assert uk in together[us]


def test_the_build_writes_the_synonyms_beside_the_index_and_fails_on_a_bad_file(build_site, tmp_path):
    ok = build_site({"index.md": page("Home")})
    assert ok.returncode == 0, ok.log
    assert ["tumor", "tumour"] in json.loads((ok.site / "pagefind" / "synonyms.json").read_text(encoding="utf-8"))
    assert (ok.site / "pagefind" / "pagefind.js").is_file()
    (tmp_path / "includes" / "search-synonyms.yml").write_text("- [alone]\n", encoding="utf-8")
    bad = build_site({"index.md": page("Home")})
    assert bad.returncode != 0
    assert "includes/search-synonyms.yml:1: synonyms-group" in bad.log


def test_quality_set_is_valid_and_large_enough():
    queries, findings = search_quality.load(docs=ROOT / "docs")
    assert findings == [] and len(queries) >= 30
    assert {q.who for q in queries} == {"patient", "clinician", search_quality.NO_AUDIENCE}
    assert len([q for q in queries if q.who is search_quality.NO_AUDIENCE]) >= 20


def test_quality_set_entries_naming_a_missing_page_are_findings(tmp_path):
    (tmp_path / "docs" / "patients").mkdir(parents=True)
    (tmp_path / "docs" / "patients" / "a.md").write_text("x", encoding="utf-8")
    data = tmp_path / "q.yml"
    data.write_text(
        "- {who: patient, query: x, answer: [patients/a.md]}\n"
        "- {who: patient, query: y, answer: [patients/gone.md]}\n- {who: nurse, query: z}\n",
        encoding="utf-8",
    )
    queries, findings = search_quality.load(data, tmp_path / "docs")
    assert [q.answers for q in queries] == [("patients/a/",)]
    assert [f.text().split(": ")[0] + " " + f.rule for f in findings] == [
        "q.yml:2 search-query-answer",
        "q.yml:3 search-query",
    ]


def test_a_hit_is_an_answer_among_the_first_three():
    query = search_quality.Query("patient", "x", ("patients/a/",), 1)
    assert search_quality.hit(["/kb/b/", "/kb/c/", "/kb/patients/a/#s"], query, "/kb/")
    assert not search_quality.hit(["/kb/b/", "/kb/c/", "/kb/d/", "/kb/patients/a/"], query, "/kb/")
    assert search_quality.page_url("patients/index.md") == "patients/"


def test_the_vocabulary_weighs_named_words_above_page_words_and_leaves_short_words_out():
    from pancreas_kb.domain import search_vocabulary

    page_words = search_vocabulary.html_words(
        "<p>Gemcitabine and nab-paclitaxel. Carers&rsquo; and carer&#39;s CT scans</p>"
    )
    assert page_words == ["gemcitabine", "nab-paclitaxel", "carers", "carers", "scans"]
    vocabulary = search_vocabulary.vocabulary(["Jaundice", "yellow skin", "CT"], page_words)
    assert vocabulary == {
        "carers": 2,
        "gemcitabine": 1,
        "jaundice": search_vocabulary.NAMED_WEIGHT,
        "nab-paclitaxel": 1,
        "scans": 1,
        "skin": search_vocabulary.NAMED_WEIGHT,
        "yellow": search_vocabulary.NAMED_WEIGHT,
    }
