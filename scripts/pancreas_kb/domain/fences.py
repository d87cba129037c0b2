"""Fenced code blocks: the one reader of where code starts and ends in a page's Markdown.

Citations, figures, headings and the reading grade all leave code alone; they
take each line's kind from here, so that what one rule counts as code every
rule does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FENCE_RE = re.compile(r"^\s*(```|~~~)")
# A line's kind: a fence (``` or ~~~), a line of code between fences, or text.
FENCE, CODE, TEXT = "fence", "code", "text"


def lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str, str]]:
    """Each line of `text` with its number (counted from `first_line`) and its kind."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=first_line):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            yield number, line, FENCE
        else:
            yield number, line, CODE if in_fence else TEXT


def without_code(text: str) -> str:
    """The text with every fence and line of code blank (so that line numbers still hold)."""
    return "\n".join(line if kind == TEXT else "" for _, line, kind in lines(text))
