"""A review packet: one page's claims, each with the passages that support it, for its clinical reviewer.

Usage: python -m pancreas_kb.tools.review_packet --page docs/clinicians/systemic-therapy.md [--out FILE] [--root DIR]

One HTML file per page written for patients or clinicians: first what the editors
could not verify (open questions), what changed since the last approval and the
checker's findings; then the claims, numbered and grouped under the page's own
headings, each as the reader sees it with its line, its sources (evidence type,
primary or secondary) and the passages bound to it (domain/passages.py); then the
sources, each with its passages that support nothing on the page. Its script
(assets/js/review-packet.js, beside it) lets the reviewer mark each claim and
export the review as Markdown; nothing leaves the browser. The build puts a
packet for each such page under about/review-packets/; this command also finds
the approved text in git history, to show what changed. Exit 0 written, 1 the
page cannot be read or needs no packet, 2 usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import difflib
import functools
import html
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown as md

from pancreas_kb.checker import evidence_rules, unsourced_figures
from pancreas_kb.checker import project_files as sources
from pancreas_kb.domain import (
    approval,
    audiences,
    bibliography,
    citations,
    evidence,
    figures,
    passages,
    review,
    schema,
    states,
)
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.frontmatter import read

# The theme's folder, whose assets a packet written outside the site is given.
THEME = Path(__file__).resolve().parents[3] / "overrides"
OUT_FOLDER = "review-packets"
# The packet's look and its marking script, shipped with the theme; a packet links them relatively.
ASSETS = ("assets/review-packet.css", "assets/js/review-packet.js")
READING_WORDS_PER_MINUTE = 200
CHECKLIST = (
    "Each figure matches its passage, and the passage its source (open the link).",
    "Each claim fits the population studied; nothing is missing or superseded.",
)
# No inline script or style: the packet runs only the project's own script, from beside it.
CSP = "default-src 'none'; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'none'"


@dataclass
class Inputs:
    """What a packet is made from, loaded once for all the pages of a build or a run."""

    library: bibliography.Library
    rules: evidence_rules.Inputs
    docs_dir: Path
    today: dt.date


def load(
    root: Path, today: dt.date, library: bibliography.Library | None = None, found: evidence.Evidence | None = None
) -> Inputs:
    """`library`, `found`: the bibliography and quotes when a build has read them already."""
    project = sources.load(root)
    library = library or sources.library(project)
    return Inputs(library, evidence_rules.load(project, library, today, found), project.docs_dir, today)


def wanted(meta: dict) -> bool:
    """Packets are for pages that give medical information: those for patients or clinicians."""
    return audiences.get(meta.get("audience")).clinical


def page_findings(path: str, text: str, inputs: Inputs) -> list[Finding]:
    """The findings `make check` gives this page's source, in line order, except its reading grade.

    The reading grade is an editor's matter, not a clinical one, and computing it
    costs more than the rest of the packet together (so the build leaves it out).
    """
    page, findings = read(path, text)
    if page is not None:
        findings += schema.validate(page, inputs.today, inputs.docs_dir)
        if page.meta.get("audience") == "clinician":
            findings += unsourced_figures.unsourced(path, page.body, page.body_line)
    found, problems = citations.scan(path, text)
    findings += problems + citations.unknown_keys(path, found, set(inputs.library.entries))
    findings += evidence_rules.page(path, text, inputs.rules)
    return sorted(findings)


def content_digest(path: str, text: str, sources: approval.Sources) -> str:
    """The digest an approval of this page binds: its text and all it pulls in (domain/approval.py)."""
    page, _ = read(path, text)
    found, _ = citations.scan(path, text)
    audience = str(page.meta.get("audience", "all")) if page is not None else "all"
    return approval.content_digest(approval.digest_inputs(text, [c.key for c in found], audience, sources))


def page_digest(text: str) -> str:
    """The digest of the page's own text alone, as an approval records it among its inputs."""
    return approval.input_digests({"page": approval.without_record(text).encode("utf-8")})["page"]


def _e(text) -> str:
    return html.escape(str(text), quote=True)


@functools.cache  # one reference is listed in the packet of every page citing it
def _reference_html(text: str) -> str:
    # The formatter escapes every Markdown and HTML character of the fields: they render as text.
    return re.sub(r"^<p>|</p>$", "", md.markdown(text).strip())


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_of(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())


def word_count(packet: str) -> int:
    """The words a reviewer reads in a packet (its text, not its markup, style or script)."""
    return len(text_of(packet).split())


@functools.cache
def _rendered(markdown_text: str) -> str:
    return text_of(md.markdown(markdown_text))


def rendered(sentence: str, numbers: dict[str, int]) -> str:
    """A sentence as the reader sees it, as plain text: no Markdown, citations as [n]."""
    text = figures.ITEM_RE.sub("", sentence, count=1)  # the list marker is not part of the claim
    text = figures.CITATION_BLOCK_RE.sub(
        lambda m: "[" + ", ".join(str(numbers.get(k, "?")) for k in figures.CITED_KEY_RE.findall(m.group(1))) + "]",
        " ".join(text.split()),
    )
    if figures.TABLE_RE.match(text):
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        return "; ".join(_rendered(c) for c in cells if c)
    return _rendered(text)


def _marked(text: str, shown: list[str]) -> str:
    """Escaped text with the figures to check marked."""
    escaped = _e(text)
    for figure in sorted(set(shown), key=len, reverse=True):
        escaped = re.sub(rf"(?<![\d.]){re.escape(_e(figure))}(?![\d])", f"<mark>{_e(figure)}</mark>", escaped)
    return escaped


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")


def headings(body: str, first_line: int) -> list[Heading]:
    result, in_fence = [], False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if figures.FENCE_RE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING_RE.match(line)
        if match:
            result.append(Heading(number, len(match.group(1)), _rendered(match.group(2))))
    return result


def sections(claims: list[passages.BoundClaim], body: str, first_line: int, title: str):
    """The claims grouped under the page's own headings (the opening, before any, under the title)."""
    marks = [h for h in headings(body, first_line) if h.level >= 2]
    groups: list[tuple[str, list[passages.BoundClaim]]] = []
    for bound in claims:
        above = [h for h in marks if h.line < bound.claim.sentence.line]
        name = above[-1].text if above else title
        if not groups or groups[-1][0] != name:
            groups.append((name, []))
        groups[-1][1].append(bound)
    return groups


def _approved_state(page, current: str, approved_body: str | None) -> tuple[str, str]:
    """What changed since the last approval, as (one sentence, an HTML diff or "")."""
    recorded = page.meta.get(approval.DIGEST_FIELD)
    when = page.meta.get("last_reviewed")
    if not recorded:
        return "No approval is recorded for this page: every claim is new to review.", ""
    if recorded == current:
        return f"None: this is the text approved on {_e(when or 'the recorded date')}.", ""
    if approved_body is None:
        return (
            "The text changed since it was approved. The packet attached to the pull request by the "
            "review workflow (or <code>make review-packet</code>) shows the changes; claims are not marked here.",
            "",
        )
    diff = difflib.unified_diff(approved_body.splitlines(), page.body.splitlines(), "approved", "now", lineterm="", n=1)
    rows = [
        f'<span class="{"add" if d.startswith("+") else "del" if d.startswith("-") else "ctx"}">{_e(d)}</span>'
        for d in list(diff)[2:]
    ]
    return (
        "The text changed since it was approved: the lines below, and the claims marked <strong>changed</strong>.",
        '<pre class="diff">' + "\n".join(rows) + "</pre>",
    )


def _normal(text: str) -> str:
    return " ".join(text.split())


def _seen(quote: evidence.Quote) -> str:
    """Where in the source, linked to the copy read (its date in the link's title: the words are for reading)."""
    return f'<a href="{_e(quote.seen_at)}" title="copy seen on {quote.seen_on.isoformat()}">{_e(quote.locator)}</a>'


def _passage_html(quote: evidence.Quote, number: int, source: int, figures_shown: list[str]) -> str:
    return (
        f'<blockquote class="passage" id="passage-{number}"><p>{_marked(quote.text, figures_shown)}</p>'
        f"<footer>P{number} [{source}] {_seen(quote)}</footer></blockquote>"
    )


def _kind(key: str, types: dict) -> str:
    """The evidence type; primary unless marked secondary (the packet says so once, at the top)."""
    kind = types.get(key)
    if kind is None:
        return "no evidence type"
    return f"{kind.label.lower()}{' (secondary)' if kind.secondary else ''}"


def _short_reference(entry: bibliography.Entry) -> str:
    """The reference with its first author only: the links and title identify the work."""
    names = bibliography._split_authors(entry.fields.get("author", ""))  # the formatter's own reading of names
    if len(names) > 1:
        entry = dataclasses.replace(entry, fields={**entry.fields, "author": f"{names[0]} and others"})
    return bibliography.vancouver(entry)


def render(path: str, text: str, inputs: Inputs, page_url: str = "", approved_body: str | None = None) -> str:
    """The packet for one page; raises ValueError when the page has no readable front matter.

    `approved_body`: the body of the approved text, when the caller found it (in git
    history); the packet then shows what changed since.
    """
    page, problems = read(path, text)
    if page is None:
        raise ValueError(problems[0].text())
    entries = inputs.library.entries
    store = inputs.rules.evidence
    types = inputs.rules.types
    found, _ = citations.scan(path, text)
    numbers = {key: n for n, key in enumerate(dict.fromkeys(c.key for c in found), start=1)}
    findings = page_findings(path, text, inputs)
    claims = passages.claims(page.body, page.body_line, store)
    title = str(page.meta.get("title", path))
    sources = approval.load_sources(inputs.docs_dir.parent, inputs.library)
    current = content_digest(path, text, sources)
    given = page.meta.get("review_status")
    status = states.STATES.get(given) if isinstance(given, str) else None
    changes, diff = _approved_state(page, current, approved_body)
    approved = _normal(approved_body) if approved_body is not None else None
    listed = page.meta.get("open_questions")  # a malformed value is a finding, reported with the others
    questions = [q for q in listed if isinstance(q, str)] if isinstance(listed, list) else []
    prefix = page_url.rsplit("#", 1)[0]

    body = []
    numbered: dict[tuple[str, str], int] = {}  # passage -> its number
    count = 0
    for name, group in sections(claims, page.body, page.body_line, title):
        body.append(f'<section class="group"><h3>{_e(name)}</h3>')
        for bound in group:
            count += 1
            claim = bound.claim
            shown = [n.shown for n in claim.figures]
            sentence = rendered(claim.sentence.text, numbers)
            changed = approved is not None and _normal(claim.sentence.text) not in approved
            where = f"line {claim.sentence.line}"
            if prefix:
                where = f'<a href="{_e(prefix)}">{where}</a>'
            body.append(
                f'<article class="claim{" changed" if changed else ""}" id="claim-{count}" data-claim="{count}" '
                f'data-line="{claim.sentence.line}">'
                f'<p class="where">{count}, {where}'
                + (", <strong>changed</strong>" if changed else "")
                + (
                    ', <span class="secondary">secondary sources only</span>'
                    if evidence.secondary_only(claim.keys, types)
                    else ""
                )
                + "</p>"
                f'<p class="claim-text">{_marked(sentence, shown)}</p>'
            )
            kinds: dict[str, list[str]] = {}  # sources of one type together: [8, 9, 10] guideline
            for key in claim.keys:
                kinds.setdefault(_kind(key, types), []).append(str(numbers.get(key, "?")))
            # One type: the sentence's own [n] say which sources; several: each type names its sources.
            sources_line = (
                _e(next(iter(kinds)))
                if len(kinds) == 1
                else "; ".join(f"[{', '.join(n)}] {_e(kind)}" for kind, n in kinds.items())
            )
            body.append(f'<p class="sources">{sources_line}</p>')
            if bound.unquoted:
                body.append(f'<p class="missing">Not found in a passage: {_e(", ".join(bound.unquoted))}</p>')
            if not bound.passages:
                body.append('<p class="none">No passage.</p>')
            earlier = []  # passages already shown in full at an earlier claim: linked, not repeated
            for quote in bound.passages:
                ident = (quote.key, quote.text)
                if ident in numbered:
                    earlier.append(numbered[ident])
                    continue
                numbered[ident] = len(numbered) + 1
                body.append(_passage_html(quote, len(numbered), numbers.get(quote.key, 0), shown))
            if earlier:
                links = ", ".join(f'<a href="#passage-{n}">P{n}</a>' for n in earlier)
                body.append(f'<p class="again">See {links}</p>')
            body.append("</article>")
        body.append("</section>")

    words_estimate = "{words}"  # filled in once the packet is complete
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="robots" content="noindex">',
        f"<title>Review packet: {_e(title)}</title>",
        '<link rel="stylesheet" href="{assets}assets/review-packet.css">',
        '<script src="{assets}assets/js/review-packet.js" defer></script>',
        "</head><body>",
        f'<main id="packet" data-page="{_e(path)}" data-title="{_e(title)}" data-digest="{_e(current)}" '
        f'data-prepared="{inputs.today.isoformat()}">',
        f"<h1>Review packet: {_e(title)}</h1>",
        '<dl class="facts">',
        f"<dt>Page</dt><dd><code>{_e(path)}</code>"
        + (f' (<a href="{_e(prefix)}">published page</a>)' if prefix else "")
        + "</dd>",
        f"<dt>Written for</dt><dd>{_e(audiences.get(page.meta.get('audience')).label)}</dd>",
        f"<dt>Review status</dt><dd>{_e(status.label if status else given)}</dd>",
        f"<dt>Content digest</dt><dd><code>{current}</code></dd>",
        f"<dt>Prepared</dt><dd>{inputs.today.isoformat()}</dd>",
        f"<dt>Reading time</dt><dd>{words_estimate}</dd>",
        "</dl>",
        '<section id="how"><h2>How to review</h2>',
        "<p>Mark each claim <em>agree</em> or <em>needs change</em>, export your review at the end into "
        "the pull request's review on GitHub, and approve there if you agree with every claim. Sources are "
        "primary unless marked secondary; P1, P2 ... number the passages, each shown in full once.</p>",
        '<ul class="checklist">',
        *(f"<li>{_e(item)}</li>" for item in CHECKLIST),
        "</ul></section>",
        f'<section id="open-questions"><h2>Open questions from the editors ({len(questions)})</h2>',
    ]
    out += ["<ol>", *(f"<li>{_e(q)}</li>" for q in questions), "</ol>"] if questions else ["<p>None recorded.</p>"]
    out += ["</section>", '<section id="changes"><h2>Changes since the last approval</h2>', f"<p>{changes}</p>"]
    out += [diff, "</section>"] if diff else ["</section>"]
    out.append(f'<section id="findings"><h2>Checker findings ({len(findings)})</h2>')
    if findings:
        out.append("<ul>")
        out += [
            f'<li class="{_e(f.severity)}">line {f.line}: {_e(f.rule)}'
            f"{' (warning)' if f.severity != 'error' else ''}: {_e(f.message)}</li>"
            for f in findings
        ]
        out.append("</ul>")
    else:
        out.append("<p>None: every check passes on this page.</p>")
    out.append("</section>")
    unquoted = sum(bool(b.unquoted) for b in claims)
    out.append(f'<section id="claims"><h2>Claims ({len(claims)}; {unquoted} with figures not found in a passage)</h2>')
    out += body or ["<p>No cited sentences.</p>"]
    out.append("</section>")

    rest = passages.unbound(claims, store)
    out.append(f'<section id="sources"><h2>Sources ({len(numbers)}), with their passages bound to no claim</h2><ol>')
    for key, number in numbers.items():
        entry = entries.get(key)
        reference = (
            _reference_html(_short_reference(entry)) if entry else f"<code>{_e(key)}</code> is not in references.bib"
        )
        out.append(
            f'<li id="source-{_e(key)}" value="{number}">{reference} <span class="type">{_e(_kind(key, types))}</span>'
        )
        if rest.get(key):
            out += [
                f'<blockquote class="passage"><p>{_e(q.text)}</p><footer>{_seen(q)}</footer></blockquote>'
                for q in rest[key]
            ]
        elif not store.of(key):
            out.append('<p class="none">No passages recorded for this source.</p>')
        out.append("</li>")
    out += [
        "</ol></section>",
        '<section id="export" hidden><h2>Your review</h2>',
        '<p id="export-summary"></p>',
        '<p><label for="export-interests">Interests you declare for this page (or "none"):</label> '
        '<input id="export-interests" type="text" size="40"></p>',
        '<p><button type="button" id="export-copy">Copy the review</button> '
        '<button type="button" id="export-download">Download it (.md)</button></p>',
        '<label for="export-text">The review, as Markdown to paste into the pull request review:</label>',
        '<textarea id="export-text" readonly rows="12"></textarea>',
        '<p id="export-status" role="status"></p>',
        "</section>",
        "</main></body></html>",
        "",
    ]
    packet = "\n".join(out)
    estimate = "about {minutes} minutes ({words:,} words at " + f"{READING_WORDS_PER_MINUTE} a minute)"
    # The estimate counts itself: its own words replace the one word of the placeholder.
    words = word_count(packet) - 1 + len(estimate.format(minutes=1, words=1).split())
    minutes = max(1, round(words / READING_WORDS_PER_MINUTE))
    return packet.replace(words_estimate, estimate.format(minutes=minutes, words=words), 1)


def with_assets(packet: str, prefix: str) -> str:
    """The packet linking its style and script at `prefix` (relative to the packet, ending in /)."""
    return packet.replace('href="{assets}', f'href="{prefix}').replace('src="{assets}', f'src="{prefix}')


def approved_body(root: Path, path: str, recorded: str) -> str | None:
    """The page body whose own text's digest is `recorded` (the approval's "page" input), from the
    page's git history; None if not found."""
    try:
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%H", "--", path], capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    for commit in log:
        shown = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{path}"], capture_output=True, text=True)
        if shown.returncode:
            continue
        page, _ = read(path, shown.stdout)
        if page is not None and page_digest(shown.stdout) == recorded:
            return page.body
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make review-packet", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--page", required=True, help="the page, e.g. docs/clinicians/systemic-therapy.md")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"the file to write (default: {OUT_FOLDER}/ and the page's path under docs/)",
    )
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if not (args.root / "mkdocs.yml").is_file():
        print(f"error: {args.root} has no mkdocs.yml; run from the project folder", file=sys.stderr)
        return 2
    inputs = load(args.root, review.today())
    page_file = args.root / args.page
    try:
        text = page_file.read_text(encoding="utf-8")
        docs_relative = page_file.resolve().relative_to(inputs.docs_dir.resolve()).as_posix()
        page, problems = read(args.page, text)
        if page is None:
            raise ValueError(problems[0].text())
        if not wanted(page.meta):
            raise ValueError("its audience is not patient or clinician, so it gives no medical information to review")
        recorded = page.meta.get(approval.INPUTS_FIELD)
        approved_page = recorded.get("page") if isinstance(recorded, dict) else None
        earlier = (
            approved_body(args.root, args.page, approved_page)
            if approved_page and approved_page != page_digest(text)
            else None
        )
        packet = render(args.page, text, inputs, approved_body=earlier)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(
            f"error: cannot make a packet for {args.page}: {exc}; give a page under docs/ written for patients "
            "or clinicians, e.g. PAGE=docs/clinicians/systemic-therapy.md",
            file=sys.stderr,
        )
        return 1
    out = args.out or args.root / OUT_FOLDER / PurePosixPath(docs_relative).with_suffix(".html")
    out.parent.mkdir(parents=True, exist_ok=True)
    for asset in ASSETS:
        target = out.parent / asset
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(THEME / asset, target)
    out.write_text(with_assets(packet, ""), encoding="utf-8")
    claims = packet.count('<article class="claim')
    print(f"{out}: review packet for {args.page} ({claims} claims, {word_count(packet):,} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
