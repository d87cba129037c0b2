"""One small but complete site, built in this process: what every part of the plugin gives readers and reviewers.

The other site tests run `mkdocs build` in a subprocess, as a user does; mutation
testing (`make mutation`) records which tests call each function in the test's
own process, so it never saw them run the plugin. This module builds here: the
site, then a second small one after it (whose pages must not come from the build
before), once per module, and its one test checks each part in a subtest: mutmut
counts every call a build makes for the test whose set-up made it, so each mutant
a build reaches is run against every check.

Snapshots (tests/fixtures/in-process/) keep only our parts, normalised; when a
change is intended, `.venv/bin/python -m pytest tests/site/test_in_process.py
--update-expected` prints each diff before writing it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import rcssmin
import rjsmin

from pancreas_kb.domain import dashboard, frontmatter, security, translation
from tests import sitebuilder
from tests.browser import reader_site
from tests.sitebuilder import APPROVED, ROOT, page
from tests.snapshots import compare, element, head

pytestmark = [pytest.mark.site, pytest.mark.mutation]

EXPECTED = Path(__file__).parents[1] / "fixtures" / "in-process"
SITE_URL = "https://stage4-pancreas.github.io/knowledge-base/"

BIB = """
@article{zeta2011first,
  author  = {Zeta, Anne and Bravo, Carl Dieter},
  title   = {{FOLFIRINOX} in metastatic disease},
  journal = {N Engl J Med},
  year    = {2011},
  volume  = {364},
  pages   = {1817--1825},
  doi     = {10.1056/NEJMoa1011923},
  pmid    = {21561347},
  evidence = {randomised-trial},
}
"""
EVIDENCE = {
    "zeta2011first": """
    seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
    seen_on: 2026-05-01
    quotes:
      - text: The median overall survival was 11.1 months in the FOLFIRINOX group.
        locator: Abstract
    """
}
# The site's own small data files, so that a change to the project's glossary or
# questions does not change these snapshots.
FILES = {
    "includes/glossary.yml": """\
        - term: chemotherapy
          definition: Medicines that kill cancer cells
        - term: CT
          definition: A scan that uses X-rays
          clinicians: true
        """,
    "includes/glossary.es.yml": """\
        - term: quimioterapia
          definition: Medicamentos que destruyen las células del cáncer
        """,
    "includes/search-synonyms.yml": "- [tumor, tumour]\n- [chemo, chemotherapy]\n",
    "includes/search-synonyms.es.yml": "- [quimio, quimioterapia]\n",
    "includes/common-questions.yml": """\
        - question: What treatment will I be offered?
          answer: patients/treatment.md#chemotherapy
        """,
    # The second and third entries are wrong in each way an editor is told of, at its line.
    "whats-new.yml": """\
        - id: survival-figure
          date: 2026-05-20
          title: First-line survival figure added
          summary: The first-line section now gives the median survival of 11.1 months [@zeta2011first].
          changed:
            - clinicians/therapy.md#first-line
            - patients/treatment.md#chemotherapy

        - id: left-out
          date: 2026-07-01
          title: Names a page that does not exist
          summary: Cites a source that is not in the bibliography [@nosuchkey].
          changed:
            - patients/gone.md

        - id: moved-section
          date: 2026-04-10
          title: Names a section that moved
          summary: The landing page changed, and a section since renamed.
          changed:
            - patients/index.md
            - clinicians/therapy.md#second-line
        """,
}
DRAWING = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect class="kb-fig-start" width="5" height="5"/></svg>'
)
TREATMENT_BODY = """
!!! summary "Key points"

    - The main treatment is [chemotherapy](#chemotherapy).
    - Ask about [trials](#trials).

## Chemotherapy {#chemotherapy}

Chemotherapy helped people live 11.1 months on average [@zeta2011first].

<figure class="kb-picture" markdown>
![A square.](../assets/images/square.svg)
<figcaption markdown>A square.</figcaption>
</figure>

<figure class="kb-icon-array" markdown>
About 11 in 100 people.
</figure>

## First line {#first-line}

The first treatment you are offered.

## Trials {#trials}

A trial tests a new treatment.
"""
# Added to the English page in a later commit, after the Spanish page was translated.
LATER = "\nAsk your team which trials are open near you.\n"


def treatment(body: str = TREATMENT_BODY) -> str:
    return page("Treatment", audience="patient", counterpart="clinicians/therapy.md#first-line", body=body)


def _digest(text: str) -> str:
    parsed, _ = frontmatter.read("x", text)
    return translation.source_digest(parsed)


PAGES = {
    "index.md": page("Home", audience="all", body="For patients, families and clinicians."),
    "patients/index.md": page(
        "Patients", audience="all", body="Pages for you.\n\n<!-- common-questions -->\n\n<!-- section-pages -->"
    ),
    "patients/treatment.md": treatment(TREATMENT_BODY + LATER),
    # Its counterpart names a section the patients' page does not have: reported, linked to the page.
    "clinicians/index.md": page(
        "Clinicians",
        audience="clinician",
        counterpart="patients/index.md#for-clinicians",
        body="<!-- section-pages -->",
    ),
    "clinicians/therapy.md": page(
        "Therapy",
        "approved",
        audience="clinician",
        counterpart="patients/treatment.md#chemotherapy",
        **APPROVED,
        body="""
        ## First line {#first-line}

        Median OS was 11.1 months with FOLFIRINOX after a CT scan [@zeta2011first].
        """,
    ),
    "es/patients/treatment.md": page(
        "Tratamiento",
        audience="patient",
        translation_of="patients/treatment.md",
        translated_from=_digest(treatment()),
        body="## Quimioterapia {#quimioterapia}\n\nLa quimioterapia es el tratamiento principal.",
    ),
    "reference/glossary.md": page("Glossary", audience="all", body="<!-- glossary -->"),
    "about/index.md": page("About", audience="all", body="## Who reviews {#who-reviews}\n\nClinicians."),
    # Left behind by mistake: the same title and description as about/index.md.
    "about/old-about.md": page("About", audience="all"),
    "about/review-for-us.md": page("Review for us", audience="all", body="Write to us."),
    "about/review-dashboard.md": page("Review dashboard", audience="all", body="Every page's state."),
    "about/whats-new.md": page("What's new", audience="all", body="Updates, newest first."),
    "about/follow-updates.md": page("Follow the updates", audience="all", body="Add:\n\n<!-- feed-address -->"),
    "assets/images/square.svg": DRAWING,
    # A data file beside the pages: read by tools, never published.
    "about/figures.json": "{}",
}
# The build is not strict: the faults above fail a strict build by design, each reported
# once with its file and line, and nothing else is.
LOG = [
    "ERROR - whats-new.yml:10: whats-new-date: date: 2026-07-01 is after today (2026-06-01); date an entry "
    "on the day its pages changed",
    "ERROR - whats-new.yml:12: missing-citation-key: [@nosuchkey] is not in references.bib; add a verified "
    "entry with that key, or correct the key (keys are case-sensitive)",
    "ERROR - whats-new.yml:14: whats-new-changed-page: changed: 'patients/gone.md' is not a page under docs/; "
    "give its path relative to docs/ (e.g. patients/treatment.md)",
    "ERROR - docs/about/old-about.md:2: seo-duplicate-title: title: same as docs/about/index.md; give each page "
    "its own title (search results and shared links show it)",
    "ERROR - docs/about/old-about.md:3: seo-duplicate-description: description: same as docs/about/index.md; "
    "give each page its own description (search results and shared links show it)",
    "ERROR - whats-new.yml:22: whats-new-changed-anchor: changed: 'clinicians/therapy.md#second-line': the page "
    "has no section with id 'second-line'; use the id of the changed heading (its '{#id}', or the link of its "
    "\u00b6 sign on the built page)",
    "ERROR - docs/clinicians/index.md:6: front-matter-counterpart-anchor: counterpart: patients/index.md has no "
    "section '#for-clinicians'; use one of its heading ids, or drop the '#...' to link the top of the page",
    # MkDocs' own check, once every page is written, of the link What's new makes to it.
    "WARNING - Doc file 'about/whats-new.md' contains a link '../clinicians/therapy.md#second-line', but the doc "
    "'clinicians/therapy.md' does not contain an anchor '#second-line'.",
]


def _git(root: Path, *args: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", *identity, "-C", str(root), *args], check=True, capture_output=True, env=env)


def _history(root: Path) -> None:
    """Every page first committed on 3 April; the English treatment page changed again on 20 May."""
    page_file = root / "docs" / "patients" / "treatment.md"
    text = page_file.read_text(encoding="utf-8")
    page_file.write_text(text.replace(LATER, ""), encoding="utf-8")
    _git(root, "init", "-q", "-b", "main", date="2026-04-03T10:00:00")
    _git(root, "add", "docs", date="2026-04-03T10:00:00")
    _git(root, "commit", "-q", "-m", "Pages", date="2026-04-03T10:00:00")
    page_file.write_text(text, encoding="utf-8")
    _git(root, "commit", "-q", "-am", "Trials near you", date="2026-05-20T10:00:00")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("in-process")
    config_file = sitebuilder.prepare(
        root, PAGES, BIB, strict=False, config_changes=reader_site.configure, evidence=EVIDENCE, files=FILES
    )
    _history(root)
    return sitebuilder.build_in_process(config_file)


# A second site, built after the first in the same process: one being set up, with What's
# new entries but not yet their page, no bibliography, and pages of its own. What it
# shows must come from its own sources, not from the build before.
SMALL_PAGES = {
    "index.md": page("Home", audience="all"),
    "patients/living.md": page("Living with it", counterpart="clinicians/care.md"),
    "clinicians/care.md": page("Care", audience="clinician", counterpart="patients/broken.md"),
    # Front matter that cannot be read, on a page What's new and a counterpart name.
    "patients/broken.md": "---\ntitle: [Broken\n---\n\n# Broken\n\nText.\n",
}
SMALL_FILES = {
    "whats-new.yml": """\
        - id: living
          date: 2026-05-01
          title: A page on living with it
          summary: A new page for patients.
          changed:
            - patients/living.md
            - patients/broken.md
        """
}


def _set_up(config):
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "bibtex" in p)]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "knowledge-base" in plugin:
            plugin["knowledge-base"].update(citations="none", search_index=False, review_packets=False, minify=False)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory, site):
    root = tmp_path_factory.mktemp("in-process-small")
    return sitebuilder.build_in_process(
        sitebuilder.prepare(root, SMALL_PAGES, strict=False, config_changes=_set_up, files=SMALL_FILES)
    )


def _is(tag: str = "", **attributes):
    """A test of an element's tag and attributes, for `element`: _is("div", **{"data-pagefind-body": None})."""

    def wanted(name, values):
        return (not tag or name == tag) and all(values.get(k, "\0") == v for k, v in attributes.items())

    return wanted


ARTICLE = _is("article")
BODY = _is("div", **{"data-pagefind-body": None})
# Every page under the site, as its address (the dashboard, the sitemap and the search index list them all).
PAGE_URLS = [
    "",
    "about/",
    "about/old-about/",
    "about/follow-updates/",
    "about/review-dashboard/",
    "about/review-for-us/",
    "about/whats-new/",
    "clinicians/",
    "clinicians/therapy/",
    "es/patients/treatment/",
    "patients/",
    "patients/treatment/",
    "reference/glossary/",
]


def check_each_fault_is_reported_once_and_nothing_else(site, snapshot):
    assert site.returncode == 0
    assert site.log.splitlines() == LOG


def check_the_patient_page(site, snapshot):
    """Key points, on this page, glossary, citation with its quote, pictures, counterpart links,
    language switcher, review record with the report and policy links, history, citing."""
    html = site.html("patients/treatment/index.html")
    snapshot(head(html) + element(html, ARTICLE), "patients--treatment.html")


def check_the_clinician_page(site, snapshot):
    """Approved, with reviewer and dates; clinician glossary terms only; the counterpart to the patients' section."""
    snapshot(element(site.html("clinicians/therapy/index.html"), ARTICLE), "clinicians--therapy.html")


def check_the_spanish_page(site, snapshot):
    """In Spanish, with its own glossary and the notice that the English page changed since."""
    html = site.html("es/patients/treatment/index.html")
    assert '<html lang="es"' in html and '<meta property="og:locale" content="es">' in html
    assert '"inLanguage": "es"' in html
    snapshot(element(html, ARTICLE), "es--patients--treatment.html")


def check_whats_new_page_and_feed(site, snapshot):
    snapshot(element(site.html("about/whats-new/index.html"), BODY), "about--whats-new.html")
    snapshot((site.site / "feed.xml").read_text(encoding="utf-8"), "feed.xml")
    follow = element(site.html("about/follow-updates/index.html"), BODY)
    assert f'<p class="kb-feed-address"><code>{SITE_URL}feed.xml</code></p>' in follow
    assert "<!-- feed-address -->" not in follow
    for built, up in (
        ("index.html", ""),
        ("patients/treatment/index.html", "../../"),
        ("404.html", "/knowledge-base/"),
    ):
        assert (
            '<link rel="alternate" type="application/atom+xml" title="Metastatic Pancreatic Cancer Knowledge Base: '
            f'what\'s new" href="{up}feed.xml">' in site.html(built)
        ), built


def check_landing_pages_and_glossary(site, snapshot):
    """Each landing page lists its section's pages; the patients' also the common questions.
    A counterpart whose section is missing is linked to its page."""
    link = '<a href="../patients/">Read the related page</a><span class="kb-counterpart__title">: Patients</span>'
    assert link in site.html("clinicians/index.html")
    parts = [
        element(site.html(f"{name}/index.html"), BODY) for name in ("patients", "clinicians", "reference/glossary")
    ]
    snapshot("".join(parts), "landing-pages-and-glossary.html")


def _as_text(html: str) -> str:
    """A page's text, a line per paragraph, heading and table row, each link followed by its address."""
    html = re.sub(r'<a class="headerlink".*?</a>|<span hidden.*?</span>', "", html)
    html = re.sub(r'<a href="([^"]*)"[^>]*>(.*?)</a>', r"\2 (\1)", html)
    html = re.sub(r"</td>\s*<td>", " | ", html)
    lines = (re.sub(r"<[^>]+>", "", line).strip() for line in re.split(r"</(?:p|h\d|tr)>", html))
    return "\n".join(line for line in lines if line) + "\n"


def check_the_review_dashboard_and_packets(site, snapshot):
    """Each page's review state on the dashboard, with the packet a reviewer opens, and that packet."""
    snapshot(_as_text(element(site.html("about/review-dashboard/index.html"), BODY)), "review-dashboard.txt")
    packets = sorted(str(p.relative_to(site.site)) for p in (site.site / dashboard.PACKET_FOLDER).rglob("*.html"))
    assert packets == [
        "about/review-packets/clinicians/index.html",
        "about/review-packets/clinicians/therapy.html",
        "about/review-packets/es/patients/treatment.html",
        "about/review-packets/patients/treatment.html",
    ]
    snapshot(site.html("about/review-packets/patients/treatment.html"), "review-packet--patients--treatment.html")


def _fragments(site) -> dict[str, str]:
    """What the search index holds of each page: its address (under the site's path) -> its text."""
    found = {}
    for path in (site.site / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def check_the_search_index(site, snapshot):
    """One index per language, of the pages only; a page's text without its reference list or our links
    around it; each language's synonyms and did-you-mean words."""
    entry = json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {code: language["page_count"] for code, language in entry["languages"].items()} == {"en": 12, "es": 1}
    fragments = _fragments(site)
    assert sorted(fragments) == sorted(f"/{url}" for url in PAGE_URLS)
    ours = {
        name: json.loads((site.site / "pagefind" / name).read_text(encoding="utf-8"))
        for name in ("synonyms.json", "synonyms.es.json", "vocabulary.json", "vocabulary.es.json")
    }
    ours["/patients/treatment/"] = fragments["/patients/treatment/"]
    snapshot(json.dumps(ours, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "search.json")


def check_the_sitemap(site, snapshot):
    """Each page's last change from git, and the language versions of the translated page."""
    snapshot((site.site / "sitemap.xml").read_text(encoding="utf-8"), "sitemap.xml")


def check_the_security_policies(site, snapshot):
    """The policies first in the head of every page (the 404 page and the redirect too), for the site's path."""
    tags = security.policy_tags("/knowledge-base/")
    assert "/knowledge-base/pagefind/pagefind-worker.js" in tags
    pages = [p for p in site.site.rglob("*.html") if "review-packets" not in p.parts and "pagefind" not in p.parts]
    assert len(pages) == len(PAGE_URLS) + 2  # the 404 page and the redirect
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, path
        assert re.search(r"<head>\s*<meta charset=\"utf-8\">\s*" + re.escape(tags), html), path
    redirect = site.html("old-therapy/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../clinicians/therapy/">' in redirect
    for name in ("sitemap.xml", "feed.xml"):
        assert "Content-Security-Policy" not in site.html(name)
    for path in security.retired_worker_paths():
        assert (site.site / path).read_text(encoding="utf-8") == security.UNREGISTERING_WORKER, path


def check_the_citation_files(site, snapshot):
    """Beside each page, its reference to download: dated by its last change."""
    folder = site.site / "patients" / "treatment"
    ris = (folder / "cite.ris").read_bytes().decode("utf-8")
    assert ris.count("\r\n") == ris.count("\n"), "RIS lines end in CRLF"
    snapshot(
        (folder / "cite.bib").read_text(encoding="utf-8") + ris.replace("\r\n", "\n"), "patients--treatment--cite.txt"
    )


def check_our_assets_are_minified_and_data_files_unpublished(site, snapshot):
    assets = ROOT / "overrides" / "assets"
    for source in [*assets.rglob("*.css"), *assets.rglob("*.js")]:
        minify = rcssmin.cssmin if source.suffix == ".css" else rjsmin.jsmin
        served = site.site / "assets" / source.relative_to(assets)
        assert served.read_text(encoding="utf-8") == minify(source.read_text(encoding="utf-8")), served
    assert not (site.site / "about" / "figures.json").exists()
    assert not list(site.site.glob("*.yml"))


class _Server:
    """What `mkdocs serve` gives the plugin: it records the files it is asked to watch."""

    def __init__(self):
        self.watched: list[Path] = []

    def watch(self, path, *args, **kwargs):
        self.watched.append(Path(path).resolve())


def check_mkdocs_serve_rebuilds_when_a_source_beside_the_pages_is_saved(site, snapshot):
    server = _Server()
    assert site.config.plugins.on_serve(server, config=site.config, builder=None) is server
    root = site.root.resolve()
    assert sorted(server.watched) == [root / "evidence", root / "references.bib", root / "whats-new.yml"]


CHECKS = [
    check_each_fault_is_reported_once_and_nothing_else,
    check_the_patient_page,
    check_the_clinician_page,
    check_the_spanish_page,
    check_whats_new_page_and_feed,
    check_landing_pages_and_glossary,
    check_the_review_dashboard_and_packets,
    check_the_search_index,
    check_the_sitemap,
    check_the_security_policies,
    check_the_citation_files,
    check_our_assets_are_minified_and_data_files_unpublished,
    check_mkdocs_serve_rebuilds_when_a_source_beside_the_pages_is_saved,
]


def check_the_second_site_shows_its_own_pages_and_reports_the_missing_one(small, snapshot):
    assert small.returncode == 0
    assert small.log.splitlines() == [
        "ERROR - docs/patients/broken.md:2: front-matter-yaml: malformed YAML: expected ',' or ']', but got "
        "'<stream end>' (while parsing a flow sequence on line 2); check indentation, quoting and colons",
        "ERROR - whats-new.yml:1: whats-new-page-missing: the entries have no page: create docs/about/whats-new.md "
        "(see CONTRIBUTING.md), or set whats_new.page under the knowledge-base plugin in mkdocs.yml",
    ]
    link = '<a href="../../clinicians/care/">Read the clinician version</a><span class="kb-counterpart__title">'
    assert link + ": Care</span>" in small.html("patients/living/index.html")
    # A counterpart whose front matter cannot be read: named by its heading, for everyone.
    link = '<a href="../../patients/broken/">Read the related page</a><span class="kb-counterpart__title">: Broken'
    assert link in small.html("clinicians/care/index.html")
    # The feed is still made, its home the site's, as no page lists the entries.
    feed = small.html("feed.xml")
    assert f"<id>{SITE_URL}</id>" in feed and f'<link rel="alternate" type="text/html" href="{SITE_URL}" />' in feed
    assert f'href="{SITE_URL}patients/living/" title="Living with it" />' in feed
    assert f'href="{SITE_URL}patients/broken/" title="patients/broken.md" />' in feed, "named by its path, untitled"
    assert not (small.site / "pagefind").exists() and not (small.site / dashboard.PACKET_FOLDER).exists()


SMALL_SITE_CHECKS = [check_the_second_site_shows_its_own_pages_and_reports_the_missing_one]


def test_each_part_of_the_plugin_gives_readers_and_reviewers_what_it_should(
    site, small_site, subtests, request, capsys
):
    update = request.config.getoption("--update-expected")

    def snapshot(actual: str, name: str) -> None:
        compare(actual, EXPECTED / name, update, capsys)

    for checks, built in ((CHECKS, site), (SMALL_SITE_CHECKS, small_site)):
        for check in checks:
            with subtests.test(check.__name__.removeprefix("check_").replace("_", " ")):
                check(built, snapshot)
