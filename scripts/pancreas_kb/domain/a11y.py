"""Server-side fixes to the theme's HTML that make every page pass WCAG 2.1 AA.

They run on the rendered HTML rather than by copying the theme's templates, so
a theme upgrade keeps its other changes; the browser tests (axe-core) fail if
a theme upgrade changes the markup these rely on.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

PERMALINK_RE = re.compile(
    r'(<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>)(?P<text>.*?)'
    r'<a class="headerlink" href="#(?P=id)" title="(?P<title>[^"]*)">',
    re.S,
)
TAG_RE = re.compile(r"<[^>]+>")
TASK_RE = re.compile(r'(<input type="checkbox" disabled\s*/?>)((?:(?!</?(?:li|p|ul|ol|div)\b).)*)', re.S)
LINK_RE = re.compile(r'(?P<open><a href="(?P<href>[^"#][^"]*)")(?P<rest>[^>]*)>(?P<text>.*?)</a>', re.S)
BACKREF_RE = re.compile(r'<a class="footnote-backref" href="(?P<href>[^"]*)" title="(?P<title>[^"]*)">[^<]*</a>')
BACKREFS_RE = re.compile(f"(?:{BACKREF_RE.pattern})+")


def label_permalinks(content: str) -> str:
    """Give each heading's permalink a name that says which section it links to."""

    def label(match: re.Match) -> str:
        heading = html.unescape(TAG_RE.sub("", match["text"])).strip()
        name = html.escape(f"{match['title']}: {heading}")  # quotes too, for the attribute
        return (
            f'{match.group(1)}{match["text"]}<a class="headerlink" href="#{match["id"]}" '
            f'title="{match["title"]}" aria-label="{name}">'
        )

    return PERMALINK_RE.sub(label, content)


def label_tasks(content: str) -> str:
    """A task-list item's text labels its checkbox (axe: label), for printing as a checklist."""
    return TASK_RE.sub(r'<label class="kb-task">\1\2</label>', content)


def _same_address(text: str, href: str) -> bool:
    """The link's text already is its address (a URL, or a DOI written doi:...)."""
    shown = html.unescape(TAG_RE.sub("", text)).strip().rstrip("/")
    target = href.rstrip("/")
    if shown.startswith("doi:"):
        return target.lower().endswith(shown[4:].lower())
    return shown in (target, target.split("://", 1)[-1])


def print_urls(content: str, page_url: str) -> str:
    """Each content link carries its absolute address for the print stylesheet to show,
    unless its text already is that address (printed once, not twice)."""

    def absolute(match: re.Match) -> str:
        href = html.unescape(match["href"])
        target = urljoin(page_url, href)  # the href itself when the page has no address
        if _same_address(match["text"], target):
            return match.group(0)
        return f'{match["open"]} data-print-url="{html.escape(target)}"{match["rest"]}>{match["text"]}</a>'

    return LINK_RE.sub(absolute, content)


PRINT_EVIDENCE_ID = "kb-print-evidence"
_REFERENCE_LIST = '<div class="footnote">'


def print_evidence_choice(content: str, label: str) -> str:
    """Before a reference list that quotes its sources, the reader's choice to print the
    quotes too (print.css prints one line per reference unless it is ticked). A
    checkbox, so that it works without scripts."""
    if 'class="kb-quote"' not in content or _REFERENCE_LIST not in content:
        return content
    choice = (
        f'<p class="kb-print-choice"><label><input type="checkbox" id="{PRINT_EVIDENCE_ID}"> '
        f"{html.escape(label)}</label></p>\n"
    )
    return content.replace(_REFERENCE_LIST, choice + _REFERENCE_LIST, 1)


def one_backlink(content: str) -> str:
    """One "Back to text" link per reference, to its first citation, instead of a row of
    arrows (one per citation) that says nothing to a screen reader."""

    def first_only(match: re.Match) -> str:
        first = BACKREF_RE.search(match.group(0))
        return f'<a class="footnote-backref" href="{first["href"]}" title="{first["title"]}">Back to text</a>'

    return BACKREFS_RE.sub(first_only, content)
