"""Search quality: the top-3 hit rate of the search-quality set, in headless Chromium.

Each query of `search_quality.yml` is run as a reader would run it, with the
reader's audience set to the query's `who`, or none chosen when it has no `who`
(NO_AUDIENCE); a query counts as a hit when one of
the pages that should answer it is among the first three results. Both the
site's search (Pagefind, through assets/js/search.js) and the theme's built-in
search (lunr, typed into its search box) can be measured, so the two can be
compared on the same questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pancreas_kb.checker.project_files import plugin_options
from pancreas_kb.domain import audiences, yamlfile
from pancreas_kb.domain.findings import Finding
from pancreas_kb.tools import project_copy

QUALITY_SET = Path(__file__).with_name("search_quality.yml")
AUDIENCES = tuple(a.id for a in audiences.choosable())
NO_AUDIENCE = None  # the `who` of a query run before the reader has chosen
TOP = 3


@dataclass(frozen=True)
class Query:
    who: str | None
    text: str
    answers: tuple[str, ...]  # page URLs under the site, e.g. "patients/treatment/"
    line: int


def page_url(source: str) -> str:
    """The URL path under the site of a page source: patients/treatment.md -> patients/treatment/."""
    stem = source[:-3] if source.endswith(".md") else source
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


QUERY_HINT = (
    "write {who: patient or clinician, query: the words typed, answer: [section/page.md]}; "
    "leave out who for a reader who has not chosen"
)


def load(path: Path = QUALITY_SET, docs: Path | None = None) -> tuple[list[Query], list[Finding]]:
    """The queries, and a finding for each entry that is not a query or names a missing page."""
    shown = path.name

    def query(item: yamlfile.Entry) -> tuple[Query | None, list[Finding]]:
        entry, line = item.data, item.line
        if (
            entry.get("who", NO_AUDIENCE) not in (*AUDIENCES, NO_AUDIENCE)
            or not entry.get("query")
            or not isinstance(entry.get("answer"), list)
            or not entry["answer"]
        ):
            return None, [Finding(shown, line, "search-query", QUERY_HINT)]
        missing = [a for a in entry["answer"] if docs is not None and not (docs / a).is_file()]
        if missing:
            return None, [
                Finding(
                    shown,
                    line,
                    "search-query-answer",
                    f"{answer}: no such page under docs/; name the page that answers",
                )
                for answer in missing
            ]
        return Query(
            entry.get("who", NO_AUDIENCE), str(entry["query"]), tuple(page_url(a) for a in entry["answer"]), line
        ), []

    return yamlfile.read_list(
        shown,
        path.read_text(encoding="utf-8"),
        ("search-query", "search-query"),
        fix="check indentation, quoting and colons",
        shape="the file is a list of queries; " + QUERY_HINT,
        read=query,
        entry=QUERY_HINT,
    )


def hit(results: list[str], query: Query, prefix: str) -> bool:
    """One of the answers is among the first TOP results (site-absolute URLs under `prefix`)."""
    wanted = {prefix + a for a in query.answers}
    return any(url.split("#")[0] in wanted for url in results[:TOP])


def hit_rate(rows: list[dict]) -> float:
    return sum(r["hit"] for r in rows) / len(rows) if rows else 0.0


def _choose(page, who: str | None) -> None:
    page.evaluate("who => who ? localStorage.setItem('kb-audience', who) : localStorage.removeItem('kb-audience')", who)


def site_search(page, base_url: str, queries: list[Query], prefix: str) -> list[dict]:
    """The site's own search (search.js), as ranked for each query's audience."""
    page.goto(base_url)
    rows = []
    for query in queries:
        _choose(page, query.who)
        urls = page.evaluate(SEARCH_URLS, query.text)
        rows.append({"who": query.who, "query": query.text, "top": urls[:TOP], "hit": hit(urls, query, prefix)})
    return rows


def theme_search(page, base_url: str, queries: list[Query], prefix: str) -> list[dict]:
    """The theme's built-in search: the query typed into its box, the result pages read in order."""
    rows = []
    page.goto(base_url)
    _choose(page, "none")  # no audience question over the page
    for query in queries:
        page.goto(base_url, wait_until="networkidle")  # the theme fetches its whole index first
        page.keyboard.press("/")  # the theme's search shortcut
        page.locator("input.md-search__input").press_sequentially(query.text)  # the theme reacts to keys
        page.wait_for_timeout(1500)  # results are drawn after a debounce, in a worker
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item > a", "links => links.map(a => new URL(a.href).pathname)"
        )
        seen = []
        for href in hrefs:
            if href not in seen:
                seen.append(href)
        rows.append({"who": query.who, "query": query.text, "top": seen[:TOP], "hit": hit(seen, query, prefix)})
    return rows


# --- the benchmark part ------------------------------------------------------------

HIT_RATE_TARGET = 0.9
PATIENT_FIRST_LOAD_TARGET = (
    105_000  # compressed bytes (100 KB until the December safety content grew the patient pages)
)
# The reader's search, run in the page: search.js loads on first use (search-button.js).
SEARCH_URLS = "q => window.kbLoadSearch().then(() => window.kbSearch.search(q)).then(rs => rs.map(r => r.url))"
SEARCH_AS = "who => window.kbLoadSearch().then(() => window.kbSearch.search('chemotherapy', who))"


def theme_search_config(workdir: Path) -> Path:
    """The project's configuration with the theme's built-in search instead of Pagefind,
    written to `workdir` beside a copy of the sources the hooks read there."""
    project_copy.copy_sources(workdir)
    config = project_copy.repointed_config(workdir, strict=True, nav=True)
    plugin_options(config, "knowledge-base")["search_index"] = False
    config["plugins"] = ["search", *config["plugins"]]
    config["extra_javascript"] = [js for js in config["extra_javascript"] if not js.endswith("search-button.js")]
    target = workdir / "mkdocs.yml"
    target.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target


def first_search_bytes(page, base_url: str, path: str, text: str) -> dict:
    """What the site's search fetches when a reader opens a page and types `text`: bytes as
    sent (Pagefind's index files are compressed already) and the number of requests."""
    import gzip

    page.goto(base_url + path, wait_until="networkidle")
    finished = []

    def record(request):
        finished.append(request)

    page.on("requestfinished", record)
    page.locator(".kb-search-toggle").click()
    page.locator("#kb-search-input").press_sequentially(text)
    page.locator(".kb-search__results li").first.wait_for()
    page.wait_for_timeout(500)
    page.remove_listener("requestfinished", record)
    bodies = [r.response().body() for r in finished if r.response() is not None]
    return {"query": text, "requests": len(bodies), "gzip": sum(min(len(b), len(gzip.compress(b, 6))) for b in bodies)}


def summary(rows: list[dict]) -> dict:
    unchosen = [r for r in rows if r["who"] is NO_AUDIENCE]
    return {
        "hit_rate": hit_rate(rows),
        "queries": len(rows),
        "no_audience": {"hit_rate": hit_rate(unchosen), "queries": len(unchosen)},
        "misses": [{"who": r["who"], "query": r["query"], "top": r["top"]} for r in rows if not r["hit"]],
    }
