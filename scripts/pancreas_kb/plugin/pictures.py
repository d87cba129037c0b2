"""Pictures: SVG files under assets/images/ written into the page, and icon arrays drawn
from their captions (scripts/pancreas_kb/domain/pictures.py). An unsafe drawing or an
icon array whose caption states no figure fails the strict build with the file at fault."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin

from pancreas_kb.domain import languages, pictures
from pancreas_kb.plugin import build_state

log = logging.getLogger("mkdocs.plugins.knowledge_base.pictures")

PICTURES_DIR = "assets/images/"


def _picture_file(src: str, page, files):
    # The image's address is relative to the page's URL; the file is found by its path under docs/.
    target = urljoin("https://site.invalid/" + page.url, unquote(src))
    if not target.startswith("https://site.invalid/"):
        return None
    path = posixpath.normpath(target[len("https://site.invalid/") :])
    return files.get_file_from_path(path) if path.startswith(PICTURES_DIR) else None


def on_page_content(html, page, config, files):
    def inline(match):
        file = _picture_file(match["src"], page, files)
        if file is None:
            return match.group(0)
        svg = Path(file.abs_src_path).read_text(encoding="utf-8")
        problems = pictures.problems(svg)
        for problem in problems:
            log.error(f"docs/{file.src_uri}:1: picture-unsafe: {problem}; a picture holds only its drawing")
        if problems:
            return ""
        return pictures.inline(svg, match["alt"])

    content = pictures.IMG_RE.sub(inline, html)
    # The drawing's text alternative in the page's own language (languages.on_config reads every language's).
    strings = build_state.current.strings_by_language[languages.of(page.file.src_uri).code]
    content, problems = pictures.fill_icon_arrays(content, strings["pictures"]["icon_array"])
    for problem in problems:
        log.error(f'docs/{page.file.src_uri}:1: icon-array-figure: {problem}, e.g. "About 11 in 100 people ..."')
    return content
