"""Build benchmarks: synthetic sites with and without citations, the real site, and
the rebuild after one edited page under `mkdocs serve`."""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

from pancreas_kb.domain import languages
from pancreas_kb.tools import project_copy, translate

from . import synthetic_site
from .measure import ROOT, env, free_port, median, summary, timed, tree_bytes

VARIANTS = ("cite", "nocite")
CONFIG_FILE = {"cite": "mkdocs.yml", "nocite": "mkdocs-nocite.yml"}
BUILT_IN_RE = re.compile(r"Documentation built in ([\d.]+) seconds")


def mkdocs(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def run_order(run: int, runs: int) -> tuple[str, str]:
    """Alternate which variant goes first, so drifting machine load hits both alike;
    the last run ends with citations, leaving that site built for the checker."""
    return VARIANTS[::-1] if (runs - 1 - run) % 2 == 0 else VARIANTS


def scaling(workdir: Path, sizes: list[int], runs: int, log=print) -> dict:
    """Per size: build times with and without citations, and the built site's size."""
    results = {}
    for size in sizes:
        root = workdir / f"synthetic-{size}"
        synthetic_site.write(root, size)
        timings = {variant: [] for variant in VARIANTS}
        for run in range(runs):
            for variant in run_order(run, runs):
                log(f"  build {size} pages, {variant}, run {run + 1}/{runs}")
                timings[variant].append(timed(mkdocs("build", "-f", str(root / CONFIG_FILE[variant]))))
        results[size] = {variant: summary(timings[variant]) for variant in VARIANTS}
        results[size]["site_bytes"] = tree_bytes(root / "site")
        results[size]["root"] = str(root)
    return results


def real_build(workdir: Path, runs: int, log=print) -> dict:
    """The real site with the real configuration, strict, as `make build` does it."""
    site = workdir / "real-site"
    timings = []
    for run in range(runs):
        log(f"  real site build, run {run + 1}/{runs}")
        timings.append(
            timed(mkdocs("build", "--strict", "--clean", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)))
        )
    result = summary(timings)
    result["site"] = str(site)
    result["site_bytes"] = tree_bytes(site) if site.is_dir() else None
    result["pages"] = len(list((ROOT / "docs").rglob("*.md")))
    return result


def bare_config(workdir: Path) -> Path:
    """Material with no plugin, hook or extension of ours, over the real docs/: what the theme alone costs."""
    config = {
        "site_name": "Bare",
        "docs_dir": str(ROOT / "docs"),
        "site_dir": str(workdir / "bare-site"),
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["attr_list", "md_in_html"],
    }
    path = workdir / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def bare_build(workdir: Path, runs: int, log=print) -> dict:
    """The same Markdown built by a bare Material configuration, not strict (its links would warn)."""
    config = bare_config(workdir)
    timings = []
    for run in range(runs):
        log(f"  bare Material build of the same Markdown, run {run + 1}/{runs}")
        timings.append(timed(mkdocs("build", "--clean", "-f", str(config))))
    return summary(timings)


# The English page translated for the measurement: the Spanish page costs what any page costs.
TRANSLATED = "patients/what-it-means.md"


def _copy(root: Path, translated: bool) -> Path:
    """A copy of the real sources with the real nav, with one Spanish translation or none."""
    shutil.rmtree(root, ignore_errors=True)
    project_copy.copy_sources(root)
    config = project_copy.repointed_config(root, strict=True, nav=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if translated:
        spanish = languages.LANGUAGES["es"]
        translate.new(root, TRANSLATED, spanish)
        page = root / "docs" / spanish.page(TRANSLATED)
        # Its own title and description, as a translator gives it (two pages may not share them).
        _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        meta.update({key: f"(es) {meta[key]}" for key in ("title", "description")})
        page.write_text(
            f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n{body}", encoding="utf-8"
        )
    return root


def translation_cost(workdir: Path, runs: int, log=print) -> dict:
    """The real site built strictly with and without one Spanish page, alternately (CPU)."""
    roots = {"english": _copy(workdir / "english-copy", False), "spanish": _copy(workdir / "spanish-copy", True)}
    timings = {name: [] for name in roots}
    for run in range(runs):
        for name in list(roots)[:: 1 if run % 2 == 0 else -1]:
            shown = "with one Spanish page" if name == "spanish" else "in English only"
            log(f"  real site {shown}, run {run + 1}/{runs}")
            timings[name].append(timed(mkdocs("build", "--strict", "--clean", "-f", str(roots[name] / "mkdocs.yml"))))
    return {name: summary(values) for name, values in timings.items()} | {"page": TRANSLATED}


def _serve_copy(workdir: Path) -> Path:
    """A copy of the sources to edit, built with the real configuration and nav."""
    root = workdir / "serve-copy"
    shutil.rmtree(root, ignore_errors=True)
    project_copy.copy_sources(root)
    config = project_copy.repointed_config(root, strict=True, nav=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put((time.perf_counter(), line))


def _wait_line(lines: queue.Queue, pattern: str, seconds: float) -> tuple[float, str] | None:
    deadline = time.perf_counter() + seconds
    while (left := deadline - time.perf_counter()) > 0:
        try:
            stamp, line = lines.get(timeout=left)
        except queue.Empty:
            return None
        if pattern in line:
            return stamp, line
    return None


def serve_rebuild(workdir: Path, edited: str, runs: int, log=print) -> dict:
    """Seconds from saving one page to `mkdocs serve` reloading browsers, and the
    build time it reports itself. MkDocs 1.6 rebuilds every page on a change."""
    root = _serve_copy(workdir)
    page = root / "docs" / edited
    port = free_port()
    server = subprocess.Popen(
        mkdocs("serve", "-f", str(root / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"),
        cwd=root,
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(server.stdout, lines), daemon=True).start()
    result: dict = {"page": edited, "runs": runs, "to_reload": [], "reported": []}
    try:
        if _wait_line(lines, "Serving on", 600) is None:
            return {**result, "error": "mkdocs serve did not start within 10 minutes"}
        for run in range(runs):
            log(f"  serve: edit {edited}, run {run + 1}/{runs}")
            time.sleep(3)  # let the watcher settle after the previous build (a 1 s pause lost edits)
            start = time.perf_counter()
            with page.open("a", encoding="utf-8") as handle:
                handle.write(f"\nEdited for the benchmark, run {run + 1}.\n")
            built = _wait_line(lines, "Documentation built in", 600)
            reloaded = _wait_line(lines, "Reloading browsers", 60)
            if built is None or reloaded is None:
                return {**result, "error": "mkdocs serve did not rebuild within 10 minutes of the edit"}
            result["reported"].append(float(BUILT_IN_RE.search(built[1]).group(1)))
            result["to_reload"].append(reloaded[0] - start)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result["median_to_reload"] = median(result["to_reload"])
    result["median_reported"] = median(result["reported"])
    return result
