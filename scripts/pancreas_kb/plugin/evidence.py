"""What each source gives the reader: its evidence type and the passages that support this page.

In the Markdown, before the citations become footnotes: a claim resting only on
news, abstracts or "other" sources gets a visible "secondary source" mark, and a
guideline's grade in brackets is marked as a grade. In the HTML: each reference
item gets `data-evidence`, the type in plain words and the passages bound to the
page's claims (domain/passages.py), each numbered by `data-passage`; each citation
gets `data-passages`, the ones bound to its own sentence, which its tooltip shows.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from pancreas_kb.domain import citations, evidence, figures, grades, passages, review
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state, order

log = logging.getLogger("mkdocs.plugins.knowledge_base.evidence")


def on_pre_build(config):
    library = build_state.current.library
    if library is None:
        return  # a site without a bibliography has no evidence to show
    root = Path(config.config_file_path).parent
    today, known = review.today(), frozenset(library.entries)
    found = build_state.kept(
        "evidence",
        (build_state.folder_state(root / evidence.EVIDENCE_DIR), known, today),
        lambda: evidence.load(root, set(known), today),
    )
    for finding in found.findings:
        if finding.severity == "error":
            log.error(finding.text())
    build_state.current.evidence = found
    build_state.current.evidence_types = {key: evidence.evidence_type(e.fields) for key, e in library.entries.items()}


def on_serve(server, config, builder):
    # A saved quote file rebuilds the preview, like a saved page.
    folder = Path(config.config_file_path).parent / evidence.EVIDENCE_DIR
    if folder.is_dir():
        server.watch(str(folder))
    return server


def _line_starts(markdown: str) -> list[int]:
    starts, offset = [], 0
    for line in markdown.split("\n"):
        starts.append(offset)
        offset += len(line) + 1
    return starts


def _offset(unit: figures.Unit, starts: list[int], position: int, source: str) -> int:
    """A position in the unit's text as a position in the page's Markdown."""
    before = source[:position]
    row = before.count("\n")
    column = position - (before.rfind("\n") + 1)
    return starts[unit.lines[row][0] - 1] + column


def marked(markdown: str, types: dict) -> str:
    """The Markdown with secondary-source marks after claims and grades marked as grades."""
    starts = _line_starts(markdown)
    edits: list[tuple[int, int, str]] = []
    for unit in figures.units(markdown, 1):
        source = "\n".join(text for _, text in unit.lines)
        for sentence in figures.sentences(unit):
            lead = len(source[sentence.start : sentence.end]) - len(source[sentence.start : sentence.end].lstrip())
            base = sentence.start + lead
            if evidence.secondary_only(sentence.keys, types):
                last = list(citations.BLOCK_RE.finditer(sentence.text))[-1]
                at = _offset(unit, starts, base + last.end(), source)
                # Units blank out inline comments, which shifts columns: edit only where the text is as found.
                if markdown[at - len(last.group(0)) : at] == last.group(0):
                    edits.append((at, at, f' <span class="kb-secondary">{evidence.SECONDARY_MARK}</span>'))
            for grade in grades.find(sentence.text):
                start = _offset(unit, starts, base + grade.start, source)
                end = _offset(unit, starts, base + grade.end, source)
                if markdown[start:end] == f"({grade.text})":  # on one line, and as found
                    edits.append((start, end, grades.html(grade)))
    for start, end, text in sorted(edits, reverse=True):
        markdown = markdown[:start] + text + markdown[end:]
    return markdown


@event_priority(order.EVIDENCE)
def on_page_markdown(markdown, page, config, files):
    found = build_state.current.evidence
    if found is None:
        return markdown  # no bibliography, so no sources to show evidence for
    # Text a part generated (What's new) is not the page's own: its claims are read here.
    record = page.meta.get(META_KEY)
    own = record is not None and record.is_own_text(markdown)
    page_claims = record.claims if own else evidence.claims(markdown, 1)
    view = passages.reader_view(page_claims, found)
    page.meta["evidence_quotes"] = view.shown
    page.meta["evidence_citations"] = view.citations
    return marked(markdown, build_state.current.evidence_types)


_ITEM_RE = re.compile(r'<li id="fn:([^"]+)">(.*?)</li>', re.S)


def _date(value) -> str:
    return value.strftime(build_state.current.strings["date_format"])


def reference_extra(quotes: list[evidence.Quote], kind: evidence.EvidenceType | None) -> str:
    parts = []
    if kind is not None:
        parts.append(f'<p class="kb-evidence-type">{html.escape(kind.label)}</p>')
    for number, quote in enumerate(quotes):
        parts.append(
            f'<blockquote class="kb-quote" data-passage="{number}">'
            f"<p>{html.escape(quote.text)}</p>"
            f'<footer>{html.escape(quote.locator)}; <a href="{html.escape(quote.seen_at)}">copy seen</a> on '
            f'<time datetime="{quote.seen_on.isoformat()}">{_date(quote.seen_on)}</time></footer>'
            "</blockquote>"
        )
    return "".join(parts)


_REF_RE = re.compile(r'<sup id="fnref\d*:([^"]+)">')


def bound_citations(html_text: str, citations: list[tuple[str, tuple[int, ...] | None]]) -> str:
    """Each citation with `data-passages`, the passages bound to its sentence.

    The footnote references appear in the HTML in the order of the citations in the
    Markdown; when the two sequences of keys differ (a citation outside the text the
    claims are read from), nothing is marked and every tooltip shows all the passages.
    """
    found = list(_REF_RE.finditer(html_text))
    if [m.group(1) for m in found] != [key for key, _ in citations]:
        return html_text
    out, cursor = [], 0
    for index, match in enumerate(found):  # the same length as citations, checked above
        bound = citations[index][1]
        out.append(html_text[cursor : match.end() - 1])
        out.append(">" if bound is None else f' data-passages="{" ".join(map(str, bound))}">')
        cursor = match.end()
    return "".join(out) + html_text[cursor:]


def on_page_content(html_text, page, config, files):
    quotes = page.meta.get("evidence_quotes") or {}
    types = build_state.current.evidence_types
    html_text = bound_citations(html_text, page.meta.get("evidence_citations") or [])

    def item(match):
        key = match.group(1)  # both citation engines use the key as the footnote's id
        if key not in types:
            return match.group(0)
        kind = types.get(key)
        attribute = f' data-evidence="{kind.id}"' if kind else ""
        return (
            f'<li id="fn:{match.group(1)}"{attribute}>{match.group(2)}{reference_extra(quotes.get(key, []), kind)}</li>'
        )

    return _ITEM_RE.sub(item, html_text)
