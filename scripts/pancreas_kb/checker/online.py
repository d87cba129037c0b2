"""`make check --online`: request every external link of the built site and resolve every DOI.

Never part of the default run: it needs the network, takes minutes, and its
verdicts change with other sites. The weekly links workflow runs it and keeps
one issue up to date. Requests run concurrently with a per-host limit, retry
with back-off on 429 and 5xx (honouring Retry-After up to a cap), follow
redirects by hand so that each one is reported, and good results are cached on
disk for a week, so a re-run only asks again about what failed.

Also: python -m pancreas_kb.checker.online --issue-body REPORT.json  (Markdown for the links issue)
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import http.client
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from pancreas_kb.domain import bibliography
from pancreas_kb.domain.findings import WARNING, Finding

from . import site_rules

OK, REDIRECTED, UNVERIFIED, BROKEN = "ok", "redirected", "unverified", "broken"
CACHE_FILE = Path(".cache/online-site_rules.json")
REDIRECT_CODES = (301, 302, 303, 307, 308)
# Publishers often refuse automated requests outright; such a link may work in a browser.
REFUSED_CODES = (401, 403)
DOI_HOSTS = ("doi.org", "dx.doi.org")


@dataclass(frozen=True)
class Options:
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0  # seconds before the first retry; doubled for each further one
    retry_after_cap: float = 60.0
    workers: int = 8
    per_host: int = 2
    max_redirects: int = 8
    cache_days: float = 7.0
    user_agent: str = "Mozilla/5.0 (compatible; knowledge-base-link-check)"


@dataclass(frozen=True)
class Result:
    url: str
    status: str
    code: int | None
    final_url: str
    detail: str
    checked: str  # ISO timestamp, for the cache's expiry


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects surface as HTTPError so each hop can be counted and reported."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def is_doi(url: str) -> bool:
    return urlsplit(url).netloc.lower() in DOI_HOSTS


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, min((when - dt.datetime.now(dt.UTC)).total_seconds(), cap))


def _request(url: str, options: Options) -> tuple[int, dict[str, str]]:
    """One GET, body unread: (status, headers); connection errors raise OSError."""
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent, "Accept": "*/*"})
    try:
        with _opener.open(request, timeout=options.timeout) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        headers = dict(error.headers or {})
        error.close()
        return error.code, headers
    except http.client.HTTPException as error:  # e.g. the server closed without a reply
        raise OSError(f"{type(error).__name__}: {error}") from error


def _follow(url: str, options: Options, follow: bool) -> tuple[int, str, list[int], dict[str, str]]:
    current, hops = url, []
    for _ in range(options.max_redirects + 1):
        code, headers = _request(current, options)
        location = headers.get("Location") or headers.get("location")
        if code not in REDIRECT_CODES or not location:
            return code, current, hops, headers
        hops.append(code)
        current = urljoin(current, location)
        if not follow:
            return code, current, hops, headers
    return code, current, hops, headers


def check_url(url: str, options: Options, now: str, sleep: Callable[[float], None] = time.sleep) -> Result:
    """The verdict on one URL. A DOI counts as resolved once doi.org redirects it to the publisher."""
    doi = is_doi(url)
    for attempt in range(options.retries + 1):
        try:
            code, final, hops, headers = _follow(url, options, follow=not doi)
        except (OSError, ValueError) as error:
            code, final, hops, headers = None, url, [], {}
            detail = str(getattr(error, "reason", None) or error) or type(error).__name__
        else:
            detail = f"HTTP {code}"
            if doi and hops:
                return Result(url, OK, code, final, f"resolves to {final}", now)
            if code < 400 and code not in REDIRECT_CODES:
                if hops:
                    return Result(
                        url, REDIRECTED, code, final, f"redirects ({', '.join(map(str, hops))}) to {final}", now
                    )
                return Result(url, OK, code, final, detail, now)
            if code in REDIRECT_CODES:
                if len(hops) > options.max_redirects:
                    return Result(url, BROKEN, code, final, f"more than {options.max_redirects} redirects", now)
                return Result(url, BROKEN, code, final, f"HTTP {code} redirects without a Location header", now)
            if code in REFUSED_CODES:
                return Result(
                    url,
                    UNVERIFIED,
                    code,
                    final,
                    f"HTTP {code}: the server refused an automated request; open the link in a browser",
                    now,
                )
            if code != 429 and code < 500:
                return Result(url, BROKEN, code, final, detail, now)
        if attempt < options.retries:
            wait = _retry_after(headers.get("Retry-After") or headers.get("retry-after"), options.retry_after_cap)
            sleep(wait if wait is not None else options.backoff * (2**attempt))
    return Result(url, BROKEN, code, final, f"{detail} after {options.retries + 1} attempts", now)


class _HostLimit:
    """At most `limit` requests at a time to one host: polite, and fewer 429s."""

    def __init__(self, limit: int):
        self.limit = limit
        self.lock = threading.Lock()
        self.hosts: dict[str, threading.Semaphore] = {}

    def __call__(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).hostname  # lower case, as urllib gives it
        with self.lock:
            return self.hosts.setdefault(host, threading.Semaphore(self.limit))


def load_cache(path: Path, options: Options, now: dt.datetime) -> dict[str, Result]:
    """Cached verdicts still fresh; failures are never cached, so they are asked again each run."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        fresh = {}
        for url, item in raw["results"].items():
            result = Result(**item)
            age = now - dt.datetime.fromisoformat(result.checked)
            if result.status != BROKEN and age <= dt.timedelta(days=options.cache_days):
                fresh[url] = result
        return fresh
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}  # no cache, or one from another version: check everything


def save_cache(path: Path, results: dict[str, Result]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keep = {url: asdict(r) for url, r in sorted(results.items()) if r.status != BROKEN}
    path.write_text(json.dumps({"results": keep}, indent=1), encoding="utf-8")


def check_all(
    urls: list[str], options: Options, cache_path: Path | None, sleep: Callable[[float], None] = time.sleep
) -> tuple[dict[str, Result], int]:
    """Verdicts for every URL, and how many came from the cache."""
    now = dt.datetime.now(dt.UTC)
    cached = load_cache(cache_path, options, now) if cache_path else {}
    results = {url: cached[url] for url in urls if url in cached}
    todo = [url for url in urls if url not in results]
    limit = _HostLimit(options.per_host)

    def one(url: str) -> Result:
        with limit(url):
            return check_url(url, options, now.isoformat(), sleep)

    with ThreadPoolExecutor(max_workers=options.workers) as pool:
        for result in pool.map(one, todo):
            results[result.url] = result
    if cache_path:
        save_cache(cache_path, {**cached, **results})
    return results, len(urls) - len(todo)


# --- what to check, and where each URL is written ----------------------------------

Place = tuple[str, int]  # (source path, line)


def _repository_links(settings: dict) -> tuple[str, ...]:
    # Edit and report links of the templates point at the project's own repository
    # and need a signed-in reader; they are not content links.
    extra = settings.get("extra") or {}
    return tuple(str(p) for p in (extra.get("repository"), settings.get("edit_uri"), settings.get("repo_url")) if p)


def targets(ctx: site_rules.Context, library: bibliography.Library, settings: dict) -> dict[str, set[Place]]:
    """Every external URL of the pages' content and every DOI of the bibliography, with their places."""
    places: dict[str, set[Place]] = {}
    bib_dois = {}
    for entry in library.entries.values():
        doi = entry.fields.get("doi")
        if doi:
            url = f"https://doi.org/{doi}"
            bib_dois[url] = (library.path, entry.field_lines.get("doi", entry.line))
            places.setdefault(url, set()).add(bib_dois[url])
    own = _repository_links(settings)
    for page in ctx.site.pages.values():
        for url in page.urls:
            if not url.in_article or url.url.startswith(own) or url.url in bib_dois:
                continue
            if site_rules.resolve(ctx, page.path, url.url).kind != site_rules.EXTERNAL:
                continue
            address = url.url if urlsplit(url.url).scheme else f"https:{url.url}"
            path, line, _ = site_rules.locate(ctx, page, url.line, [url.url])
            places.setdefault(address, set()).add((path, line))
    return places


def findings_for(results: dict[str, Result], places: dict[str, set[Place]]) -> list[Finding]:
    findings = []
    for url, result in results.items():
        if result.status == OK:
            continue
        if result.status == BROKEN:
            rule = "unresolvable-doi" if is_doi(url) else "broken-external-link"
            message, severity = (
                (
                    f"'{url}' does not work ({result.detail}); correct it, link an archived copy, "
                    "or remove the claim's dependence on it"
                ),
                "error",
            )
        elif result.status == REDIRECTED:
            rule, severity = "external-link-redirected", WARNING
            message = f"'{url}' {result.detail}; link the final address"
        else:
            rule, severity = "external-link-unverified", WARNING
            message = f"'{url}': {result.detail}"
        findings += [Finding(path, line, rule, message, severity) for path, line in sorted(places.get(url, ()))]
    return findings


def summary(results: dict[str, Result], from_cache: int) -> str:
    counts = {
        status: sum(1 for r in results.values() if r.status == status)
        for status in (OK, REDIRECTED, UNVERIFIED, BROKEN)
    }
    lines = [
        f"online: {len(results)} URLs checked ({from_cache} from cache): "
        + ", ".join(f"{n} {status}" for status, n in counts.items())
    ]
    problems = sorted((r for r in results.values() if r.status != OK), key=lambda r: (r.status, r.url))
    if problems:
        width = max(len(r.url) for r in problems)
        lines.append(f"{'STATUS':<11} {'CODE':<4} {'URL':<{width}}  DETAIL")
        lines += [f"{r.status:<11} {r.code or '-'!s:<4} {r.url:<{width}}  {r.detail}" for r in problems]
    return "\n".join(lines)


def run(
    ctx: site_rules.Context, library: bibliography.Library, root: Path, settings: dict, options: Options | None = None
) -> list[Finding]:
    places = targets(ctx, library, settings)
    results, from_cache = check_all(sorted(places), options or Options(), root / CACHE_FILE)
    print(summary(results, from_cache), file=sys.stderr)
    return findings_for(results, places)


# --- the weekly issue --------------------------------------------------------------


# Characters Markdown gives a meaning to: a redirect target or a page's text quoted
# in a finding is shown as text, never as a link, an image (fetched by every
# reader of the issue), a mention (which notifies someone) or a table break.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~@:.<>&])")


def markdown_text(text: str) -> str:
    """Text shown as itself in GitHub Markdown: specials escaped, line breaks made spaces."""
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", " ".join(str(text).split()))


def issue_body(findings: list[dict]) -> str:
    """Markdown for the one issue the links workflow keeps up to date."""
    errors = [f for f in findings if f.get("severity") == "error"]
    warnings = [f for f in findings if f.get("severity") != "error"]
    lines = [
        "The weekly link check (`python -m pancreas_kb.checker.check --online`) found "
        f"{len(errors)} errors and {len(warnings)} warnings.",
        "",
        "This issue is updated by the links workflow and closed when the check passes.",
        "",
    ]
    for title, group in (("Errors", errors), ("Warnings", warnings)):
        if not group:
            continue
        lines += [f"## {title}", "", "| Where | Rule | What is wrong |", "| --- | --- | --- |"]
        lines += [
            "| " + " | ".join(markdown_text(v) for v in (f"{f['path']}:{f['line']}", f["rule"], f["message"])) + " |"
            for f in group
        ]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pancreas_kb.checker.online", description="Markdown for the links issue"
    )
    parser.add_argument(
        "--issue-body",
        type=Path,
        required=True,
        metavar="REPORT.json",
        help="findings written by python -m pancreas_kb.checker.check --online --format json",
    )
    try:
        args = parser.parse_args(argv)  # None: argparse reads sys.argv[1:]
        findings = json.loads(args.issue_body.read_text(encoding="utf-8"))
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the report: {exc}", file=sys.stderr)
        return 2
    print(issue_body(findings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
