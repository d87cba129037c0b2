"""`make check` on mkdocs.yml's moved_sections: each entry judged by the build's rules.

The rules live in pancreas_kb.domain.moved_sections and are shared with the
build; this module supplies what they judge against: the pages under docs/, the
old addresses redirect_maps keeps, and the ids of the built site or, without
one, the ids of the headings in the Markdown.
"""

from __future__ import annotations

from pancreas_kb.domain import moved_sections, whats_new
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.frontmatter import read

from . import project_files, site_rules
from .html_scan import Site


def entries(project: project_files.Project) -> list[moved_sections.Move]:
    options = project_files.plugin_options(project.settings, moved_sections.PLUGIN) or {}
    mapping = options.get(moved_sections.OPTION)
    if not isinstance(mapping, dict) or not mapping:
        return []
    # A file that cannot be read is "" here (its finding is another check's): every entry on line 1.
    text, _ = project_files.read_text(project.root / moved_sections.CONFIG_FILE, moved_sections.CONFIG_FILE)
    return moved_sections.read(mapping, moved_sections.entry_lines(text))


def _pages(project: project_files.Project) -> dict[str, str]:
    """Each page's text by its path relative to docs/."""
    prefix = project.rel(project.docs_dir) + "/"
    return {path[len(prefix) :]: text for path, text in project.pages.items() if path.startswith(prefix)}


def _heading_ids(path: str, text: str) -> set[str]:
    page, _ = read(path, text)
    return set(whats_new.headings(page.body if page else text))


def against(project: project_files.Project, site: Site | None) -> moved_sections.Pages:
    pages = _pages(project)
    redirected = (project_files.plugin_options(project.settings, "redirects") or {}).get("redirect_maps") or {}
    if site is None:
        anchors = {path: _heading_ids(path, text) for path, text in pages.items()}
    else:
        directory_urls = project.settings.get("use_directory_urls") is not False
        built = {path: site.pages.get(site_rules.url_file(site_rules.page_url(path, directory_urls))) for path in pages}
        anchors = {path: scan.ids for path, scan in built.items() if scan is not None}
    return moved_sections.Pages(frozenset(pages), frozenset(str(old) for old in redirected), anchors)


def check(project: project_files.Project, site: Site | None = None) -> list[Finding]:
    moves = entries(project)
    return moved_sections.check(moves, against(project, site)) if moves else []
