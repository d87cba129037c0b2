"""The site built from another folder: the project's configuration pointed there, and
the files its hooks read beside mkdocs.yml.

Fixture sites in the tests, the benchmark's synthetic sites, its copy of the real
sources to edit under `make serve`, and its build with the theme's search all start
from here, so a data file a hook comes to need is added once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from pancreas_kb import CHECKOUT
from pancreas_kb.domain import languages

ROOT = CHECKOUT
# Read by the hooks on every build: the glossary and the search synonyms, in every
# language, and the common questions.
DATA_FILES = (
    *(
        lang.file(name)
        for name in ("includes/glossary.yml", "includes/search-synonyms.yml")
        for lang in languages.LANGUAGES.values()
    ),
    "includes/common-questions.yml",
)
# Read for the real pages too: the quotes, What's new and the reviewers.
SOURCE_DATA = ("evidence", "whats-new.yml", "reviewers.yml")


def copy_data_files(root: Path) -> None:
    """The project's own data files into `root`, except those a test wrote itself."""
    for name in DATA_FILES:
        target = root / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")


def copy_sources(root: Path) -> None:
    """A copy of the real pages, their bibliography and every file the hooks read beside them."""
    shutil.copytree(ROOT / "docs", root / "docs", dirs_exist_ok=True)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    for name in SOURCE_DATA:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name, dirs_exist_ok=True)
        else:
            shutil.copy(ROOT / name, root / name)
    copy_data_files(root)


class _EnvDefaultLoader(yaml.SafeLoader):
    pass


_EnvDefaultLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def repointed_config(root: Path, strict: bool, nav: bool = False) -> dict:
    """The real mkdocs.yml with its pages, site and bibliography in `root`, and the
    project's theme overrides and hooks; with `nav`, the real navigation and moved
    sections too."""
    # A safe loader that knows MkDocs' !ENV tag (taken at its default: copies are
    # built in full); any other tag must fail here, not vanish from the copy.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvDefaultLoader)
    if not nav:
        # A site of other pages: the real navigation and the real pages' moved sections
        # would name pages it does not have.
        config.pop("nav", None)
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "knowledge-base" in plugin:
                plugin["knowledge-base"].pop("moved_sections", None)
    config["strict"] = strict
    config["docs_dir"] = str(root / "docs")
    config["site_dir"] = str(root / "site")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            plugin["bibtex"]["bib_file"] = str(root / "references.bib")
    return config
