"""`make bench`: build, check and page-weight benchmarks; writes docs/about/performance.md, its plot and figures.

Usage: python -m pancreas_kb.bench.run [--quick] [--parts scaling,real,checker,weight,lighthouse,search,packets,tests]
Usage: python -m pancreas_kb.bench.run [--quick]
                               [--parts scaling,real,checker,weight,lighthouse,search,packets,mutation]
                               [--out docs/about/performance.md] [--workdir DIR]
BENCH_QUICK=1 is the same as --quick: two small sizes, one run each, for trying it out.
A run of some --parts keeps the other parts' figures from the last run (performance.json).
Never part of `make test`: timings on a shared machine are too noisy to assert on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from shutil import which

from pancreas_kb.checker.project_files import mkdocs_settings
from pancreas_kb.tools.site_server import serve, site_path

from . import browser as bench_browser
from . import build as bench_build
from . import checker as bench_check
from . import mutation as bench_mutation
from . import packets as bench_packets
from . import report as bench_report
from . import search as bench_search
from .measure import ROOT, load_average, summary, timed

PARTS = ("scaling", "real", "checker", "weight", "lighthouse", "search", "packets", "tests")
PARTS = ("scaling", "real", "checker", "weight", "lighthouse", "search", "packets", "mutation")
# make bench measures these unless told otherwise; mutation testing takes its own hour (make mutation).
DEFAULT_PARTS = PARTS[:-1]
SIZES = (50, 200, 400, 1000)
QUICK_SIZES = (20, 50)
RUNS = 3
# One build of 1,000 pages takes minutes; two runs there keep `make bench` near a quarter of an hour.
LARGE_SIZE, LARGE_SIZE_RUNS = 1000, 2
CHECK_SIZE = 400
SERVE_EDIT_RUNS = 3
LIGHTHOUSE_PRESETS = ("mobile", "desktop")
LIGHTHOUSE_RUNS = 5  # per page and form factor; the median is reported (one run when quick)

# Why each target can fail, in plain words for the results page: found by profiling
# the build (cProfile on the 400-page synthetic site) and by reading the page weights.
# The build and serve targets are explained from each run's own profile (report.measured_explanations).
# Why each target can fail, in plain words for the results page. No figure here: each
# states what the design does, and the figures that bear on it are measured by the run
# (the profile of the build under Real site, the metrics under Lighthouse).
EXPLANATIONS = {
    "Citations cost at most": (
        "Why citations cost more than 1.25x",
        "With citations each page gains a reference list of formatted entries, which Python-Markdown must "
        "parse and the theme must render, and the evidence part reads each cited sentence.",
    ),
    "grows linearly": (
        "Why build time does not grow linearly",
        "Work that every page repeats for every other page makes the total grow with the square of the "
        "pages: the theme's navigation did so until the site set Material's navigation.prune without "
        "navigation.sections, so that each page carries its own section's links and one link per other section.",
    ),
    "make serve within": (
        "Why saving a page takes longer than 1.5 s to show",
        "MkDocs 1.6 rebuilds every page when one changes, so the wait is a whole strict build plus the "
        "browser's reload; where that build's time goes is measured under Real site.",
    ),
    "bare Material build": (
        "Why the strict build costs more than 1.5x a bare Material build",
        "A bare Material build does none of what the plugin does: check every page, number its citations, "
        "show its quotes, write a printable review packet per patient and clinician page and the search "
        "index. How the strict build's time divides among those parts is measured under Real site.",
    ),
    "no heavier than a default Material page": (
        "Why the pages are heavier than a default Material page",
        "The site's own style sheet and scripts, the review record on every page, and pages much longer "
        "than the one-page reference; the page weight table shows each part. The search index is fetched "
        "only when a reader starts a search (see Search).",
    ),
    "Lighthouse mobile budget": (
        "Why the Lighthouse mobile budget is missed",
        "Lighthouse's mobile test simulates a slow phone on a slow network; the metrics table under "
        "Lighthouse shows where this run lost the points, and the range beside each score how far it "
        "moved between runs on this shared machine.",
    ),
}


def _proc_field(path: str, name: str) -> str | None:
    """The first `name:` value in a /proc file (Linux), or None elsewhere."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    pairs = (line.split(":", 1) for line in lines if ":" in line)
    return next((value.strip() for key, value in pairs if key.strip() == name), None)


def machine_info(parts: list[str]) -> dict:
    memory_kb = _proc_field("/proc/meminfo", "MemTotal")
    info = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": f"{int(memory_kb.split()[0]) / 1024 / 1024:.1f} GiB" if memory_kb else "unknown",
        "processor": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "system": f"{platform.system()} {platform.machine()}",
        "Python": platform.python_version(),
    }
    for package in ("mkdocs", "mkdocs-material", "mkdocs-bibtex", "Markdown", "pymdown-extensions", "playwright"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = "not installed"
    if "weight" in parts or "lighthouse" in parts:
        info["Chromium"] = bench_browser.chromium_version()
    if "checker" in parts or "lighthouse" in parts:
        node = subprocess.run(["node", "--version"], capture_output=True, text=True) if which("node") else None
        info["Node.js"] = node.stdout.strip() if node and node.returncode == 0 else "not installed"
        info["linkinator"] = bench_check.LINKINATOR.split("@")[1]
        info["Lighthouse"] = bench_check.LIGHTHOUSE.split("@")[1]
        info["LinkChecker"] = bench_check.LINKCHECKER.split("==")[1]
    return info


def nav_pages() -> dict[str, str]:
    """Home, the first patient page and the first clinician page that are not section indexes."""
    nav = mkdocs_settings(ROOT).get("nav") or []
    paths = []

    def walk(items):
        for item in items:
            if isinstance(item, str):
                paths.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])

    walk(nav)
    chosen = {"Home": ""}
    for label, section in (("Patient page", "patients/"), ("Clinician page", "clinicians/")):
        page = next((p for p in paths if p.startswith(section) and not p.endswith("index.md")), None)
        if page:
            chosen[label] = page[: -len(".md")] + "/"
    return chosen


def tools(workdir: Path, log) -> dict:
    node_prefix, linkchecker_venv = workdir / "node-tools", workdir / "linkchecker-venv"
    node_prefix.mkdir(parents=True, exist_ok=True)
    node = (
        bench_check.install_node_tools(node_prefix, log)
        if which("npm")
        else {"ok": False, "error": "npm is not installed"}
    )
    return {
        "node_prefix": node_prefix,
        "node": node,
        "linkchecker_venv": linkchecker_venv,
        "linkchecker": bench_check.install_linkchecker(linkchecker_venv, log),
    }


def weight(workdir: Path, real_site: Path | None, log) -> dict:
    if real_site is None:
        return {"reference_note": "The real site did not build, so its pages were not weighed."}
    log("  page weight: real site")
    with serve(real_site, site_path(ROOT)) as url:
        pages = bench_browser.page_weights(url, nav_pages())
    log("  page weight: default Material page")
    reference_site, error = bench_browser.build_default_material(workdir / "default-material")
    reference, note = None, f"The default Material site did not build: {error}"
    if reference_site is not None:
        with serve(reference_site) as url:
            reference = bench_browser.page_weights(url, {"Default Material page": ""})["Default Material page"]
        blocked = len(reference["third_party"])
        note = (
            f"The default Material page is a one-page site with `theme: material` and nothing else, built and "
            f"measured in the same run. Left at its defaults the theme loads its fonts from Google Fonts: "
            f"{blocked} such request{'s were' if blocked != 1 else ' was'} blocked here (no network) and "
            "not counted in the bytes, so "
            "the real default page is heavier than shown; this site sets `font: false` and makes no such "
            "request."
        )
    return {"pages": pages, "reference": reference, "reference_note": note}


def search(workdir: Path, real_site: Path | None, log) -> dict:
    """The search-quality set on the site's search and on the theme's built-in search, the
    patient page's first load with each, and what the site's search fetches for one query."""
    if real_site is None:
        return {"note": "The real site did not build, so search was not measured."}
    from playwright.sync_api import sync_playwright

    queries, findings = bench_search.load(docs=ROOT / "docs")
    if findings:
        return {"note": "The search-quality set has errors: " + "; ".join(f.text() for f in findings)}
    log("  search: the theme's built-in search (a build of the site with it)")
    theme_site = workdir / "theme-search-site"
    config = bench_search.theme_search_config(workdir)
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(theme_site)],
        capture_output=True,
        text=True,
        cwd=workdir,
    )
    patient = nav_pages().get("Patient page", "")
    prefix = site_path(ROOT)
    result: dict = {"queries": len(queries)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=bench_browser.CHROMIUM, args=bench_browser.CHROME_FLAGS)
        try:
            with serve(real_site, prefix) as url:
                log(f"  search: the site's search, {len(queries)} queries")
                page = browser.new_page()
                result["site"] = bench_search.summary(bench_search.site_search(page, url, queries, prefix))
                result["site"]["first_search"] = bench_search.first_search_bytes(page, url, patient, "Creon")
                page.close()
            if built.returncode == 0:
                with serve(theme_site, prefix) as url:
                    log(f"  search: the theme's search, {len(queries)} queries")
                    # The site's policy admits Pagefind's worker only; the theme's search
                    # runs in a worker of its own, so this comparison page ignores the policy.
                    page = browser.new_page(bypass_csp=True)
                    result["theme"] = bench_search.summary(bench_search.theme_search(page, url, queries, prefix))
                    page.close()
            else:
                result["theme_note"] = "The site with the theme's search did not build: " + built.stderr[-400:]
        finally:
            browser.close()
    for name, site in (("site", real_site), ("theme", theme_site)):
        if name in result:
            with serve(site, prefix) as url:
                result[name]["patient_first_load"] = bench_browser.page_weights(url, {"p": patient})["p"]
    return result


def lighthouse(workdir: Path, real_site: Path | None, node: dict, runs: int, log) -> dict:
    if real_site is None:
        return {"note": "The real site did not build, so Lighthouse was not run."}
    if not node["node"]["ok"]:
        return {"note": "Lighthouse could not be installed: " + (node["node"]["error"] or "")}
    if not Path(bench_browser.CHROMIUM).exists():
        return {"note": f"Lighthouse was not run: no Chromium at {bench_browser.CHROMIUM}."}
    results = []
    with serve(real_site, site_path(ROOT)) as url:
        for label, path in nav_pages().items():
            for preset in LIGHTHOUSE_PRESETS:
                log(f"  Lighthouse {preset}: {label} ({runs} run{'s' if runs != 1 else ''})")
                each = [
                    bench_browser.lighthouse(
                        node["node_prefix"], url + path, preset, workdir / f"lighthouse-{len(results)}-{i}.json"
                    )
                    for i in range(runs)
                ]
                results.append((label, preset, bench_browser.lighthouse_median(each)))
    return {"runs": results}


def run(
    parts: list[str], sizes: tuple[int, ...], runs: int, workdir: Path, log=print, mutate=(), mutation_stage=None
) -> dict:
    runs_note = f"{runs} runs" if runs > 1 else "1 run (a quick run: no median)"
    if any(size >= LARGE_SIZE for size in sizes) and runs > LARGE_SIZE_RUNS:
        runs_note += f" ({LARGE_SIZE_RUNS} for sites of {LARGE_SIZE:,} pages, whose builds take minutes)"
    results: dict = {"machine": machine_info(parts), "runs": runs, "runs_note": runs_note, "parts": parts}
    started = time.monotonic()
    if "scaling" in parts:
        log("Build scaling")
        results["scaling"] = {}
        for size in sizes:
            size_runs = min(runs, LARGE_SIZE_RUNS) if size >= LARGE_SIZE else runs
            results["scaling"].update(bench_build.scaling(workdir, [size], size_runs, log))
    real_site = None
    if {"real", "checker", "weight", "lighthouse", "search", "packets"} & set(parts):
        log("Real site")
        build = bench_build.real_build(workdir, runs if "real" in parts else 1, log)
        real_site = Path(build["site"]) if build["ok"] else None
        results["real"] = {"build": build, "pages": build["pages"]} if "real" in parts else {}
        if "real" in parts:
            results["real"]["bare"] = bench_build.bare_build(workdir, runs, log)
            results["real"]["translation"] = bench_build.translation_cost(workdir, runs, log)
            patient = nav_pages().get("Patient page", "index/")[:-1] + ".md"
            results["real"]["serve"] = bench_build.serve_rebuild(workdir, patient, SERVE_EDIT_RUNS, log)
            log("  profile of one strict build and one rebuild under mkdocs serve")
            results["real"]["profile"] = {
                "build": bench_build.profile(workdir, serve=False),
                "serve": bench_build.profile(workdir, serve=True),
            }
    node_tools = tools(workdir, log) if {"checker", "lighthouse"} & set(parts) else None
    if "checker" in parts:
        log("Checker")
        results["checker"] = {}
        if real_site is not None:
            results["checker"]["real site"] = bench_check.compare("real site", ROOT, real_site, runs, node_tools, log)
        synthetic = (results.get("scaling") or {}).get(CHECK_SIZE if CHECK_SIZE in sizes else max(sizes))
        if synthetic:
            root = Path(synthetic["root"])
            name = f"{root.name.split('-')[1]}-page synthetic site"
            results["checker"][name] = bench_check.compare(name, root, root / "site", runs, node_tools, log)
    if "weight" in parts:
        log("Page weight")
        results["weight"] = weight(workdir, real_site, log)
        results.setdefault("part_runs", {})["weight"] = "1 first load per page (bytes do not vary)"
    if "lighthouse" in parts:
        log("Lighthouse")
        lighthouse_runs = LIGHTHOUSE_RUNS if runs > 1 else 1
        results["lighthouse"] = lighthouse(workdir, real_site, node_tools, lighthouse_runs, log)
        results.setdefault("part_runs", {})["lighthouse"] = (
            f"{lighthouse_runs} run{'s' if lighthouse_runs > 1 else ''} per page and form factor"
        )
    if "search" in parts:
        log("Search")
        results["search"] = search(workdir, real_site, log)
        results.setdefault("part_runs", {})["search"] = "1 run per query (results do not vary)"
    if "packets" in parts:
        log("Review packets")
        results["packets"] = (
            bench_packets.measure(real_site, ROOT / "docs")
            if real_site is not None
            else {"note": "The real site did not build, so its packets were not measured."}
        )
        results.setdefault("part_runs", {})["packets"] = "1 count per packet (words do not vary)"
    if "tests" in parts:
        log("make test (minutes)")
        results["tests"] = {**summary([timed(["make", "test"], timeout=3600)]), "load average": load_average()}
        results.setdefault("part_runs", {})["tests"] = "1 run (it takes minutes)"
    if "mutation" in parts:
        results["mutation"] = bench_mutation.measure(workdir, mutate, log, kept=mutation_stage)
        results.setdefault("part_runs", {})["mutation"] = "1 run (mutmut, the tests covering each mutant)"
    results["machine"]["benchmark duration"] = f"{(time.monotonic() - started) / 60:.1f} minutes"
    results["machine"]["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return results


def load(path: Path) -> dict | None:
    """The figures of the last run, stored beside the results page, or None."""
    if not path.is_file():
        return None
    results = json.loads(path.read_text(encoding="utf-8"))
    if results.get("scaling"):
        results["scaling"] = {int(size): row for size, row in results["scaling"].items()}  # JSON keys are text
    return results


def merge(previous: dict | None, results: dict) -> dict:
    """This run's parts, with the other parts' figures kept from the last run; each part notes when it was measured."""
    notes = results.get("part_runs") or {}
    measured = {
        part: {"date": results["machine"]["date"], "runs_note": notes.get(part, results["runs_note"])}
        for part in results["parts"]
    }
    merged = {key: value for key, value in results.items() if key not in PARTS}
    if previous:
        merged.update({part: previous[part] for part in PARTS if part in previous})
        measured = {**previous.get("measured", {}), **measured}
    merged.update({part: results[part] for part in results["parts"] if part in results})
    merged["measured"] = {part: measured[part] for part in PARTS if part in measured}
    return merged


def write(results: dict, out: Path) -> Path:
    svg = out.with_suffix(".svg")
    out.parent.mkdir(parents=True, exist_ok=True)
    svg.write_text(bench_report.svg_plot(results.get("scaling") or {}), encoding="utf-8")
    out.write_text(bench_report.page(results, svg.name, EXPLANATIONS), encoding="utf-8")
    # Key order is page order: the stored figures give back the same page.
    out.with_suffix(".json").write_text(json.dumps(_without_paths(results), indent=1) + "\n", encoding="utf-8")
    return svg


def _without_paths(value):
    """The figures without the run's temporary folders, which say nothing about the site."""
    if isinstance(value, dict):
        return {
            k: _without_paths(v)
            for k, v in value.items()
            if not (k in ("root", "site") and isinstance(v, str) and v.startswith("/"))
        }
    if isinstance(value, list):
        return [_without_paths(v) for v in value]
    return value


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pancreas_kb.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        default=os.environ.get("BENCH_QUICK") == "1",
        help=f"sizes {QUICK_SIZES}, one run each",
    )
    parser.add_argument("--parts", default=",".join(DEFAULT_PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    parser.add_argument(
        "--mutate", default="", help="mutation part: mutmut name patterns, space-separated (default: every module)"
    )
    parser.add_argument(
        "--mutation-stage",
        type=Path,
        default=None,
        help="mutation part: keep mutmut's copy of the project here and resume it on the next run",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "about" / "performance.md")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.parts.split(",")) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    parts = [p for p in PARTS if p in args.parts.split(",")]
    sizes, runs = (QUICK_SIZES, 1) if args.quick else (SIZES, RUNS)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        results = run(parts, sizes, runs, workdir.resolve(), log, args.mutate.split(), args.mutation_stage)
    previous = None if set(parts) == set(PARTS) else load(args.out.with_suffix(".json"))
    svg = write(merge(previous, results), args.out)
    log(f"wrote {args.out}, {svg} and {args.out.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
