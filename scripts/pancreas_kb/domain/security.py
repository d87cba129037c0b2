"""The pages' security policies: Content-Security-Policy and referrer policy.

GitHub Pages cannot send headers, so both travel as `<meta>` elements at the top
of each page's `<head>`. The policy allows the site's own files and, by hash,
the theme's few inline scripts; anything else (a `<script>` slipped into a
page's Markdown, a script or frame from another site) is refused by the browser.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Directive, its sources, and why it is set as it is. A `meta` policy cannot
# carry frame-ancestors, report-uri or sandbox; the browser ignores them there.
DIRECTIVES: tuple[tuple[str, str, str], ...] = (
    ("default-src", "'self'", "anything not named below comes from this site only"),
    (
        "script-src",
        "'self' 'wasm-unsafe-eval'",
        "the site's own script files, plus the hashes of the theme's inline scripts (added per "
        "page); never 'unsafe-inline'. Search (Pagefind) runs WebAssembly from this site, which "
        "browsers allow only with 'wasm-unsafe-eval'; it does not allow JavaScript eval",
    ),
    (
        "style-src",
        "'self' 'unsafe-inline'",
        "the theme and Markdown extensions write style attributes; CSS cannot run code",
    ),
    ("img-src", "'self' data:", "the theme draws its icons from data: SVG in its style sheet"),
    ("font-src", "'self'", "no web fonts: the theme's font loading is switched off"),
    ("connect-src", "'self'", "search fetches its index from this site"),
    ("worker-src", "'self'", "search runs in a worker script from this site"),
    ("object-src", "'none'", "no plug-ins"),
    ("frame-src", "'none'", "no embedded pages"),
    ("base-uri", "'self'", "a planted <base> cannot redirect relative links"),
    ("form-action", "'self'", "the search form never posts elsewhere"),
)

# Following a link to a journal must not tell it which page (which diagnosis,
# which question) the reader came from. no-referrer sends nothing, not even the
# site's name; nothing on the site needs a referrer.
REFERRER_POLICY = "no-referrer"

_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Page content lives in <article>; only the theme's scripts outside it are trusted.
_ARTICLE_RE = re.compile(r"<article\b.*?</article\s*>", re.S | re.I)
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET_RE = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def _executable(attributes: str) -> bool:
    if re.search(r"\bsrc\s*=", attributes, re.I):
        return False
    match = _TYPE_RE.search(attributes)
    return (match.group(1).lower() if match else "") in _EXECUTABLE_TYPES


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def trusted_inline_hashes(html: str) -> list[str]:
    """Hashes of the inline scripts the theme writes: every executable one outside <article>."""
    outside = _ARTICLE_RE.sub("", html)
    hashes = [_sha256(m.group(2)) for m in _SCRIPT_RE.finditer(outside) if _executable(m.group(1))]
    return list(dict.fromkeys(hashes))


def content_security_policy(html: str) -> str:
    hashes = trusted_inline_hashes(html)
    parts = []
    for directive, sources, _reason in DIRECTIVES:
        if directive == "script-src" and hashes:
            sources = " ".join([sources, *hashes])
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)


def parse(policy: str) -> dict[str, list[str]]:
    """A policy string as {directive: [sources]}; the first of a repeated directive wins, as in browsers."""
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed.setdefault(words[0].lower(), words[1:])
    return parsed


def with_policies(html: str) -> str:
    """The page with both policies first in <head>, before anything they govern."""
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )
    anchor = _CHARSET_RE.search(html) or _HEAD_RE.search(html)
    if anchor is None:
        return html
    return html[: anchor.end()] + tags + html[anchor.end() :]
