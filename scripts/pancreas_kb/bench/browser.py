"""Page weight and Lighthouse scores, measured in headless Chromium against a local server."""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .measure import env, timed

CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
KINDS = ("html", "css", "js", "search index", "other")
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DEFAULT_MATERIAL_PAGE = """# A default Material page

This page is built with the Material theme and no settings of its own, the
reference the site's page weight is compared with.

## A section

Plain text of about the length of a short page, so the page itself weighs
little and the comparison is about what the theme loads with it.
"""


def kind(url: str, resource_type: str) -> str:
    path = urlsplit(url).path
    # The theme's one index file, or any part of Pagefind's (script, wasm, chunks).
    if path.endswith("search_index.json") or "/pagefind/" in path:
        return "search index"
    return {"document": "html", "stylesheet": "css", "script": "js"}.get(resource_type, "other")


def weigh(responses: list[tuple[str, str, bytes]], blocked: list[str]) -> dict:
    """Bytes by kind, uncompressed and gzip-compressed (level 6, as a web server would)."""
    totals = {k: {"raw": 0, "gzip": 0} for k in KINDS}
    for url, resource_type, body in responses:
        bucket = totals[kind(url, resource_type)]
        bucket["raw"] += len(body)
        bucket["gzip"] += len(gzip.compress(body, compresslevel=6)) if body else 0
    return {
        "kinds": totals,
        "raw": sum(v["raw"] for v in totals.values()),
        "gzip": sum(v["gzip"] for v in totals.values()),
        "requests": len(responses) + len(blocked),
        "third_party": blocked,
    }


def _load(browser, url: str) -> dict:
    """First load in a fresh context (empty cache); requests to other origins are blocked and listed."""
    origin = urlsplit(url).netloc
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []
    finished = []

    def route(request_route):
        if urlsplit(request_route.request.url).netloc == origin:
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1000)  # the search index is fetched after load
    responses = []
    for request in finished:
        response = request.response()
        body = response.body() if response is not None else b""
        responses.append((request.url, request.resource_type, body))
    context.close()
    return weigh(responses, blocked)


def page_weights(base_url: str, pages: dict[str, str]) -> dict:
    """`pages`: label -> path under the site; each page's first-load weight."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        try:
            return {label: {"path": path, **_load(browser, base_url + path)} for label, path in pages.items()}
        finally:
            browser.close()


def build_default_material(root: Path) -> tuple[Path | None, str]:
    """A site with `theme: material` and nothing else; its built folder, or None and the log."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text(DEFAULT_MATERIAL_PAGE, encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Default Material\ntheme:\n  name: material\n", encoding="utf-8")
    result = timed([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")], cwd=root)
    return (root / "site", "") if result.returncode == 0 else (None, result.output[-800:])


# The metrics behind the performance score, to show where its points go.
LIGHTHOUSE_METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def lighthouse(node_prefix: Path, url: str, preset: str, out: Path) -> dict:
    """One Lighthouse run: the four category scores (0-100) and the metrics, or the error."""
    command = [
        str(node_prefix / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
        "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    result = timed(command, timeout=300, CHROME_PATH=CHROMIUM)
    if result.returncode != 0 or not out.is_file():
        return {"error": f"exit {result.returncode}: {result.output[-400:]}"}
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return {"error": report["runtimeError"].get("message", "runtime error")}
    scores = {
        c: round(100 * report["categories"][c]["score"])
        for c in LIGHTHOUSE_CATEGORIES
        if report["categories"].get(c, {}).get("score") is not None
    }
    metrics = {
        name: report["audits"][audit]["numericValue"]
        for audit, name in LIGHTHOUSE_METRICS.items()
        if report["audits"].get(audit, {}).get("numericValue") is not None
    }
    # Lighthouse's own measure of the machine's speed during the run: its mobile scores
    # assume a machine of at least desktop speed and fall on a slower or busier one.
    speed = report.get("environment", {}).get("benchmarkIndex")
    return {**scores, "metrics": metrics, **({"benchmark_index": speed} if speed else {})}


def lighthouse_median(runs: list[dict]) -> dict:
    """Several runs of one page and form factor: the median of each score and metric.

    Lighthouse's performance score moves by a few points from run to run, the
    more so on a shared machine; its authors advise the median of five runs."""
    ok = [run for run in runs if "error" not in run]
    if not ok:
        return runs[0] if runs else {"error": "no run"}
    combined: dict = {
        c: round(statistics.median(run[c] for run in ok)) for c in LIGHTHOUSE_CATEGORIES if all(c in run for run in ok)
    }
    combined["metrics"] = {
        name: statistics.median(run["metrics"][name] for run in ok)
        for name in LIGHTHOUSE_METRICS.values()
        if all(name in run["metrics"] for run in ok)
    }
    combined["runs"] = len(ok)
    speeds = [run["benchmark_index"] for run in ok if "benchmark_index" in run]
    if speeds:
        combined["benchmark_index"] = [min(speeds), max(speeds)]
    if "performance" in combined:
        combined["performance_range"] = [min(run["performance"] for run in ok), max(run["performance"] for run in ok)]
    if len(ok) < len(runs):
        combined["failed_runs"] = len(runs) - len(ok)
    return combined


def chromium_version() -> str:
    if not shutil.which(CHROMIUM):
        return "not installed"
    result = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, env=env(), timeout=60)
    return result.stdout.strip() or "unknown"
