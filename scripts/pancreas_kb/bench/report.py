"""The benchmark's results page and plot, from the results of one run.

Pure functions from the results dictionary to text: the targets are judged here,
each with a plain reason when it is missed or could not be measured.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

import yaml

from . import mutation as mutation_runner

CITATION_RATIO_TARGET = 1.25
# The project's strict build against a bare Material build of the same Markdown (CPU).
BARE_RATIO_TARGET = 1.5
# Linear growth: the cost of one more page at the largest sizes is at most this
# many times its cost at the smallest sizes (quadratic growth from 50 to 1,000
# pages would make it several times larger).
LINEAR_SLOPE_TOLERANCE = 1.2
# The real site with one Spanish page against English only (CPU): a library that builds
# the site again per language costs about 2x; each translation must cost what a page costs.
TRANSLATION_RATIO_TARGET = 1.1
# mkdocs-static-i18n 1.3.1 measured once by hand on 6 December 2026 (the real site plus one
# Spanish page, CPU, median of 5 runs alternated with the same site without it); the
# package is not installed, so `make bench` cannot measure it again (CONTRIBUTING, section 15).
STATIC_I18N_RATIO = 1.60
# The largest synthetic site (1,000 pages) builds, with citations, within this (CPU).
LARGEST_BUILD_TARGET_S = 90
# From saving a page to the browser showing the new text under `make serve` (median).
SERVE_RELOAD_TARGET_S = 1.5
# Lighthouse budgets (mobile): performance at least this, the other categories 100.
LIGHTHOUSE_PERFORMANCE_BUDGET = 95
LIGHTHOUSE_FULL_MARKS = ("accessibility", "best-practices", "seo")
PART_NAMES = {
    "scaling": "Build scaling",
    "real": "Real site",
    "checker": "Checker",
    "weight": "Page weight",
    "lighthouse": "Lighthouse",
    "search": "Search",
    "packets": "Review packets",
    "tests": "Tests",
    "mutation": "Mutation testing",
}
# A packet a reviewer can finish: its words at most this many times its page's.
PACKET_RATIO_TARGET = 2.5
# `make test`: lint, strict build, make check and every test, on the 2-core machine (wall-clock).
TESTS_TARGET_S = 300
SEARCH_HIT_RATE_TARGET = 0.95
SEARCH_TARGET = (
    f"Search: the answer among the first 3 results for {SEARCH_HIT_RATE_TARGET:.0%} of the search-quality set"
)
PATIENT_FIRST_LOAD_TARGET = 100_000  # compressed bytes
PAGE_DESCRIPTION = (
    "How fast the site builds and checks, and how heavy its pages are: "
    "figures from the benchmark, with the targets they meet or miss."
)


@dataclass
class Verdict:
    target: str
    status: str  # PASS, FAIL or NOT MEASURED
    detail: str


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _kb(value: int) -> str:
    return f"{value / 1000:.1f} KB"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def citation_ratios(scaling: dict) -> dict[int, float | None]:
    return {size: _ratio(row["cite"]["cpu"], row["nocite"]["cpu"]) for size, row in scaling.items()}


def slopes(points: list[tuple[int, float]]) -> list[float]:
    """Seconds per extra page between consecutive sizes."""
    return [(t2 - t1) / (n2 - n1) for (n1, t1), (n2, t2) in itertools.pairwise(points)]


def judge_ratio(scaling: dict) -> Verdict:
    ratios = citation_ratios(scaling)
    target = f"Citations cost at most {CITATION_RATIO_TARGET}x the build time without them"
    if not ratios or any(r is None for r in ratios.values()):
        return Verdict(target, "NOT MEASURED", "a build failed; see the build scaling section")
    worst = max(ratios, key=lambda size: ratios[size])
    if ratios[worst] <= CITATION_RATIO_TARGET:
        return Verdict(target, "PASS", f"at most {ratios[worst]:.2f}x (at {worst} pages)")
    return Verdict(target, "FAIL", f"{ratios[worst]:.2f}x at {worst} pages; see why below the table")


def judge_largest(scaling: dict) -> Verdict:
    size = max(scaling, key=int)
    target = f"The {int(size):,}-page site builds in at most {LARGEST_BUILD_TARGET_S} s of CPU"
    cpu = scaling[size]["cite"]["cpu"]
    if cpu is None:
        return Verdict(target, "NOT MEASURED", "its build failed; see the build scaling section")
    return Verdict(target, "PASS" if cpu <= LARGEST_BUILD_TARGET_S else "FAIL", _s(cpu))


def judge_serve(real: dict) -> Verdict:
    target = f"Saving a page shows the new text under make serve within {SERVE_RELOAD_TARGET_S} s (median)"
    serve = real.get("serve") or {}
    if serve.get("error") or serve.get("median_to_reload") is None:
        return Verdict(target, "NOT MEASURED", serve.get("error", "not measured in this run")[:200])
    seconds = serve["median_to_reload"]
    detail = _s(seconds)
    if serve.get("median_cpu") is not None:
        detail += f" (of which {_s(serve['median_cpu'])} CPU in the mkdocs serve process)"
    return Verdict(target, "PASS" if seconds <= SERVE_RELOAD_TARGET_S else "FAIL", detail)


def judge_bare(real: dict) -> Verdict:
    target = f"The strict build costs at most {BARE_RATIO_TARGET}x the CPU of a bare Material build"
    ratio = _ratio((real.get("build") or {}).get("cpu"), (real.get("bare") or {}).get("cpu"))
    if ratio is None:
        return Verdict(target, "NOT MEASURED", "a build failed, or the real-site part has not run since it was added")
    detail = f"{ratio:.1f}x ({_s(real['build']['cpu'])} against {_s(real['bare']['cpu'])})"
    return Verdict(target, "PASS" if ratio <= BARE_RATIO_TARGET else "FAIL", detail)


def judge_translation(real: dict) -> Verdict:
    target = f"One Spanish page costs at most {TRANSLATION_RATIO_TARGET}x the English-only build (CPU)"
    cost = real.get("translation") or {}
    ratio = _ratio((cost.get("spanish") or {}).get("cpu"), (cost.get("english") or {}).get("cpu"))
    if ratio is None:
        return Verdict(target, "NOT MEASURED", "a build failed, or the real-site part has not run since it was added")
    detail = (
        f"{ratio:.2f}x ({_s(cost['spanish']['cpu'])} against {_s(cost['english']['cpu'])}); "
        f"mkdocs-static-i18n, measured once: {STATIC_I18N_RATIO:.2f}x"
    )
    return Verdict(target, "PASS" if ratio <= TRANSLATION_RATIO_TARGET else "FAIL", detail)


def judge_linear(scaling: dict, variant: str = "cite") -> Verdict:
    target = "Build time grows linearly with the number of pages"
    points = [(size, row[variant]["cpu"]) for size, row in sorted(scaling.items())]
    if len(points) < 3 or any(t is None for _, t in points):
        return Verdict(target, "NOT MEASURED", "needs at least three sizes that built")
    per_page = slopes(points)
    growth = per_page[-1] / per_page[0] if per_page[0] > 0 else float("inf")
    detail = (
        f"one more page costs {1000 * per_page[0]:.0f} ms at {points[0][0]}-{points[1][0]} pages "
        f"and {1000 * per_page[-1]:.0f} ms at {points[-2][0]}-{points[-1][0]} pages ({growth:.1f}x)"
    )
    return Verdict(target, "PASS" if growth <= LINEAR_SLOPE_TOLERANCE else "FAIL", detail)


def judge_weight(weights: dict, reference: dict | None) -> list[Verdict]:
    verdicts = []
    for label, weight in weights.items():
        target = f"{label}: no heavier than a default Material page"
        if reference is None:
            verdicts.append(Verdict(target, "NOT MEASURED", "the default Material page could not be measured"))
            continue
        over = [
            f"{_kb(weight[k])} {name} against {_kb(reference[k])}"
            for k, name in (("raw", "uncompressed"), ("gzip", "compressed"))
            if weight[k] > reference[k]
        ]
        if over:
            extra = sorted(
                ((weight["kinds"][k]["raw"] - reference["kinds"][k]["raw"], k) for k in weight["kinds"]), reverse=True
            )
            parts = ", ".join(f"{k} +{_kb(diff)}" for diff, k in extra if diff > 0)
            verdicts.append(Verdict(target, "FAIL", "; ".join(over) + f"; heavier parts (uncompressed): {parts}"))
        else:
            verdicts.append(
                Verdict(
                    target,
                    "PASS",
                    f"{_kb(weight['raw'])} uncompressed, {_kb(weight['gzip'])} "
                    f"compressed (default Material: {_kb(reference['raw'])}, "
                    f"{_kb(reference['gzip'])})",
                )
            )
        third = weight["third_party"]
        verdicts.append(
            Verdict(
                f"{label}: no request to another origin",
                "FAIL" if third else "PASS",
                ", ".join(third) if third else "none",
            )
        )
    return verdicts


def judge_lighthouse(scores: dict) -> list[Verdict]:
    """The mobile budget for each page Lighthouse measured."""
    verdicts = []
    for label, preset, result in scores.get("runs") or []:
        if preset != "mobile":
            continue
        target = (
            f"{label}: Lighthouse mobile budget (performance {LIGHTHOUSE_PERFORMANCE_BUDGET}+, "
            "accessibility, best practices and SEO 100)"
        )
        if "error" in result:
            verdicts.append(Verdict(target, "NOT MEASURED", "Lighthouse could not run; see the Lighthouse section"))
            continue
        labels = {
            "performance": "performance",
            "accessibility": "accessibility",
            "best-practices": "best practices",
            "seo": "SEO",
        }
        detail = ", ".join(f"{labels[name]} {result.get(name, '–')}" for name in labels)
        if result.get("runs", 1) > 1:
            low, high = result["performance_range"]
            detail += f" (medians of {result['runs']} runs; performance {low}–{high})"
        met = result.get("performance", 0) >= LIGHTHOUSE_PERFORMANCE_BUDGET and all(
            result.get(name) == 100 for name in LIGHTHOUSE_FULL_MARKS
        )
        verdicts.append(Verdict(target, "PASS" if met else "FAIL", detail))
    return verdicts


def front_matter() -> str:
    meta = {"title": "Performance", "description": PAGE_DESCRIPTION, "audience": "all", "review_status": "submitted"}
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def svg_plot(scaling: dict, width: int = 640, height: int = 400) -> str:
    """Build time (CPU seconds, median) against pages, with and without citations."""
    series = {"With citations": ("cite", "#3f51b5"), "Without citations": ("nocite", "#e65100")}
    points = {
        name: [(size, row[variant]["cpu"]) for size, row in sorted(scaling.items()) if row[variant]["cpu"] is not None]
        for name, (variant, _) in series.items()
    }
    left, right, top, bottom = 64, 24, 48, 56
    max_x = max([size for size in scaling] or [1])
    max_y = max([t for pts in points.values() for _, t in pts] or [1]) * 1.1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(pages: float) -> float:
        return left + plot_w * pages / max_x

    def y(seconds: float) -> float:
        return top + plot_h * (1 - seconds / max_y)

    desc = "; ".join(f"{name}: " + ", ".join(f"{n} pages {t:.1f} s" for n, t in pts) for name, pts in points.items())
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="title desc" font-family="sans-serif" font-size="12">',
        '<title id="title">Build time against number of pages</title>',
        f'<desc id="desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{width / 2}" y="24" text-anchor="middle" font-size="15">Build time against pages '
        "(median CPU seconds)</text>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333"/>',
    ]
    for size in sorted(scaling):
        out.append(f'<text x="{x(size):.1f}" y="{top + plot_h + 18}" text-anchor="middle">{size}</text>')
    for i in range(6):
        seconds = max_y * i / 5
        out.append(
            f'<line x1="{left}" y1="{y(seconds):.1f}" x2="{left + plot_w}" y2="{y(seconds):.1f}" stroke="#ddd"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y(seconds) + 4:.1f}" text-anchor="end">{seconds:.0f}</text>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 12}" text-anchor="middle">Pages</text>')
    out.append(f'<text transform="translate(16 {top + plot_h / 2}) rotate(-90)" text-anchor="middle">Seconds</text>')
    for row, (name, (_, colour)) in enumerate(series.items()):
        pts = points[name]
        if pts:
            path = " ".join(f"{x(n):.1f},{y(t):.1f}" for n, t in pts)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
            out += [f'<circle cx="{x(n):.1f}" cy="{y(t):.1f}" r="4" fill="{colour}"/>' for n, t in pts]
        legend_y = top + 8 + 18 * row
        out.append(f'<rect x="{left + 12}" y="{legend_y - 9}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{left + 30}" y="{legend_y + 1}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _machine(machine: dict) -> str:
    rows = [[k, str(v)] for k, v in machine.items()]
    return table(["Machine and tools", "Value"], rows)


def _scaling_section(scaling: dict, svg_name: str) -> list[str]:
    if not scaling:
        return ["Not measured in this run.", ""]
    rows = []
    for size, row in sorted(scaling.items()):
        cite, nocite = row["cite"], row["nocite"]
        ratio = _ratio(cite["cpu"], nocite["cpu"])
        rows.append(
            [
                str(size),
                _s(cite["cpu"]),
                _s(nocite["cpu"]),
                "–" if ratio is None else f"{ratio:.2f}x",
                _s(cite["wall"]),
                _s(nocite["wall"]),
                f"{row['site_bytes'] / 1e6:.1f} MB",
            ]
        )
    out = [
        table(
            ["Pages", "With citations (CPU)", "Without (CPU)", "Ratio", "With (wall)", "Without (wall)", "Built site"],
            rows,
        ),
        "",
    ]
    errors = [
        f"- {size} pages, {variant}: {row[variant]['error']}"
        for size, row in sorted(scaling.items())
        for variant in ("cite", "nocite")
        if row[variant].get("error")
    ]
    if errors:
        out += ["Failed builds:", "", *errors, ""]
    out += [
        f"![Build time against pages, with and without citations; the figures are in the table above]({svg_name})",
        "",
    ]
    return out


def _check_section(checks: dict) -> list[str]:
    if not checks:
        return ["Not measured in this run.", ""]
    rows = []
    for site, result in checks.items():
        base = result["check"]["wall"]
        for tool, name in (
            ("check", "make check (pancreas_kb.checker.check)"),
            ("linkinator", "linkinator"),
            ("linkchecker", "LinkChecker"),
        ):
            timing = result.get(tool, {})
            if timing.get("wall") is None:
                rows.append(
                    [
                        site,
                        name,
                        "could not run",
                        "–",
                        (timing.get("error") or "")[:200].replace("|", "/").replace("\n", " "),
                    ]
                )
                continue
            ratio = _ratio(timing["wall"], base)
            found = f"{timing['links']} links" if "links" in timing else ""
            if tool == "check":
                found = f"exit status {', '.join(map(str, timing['exit_codes']))} (1: it reported findings)"
            rows.append([site, name, _s(timing["wall"]), "–" if ratio is None else f"{ratio:.2f}x", found])
    return [table(["Site", "Checker", "Wall time (median)", "Time against make check", "Notes"], rows), ""]


def _weight_section(weights: dict, reference: dict | None, reference_note: str) -> list[str]:
    if not weights:
        return ["Not measured in this run.", ""]
    columns = dict(weights)
    if reference is not None:
        columns["Default Material page"] = reference
    header = ["Part"] + [f"{label} (raw / gzip)" for label in columns]
    rows = []
    for kind in ("html", "css", "js", "search index", "other"):
        rows.append(
            [kind] + [f"{_kb(w['kinds'][kind]['raw'])} / {_kb(w['kinds'][kind]['gzip'])}" for w in columns.values()]
        )
    rows.append(["**total**"] + [f"**{_kb(w['raw'])} / {_kb(w['gzip'])}**" for w in columns.values()])
    rows.append(["requests"] + [str(w["requests"]) for w in columns.values()])
    rows.append(["requests to other origins"] + [str(len(w["third_party"])) for w in columns.values()])
    return [table(header, rows), "", reference_note, ""]


def _metric(name: str, value: float | None) -> str:
    if value is None:
        return "–"
    if name == "CLS":
        return f"{value:.3f}"
    return f"{value:.0f} ms" if name == "TBT" else f"{value / 1000:.1f} s"


def _lighthouse_section(scores: dict) -> list[str]:
    if not scores.get("runs"):
        return [scores.get("note", "Not measured in this run."), ""]
    rows, metric_rows = [], []
    for label, preset, result in scores["runs"]:
        if "error" in result:
            rows.append(
                [
                    label,
                    preset,
                    "could not run: " + result["error"][:150].replace("|", "/").replace("\n", " "),
                    "",
                    "",
                    "",
                    "",
                ]
            )
            continue
        performance = str(result.get("performance", "–"))
        if result.get("performance_range") and result.get("runs", 1) > 1:
            performance += " ({}–{})".format(*result["performance_range"])
        rows.append(
            [label, preset, performance]
            + [str(result.get(c, "–")) for c in ("accessibility", "best-practices", "seo")]
            + [str(result.get("runs", 1)) + (f" ({result['failed_runs']} failed)" if result.get("failed_runs") else "")]
        )
        metrics = result.get("metrics") or {}
        metric_rows.append(
            [label, preset] + [_metric(name, metrics.get(name)) for name in ("FCP", "LCP", "TBT", "CLS", "SI")]
        )
    out = [
        table(["Page", "Form factor", "Performance (range)", "Accessibility", "Best practices", "SEO", "Runs"], rows),
        "",
    ]
    # Each result is the median of its runs (bench_browser.lighthouse_median), with the speed's [low, high].
    speeds = [speed for _, _, result in scores["runs"] for speed in result.get("benchmark_index", [])]
    if speeds:
        out += [
            f"Lighthouse's benchmark index of this machine during the runs (its own measure of CPU speed; "
            f"higher is faster): {min(speeds):.0f} to {max(speeds):.0f}. The machine is shared, and this "
            "spread is one reason the scores vary between runs.",
            "",
        ]
    if metric_rows:
        out += [
            "The metrics behind the performance score (medians): first and largest contentful paint, "
            "total blocking time, cumulative layout shift and speed index, as Lighthouse simulates them "
            "for its form factor.",
            "",
            table(["Page", "Form factor", "FCP", "LCP", "TBT", "CLS", "SI"], metric_rows),
            "",
        ]
    return out


def judge_search(search: dict) -> list[Verdict]:
    site = search.get("site")
    if not site:
        reason = search.get("note", "not measured in this run")
        return [Verdict(SEARCH_TARGET, "NOT MEASURED", reason)]
    rate = site["hit_rate"]
    load = site["patient_first_load"]["gzip"]
    return [
        Verdict(
            SEARCH_TARGET,
            "PASS" if rate >= SEARCH_HIT_RATE_TARGET else "FAIL",
            f"{rate:.0%} of {site['queries']} queries"
            + (
                f"; {site['no_audience']['hit_rate']:.0%} of the {site['no_audience']['queries']} run before the "
                "reader chooses an audience"
                if site.get("no_audience", {}).get("queries")
                else ""
            ),
        ),
        Verdict(
            "Patient page: first load at most 100 KB compressed, nothing of the search index",
            "PASS"
            if load <= PATIENT_FIRST_LOAD_TARGET and not site["patient_first_load"]["kinds"]["search index"]["raw"]
            else "FAIL",
            f"{_kb(load)} compressed, search index {_kb(site['patient_first_load']['kinds']['search index']['gzip'])}",
        ),
    ]


def _search_section(search: dict) -> list[str]:
    if not search.get("site"):
        return [search.get("note", "Not measured in this run."), ""]
    engines = [("Pagefind with the site's synonyms and audience ranking (now)", search["site"])]
    if search.get("theme"):
        engines.append(("The theme's built-in search, lunr (before)", search["theme"]))
    rows = [
        [
            name,
            f"{e['hit_rate']:.0%} ({e['queries'] - len(e['misses'])} of {e['queries']})",
            f"{_kb(e['patient_first_load']['gzip'])} ({_kb(e['patient_first_load']['kinds']['search index']['gzip'])} "
            "of it the search index)",
        ]
        for name, e in engines
    ]
    first = search["site"].get("first_search")
    out = [table(["Search", "Top-3 hit rate", "Patient page first load, compressed"], rows), ""]
    if first:
        out += [
            f"The site's search fetches nothing until the reader types; a first search for "
            f'"{first["query"]}" then fetched {_kb(first["gzip"])} in {first["requests"]} requests '
            "(the search program, its word lists and the matching pages' excerpts), all from this site.",
            "",
        ]
    if search.get("theme_note"):
        out += [search["theme_note"], ""]
    for name, engine in engines:
        if engine["misses"]:
            out += [
                f"Missed by {name.split(' (')[0].lower()}: "
                + "; ".join(f'"{m["query"]}" ({m["who"] or "no audience chosen"})' for m in engine["misses"])
                + ".",
                "",
            ]
    return out


def _shares(profile: dict) -> list[tuple[str, float]]:
    """Each part's share of a profiled build, then Python-Markdown's, then the rest, largest parts first."""
    total = profile["profiled"]
    rows = [(f"knowledge-base plugin: {part}", seconds / total) for part, seconds in profile["parts"].items()]
    return [
        *(row for row in rows if row[1] >= 0.005),  # under half a percent: not worth a line
        ("Python-Markdown and the site's Markdown extensions", profile["markdown"] / total),
        ("MkDocs, Material's templates and the rest", profile["rest"] / total),
    ]


def profile_section(real: dict) -> list[str]:
    """Where the time goes, from this run's cProfile of one strict build and one rebuild under mkdocs serve."""
    profiles = real.get("profile") or {}
    build, serve = profiles.get("build") or {}, profiles.get("serve") or {}
    if "profiled" not in build:
        return []
    rebuild = dict(_shares(serve)) if "profiled" in serve else {}
    rows = [
        [name, f"{share:.0%}", f"{rebuild[name]:.0%}" if name in rebuild else "–"] for name, share in _shares(build)
    ]
    rows += [[name, "–", f"{share:.0%}"] for name, share in _shares(serve) if name not in dict(_shares(build))]
    return [
        "### Where the time goes",
        "",
        "One strict build, and one rebuild under `mkdocs serve` (the second build in one process, as a saved "
        "page makes it), each profiled with cProfile in this run: the share of the profiled time in each part "
        "of the knowledge-base plugin, in Python-Markdown (with the site's extensions: pymdownx, footnotes, "
        "the citations' numbering), and in MkDocs and the theme's templates. Pagefind, a program of its own, "
        f"is not in the profile: it used {_s(build.get('programs'))} CPU in the strict build.",
        "",
        table(["Where", "Strict build", "Rebuild under mkdocs serve"], rows),
        "",
    ]


def _scope(mutation: dict) -> str:
    scope = mutation.get("scope") or ["all"]
    return "every module" if scope == ["all"] else ", ".join(f"`{s}`" for s in scope)


def judge_mutation(mutation: dict) -> list[Verdict]:
    rate_target = f"Mutation testing: the tests catch at least {mutation_runner.KILL_RATE_TARGET:.0%} of the mutants"
    explained_target = "Mutation testing: every surviving mutant is killed or explained as equivalent"
    if mutation.get("error") or mutation.get("kill rate") is None:
        reason = "mutmut did not finish; see the mutation testing section"
        return [Verdict(rate_target, "NOT MEASURED", reason), Verdict(explained_target, "NOT MEASURED", reason)]
    rate = mutation["kill rate"]
    detail = f"{rate:.1%} of {mutation['caught'] + mutation['missed']:,} mutants of {_scope(mutation)}"
    unexplained = mutation["unexplained survivors"]
    return [
        Verdict(rate_target, "PASS" if rate >= mutation_runner.KILL_RATE_TARGET else "FAIL", detail),
        Verdict(
            explained_target,
            "FAIL" if unexplained else "PASS",
            f"{len(unexplained)} survivors not yet explained" if unexplained else "none left unexplained",
        ),
    ]


def _mutation_section(mutation: dict) -> list[str]:
    if not mutation:
        return ["Not measured yet.", ""]
    if mutation.get("error"):
        return ["mutmut did not finish: " + mutation["error"][-300:].replace("\n", " "), ""]
    rows = [
        ["Modules mutated", _scope(mutation)],
        ["Mutants", f"{mutation['mutants']:,}"],
        ["Caught (a test failed, or the mutant hung or crashed)", f"{mutation['caught']:,}"],
        ["Missed (no test failed, or no fast test runs the code)", f"{mutation['missed']:,}"],
        ["Equivalent, explained in `tests/mutation-survivors/`", f"{mutation['equivalent']:,}"],
        ["Kill rate (caught of caught and missed)", f"{mutation['kill rate']:.1%}"],
        [
            "Caught of all mutants, the equivalent ones counted as missed",
            f"{mutation['caught'] / mutation['mutants']:.1%}",
        ],
        ["Time", f"{mutation['seconds'] / 60:.0f} minutes"],
    ]
    if mutation.get("resumed"):
        rows[-1][0] = "Time of this run"
        rows.append(
            [
                "Resumed from a kept copy (`make mutation STAGE=`)",
                "mutants of functions unchanged since an earlier run kept their verdicts; mutmut ran the others, "
                f"then the {mutation['survivors run again']:,} earlier survivors again",
            ]
        )
    out = [table(["Measure", "Value"], rows), ""]
    unexplained = mutation["unexplained survivors"]
    if unexplained:
        shown = ", ".join(f"`{name}`" for name in unexplained[:12])
        more = f" and {len(unexplained) - 12} more" if len(unexplained) > 12 else ""
        out += [f"Survivors not yet killed or explained: {shown}{more}.", ""]
    stale = mutation.get("stale entries") or []
    if stale:
        out += [
            f"Listed as equivalent but caught or gone ({len(stale)}; remove them): "
            + ", ".join(f"`{name}`" for name in stale[:12])
            + ("" if len(stale) <= 12 else f" and {len(stale) - 12} more")
            + ".",
            "",
        ]
    return out


def judge_packets(packets: dict) -> list[Verdict]:
    names = (
        "Review packets: the largest at most 2.5x its page's words",
        "Review packets: no passage shown twice for one claim",
    )
    rows = packets.get("pages")
    if not rows:
        return [Verdict(name, "NOT MEASURED", packets.get("note", "not measured in this run")) for name in names]
    largest = next(r for r in rows if r["page"] == packets["largest"])
    repeats = sum(r["repeated"] for r in rows)
    return [
        Verdict(
            names[0],
            "PASS" if largest["ratio"] is not None and largest["ratio"] <= PACKET_RATIO_TARGET else "FAIL",
            f"{largest['page']}: {largest['packet_words']:,} words for a page of {largest['page_words']:,} "
            f"({largest['ratio']}x)",
        ),
        Verdict(names[1], "PASS" if not repeats else "FAIL", f"{repeats} claims with a passage twice"),
    ]


def _packets_section(packets: dict) -> list[str]:
    rows = packets.get("pages")
    if not rows:
        return [packets.get("note", "Not measured in this run."), ""]
    wpm = packets["words_per_minute"]
    medians = "; ".join(f"{audience} pages {m:.0f} minutes" for audience, m in packets["median_minutes"].items())
    return [
        table(
            ["Page", "Page words", "Packet words", "Ratio", f"Reading time at {wpm} words a minute", "Claims"],
            [
                [
                    f"`{r['page']}`",
                    f"{r['page_words']:,}",
                    f"{r['packet_words']:,}",
                    f"{r['ratio']}x" if r["ratio"] is not None else "–",
                    f"{r['minutes']:.0f} min",
                    str(r["claims"]),
                ]
                for r in rows
            ],
        ),
        "",
        f"Median reading time of a packet with claims: {medians}. The [Review for us](review-for-us.md) page "
        "quotes these times to clinicians.",
        "",
    ]


def measured_explanations(results: dict) -> dict[str, tuple[str, str]]:
    """Why the build and serve targets are missed, in this run's own figures (none when not measured)."""
    real = results.get("real") or {}
    profiles = real.get("profile") or {}
    build, serve = profiles.get("build") or {}, real.get("serve") or {}
    out = {}
    if "profiled" in build:
        shares = _shares(build)
        ours = sum(share for name, share in shares if name.startswith("knowledge-base"))
        largest = ", ".join(
            f"{name.split(': ')[1]} {share:.0%}" for name, share in shares[:3] if name.startswith("knowledge-base")
        )
        markdown = dict(shares)["Python-Markdown and the site's Markdown extensions"]
        out["bare Material build"] = (
            "Why the strict build costs more than 1.5x a bare Material build",
            f"In this run's profile (Where the time goes, below), the knowledge-base plugin's parts take {ours:.0%} "
            f"of the strict build (the largest: {largest}), Python-Markdown with the site's extensions "
            f"{markdown:.0%}, and Pagefind {_s(build.get('programs'))} of CPU besides. A bare Material build "
            "writes no review packets, checks no page, numbers no citation, shows no quote, runs only two "
            "Markdown extensions and builds no search index; those are the difference.",
        )
    if serve.get("median_to_reload") is not None:
        cpu = serve.get("median_cpu")
        spent = f"; the mkdocs serve process itself used {_s(cpu)} of CPU per rebuild" if cpu is not None else ""
        load = serve.get("load average", "not recorded")
        out["make serve within"] = (
            "Why saving a page takes longer than 1.5 s to show",
            f"From saving the page to the browser's reload took {_s(serve['median_to_reload'])} (median), of "
            f"which MkDocs reported {_s(serve['median_reported'])} as the rebuild{spent}. The rest of the wait "
            "is the file watcher noticing the save and, on a busy machine, waiting for a processor (load "
            f"average as it ended: {load}). MkDocs 1.6 rebuilds every page on a save.",
        )
    tests = results.get("tests") or {}
    if tests.get("ok"):
        out["make test takes under"] = (
            "Why make test takes longer than 5 minutes",
            f"It took {tests['wall'] / 60:.1f} minutes of wall-clock time for {tests['cpu'] / 60:.1f} minutes of "
            "CPU on 2 cores: where the CPU is more than twice the time allowed, no spreading over the two cores "
            "can meet the target; where it is less, the rest of the wait was for a processor that other work held.",
        )
    return out


def judge_tests(results: dict) -> Verdict:
    target = f"make test takes under {TESTS_TARGET_S // 60} minutes"
    tests = results.get("tests") or {}
    if not tests.get("ok"):
        return Verdict(target, "NOT MEASURED", "make test failed in this run" if tests else "not measured in this run")
    load = tests.get("load average", "not recorded")
    detail = f"{tests['wall'] / 60:.1f} min wall, {tests['cpu'] / 60:.1f} min CPU (load average at the end: {load})"
    return Verdict(target, "PASS" if tests["wall"] < TESTS_TARGET_S else "FAIL", detail)


def verdicts(results: dict) -> list[Verdict]:
    out = []
    if results.get("scaling"):
        out += [judge_ratio(results["scaling"]), judge_linear(results["scaling"]), judge_largest(results["scaling"])]
    if (results.get("real") or {}).get("build"):
        out += [judge_bare(results["real"]), judge_serve(results["real"]), judge_translation(results["real"])]
    weight = results.get("weight") or {}
    if weight.get("pages"):
        out += judge_weight(weight["pages"], weight.get("reference"))
    out += judge_lighthouse(results.get("lighthouse") or {})
    if results.get("search"):
        out += judge_search(results["search"])
    if results.get("packets"):
        out += judge_packets(results["packets"])
    if results.get("tests"):
        out.append(judge_tests(results))
    if results.get("mutation"):
        out += judge_mutation(results["mutation"])
    return out


def page(results: dict, svg_name: str, explanations: dict[str, str]) -> str:
    """The whole results page. `explanations`: words of a target -> (heading, why it fails in plain words)."""
    machine = results["machine"]
    judged = verdicts(results)
    out = [
        front_matter(),
        "# Performance",
        "",
        f"Figures from `make bench`, on a machine with {machine['cores']} cores and {machine['memory']} of "
        "memory. Each time is a median of several runs (the table below says how many); with and without "
        "citations were built alternately, so a change in the machine's load affects both alike. Times marked "
        "CPU are the processor time of the build and are the ones judged: on a shared machine, other work "
        "stretches the wall-clock time but hardly the CPU time. Run `make bench` to measure again; it "
        "rewrites this page, its plot and its figures (`performance.json`). "
        "`make bench PARTS=lighthouse` measures one part again and keeps the others.",
        "",
    ]
    measured = results.get("measured") or {
        part: {"date": machine["date"], "runs_note": results["runs_note"]} for part in results.get("parts", [])
    }
    out += [
        table(
            ["Part", "Measured", "Runs"],
            [
                [name, measured[part]["date"], measured[part]["runs_note"]]
                for part, name in PART_NAMES.items()
                if part in measured
            ],
        ),
        "",
    ]
    out += [
        "## Targets",
        "",
        table(["Target", "Result", "Detail"], [[v.target, f"**{v.status}**", v.detail] for v in judged]),
        "",
    ]
    failing = [v.target for v in judged if v.status == "FAIL"]
    for target_words, (title, why) in {**explanations, **measured_explanations(results)}.items():
        if any(target_words in target for target in failing):
            out += [f"**{title}:** {why}", ""]
    out += [
        "## Build scaling",
        "",
        "Synthetic sites of the sizes below, each page citing 10 of 500 bibliography entries, built with "
        "the project's configuration (theme, hooks, extensions) and again without citations: the bibtex "
        "plugin and the citation hook removed, the citation markers left in the text as plain text so both "
        "builds read the same words.",
        "",
    ]
    out += _scaling_section(results.get("scaling") or {}, svg_name)
    real = results.get("real") or {}
    out += ["## Real site", ""]
    if real:
        build, serve = real.get("build", {}), real.get("serve", {})
        rows = [["Full strict build (CPU)", _s(build.get("cpu"))], ["Full strict build (wall)", _s(build.get("wall"))]]
        if real.get("bare"):
            rows.append(["Bare Material build of the same Markdown (CPU)", _s(real["bare"].get("cpu"))])
        cost = real.get("translation") or {}
        if cost.get("english") and cost.get("spanish"):
            rows += [
                ["Copy of the real site, English only (CPU)", _s(cost["english"].get("cpu"))],
                [f"The same with {cost['page']} translated into Spanish (CPU)", _s(cost["spanish"].get("cpu"))],
            ]
        if serve.get("error"):
            rows.append(["Rebuild after editing one page under mkdocs serve", "could not measure: " + serve["error"]])
        elif serve:
            rows += [
                [f"Edit of {serve['page']} to browser reload under mkdocs serve", _s(serve["median_to_reload"])],
                ["Rebuild time reported by mkdocs serve", _s(serve["median_reported"])],
            ]
            if serve.get("median_cpu") is not None:
                rows.append(["CPU of the mkdocs serve process per rebuild", _s(serve["median_cpu"])])
        if build.get("error"):
            rows.append(["Build failed", build["error"][:300].replace("|", "/").replace("\n", " ")])
        out += [
            f"{real.get('pages', '?')} pages; MkDocs 1.6 rebuilds every page when one changes.",
            "",
            table(["Measure", "Median"], rows),
            "",
        ]
        out += profile_section(real)
    else:
        out += ["Not measured in this run.", ""]
    out += [
        "## Checker",
        "",
        "`make check` (the checker step, on a site already built) against two link checkers crawling the "
        "same built site from a local server. The link checkers check internal links only, as "
        "`make check` does offline; `make check` also checks front matter, citations and the bibliography. "
        "Wall-clock time, since a crawler's work is shared with the server. The link checkers run once each: "
        "on the synthetic site every page links to every other through the navigation, and a crawl takes "
        "minutes.",
        "",
    ]
    out += _check_section(results.get("checker") or {})
    weight = results.get("weight") or {}
    out += [
        "## Page weight",
        "",
        "Everything transferred on the first load of each page in headless Chromium with an empty cache, "
        "served locally as GitHub Pages serves it (under the published path, text compressed). Raw sizes "
        "are the uncompressed bodies; compressed sizes are each response compressed with gzip at level 6. "
        "KB are 1,000 bytes.",
        "",
    ]
    out += _weight_section(weight.get("pages") or {}, weight.get("reference"), weight.get("reference_note", ""))
    out += [
        "## Lighthouse",
        "",
        "Lighthouse run against the same local server, with its default simulated throttling: a mid-range "
        "phone on a slow 4G network for mobile, a fast connection for desktop. Scores are medians of "
        "several runs, as Lighthouse's authors advise, because the performance score moves by a few points "
        "from run to run; the range of the performance score is shown beside it.",
        "",
    ]
    out += _lighthouse_section(results.get("lighthouse") or {})
    out += [
        "## Search",
        "",
        "The search-quality set (`scripts/pancreas_kb/bench/search_quality.yml`): questions patients and "
        "clinicians type, each with the page that should answer it, run in headless Chromium with the reader's "
        "audience set to the query's, or with none chosen (a first visit). A hit is the answer among the first "
        "three results. The theme's built-in search is measured on a build of the same pages with it in place "
        "of the site's search.",
        "",
    ]
    out += _search_section(results.get("search") or {})
    out += [
        "## Review packets {#packets}",
        "",
        "What a clinical reviewer reads: each packet built into the site (pages for patients and clinicians), "
        "its words (the text a reviewer reads, not its markup) against the words of the page it reviews, and "
        "the reading time at the packet's own estimate of 200 words a minute. Each passage is shown in full "
        "at the first claim it supports; a later claim refers to it by number.",
        "",
    ]
    out += _packets_section(results.get("packets") or {})
    out += [
        "## Mutation testing",
        "",
        "`make mutation`: mutmut makes small deliberate breakages (mutants) of the domain rules, the checker "
        "and the plugin, and runs the tests that cover each (the unit tests, and the site test that builds in "
        "the test's own process); a mutant no test fails survives. The "
        "weekly workflow runs every module; a run of some modules says which.",
        "",
    ]
    out += _mutation_section(results.get("mutation") or {})
    out += ["## Machine and tools", "", "Of the latest run.", "", _machine(machine), ""]
    return "\n".join(out)
