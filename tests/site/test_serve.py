"""`mkdocs serve` as a writer runs it: strict, without the optional parts, and every saved
source (page, quotes, bibliography) shown on the next rebuild, though the plugin keeps
what did not change between rebuilds."""

import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from pancreas_kb.bench.measure import free_port
from tests import sitebuilder
from tests.sitebuilder import page

pytestmark = pytest.mark.site

BIB = """
@article{conroy2011,
  author = {Conroy, Thierry}, title = {FOLFIRINOX versus gemcitabine}, journal = {N Engl J Med}, year = {2011},
  volume = {364}, pages = {1817--1825}, pmid = {21561347}, evidence = {randomised-trial},
}
"""
EVIDENCE = """\
seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
seen_on: 2026-05-01
quotes:
  - text: The median overall survival was 11.1 months with FOLFIRINOX.
    locator: Abstract, Results
"""
PAGES = {
    "index.md": page("Home", body="Welcome."),
    "about/review-dashboard.md": page("Review dashboard", audience="all", body="Where every page stands."),
    "patients/survival.md": page("Survival", body="People lived 11.1 months on average [@conroy2011]."),
}


class Server:
    def __init__(self, root):
        self.lines: queue.Queue = queue.Queue()
        env = {**os.environ, "KB_TODAY": sitebuilder.TODAY, "DISABLE_MKDOCS_2_WARNING": "true"}
        env.pop("KB_SERVE_FULL", None)
        self.address = f"127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "--dev-addr", self.address],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r"Serving on (\S+)", self.wait("Serving on")).group(1)

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait(self, text: str, seconds: float = 120) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.log.append(line)
            if text in line:
                return line
        raise AssertionError(f"mkdocs serve never said {text!r}:\n" + "".join(self.log))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def saved(self, path, text: str) -> None:
        time.sleep(1.5)  # the watcher settles after the previous build
        path.write_text(text, encoding="utf-8")
        try:
            self.wait("Reloading browsers", seconds=20)
        except AssertionError:
            # On a loaded machine the file watcher now and then misses a write to a
            # watched single file (references.bib); an editor saving again is seen.
            path.write_text(text, encoding="utf-8")
            self.wait("Reloading browsers")


def test_serve_is_strict_quick_and_shows_every_saved_source(tmp_path):
    result = sitebuilder.build(tmp_path, PAGES, BIB, evidence={"conroy2011": EVIDENCE})
    assert result.returncode == 0, result.log
    server = Server(tmp_path)
    try:
        dashboard = server.get("about/review-dashboard/")
        # The packets are not built on every save, so the dashboard does not link to them.
        assert "not built" in dashboard and "review-packets/" not in dashboard
        assert "median overall survival was 11.1 months" in server.get("patients/survival/")

        survival = tmp_path / "docs" / "patients" / "survival.md"
        server.saved(survival, survival.read_text().replace("on average", "on average, in the trial"))
        assert "on average, in the trial" in server.get("patients/survival/")

        quotes = tmp_path / "evidence" / "conroy2011.yml"
        server.saved(quotes, EVIDENCE.replace("The median overall", "Median overall"))
        shown = server.get("patients/survival/")
        assert "Median overall survival was 11.1 months" in shown and "The median overall" not in shown

        bib = tmp_path / "references.bib"
        server.saved(bib, BIB.replace("FOLFIRINOX versus gemcitabine", "FOLFIRINOX or gemcitabine"))
        assert "FOLFIRINOX or gemcitabine" in server.get("patients/survival/")
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
