"""--online against a local server: status codes, retries, redirects, timeouts, dropped connections, cache."""

import dataclasses
import datetime as dt
import json
import shutil
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pancreas_kb.checker import check, online, published_urls, site_rules
from pancreas_kb.checker.html_scan import scan_site
from pancreas_kb.domain import bibliography

FAST = online.Options(timeout=0.5, retries=1, backoff=0.01, retry_after_cap=0.05, workers=4, per_host=2)
GOOD = Path(__file__).parents[1] / "fixtures" / "site-good"


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):  # keep test output clean
        pass

    def reply(self, code, headers=()):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        count = Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/ok":
            self.reply(200)
        elif self.path == "/moved":
            self.reply(301, [("Location", "/ok")])
        elif self.path == "/loop":
            self.reply(302, [("Location", "/loop")])
        elif self.path == "/missing":
            self.reply(404)
        elif self.path == "/forbidden":
            self.reply(403)
        elif self.path.startswith("/busy"):
            self.reply(429, [("Retry-After", "30")]) if count == 1 else self.reply(200)
        elif self.path == "/error":
            self.reply(500)
        elif self.path == "/slow":
            time.sleep(1.5)
            self.reply(200)
        elif self.path == "/drop":
            self.close_connection = True
            self.connection.close()
        elif self.path.startswith("/10."):
            self.reply(302, [("Location", "https://publisher.example/article")])
        elif self.path.startswith("/chain/"):  # /chain/N: N redirects, then the page
            left = int(self.path.rsplit("/", 1)[1])
            self.reply(301, [("Location", f"/chain/{left - 1}")]) if left else self.reply(200)
        elif self.path == "/twice":
            self.reply(302, [("Location", "/moved")])
        elif self.path == "/lower-moved":
            self.reply(307, [("location", "/ok")])
        elif self.path == "/no-location":
            self.reply(302)
        elif self.path == "/hop-nowhere":
            self.reply(301, [("Location", "/no-location")])
        elif self.path.startswith("/lower-busy"):
            self.reply(503, [("retry-after", "30")]) if count == 1 else self.reply(200)
        elif self.path == "/bad":
            self.reply(400)
        elif self.path == "/client-error":
            self.reply(499)
        elif self.path == "/who":
            Handler.seen = dict(self.headers)
            self.reply(200)
        else:
            self.reply(404)


@pytest.fixture(autouse=True)
def fresh_counts():
    """Each test sees the server for the first time, whatever ran before it in this process."""
    Handler.hits.clear()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def verdict(url):
    return online.check_url(url, FAST, "2026-06-01T00:00:00+00:00")


def test_ok(server):
    result = verdict(f"{server}/ok")
    assert (result.status, result.code) == (online.OK, 200)


def test_redirect_is_followed_and_reported(server):
    result = verdict(f"{server}/moved")
    assert (result.status, result.code, result.final_url) == (online.REDIRECTED, 200, f"{server}/ok")
    assert "301" in result.detail


def test_redirect_loop_is_broken(server):
    assert verdict(f"{server}/loop").status == online.BROKEN


def test_not_found_is_broken_without_retry(server):
    result = verdict(f"{server}/missing")
    assert (result.status, result.code) == (online.BROKEN, 404)
    assert Handler.hits["/missing"] == 1


def test_refused_is_unverified_not_broken(server):
    assert verdict(f"{server}/forbidden").status == online.UNVERIFIED


def test_429_is_retried_honouring_retry_after_up_to_the_cap(server):
    waits = []
    result = online.check_url(f"{server}/busy-1", FAST, "now", sleep=waits.append)
    assert (result.status, result.code) == (online.OK, 200)
    assert waits == [FAST.retry_after_cap]


def test_server_error_is_retried_then_broken(server):
    waits = []
    result = online.check_url(f"{server}/error", FAST, "now", sleep=waits.append)
    assert (result.status, result.code) == (online.BROKEN, 500)
    assert Handler.hits["/error"] == FAST.retries + 1
    assert waits == [FAST.backoff]


def test_slow_response_times_out(server):
    # The server answers after 1.5 s; a short timeout keeps the two attempts quick.
    result = online.check_url(f"{server}/slow", dataclasses.replace(FAST, timeout=0.2), "now")
    assert result.status == online.BROKEN and "timed out" in result.detail


def test_dropped_connection_is_broken(server):
    result = verdict(f"{server}/drop")
    assert result.status == online.BROKEN and result.code is None


def test_doi_resolves_when_doi_org_redirects(server, monkeypatch):
    monkeypatch.setattr(online, "DOI_HOSTS", (server.split("//")[1],))
    result = verdict(f"{server}/10.1056/NEJMoa1011923")
    assert (result.status, result.final_url) == (online.OK, "https://publisher.example/article")
    assert verdict(f"{server}/missing").status == online.BROKEN


def test_retry_after_dates_and_garbage():
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=20)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert 0 < online._retry_after(soon, 60) <= 20
    assert online._retry_after("120", 60) == 60
    assert online._retry_after("soon", 60) is None


def test_cache_reuses_good_results_and_rechecks_failures(server, tmp_path):
    cache = tmp_path / "site_rules.json"
    urls = [f"{server}/ok", f"{server}/missing"]
    results, from_cache = online.check_all(urls, FAST, cache, sleep=lambda s: None)
    assert from_cache == 0 and results[urls[1]].status == online.BROKEN
    assert list(json.loads(cache.read_text())["results"]) == [urls[0]]
    _, from_cache = online.check_all(urls, FAST, cache)
    assert from_cache == 1
    stale = json.loads(cache.read_text())
    stale["results"][urls[0]]["checked"] = "2020-01-01T00:00:00+00:00"
    cache.write_text(json.dumps(stale))
    assert online.check_all(urls, FAST, cache)[1] == 0
    cache.write_text("not json")
    assert online.check_all(urls, FAST, cache)[1] == 0


def test_summary_table_lists_problems():
    results = {
        "https://a.example/": online.Result("https://a.example/", online.BROKEN, 404, "", "HTTP 404", "t"),
        "https://b.example/": online.Result("https://b.example/", online.OK, 200, "", "HTTP 200", "t"),
    }
    text = online.summary(results, 1)
    assert text.splitlines()[0] == "online: 2 URLs checked (1 from cache): 1 ok, 0 redirected, 0 unverified, 1 broken"
    assert "broken      404  https://a.example/  HTTP 404" in text


def test_check_online_reports_broken_links_at_their_source(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    page = "---\ntitle: A\ndescription: A.\naudience: all\nreview_status: submitted\n---\n\n# A\n\n"
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://kb.example/base/\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page)
    (tmp_path / "docs" / "a.md").write_text(page + f"See [this]({server}/missing) and [that]({server}/ok).\n")
    (tmp_path / "references.bib").write_text("")
    shutil.copytree(GOOD, tmp_path / "site")
    article = tmp_path / "site" / "a" / "index.html"
    html = article.read_text().replace(
        "</article>", f'<p><a href="{server}/missing">this</a> <a href="{server}/ok">that</a></p></article>'
    )
    article.write_text(html)
    assert published_urls.main(["--root", str(tmp_path), "--update"]) == 1
    monkeypatch.setattr(online, "Options", lambda: FAST)
    every_target = online.targets  # the fixture's other links point at the internet
    monkeypatch.setattr(
        online,
        "targets",
        lambda *args: {url: places for url, places in every_target(*args).items() if url.startswith(server)},
    )
    assert check.main(["--root", str(tmp_path), "--online"]) == 1
    captured = capsys.readouterr()
    assert f"docs/a.md:10: broken-external-link: '{server}/missing' does not work (HTTP 404)" in captured.out
    assert "online: 2 URLs checked (0 from cache): 1 ok, 0 redirected, 0 unverified, 1 broken" in captured.err
    assert (tmp_path / online.CACHE_FILE).is_file()


def test_targets_are_content_links_and_bib_dois_not_repository_links():
    site, _ = scan_site(GOOD)
    settings = {"site_url": "https://kb.example/base/", "extra": {"repository": "https://example.org/other"}}
    ctx = site_rules.context(site, "site", settings, "docs/", {"docs/a.md": "x", "docs/index.md": "x"})
    library = bibliography.parse("references.bib", "@article{k,\n  doi = {10.1/x},\n}\n")
    assert online.targets(ctx, library, settings) == {
        "https://doi.org/10.1/x": {("references.bib", 2)},
        "https://example.org/": {("docs/index.md", 1)},
    }


def test_issue_body(tmp_path, capsys):
    report = tmp_path / "report.json"
    report.write_text(
        json.dumps(
            [
                {
                    "path": "docs/a.md",
                    "line": 3,
                    "rule": "broken-external-link",
                    "message": "a | b",
                    "severity": "error",
                },
                {
                    "path": "docs/b.md",
                    "line": 1,
                    "rule": "external-link-redirected",
                    "message": "m",
                    "severity": "warning",
                },
            ]
        )
    )
    assert online.main(["--issue-body", str(report)]) == 0
    body = capsys.readouterr().out
    assert "found 1 errors and 1 warnings" in body
    assert "| docs/a&#46;md&#58;3 | broken-external-link | a &#124; b |" in body
    assert online.main(["--issue-body", str(tmp_path / "none.json")]) == 2


@pytest.mark.parametrize(
    "message, markup",
    [
        ("redirects to [the journal](https://evil.example/)", "]("),
        ("redirects to ![x](https://tracker.example/p.png)", "!["),
        ("redirects to https://evil.example/login", "https://"),
        ("redirects to www.evil.example", "www."),
        ("asks @maintainer to merge", "@maintainer"),
        ("<img src=x onerror=alert(1)>", "<img"),
        ("line one\n\n## A heading", "\n"),
    ],
)
def test_the_issue_shows_what_a_remote_site_sent_as_text(message, markup):
    body = online.issue_body([{"path": "docs/a.md", "line": 3, "rule": "r", "message": message, "severity": "error"}])
    row = body.split("| --- | --- | --- |\n", 1)[1].strip()
    assert markup not in row


# --- every verdict's finding, the summary, the cache and the issue, exactly -------------

NOW = "2026-06-01T00:00:00+00:00"


def result(url, status, code, detail, final=""):
    return online.Result(url, status, code, final, detail, NOW)


def test_each_verdict_becomes_its_finding_at_every_place_it_is_written():
    results = {
        "https://ok.example/": result("https://ok.example/", online.OK, 200, "HTTP 200"),
        "https://gone.example/": result("https://gone.example/", online.BROKEN, 404, "HTTP 404"),
        "https://doi.org/10.1/x": result("https://doi.org/10.1/x", online.BROKEN, 404, "HTTP 404"),
        "https://old.example/": result(
            "https://old.example/", online.REDIRECTED, 200, "redirects (301) to https://new.example/"
        ),
        "https://shy.example/": result("https://shy.example/", online.UNVERIFIED, 403, "HTTP 403: refused"),
        "https://nowhere.example/": result("https://nowhere.example/", online.BROKEN, None, "timed out"),
    }
    places = {
        "https://ok.example/": {("docs/a.md", 1)},
        "https://gone.example/": {("docs/b.md", 9), ("docs/a.md", 4)},
        "https://doi.org/10.1/x": {("references.bib", 3)},
        "https://old.example/": {("docs/a.md", 7)},
        "https://shy.example/": {("docs/c.md", 2)},
    }
    assert online.findings_for(results, places) == [
        online.Finding(
            "docs/a.md",
            4,
            "broken-external-link",
            "'https://gone.example/' does not work (HTTP 404); correct it, link an archived copy, "
            "or remove the claim's dependence on it",
            "error",
        ),
        online.Finding(
            "docs/b.md",
            9,
            "broken-external-link",
            "'https://gone.example/' does not work (HTTP 404); correct it, link an archived copy, "
            "or remove the claim's dependence on it",
            "error",
        ),
        online.Finding(
            "references.bib",
            3,
            "unresolvable-doi",
            "'https://doi.org/10.1/x' does not work (HTTP 404); correct it, link an archived copy, "
            "or remove the claim's dependence on it",
            "error",
        ),
        online.Finding(
            "docs/a.md",
            7,
            "external-link-redirected",
            "'https://old.example/' redirects (301) to https://new.example/; link the final address",
            "warning",
        ),
        online.Finding(
            "docs/c.md", 2, "external-link-unverified", "'https://shy.example/': HTTP 403: refused", "warning"
        ),
    ]


def test_summary_lists_every_problem_by_status_then_url_in_aligned_columns():
    results = {
        url: result(url, status, code, detail)
        for url, status, code, detail in [
            ("https://z.example/", online.BROKEN, 404, "HTTP 404"),
            ("https://ok.example/", online.OK, 200, "HTTP 200"),
            ("https://b.example/long/path", online.BROKEN, None, "timed out after 2 attempts"),
            ("https://r.example/", online.REDIRECTED, 200, "redirects (301) to https://s.example/"),
            ("https://u.example/", online.UNVERIFIED, 403, "HTTP 403: refused"),
        ]
    }
    assert online.summary(results, 2) == (
        "online: 5 URLs checked (2 from cache): 1 ok, 1 redirected, 1 unverified, 2 broken\n"
        "STATUS      CODE URL                          DETAIL\n"
        "broken      -    https://b.example/long/path  timed out after 2 attempts\n"
        "broken      404  https://z.example/           HTTP 404\n"
        "redirected  200  https://r.example/           redirects (301) to https://s.example/\n"
        "unverified  403  https://u.example/           HTTP 403: refused"
    )


def test_summary_of_all_good_links_is_one_line():
    assert online.summary({"https://ok.example/": result("https://ok.example/", online.OK, 200, "HTTP 200")}, 0) == (
        "online: 1 URLs checked (0 from cache): 1 ok, 0 redirected, 0 unverified, 0 broken"
    )


def test_cache_is_written_sorted_one_field_a_line_without_failures_into_new_folders(tmp_path):
    cache = tmp_path / "new" / "folder" / "cache.json"
    online.save_cache(
        cache,
        {
            "https://z.example/": result("https://z.example/", online.OK, 200, "HTTP 200"),
            "https://gone.example/": result("https://gone.example/", online.BROKEN, 404, "HTTP 404"),
            "https://a.example/": result("https://a.example/", online.UNVERIFIED, 403, "HTTP 403"),
        },
    )
    assert cache.read_text(encoding="utf-8") == (
        '{\n "results": {\n'
        '  "https://a.example/": {\n   "url": "https://a.example/",\n   "status": "unverified",\n'
        '   "code": 403,\n   "final_url": "",\n   "detail": "HTTP 403",\n'
        '   "checked": "2026-06-01T00:00:00+00:00"\n  },\n'
        '  "https://z.example/": {\n   "url": "https://z.example/",\n   "status": "ok",\n'
        '   "code": 200,\n   "final_url": "",\n   "detail": "HTTP 200",\n'
        '   "checked": "2026-06-01T00:00:00+00:00"\n  }\n'
        " }\n}"
    )


@pytest.mark.parametrize(
    "age, kept",
    [
        (dt.timedelta(days=7) - dt.timedelta(seconds=1), True),
        (dt.timedelta(days=7), True),
        (dt.timedelta(days=7, seconds=1), False),
    ],
)
def test_cached_verdict_is_fresh_up_to_exactly_cache_days(tmp_path, age, kept):
    cache = tmp_path / "cache.json"
    good = result("https://a.example/", online.OK, 200, "HTTP 200")
    online.save_cache(cache, {good.url: good})
    now = dt.datetime.fromisoformat(NOW) + age
    assert online.load_cache(cache, online.Options(cache_days=7), now) == ({good.url: good} if kept else {})


@pytest.mark.parametrize("text", ['{"other": {}}', "[]", '{"results": {"u": {"url": "u"}}}', ""])
def test_a_cache_from_another_version_is_ignored(tmp_path, text):
    cache = tmp_path / "cache.json"
    cache.write_text(text, encoding="utf-8")
    assert online.load_cache(cache, online.Options(), dt.datetime.now(dt.UTC)) == {}


def test_check_all_passes_its_sleep_to_every_retry_and_stamps_utc(server):
    waits = []
    results, from_cache = online.check_all([f"{server}/error"], FAST, None, sleep=waits.append)
    assert (results[f"{server}/error"].status, from_cache, waits) == (online.BROKEN, 0, [FAST.backoff])
    checked = dt.datetime.fromisoformat(results[f"{server}/error"].checked)
    assert checked.utcoffset() == dt.timedelta(0)


def test_one_host_at_a_time_per_host_but_hosts_and_workers_in_parallel(monkeypatch):
    """per_host=1 still lets two hosts run together; workers=2 never runs three at once."""
    both = threading.Barrier(2, timeout=2)
    lock, running, peak = threading.Lock(), [0], [0]

    def fake_check(url, options, now, sleep):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        both.wait()  # fails unless another request runs at the same time
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return online.Result(url, online.OK, 200, url, "HTTP 200", now)

    monkeypatch.setattr(online, "check_url", fake_check)
    urls = [f"https://h{i}.example/" for i in range(4)]
    options = dataclasses.replace(FAST, per_host=1, workers=2)
    results, _ = online.check_all(urls, options, None)
    assert sorted(results) == urls and peak[0] == 2


def test_host_limit_is_one_semaphore_per_host_whatever_its_case():
    limit = online._HostLimit(2)
    first = limit("https://A.example/x")
    assert limit("https://a.EXAMPLE/y") is first
    assert limit("https://b.example/x") is not first


def test_repository_links_are_the_repository_edit_and_repo_urls():
    settings = {
        "extra": {"repository": "https://git.example/kb"},
        "edit_uri": "https://git.example/kb/edit/main/docs/",
        "repo_url": "https://git.example/kb-repo",
    }
    assert online._repository_links(settings) == (
        "https://git.example/kb",
        "https://git.example/kb/edit/main/docs/",
        "https://git.example/kb-repo",
    )
    assert online._repository_links({}) == ()


def test_targets_of_unsourced_pages_protocol_relative_links_and_unlined_dois(tmp_path):
    shutil.copytree(GOOD, tmp_path / "site")
    article = tmp_path / "site" / "a" / "index.html"
    article.write_text(article.read_text().replace("</article>", '<a href="//cdn.example/lib">lib</a></article>'))
    site, _ = scan_site(tmp_path / "site")
    settings = {"site_url": "https://kb.example/base/", "edit_uri": "https://example.org/"}
    ctx = site_rules.context(site, "site", settings, "docs/", {})
    entry = bibliography.Entry("k", "article", 5, {"doi": "10.1/y"})
    library = bibliography.Library("references.bib", {"k": entry}, [])
    assert online.targets(ctx, library, settings) == {
        "https://doi.org/10.1/y": {("references.bib", 5)},
        "https://cdn.example/lib": {("site/a/index.html", 16)},
    }


ISSUE_FINDINGS = [
    {"path": "docs/a.md", "line": 3, "rule": "broken-external-link", "message": "gone", "severity": "error"},
    {"path": "docs/b.md", "line": 1, "rule": "external-link-redirected", "message": "moved", "severity": "warning"},
]


def test_issue_body_in_full():
    assert online.issue_body(ISSUE_FINDINGS) == (
        "The weekly link check (`python -m pancreas_kb.checker.check --online`) found 1 errors and 1 warnings.\n"
        "\n"
        "This issue is updated by the links workflow and closed when the check passes.\n"
        "\n"
        "## Errors\n"
        "\n"
        "| Where | Rule | What is wrong |\n"
        "| --- | --- | --- |\n"
        "| docs/a&#46;md&#58;3 | broken-external-link | gone |\n"
        "\n"
        "## Warnings\n"
        "\n"
        "| Where | Rule | What is wrong |\n"
        "| --- | --- | --- |\n"
        "| docs/b&#46;md&#58;1 | external-link-redirected | moved |\n"
    )


def test_issue_body_with_warnings_only_has_no_errors_section():
    assert online.issue_body(ISSUE_FINDINGS[1:]).split("\n\n", 2)[2] == (
        "## Warnings\n"
        "\n"
        "| Where | Rule | What is wrong |\n"
        "| --- | --- | --- |\n"
        "| docs/b&#46;md&#58;1 | external-link-redirected | moved |\n"
    )


def test_issue_body_help(capsys):
    assert online.main(["--help"]) == 0
    assert " ".join(capsys.readouterr().out.split()) == (
        "usage: python -m pancreas_kb.checker.online [-h] --issue-body REPORT.json "
        "Markdown for the links issue "
        "options: -h, --help show this help message and exit "
        "--issue-body REPORT.json findings written by python -m pancreas_kb.checker.check --online --format json"
    )


def test_issue_body_needs_a_report(capsys):
    assert online.main([]) == 2
    assert "the following arguments are required: --issue-body" in capsys.readouterr().err


def test_issue_body_reads_the_command_line(tmp_path, monkeypatch, capsys):
    report = tmp_path / "report.json"
    report.write_text(json.dumps(ISSUE_FINDINGS), encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["online", "--issue-body", str(report)])
    assert online.main() == 0
    assert capsys.readouterr().out == online.issue_body(ISSUE_FINDINGS) + "\n"


def test_unreadable_report_is_explained_on_stderr(tmp_path, capsys):
    report = tmp_path / "report.json"
    report.write_text("not json", encoding="utf-8")
    assert online.main(["--issue-body", str(report)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "error: cannot read the report: Expecting value: line 1 column 1 (char 0)\n"


# --- one URL's verdict in full: each status, redirect and retry ---------------------------


def test_every_hop_of_a_redirect_chain_is_reported(server):
    assert verdict(f"{server}/twice") == online.Result(
        f"{server}/twice", online.REDIRECTED, 200, f"{server}/ok", f"redirects (302, 301) to {server}/ok", NOW
    )


def test_a_lower_case_location_header_is_followed(server):
    result = verdict(f"{server}/lower-moved")
    assert (result.status, result.final_url, result.detail) == (
        online.REDIRECTED,
        f"{server}/ok",
        f"redirects (307) to {server}/ok",
    )


@pytest.mark.parametrize("path", ["/no-location", "/hop-nowhere"])
def test_a_redirect_without_a_location_is_broken_and_says_why(server, path):
    options = dataclasses.replace(FAST, max_redirects=1, retries=0)
    assert online.check_url(f"{server}{path}", options, NOW) == online.Result(
        f"{server}{path}",
        online.BROKEN,
        302,
        f"{server}/no-location",
        "HTTP 302 redirects without a Location header",
        NOW,
    )
    assert Handler.hits["/no-location"] == 1


@pytest.mark.parametrize(("hops", "status"), [(2, online.REDIRECTED), (3, online.BROKEN)])
def test_at_most_max_redirects_are_followed(server, hops, status):
    options = dataclasses.replace(FAST, max_redirects=2, retries=0)
    result = online.check_url(f"{server}/chain/{hops}", options, NOW)
    if status == online.REDIRECTED:
        assert result == online.Result(
            f"{server}/chain/2", status, 200, f"{server}/chain/0", f"redirects (301, 301) to {server}/chain/0", NOW
        )
    else:
        assert result == online.Result(
            f"{server}/chain/3", status, 301, f"{server}/chain/0", "more than 2 redirects", NOW
        )
        assert Handler.hits == {"/chain/3": 1, "/chain/2": 1, "/chain/1": 1}


def test_a_redirect_loop_is_broken_after_max_redirects_requests(server):
    assert verdict(f"{server}/loop") == online.Result(
        f"{server}/loop", online.BROKEN, 302, f"{server}/loop", "more than 8 redirects", NOW
    )
    assert Handler.hits["/loop"] == FAST.max_redirects + 1


def test_a_refused_request_asks_for_a_browser(server):
    assert verdict(f"{server}/forbidden") == online.Result(
        f"{server}/forbidden",
        online.UNVERIFIED,
        403,
        f"{server}/forbidden",
        "HTTP 403: the server refused an automated request; open the link in a browser",
        NOW,
    )


@pytest.mark.parametrize("path, code", [("/missing", 404), ("/bad", 400), ("/client-error", 499)])
def test_a_client_error_is_broken_at_once(server, path, code):
    waits = []
    assert online.check_url(f"{server}{path}", FAST, NOW, sleep=waits.append) == online.Result(
        f"{server}{path}", online.BROKEN, code, f"{server}{path}", f"HTTP {code}", NOW
    )
    assert (Handler.hits[path], waits) == (1, [])


def test_a_server_error_is_retried_with_doubling_waits_then_broken(server):
    waits = []
    options = dataclasses.replace(FAST, retries=3)
    assert online.check_url(f"{server}/error", options, NOW, sleep=waits.append) == online.Result(
        f"{server}/error", online.BROKEN, 500, f"{server}/error", "HTTP 500 after 4 attempts", NOW
    )
    assert waits == [0.01, 0.02, 0.04] and Handler.hits["/error"] == 4


def test_a_lower_case_retry_after_is_honoured(server):
    waits = []
    result = online.check_url(f"{server}/lower-busy", FAST, NOW, sleep=waits.append)
    assert (result.status, waits) == (online.OK, [FAST.retry_after_cap])


def test_the_request_names_the_checker_and_accepts_anything(server):
    assert verdict(f"{server}/who").status == online.OK
    assert (Handler.seen["User-Agent"], Handler.seen["Accept"]) == (FAST.user_agent, "*/*")


def test_a_dropped_connection_says_so(server):
    assert verdict(f"{server}/drop") == online.Result(
        f"{server}/drop",
        online.BROKEN,
        None,
        f"{server}/drop",
        "RemoteDisconnected: Remote end closed connection without response after 2 attempts",
        NOW,
    )


def test_a_timeout_says_so():
    # A server that accepts the connection and never answers.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        result = online.check_url(url, dataclasses.replace(FAST, timeout=0.05, retries=0), NOW)
    assert (result.status, result.code, result.detail) == (online.BROKEN, None, "timed out after 1 attempts")


@pytest.mark.parametrize(
    ("error", "detail"),
    [(OSError(), "OSError"), (ValueError("unknown url type: 'x'"), "unknown url type: 'x'")],
)
def test_an_error_without_a_message_is_named_by_its_type(monkeypatch, error, detail):
    def fail(url, options):
        raise error

    monkeypatch.setattr(online, "_request", fail)
    waits = []
    assert online.check_url("https://a.example/", FAST, NOW, sleep=waits.append) == online.Result(
        "https://a.example/", online.BROKEN, None, "https://a.example/", f"{detail} after 2 attempts", NOW
    )
    assert waits == [FAST.backoff]


def test_a_url_urllib_cannot_request_is_broken():
    result = online.check_url("nonsense", dataclasses.replace(FAST, retries=0), NOW)
    assert (result.status, result.code, result.detail) == (
        online.BROKEN,
        None,
        "unknown url type: 'nonsense' after 1 attempts",
    )


def test_a_doi_that_does_not_redirect_is_judged_as_a_page(server, monkeypatch):
    monkeypatch.setattr(online, "DOI_HOSTS", (server.split("//")[1],))
    assert verdict(f"{server}/ok") == online.Result(f"{server}/ok", online.OK, 200, f"{server}/ok", "HTTP 200", NOW)
    assert verdict(f"{server}/10.1/x") == online.Result(
        f"{server}/10.1/x",
        online.OK,
        302,
        "https://publisher.example/article",
        "resolves to https://publisher.example/article",
        NOW,
    )


@pytest.mark.parametrize(
    ("url", "doi"),
    [
        ("https://doi.org/10.1/x", True),
        ("https://DX.DOI.ORG/10.1/x", True),
        ("http://doi.org", True),
        ("https://doi.org.example/10.1/x", False),
        ("https://example.org/doi.org/10.1/x", False),
    ],
)
def test_a_doi_is_a_link_to_doi_org(url, doi):
    assert online.is_doi(url) is doi


@pytest.mark.parametrize(
    ("value", "wait"),
    [(None, None), ("", None), ("5", 5.0), (" 7 ", 7.0), ("60", 60.0), ("61", 60.0), ("soon", None), ("-1", None)],
)
def test_retry_after_seconds_are_capped(value, wait):
    assert online._retry_after(value, 60) == wait


@pytest.mark.parametrize(
    "value", ["Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 -0000", "Wed, 21 Oct 2015 07:28:00"]
)
def test_retry_after_a_past_date_is_no_wait(value):
    assert online._retry_after(value, 60) == 0.0


def test_retry_after_a_far_date_is_the_cap():
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert online._retry_after(later, 60) == 60


def test_one_host_gets_one_request_at_a_time_with_per_host_1(monkeypatch):
    lock, running, peak = threading.Lock(), [0], [0]

    def fake_check(url, options, now, sleep):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return online.Result(url, online.OK, 200, url, "HTTP 200", now)

    monkeypatch.setattr(online, "check_url", fake_check)
    urls = [f"https://same.example/{i}" for i in range(3)]
    online.check_all(urls, dataclasses.replace(FAST, per_host=1, workers=3), None)
    assert peak[0] == 1


def test_a_refused_connection_says_why():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/"
    result = online.check_url(url, dataclasses.replace(FAST, retries=0), NOW)
    assert (result.status, result.code, result.detail) == (
        online.BROKEN,
        None,
        "[Errno 111] Connection refused after 1 attempts",
    )
