"""A section's landing page: every page of the section in reading order, with its description.

The list is generated at build time from the navigation and each page's front
matter, so it is never kept by hand and cannot fall out of date.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# A landing page carries this line where the list goes.
MARKER = "<!-- section-pages -->"


@dataclass(frozen=True)
class Entry:
    href: str  # relative to the landing page's source, as Markdown links are written
    title: str
    description: str


def _text(value: str) -> str:
    """Plain text safe inside Markdown: no markup, no link brackets."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", html.unescape(value))


def render(entries: list[Entry]) -> str:
    """A Markdown list of links (so MkDocs checks and rewrites them), each with its description."""
    items = [
        f"- [{_text(e.title)}]({e.href})" + (f"  \n  {_text(e.description)}" if e.description else "") for e in entries
    ]
    return '<div class="kb-section-pages" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def fill(markdown: str, entries: list[Entry]) -> str:
    return markdown.replace(MARKER, render(entries), 1)
