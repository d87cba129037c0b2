"""Rules for the built site: links, anchors, leaked markup, unsafe and third-party content.

Each finding names the Markdown source and line an editor has to change: the
built page is mapped back to its docs/ file and the offending text is looked up
there. When it cannot be found (theme markup, a generated page) the finding
points at line 1 of the source, or at the built file itself, and its message
always gives the built file and line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pancreas_kb.domain import security
from pancreas_kb.domain.findings import Finding

from .html_scan import PageScan, Site, Url
from .project_files import plugin_options, site_path

INDEX_NAMES = ("index.md", "README.md")


def page_url(doc: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root) of a page at `doc`, relative to docs/, as MkDocs builds it."""
    stem, _ = posixpath.splitext(doc)
    head, name = posixpath.split(doc)
    if name in INDEX_NAMES:
        return f"{head}/" if head else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def url_file(url: str) -> str:
    """The file that serves a site-relative URL: directory URLs are served by their index.html."""
    return f"{url}index.html" if url == "" or url.endswith("/") else url


@dataclass
class Context:
    site: Site
    shown_site: str  # the site folder as the editor sees it, e.g. "site"
    origin: str | None  # scheme://host of site_url
    base_path: str  # path of site_url, "/" when the site is served at the root
    sources: dict[str, str]  # built HTML file -> Markdown source (relative to the project)
    texts: dict[str, str]  # Markdown source -> its text
    redirects: frozenset[str] = frozenset()  # the built files of redirect pages (mkdocs-redirects' map)


def redirect_files(settings: dict, directory_urls: bool) -> frozenset[str]:
    maps = (plugin_options(settings, "redirects") or {}).get("redirect_maps") or {}
    return frozenset(url_file(page_url(str(old), directory_urls)) for old in maps)


def context(site: Site, shown_site: str, settings: dict, docs_prefix: str, pages: dict[str, str]) -> Context:
    """The site and its sources; `pages` maps each Markdown file, '/'-separated as Project.pages has it, to its text."""
    parts = urlsplit(str(settings.get("site_url") or ""))
    origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}" if parts.netloc else None
    base_path = site_path(settings)
    directory_urls = settings.get("use_directory_urls") is not False  # MkDocs' default is True
    sources = {}
    for source in pages:
        doc = source[len(docs_prefix) :] if source.startswith(docs_prefix) else source
        sources[url_file(page_url(doc, directory_urls))] = source
    return Context(site, shown_site, origin, base_path, sources, pages, redirect_files(settings, directory_urls))


def locate(ctx: Context, page: PageScan, line: int, needles: list[str]) -> tuple[str, int, str]:
    """Where an editor fixes a problem seen at `page`:`line`: (path, line, built location)."""
    built = f"{ctx.shown_site}/{page.path}:{line}"
    source = ctx.sources.get(page.path)
    if source is None:
        return f"{ctx.shown_site}/{page.path}", line, built
    lines = ctx.texts[source].splitlines()  # sources and texts come from the same pages
    for needle in needles:
        if not needle:
            continue
        for number, text in enumerate(lines, start=1):
            if needle in text:
                return source, number, built
    return source, 1, built


def _finding(ctx: Context, page: PageScan, line: int, needles: list[str], rule: str, message: str) -> Finding:
    path, number, built = locate(ctx, page, line, needles)
    return Finding(path, number, rule, f"{message} (built: {built})")


# --- resolving a URL --------------------------------------------------------------

EXTERNAL, INTERNAL, OTHER = "external", "internal", "other"


@dataclass(frozen=True)
class Resolved:
    kind: str
    target: str | None = None  # INTERNAL: the site file, None when nothing serves it
    fragment: str = ""
    problem: str = ""  # why an INTERNAL URL resolves to nothing


def resolve(ctx: Context, page_path: str, url: str) -> Resolved:
    try:
        parts = urlsplit(url)
    except ValueError:
        return Resolved(INTERNAL, None, "", "the URL is malformed")
    scheme = parts.scheme.lower()
    fragment = unquote(parts.fragment)
    if scheme and scheme not in ("http", "https"):
        return Resolved(OTHER)
    if parts.netloc:
        origin = f"{scheme or 'https'}://{parts.netloc.lower()}"
        if origin != ctx.origin or not parts.path.startswith(ctx.base_path):
            return Resolved(EXTERNAL)
        path = parts.path[len(ctx.base_path) :]
    elif parts.path.startswith("/"):
        if not parts.path.startswith(ctx.base_path):
            return Resolved(
                INTERNAL,
                None,
                fragment,
                f"the site is served under {ctx.base_path}, so this path leaves it; use a relative link",
            )
        path = parts.path[len(ctx.base_path) :]
    elif not parts.path:
        return Resolved(INTERNAL, page_path, fragment)
    else:
        path = posixpath.join(posixpath.dirname(page_path), parts.path)
    path = unquote(path)
    normal = posixpath.normpath(path)  # "." for ""
    if normal == ".." or normal.startswith("../"):
        return Resolved(INTERNAL, None, fragment, "the path climbs above the site's root folder")
    normal = "" if normal == "." else normal
    candidates = [] if (not normal or path.endswith("/")) else [normal]
    candidates.append(f"{normal}/index.html" if normal else "index.html")
    for candidate in candidates:
        if candidate in ctx.site.files:
            return Resolved(INTERNAL, candidate, fragment)
    return Resolved(INTERNAL, None, fragment, "no file in the built site serves it")


# --- rules ------------------------------------------------------------------------


def broken_links(ctx: Context, page: PageScan) -> list[Finding]:
    findings = []
    for url in page.urls:
        resolved = resolve(ctx, page.path, url.url)
        if resolved.kind == INTERNAL and resolved.target is None:
            what = "links to" if not url.fetched else f"loads (<{url.tag} {url.attr}>)"
            findings.append(
                _finding(
                    ctx,
                    page,
                    url.line,
                    [url.url, unquote(url.url)],
                    "broken-link",
                    f"'{url.url}' {what} nothing: {resolved.problem}; link to an existing page by its "
                    "relative .md path (e.g. ../patients/treatment.md) or file",
                )
            )
    return findings


def missing_anchors(ctx: Context, page: PageScan) -> list[Finding]:
    findings = []
    for url in page.urls:
        resolved = resolve(ctx, page.path, url.url)
        if not resolved.target or not resolved.fragment:  # only an internal URL has a target
            continue
        target = ctx.site.pages.get(resolved.target)
        if target is None or resolved.fragment in target.ids:
            continue
        findings.append(
            _finding(
                ctx,
                page,
                url.line,
                [url.url, f"#{resolved.fragment}"],
                "missing-anchor",
                f"'{url.url}': {resolved.target} has no element with id '{resolved.fragment}'; link to a heading "
                "that exists (see the page's table of contents) or give the heading that id with "
                f"{{#{resolved.fragment}}}",
            )
        )
    return findings


LEAK_HINTS = {
    "[@": "a citation that was not rendered: write [@key] with a key that is in references.bib",
    "\\bibliography": "LaTeX bibliography commands are not processed; the References list is added "
    "automatically where a page cites",
    "!!!": "an admonition that was not rendered: put '!!! type \"Title\"' on its own line after a blank line, "
    "and indent its content by 4 spaces",
    "{{": "template syntax is not processed in pages; remove it, or put it in `code`",
    "[^": "a footnote that was not rendered: define it with a '[^label]: text' line, or cite with [@key]",
}


def leaked_markup(ctx: Context, page: PageScan) -> list[Finding]:
    return [
        _finding(
            ctx,
            page,
            flag.line,
            [flag.needle, flag.what],
            "leaked-markup",
            f"'{flag.what}' is shown to readers as text ('{flag.needle}'); {LEAK_HINTS[flag.what]}",
        )
        for flag in page.leaks
    ]


def unsafe_content(ctx: Context, page: PageScan) -> list[Finding]:
    return [
        _finding(
            ctx,
            page,
            flag.line,
            [flag.needle],
            "unsafe-content",
            f"{flag.what} in page content; pages may not run scripts or embed other documents: "
            "remove it (the theme provides every script the site needs)",
        )
        for flag in page.unsafe
    ]


# Inline code the templates may put in a page: scripts by the hashes in
# domain/inline-scripts.yml, data blocks (JSON, JSON-LD), and the style elements
# the site generates: the rules from the tables (partials/kb-data.html). Review
# packets link their style sheet and script as files.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def generated_styles() -> set[str]:
    return set(security.template_styles())


def _script_type(attrs: str) -> str:
    match = security._TYPE_RE.search(attrs)
    return match.group(1).lower() if match else ""


def unlisted_inline_code(ctx: Context, page: PageScan) -> list[Finding]:
    """Every inline <script> and <style> of the page that the site's own templates do not write."""
    allowed = set(security.allowed_hashes())
    styles = generated_styles()
    findings = []
    for raw in page.raw:
        if raw.tag == "style":
            if raw.text in styles and not raw.in_article:
                continue
            what = "a <style> element: style rules in a page can hide warnings or show a review badge"
        elif not security.executable(raw.attrs):
            if "src=" in raw.attrs or _script_type(raw.attrs) in DATA_SCRIPT_TYPES:
                continue
            what = f"a <script type={_script_type(raw.attrs)!r}> element"
        elif security.sha256(raw.text) in allowed and not raw.in_article:
            continue
        else:
            what = "an inline <script> that no template of the site contains (not in inline-scripts.yml)"
        findings.append(
            _finding(
                ctx,
                page,
                raw.line,
                [f"<{raw.tag}", raw.text.strip()[:30]],
                "unsafe-content",
                f"{what}; pages may not carry scripts or style rules: remove it (a template change belongs in "
                "overrides/, reviewed by the maintainers)",
            )
        )
    return findings


def unexpected_meta(ctx: Context, page: PageScan) -> list[Finding]:
    """<meta http-equiv>: only the site's policy, and a refresh only on a redirect page; one referrer policy."""
    findings = []
    seen_policy = False
    for line, name in page.http_equiv:
        if name == "content-security-policy" and not seen_policy:
            seen_policy = True
            continue
        if name == "refresh" and page.path in ctx.redirects:
            continue
        findings.append(
            _finding(
                ctx,
                page,
                line,
                ["http-equiv"],
                "unsafe-content",
                f'<meta http-equiv="{name}"> in a page; only the site writes these (its policy, and the refresh of '
                "a redirect page listed in mkdocs.yml): remove it",
            )
        )
    if page.referrer_metas > 1:
        findings.append(
            _finding(
                ctx,
                page,
                1,
                ['name="referrer"'],
                "unsafe-content",
                'a second <meta name="referrer">; the site\'s no-referrer policy is the only one: remove it',
            )
        )
    return findings


def _foreign(ctx: Context, url: Url) -> bool:
    try:
        parts = urlsplit(url.url)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("", "http", "https") or not parts.netloc:
        return False
    return f"{parts.scheme.lower() or 'https'}://{parts.netloc.lower()}" != ctx.origin


def foreign_assets(ctx: Context, page: PageScan) -> list[Finding]:
    return [
        _finding(
            ctx,
            page,
            url.line,
            [url.url],
            "foreign-asset",
            f"'{url.url}' is loaded from another origin by <{url.tag} {url.attr}>; that request tells a "
            "third party who reads this page: copy the file into docs/ and link it relatively, or remove it",
        )
        for url in page.urls
        if url.fetched and _foreign(ctx, url)
    ]


def unsafe_new_tabs(ctx: Context, page: PageScan) -> list[Finding]:
    findings = []
    for flag in page.unsafe_new_tabs:
        if resolve(ctx, page.path, flag.what).kind != EXTERNAL:
            continue
        findings.append(
            _finding(
                ctx,
                page,
                flag.line,
                [flag.needle],
                "unsafe-new-tab",
                f"'{flag.what}' opens in a new tab without rel=\"noopener\", which lets the other "
                "site control this tab; add it: [text](url){target=_blank rel=noopener}",
            )
        )
    return findings


def missing_security_policy(ctx: Context, page: PageScan) -> list[Finding]:
    """Every page refuses foreign and planted scripts and sends no referrer (scripts/pancreas_kb/domain/security.py)."""
    if not page.has_article and page.path not in ctx.redirects:
        return []  # bare fixtures carry no theme, so no policy
    findings = []
    policy = security.parse(page.policies.get("content-security-policy", ""))
    scripts = policy.get("script-src", [])
    if "'self'" not in scripts or "'unsafe-inline'" in scripts or policy.get("object-src") != ["'none'"]:
        findings.append(
            _finding(
                ctx,
                page,
                1,
                [],  # the theme writes the policies: line 1 of the page's source
                "missing-security-policy",
                "no Content-Security-Policy limiting scripts to this site (script-src 'self' "
                "without 'unsafe-inline', object-src 'none'); keep the knowledge-base plugin "
                "in the plugins of mkdocs.yml (its security part runs last)",
            )
        )
    if page.policies.get("referrer") != security.REFERRER_POLICY:
        findings.append(
            _finding(
                ctx,
                page,
                1,
                [],  # the theme writes the policies: line 1 of the page's source
                "missing-referrer-policy",
                f'no <meta name="referrer" content="{security.REFERRER_POLICY}">: links would '
                "tell other sites which page the reader came from; keep "
                "the knowledge-base plugin in the plugins of mkdocs.yml (its security part runs last)",
            )
        )
    return findings


RULES: tuple[Callable[[Context, PageScan], list[Finding]], ...] = (
    broken_links,
    missing_anchors,
    leaked_markup,
    unsafe_content,
    unlisted_inline_code,
    unexpected_meta,
    foreign_assets,
    unsafe_new_tabs,
    missing_security_policy,
)


def check(ctx: Context) -> list[Finding]:
    findings: set[Finding] = set()
    for page in ctx.site.pages.values():
        for rule in RULES:
            findings.update(rule(ctx, page))
    return sorted(findings)
