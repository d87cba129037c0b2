"""Mutation testing: deliberate small breakages of the domain rules, the checker and the plugin.

mutmut makes each mutant (a `<` turned `<=`, a guard removed, a string changed) and
runs the tests that cover the mutated function against it (the fast tier, and the
site tests marked `mutation`, which build in the test's own process where mutmut sees
them); a mutant no test fails "survives". mutmut knows the package layouts `./`, `src/` and `source/`,
so it runs in a copy of the project with the package under src/ (settings in
pyproject.toml, [tool.mutmut]). Survivors that cannot be told apart from the real
code by any test (equivalent mutants) are listed with the reason in SURVIVORS_DIR, a
file per module; every other survivor is a missing test.

`make mutation` runs every module; `make mutation MODULES='pancreas_kb.domain.review*'`
runs some (mutmut's name patterns). The counts go to the performance page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import yaml

from .measure import ROOT

# One file per mutated module, named for it (domain.bibliography.yml): each entry names a
# mutant, the line as the mutant has it (`change`) and why no test can tell it apart.
SURVIVORS_DIR = "tests/mutation-survivors"
# Counted as caught: a test failed, or the mutant hung or crashed the test run.
CAUGHT = ("killed", "timeout", "segfault", "caught_by_type_check")
# Counted as missed: no test failed, or no test runs the mutated code at all.
MISSED = ("survived", "no_tests")
KILL_RATE_TARGET = 0.9


def settings(root: Path = ROOT) -> dict:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]


def stage(root: Path, workdir: Path) -> Path:
    """A copy of the project for mutmut: the package under src/, the tests and what they read."""
    stage_dir = workdir / "mutation"
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(root / "scripts" / "pancreas_kb", stage_dir / "src" / "pancreas_kb", ignore=ignore)
    for name in ["tests", "pyproject.toml", *settings(root)["also_copy"]]:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, stage_dir / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, stage_dir / name)
    # Some tests read the project through git (tracked files, their history): the copy is
    # a repository of one commit.
    git = ["git", "-c", "user.name=mutation", "-c", "user.email=mutation@invalid", "-C", str(stage_dir)]
    commit = ["commit", "-q", "-m", "Project copy for mutation testing"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], commit):
        subprocess.run([*git, *args], check=True, capture_output=True)
    return stage_dir


def listed(root: Path = ROOT) -> dict[Path, list[dict]]:
    """The entries of each file in SURVIVORS_DIR, as written."""
    return {
        path: yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for path in sorted((root / SURVIVORS_DIR).glob("*.yml"))
    }


def explained(root: Path = ROOT) -> dict[str, str]:
    """Equivalent survivors: mutant name -> why no test can tell it from the real code."""
    return {entry["mutant"]: entry["reason"] for entries in listed(root).values() for entry in entries}


def summary(counts: dict[str, int], survivors: list[str], equivalent: dict[str, str], run: set[str]) -> dict:
    """The kill rate over the mutants a test could catch: equivalent survivors are left out.

    `run` names every mutant of the run, so that a listed mutant it caught, or that no
    longer exists in a module it mutated, shows as a stale entry."""
    listed = [name for name in survivors if name in equivalent]
    modules = {name.split(".x")[0] for name in run}
    caught = sum(counts.get(k, 0) for k in CAUGHT)
    missed = sum(counts.get(k, 0) for k in MISSED) - len(listed)
    judged = caught + missed
    return {
        "mutants": judged + len(listed),  # of the modules run (mutmut's total counts every module's)
        "caught": caught,
        "missed": missed,
        "equivalent": len(listed),
        "kill rate": caught / judged if judged else None,
        "unexplained survivors": sorted(name for name in survivors if name not in equivalent),
        "stale entries": sorted(
            name for name in equivalent if name.split(".x")[0] in modules and name not in set(survivors)
        ),
    }


def error_tail(output: str, size: int = 1500) -> str:
    """The end of a failed run's output without mutmut's progress lines (a line per mutant
    tried, counts after 🎉), which would leave no room for the error."""
    return "\n".join(line for line in output.splitlines() if "🎉" not in line)[-size:]


def _mutmut(stage_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    mutmut = Path(sys.executable).with_name("mutmut")
    return subprocess.run([str(mutmut), *args], cwd=stage_dir, capture_output=True, text=True, check=check)


def measure(workdir: Path, modules: list[str], log=print, root: Path = ROOT) -> dict:
    """Run mutmut over `modules` (name patterns; [] for all) and count what the tests caught."""
    stage_dir = stage(root, workdir)
    log(f"Mutation testing {', '.join(modules) or 'every module'} in {stage_dir}")
    started = time.monotonic()
    run = _mutmut(stage_dir, "run", *modules, check=False)
    seconds = time.monotonic() - started
    if run.returncode != 0:
        return {"error": error_tail(run.stdout + run.stderr), "scope": modules or ["all"]}
    return collect(stage_dir, modules, seconds, root)


def collect(stage_dir: Path, modules: list[str], seconds: float, root: Path = ROOT) -> dict:
    """The counts of a finished run in `stage_dir`, survivors judged against the listed ones.

    Also used on a run made by hand in a kept copy (mutmut resumes where it stopped and
    re-runs only mutants of changed functions, or those named on its command line)."""
    _mutmut(stage_dir, "export-cicd-stats")
    counts = json.loads((stage_dir / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    results = dict(
        line.strip().rsplit(": ", 1)
        for line in _mutmut(stage_dir, "results", "--all", "true").stdout.splitlines()
        if ": " in line
    )
    # Every missed mutant by name: those no test failed, and those no fast test runs.
    survivors = [name for name, status in results.items() if status in ("survived", "no tests")]
    return {
        "scope": modules or ["all"],
        "seconds": round(seconds),
        **summary(counts, survivors, explained(root), set(results)),
    }


if __name__ == "__main__":
    result = measure(Path(sys.argv[1]), sys.argv[2:], log=lambda m: print(m, file=sys.stderr))
    print(json.dumps(result, indent=1))
