"""Read built HTML pages once, with line numbers, into the facts the site rules need.

The standard library's html.parser is used rather than a DOM library: it is
fast enough for hundreds of pages, needs no dependency, and tolerates the
malformed HTML a broken page may contain (it never raises on bad markup).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Markup that a renderer should have consumed; seen as text it means a page
# was not rendered as its author intended.
LEAK_TOKENS = ("[@", "\\bibliography", "!!!", "{{", "[^")
# Attributes whose URL the browser fetches or follows.
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "form": ("action",),
    "button": ("formaction",),
}
# Of those, the ones loaded without a click: a request the reader did not choose.
NAVIGATION = {("a", "href"), ("area", "href"), ("form", "action"), ("button", "formaction")}
# <link rel> values that make the browser fetch or connect.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "prerender",
}
# URL schemes that run or embed content chosen by whoever wrote the link: a
# data: URL can carry a whole HTML page with its own scripts.
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
EMBEDDING_TAGS = {"iframe", "frame", "object", "embed", "base", "portal"}
# Attributes that load a document inline or send the page's address elsewhere.
UNSAFE_ATTRS = {"srcdoc", "referrerpolicy", "ping"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CSS_URL_RE = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
ARTICLE_CLASS = "md-content__inner"


@dataclass(frozen=True)
class Url:
    url: str
    line: int
    tag: str
    attr: str
    fetched: bool  # loaded with the page, not followed by a click
    in_article: bool


@dataclass(frozen=True)
class Flag:
    line: int
    what: str
    needle: str  # text to look for in the Markdown source


@dataclass(frozen=True)
class Raw:
    """An inline <script> or <style> as written: what runs or styles the page."""

    line: int
    tag: str
    attrs: str  # the start tag's attributes, as written (for the script's type)
    text: str
    in_article: bool


@dataclass
class PageScan:
    path: str  # relative to the site folder, '/'-separated
    ids: set[str] = field(default_factory=set)
    heading_ids: list[str] = field(default_factory=list)
    urls: list[Url] = field(default_factory=list)
    leaks: list[Flag] = field(default_factory=list)
    unsafe: list[Flag] = field(default_factory=list)
    unsafe_new_tabs: list[Flag] = field(default_factory=list)
    has_article: bool = False
    # <meta http-equiv="Content-Security-Policy"> and <meta name="referrer">, as written
    policies: dict[str, str] = field(default_factory=dict)
    raw: list[Raw] = field(default_factory=list)  # every inline <script> and <style>, anywhere in the page
    http_equiv: list[tuple[int, str]] = field(default_factory=list)  # (line, lower-case name) of each
    referrer_metas: int = 0


def _srcset(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _squeezed(value: str) -> str:
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    return re.sub(r"[\x00-\x20]", "", value).lower()


class _Scanner(HTMLParser):
    def __init__(self, scan: PageScan):
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self.article_depth = 0
        self.code_depth = 0
        self.raw_tag: str | None = None  # <script> or <style>: not text a reader sees
        self.raw_line = 0
        self.raw_attrs = ""
        self.raw_text: list[str] = []

    @property
    def in_article(self) -> bool:
        return self.article_depth > 0

    def parse_marked_section(self, i, report=1):
        # Python before 3.13 asserts on "<![" without a section name (hypothesis found "<![0");
        # the scan reads such a "<![" as text: from its "[" on, so that "<![^1]" shows "[^".
        try:
            return super().parse_marked_section(i)  # report= only calls unknown_decl, unused here
        except AssertionError:
            return i + 2  # "<!" itself can hold no leaked markup

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = {name: (value or "") for name, value in attrs}
        if tag == "article":
            if self.in_article:
                self.article_depth += 1
            elif ARTICLE_CLASS in values.get("class", "").split():
                self.article_depth = 1
                self.scan.has_article = True
        elif tag in ("code", "pre"):
            self.code_depth += 1
        elif tag in ("script", "style"):
            self.raw_tag = tag
            self.raw_line = line
            self.raw_attrs = " ".join(f'{name}="{value}"' for name, value in values.items())
            self.raw_text = []
        elif tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            name = (equiv or values.get("name") or "").lower()
            if equiv:
                self.scan.http_equiv.append((line, equiv))
            if name == "referrer":
                self.scan.referrer_metas += 1
            if name in ("content-security-policy", "referrer"):
                self.scan.policies.setdefault(name, values.get("content", ""))
        for key in ("id", "name"):
            if values.get(key):
                self.scan.ids.add(values[key])
        if tag in HEADINGS and values.get("id") and self.in_article:
            self.scan.heading_ids.append(values["id"])
        self._urls(tag, values, line)
        self._safety(tag, values, line)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self._end_raw()

    def _end_raw(self):
        if self.raw_tag:
            self.scan.raw.append(
                Raw(self.raw_line, self.raw_tag, self.raw_attrs, "".join(self.raw_text), self.in_article)
            )
        self.raw_tag = None

    def handle_endtag(self, tag):
        if tag == "article" and self.in_article:
            self.article_depth -= 1
        elif tag in ("code", "pre"):
            self.code_depth = max(0, self.code_depth - 1)
        elif tag in ("script", "style"):
            self._end_raw()

    def close(self):
        super().close()
        self._end_raw()  # an unclosed <script> or <style> runs to the end of the page

    def handle_data(self, data):
        if self.raw_tag:
            self.raw_text.append(data)
            if self.raw_tag == "style":
                self._css(data, self.raw_line)
            return
        if self.code_depth:
            return
        start = self.getpos()[0]
        for token in LEAK_TOKENS:
            at = data.find(token)
            while at != -1:
                line_text = data[at:].partition("\n")[0].strip()
                self.scan.leaks.append(Flag(start + data.count("\n", 0, at), token, line_text[:40]))
                at = data.find(token, at + len(token))

    def _add(self, url: str, line: int, tag: str, attr: str, fetched: bool):
        self.scan.urls.append(Url(url.strip(), line, tag, attr, fetched, self.in_article))

    def _urls(self, tag, values, line):
        for attr in URL_ATTRS.get(tag, ()):
            value = values.get(attr)
            if not value:
                continue
            fetched = (tag, attr) not in NAVIGATION
            if tag == "link":
                rels = set(values.get("rel", "").lower().split())
                fetched = bool(rels & FETCHING_RELS)
            for url in _srcset(value) if attr == "srcset" else [value]:
                self._add(url, line, tag, attr, fetched)
        if values.get("style"):
            self._css(values["style"], line, tag)

    def _css(self, css: str, line: int, tag: str = "style"):
        for match in CSS_URL_RE.finditer(css):
            self._add(match.group(1) or match.group(2), line + css.count("\n", 0, match.start()), tag, "style", True)

    def _safety(self, tag, values, line):
        # The whole page, not only the article: a page's text can close the article,
        # and a title or description is printed in the header, navigation and <head>.
        if tag in EMBEDDING_TAGS:
            self.scan.unsafe.append(Flag(line, f"<{tag}> element", f"<{tag}"))
        for name, value in values.items():
            if name.startswith("on"):
                self.scan.unsafe.append(Flag(line, f"{name}= event handler on <{tag}>", f"{name}="))
            elif name in UNSAFE_ATTRS:
                self.scan.unsafe.append(Flag(line, f"{name}= attribute on <{tag}>", f"{name}="))
            elif _squeezed(value).startswith(SCRIPT_SCHEMES):
                scheme = _squeezed(value).partition(":")[0] + ":"
                self.scan.unsafe.append(Flag(line, f"{scheme} URL {value[:40]!r} in {name}= of <{tag}>", scheme))
        if tag == "a" and values.get("target", "").lower() == "_blank":
            rels = values.get("rel", "").lower().split()
            if "noopener" not in rels:
                href = values.get("href", "")
                self.scan.unsafe_new_tabs.append(Flag(line, href, href))


def scan(path: str, text: str) -> PageScan:
    """The facts of one page; never raises on malformed HTML."""
    result = PageScan(path)
    scanner = _Scanner(result)
    # Every byte of the page: the navigation prints every page's title, which an editor writes.
    scanner.feed(text)
    scanner.close()
    return result


@dataclass
class Site:
    folder: Path
    files: set[str]  # every file, relative, '/'-separated
    pages: dict[str, PageScan]  # every .html file


def scan_site(folder: Path) -> tuple[Site, list[tuple[str, str]]]:
    """Every file of a built site, every HTML page scanned; unreadable pages are returned apart."""
    files: set[str] = set()
    pages: dict[str, PageScan] = {}
    unreadable: list[tuple[str, str]] = []
    for directory, _, names in os.walk(folder):
        rel_dir = os.path.relpath(directory, folder).replace(os.sep, "/")
        for name in names:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            files.add(rel)
            if name.endswith(".html"):
                try:
                    pages[rel] = scan(rel, (Path(directory) / name).read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError) as exc:
                    unreadable.append((rel, str(exc)))
                except Exception as exc:  # noqa: BLE001 - one odd page must not hide the others' findings
                    unreadable.append((rel, f"the HTML parser failed ({type(exc).__name__}: {exc})"))
    return Site(folder, files, pages), unreadable
