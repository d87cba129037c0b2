"""The Atom 1.0 feed of the What's new entries (RFC 4287).

Written with the standard library's ElementTree, which escapes text and
attributes: a feed is a dozen elements, and the feed libraries on offer
(feedgen and the like) would add a dependency, and lxml beneath it, to write
them. Every date and URL comes from the entries and site_url, never from the
clock, so the same sources always give the same feed.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

import markdown as md

from . import bibliography, citations
from .whats_new import CITATION_BLOCK_RE, Entry, Section, plain_summary

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(site_url: str, entry: Entry) -> str:
    """A tag URI (RFC 4151): stable however the site's pages move, as long as id and date stay."""
    parts = urlsplit(site_url)
    return f"tag:{parts.hostname},{entry.date.isoformat()}:{parts.path.rstrip('/')}/whats-new/{entry.id}"


def _summary_html(entry: Entry, library: bibliography.Library | None) -> tuple[str, list[str]]:
    """The summary as HTML with citations numbered [1], [2] in order of first use, and the works cited."""
    order: list[str] = []

    def number(match: re.Match) -> str:
        found, _ = citations.scan("", match.group(0).strip())
        for c in found:
            if c.key not in order:
                order.append(c.key)
        return " [" + ", ".join(str(order.index(c.key) + 1) for c in found) + "]"

    text = plain_summary(entry.summary) if library is None else CITATION_BLOCK_RE.sub(number, entry.summary)
    works = [library.reference(key) for key in order if library and key in library.entries]
    return md.markdown(text), works


def _content(entry: Entry, sections: dict[str, Section], site_url: str, library: bibliography.Library | None) -> str:
    summary, works = _summary_html(entry, library)
    items = []
    for change in entry.changes:
        section = sections[change.target]
        text = f"{section.heading} ({section.page_title})" if section.heading else section.page_title
        items.append(f"- [{text}]({_absolute(site_url, section.url, change.anchor)})")
    parts = [summary, md.markdown("Changed:\n\n" + "\n".join(items))]
    if works:
        parts.append(md.markdown("Sources:\n\n" + "\n".join(f"{i}. {w}" for i, w in enumerate(works, start=1))))
    return "\n".join(parts)


def _absolute(site_url: str, url: str, anchor: str = "") -> str:
    return urljoin(site_url, url) + (f"#{anchor}" if anchor else "")


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def atom(
    entries: list[Entry],
    sections: dict[str, Section],
    *,
    site_url: str,
    site_name: str,
    page_url: str,
    feed: str,
    library: bibliography.Library | None = None,
) -> bytes:
    """The feed document; `entries` newest first; `page_url` and `feed` relative to the site root."""
    ET.register_namespace("", ATOM)
    base = site_url if site_url.endswith("/") else site_url + "/"
    page_link = _absolute(base, page_url)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    _text(root, "id", page_link)
    _text(root, "title", f"{site_name}: what's new")
    _text(root, "subtitle", "Practice-changing updates to the site, with the pages and sections each one changed.")
    newest = max((e.date for e in entries), default=None)
    _text(root, "updated", _timestamp(newest) if newest else "1970-01-01T00:00:00Z")
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "type": MEDIA_TYPE, "href": urljoin(base, feed)})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": page_link})
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", f"{site_name} editors")
    for entry in entries:
        item = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(item, "id", entry_id(base, entry))
        _text(item, "title", entry.title)
        _text(item, "published", _timestamp(entry.date))
        _text(item, "updated", _timestamp(entry.date))
        ET.SubElement(
            item, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": f"{page_link}#{entry.id}"}
        )
        for change in entry.changes:
            section = sections[change.target]
            ET.SubElement(
                item,
                f"{{{ATOM}}}link",
                {
                    "rel": "related",
                    "type": "text/html",
                    "href": _absolute(base, section.url, change.anchor),
                    "title": f"{section.heading} ({section.page_title})" if section.heading else section.page_title,
                },
            )
        _text(item, "summary", plain_summary(entry.summary), type="text")
        _text(item, "content", _content(entry, sections, base, library), type="html")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
