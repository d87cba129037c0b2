"""Run the saved searches from each page's evidence date and say, page by page, what is new.

A page's `evidence_checked` is the day its sources were last searched, so
what the searches found on or after that day is what its editor has not yet
seen (on, not only after: a search run that day may predate the day's records).
Each search runs once, from the earliest date among the pages it serves; each
page then keeps what is on or after its own date, with the same work found by
two searches listed once under both their names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pancreas_kb.domain import schema
from pancreas_kb.domain.frontmatter import read

from .saved_searches import SavedSearch
from .sources import SOURCES, Fetch, Found, Item, SourceError

MARKER = "<!-- literature-watch -->"  # lets the workflow find its own issue body
ISSUE_LIMIT = 60_000  # GitHub refuses issue bodies over 65,536 characters


@dataclass(frozen=True)
class PageDate:
    page: str  # relative to docs/
    date: dt.date | None
    problem: str = ""  # why there is no date


@dataclass(frozen=True)
class Outcome:
    search: SavedSearch
    since: dt.date
    found: Found | None = None
    error: SourceError | None = None


@dataclass(frozen=True)
class Hit:
    item: Item
    found_by: tuple[str, ...]


@dataclass
class Report:
    today: dt.date
    searches: list[SavedSearch]
    outcomes: list[Outcome]
    dates: dict[str, PageDate]
    pages: dict[str, list[Hit]] = field(default_factory=dict)
    unwatched: list[str] = field(default_factory=list)  # dated pages no saved search serves

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is not None]

    def failed_for(self, page: str) -> list[str]:
        """The failed searches that serve `page`: without them its list may be incomplete."""
        return [o.search.id for o in self.failed if page in o.search.pages]

    @property
    def not_run(self) -> list[SavedSearch]:
        ran = {o.search.id for o in self.outcomes}
        return [s for s in self.searches if s.id not in ran]


def page_date(docs_dir: Path, page: str, today: dt.date) -> PageDate:
    """The page's evidence_checked date, read as the build and the checker read front matter."""
    rel = f"docs/{page}"
    fix = "add 'evidence_checked: YYYY-MM-DD' to its front matter once its sources have been searched"
    try:
        text = (docs_dir / page).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return PageDate(page, None, f"{rel} cannot be read ({error})")
    parsed, problems = read(rel, text)
    if parsed is None:
        return PageDate(page, None, f"{problems[0].text()}; `make check` explains it")
    value = schema.normalized(parsed.meta).get("evidence_checked")
    if value is None:
        return PageDate(page, None, f"{rel}: no evidence_checked date; {fix}")
    where = f"{rel}:{parsed.key_lines.get('evidence_checked', 1)}"
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return PageDate(page, None, f"{where}: evidence_checked '{value}' is not a date; write it as YYYY-MM-DD")
    if value > today:
        return PageDate(
            page,
            None,
            f"{where}: evidence_checked {value} is after today ({today}); give the day the sources were searched",
        )
    return PageDate(page, value)


def unwatched_pages(searches: list[SavedSearch], docs_dir: Path) -> list[str]:
    """Pages that carry an evidence date yet no saved search serves: the watch cannot keep them current."""
    served = {page for search in searches for page in search.pages}
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        if page in served:
            continue
        try:
            parsed, _ = read(f"docs/{page}", path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # `make check` reports a page it cannot read
        if parsed is not None and "evidence_checked" in parsed.meta:
            found.append(page)
    return found


def run_search(search: SavedSearch, since: dt.date, until: dt.date, fetch: Fetch) -> Outcome:
    try:
        return Outcome(search, since, found=SOURCES[search.source].run(search.query, since, until, fetch))
    except SourceError as error:
        return Outcome(search, since, error=error)
    except Exception as error:  # noqa: BLE001 - one search's surprise must not hide the others' results
        return Outcome(
            search,
            since,
            error=SourceError(
                "", f"the watch failed on this search ({type(error).__name__}: {error}); please report it"
            ),
        )


def select(outcomes: list[Outcome], dates: dict[str, PageDate]) -> dict[str, list[Hit]]:
    """Per dated page: what its searches found on or after its date, each work once, newest first."""
    pages: dict[str, dict[str, tuple[Item, list[str]]]] = {p: {} for p, d in dates.items() if d.date}
    for outcome in outcomes:
        if outcome.found is None:
            continue
        for page in outcome.search.pages:
            if page not in pages:
                continue
            since = dates[page].date
            for item in outcome.found.items:
                # An undated record came back from a search bounded by dates: keep it rather than lose it.
                if item.date is not None and item.date < since:
                    continue
                kept = pages[page].setdefault(item.key, (item, []))
                if outcome.search.id not in kept[1]:
                    kept[1].append(outcome.search.id)
    return {
        page: sorted(
            (Hit(item, tuple(ids)) for item, ids in hits.values()),
            key=lambda h: (-(h.item.date or dt.date.max).toordinal(), h.item.title),
        )
        for page, hits in sorted(pages.items())
    }


def watch(searches: list[SavedSearch], docs_dir: Path, today: dt.date, fetch: Fetch) -> Report:
    pages = sorted({page for search in searches for page in search.pages})
    dates = {page: page_date(docs_dir, page, today) for page in pages}
    outcomes = []
    for search in searches:
        known = [dates[p].date for p in search.pages if dates[p].date]
        if known:
            outcomes.append(run_search(search, min(known), today, fetch))
    report = Report(today, searches, outcomes, dates)
    report.pages = select(outcomes, dates)
    return report


# --- rendering ---


def _count(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _shortfalls(report: Report) -> list[str]:
    return [
        f"{o.search.id}: {o.found.total} records matched and only the first {o.found.read} were read; "
        "narrow its query so that nothing is missed"
        for o in report.outcomes
        if o.found is not None and o.found.total > o.found.read
    ]


def _page_state(report: Report, page: str, hits: list[Hit]) -> str:
    state = _count(len(hits), "new item") if hits else "nothing new"
    failed = report.failed_for(page)
    return state + (f" (incomplete: {', '.join(failed)} failed)" if failed else "")


def _summary(report: Report) -> str:
    ran = len(report.outcomes) - len(report.failed)
    return (
        f"Literature watch, {report.today.isoformat()}: "
        f"{_count(len(report.searches), 'saved search', 'saved searches')}; {ran} ran, "
        f"{len(report.failed)} failed, {len(report.not_run)} not run."
    )


def render_text(report: Report) -> str:
    lines = [_summary(report)]
    if report.failed:
        lines += ["", "Searches that failed (the others ran; run `make watch` again later):"]
        lines += [
            f"  {o.search.id}: {o.error.message}" + (f"\n    {o.error.url}" if o.error.url else "")
            for o in report.failed
        ]
    undated = [d for d in report.dates.values() if d.date is None]
    if undated:
        lines += ["", "Pages without an evidence date (nothing is searched for them):"]
        lines += [f"  {d.problem}" for d in undated]
    if report.not_run:
        lines += ["", "Searches not run (none of their pages has an evidence date):"]
        lines += [f"  {s.id}" for s in report.not_run]
    if report.unwatched:
        lines += ["", "Pages with an evidence date that no saved search serves (add them to a search's pages):"]
        lines += [f"  docs/{page}" for page in report.unwatched]
    shortfalls = _shortfalls(report)
    if shortfalls:
        lines += ["", "Searches with more matches than listed:"] + [f"  {s}" for s in shortfalls]
    for page, hits in report.pages.items():
        since = report.dates[page].date.isoformat()
        lines += ["", f"docs/{page} (evidence checked {since}): {_page_state(report, page, hits)}"]
        for hit in hits:
            when = hit.item.date.isoformat() if hit.item.date else "undated   "
            lines.append(f"  {when}  {hit.item.title}")
            indent = " " * 14
            if hit.item.detail:
                lines.append(f"{indent}{hit.item.detail}")
            lines.append(f"{indent}{hit.item.link}  [found by {', '.join(hit.found_by)}]")
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#|!~])")


def _md(text: str) -> str:
    """Record text shown as text: no markup, no links, and no @mention that would notify someone."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("@", "@\u200b")


def _url(link: str) -> str:
    """A link target that cannot end the Markdown link early (no space, no parenthesis left bare)."""
    return quote(link, safe=":/?&=%#+,;~")


def render_markdown(report: Report, per_page: int | None = None) -> str:
    out = [
        MARKER,
        f"**{_summary(report)}**",
        "",
        "What PubMed, ClinicalTrials.gov and openFDA recorded on or after each page's `evidence_checked` "
        "date, from the saved searches in `literature-watch.yml`. For each item, decide whether it "
        "changes the page; if it does, change the page in a pull request. When a page's sources have been "
        "searched, set its `evidence_checked` to that day: what came before drops off next week.",
        "",
    ]
    if report.failed:
        out += [
            f"### {_count(len(report.failed), 'search', 'searches')} failed",
            "",
            "The other searches ran; the next run tries these again.",
            "",
        ]
        out += [
            f"- `{o.search.id}`: {_md(o.error.message)}" + (f" ([request]({_url(o.error.url)}))" if o.error.url else "")
            for o in report.failed
        ]
        out.append("")
    undated = [d for d in report.dates.values() if d.date is None]
    if undated:
        out += [
            "### Pages without an evidence date",
            "",
            "Nothing is searched for these pages until they have one.",
            "",
        ]
        out += [f"- {_md(d.problem)}" for d in undated] + [""]
    if report.not_run:
        out += [
            "Searches not run, as none of their pages has an evidence date: "
            + ", ".join(f"`{s.id}`" for s in report.not_run),
            "",
        ]
    if report.unwatched:
        out += [
            "### Pages no saved search serves",
            "",
            "They carry an evidence date, but no search in `literature-watch.yml` lists them.",
            "",
        ]
        out += [f"- `docs/{page}`" for page in report.unwatched] + [""]
    shortfalls = _shortfalls(report)
    if shortfalls:
        out += ["### Searches with more matches than listed", ""] + [f"- {_md(s)}" for s in shortfalls] + [""]
    for page, hits in report.pages.items():
        since = report.dates[page].date.isoformat()
        out += [f"### `docs/{page}`", "", f"Evidence checked {since}: {_page_state(report, page, hits)}.", ""]
        shown = hits if per_page is None else hits[:per_page]
        for hit in shown:
            when = hit.item.date.isoformat() if hit.item.date else "undated"
            detail = f" ({_md(hit.item.detail)})" if hit.item.detail else ""
            out.append(
                f"- {when}: [{_md(hit.item.title)}]({_url(hit.item.link)}){detail}; found by "
                + ", ".join(f"`{s}`" for s in hit.found_by)
            )
        if len(shown) < len(hits):
            out.append(f"- and {len(hits) - len(shown)} more: run `make watch` for the full list")
        out.append("")
    out += ["<details><summary>Saved searches in this run</summary>", ""]
    by_id = {o.search.id: o for o in report.outcomes}
    for search in report.searches:
        outcome = by_id.get(search.id)
        state = (
            "not run"
            if outcome is None
            else "failed"
            if outcome.error
            else f"from {outcome.since.isoformat()}: {outcome.found.total} matched"
        )
        out.append(f"- `{search.id}` ({SOURCES[search.source].label}, {state}): {_md(search.description)}")
    out += ["", "</details>", ""]
    return "\n".join(out)


def issue_body(report: Report) -> str:
    """The Markdown report, with fewer items per page until it fits in one GitHub issue."""
    for per_page in (None, 25, 10, 3, 0):
        body = render_markdown(report, per_page)
        if len(body) <= ISSUE_LIMIT:
            return body
    return body[:ISSUE_LIMIT] + "\n\n(cut to fit in one issue: run `make watch` for the full report)\n"
