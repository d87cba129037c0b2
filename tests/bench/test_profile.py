"""The results page explains a missed build or serve target from the same run's profile and timings."""

from pancreas_kb.bench import report

PROFILE = {
    "profiled": 4.0,
    "parts": {"review_packets": 1.0, "page_record": 0.4, "glossary": 0.2, "seo": 0.001},
    "markdown": 1.2,
    "rest": 1.199,
    "programs": 0.2,
}
REAL = {
    "build": {"cpu": 2.2, "wall": 2.5},
    "bare": {"cpu": 0.6, "wall": 0.9},
    "serve": {
        "page": "patients/stages.md",
        "median_to_reload": 2.9,
        "median_reported": 2.6,
        "median_cpu": 0.9,
        "load average": "7.10 5.00 3.00",
    },
    "profile": {"build": PROFILE, "serve": {**PROFILE, "parts": {"page_record": 0.1}, "markdown": 2.0, "rest": 1.9}},
    "pages": 28,
}
RESULTS = {"machine": {"load average at end": "0.10 0.10 0.10"}, "real": REAL}


def test_profile_table_shares_the_build_by_part():
    section = "\n".join(report.profile_section(REAL))
    assert "| knowledge-base plugin: review_packets | 25% | – |" in section
    assert "| knowledge-base plugin: page_record | 10% | 2% |" in section
    assert "| Python-Markdown and the site's Markdown extensions | 30% | 50% |" in section
    assert "seo" not in section  # under half a percent
    assert "0.20 s CPU" in section


def test_missed_targets_are_explained_in_the_runs_own_figures():
    why = report.measured_explanations(RESULTS)
    assert "parts take 40%" in why["bare Material build"][1]
    assert "review_packets 25%, page_record 10%, glossary 5%" in why["bare Material build"][1]
    assert "2.90 s" in why["make serve within"][1] and "0.90 s of CPU" in why["make serve within"][1]
    assert "7.10 5.00 3.00" in why["make serve within"][1]


def test_nothing_is_explained_without_measurements():
    assert report.measured_explanations({"machine": {}, "real": {}}) == {}
    assert report.profile_section({}) == []


def test_make_test_target_is_judged_on_its_wall_clock_time():
    machine = {"load average at end": "0.10 0.10 0.10"}
    quick = {"machine": machine, "tests": {"ok": 1, "wall": 250.0, "cpu": 400.0}}
    slow = {"machine": machine, "tests": {"ok": 1, "wall": 420.0, "cpu": 700.0, "load average": "3.00 2.00 1.00"}}
    assert report.judge_tests(quick).status == "PASS"
    assert report.judge_tests(slow).status == "FAIL"
    assert report.judge_tests({"tests": {"ok": 0}}).status == "NOT MEASURED"
    assert "3.00 2.00 1.00" in report.judge_tests(slow).detail
    assert (
        "7.0 minutes of wall-clock time for 11.7 minutes of CPU"
        in report.measured_explanations(slow)["make test takes under"][1]
    )
