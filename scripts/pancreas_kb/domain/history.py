"""When each page last changed, from git, in one call for the whole site.

A build outside a git checkout (a source archive, a fixture site) has no
history: pages then show no date rather than a wrong one.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

# A NUL-prefixed date line starts each commit; the changed files follow it.
LOG_FORMAT = "%x00%cs"


def parse_log(output: str) -> dict[str, dt.date]:
    """Newest date per path from `git log --name-only --format=%x00%cs` output (newest first)."""
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in output.splitlines():
        if line.startswith("\0"):
            current = dt.date.fromisoformat(line[1:].strip())
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)
    return dates


def last_changed(docs_dir: Path) -> dict[str, dt.date]:
    """Path relative to docs_dir (posix) -> date of the last commit that changed it."""
    try:
        result = subprocess.run(
            [
                "git",
                "-C",
                str(docs_dir),
                "log",
                f"--format={LOG_FORMAT}",
                "--name-only",
                "--relative",
                "--no-renames",
                "--",
                ".",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_log(result.stdout) if result.returncode == 0 else {}


def commits_url(repository: str, src_uri: str, branch: str = "main") -> str:
    return f"{repository.rstrip('/')}/commits/{branch}/docs/{src_uri}"
