"""The page record is the one reading of each page: a build parses each page's front matter,
scans its citations and extracts its claims once, whatever parts use them."""

import cProfile
import pstats

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

from tests import sitebuilder
from tests.sitebuilder import page

pytestmark = pytest.mark.site

BIB = """
@article{conroy2011,
  author = {Conroy, Thierry}, title = {FOLFIRINOX versus gemcitabine}, journal = {N Engl J Med}, year = {2011},
  volume = {364}, pages = {1817--1825}, pmid = {21561347}, evidence = {randomised-trial},
}
"""
EVIDENCE = {
    "conroy2011": """\
        seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
        seen_on: 2026-05-01
        quotes:
          - text: The median overall survival was 11.1 months with FOLFIRINOX.
            locator: Abstract, Results
        """
}
PAGES = {
    "index.md": page("Home", body="Welcome."),
    "patients/survival.md": page("Survival", body="People lived 11.1 months on average [@conroy2011]."),
    "clinicians/therapy.md": page(
        "Therapy", audience="clinician", body="Median OS was 11.1 months with FOLFIRINOX [@conroy2011]."
    ),
}
# Where each reading is done: (module file, function).
READINGS = {
    "front matter parsed": ("domain/frontmatter.py", "read"),
    "citations scanned": ("domain/citations.py", "scan"),
    "claims extracted": ("domain/evidence.py", "claims"),
}


def calls(stats: pstats.Stats, where: tuple[str, str]) -> int:
    module, function = where
    return sum(
        counts[1]  # primitive calls
        for (filename, _, name), counts in stats.stats.items()
        if filename.replace("\\", "/").endswith(module) and name == function
    )


def test_each_page_is_read_once_per_build(tmp_path, monkeypatch):
    # The fixture written and built as a user builds it; then the same build again, counted.
    assert sitebuilder.build(tmp_path, PAGES, BIB, evidence=EVIDENCE).returncode == 0
    monkeypatch.setenv("KB_TODAY", sitebuilder.TODAY)
    monkeypatch.chdir(tmp_path)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    profile = cProfile.Profile()
    profile.runcall(mkdocs_build.build, config)
    stats = pstats.Stats(profile)
    counted = {reading: calls(stats, where) for reading, where in READINGS.items()}
    assert counted == dict.fromkeys(READINGS, len(PAGES))


def test_make_check_reads_each_page_once(tmp_path, monkeypatch):
    from pancreas_kb.checker import check
    from pancreas_kb.domain import review

    assert sitebuilder.build(tmp_path, PAGES, BIB, evidence=EVIDENCE).returncode == 0
    monkeypatch.setenv("KB_TODAY", sitebuilder.TODAY)
    profile = cProfile.Profile()
    profile.runcall(check.run, tmp_path, tmp_path / "site", review.today())
    stats = pstats.Stats(profile)
    assert {reading: calls(stats, where) for reading, where in READINGS.items()} == dict.fromkeys(READINGS, len(PAGES))
