"""`make check` on the What's new data file: the entries, the pages and sections they name, the feed.

The entry rules live in pancreas_kb.domain.whats_new and are shared with the build;
this module finds the file, supplies what the rules judge against (the pages
under docs/, the bibliography, the anchors of the built site or, without one,
the ids of the headings in the Markdown) and checks the built feed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from pancreas_kb.domain import bibliography, whats_new
from pancreas_kb.domain.feed import ATOM
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.frontmatter import read

from . import project_files, site_rules
from .html_scan import Site
from .unsourced_figures import unsourced


@dataclass
class Loaded:
    settings: whats_new.Settings
    data: whats_new.Data
    pages: dict[str, str]  # page path relative to docs/ -> its text


def load(project: project_files.Project) -> tuple[Loaded | None, list[Finding]]:
    """None when the site does not use What's new, or has no data file and no page for it."""
    settings = whats_new.settings(
        (project_files.plugin_options(project.settings, "knowledge-base") or {}).get("whats_new")
    )
    if settings is None or project.root is None:
        return None, []
    prefix = project.rel(project.docs_dir) + "/"
    pages = {path[len(prefix) :]: text for path, text in project.pages.items() if path.startswith(prefix)}
    path = project.root / settings.data
    if not path.is_file():
        if settings.page not in pages:
            return None, []
        return None, whats_new.data_missing(settings, f"{prefix}{settings.page}")
    text, problem = project_files.read_text(path, settings.data)
    if problem:
        return None, [problem]
    return Loaded(settings, whats_new.load(settings.data, text), pages), []


def source_findings(loaded: Loaded, library: bibliography.Library, today: dt.date) -> list[Finding]:
    data = loaded.data
    findings = whats_new.against_sources(data, loaded.settings, set(loaded.pages), today, set(library.entries))
    # A figure in a summary is held to the clinician pages' rule: it carries its source.
    for entry in data.entries:
        findings += unsourced(data.path, entry.summary, entry.summary_line)
    return findings


def cited_keys(loaded: Loaded) -> set[str]:
    return whats_new.cited_keys(loaded.data)


def heading_anchors(loaded: Loaded) -> list[Finding]:
    """Without a built site: anchors judged against the headings' ids, as the Markdown gives them."""
    anchors = {}
    for path, text in loaded.pages.items():
        page, _ = read(path, text)
        anchors[path] = set(whats_new.headings(page.body if page else text))
    return whats_new.missing_anchors(loaded.data, anchors)


def site_anchors(loaded: Loaded, site: Site, directory_urls: bool = True) -> list[Finding]:
    """With a built site: anchors judged against the ids readers' browsers will find."""
    anchors = {}
    for path in loaded.pages:
        built = site.pages.get(site_rules.url_file(site_rules.page_url(path, directory_urls)))
        if built is not None:
            anchors[path] = built.ids
    return whats_new.missing_anchors(loaded.data, anchors)


def feed(loaded: Loaded, site: Site, shown_site: str) -> list[Finding]:
    """The built feed exists, parses and is Atom, with one entry per well-formed entry."""
    name = loaded.settings.feed
    shown = f"{shown_site}/{name}"
    if name not in site.files:
        return [
            Finding(
                loaded.data.path,
                1,
                "whats-new-feed",
                f"the built site has no {name}; build with the project's mkdocs.yml, whose "
                "knowledge-base plugin writes it",
            )
        ]
    try:
        root = ET.parse(site.folder / name).getroot()
    except (ET.ParseError, OSError) as exc:
        return [Finding(shown, 1, "whats-new-feed", f"the feed is not well-formed XML ({exc}); rebuild the site")]
    found = len(root.findall(f"{{{ATOM}}}entry"))
    if root.tag != f"{{{ATOM}}}feed" or found != len(loaded.data.entries):
        return [
            Finding(
                shown,
                1,
                "whats-new-feed",
                f"the feed is not the Atom feed of {loaded.data.path} ({found} entries for "
                f"{len(loaded.data.entries)}); rebuild the site",
            )
        ]
    return []
