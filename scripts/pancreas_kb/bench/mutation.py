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

import fnmatch
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
    """A copy of the project for mutmut in workdir/mutation."""
    return copy_project(root, workdir / "mutation")


def copy_project(root: Path, stage_dir: Path) -> Path:
    """A copy of the project for mutmut: the package under src/, the tests and what they read."""
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    stage_dir.mkdir(parents=True)
    _copy_project(root, stage_dir)
    _git(stage_dir, "init", "-q", "-b", "main")
    _commit(stage_dir)
    return stage_dir


def refresh(root: Path, stage_dir: Path) -> None:
    """Bring a kept copy up to the project as it is now, keeping mutmut's results in mutants/."""
    _copy_project(root, stage_dir)
    _commit(stage_dir)


def _copy_project(root: Path, stage_dir: Path) -> None:
    # Copied files take the time of copying: mutmut makes a module's mutants again only
    # when its source is newer than them, and a file kept from an earlier version of the
    # project can be older. (It re-runs only the mutants of functions whose code changed.)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    pairs = [(root / "scripts" / "pancreas_kb", stage_dir / "src" / "pancreas_kb")]
    pairs += [(root / name, stage_dir / name) for name in ["tests", "pyproject.toml", *settings(root)["also_copy"]]]
    for source, target in pairs:
        if target.is_dir():
            shutil.rmtree(target)
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignore, copy_function=shutil.copyfile)
        elif source.is_file():
            shutil.copyfile(source, target)


def _git(stage_dir: Path, *args: str) -> None:
    git = ["git", "-c", "user.name=mutation", "-c", "user.email=mutation@invalid", "-C", str(stage_dir)]
    subprocess.run([*git, *args], check=True, capture_output=True)


def _commit(stage_dir: Path) -> None:
    # Some tests read the project through git (tracked files, their history): the copy is
    # a repository whose last commit holds the project as copied.
    _git(stage_dir, "add", "-A")
    _git(stage_dir, "commit", "-q", "--allow-empty", "-m", "Project copy for mutation testing")


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


def measure(workdir: Path, modules: list[str], log=print, root: Path = ROOT, kept: Path | None = None) -> dict:
    """Run mutmut over `modules` (name patterns; [] for all) and count what the tests caught.

    With `kept`, a copy from an earlier run is brought up to date and resumed: mutmut runs
    the mutants of functions that changed and those not yet run, and the earlier survivors
    are run again, since the tests may have changed. A mutant caught before stays caught
    unless its function changed, so a weakened test can leave a verdict stale: the weekly
    run starts from a fresh copy."""
    resumed = kept is not None and (kept / "mutants").is_dir()
    if resumed:
        stage_dir = kept
        refresh(root, stage_dir)
        log(f"Resuming mutation testing in {stage_dir}")
    else:
        stage_dir = copy_project(root, kept) if kept is not None else stage(root, workdir)
        log(f"Mutation testing {', '.join(modules) or 'every module'} in {stage_dir}")
    started = time.monotonic()
    run = _mutmut(stage_dir, "run", *modules, check=False)
    again: list[str] = []
    if run.returncode == 0 and kept is not None:
        again = [name for name, status in _results(stage_dir).items() if status in ("survived", "no tests")]
        if modules:
            again = [name for name in again if any(fnmatch.fnmatch(name, pattern) for pattern in modules)]
        if again:
            run = _mutmut(stage_dir, "run", *again, check=False)
    seconds = time.monotonic() - started
    if run.returncode != 0:
        return {"error": error_tail(run.stdout + run.stderr), "scope": modules or ["all"]}
    resumption = {"resumed": resumed, "survivors run again": len(again)} if resumed else {}
    return collect(stage_dir, modules, seconds, root) | resumption


def _results(stage_dir: Path) -> dict[str, str]:
    """Every mutant of the copy by name, with its verdict (killed, survived, no tests, ...)."""
    lines = _mutmut(stage_dir, "results", "--all", "true").stdout.splitlines()
    return dict(line.strip().rsplit(": ", 1) for line in lines if ": " in line)


def collect(stage_dir: Path, modules: list[str], seconds: float, root: Path = ROOT) -> dict:
    """The counts of a finished run in `stage_dir`, survivors judged against the listed ones."""
    _mutmut(stage_dir, "export-cicd-stats")
    counts = json.loads((stage_dir / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    results = _results(stage_dir)
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
