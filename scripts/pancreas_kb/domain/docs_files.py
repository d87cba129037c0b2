"""What docs/ may hold: Markdown pages and a short list of inert asset types.

MkDocs copies every file under docs/ that is not Markdown into the site as it
is: an `.html` or `.js` file, or an SVG with a script, would be served from the
site's own origin with no policy of ours in it, and a symbolic link would copy
whatever it points at (`.git/config`, an approved page elsewhere). So docs/ is
checked before the build (the plugin's security part) and by `make check`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from .findings import Finding

PAGE_SUFFIX = ".md"
# Markdown under another spelling would be a second way in for every rule that
# looks for pages; one spelling, and the others refused.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
# Files that cannot run code when served: images, and data the pages' own scripts
# or readers download. SVG only after the check below.
ASSET_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".json", ".csv")
# SVG elements that run or embed something, and attributes that point elsewhere.
SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "set", "animate"}
SVG_LINK_ATTRS = {"href", "{http://www.w3.org/1999/xlink}href"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def svg_problems(data: bytes) -> list[str]:
    """Why an SVG could run or fetch something; [] for a plain drawing."""
    try:
        root = defusedxml.ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        return [f"markup that cannot be read safely ({type(exc).__name__})"]
    problems = []
    for element in root.iter():
        name = _local(str(element.tag))
        if name in SVG_FORBIDDEN:
            problems.append(f"<{name}> element")
        for attr, value in element.attrib.items():
            if _local(attr).startswith("on"):
                problems.append(f"{_local(attr)}= event handler on <{name}>")
            elif attr in SVG_LINK_ATTRS and not value.strip().startswith("#"):
                problems.append(f"link to {value[:40]!r} on <{name}> (only #fragments inside the drawing)")
    return problems


def excluded(name: str) -> bool:
    """Files MkDocs itself leaves out of the site (exclude_docs' default: names starting with a dot)."""
    return name.startswith(".")


def is_markdown(name: str) -> bool:
    """Whether MkDocs would build this file as a page (any of Markdown's spellings, any case)."""
    return name.lower().endswith((PAGE_SUFFIX, *OTHER_MARKDOWN))


def file_problem(rel: str, is_link: bool, read: Callable[[], bytes]) -> str | None:
    """Why one file under docs/ may not be there; None when it may. `read` gives its bytes (SVG only)."""
    if is_link:
        return (
            "is a symbolic link; the build would publish whatever it points at. Put the file itself in docs/, "
            "or link to it from a page"
        )
    suffix = PurePosixPath(rel).suffix
    if suffix == PAGE_SUFFIX:
        return None
    if is_markdown(rel):
        return f"pages end in lower-case {PAGE_SUFFIX}; rename it (git mv) to {PurePosixPath(rel).stem}{PAGE_SUFFIX}"
    if suffix.lower() not in ASSET_SUFFIXES:
        return (
            f"'{suffix or 'no extension'}' files are not published from docs/: only Markdown pages and "
            f"{', '.join(ASSET_SUFFIXES)}; a script or an HTML page would run on the site without the site's "
            "policies, so scripts and templates belong in overrides/ (maintainers review them)"
        )
    if suffix.lower() == ".svg":
        problems = svg_problems(read())
        if problems:
            return (
                f"this SVG holds {'; '.join(dict.fromkeys(problems))}; a drawing opened from the site would run "
                "it. Export it again as a plain drawing, or use a PNG"
            )
    return None


def check(docs_dir: Path, shown_prefix: str) -> list[Finding]:
    """Every file and folder under docs/ that may not be published, without following links."""
    findings = []
    for directory, folders, names in os.walk(docs_dir):
        base = Path(directory)
        for folder in list(folders):
            if (base / folder).is_symlink() and not excluded(folder):
                rel = (base / folder).relative_to(docs_dir).as_posix()
                findings.append(
                    Finding(
                        f"{shown_prefix}{rel}",
                        1,
                        "docs-file-type",
                        "is a symbolic link to a folder; the build "
                        "would publish whatever it points at. Put the files themselves in docs/",
                    )
                )
        folders[:] = sorted(f for f in folders if not excluded(f) and not (base / f).is_symlink())
        for name in sorted(names):
            if excluded(name):
                continue
            rel = (base / name).relative_to(docs_dir).as_posix()
            path = base / name
            problem = file_problem(rel, path.is_symlink(), path.read_bytes)
            if problem:
                findings.append(Finding(f"{shown_prefix}{rel}", 1, "docs-file-type", problem))
    return findings
