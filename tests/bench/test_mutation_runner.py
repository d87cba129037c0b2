"""make mutation's report of a failed run: the error, not mutmut's progress lines."""

from pancreas_kb.bench import mutation


def test_a_failed_runs_report_keeps_the_error_and_drops_the_progress_lines():
    progress = "".join(f"⠼ {n}/12800  🎉 {n} 🫥 3  ⏰ 0  🤔 0  🙁 21  🔇 0  🧙 0\n" for n in range(1000))
    output = "Running mutation testing\n" + progress + "Traceback (most recent call last):\nRuntimeError: boom\n"
    assert (
        mutation.error_tail(output)
        == "Running mutation testing\nTraceback (most recent call last):\nRuntimeError: boom"
    )
    assert len(mutation.error_tail("x" * 5000)) == 1500


def test_the_kill_rate_leaves_out_listed_equivalents_and_names_stale_entries():
    run = {
        "pancreas_kb.domain.a.x_f__mutmut_1",
        "pancreas_kb.domain.a.x_f__mutmut_2",
        "pancreas_kb.domain.a.x_f__mutmut_3",
    }
    equivalent = {
        "pancreas_kb.domain.a.x_f__mutmut_2": "same result",
        "pancreas_kb.domain.a.x_f__mutmut_3": "caught now",
        "pancreas_kb.domain.a.x_f__mutmut_9": "gone from the module",
        "pancreas_kb.domain.b.x_g__mutmut_1": "module not in this run",
    }
    counts = {"killed": 7, "timeout": 1, "survived": 2, "no_tests": 1}
    result = mutation.summary(
        counts, ["pancreas_kb.domain.a.x_f__mutmut_1", "pancreas_kb.domain.a.x_f__mutmut_2"], equivalent, run
    )
    assert (result["caught"], result["missed"], result["equivalent"]) == (8, 2, 1)
    assert result["kill rate"] == 0.8
    assert result["unexplained survivors"] == ["pancreas_kb.domain.a.x_f__mutmut_1"]
    assert result["stale entries"] == ["pancreas_kb.domain.a.x_f__mutmut_3", "pancreas_kb.domain.a.x_f__mutmut_9"]


def test_each_listed_equivalent_sits_in_its_modules_file_with_its_change_and_reason():
    seen = set()
    for path, entries in mutation.listed().items():
        assert isinstance(entries, list), path
        for entry in entries:
            assert set(entry) == {"mutant", "change", "reason"}, (path.name, entry)
            assert entry["mutant"].split(".x")[0] == "pancreas_kb." + path.stem, (path.name, entry["mutant"])
            assert all(isinstance(entry[k], str) and entry[k].strip() for k in ("change", "reason")), entry
            assert entry["mutant"] not in seen, entry["mutant"]
            seen.add(entry["mutant"])
    assert seen, "no listed equivalents found: the folder moved?"
