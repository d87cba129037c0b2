"""Checker benchmark: `python -m pancreas_kb.checker.check` against two link checkers run on the
same built site, served locally, internal links only (no network)."""

from __future__ import annotations

import json
import re
import sys
import venv
from pathlib import Path

from pancreas_kb.tools.site_server import serve

from .measure import ROOT, summary, timed

LINKINATOR = "linkinator@7.6.1"  # the newest release that runs on Node.js 20
LIGHTHOUSE = "lighthouse@12.8.2"  # likewise; 13.x needs Node.js 22
LINKCHECKER = "linkchecker==10.6.0"
# The crawlers take minutes on the 400-page site (every page links to every page through
# the navigation), so they run once; their times are far from the checker's either way.
TOOL_RUNS = 1
LINKCHECKER_SUMMARY_RE = re.compile(
    r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found"
)


def install_node_tools(prefix: Path, log=print) -> dict:
    """Install linkinator and Lighthouse into `prefix` (never into the project)."""
    log(f"  npm install {LINKINATOR} {LIGHTHOUSE}")
    result = timed(
        ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(prefix), LINKINATOR, LIGHTHOUSE],
        cwd=prefix,
        timeout=900,
    )
    return {"ok": result.returncode == 0, "error": None if result.returncode == 0 else result.output[-800:]}


def install_linkchecker(prefix: Path, log=print) -> dict:
    """Install LinkChecker into its own virtual environment (never the project's)."""
    log(f"  pip install {LINKCHECKER} into a separate environment")
    venv.create(prefix, with_pip=True)
    result = timed([str(prefix / "bin" / "python"), "-m", "pip", "install", "--quiet", LINKCHECKER], timeout=900)
    return {"ok": result.returncode == 0, "error": None if result.returncode == 0 else result.output[-800:]}


def check_command(root: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "pancreas_kb.checker.check", "--root", str(root), "--site", str(site)]


def linkinator_command(node_prefix: Path, url: str) -> list[str]:
    local = re.escape(url.rstrip("/"))
    return [
        str(node_prefix / "node_modules" / ".bin" / "linkinator"),
        url,
        "--recurse",
        "--format",
        "json",
        "--skip",
        f"^(?!{local})",
    ]


def linkchecker_command(venv_dir: Path, url: str) -> list[str]:
    # External links are only syntax-checked by default: the same offline job as the others.
    return [str(venv_dir / "bin" / "linkchecker"), "--no-status", "--threads", "10", url]


def linkinator_counts(output: str) -> dict:
    start = output.find("{")
    try:
        report = json.loads(output[start:]) if start >= 0 else {}
    except json.JSONDecodeError:
        return {}
    if not isinstance(report, dict) or "links" not in report:
        return {}
    links = report["links"]
    return {"links": len(links), "broken": sum(1 for link in links if link.get("state") == "BROKEN")}


def linkchecker_counts(output: str) -> dict:
    match = LINKCHECKER_SUMMARY_RE.search(output)
    if not match:
        return {}
    links, urls, warnings, errors = map(int, match.groups())
    return {"links": links, "urls": urls, "warnings": warnings, "errors": errors}


def _tool_runs(command: list[str], counts) -> dict:
    timings = [timed(command, timeout=1800) for _ in range(TOOL_RUNS)]
    # A link checker exits 1 when it finds broken links; that is a result, not a failure to run.
    for timing in timings:
        if timing.returncode == 1 and counts(timing.output):
            timing.returncode = 0
    result = summary(timings)
    result.update(counts(timings[-1].output))
    return result


def compare(name: str, root: Path, site: Path, runs: int, tools: dict, log=print) -> dict:
    """Time the project's checker, linkinator and LinkChecker on one built site."""
    log(f"  checker on {name}")
    check_timings = [timed(check_command(root, site), cwd=ROOT) for _ in range(runs)]
    # make check exits 1 when it has findings: the time is still the time of a full check.
    exits = sorted({t.returncode for t in check_timings})
    for timing in check_timings:
        if timing.returncode == 1:
            timing.returncode = 0
    result = {"check": {**summary(check_timings), "exit_codes": exits}}
    with serve(site) as url:
        if tools["node"]["ok"]:
            log(f"  linkinator on {name}")
            result["linkinator"] = _tool_runs(linkinator_command(tools["node_prefix"], url), linkinator_counts)
        else:
            result["linkinator"] = {"error": "not installed: " + (tools["node"]["error"] or "")}
        if tools["linkchecker"]["ok"]:
            log(f"  LinkChecker on {name}")
            result["linkchecker"] = _tool_runs(linkchecker_command(tools["linkchecker_venv"], url), linkchecker_counts)
        else:
            result["linkchecker"] = {"error": "not installed: " + (tools["linkchecker"]["error"] or "")}
    return result
