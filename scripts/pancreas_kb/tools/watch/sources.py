"""The literature sources a saved search can ask: how to build each query, how to read each answer.

Every function here is pure except the `run_*` ones, which ask through an
injected `fetch`, so tests replay recorded answers and the real run uses HTTP. A
source's answer becomes `Item`s; anything wrong with one search (no answer, an
error page, JSON of the wrong shape) becomes a `SourceError` that names the URL
and what failed, so the other searches still run.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

# (HTTP status, body). A connection that fails outright raises FetchError instead.
Response = tuple[int, bytes]
Fetch = Callable[[str], Response]

# How many records one search lists; a source that holds more says so in the report.
LIMIT = 100

PUBMED = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
CLINICALTRIALS = "https://clinicaltrials.gov/api/v2/studies"
OPENFDA = "https://api.fda.gov/drug/"
TOOL = "knowledge-base-literature-watch"  # NCBI asks callers to name their tool


class FetchError(Exception):
    """The request got no HTTP answer (DNS, refused, timed out, connection dropped)."""


class SourceError(Exception):
    """One search failed: the request that failed and what went wrong, in words for the report."""

    def __init__(self, url: str, message: str):
        super().__init__(message)
        self.url = url
        self.message = message


@dataclass(frozen=True)
class Item:
    key: str  # the same work found by two searches has the same key
    title: str
    date: dt.date | None  # the date the search ranges over; None when the record gives none
    link: str
    detail: str


@dataclass(frozen=True)
class Found:
    items: tuple[Item, ...]
    total: int  # records the source says matched
    read: int  # records it returned (at most LIMIT); fewer than total means some were never seen


@dataclass(frozen=True)
class Query:
    """What one source needs from a saved search."""

    query: str
    condition: str | None = None
    date: str = "first-posted"


def _clean(text: object) -> str:
    """Record text as plain text: entities decoded, inline markup dropped, spaces collapsed."""
    text = html.unescape(str(text or ""))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


def _date(text: object) -> dt.date | None:
    """A day from "2026/09/28 04:53", "2026-09-28" or "20260928"; None for less than a full date."""
    digits = re.sub(r"\D", "", str(text or ""))[:8]
    if len(digits) != 8:
        return None
    try:
        return dt.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        return None


# --- PubMed (E-utilities: esearch for PMIDs added in the range, esummary for their titles) ---


def pubmed_search_url(query: Query, since: dt.date, until: dt.date) -> str:
    # edat is the date a record entered PubMed: "what appeared" since the page was checked,
    # whatever the article's own publication date says.
    return (
        PUBMED
        + "esearch.fcgi?"
        + urlencode(
            {
                "db": "pubmed",
                "term": query.query,
                "datetype": "edat",
                "mindate": since.strftime("%Y/%m/%d"),
                "maxdate": until.strftime("%Y/%m/%d"),
                "retmax": LIMIT,
                "sort": "pub_date",
                "retmode": "json",
                "tool": TOOL,
            }
        )
    )


def pubmed_summary_url(pmids: list[str]) -> str:
    return (
        PUBMED
        + "esummary.fcgi?"
        + urlencode(
            {
                "db": "pubmed",
                "id": ",".join(pmids),
                "retmode": "json",
                "tool": TOOL,
            }
        )
    )


def parse_pubmed_search(payload: dict) -> tuple[list[str], int]:
    result = payload.get("esearchresult")
    if not isinstance(result, dict):
        raise ValueError(payload.get("error") or "no 'esearchresult' in the answer")
    if result.get("ERROR"):
        raise ValueError(f"PubMed refused the query: {result['ERROR']}")
    ids = result.get("idlist")
    if not isinstance(ids, list):
        raise ValueError("no 'idlist' in the answer")
    return [str(i) for i in ids], int(result.get("count") or 0)


def _entrez_date(record: dict) -> dt.date | None:
    for event in record.get("history") or []:
        if isinstance(event, dict) and event.get("pubstatus") == "entrez":
            return _date(event.get("date"))
    return _date(record.get("sortpubdate"))


def parse_pubmed_summary(payload: dict) -> list[Item]:
    result = payload.get("result")
    if not isinstance(result, dict) or not isinstance(result.get("uids"), list):
        raise ValueError(payload.get("error") or "no 'result.uids' in the answer")
    items = []
    for uid in result["uids"]:
        record = result.get(str(uid))
        if not isinstance(record, dict) or record.get("error"):
            continue  # a PMID withdrawn between the two requests
        journal = " ".join(part for part in (_clean(record.get("source")), _clean(record.get("pubdate"))) if part)
        items.append(
            Item(
                key=f"PMID {uid}",
                title=_clean(record.get("title")) or f"PMID {uid}",
                date=_entrez_date(record),
                link=f"https://pubmed.ncbi.nlm.nih.gov/{uid}/",
                detail=journal,
            )
        )
    return items


def run_pubmed(query: Query, since: dt.date, until: dt.date, fetch: Fetch) -> Found:
    url = pubmed_search_url(query, since, until)
    pmids, total = _read(url, fetch, parse_pubmed_search)
    if not pmids:
        return Found((), total, 0)
    url = pubmed_summary_url(pmids)
    return Found(tuple(_read(url, fetch, parse_pubmed_summary)), total, len(pmids))


# --- ClinicalTrials.gov (API v2 studies) ---

CT_DATE_AREAS = {
    "first-posted": ("StudyFirstPostDate", "studyFirstPostDateStruct"),
    "last-update": ("LastUpdatePostDate", "lastUpdatePostDateStruct"),
}
CT_FIELDS = (
    "NCTId",
    "BriefTitle",
    "OverallStatus",
    "Phase",
    "LeadSponsorName",
    "StudyFirstPostDate",
    "LastUpdatePostDate",
)


def clinicaltrials_url(query: Query, since: dt.date, until: dt.date) -> str:
    area = CT_DATE_AREAS[query.date][0]
    params = {"format": "json", "query.term": query.query}
    if query.condition:
        params["query.cond"] = query.condition
    params.update(
        {
            "filter.advanced": f"AREA[{area}]RANGE[{since.isoformat()},{until.isoformat()}]",
            "fields": ",".join(CT_FIELDS),
            "countTotal": "true",
            "pageSize": LIMIT,
        }
    )
    return CLINICALTRIALS + "?" + urlencode(params)


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()


def parse_clinicaltrials(payload: dict, date_field: str) -> tuple[list[Item], int, int]:
    studies = payload.get("studies")
    if not isinstance(studies, list):
        raise ValueError("no 'studies' list in the answer")
    struct = CT_DATE_AREAS[date_field][1]
    items = []
    for study in studies:
        protocol = (study or {}).get("protocolSection") or {}
        ident = protocol.get("identificationModule") or {}
        status = protocol.get("statusModule") or {}
        nct = ident.get("nctId")
        if not nct:
            continue
        phases = ", ".join(
            re.sub(r"PHASE(\d)", r"Phase \1", p).replace("EARLY_", "Early ")
            for p in (protocol.get("designModule") or {}).get("phases") or []
            if p != "NA"
        )
        sponsor = ((protocol.get("sponsorCollaboratorsModule") or {}).get("leadSponsor") or {}).get("name")
        detail = "; ".join(part for part in (phases, _words(status.get("overallStatus") or ""), sponsor) if part)
        items.append(
            Item(
                key=nct,
                title=_clean(ident.get("briefTitle")) or nct,
                date=_date((status.get(struct) or {}).get("date")),
                link=f"https://clinicaltrials.gov/study/{nct}",
                detail=detail,
            )
        )
    return items, int(payload.get("totalCount") or len(studies)), len(studies)


def run_clinicaltrials(query: Query, since: dt.date, until: dt.date, fetch: Fetch) -> Found:
    url = clinicaltrials_url(query, since, until)
    items, total, read = _read(url, fetch, lambda payload: parse_clinicaltrials(payload, query.date))
    return Found(tuple(items), total, read)


# --- openFDA (drug labels by indication; Drugs@FDA approval actions) ---


def _fda_range(field: str, since: dt.date, until: dt.date) -> str:
    return f"{field}:[{since:%Y%m%d} TO {until:%Y%m%d}]"


def fda_label_url(query: Query, since: dt.date, until: dt.date) -> str:
    search = f"({query.query}) AND {_fda_range('effective_time', since, until)}"
    return OPENFDA + "label.json?" + urlencode({"search": search, "sort": "effective_time:desc", "limit": LIMIT})


def fda_approval_url(query: Query, since: dt.date, until: dt.date) -> str:
    search = f"({query.query}) AND {_fda_range('submissions.submission_status_date', since, until)}"
    return OPENFDA + "drugsfda.json?" + urlencode({"search": search, "limit": LIMIT})


def _first(record: dict, key: str) -> str:
    values = (record.get("openfda") or {}).get(key) or []
    return _clean(values[0]) if values else ""


def _generic_only(record: dict) -> bool:
    """Generic copies (ANDA) repeat an approval already made; their label revisions are noise here."""
    numbers = (record.get("openfda") or {}).get("application_number") or []
    return bool(numbers) and all(str(n).upper().startswith("ANDA") for n in numbers)


def _fda_results(payload: dict) -> tuple[list[dict], int, int]:
    results = payload.get("results")
    if not isinstance(results, list):
        raise ValueError("no 'results' list in the answer")
    total = ((payload.get("meta") or {}).get("results") or {}).get("total")
    return results, int(total if total is not None else len(results)), len(results)


def parse_fda_labels(payload: dict) -> tuple[list[Item], int, int]:
    results, total, read = _fda_results(payload)
    items = []
    for record in results:
        set_id = record.get("set_id")
        if not set_id or _generic_only(record):
            continue
        brand, generic = _first(record, "brand_name"), _first(record, "generic_name").lower()
        name = f"{brand} ({generic})" if brand and generic else brand or generic or "A drug label"
        detail = "; ".join(
            part
            for part in (
                _first(record, "manufacturer_name"),
                ", ".join((record.get("openfda") or {}).get("application_number") or []),
            )
            if part
        )
        items.append(
            Item(
                key=f"label {set_id}",
                title=f"{name}: label published or revised",
                date=_date(record.get("effective_time")),
                link=f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={set_id}",
                detail=detail,
            )
        )
    return items, total, read


SUBMISSION_KINDS = {"ORIG": "original approval", "SUPPL": "supplement approved"}


def parse_fda_approvals(payload: dict, since: dt.date, until: dt.date) -> tuple[list[Item], int, int]:
    """One item per approval action in the range (the record also lists every older action)."""
    results, total, read = _fda_results(payload)
    items = []
    for record in results:
        number = str(record.get("application_number") or "")
        if not number or number.upper().startswith("ANDA"):
            continue
        product = next(iter(record.get("products") or []), {}) or {}
        brand = _first(record, "brand_name") or _clean(product.get("brand_name"))
        generic = (
            _first(record, "generic_name")
            or ", ".join(_clean(a.get("name")) for a in product.get("active_ingredients") or [])
        ).lower()
        name = f"{brand} ({generic})" if brand and generic else brand or generic or number
        for submission in record.get("submissions") or []:
            when = _date(submission.get("submission_status_date"))
            if submission.get("submission_status") != "AP" or when is None or not since <= when <= until:
                continue
            kind = SUBMISSION_KINDS.get(submission.get("submission_type"), "action")
            what = _clean(submission.get("submission_class_code_description"))
            items.append(
                Item(
                    key=f"{number} {submission.get('submission_type')} {submission.get('submission_number')}",
                    title=f"{name}: {kind}" + (f" ({what})" if what else ""),
                    date=when,
                    link=(
                        "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo="
                        + re.sub(r"\D", "", number)
                    ),
                    detail="; ".join(
                        part
                        for part in (
                            _clean(record.get("sponsor_name")),
                            number,
                            _clean(submission.get("review_priority")).lower(),
                        )
                        if part
                    ),
                )
            )
    return items, total, read


def _fda_not_found(status: int, payload: object) -> dict | None:
    """openFDA answers a search with no match with 404 NOT_FOUND: an empty result, not a failure."""
    if status == 404 and isinstance(payload, dict) and (payload.get("error") or {}).get("code") == "NOT_FOUND":
        return {"results": [], "meta": {"results": {"total": 0}}}
    return None


def run_fda_label(query: Query, since: dt.date, until: dt.date, fetch: Fetch) -> Found:
    url = fda_label_url(query, since, until)
    items, total, read = _read(url, fetch, parse_fda_labels, _fda_not_found)
    return Found(tuple(items), total, read)


def run_fda_approval(query: Query, since: dt.date, until: dt.date, fetch: Fetch) -> Found:
    url = fda_approval_url(query, since, until)
    items, total, read = _read(url, fetch, lambda payload: parse_fda_approvals(payload, since, until), _fda_not_found)
    return Found(tuple(items), total, read)


# --- shared ---


def _read(url: str, fetch: Fetch, parse, empty: Callable[[int, object], dict | None] | None = None):
    """Fetch `url` and parse its JSON; every way this can go wrong becomes a SourceError.

    `empty` recognises a source's own way of saying "no match" and gives the payload to parse instead.
    """
    try:
        status, body = fetch(url)
    except FetchError as error:
        raise SourceError(url, f"no answer: {error}") from error
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        payload = None
    replacement = empty(status, payload) if empty is not None else None
    if replacement is not None:
        status, payload = 200, replacement
    if status != 200:
        snippet = _clean(body[:200].decode("utf-8", "replace"))
        raise SourceError(url, f"HTTP {status}" + (f": {snippet}" if snippet else ""))
    if not isinstance(payload, dict):
        raise SourceError(url, "the answer is not a JSON object (the service may be down or have changed)")
    try:
        return parse(payload)
    except (ValueError, TypeError, AttributeError, KeyError) as error:
        raise SourceError(url, f"unexpected answer: {error}") from error


@dataclass(frozen=True)
class Source:
    label: str
    run: Callable[[Query, dt.date, dt.date, Fetch], Found]
    fields: tuple[str, ...] = ()  # saved-search keys this source reads beyond the common ones
    help: str = ""


SOURCES: dict[str, Source] = {
    "pubmed": Source("PubMed", run_pubmed, help="query: a PubMed search, as typed on the PubMed site"),
    "clinicaltrials": Source(
        "ClinicalTrials.gov",
        run_clinicaltrials,
        ("condition", "date"),
        "query: ClinicalTrials.gov 'other terms' (AREA[...] expressions allowed); condition: optional; "
        "date: first-posted (new trials, the default) or last-update (any change, results included)",
    ),
    "fda-label": Source(
        "openFDA drug labels",
        run_fda_label,
        help='query: an openFDA search over drug labels, e.g. indications_and_usage:"..."',
    ),
    "fda-approval": Source(
        "openFDA Drugs@FDA",
        run_fda_approval,
        help="query: an openFDA search over Drugs@FDA, e.g. products.active_ingredients.name:(A OR B)",
    ),
}
