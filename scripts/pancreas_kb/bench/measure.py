"""Measuring primitives for the benchmark: timed commands, medians, free ports.

A command's time is taken twice: wall-clock, and the CPU time of the process and
its children. On a shared machine other work stretches the wall-clock time but
hardly the CPU time, so targets are judged on CPU time and wall-clock is shown
beside it.
"""

from __future__ import annotations

import os
import resource
import socket
import statistics
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from pancreas_kb import CHECKOUT

ROOT = CHECKOUT
QUIET_ENV = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
LOG_TAIL = 1500  # characters of a failed command's output kept for the results page


@dataclass
class Timing:
    wall: float
    cpu: float
    returncode: int
    output: str

    def brief(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "output"}


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, **QUIET_ENV, **extra}


def timed(command: list[str], cwd: Path = ROOT, timeout: float = 1800, **extra_env: str) -> Timing:
    """Run `command` to completion; its wall-clock and CPU seconds, exit status and output.

    CPU time is read from the resource usage of reaped children, so the command
    must be the only child that ends while it runs (the benchmark runs one at a time).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=cwd, env=env(**extra_env), capture_output=True, text=True, timeout=timeout)
        returncode, output = result.returncode, result.stdout + result.stderr
    except subprocess.TimeoutExpired as exc:
        returncode, output = -1, f"timed out after {timeout:.0f} s: {exc}"
    except OSError as exc:
        returncode, output = -1, f"could not run {command[0]}: {exc.strerror}"
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu, returncode, output)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summary(timings: list[Timing]) -> dict:
    """Medians over the runs that succeeded, and the failures' exit status and log tail."""
    ok = [t for t in timings if t.returncode == 0]
    failed = [t for t in timings if t.returncode != 0]
    result = {
        "runs": len(timings),
        "ok": len(ok),
        "wall": median([t.wall for t in ok]),
        "cpu": median([t.cpu for t in ok]),
        "walls": [round(t.wall, 3) for t in timings],
        "cpus": [round(t.cpu, 3) for t in timings],
    }
    if failed:
        result["error"] = f"exit {failed[0].returncode}: {failed[0].output[-LOG_TAIL:]}"
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def process_cpu(pid: int) -> float | None:
    """CPU seconds a running process has used so far (Linux), None where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def load_average() -> str:
    """The machine's load over the last 1, 5 and 15 minutes, kept with a wall-clock figure it explains."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
