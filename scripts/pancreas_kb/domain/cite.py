""" "Cite this page": the page as a reference in AMA and Vancouver style, BibTeX and RIS.

The access date is the reader's own: the HTML carries a placeholder that the
page script fills with today's date; the downloads carry no access date, as a
file made at build time cannot know it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

ACCESSED = "\0accessed\0"  # stands where the access date goes until rendered


@dataclass(frozen=True)
class CitedPage:
    title: str
    site_name: str
    url: str
    src_uri: str  # e.g. patients/stages.md; names the downloads and the BibTeX key
    updated: dt.date | None
    last_reviewed: dt.date | None
    year: int  # of the last change, or of the build when the history is unknown


def _ama_date(day: dt.date) -> str:
    return day.strftime("%B %-d, %Y")


def _vancouver_date(day: dt.date) -> str:
    return day.strftime("%Y %b %-d")


def ama(page: CitedPage) -> str:
    parts = [f"{page.title.rstrip('.')}.", f"{page.site_name}."]
    if page.updated:
        parts.append(f"Updated {_ama_date(page.updated)}.")
    parts.append(f"Last reviewed {_ama_date(page.last_reviewed)}." if page.last_reviewed else "Not yet reviewed.")
    parts += [f"Accessed {ACCESSED}.", page.url]
    return " ".join(parts)


def vancouver(page: CitedPage) -> str:
    notes = []
    if page.updated:
        notes.append(f"updated {_vancouver_date(page.updated)}")
    notes.append(f"reviewed {_vancouver_date(page.last_reviewed)}" if page.last_reviewed else "not yet reviewed")
    notes.append(f"cited {ACCESSED}")
    return (
        f"{page.site_name}. {page.title.rstrip('.')} [Internet]. {page.year} "
        f"[{'; '.join(notes)}]. Available from: {page.url}"
    )


def as_html(text: str, style: str, placeholder_text: str) -> str:
    """The citation as HTML, its access date a placeholder for the page script to fill."""
    placeholder = f'<span class="kb-accessed" data-style="{style}">{html.escape(placeholder_text)}</span>'
    return html.escape(text).replace(html.escape(ACCESSED), placeholder)


def key(page: CitedPage) -> str:
    stem = re.sub(r"(^|/)index\.md$|\.md$", "", page.src_uri)
    return "kb-" + (re.sub(r"[^0-9a-z]+", "-", stem.lower()).strip("-") or "home")


def _review_note(page: CitedPage) -> str:
    if page.last_reviewed:
        return f"Last reviewed {page.last_reviewed.isoformat()}"
    return "Not yet reviewed"


# Each character BibTeX reads as markup, and how to write it as itself. One pass, so
# the braces of \textbackslash{} are not escaped again.
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_SPECIAL = re.compile(r"[\\&%$#_{}~^]")
# Line breaks of every kind and other control characters: in a RIS file a line
# break in a value starts a new field ("TI  - x\r\nAU  - y" adds an author).
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(0), "\\" + m.group(0)), one_line(text))


def bibtex(page: CitedPage) -> str:
    fields = [
        ("title", "{" + _bibtex_text(page.title) + "}"),
        ("author", "{" + _bibtex_text(page.site_name) + "}"),  # a group author, not "Last, First"
        ("howpublished", _bibtex_text(page.site_name)),
        ("year", str(page.year)),
    ]
    if page.updated:
        fields.append(("date", page.updated.isoformat()))
    fields += [("url", page.url), ("note", _review_note(page))]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key(page)},\n{body}\n}}\n"


def ris(page: CitedPage) -> str:
    lines = [("TY", "ELEC"), ("TI", page.title), ("AU", page.site_name), ("T2", page.site_name), ("PY", str(page.year))]
    if page.updated:
        lines.append(("DA", page.updated.strftime("%Y/%m/%d")))
    lines += [("UR", page.url), ("N1", _review_note(page)), ("ER", "")]
    # RIS readers expect CRLF line ends and "TAG  - value", one field a line.
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)


def download_name(page: CitedPage, extension: str) -> str:
    return f"{key(page)}.{extension}"
