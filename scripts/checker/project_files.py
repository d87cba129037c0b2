"""The project's sources, read once: pages under docs/ and references.bib."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.domain import bibliography
from scripts.domain.findings import Finding


@dataclass
class Project:
    root: Path
    docs_dir: Path
    bib_path: Path
    pages: dict[str, str]  # path relative to root -> text
    settings: dict = field(default_factory=dict)  # mkdocs.yml
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


def load(root: Path) -> Project:
    root = root.resolve()
    settings = mkdocs_settings(root)
    docs_dir = root / settings.get("docs_dir", "docs")
    bib_file = "references.bib"
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            bib_file = (plugin["bibtex"] or {}).get("bib_file", bib_file)
    pages: dict[str, str] = {}
    problems: list[Finding] = []
    for path in sorted(docs_dir.rglob("*.md")):
        text, problem = read_text(path, str(path.relative_to(root)))
        if problem:
            problems.append(problem)
        else:
            pages[str(path.relative_to(root))] = text
    return Project(root, docs_dir, root / bib_file, pages, settings, problems)


def read_text(path: Path, shown: str) -> tuple[str, Finding | None]:
    try:
        return path.read_text(encoding="utf-8"), None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        return "", Finding(shown, line, "file-encoding",
                           f"byte {exc.start} is not UTF-8 ({exc.reason}); save the file as UTF-8")
    except OSError as exc:
        return "", Finding(shown, 1, "file-unreadable", f"cannot be read: {exc.strerror}")


def library(project: Project) -> bibliography.Library:
    shown = project.rel(project.bib_path)
    text, problem = read_text(project.bib_path, shown) if project.bib_path.exists() else ("", None)
    if problem:
        return bibliography.Library(shown, {}, [problem])
    return bibliography.parse(shown, text)
