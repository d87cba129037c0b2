"""Key points that lead on: each key-point bullet links to the section of its page that says more.

On a phone the key points are the first screen; a bullet that links to its
section takes the reader to the answer in one tap instead of several screens
of swiping. The rule reads the page's Markdown: the bullets of its
`!!! summary "Key points"` box and the ids of its headings (an explicit
`{#id}`, or the id the toc extension makes from the heading's words).
"""

from __future__ import annotations

import re

from pancreas_kb.domain import whats_new
from pancreas_kb.domain.findings import Finding

RULE = "key-point-without-link"
_BOX = re.compile(r'^!!!\s+\w+\s+"Key points"\s*$')
_BULLET = re.compile(r"^(\s+)[-*+]\s+(.*)$")
# A link to a section: of this page (#id), or of another page (page.md#id), as the
# key point that sends every patient page's reader to the symptoms page's urgent help.
_SECTION_LINK = re.compile(r"\]\(([^)#\s]*)#([^)\s]+)\)")


def heading_ids(body: str) -> set[str]:
    """The ids of the page's section headings, outside code blocks (the one heading reader)."""
    return {id_ for id_, _ in whats_new.headings(body).items()}


def _bullets(body: str, body_line: int) -> list[tuple[int, str]]:
    """(file line, text) of each bullet in the key-points box, continuation lines joined."""
    bullets: list[tuple[int, str]] = []
    inside = False
    bullet_indent = None
    for number, line in enumerate(body.splitlines(), start=body_line):
        if _BOX.match(line):
            inside = True
            continue
        if not inside:
            continue
        if line.strip() and not line.startswith((" ", "\t")):
            break  # the box ends at the first line that is not indented
        match = _BULLET.match(line)
        if match and (bullet_indent is None or len(match.group(1)) == bullet_indent):
            bullet_indent = len(match.group(1))
            bullets.append((number, match.group(2)))
        elif bullets and line.strip():
            bullets[-1] = (bullets[-1][0], bullets[-1][1] + " " + line.strip())
    return bullets


def without_link(path: str, body: str, body_line: int, severity: str) -> list[Finding]:
    """A finding for each key-point bullet with no link to a section: a heading of its own page, or a
    section of another page (the build's anchor check holds those to existing headings)."""
    ids = heading_ids(body)
    return [
        Finding(
            path,
            number,
            RULE,
            "this key point does not link to the section that says more: link its main words to a "
            "heading of this page, e.g. [chemotherapy](#chemotherapy)",
            severity,
        )
        for number, text in _bullets(body, body_line)
        if not any(page or target in ids for page, target in _SECTION_LINK.findall(text))
    ]
