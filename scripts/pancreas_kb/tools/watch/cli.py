"""`make watch`: list, page by page, what the saved literature searches found after each page's evidence date.

Usage: python -m pancreas_kb.tools.watch [--root DIR] [--file literature-watch.yml] [--format text|markdown]
                                     [--output FILE] [--search ID ...] [--today YYYY-MM-DD] [--check]

Needs the network, so it is never part of `make test` (its tests replay recorded
answers). A search that fails is reported in the output and the others still
run. Exit status: 0 the watch ran (failed searches included: the report says
which), 2 usage error or a malformed saved-search file (`--check` validates the
file and its pages without the network).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from pancreas_kb.checker.project_files import mkdocs_settings
from pancreas_kb.domain.findings import render

from . import report as reports
from .saved_searches import FILE, parse
from .sources import Fetch, FetchError, Response

TIMEOUT = 30.0
MAX_BYTES = 5_000_000  # far above any answer of LIMIT records; stops a runaway response
# NCBI allows three requests a second without an API key; one host at a time stays well under.
SPACING = 0.4


class HttpFetch:
    """GET with a timeout and a User-Agent that says who is asking, requests to one host spaced out."""

    def __init__(self, user_agent: str, timeout: float = TIMEOUT, spacing: float = SPACING):
        self.user_agent, self.timeout, self.spacing = user_agent, timeout, spacing
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def _wait(self, host: str) -> None:
        with self._lock:
            delay = self._last.get(host, 0.0) + self.spacing - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._last[host] = time.monotonic()

    def __call__(self, url: str) -> Response:
        self._wait(urlsplit(url).netloc)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read(MAX_BYTES)
        except urllib.error.HTTPError as error:
            try:
                return error.code, error.read(MAX_BYTES)
            except (OSError, http.client.HTTPException):
                return error.code, b""
            finally:
                error.close()
        except urllib.error.URLError as error:
            raise FetchError(str(error.reason)) from error
        except TimeoutError as error:
            raise FetchError(f"timed out after {self.timeout:g} s") from error
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"{type(error).__name__}: {error}") from error


def user_agent(root: Path) -> str:
    site = ""
    with contextlib.suppress(OSError, yaml.YAMLError):
        site = str(mkdocs_settings(root).get("site_url") or "")
    return "knowledge-base-literature-watch/1" + (f" (+{site})" if site else "")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD") from error


def main(argv: list[str] | None = None, fetch: Fetch | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pancreas_kb.tools.watch", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--file", default=FILE, help="the saved searches, relative to --root")
    parser.add_argument(
        "--format", choices=("text", "markdown"), default="text", help="markdown: the body of the weekly issue"
    )
    parser.add_argument("--output", type=Path, help="write the report here instead of to standard output")
    parser.add_argument("--search", action="append", metavar="ID", help="run only this saved search (repeatable)")
    parser.add_argument("--today", type=_date, default=None, help="the end of every date range (default: today)")
    parser.add_argument("--check", action="store_true", help="validate the saved searches and stop (no network)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2

    root = args.root
    try:
        text = (root / args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.file}:1: watch-file: cannot read the saved searches ({error})", file=sys.stderr)
        return 2
    searches, findings = parse(args.file, text, root / "docs")
    if findings:
        print(render(findings), file=sys.stderr)
        return 2
    every_search = searches
    if args.search:
        unknown = sorted(set(args.search) - {s.id for s in searches})
        if unknown:
            print(f"error: no saved search with id {', '.join(unknown)} in {args.file}", file=sys.stderr)
            return 2
        searches = [s for s in searches if s.id in args.search]
    if args.check:
        print(f"{args.file}: {len(searches)} saved searches, all valid")
        return 0

    today = args.today or dt.datetime.now(dt.UTC).date()
    result = reports.watch(searches, root / "docs", today, fetch or HttpFetch(user_agent(root)))
    result.unwatched = reports.unwatched_pages(every_search, root / "docs")
    output = reports.issue_body(result) if args.format == "markdown" else reports.render_text(result)
    if args.output:
        try:
            args.output.write_text(output, encoding="utf-8")
        except OSError as error:
            print(f"error: cannot write {args.output} ({error})", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(output)
    return 0
