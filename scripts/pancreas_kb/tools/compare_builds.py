"""Compare two builds of the site file by file: the proof that the generator can be swapped.

Usage: python -m pancreas_kb.tools.compare_builds SITE_A SITE_B

ProperDocs is a maintained fork of MkDocs 1.6; building with it must give the
same site. The only difference allowed is the generator's own name in
`<meta name="generator">`. The search index under `pagefind/` is left out: it
is made by the same Pagefind from the compared pages, and its chunk names and
bytes vary from run to run with the order of its internal hash maps (two builds
by MkDocs alone differ there too). Exit 0 same, 1 different, 2 usage.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import re
import sys
from pathlib import Path

GENERATOR_RE = re.compile(rb'<meta name="generator" content="[^"]*">')


def _normalised(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return GENERATOR_RE.sub(b'<meta name="generator">', data)


SEARCH_INDEX = "pagefind/"


def _files(site: Path) -> set[str]:
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {name for name in names if not name.startswith(SEARCH_INDEX)}


def differences(a: Path, b: Path) -> list[str]:
    """One line per difference: a file in one build only, or the first differing line of a file."""
    files_a, files_b = _files(a), _files(b)
    found = [f"{name}: only in {a}" for name in sorted(files_a - files_b)]
    found += [f"{name}: only in {b}" for name in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        left, right = _normalised(a / name), _normalised(b / name)
        if left == right:
            continue
        lines = difflib.unified_diff(
            left.decode("utf-8", "replace").splitlines(),
            right.decode("utf-8", "replace").splitlines(),
            lineterm="",
            n=0,
        )
        changed = [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        found.append(f"{name}: differs: {changed[0][:200] if changed else '(binary)'}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pancreas_kb.tools.compare_builds", description=__doc__.splitlines()[0]
    )
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    args = parser.parse_args(argv)
    for site in (args.site_a, args.site_b):
        if not site.is_dir():
            print(f"error: {site} is not a built site folder", file=sys.stderr)
            return 2
    found = differences(args.site_a, args.site_b)
    for line in found:
        print(line)
    print(f"compare: {len(found)} difference(s) between {args.site_a} and {args.site_b}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
