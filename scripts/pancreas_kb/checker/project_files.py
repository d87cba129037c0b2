"""The project's sources, read once: pages under docs/ and references.bib.

Files are read as bytes and decoded by scripts/pancreas_kb/domain/source_text.py, as the
build reads them, so an encoding problem is the same finding in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from pancreas_kb.domain import bibliography, docs_files, source_text
from pancreas_kb.domain.findings import Finding


@dataclass
class Project:
    root: Path
    docs_dir: Path
    bib_path: Path
    pages: dict[str, str]  # path relative to root -> text, decoded
    settings: dict = field(default_factory=dict)  # mkdocs.yml
    data: dict[str, bytes] = field(default_factory=dict)  # path relative to root -> the file's bytes
    problems: list[Finding] = field(default_factory=list)  # files that cannot be read

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.root))


def site_path(settings: dict) -> str:
    """The path of site_url, ending in "/" ("/" when the site is served at the root)."""
    path = urlsplit(str(settings.get("site_url") or "")).path
    return path if path.endswith("/") else path + "/"


def mkdocs_settings(root: Path) -> dict:
    """The few mkdocs.yml settings the checks need, read without MkDocs' custom tags."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    # Material's documented settings use !!python/name: tags (emoji, slugify).
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=Loader) or {}


def plugin_options(settings: dict, name: str) -> dict | None:
    """The options block of one plugin in mkdocs.yml's plugin list (None when it is not listed)."""
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
        if plugin == name:
            return {}
    return None


def project_rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def load(root: Path) -> Project:
    root = root.resolve()
    settings = mkdocs_settings(root)
    docs_dir = root / settings.get("docs_dir", "docs")
    bib_file = "references.bib"
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            bib_file = (plugin["bibtex"] or {}).get("bib_file", bib_file)
    pages: dict[str, str] = {}
    data: dict[str, bytes] = {}
    # What docs/ may hold at all (the build refuses the same before it starts).
    problems: list[Finding] = docs_files.check(docs_dir, project_rel(root, docs_dir) + "/")
    for path in sorted(docs_dir.rglob("*.md")):
        shown = str(path.relative_to(root))
        if path.is_symlink() or any((docs_dir / p).is_symlink() for p in path.relative_to(docs_dir).parents):
            continue  # reported above; never read through a link
        try:
            data[shown] = path.read_bytes()
        except OSError as exc:
            problems.append(Finding(shown, 1, "file-unreadable", f"cannot be read: {exc.strerror}"))
            continue
        # The source_text findings are the page record's; here only the text is kept.
        pages[shown] = source_text.decode(shown, data[shown])[0]
    return Project(root, docs_dir, root / bib_file, pages, settings, data=data, problems=problems)


def read_text(path: Path, shown: str) -> tuple[str, Finding | None]:
    """A project file's text; an unreadable or undecodable file is a finding with its line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return "", Finding(shown, 1, "file-unreadable", f"cannot be read: {exc.strerror}")
    text, problems = source_text.decode(shown, data)
    return text, problems[0] if problems else None


def library(project: Project) -> bibliography.Library:
    shown = project.rel(project.bib_path)
    if not project.bib_path.exists():
        return bibliography.Library(shown, {}, [])
    try:
        return bibliography.load(str(project.bib_path), shown)
    except OSError as exc:
        return bibliography.Library(
            shown, {}, [Finding(shown, 1, "file-unreadable", f"cannot be read: {exc.strerror}")]
        )
