"""make mutation: its copy of the project, its counts, the listed equivalents, a failed run's report."""

import os
import subprocess

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


def test_a_kept_copy_is_refreshed_and_resumed_with_the_earlier_survivors_run_again(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "scripts" / "pancreas_kb").mkdir(parents=True)
    (root / "scripts" / "pancreas_kb" / "rules.py").write_text("LIMIT = 1\n")
    (root / "tests").mkdir()
    (root / "tests" / "test_rules.py").write_text("# first\n")
    (root / "pyproject.toml").write_text('[tool.mutmut]\nalso_copy = ["mkdocs.yml"]\n')
    (root / "mkdocs.yml").write_text("site_name: x\n")
    calls = []
    verdicts = {"pancreas_kb.rules.x_f__mutmut_1": "survived", "pancreas_kb.rules.x_f__mutmut_2": "killed"}

    def fake_mutmut(stage_dir, *args, check=True):
        calls.append(args)
        (stage_dir / "mutants").mkdir(exist_ok=True)
        if args[0] == "export-cicd-stats":
            (stage_dir / "mutants" / "mutmut-cicd-stats.json").write_text('{"killed": 1, "survived": 1}')
        out = "".join(f"    {name}: {status}\n" for name, status in verdicts.items()) if args[0] == "results" else ""
        return subprocess.CompletedProcess(args, 0, out, "")

    monkeypatch.setattr(mutation, "_mutmut", fake_mutmut)
    kept = tmp_path / "kept"
    first = mutation.measure(tmp_path / "scratch", [], log=lambda _: None, root=root, kept=kept)
    assert calls[0] == ("run",) and first["unexplained survivors"] == ["pancreas_kb.rules.x_f__mutmut_1"]
    assert (kept / "src" / "pancreas_kb" / "rules.py").read_text() == "LIMIT = 1\n"

    (kept / "mutants" / "survivor-verdicts").write_text("kept")  # stands in for mutmut's results
    (root / "tests" / "test_rules.py").write_text("# a new test\n")
    calls.clear()
    second = mutation.measure(tmp_path / "scratch", [], log=lambda _: None, root=root, kept=kept)
    assert "resumed" not in first and (second["resumed"], second["survivors run again"]) == (True, 1)
    assert calls[:3] == [("run",), ("results", "--all", "true"), ("run", "pancreas_kb.rules.x_f__mutmut_1")]
    assert (kept / "tests" / "test_rules.py").read_text() == "# a new test\n"
    assert (kept / "mutants" / "survivor-verdicts").read_text() == "kept"
    log = subprocess.run(["git", "-C", str(kept), "log", "--format=%s"], capture_output=True, text=True).stdout
    assert log.count("Project copy for mutation testing") == 2


def test_a_refreshed_copy_is_newer_than_the_mutants_made_before_it(tmp_path):
    """mutmut skips a module whose source is older than its mutants: a refresh must not keep old times."""
    root = tmp_path / "project"
    (root / "scripts" / "pancreas_kb").mkdir(parents=True)
    source = root / "scripts" / "pancreas_kb" / "rules.py"
    source.write_text("LIMIT = 2\n")
    os.utime(source, (1_000_000_000, 1_000_000_000))  # edited long ago, e.g. in another checkout
    (root / "pyproject.toml").write_text("[tool.mutmut]\nalso_copy = []\n")
    kept = mutation.copy_project(root, tmp_path / "kept")
    mutants = kept / "mutants" / "src" / "pancreas_kb"
    mutants.mkdir(parents=True)
    (mutants / "rules.py").write_text("LIMIT = 1\n")
    mutation.refresh(root, kept)
    copied = kept / "src" / "pancreas_kb" / "rules.py"
    assert copied.read_text() == "LIMIT = 2\n"
    assert copied.stat().st_mtime >= (mutants / "rules.py").stat().st_mtime
