"""Shared fixtures, and the test tiers: `make test-fast` runs what is neither `site` nor `browser`."""

import shlex
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings
from mkdocs.commands import build as mkdocs_build

from tests import sitebuilder

# Property tests: 200 examples from the seed pytest.ini fixes, so CI never fails at random;
# `make test-fast` draws 50 of them, to stay an editor's quick loop; `make fuzz` draws many
# more from a fresh seed and reports what it finds.
settings.register_profile("ci", max_examples=200)
settings.register_profile("quick", max_examples=50)
settings.register_profile("long", max_examples=5000)
settings.load_profile("ci")

BROWSER_TESTS = Path(__file__).parent / "browser"
# Commands that build a site: a test that runs one belongs to the `site` tier.
SITE_BUILDERS = ("mkdocs", "properdocs")
SITE_COMMANDS = ("build", "serve", "gh-deploy")


def pytest_addoption(parser):
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="rewrite the HTML snapshots (tests/fixtures/expected-html/), printing each one's diff first",
    )


def pytest_collection_modifyitems(items):
    """Mark by what a test does: every browser test, and every test that uses build_site.

    A test that builds a site some other way carries @pytest.mark.site itself;
    `_refuse_a_build_in_the_fast_tier` fails it if it does not.
    """
    for item in items:
        if BROWSER_TESTS in Path(str(item.fspath)).parents:
            item.add_marker("browser")
        if "build_site" in getattr(item, "fixturenames", ()):
            item.add_marker("site")


def builds_a_site(args) -> bool:
    """Whether a command line runs MkDocs (or its fork) to build or serve a site."""
    if isinstance(args, bytes):
        args = args.decode()
    words = [Path(str(word)).name for word in (shlex.split(args) if isinstance(args, str) else args)]
    return any(
        word in SITE_BUILDERS and any(later in SITE_COMMANDS for later in words[i + 1 :])
        for i, word in enumerate(words)
    )


_running = {"item": None}


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """Remember the running test (module fixtures are built inside its protocol too)."""
    _running["item"] = item
    yield
    _running["item"] = None


def _refuse_a_build_in_the_fast_tier():
    """A site build in a test marked neither `site` nor `browser` fails that test, so
    `make test-fast` cannot slowly grow site builds again."""
    item = _running["item"]
    if item is not None and not any(item.get_closest_marker(mark) for mark in ("site", "browser")):
        pytest.fail(
            f"{item.nodeid} builds a site but is not marked: add @pytest.mark.site "
            "(or pytestmark = pytest.mark.site for the module)",
            pytrace=False,
        )


class _TierGuardedPopen(subprocess.Popen):
    """Every subprocess of a test: `mkdocs build` and the like are refused in the fast tier."""

    def __init__(self, args, *rest, **kwargs):
        if builds_a_site(args):
            _refuse_a_build_in_the_fast_tier()
        super().__init__(args, *rest, **kwargs)


subprocess.Popen = _TierGuardedPopen
_build_in_process = mkdocs_build.build


def _tier_guarded_build(*args, **kwargs):
    """MkDocs' own build function, called in the test's process: refused in the fast tier too."""
    _refuse_a_build_in_the_fast_tier()
    return _build_in_process(*args, **kwargs)


mkdocs_build.build = _tier_guarded_build


@pytest.fixture
def build_site(tmp_path):
    """Build a fixture site: build_site({"index.md": page(...)}, bib="...")."""

    def _build(pages, bib="", **kwargs):
        return sitebuilder.build(tmp_path, pages, bib, **kwargs)

    return _build
