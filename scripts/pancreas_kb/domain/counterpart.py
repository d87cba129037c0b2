"""The link from a page to its counterpart for the other audience.

A patient page's counterpart is the clinician page on the same subject, and the
other way round. `counterpart: clinicians/x.md#section` lands on a section;
sections with the same heading id on both pages get a link of their own. The
link's wording comes from the audience table (audiences.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .findings import Finding

# Headings every cited page has; they are not the subject of either page.
NOT_SECTIONS = {"references"}
HEADING_RE = re.compile(r'(<h([23]) id="(?P<id>[^"]+)"[^>]*>.*?</h\2>)', re.S)


@dataclass(frozen=True)
class Target:
    path: str  # relative to docs/
    anchor: str  # "" for the top of the page


def split(value: str) -> Target:
    path, _, anchor = value.partition("#")
    return Target(path.strip(), anchor.strip())


def missing_anchor(path: str, line: int, target: Target, target_ids: set[str]) -> list[Finding]:
    if not target.anchor or target.anchor in target_ids:
        return []
    return [
        Finding(
            path,
            line,
            "front-matter-counterpart-anchor",
            f"counterpart: {target.path} has no section '#{target.anchor}'; use one of its "
            "heading ids, or drop the '#...' to link the top of the page",
        )
    ]


def add_section_links(content: str, url: str, shared: set[str], target_audience: str, wording: str) -> str:
    """After each h2/h3 whose id the counterpart page also has, a link to that section, worded `wording`."""
    text = html.escape(wording)

    def link(match: re.Match) -> str:
        ident = match["id"]
        if ident not in shared:
            return match.group(1)
        return (
            f'{match.group(1)}\n<p class="kb-counterpart-section" data-counterpart-for="{target_audience}">'
            f'<a href="{html.escape(url)}#{html.escape(ident)}">{text}</a></p>'
        )

    return HEADING_RE.sub(link, content)
