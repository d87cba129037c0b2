"""The way off mkdocs-bibtex: our own hook writes the same citations and references.

The same fixture pages are built twice, with the plugin (the default) and with
the plugin's `citations: hook` and the plugin removed; the pages must be the same.
"""

import re

import pytest

from pancreas_kb.checker.project_files import plugin_options
from tests import sitebuilder
from tests.site.test_build import BIB
from tests.sitebuilder import page

pytestmark = pytest.mark.site

PAGES = {
    "index.md": page(
        "Home",
        body="""
        !!! summary "Key points"

            - A boxed claim [@zeta2011first].

        First claim [@alpha2013second]. Mail help&#64;example.org.

        | a | b |
        | --- | --- |
        | row | Second claim [@zeta2011first; @alpha2013second] |
        """,
    ),
    "plain.md": page("Plain", body="No citations here."),
}


def _without_plugin(config):
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "bibtex" in p)]
    plugin_options(config, "knowledge-base")["citations"] = "hook"


def _references_and_citations(html):
    refs = re.findall(r'<a class="footnote-ref" href="#fn:([\w-]+)"[^>]*>\[(\d+)\]</a>', html)
    listed = re.findall(r'<li id="fn:([\w-]+)"', html)
    return refs, listed


def test_own_hook_gives_the_same_pages_as_mkdocs_bibtex(tmp_path):
    (tmp_path / "plugin").mkdir()
    (tmp_path / "hook").mkdir()
    plugin = sitebuilder.build(tmp_path / "plugin", PAGES, BIB)
    hook = sitebuilder.build(tmp_path / "hook", PAGES, BIB, config_changes=_without_plugin)
    assert plugin.returncode == 0, plugin.log
    assert hook.returncode == 0, hook.log
    for name in ("index.html", "plain/index.html"):
        assert hook.html(name) == plugin.html(name)
    refs, listed = _references_and_citations(hook.html())
    assert refs == [("zeta2011first", "1"), ("alpha2013second", "2"), ("zeta2011first", "1"), ("alpha2013second", "2")]
    assert listed == ["zeta2011first", "alpha2013second"]


def test_own_hook_reports_an_unknown_key_with_file_and_line(tmp_path):
    result = sitebuilder.build(
        tmp_path, {"index.md": page("Home", body="Claim [@nosuchkey].")}, BIB, config_changes=_without_plugin
    )
    assert result.returncode != 0
    assert "docs/index.md:" in result.log and "nosuchkey" in result.log


def test_an_unknown_engine_is_refused(tmp_path):
    result = sitebuilder.build(
        tmp_path, PAGES, BIB, config_changes=lambda c: plugin_options(c, "knowledge-base").update(citations="pandoc")
    )
    assert result.returncode != 0
    assert "citations" in result.log and "'pandoc'" in result.log
