"""Serve a built site from 127.0.0.1 under the site_url's path, as GitHub Pages does.

The 404 page links its assets from the site's root path (/knowledge-base/), so
the site is served there, and a missing address gets 404.html with status 404.
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from tests.sitebuilder import ROOT


def site_path() -> str:
    """The path part of the real site_url, e.g. /knowledge-base/."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return urlsplit(config["site_url"]).path or "/"


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args):  # keep test output quiet
        pass

    def translate_path(self, path):
        local = urlsplit(path).path
        if not local.startswith(self.prefix):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + local[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(site: Path):
    """Yield the base URL (ending in the site path) of `site` served on a free port."""
    prefix = site_path()
    handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
