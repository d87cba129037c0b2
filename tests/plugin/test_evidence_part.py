"""The evidence part on its own: quotes read once per change, marks in the Markdown, passages in the HTML."""

import datetime as dt
import logging
from types import SimpleNamespace

import pytest

from pancreas_kb.domain import bibliography, review
from pancreas_kb.domain.evidence import EVIDENCE_TYPES, Evidence, Quote
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state
from pancreas_kb.plugin import evidence as part

BIB = "@misc{a, title = {T}, evidence = {news}}\n@misc{b, title = {T}}\n"
QUOTES = "seen_at: https://e.org/\nseen_on: 2026-05-01\nquotes:\n  - text: Median 11.1 months.\n    locator: p. 2\n"
SECONDARY = ' <span class="kb-secondary">secondary source</span>'


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setattr(build_state, "_kept", {})
    monkeypatch.setattr(build_state, "current", build_state.Build(library=bibliography.parse("references.bib", BIB)))
    monkeypatch.setattr(review, "today", lambda: dt.date(2026, 6, 1))
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "a.yml").write_text(QUOTES, encoding="utf-8")
    return SimpleNamespace(root=tmp_path, config=SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))


def test_pre_build_logs_errors_but_not_warnings_and_types_every_entry(site, caplog):
    long = QUOTES.replace("Median 11.1 months.", "word " * 130)
    (site.root / "evidence" / "b.yml").write_text(long + "    colour: red\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        part.on_pre_build(site.config)
    assert [r.getMessage() for r in caplog.records] == [
        "evidence/b.yml:6: evidence-unknown-field: quote 1: 'colour' is not a quote field "
        "(allowed: text, locator, seen_at, seen_on)"
    ]
    assert [q.text for q in build_state.current.evidence.of("a")] == ["Median 11.1 months."]
    assert build_state.current.evidence_types == {"a": EVIDENCE_TYPES["news"], "b": None}


def test_quotes_are_read_again_when_a_file_the_keys_or_the_day_change(site, monkeypatch):
    part.on_pre_build(site.config)
    first = build_state.current.evidence
    part.on_pre_build(site.config)
    assert build_state.current.evidence is first, "nothing changed: the quotes read before are kept"
    (site.root / "evidence" / "a.yml").write_text(QUOTES.replace("11.1", "11.25"), encoding="utf-8")
    part.on_pre_build(site.config)
    assert [q.text for q in build_state.current.evidence.of("a")] == ["Median 11.25 months."]
    build_state.current.library = bibliography.parse("references.bib", "@misc{c, title = {T}}\n")
    part.on_pre_build(site.config)
    assert [f.rule for f in build_state.current.evidence.findings] == ["evidence-unknown-key"]
    monkeypatch.setattr(review, "today", lambda: dt.date(2026, 5, 1))
    build_state.current.library = bibliography.parse("references.bib", BIB)
    part.on_pre_build(site.config)
    assert [f.rule for f in build_state.current.evidence.findings] == []
    monkeypatch.setattr(review, "today", lambda: dt.date(2026, 4, 30))
    part.on_pre_build(site.config)
    assert [f.rule for f in build_state.current.evidence.findings] == ["evidence-date"]


NEWS = {"n": EVIDENCE_TYPES["news"], "m": EVIDENCE_TYPES["abstract"], "g": EVIDENCE_TYPES["guideline"]}


@pytest.mark.parametrize(
    "text, out",
    [
        ("A report [@g] said so [@n; @m].", "A report [@g] said so [@n; @m]."),
        ("A report [@n] said so [@m].", f"A report [@n] said so [@m]{SECONDARY}."),
        ("  Indented claim [@n].\n  Next line [@g].", f"  Indented claim [@n]{SECONDARY}.\n  Next line [@g]."),
        (
            "- Item (strong recommendation) [@g].\n  Second (weak recommendation) [@g].",
            '- Item <span class="kb-grade" data-strength="strong" title="Grade given by the guideline">'
            "(strong recommendation)</span> [@g].\n"
            '  Second <span class="kb-grade" data-strength="weak" title="Grade given by the guideline">'
            "(weak recommendation)</span> [@g].",
        ),
        ("A <!-- x --> report [@n].", f"A <!-- x --> report [@n]{SECONDARY}."),
        ("A report <!-- [@g] --> [@n].", f"A report <!-- [@g] --> [@n]{SECONDARY}."),
        ("A report [@n <!-- check -->].", "A report [@n <!-- check -->]."),
    ],
)
def test_secondary_claims_and_grades_are_marked_where_they_are_written(text, out):
    assert part.marked(text, NEWS) == out


def test_a_generated_text_has_its_claims_read_from_the_markdown_it_is_given(monkeypatch):
    quote = Quote("g", "Median 11.1 months.", "p. 2", "https://e.org/", dt.date(2026, 5, 1), "f", 3)
    monkeypatch.setattr(
        build_state, "current", build_state.Build(evidence=Evidence({"g": [quote]}), evidence_types=NEWS)
    )
    text = "Median 11.1 months [@g]. Reported [@n]."
    own = SimpleNamespace(is_own_text=lambda markdown: True, claims=())
    page = SimpleNamespace(meta={META_KEY: own})
    assert part.on_page_markdown(text, page, None, None) == f"Median 11.1 months [@g]. Reported [@n]{SECONDARY}."
    assert page.meta["evidence_quotes"] == {} and page.meta["evidence_citations"] == []
    generated = SimpleNamespace(meta={META_KEY: SimpleNamespace(is_own_text=lambda markdown: False, claims=())})
    part.on_page_markdown(text, generated, None, None)
    assert generated.meta["evidence_quotes"] == {"g": [quote]}
    assert generated.meta["evidence_citations"] == [("g", (0,)), ("n", ())]


REFS = (
    '<p>A<sup id="fnref:a"><a href="#fn:a">1</a></sup> B<sup id="fnref2:a"><a href="#fn:a">1</a></sup> '
    'C<sup id="fnref:b"><a href="#fn:b">2</a></sup>.</p>'
)


def test_each_citation_names_the_passages_of_its_own_sentence():
    assert part.bound_citations(REFS, [("a", (0,)), ("a", None), ("b", (0, 1))]) == (
        '<p>A<sup id="fnref:a" data-passages="0"><a href="#fn:a">1</a></sup> '
        'B<sup id="fnref2:a"><a href="#fn:a">1</a></sup> '
        'C<sup id="fnref:b" data-passages="0 1"><a href="#fn:b">2</a></sup>.</p>'
    )
    assert part.bound_citations(REFS, [("a", ()), ("a", None)]) == REFS
    assert part.bound_citations(REFS, [("a", ()), ("b", None), ("a", None)]) == REFS


def test_the_reference_list_shows_every_passage_numbered_with_its_place_and_day(monkeypatch):
    monkeypatch.setattr(build_state, "current", build_state.Build(strings={"date_format": "%Y/%m/%d"}))
    quotes = [
        Quote("a", "One <b>.", "p. 2 & 3", "https://e.org/?a=1&b=2", dt.date(2026, 5, 1), "f", 3),
        Quote("a", "Two.", "Table 1", "https://e.org/", dt.date(2026, 5, 2), "f", 5),
    ]
    assert part.reference_extra(quotes, EVIDENCE_TYPES["official"]) == (
        '<p class="kb-evidence-type">Official statistics or statement</p>'
        '<blockquote class="kb-quote" data-passage="0"><p>One &lt;b&gt;.</p><footer>p. 2 &amp; 3; '
        '<a href="https://e.org/?a=1&amp;b=2">copy seen</a> on <time datetime="2026-05-01">2026/05/01</time>'
        "</footer></blockquote>"
        '<blockquote class="kb-quote" data-passage="1"><p>Two.</p><footer>Table 1; '
        '<a href="https://e.org/">copy seen</a> on <time datetime="2026-05-02">2026/05/02</time>'
        "</footer></blockquote>"
    )


def test_page_content_marks_citations_and_reference_items(monkeypatch):
    monkeypatch.setattr(
        build_state, "current", build_state.Build(evidence_types={"a": EVIDENCE_TYPES["news"], "b": None})
    )
    page = SimpleNamespace(meta={"evidence_citations": [("a", (0,)), ("a", None), ("b", None)]})
    html = REFS + '<ol><li id="fn:a"><p>A.</p></li><li id="fn:b"><p>B.</p></li><li id="fn:c"><p>C.</p></li></ol>'
    assert part.on_page_content(html, page, None, None) == (
        '<p>A<sup id="fnref:a" data-passages="0"><a href="#fn:a">1</a></sup> '
        'B<sup id="fnref2:a"><a href="#fn:a">1</a></sup> '
        'C<sup id="fnref:b"><a href="#fn:b">2</a></sup>.</p>'
        '<ol><li id="fn:a" data-evidence="news"><p>A.</p><p class="kb-evidence-type">News report</p></li>'
        '<li id="fn:b"><p>B.</p></li><li id="fn:c"><p>C.</p></li></ol>'
    )
