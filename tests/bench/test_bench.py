"""The benchmark runs on tiny sites and writes a well-formed results page and plot.

No timing is asserted: the figures of a shared machine are too noisy for a test.
"""

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from pancreas_kb.bench import browser as bench_browser
from pancreas_kb.bench import checker as bench_check
from pancreas_kb.bench import report as bench_report
from pancreas_kb.bench import synthetic_site
from pancreas_kb.checker.project_files import plugin_options
from pancreas_kb.domain import bibliography, schema
from pancreas_kb.domain.frontmatter import read
from tests.sitebuilder import ROOT

TODAY = dt.date(2026, 6, 1)
SVG = "{http://www.w3.org/2000/svg}"


def row(cite, nocite, size_bytes=1000):
    return {"cite": {"cpu": cite, "wall": cite}, "nocite": {"cpu": nocite, "wall": nocite}, "site_bytes": size_bytes}


def weight(raw, search=0, third_party=()):
    kinds = {k: {"raw": 0, "gzip": 0} for k in bench_browser.KINDS}
    kinds["html"] = {"raw": raw - search, "gzip": (raw - search) // 4}
    kinds["search index"] = {"raw": search, "gzip": search // 4}
    return {"kinds": kinds, "raw": raw, "gzip": raw // 4, "requests": 5, "third_party": list(third_party)}


# --- the whole benchmark, quick, on tiny synthetic sites -----------------------


@pytest.mark.site
def test_quick_run_writes_valid_page_and_plot(tmp_path):
    out = tmp_path / "about" / "performance.md"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pancreas_kb.bench.run",
            "--quick",
            "--parts",
            "scaling",
            "--out",
            str(out),
            "--workdir",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    page, findings = read("docs/about/performance.md", text)
    assert page is not None and findings == []
    assert schema.validate(page, TODAY) == []
    assert page.meta["audience"] == "all" and page.meta["review_status"] == "submitted"
    assert "Failed builds" not in text, text  # every synthetic build succeeded, strict
    for size in (20, 50):
        assert re.search(rf"^\| {size} \| [\d.]+ s \| [\d.]+ s \| [\d.]+x \|", text, re.M), text
    assert re.search(r"2 cores|\d+ cores", text) and "GiB of memory" in text
    assert "![Build time against pages" in text and "(performance.svg)" in text

    svg = ET.parse(out.with_suffix(".svg")).getroot()
    assert svg.tag == f"{SVG}svg"
    assert svg.find(f"{SVG}title").text == "Build time against number of pages"
    assert "20 pages" in svg.find(f"{SVG}desc").text
    assert len(svg.findall(f"{SVG}polyline")) == 2


# --- synthetic sites ------------------------------------------------------------


def test_synthetic_pages_and_bibliography_pass_the_project_checks(monkeypatch):
    monkeypatch.setenv("KB_TODAY", TODAY.isoformat())
    pages = synthetic_site.pages(60, entries=500, per_page=10)
    assert len(pages) == 60
    for path, text in pages.items():
        page, findings = read(path, text)
        assert findings == [] and schema.validate(page, TODAY) == [], path
        assert len(re.findall(r"@synthetic\d{4}", text)) == 10
        assert text.count("\n## ") == synthetic_site.SECTIONS_PER_PAGE
    library = bibliography.parse("references.bib", synthetic_site.bibliography(500))
    assert len(library.entries) == 500
    assert [f for f in library.findings + bibliography.lint(library, TODAY) if f.severity == "error"] == []
    cited = {k for text in pages.values() for k in re.findall(r"@(synthetic\d{4})", text)}
    assert len(cited) == 500  # 50 pages of 10 citations cover every entry


def test_config_without_citations_drops_only_the_bibtex_plugin_and_turns_citations_off(tmp_path):
    with_citations = synthetic_site.config(tmp_path, citations=True)
    without = synthetic_site.config(tmp_path, citations=False)
    assert any(isinstance(p, dict) and "bibtex" in p for p in with_citations["plugins"])
    assert not any(isinstance(p, dict) and "bibtex" in p for p in without["plugins"])
    assert plugin_options(with_citations, "knowledge-base")["citations"] == "mkdocs-bibtex"
    assert plugin_options(without, "knowledge-base")["citations"] == "none"
    assert with_citations["markdown_extensions"] == without["markdown_extensions"]


# --- targets: each with a passing and a failing case -----------------------------


def test_citation_ratio_target():
    assert bench_report.judge_ratio({50: row(1.2, 1.0), 200: row(2.4, 2.0)}).status == "PASS"
    failing = bench_report.judge_ratio({50: row(1.2, 1.0), 200: row(3.0, 2.0)})
    assert failing.status == "FAIL" and "1.50x at 200 pages" in failing.detail
    assert bench_report.judge_ratio({50: row(None, 1.0)}).status == "NOT MEASURED"


def test_linear_growth_target():
    linear = {n: row(1 + 0.05 * n, 1 + 0.04 * n) for n in (50, 200, 400, 1000)}
    quadratic = {n: row(1 + 0.0001 * n * n, 1) for n in (50, 200, 400, 1000)}
    assert bench_report.judge_linear(linear).status == "PASS"
    assert bench_report.judge_linear(quadratic).status == "FAIL"
    assert bench_report.judge_linear({50: row(1, 1), 200: row(2, 2)}).status == "NOT MEASURED"


def test_largest_site_build_target():
    assert bench_report.judge_largest({50: row(4.0, 3.0), 1000: row(80.0, 70.0)}).status == "PASS"
    failing = bench_report.judge_largest({50: row(4.0, 3.0), 1000: row(280.0, 260.0)})
    assert failing.status == "FAIL" and "1,000-page" in failing.target
    assert bench_report.judge_largest({1000: row(None, 70.0)}).status == "NOT MEASURED"


def test_strict_build_against_a_bare_material_build_target():
    def real(cpu, bare):
        return {"build": {"cpu": cpu}, "bare": {"cpu": bare}}

    assert bench_report.judge_bare(real(1.2, 1.0)).status == "PASS"
    failing = bench_report.judge_bare(real(6.4, 1.0))
    assert failing.status == "FAIL" and "6.4x" in failing.detail
    assert bench_report.judge_bare({"build": {"cpu": 3.0}}).status == "NOT MEASURED"


def test_a_spanish_page_costs_what_a_page_costs_target():
    def real(spanish, english):
        return {"translation": {"spanish": {"cpu": spanish}, "english": {"cpu": english}, "page": "p.md"}}

    assert bench_report.judge_translation(real(10.9, 10.0)).status == "PASS"
    assert bench_report.judge_translation(real(11.1, 10.0)).status == "FAIL"
    assert bench_report.judge_translation({"translation": {"english": {"cpu": 3.0}}}).status == "NOT MEASURED"


def test_serve_reload_target():
    assert bench_report.judge_serve({"serve": {"median_to_reload": 1.2}}).status == "PASS"
    assert bench_report.judge_serve({"serve": {"median_to_reload": 4.3}}).status == "FAIL"
    assert bench_report.judge_serve({"serve": {"error": "did not start"}}).status == "NOT MEASURED"


def test_page_weight_targets():
    reference = weight(300_000)
    light = bench_report.judge_weight({"Home": weight(250_000)}, reference)
    assert [v.status for v in light] == ["PASS", "PASS"]
    heavy = bench_report.judge_weight(
        {"Home": weight(600_000, search=280_000, third_party=["https://cdn.example/x.js"])}, reference
    )
    assert [v.status for v in heavy] == ["FAIL", "FAIL"]
    assert "search index +280.0 KB" in heavy[0].detail
    assert "https://cdn.example/x.js" in heavy[1].detail


def test_weigh_sorts_responses_by_kind_and_compresses_them():
    body = b"<p>text</p>" * 200
    result = bench_browser.weigh(
        [
            ("http://127.0.0.1:1/", "document", body),
            ("http://127.0.0.1:1/search/search_index.json", "fetch", b"{}"),
            ("http://127.0.0.1:1/a.css", "stylesheet", b"a{}"),
        ],
        ["https://fonts.example/"],
    )
    assert result["kinds"]["html"] == {"raw": len(body), "gzip": len(gzip.compress(body, 6))}
    assert result["kinds"]["search index"]["raw"] == 2
    assert result["kinds"]["css"]["raw"] == 3
    assert result["requests"] == 4 and result["third_party"] == ["https://fonts.example/"]


def test_link_checker_outputs_are_read_or_reported_as_unreadable():
    summary = "That's it. 812 links in 95 URLs checked. 0 warnings found. 2 errors found.\n"
    assert bench_check.linkchecker_counts(summary) == {"links": 812, "urls": 95, "warnings": 0, "errors": 2}
    assert bench_check.linkchecker_counts("crashed") == {}
    report = '{"links": [{"state": "OK"}, {"state": "BROKEN"}, {"state": "SKIPPED"}], "passed": false}'
    assert bench_check.linkinator_counts("npm notice\n" + report) == {"links": 3, "broken": 1}
    assert bench_check.linkinator_counts("not json") == {}


def test_plot_lists_every_point_in_its_text_alternative():
    svg = bench_report.svg_plot({50: row(2.0, 1.5), 400: row(20.0, 15.0)})
    root = ET.fromstring(svg)
    desc = root.find(f"{SVG}desc").text
    assert "With citations: 50 pages 2.0 s, 400 pages 20.0 s" in desc
    assert "Without citations: 50 pages 1.5 s, 400 pages 15.0 s" in desc
    assert len(root.findall(f"{SVG}circle")) == 4


def test_lighthouse_mobile_budget():
    good = {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 100}
    runs = [
        ("Home", "mobile", good),
        ("Home", "desktop", {**good, "performance": 50}),
        ("Patient page", "mobile", {**good, "performance": 62}),
        ("Clinician page", "mobile", {**good, "seo": 92}),
        ("Other", "mobile", {"error": "no chrome"}),
    ]
    verdicts = bench_report.judge_lighthouse({"runs": runs})
    assert [v.status for v in verdicts] == ["PASS", "FAIL", "FAIL", "NOT MEASURED"], "desktop runs are not judged"
    assert verdicts[1].detail == "performance 62, accessibility 100, best practices 100, SEO 100"


def lighthouse_run(performance, tbt=100.0, error=None):
    if error:
        return {"error": error}
    return {
        "performance": performance,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 100,
        "metrics": {"FCP": 1000.0, "LCP": 1500.0, "TBT": tbt, "CLS": 0.0, "SI": 1200.0},
        "benchmark_index": 1000.0 + performance,
    }


def test_lighthouse_runs_are_combined_by_their_median():
    runs = [lighthouse_run(p, tbt) for p, tbt in ((91, 300), (97, 100), (95, 150), (98, 90), (93, 250))]
    combined = bench_browser.lighthouse_median([*runs, lighthouse_run(0, error="timed out")])
    assert combined["performance"] == 95 and combined["performance_range"] == [91, 98]
    assert combined["metrics"]["TBT"] == 150 and combined["runs"] == 5 and combined["failed_runs"] == 1
    assert bench_browser.lighthouse_median([lighthouse_run(0, error="no chrome")]) == {"error": "no chrome"}
    (verdict,) = bench_report.judge_lighthouse({"runs": [("Home", "mobile", combined)]})
    assert verdict.status == "PASS" and "(medians of 5 runs; performance 91–98)" in verdict.detail
    failing = bench_browser.lighthouse_median([lighthouse_run(p) for p in (90, 94, 99)])
    assert bench_report.judge_lighthouse({"runs": [("Home", "mobile", failing)]})[0].status == "FAIL"


def test_lighthouse_section_shows_ranges_and_metrics():
    combined = bench_browser.lighthouse_median([lighthouse_run(p) for p in (93, 96, 97)])
    text = "\n".join(bench_report._lighthouse_section({"runs": [["Home", "mobile", combined]]}))
    assert "| Home | mobile | 96 (93–97) | 100 | 100 | 100 | 3 |" in text
    assert "| Home | mobile | 1.0 s | 1.5 s | 100 ms | 0.000 | 1.2 s |" in text
    assert "during the runs (its own measure of CPU speed; higher is faster): 1093 to 1097." in text


def test_a_partial_run_keeps_the_other_parts_with_their_dates(tmp_path):
    from pancreas_kb.bench import run as bench

    def results(parts, date, **figures):
        return {
            "machine": {"date": date, "cores": 2, "memory": "1 GiB"},
            "runs": 3,
            "runs_note": "3 runs",
            "parts": parts,
            **figures,
        }

    full = bench.merge(
        None,
        results(
            list(bench.PARTS),
            "2026-01-01",
            scaling={50: row(1.0, 1.0)},
            real={"pages": 27},
            lighthouse={"runs": [["Home", "mobile", bench_browser.lighthouse_median([lighthouse_run(80)])]]},
        ),
    )
    path = tmp_path / "performance.json"
    path.write_text(__import__("json").dumps(full), encoding="utf-8")
    stored = bench.load(path)
    assert stored["scaling"] == {50: row(1.0, 1.0)}, "sizes come back as numbers"
    newer = results(
        ["lighthouse"],
        "2026-02-02",
        real={},
        lighthouse={"runs": [["Home", "mobile", bench_browser.lighthouse_median([lighthouse_run(96)])]]},
        part_runs={"lighthouse": "5 runs per page and form factor"},
    )
    merged = bench.merge(stored, newer)
    assert merged["scaling"] == {50: row(1.0, 1.0)}
    assert merged["lighthouse"]["runs"][0][2]["performance"] == 96
    assert merged["measured"]["scaling"] == {"date": "2026-01-01", "runs_note": "3 runs"}
    assert merged["measured"]["lighthouse"] == {"date": "2026-02-02", "runs_note": "5 runs per page and form factor"}
    assert merged["real"] == {"pages": 27} and merged["measured"]["real"]["date"] == "2026-01-01", (
        "a part this run only built the site for keeps its figures and date"
    )
    page = bench_report.page(merged, "performance.svg", {})
    assert "| Build scaling | 2026-01-01 | 3 runs |" in page
    assert "| Lighthouse | 2026-02-02 | 5 runs per page and form factor |" in page
    assert bench.load(tmp_path / "missing.json") is None


def test_stored_figures_give_back_the_same_page(tmp_path):
    """The page rewritten from performance.json alone keeps every table in its order."""
    from pancreas_kb.bench import run as bench

    results = {
        "machine": {"date": "2026-01-01", "memory": "1 GiB", "cores": 2},
        "runs": 3,
        "runs_note": "3 runs",
        "parts": list(bench.PARTS),
        "scaling": {200: row(2.0, 1.8), 50: row(1.0, 0.9)},
        "weight": {
            "pages": {"Patient page": weight(400_000), "Home": weight(300_000)},
            "reference": weight(300_000),
            "reference_note": "Reference.",
        },
    }
    out = tmp_path / "performance.md"
    bench.write(bench.merge(None, results), out)
    first = out.read_text(encoding="utf-8")
    bench.write(bench.load(out.with_suffix(".json")), out)
    assert out.read_text(encoding="utf-8") == first
    assert first.index("| Patient page: no heavier") < first.index("| Home: no heavier")
    assert first.index("| memory |") < first.index("| cores |")
