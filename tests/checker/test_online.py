"""--online against a local server: status codes, retries, redirects, timeouts, dropped connections, cache."""

import dataclasses
import datetime as dt
import json
import shutil
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
    assert "online: 2 URLs checked" in captured.err
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
