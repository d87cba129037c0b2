"""`make watch` on recorded answers: query URLs, each source's parser, per-page dates,
de-duplication, failures reported without a crash, and the saved-search file's findings."""

import datetime as dt
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from pancreas_kb.tools.watch import cli, report, saved_searches, sources
from pancreas_kb.tools.watch.sources import FetchError, Query
from tests.sitebuilder import ROOT, page

RECORDED = Path(__file__).parents[1] / "fixtures" / "watch"
SINCE, TODAY = dt.date(2026, 5, 1), dt.date(2026, 11, 30)


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def params(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


class Replay:
    """A fetch that answers from recorded files and fails the test on any unexpected request."""

    def __init__(self, routes):
        self.routes = routes  # (what the URL contains, status, fixture file or an exception to raise)
        self.urls = []

    def __call__(self, url):
        self.urls.append(url)
        if "esummary.fcgi" in url:
            wanted = params(url)["id"].split(",")
            full = json.loads(recorded("pubmed-esummary.json"))
            result = {"uids": wanted, **{uid: full["result"][uid] for uid in wanted}}
            return 200, json.dumps({"header": full["header"], "result": result}).encode()
        for needle, status, answer in self.routes:
            if needle in url:
                if isinstance(answer, Exception):
                    raise answer
                return status, answer if isinstance(answer, bytes) else recorded(answer)
        raise AssertionError(f"unexpected request: {url}")


def search(id="s", source="pubmed", query="alpha", pages=("clinicians/a.md",), **extra):
    return saved_searches.SavedSearch(id, "A search.", source, Query(query, **extra), tuple(pages))


# --- query URLs ---


def test_pubmed_url_ranges_over_entrez_date():
    got = params(sources.pubmed_search_url(Query('"pancreatic cancer"[tiab]'), SINCE, TODAY))
    assert got["term"] == '"pancreatic cancer"[tiab]'
    assert (got["db"], got["datetype"], got["mindate"], got["maxdate"]) == (
        "pubmed",
        "edat",
        "2026/05/01",
        "2026/11/30",
    )
    assert got["retmode"] == "json"
    assert params(sources.pubmed_summary_url(["1", "2"]))["id"] == "1,2"


@pytest.mark.parametrize(
    "date_field, area", [("first-posted", "StudyFirstPostDate"), ("last-update", "LastUpdatePostDate")]
)
def test_clinicaltrials_url_ranges_over_the_chosen_date(date_field, area):
    url = sources.clinicaltrials_url(Query("daraxonrasib", "pancreatic cancer", date_field), SINCE, TODAY)
    assert url.startswith("https://clinicaltrials.gov/api/v2/studies?")
    got = params(url)
    assert got["query.term"] == "daraxonrasib" and got["query.cond"] == "pancreatic cancer"
    assert got["filter.advanced"] == f"AREA[{area}]RANGE[2026-05-01,2026-11-30]"
    assert got["format"] == "json"


def test_clinicaltrials_url_leaves_out_an_absent_condition():
    assert "query.cond" not in params(sources.clinicaltrials_url(Query("x"), SINCE, TODAY))


def test_openfda_urls_add_the_date_range_to_the_query():
    label = params(sources.fda_label_url(Query('indications_and_usage:"pancreatic cancer"'), SINCE, TODAY))
    assert label["search"] == '(indications_and_usage:"pancreatic cancer") AND effective_time:[20260501 TO 20261130]'
    approval = params(sources.fda_approval_url(Query("products.active_ingredients.name:X"), SINCE, TODAY))
    assert approval["search"] == (
        "(products.active_ingredients.name:X) AND submissions.submission_status_date:[20260501 TO 20261130]"
    )


# --- parsing each source ---


def test_pubmed_parses_ids_then_titles_dates_and_links():
    ids, total = sources.parse_pubmed_search(json.loads(recorded("pubmed-esearch.json")))
    assert (ids, total) == (["90000003", "90000002", "90000001"], 3)
    found = sources.run_pubmed(Query("alpha"), SINCE, TODAY, Replay([("esearch", 200, "pubmed-esearch.json")]))
    first = found.items[0]
    assert first.key == "PMID 90000003"
    assert first.date == dt.date(2026, 10, 14), "the Entrez date, which the search ranges over"
    assert first.link == "https://pubmed.ncbi.nlm.nih.gov/90000003/"
    assert first.detail == "J Example Oncol 2026 Nov"
    assert found.items[1].title.startswith("Olanzapine for appetite in advanced pancreatic cancer & other")


def test_pubmed_with_no_match_asks_for_no_summaries():
    empty = json.dumps({"esearchresult": {"count": "0", "retmax": "0", "idlist": []}}).encode()
    replay = Replay([("esearch", 200, empty)])
    assert sources.run_pubmed(Query("alpha"), SINCE, TODAY, replay) == sources.Found((), 0, 0)
    assert len(replay.urls) == 1


def test_clinicaltrials_parses_studies_with_the_chosen_date():
    payload = json.loads(recorded("clinicaltrials-studies.json"))
    items, total, read = sources.parse_clinicaltrials(payload, "first-posted")
    assert (total, read) == (2, 2)
    assert [(i.key, i.date) for i in items] == [
        ("NCT99000002", dt.date(2026, 9, 1)),
        ("NCT99000001", dt.date(2026, 6, 10)),
    ]
    assert items[1].link == "https://clinicaltrials.gov/study/NCT99000001"
    assert items[1].detail == "Phase 2, Phase 3; Recruiting; Example Therapeutics"
    updated, _, _ = sources.parse_clinicaltrials(payload, "last-update")
    assert updated[1].date == dt.date(2026, 10, 20)


def test_fda_labels_leave_out_generic_copies():
    items, total, read = sources.parse_fda_labels(json.loads(recorded("openfda-label.json")))
    assert (total, read) == (2, 2)
    assert [i.title for i in items] == ["EXAMPLO (exampletinib): label published or revised"]
    assert items[0].date == dt.date(2026, 9, 4)
    assert items[0].link.endswith("setid=00000000-fixture-0000-0000-000000000001")


def test_fda_approvals_list_each_approval_action_in_the_range():
    items, _, _ = sources.parse_fda_approvals(json.loads(recorded("openfda-drugsfda.json")), SINCE, TODAY)
    assert [(i.title, i.date) for i in items] == [
        ("EXAMPLO (exampletinib): original approval (Type 1 - New Molecular Entity)", dt.date(2026, 8, 26)),
        ("EXAMPLO (exampletinib): supplement approved (Efficacy)", dt.date(2026, 11, 3)),
    ], "approved actions only, inside the range, originator applications only"
    assert items[0].link.endswith("ApplNo=999001")
    assert items[0].detail == "EXAMPLE THERAP; NDA999001; priority"


def test_openfda_not_found_is_an_empty_result_not_a_failure():
    replay = Replay([("api.fda.gov", 404, "openfda-not-found.json")])
    assert sources.run_fda_label(Query("x:y"), SINCE, TODAY, replay) == sources.Found((), 0, 0)
    assert sources.run_fda_approval(Query("x:y"), SINCE, TODAY, replay) == sources.Found((), 0, 0)


# --- pages, dates, de-duplication ---


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "docs/clinicians").mkdir(parents=True)
    (tmp_path / "docs/patients").mkdir(parents=True)

    def write(path, **fields):
        (tmp_path / "docs" / path).write_text(page("A page", audience="clinician", **fields))

    write("clinicians/a.md", evidence_checked="2026-05-01")
    write("clinicians/b.md", evidence_checked="2026-08-01")
    write("patients/c.md", evidence_checked=None)
    return tmp_path / "docs"


def test_each_page_lists_what_appeared_on_or_after_its_own_date(docs):
    replay = Replay([("esearch", 200, "pubmed-esearch.json")])
    result = report.watch([search(pages=("clinicians/a.md", "clinicians/b.md"))], docs, TODAY, replay)
    assert params(replay.urls[0])["mindate"] == "2026/05/01", "one request, from the earliest page date"
    assert [h.item.key for h in result.pages["clinicians/a.md"]] == ["PMID 90000003", "PMID 90000002", "PMID 90000001"]
    assert [h.item.key for h in result.pages["clinicians/b.md"]] == ["PMID 90000003"]


def test_one_work_found_by_two_searches_is_listed_once_under_both(docs):
    replay = Replay([("term=alpha", 200, "pubmed-esearch.json"), ("term=beta", 200, "pubmed-esearch-other.json")])
    result = report.watch([search("first", query="alpha"), search("second", query="beta")], docs, TODAY, replay)
    hits = result.pages["clinicians/a.md"]
    assert [h.item.key for h in hits].count("PMID 90000003") == 1
    assert next(h for h in hits if h.item.key == "PMID 90000003").found_by == ("first", "second")
    assert next(h for h in hits if h.item.key == "PMID 90000001").found_by == ("first",)


def test_a_page_without_an_evidence_date_is_reported_and_its_search_not_run(docs):
    replay = Replay([])
    result = report.watch([search(pages=("patients/c.md",))], docs, TODAY, replay)
    assert replay.urls == []
    assert [s.id for s in result.not_run] == ["s"]
    text = report.render_text(result)
    assert "docs/patients/c.md: no evidence_checked date; add 'evidence_checked: YYYY-MM-DD'" in text
    assert "Searches not run (none of their pages has an evidence date):\n  s" in text


def test_a_page_with_a_bad_evidence_date_says_where(docs):
    (docs / "clinicians/b.md").write_text(page("B", audience="clinician", evidence_checked="last spring"))
    problem = report.page_date(docs, "clinicians/b.md", TODAY).problem
    assert problem.startswith("docs/clinicians/b.md:6: evidence_checked 'last spring' is not a date")
    (docs / "clinicians/b.md").write_text(page("B", audience="clinician", evidence_checked="2027-01-05"))
    problem = report.page_date(docs, "clinicians/b.md", TODAY).problem
    assert problem.startswith("docs/clinicians/b.md:6: evidence_checked 2027-01-05 is after today (2026-11-30)")


# --- failures ---


def test_a_network_failure_is_reported_and_the_other_searches_still_run(docs):
    replay = Replay(
        [
            ("term=alpha", 0, FetchError("timed out after 30 s")),
            ("clinicaltrials.gov", 200, "clinicaltrials-studies.json"),
        ]
    )
    result = report.watch(
        [search("pubmed-down", query="alpha"), search("trials", source="clinicaltrials", query="x")],
        docs,
        TODAY,
        replay,
    )
    assert [o.search.id for o in result.failed] == ["pubmed-down"]
    text = report.render_text(result)
    assert "pubmed-down: no answer: timed out after 30 s" in text
    assert "esearch.fcgi?" in text, "the failed request is shown"
    assert "NCT99000002" in text, "the search that worked is still reported"
    assert "docs/clinicians/a.md (evidence checked 2026-05-01): 2 new items (incomplete: pubmed-down failed)" in text
    body = report.issue_body(result)
    assert "### 1 search failed" in body and "`pubmed-down`: no answer: timed out after 30 s" in body


@pytest.mark.parametrize(
    "source, status, answer, message",
    [
        ("pubmed", 503, b"<html>Service Unavailable</html>", "HTTP 503: Service Unavailable"),
        ("clinicaltrials", 200, b"<html>maintenance</html>", "the answer is not a JSON object"),
        (
            "pubmed",
            200,
            recorded("pubmed-esearch-error.json"),
            "PubMed refused the query: Invalid query: unbalanced parentheses",
        ),
        ("clinicaltrials", 200, b'{"studies": "oops"}', "unexpected answer: no 'studies' list"),
        ("fda-label", 500, b'{"error": {"code": "SERVER_ERROR"}}', "HTTP 500"),
        ("fda-approval", 200, b'{"results": [{"submissions": 3, "application_number": "NDA1"}]}', "unexpected answer"),
    ],
)
def test_a_bad_answer_is_reported_as_that_search_failing(source, status, answer, message):
    outcome = report.run_search(search(source=source, query="x"), SINCE, TODAY, Replay([("https://", status, answer)]))
    assert outcome.found is None
    assert message in outcome.error.message
    assert outcome.error.url.startswith("https://")


def test_a_search_with_more_matches_than_read_says_so(docs):
    capped = json.dumps({"esearchresult": {"count": "250", "idlist": ["90000003", "90000002"]}}).encode()
    result = report.watch([search()], docs, TODAY, Replay([("esearch", 200, capped)]))
    assert "s: 250 records matched and only the first 2 were read" in report.render_text(result)
    labels = report.watch(
        [search(source="fda-label", query="q")], docs, TODAY, Replay([("label.json", 200, "openfda-label.json")])
    )
    assert "were read" not in report.render_text(labels), "records left out on purpose are not a shortfall"


def test_cli_reports_failures_and_still_exits_0(docs, capsys):
    root = docs.parent
    (root / "literature-watch.yml").write_text(
        "searches:\n"
        "  - id: pubmed-down\n    description: x\n    source: pubmed\n    query: alpha\n"
        "    pages: [clinicians/a.md]\n"
        "  - id: labels\n    description: x\n    source: fda-label\n    query: 'a:b'\n"
        "    pages: [clinicians/b.md]\n"
    )
    replay = Replay(
        [("eutils", 0, FetchError("Name or service not known")), ("api.fda.gov", 200, "openfda-label.json")]
    )
    code = cli.main(["--root", str(root), "--today", "2026-11-30"], fetch=replay)
    out = capsys.readouterr().out
    assert code == 0
    assert "pubmed-down: no answer: Name or service not known" in out
    assert "docs/clinicians/b.md (evidence checked 2026-08-01): 1 new item" in out
    assert "EXAMPLO (exampletinib): label published or revised" in out
    assert "no saved search serves" not in out
    (docs / "clinicians/d.md").write_text(page("D", audience="clinician", evidence_checked="2026-09-01"))
    assert cli.main(["--root", str(root), "--search", "labels"], fetch=replay) == 0
    out = capsys.readouterr().out
    assert "no saved search serves (add them to a search's pages):\n  docs/clinicians/d.md\n" in out
    assert "docs/clinicians/a.md" not in out.split("serves")[1], "served by a search left out with --search"
    issue = docs.parent / "watch.md"
    assert (
        cli.main(
            ["--root", str(root), "--today", "2026-11-30", "--format", "markdown", "--output", str(issue)], fetch=replay
        )
        == 0
    )
    assert issue.read_text().startswith(report.MARKER)


# --- the real fetch, against a local server ---


class Service(BaseHTTPRequestHandler):
    agents = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Service.agents.append(self.headers.get("User-Agent"))
        code, body = (200, b'{"ok": true}') if self.path == "/ok" else (404, b'{"error": {"code": "NOT_FOUND"}}')
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_http_fetch_returns_status_and_body_and_names_itself():
    Service.agents.clear()  # what an earlier run in this process recorded
    server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        fetch = cli.HttpFetch("knowledge-base-literature-watch/1 (+https://example.org/)", timeout=5, spacing=0)
        base = f"http://127.0.0.1:{server.server_port}"
        assert fetch(base + "/ok") == (200, b'{"ok": true}')
        assert fetch(base + "/missing")[0] == 404, "an HTTP error is an answer, for the source to judge"
        assert Service.agents == ["knowledge-base-literature-watch/1 (+https://example.org/)"] * 2
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(FetchError):
        fetch(base + "/ok")  # the server is gone: no answer at all
    assert cli.user_agent(ROOT) == (
        "knowledge-base-literature-watch/1 (+https://stage4-pancreas.github.io/knowledge-base/)"
    )


# --- the Markdown issue body ---


def test_issue_body_escapes_record_text_and_fits_in_one_issue(docs):
    replay = Replay([("esearch", 200, "pubmed-esearch.json")])
    result = report.watch([search()], docs, TODAY, replay)
    body = report.issue_body(result)
    assert body.startswith(report.MARKER)
    assert r"\[systematic\] review @" + "\u200b" + "example" in body, "no markup or @mention from a title"
    assert "[A RAS\\(ON\\) inhibitor" in body and "(https://pubmed.ncbi.nlm.nih.gov/90000003/)" in body
    many = report.Report(
        result.today,
        result.searches,
        result.outcomes,
        result.dates,
        {"clinicians/a.md": result.pages["clinicians/a.md"] * 400},
    )
    long_body = report.issue_body(many)
    assert len(long_body) <= report.ISSUE_LIMIT
    assert "more: run `make watch` for the full list" in long_body


# --- the saved-search file ---


def findings_for(text, docs):
    searches, findings = saved_searches.parse("literature-watch.yml", text, docs)
    assert searches == [] or not findings
    return [f.text() for f in findings]


GOOD = (
    "searches:\n"
    "  - id: ok\n    description: x\n    source: pubmed\n    query: alpha\n    pages:\n"
    "      - clinicians/a.md\n"
)


def test_a_valid_file_gives_searches(docs):
    searches, findings = saved_searches.parse("literature-watch.yml", GOOD, docs)
    assert findings == [] and searches[0].pages == ("clinicians/a.md",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("searches:\n  - id: a\n    description: [unclosed\n", "literature-watch.yml:4: watch-yaml: malformed YAML"),
        (
            GOOD.replace("    query: alpha\n", "    query: alpha\n    querry: beta\n"),
            "literature-watch.yml:6: watch-field-unknown: querry: unknown field; did you mean 'query'?",
        ),
        (
            GOOD.replace("source: pubmed", "source: embase"),
            "literature-watch.yml:4: watch-source: source: 'embase' is not known; use one of pubmed, clinicaltrials",
        ),
        (
            GOOD.replace("clinicians/a.md", "clinicians/gone.md"),
            "literature-watch.yml:7: watch-page-missing: pages: 'clinicians/gone.md' is not a page under docs/",
        ),
        (
            GOOD.replace("    description: x\n", ""),
            "literature-watch.yml:2: watch-field-required: description: missing",
        ),
        (
            GOOD + GOOD.replace("searches:\n", ""),
            "literature-watch.yml:8: watch-duplicate-id: id: 'ok' is already used on line 2",
        ),
        (
            GOOD.replace("source: pubmed", "source: clinicaltrials\n    date: yesterday"),
            "literature-watch.yml:5: watch-field-value: date: 'yesterday' is not allowed",
        ),
        (GOOD.replace("id: ok", "id: Not OK"), "literature-watch.yml:2: watch-id: id: 'Not OK' must be lower-case"),
        ("- just a list\n", "literature-watch.yml:1: watch-shape: the file must hold 'searches:'"),
    ],
)
def test_a_malformed_file_is_rejected_with_file_and_line(docs, text, expected):
    assert any(f.startswith(expected) for f in findings_for(text, docs)), findings_for(text, docs)


def test_cli_exits_2_on_a_malformed_file_without_asking_anyone(docs, capsys):
    (docs.parent / "literature-watch.yml").write_text(GOOD.replace("source: pubmed", "source: embase"))
    code = cli.main(["--root", str(docs.parent)], fetch=Replay([]))
    assert code == 2
    assert "literature-watch.yml:4: watch-source:" in capsys.readouterr().err


def test_cli_rejects_an_unknown_search_id(docs, capsys):
    (docs.parent / "literature-watch.yml").write_text(GOOD)
    assert cli.main(["--root", str(docs.parent), "--search", "nope"], fetch=Replay([])) == 2
    assert "no saved search with id nope" in capsys.readouterr().err


def test_the_projects_own_saved_searches_are_valid_and_serve_real_pages():
    searches, findings = saved_searches.parse(
        "literature-watch.yml", (ROOT / "literature-watch.yml").read_text(), ROOT / "docs"
    )
    assert [f.text() for f in findings] == []
    assert 8 <= len(searches) <= 12
    assert {s.source for s in searches} == set(sources.SOURCES), "every source is used by a saved search"


# --- the weekly workflow ---


def test_weekly_workflow_is_scheduled_pinned_and_least_privileged():
    workflows = ROOT / ".github" / "workflows"
    flow = yaml.safe_load((workflows / "literature-watch.yml").read_text())
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}, "never on a pull request"
    assert flow["permissions"] == {"contents": "read"}
    (job,) = flow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert 0 < job["timeout-minutes"] <= 30
    used = {step["uses"] for step in job["steps"] if "uses" in step}
    pinned_elsewhere = set(
        re.findall(
            r"uses: (\S+@[0-9a-f]{40})",
            "".join(p.read_text() for p in workflows.glob("*.yml") if p.name != "literature-watch.yml"),
        )
    )
    assert used and used <= pinned_elsewhere, "actions pinned by the same commit SHAs as the other workflows"
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert "make watch FORMAT=markdown OUTPUT=watch.md" in script
    assert 'gh issue list --state open --label "$LABEL"' in script and "gh issue edit" in script
