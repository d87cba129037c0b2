"""The performance page states only what its run measured: mutation counts, the build's profile."""

from pancreas_kb.bench import mutation as bench_mutation
from pancreas_kb.bench import report as bench_report
from pancreas_kb.bench import run as bench_run

COUNTS = {"killed": 88, "survived": 10, "no_tests": 2, "timeout": 2, "total": 120}


def test_kill_rate_leaves_out_the_explained_survivors_and_names_the_rest():
    equivalent = {"m.x_a__mutmut_1": "same output", "m.x_a__mutmut_2": "same output"}
    survivors = ["m.x_a__mutmut_1", "m.x_a__mutmut_2", "m.x_b__mutmut_7"]
    result = bench_mutation.summary(COUNTS, survivors, equivalent, set(survivors))
    assert (result["caught"], result["missed"], result["equivalent"]) == (90, 10, 2)
    assert result["kill rate"] == 0.9 and result["mutants"] == 102
    assert result["unexplained survivors"] == ["m.x_b__mutmut_7"]


def test_mutation_verdicts_and_section():
    mutation = {"scope": ["pancreas_kb.domain.review*"], "seconds": 600, "mutants": 120}
    mutation |= bench_mutation.summary(COUNTS, ["m.x_b__mutmut_7"], {"m.x_b__mutmut_2": "same"}, {"m.x_b__mutmut_2"})
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
    assert "Listed as equivalent but caught or gone (1; remove them): `m.x_b__mutmut_2`." in page
    assert "| Caught of all mutants, the equivalent ones counted as missed | 88.2% |" in page
    assert "| Time | 10 minutes |" in page and "Resumed" not in page
    resumed = bench_report.page(
        {"machine": {"date": "d", "memory": "1 GiB", "cores": 2}, "runs_note": "1 run", "mutation": mutation}
        | {"mutation": mutation | {"resumed": True, "survivors run again": 3}},
        "p.svg",
        bench_run.EXPLANATIONS,
    )
    assert "| Time of this run | 10 minutes |" in resumed
    assert "then the 3 earlier survivors again |" in resumed
    failed = bench_report.judge_mutation({"error": "crashed", "scope": ["all"]})
    assert [v.status for v in failed] == ["NOT MEASURED", "NOT MEASURED"]


def _entry(filename, name, cumulative, callers=()):
    return (filename, 1, name), (1, 1, 0.0, cumulative, {caller: (1, 1, 0, 0) for caller in callers})


def test_explanations_state_no_figure():
    """A figure in an explanation would not be measured again by the next run."""
    for title, why in bench_run.EXPLANATIONS.values():
        assert not any(ch.isdigit() for ch in why.replace("1.6", "")), title
