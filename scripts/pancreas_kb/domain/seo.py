"""Search-engine rules across pages: every page needs its own title and description.

Two pages with one title look like one page in search results and browser tabs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding


@dataclass(frozen=True)
class PageFacts:
    path: str
    title: str
    title_line: int
    description: str
    description_line: int


def _repeated(pages: list[PageFacts], field: str, rule: str) -> list[Finding]:
    first: dict[str, PageFacts] = {}
    findings = []
    for page in pages:
        value = getattr(page, field).strip().casefold()
        if not value:
            continue
        if value in first:
            findings.append(
                Finding(
                    page.path,
                    getattr(page, f"{field}_line"),
                    rule,
                    f"{field}: same as {first[value].path}; give each page its own "
                    f"{field} (search results and shared links show it)",
                )
            )
        else:
            first[value] = page
    return findings


def unique_titles(pages: list[PageFacts]) -> list[Finding]:
    return _repeated(pages, "title", "seo-duplicate-title")


def unique_descriptions(pages: list[PageFacts]) -> list[Finding]:
    return _repeated(pages, "description", "seo-duplicate-description")
