"""The project's sources, read once: pages under docs/ and references.bib."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import bibliography


@dataclass
class Project:
    root: Path
    docs_dir: Path
    bib_path: Path
    pages: dict[str, str]  # path relative to root -> text

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.root))


def _mkdocs_settings(root: Path) -> dict:
    """The few mkdocs.yml settings the checks need, read without MkDocs' custom tags."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=Loader) or {}


def load(root: Path) -> Project:
    root = root.resolve()
    settings = _mkdocs_settings(root)
    docs_dir = root / settings.get("docs_dir", "docs")
    bib_file = "references.bib"
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            bib_file = (plugin["bibtex"] or {}).get("bib_file", bib_file)
    pages = {
        str(path.relative_to(root)): path.read_text(encoding="utf-8")
        for path in sorted(docs_dir.rglob("*.md"))
    }
    return Project(root, docs_dir, root / bib_file, pages)


def library(project: Project) -> bibliography.Library:
    text = project.bib_path.read_text(encoding="utf-8") if project.bib_path.exists() else ""
    return bibliography.parse(project.rel(project.bib_path), text)
