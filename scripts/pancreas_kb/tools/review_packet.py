"""A review packet: one page's claims, each with the quotes and sources that support it, on paper.

Usage: python -m pancreas_kb.tools.review_packet --page docs/clinicians/systemic-therapy.md [--out FILE] [--root DIR]

One self-contained HTML file (its style inline, no scripts, nothing fetched from
anywhere) that prints well: the reviewer's checklist, the page's open findings,
the evidence types of its sources, every cited sentence with its figures and the
passages that state them, and the full list of sources with links to check them.
The build puts the same packet for every page under about/review-packets/, where
the review dashboard links to it. Exit 0 written, 1 the page cannot be read, 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import markdown as md

from pancreas_kb.checker import evidence_rules, project_files, unsourced_figures
from pancreas_kb.domain import approval, audiences, bibliography, citations, evidence, figures, review, schema, states
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.frontmatter import read

OUT_FOLDER = "review-packets"
CHECKLIST = (
    "Every figure on the page matches the quoted passage, and the passage matches the source itself "
    "(open the link; the quote is where to look, not a substitute for looking).",
    "Each claim is stated for the population the source studied (line of therapy, performance status, "
    "metastatic versus locally advanced disease).",
    "Derived figures: the arithmetic shown is right and the inputs are comparable.",
    'Claims marked "secondary source" (news, abstracts, other) are worded as such, or replaced by a primary source.',
    "Grades shown beside recommendations are the guideline's own grades.",
    "Nothing important is missing, out of date or superseded by a newer trial or guideline edition.",
    "Patient pages: the plain-language wording is still accurate.",
    "Every open finding below is resolved or explained in the pull request.",
    'If all is well: run make approve PAGE=… REVIEWER="Your name" and approve the pull request on GitHub.',
)
STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 52rem; padding: 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; }
.facts dt { font-weight: 700; } .facts dd { margin: 0; }
code { font-size: 0.9em; overflow-wrap: anywhere; }
.checklist li { list-style: "\\2610  "; }
.claim { border-left: 4px solid #999; padding: 0.2rem 0.8rem; margin: 1rem 0; break-inside: avoid; }
.claim.quoted { border-left-color: #1a7f37; } .claim.unquoted { border-left-color: #b3261e; }
.where { font-size: 0.85em; color: #454545; margin: 0; }
.missing { color: #b3261e; font-weight: 700; }
mark { background: #fff3cd; }
blockquote { margin: 0.4rem 0 0.4rem 1rem; padding-left: 0.6rem; border-left: 2px solid #999; }
blockquote footer { font-size: 0.85em; color: #454545; }
.type { font-weight: 700; }
.secondary { background: #fff3cd; padding: 0 0.3em; font-weight: 700; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; }
.error { color: #b3261e; } .warning { color: #6b4d00; }
@media print { body { max-width: none; font-size: 11pt; } a { color: inherit; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.8em; overflow-wrap: anywhere; } }
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'"


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
    project = project_files.load(root)
    library = library or project_files.library(project)
    return Inputs(library, evidence_rules.load(project, library, today, found), project.docs_dir, today)


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


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _reference_html(entry: bibliography.Entry) -> str:
    return _inline_html(bibliography.vancouver(entry))


@functools.cache  # one reference is listed in the packet of every page citing it
def _inline_html(text: str) -> str:
    return re.sub(r"^<p>|</p>$", "", md.markdown(text).strip())


def _claim_text(text: str, numbers: dict[str, int], figures_shown: list[str]) -> str:
    """The sentence as plain text: citations as [n], the figures to check marked."""
    text = figures.ITEM_RE.sub("", text, count=1)  # the list marker is not part of the claim
    plain = figures.CITATION_BLOCK_RE.sub(
        lambda m: "[" + ", ".join(str(numbers.get(k, "?")) for k in figures.CITED_KEY_RE.findall(m.group(1))) + "]",
        " ".join(text.split()),
    )
    escaped = _e(plain)
    for shown in sorted(set(figures_shown), key=len, reverse=True):
        escaped = re.sub(rf"(?<![\d.]){re.escape(shown)}(?![\d])", f"<mark>{shown}</mark>", escaped)
    return escaped


def _quote_html(quote: evidence.Quote) -> str:
    return (
        f"<blockquote><p>{_e(quote.text)}</p><footer>{_e(quote.locator)}; "
        f'<a href="{_e(quote.seen_at)}">copy seen</a> on {quote.seen_on.isoformat()}</footer></blockquote>'
    )


def render(path: str, text: str, inputs: Inputs, page_url: str = "") -> str:
    """The packet for one page; raises ValueError when the page has no readable front matter."""
    page, problems = read(path, text)
    if page is None:
        raise ValueError(problems[0].text())
    entries = inputs.library.entries
    store = inputs.rules.evidence
    types = inputs.rules.types
    found, _ = citations.scan(path, text)
    numbers = {key: n for n, key in enumerate(dict.fromkeys(c.key for c in found), start=1)}
    findings = page_findings(path, text, inputs)
    claims = [c for c in evidence.claims(page.body, page.body_line) if c.keys]
    title = str(page.meta.get("title", path))
    current = approval.digest(page.body)
    recorded = page.meta.get(approval.DIGEST_FIELD)
    binding = (
        "no approval recorded"
        if not recorded
        else "matches the approved text"
        if recorded == current
        else "differs: the text changed since approval"
    )
    given = page.meta.get("review_status")
    status = states.STATES.get(given) if isinstance(given, str) else None
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="robots" content="noindex">',
        f"<title>Review packet: {_e(title)}</title><style>{STYLE}</style></head><body><main>",
        f"<h1>Review packet: {_e(title)}</h1>",
        '<dl class="facts">',
        f"<dt>Page</dt><dd><code>{_e(path)}</code>"
        + (f' (<a href="{_e(page_url)}">published page</a>)' if page_url else "")
        + "</dd>",
        f"<dt>Written for</dt><dd>{_e(audiences.get(page.meta.get('audience')).label)}</dd>",
        f"<dt>Review status</dt><dd>{_e(status.label if status else page.meta.get('review_status'))}</dd>",
        f"<dt>Text digest</dt><dd><code>{current}</code> ({binding})</dd>",
        f"<dt>Prepared</dt><dd>{inputs.today.isoformat()}</dd>",
        "</dl>",
    ]

    out += ['<section id="checklist"><h2>Reviewer checklist</h2><ul class="checklist">']
    out += [f"<li>{_e(item)}</li>" for item in CHECKLIST]
    out += ["</ul></section>"]

    out.append(f'<section id="findings"><h2>Open findings ({len(findings)})</h2>')
    if findings:
        out.append("<ul>")
        out += [
            f'<li class="{f.severity}"><code>{_e(f.path)}:{f.line}</code> {_e(f.rule)}'
            f"{' (warning)' if f.severity != 'error' else ''}: {_e(f.message)}</li>"
            for f in findings
        ]
        out.append("</ul>")
    else:
        out.append("<p>None: every check passes on this page.</p>")
    out.append("</section>")

    kinds = Counter((types.get(k).label if types.get(k) else "No evidence type") for k in numbers)
    out += ['<section id="evidence-types"><h2>Evidence types</h2><table><tr><th>Type</th><th>Sources</th></tr>']
    out += [f"<tr><td>{_e(label)}</td><td>{count}</td></tr>" for label, count in sorted(kinds.items())]
    out += ["</table></section>"]

    unquoted = 0
    body = []
    for claim in claims:
        have = {v for k in claim.keys for q in store.of(k) for v in q.values}
        missing = [n.shown for n in claim.figures if n.value not in have]
        unquoted += bool(missing)
        secondary = evidence.secondary_only(claim.keys, types)
        cited = ", ".join(f"[{numbers.get(k, '?')}]" for k in claim.keys)
        state = "unquoted" if missing else "quoted" if claim.figures else "wording"
        body.append(f'<div class="claim {state}">')
        body.append(
            f'<p class="where">Line {claim.sentence.line} · sources {cited}'
            + (' · <span class="secondary">secondary source</span>' if secondary else "")
            + "</p>"
        )
        body.append(f"<p>{_claim_text(claim.sentence.text, numbers, [n.shown for n in claim.figures])}</p>")
        if missing:
            body.append(f'<p class="missing">Not found in a quote: {_e(", ".join(dict.fromkeys(missing)))}</p>')
        for result, expression in claim.derived:
            body.append(f"<p>Derived: {_e(result.shown)} = {_e(expression)}</p>")
        wanted = {n.value for n in claim.figures}
        for key in claim.keys:
            kind = types.get(key)
            quotes = [q for q in store.of(key) if (q.values & wanted) or (not wanted and not figures.numbers(q.text))]
            body.append(
                f'<p>[{numbers.get(key, "?")}] <span class="type">{_e(kind.label if kind else "No evidence type")}'
                f"</span>{'' if quotes else ' · no supporting quote recorded'}</p>"
            )
            body += [_quote_html(q) for q in quotes]
        body.append("</div>")
    out.append(f'<section id="claims"><h2>Claims ({len(claims)}; {unquoted} with figures not found in a quote)</h2>')
    out += body or ["<p>No cited sentences.</p>"]
    out.append("</section>")

    out += [f'<section id="sources"><h2>Sources ({len(numbers)})</h2><ol>']
    for key, number in numbers.items():
        entry = entries.get(key)
        kind = types.get(key)
        reference = _reference_html(entry) if entry else f"<code>{_e(key)}</code> is not in references.bib"
        quotes = store.of(key)
        out.append(
            f'<li id="source-{_e(key)}" value="{number}">{reference} <span class="type">'
            f"{_e(kind.label if kind else 'No evidence type')}</span> <code>{_e(key)}</code>"
        )
        out += [_quote_html(q) for q in quotes] or ["<p>No quotes recorded for this source.</p>"]
        out.append("</li>")
    out += ["</ol></section>", "</main></body></html>", ""]
    return "\n".join(out)


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
        packet = render(args.page, text, inputs)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(
            f"error: cannot make a packet for {args.page}: {exc}; give a page under docs/, "
            "e.g. PAGE=docs/clinicians/systemic-therapy.md",
            file=sys.stderr,
        )
        return 1
    out = args.out or args.root / OUT_FOLDER / PurePosixPath(docs_relative).with_suffix(".html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(packet, encoding="utf-8")
    print(f"{out}: review packet for {args.page} ({sum(1 for _ in re.finditer('class=.claim', packet))} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
