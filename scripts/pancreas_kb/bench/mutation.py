"""Mutation testing: deliberate small breakages of the domain rules, the checker and the plugin.

mutmut makes each mutant (a `<` turned `<=`, a guard removed, a string changed) and
runs the tests that cover the mutated function against it (the fast tier, and the
site tests marked `mutation`, which build in the test's own process where mutmut sees
them); a mutant no test fails "survives". mutmut knows the package layouts `./`, `src/` and `source/`,
so it runs in a copy of the project with the package under src/ (settings in
pyproject.toml, [tool.mutmut]). Survivors that cannot be told apart from the real
code by any test (equivalent mutants) are listed with the reason in SURVIVORS_FILE;
every other survivor is a missing test.

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

SURVIVORS_FILE = "tests/mutation-survivors.yml"
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


def explained(root: Path = ROOT) -> dict[str, str]:
    """Equivalent survivors: mutant name -> why no test can tell it from the real code."""
    path = root / SURVIVORS_FILE
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return {entry["mutant"]: entry["reason"] for entry in entries or []}


def summary(counts: dict[str, int], survivors: list[str], equivalent: dict[str, str]) -> dict:
    """The kill rate over the mutants a test could catch: equivalent survivors are left out."""
    listed = [name for name in survivors if name in equivalent]
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
    # Every missed mutant by name: those no test failed, and those no fast test runs.
    survivors = [
        line.split(":")[0].strip()
        for line in _mutmut(stage_dir, "results").stdout.splitlines()
        if line.rstrip().endswith((": survived", ": no tests"))
    ]
    return {
        "scope": modules or ["all"],
        "seconds": round(seconds),
        **summary(counts, survivors, explained(root)),
    }


if __name__ == "__main__":
    result = measure(Path(sys.argv[1]), sys.argv[2:], log=lambda m: print(m, file=sys.stderr))
    print(json.dumps(result, indent=1))
