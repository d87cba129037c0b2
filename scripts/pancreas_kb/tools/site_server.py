"""Serve a built site from 127.0.0.1 the way GitHub Pages serves it.

Used by the browser tests and the benchmark, so both see what a reader gets:
the site under its published path (e.g. /knowledge-base/), the 404 page with
status 404 for a missing address, and text compressed with gzip when the
browser asks for it (Lighthouse's scores depend on the bytes sent).
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from pancreas_kb.checker import project_files

# What GitHub Pages compresses: text formats. Images and archives are already compressed.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


def site_path(root: Path) -> str:
    """The path of the project's site_url, e.g. /knowledge-base/."""
    return project_files.site_path(project_files.mkdocs_settings(root))


def wants_gzip(accept_encoding: str) -> bool:
    """True when an Accept-Encoding header accepts gzip (and does not refuse it with q=0)."""
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=").strip()
            return quality == "" or float(quality) > 0
    return False


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args):  # keep test and benchmark output quiet
        pass

    def translate_path(self, path):
        local = urlsplit(path).path
        if not local.startswith(self.prefix):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + local[len(self.prefix) :])

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        compress = any(content_type.startswith(kind) for kind in COMPRESSIBLE) and wants_gzip(
            self.headers.get("Accept-Encoding", "")
        )
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self):
        """Files are read whole and sent by `_send`, so that they can be compressed."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        content_type = self.guess_type(str(path))
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        self._send(200, content_type, path.read_bytes())
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        self._send(404, "text/html; charset=utf-8", page.read_bytes())


@contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve the built `site` under `prefix` on a free port; yields the base URL (ending in `prefix`)."""
    handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # Polled every 50 ms for the end of the block (the default is 0.5 s), so each test or
    # measurement that serves a site stops it at once.
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
