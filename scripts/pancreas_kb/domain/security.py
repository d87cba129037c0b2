"""The pages' security policies: Content-Security-Policy and referrer policy.

GitHub Pages cannot send headers, so both travel as `<meta>` elements at the top
of each page's `<head>`. The policy allows the site's own script files and, by
hash, only the inline scripts the project's and the theme's templates contain:
the list of those hashes (`inline-scripts.yml`) is computed from the templates
by `make script-hashes`, never from a built page, so a script slipped into a
page is refused even though it sits in the same page as the theme's own.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import theme

# Directive, its sources, and why it is set as it is. A `meta` policy cannot
# carry frame-ancestors, report-uri or sandbox; the browser ignores them there.
DIRECTIVES: tuple[tuple[str, str, str], ...] = (
    ("default-src", "'self'", "anything not named below comes from this site only"),
    (
        "script-src",
        "'self' 'wasm-unsafe-eval'",
        "the site's own script files, plus the hashes in inline-scripts.yml (the templates' own inline "
        "scripts); never 'unsafe-inline'. Search (Pagefind) runs WebAssembly from this site, which "
        "browsers allow only with 'wasm-unsafe-eval'; it does not allow JavaScript eval",
    ),
    (
        "style-src",
        "'self' 'unsafe-inline'",
        "for browsers without the two directives below: the theme and Markdown extensions write style attributes",
    ),
    (
        "style-src-elem",
        "'self' {styles}",
        "style sheets from this site and, by hash, the one <style> the templates write (generated from the "
        "tables of states and audiences): a <style> in a page could hide a caution or draw a review badge",
    ),
    ("style-src-attr", "'unsafe-inline'", "the theme and Markdown extensions write style attributes"),
    ("img-src", "'self' data:", "the theme draws its icons from data: SVG in its style sheet"),
    ("font-src", "'self'", "no web fonts: the theme's font loading is switched off"),
    ("connect-src", "'self'", "search fetches its index from this site"),
    (
        "worker-src",
        "{worker}",
        "only Pagefind's worker script: no other worker, and no service worker, which would outlive "
        "this policy. A worker must come from the page's own origin anyway, so host and port are left "
        "open (*:*) and the path does the limiting, the same on the published site and a local preview",
    ),
    ("manifest-src", "'none'", "no web app manifest"),
    ("object-src", "'none'", "no plug-ins"),
    ("frame-src", "'none'", "no embedded pages"),
    ("base-uri", "'self'", "a planted <base> cannot redirect relative links"),
    ("form-action", "'self'", "the search form never posts elsewhere"),
)
PAGEFIND_WORKER = "pagefind/pagefind-worker.js"

# Following a link to a journal must not tell it which page (which diagnosis,
# which question) the reader came from. no-referrer sends nothing, not even the
# site's name; nothing on the site needs a referrer.
REFERRER_POLICY = "no-referrer"

ALLOWLIST_FILE = Path(__file__).with_name("inline-scripts.yml")

_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET_RE = re.compile(r"<meta\s+charset=[^>]*>", re.I)
# The theme's integrations load other sites' code (analytics); the site uses none.
THIRD_PARTY = "partials/integrations/"
_JINJA_RE = re.compile(r"\{\{|\{%|\{#")


def executable(attributes: str) -> bool:
    """Whether a <script> with these attributes runs its own text (not src=, not a data block)."""
    if re.search(r"\bsrc\s*=", attributes, re.I):
        return False
    match = _TYPE_RE.search(attributes)
    return (match.group(1).lower() if match else "") in _EXECUTABLE_TYPES


def sha256(script: str) -> str:
    """One inline script's hash as the policy names it (in quotes there)."""
    digest = hashlib.sha256(script.encode()).digest()  # of its UTF-8, as browsers hash it
    return "sha256-" + base64.b64encode(digest).decode()


def inline_scripts(html: str) -> list[str]:
    """The text of every executable inline script in a page or template."""
    return [m.group(2) for m in _SCRIPT_RE.finditer(html) if executable(m.group(1))]


# --- the allowlist, from the templates ------------------------------------------------


@dataclass(frozen=True)
class TemplateScript:
    template: str  # path relative to the theme folder, e.g. partials/javascripts/palette.html
    hash: str  # sha256-...
    problem: str = ""  # why it cannot be allowed: it is built by template code, so no fixed hash covers it


def template_scripts(templates: Iterable[tuple[str, str]], own: set[str]) -> list[TemplateScript]:
    """The inline scripts of the effective templates (name, text); those in `own` (ours) must be constant.

    A theme template whose script is built by template code cannot be listed; if a
    page ever uses it, the policy refuses it and the browser tests say so.
    """
    found = []
    for name, text in sorted(templates):
        if name.startswith(THIRD_PARTY):
            continue
        for script in inline_scripts(text):
            if not _JINJA_RE.search(script):
                found.append(TemplateScript(name, sha256(script)))
            elif name in own:
                found.append(
                    TemplateScript(
                        name,
                        "",
                        "an inline script built by template code; give it fixed text and pass the value in "
                        "a data- attribute (document.currentScript.dataset)",
                    )
                )
    return found


def allowlist_text(scripts: list[TemplateScript]) -> str:
    header = (
        "# The inline scripts the site's pages may run: the hash of each executable inline\n"
        "# script in the templates (overrides/ over Material's), never of a built page.\n"
        "# Written by `make script-hashes`; a change here is a change in what runs on every\n"
        "# page, so review the templates it names.\n"
    )
    entries = [{"template": s.template, "hash": s.hash} for s in scripts if not s.problem]
    # One line per field, however long a template's name: never folded.
    return header + yaml.safe_dump(entries, sort_keys=False, width=math.inf)


@functools.cache
def allowed_hashes() -> tuple[str, ...]:
    entries = yaml.safe_load(ALLOWLIST_FILE.read_text(encoding="utf-8")) or []
    return tuple(dict.fromkeys(entry["hash"] for entry in entries))


# --- the policy -----------------------------------------------------------------------


def template_styles() -> list[str]:
    """The text of the <style> elements the templates write (partials/kb-data.html)."""
    return [theme.css()]


def content_security_policy(base_path: str = "/") -> str:
    """The one policy of every page of a site served under `base_path` (site_url's path)."""
    worker = f"*:*{base_path.rstrip('/')}/{PAGEFIND_WORKER}"
    styles = " ".join(f"'{sha256(css)}'" for css in template_styles())
    parts = []
    for directive, sources, _reason in DIRECTIVES:
        if directive == "script-src":
            sources = " ".join([sources, *(f"'{h}'" for h in allowed_hashes())])
        parts.append(f"{directive} {sources.format(worker=worker, styles=styles)}")
    return "; ".join(parts)


def parse(policy: str) -> dict[str, list[str]]:
    """A policy string as {directive: [sources]}; the first of a repeated directive wins, as in browsers."""
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed.setdefault(words[0].lower(), words[1:])
    return parsed


def policy_tags(base_path: str = "/") -> str:
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(base_path)}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )


def with_policies(html: str, base_path: str = "/") -> str:
    """The page with both policies first in <head>, before anything they govern."""
    anchor = _CHARSET_RE.search(html) or _HEAD_RE.search(html)
    if anchor is None:
        return html
    return html[: anchor.end()] + policy_tags(base_path) + html[anchor.end() :]


# --- service workers ------------------------------------------------------------------

# A service worker, once installed, controls every page under its folder and
# outlives any policy and the removal of its file; the browser checks its script
# for updates, and a 404 leaves the old one running. The site registers none, so
# wherever one could have been registered from (a script under docs/, before
# docs/ was limited to pages and images) an unregistering worker is published:
# the browser's update check installs it, and it removes itself and reloads the
# pages it controlled. tests/domain/test_security.py holds every .js file that
# was ever under docs/ in the history to this list.
RETIRED_WORKER_NAMES = ("sw.js", "service-worker.js", "serviceworker.js", "worker.js")
RETIRED_WORKER_FOLDERS = ("", "patients/", "clinicians/", "reference/", "about/", "assets/")
UNREGISTERING_WORKER = """\
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(self.registration.unregister().then(function () {
    return self.clients.matchAll({ type: "window" });
  }).then(function (clients) {
    clients.forEach(function (client) { client.navigate(client.url); });
  }));
});
"""


def retired_worker_paths() -> list[str]:
    return [folder + name for folder in RETIRED_WORKER_FOLDERS for name in RETIRED_WORKER_NAMES]
