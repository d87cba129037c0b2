"""The performance page states only what its run measured: mutation counts, the build's profile."""

from types import SimpleNamespace

from pancreas_kb.bench import build as bench_build
from pancreas_kb.bench import mutation as bench_mutation
from pancreas_kb.bench import report as bench_report
from pancreas_kb.bench import run as bench_run

COUNTS = {"killed": 88, "survived": 10, "no_tests": 2, "timeout": 2, "total": 120}


def test_kill_rate_leaves_out_the_explained_survivors_and_names_the_rest():
    equivalent = {"m.x_a__mutmut_1": "same output", "m.x_a__mutmut_2": "same output"}
    survivors = ["m.x_a__mutmut_1", "m.x_a__mutmut_2", "m.x_b__mutmut_7"]
    result = bench_mutation.summary(COUNTS, survivors, equivalent)
    assert (result["caught"], result["missed"], result["equivalent"]) == (90, 10, 2)
    assert result["kill rate"] == 0.9 and result["mutants"] == 102
    assert result["unexplained survivors"] == ["m.x_b__mutmut_7"]


def test_mutation_verdicts_and_section():
    mutation = {"scope": ["pancreas_kb.domain.review*"], "seconds": 600, "mutants": 120}
    mutation |= bench_mutation.summary(COUNTS, ["m.x_b__mutmut_7"], {})
    rate, explained = bench_report.judge_mutation(mutation)
    assert (rate.status, explained.status) == ("FAIL", "FAIL")
    assert rate.detail == "88.2% of 102 mutants of `pancreas_kb.domain.review*`"
    page = bench_report.page(
        {"machine": {"date": "d", "memory": "1 GiB", "cores": 2}, "runs_note": "1 run", "mutation": mutation},
        "p.svg",
        bench_run.EXPLANATIONS,
    )
    assert "| Kill rate (caught of caught and missed) | 88.2% |" in page
    assert "Survivors not yet killed or explained: `m.x_b__mutmut_7`." in page
    failed = bench_report.judge_mutation({"error": "crashed", "scope": ["all"]})
    assert [v.status for v in failed] == ["NOT MEASURED", "NOT MEASURED"]


def _entry(filename, name, cumulative, callers=()):
    return (filename, 1, name), (1, 1, 0.0, cumulative, {caller: (1, 1, 0, 0) for caller in callers})


def test_profile_shares_count_each_part_once_by_its_event_functions():
    packets = "/x/pancreas_kb/plugin/review_packets.py"
    evidence = "/x/pancreas_kb/plugin/evidence.py"
    stats = SimpleNamespace(
        total_tt=10.0,
        stats=dict(
            [
                _entry(packets, "on_files", 4.0, [("/x/pancreas_kb/plugin/__init__.py", 1, "optional")]),
                _entry(evidence, "on_page_markdown", 2.0),
                _entry(evidence, "on_page_content", 1.0),
                # A handler calling another part's handler is counted in its caller only.
                _entry(evidence, "on_pre_build", 0.5, [(packets, 1, "on_files")]),
                _entry("/v/markdown/core.py", "convert", 3.0),
            ]
        ),
    )
    shares = bench_build.profile_shares(stats)
    assert shares["parts"] == {"review_packets": 4.0, "evidence": 3.0}
    assert shares["steps"]["Python-Markdown (the page text to HTML)"] == 3.0
    section = "\n".join(bench_report._profile_section(shares))
    assert "Our plugin's parts took 70% of it" in section
    assert "| plugin part `review_packets` | 40% |" in section


def test_explanations_state_no_figure():
    """A figure in an explanation would not be measured again by the next run."""
    for title, why in bench_run.EXPLANATIONS.values():
        assert not any(ch.isdigit() for ch in why.replace("1.6", "")), title
