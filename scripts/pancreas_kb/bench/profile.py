"""Where a build's time goes: one build profiled with cProfile, its time shared out by plugin part.

Usage: python -m pancreas_kb.bench.profile CONFIG SITE_DIR [--serve]

Run by `make bench` in a process of its own. With --serve, the build is the second
of two in one process, as a `mkdocs serve` rebuild is (the optional parts left out,
what did not change kept from the first). Prints JSON: the profiled seconds of
each part of the knowledge-base plugin, of everything else (MkDocs, Material,
Python-Markdown and its extensions, mkdocs-bibtex) and of the programs the build
ran (Pagefind), so that the results page can say where the time goes.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import resource
import sys
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parents[1] / "plugin"
MARKDOWN = ("markdown/core.py", "convert")  # Python-Markdown turning each page into HTML, extensions included


def _cumulative(stats: pstats.Stats, ending: str, name: str) -> float:
    return sum(
        row[3] for (filename, _, function), row in stats.stats.items() if filename.endswith(ending) and function == name
    )


def shares(stats: pstats.Stats) -> dict[str, float]:
    """Seconds spent in each part: its event handlers (they never call one another) and the
    Markdown tree processor it registers (`run`, inside Python-Markdown's time)."""
    parts: dict[str, float] = {}
    for (filename, _, name), (_, _, _, cumulative, _) in stats.stats.items():
        path = Path(filename)
        if path.parent == PLUGIN_DIR and path.stem != "__init__" and (name.startswith("on_") or name == "run"):
            parts[path.stem] = parts.get(path.stem, 0.0) + cumulative
    return parts


def profile(config_file: str, site_dir: str, serve: bool) -> dict:
    from mkdocs.commands import build
    from mkdocs.config import load_config

    def configured():
        config = load_config(config_file, site_dir=site_dir)
        config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        return config

    if serve:
        build.build(configured(), serve_url="http://127.0.0.1:8000/")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    profiler = cProfile.Profile()
    profiler.runcall(build.build, configured(), **({"serve_url": "http://127.0.0.1:8000/"} if serve else {}))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats = pstats.Stats(profiler)
    parts = shares(stats)
    # The glossary's tree processor runs inside Python-Markdown: counted once, as the part's.
    markdown = _cumulative(stats, *MARKDOWN) - _cumulative(stats, "plugin/glossary.py", "run")
    return {
        "profiled": stats.total_tt,
        "parts": dict(sorted(parts.items(), key=lambda item: -item[1])),
        "markdown": markdown,
        "rest": stats.total_tt - sum(parts.values()) - markdown,
        "programs": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
    }


def main(argv: list[str]) -> int:
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    config_file, site_dir, *flags = argv
    print(json.dumps(profile(config_file, site_dir, "--serve" in flags)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
