"""The evidence behind each source: what kind of work it is, and the passages it gives.

Evidence types live in the bibliography (`evidence = {randomised-trial}`); quotes
live in `evidence/KEY.yml`, one file per references.bib key:

    seen_at: https://pubmed.ncbi.nlm.nih.gov/12345678/   # the stored copy read
    seen_on: 2026-11-30
    quotes:
      - text: >-
          Median overall survival was 11.1 months ...
        locator: Abstract, Findings
        seen_at: https://...    # optional, overrides the file's (so may seen_on)

The build shows the quotes and types in each page's reference list; the checker
holds every figure of a cited sentence to the quotes of that sentence's sources.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from . import audiences, figures, yamlfile
from .findings import ERROR, WARNING, Finding


@dataclass(frozen=True)
class EvidenceType:
    id: str
    label: str  # shown to readers in the reference list
    secondary: bool  # a claim resting only on such sources is marked "secondary source"


EVIDENCE_TYPES: dict[str, EvidenceType] = {
    t.id: t
    for t in (
        EvidenceType("randomised-trial", "Randomised trial", False),
        EvidenceType("meta-analysis", "Meta-analysis", False),
        EvidenceType("guideline", "Guideline", False),
        EvidenceType("consensus", "Consensus statement", False),
        EvidenceType("cohort", "Cohort study", False),
        EvidenceType("case-series", "Case series", False),
        EvidenceType("case-report", "Case report", False),
        EvidenceType("diagnostic-accuracy", "Diagnostic accuracy study", False),
        EvidenceType("review", "Review article", False),
        EvidenceType("official", "Official statistics or statement", False),
        EvidenceType("patient-information", "Patient information", False),
        EvidenceType("news", "News report", True),
        EvidenceType("abstract", "Conference abstract", True),
        EvidenceType("other", "Other source", True),
    )
}
SECONDARY_MARK = "secondary source"
EVIDENCE_DIR = "evidence"
QUOTE_FIELDS = ("text", "locator", "seen_at", "seen_on")
FILE_FIELDS = ("seen_at", "seen_on", "quotes")
# Fair quotation: one or two sentences, not a page.
QUOTE_MAX_CHARS = 600
URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


@dataclass(frozen=True)
class Quote:
    key: str
    text: str
    locator: str
    seen_at: str
    seen_on: dt.date
    path: str
    line: int

    @functools.cached_property  # compared with every figure of every sentence citing the source
    def values(self) -> frozenset[Decimal]:
        return figures.values(self.text)

    @functools.cached_property
    def states_figures(self) -> bool:
        """Whether the quote states a figure; one that does not supports wording wherever its source is cited."""
        return bool(figures.numbers(self.text))


@dataclass
class Evidence:
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def of(self, key: str) -> list[Quote]:
        return self.quotes.get(key, [])


def evidence_type(fields: dict[str, str]) -> EvidenceType | None:
    return EVIDENCE_TYPES.get(fields.get("evidence", "").strip())


# --- bibliography rule -------------------------------------------------------------


def entry_types(library) -> list[Finding]:
    """Every entry says what kind of evidence it is, from the one vocabulary."""
    findings = []
    allowed = ", ".join(EVIDENCE_TYPES)
    for entry in library.entries.values():
        value = entry.fields.get("evidence", "").strip()
        if value in EVIDENCE_TYPES:
            continue
        line = entry.field_lines.get("evidence", entry.line)
        what = f"evidence '{value}' is not a known type" if value else "has no 'evidence' field"
        findings.append(
            Finding(
                library.path,
                line,
                "bib-evidence-type",
                f"{entry.key}: {what}; add evidence = {{TYPE}} with one of: {allowed}",
            )
        )
    return findings


# --- reading evidence files --------------------------------------------------------


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def parse_file(
    path: str, key: str, text: str, known_keys: set[str], today: dt.date
) -> tuple[list[Quote], list[Finding]]:
    """The quotes of one evidence file, and a finding for everything wrong with it."""

    def bad(line: int, rule: str, message: str, severity: str = ERROR) -> Finding:
        return Finding(path, line, rule, message, severity)

    findings: list[Finding] = []
    if key not in known_keys:
        findings.append(
            bad(
                1,
                "evidence-unknown-key",
                f"'{key}' is not a key in references.bib; name the file after the entry's key "
                "(keys are case-sensitive), or add the entry",
            )
        )
    try:
        node, data = yamlfile.compose(text)
    except yaml.YAMLError as exc:
        return [], [
            *findings,
            yamlfile.error_finding(
                path,
                exc,
                "evidence-yaml",
                "check indentation, quoting and colons (write a quote as 'text: >-' and the passage indented below)",
            ),
        ]
    if not isinstance(data, dict):
        return [], [
            *findings,
            bad(
                1,
                "evidence-shape",
                "an evidence file is a mapping with seen_at, seen_on and quotes; "
                "see CONTRIBUTING.md, section 'Quote the sources'",
            ),
        ]
    top = yamlfile.mapping_lines(node)
    for name in data:
        if name not in FILE_FIELDS:
            findings.append(
                bad(
                    top[name][0],
                    "evidence-unknown-field",
                    f"'{name}' is not an evidence-file field (allowed: {', '.join(FILE_FIELDS)})",
                )
            )
    raw_quotes = data.get("quotes")
    if not isinstance(raw_quotes, list) or not raw_quotes:
        return [], [
            *findings,
            bad(
                top.get("quotes", (1, None))[0],
                "evidence-required",
                "quotes: a list of at least one quote (text, locator) is needed; "
                "a source with no passage seen gets no evidence file",
            ),
        ]
    quotes_node = top["quotes"][1]
    quotes = []
    for index, (raw, item_node) in enumerate(zip(raw_quotes, quotes_node.value, strict=False), start=1):
        line = item_node.start_mark.line + 1
        if not isinstance(raw, dict):
            findings.append(bad(line, "evidence-shape", f"quote {index}: must be a mapping with text and locator"))
            continue
        fields = yamlfile.mapping_lines(item_node)
        for name in raw:
            if name not in QUOTE_FIELDS:
                findings.append(
                    bad(
                        fields[name][0],
                        "evidence-unknown-field",
                        f"quote {index}: '{name}' is not a quote field (allowed: {', '.join(QUOTE_FIELDS)})",
                    )
                )
        merged = {k: raw.get(k, data.get(k)) for k in QUOTE_FIELDS}
        at = {k: fields.get(k, top.get(k, (line, None)))[0] for k in QUOTE_FIELDS}
        problems = []
        for name in QUOTE_FIELDS:
            value = merged[name]
            if value is None or (isinstance(value, str) and not value.strip()):
                where = "the quote or the file" if name in ("seen_at", "seen_on") else "the quote"
                problems.append(
                    bad(line, "evidence-required", f"quote {index}: '{name}' is missing; add it to {where}")
                )
            elif name in ("text", "locator", "seen_at") and not isinstance(value, str):
                problems.append(bad(at[name], "evidence-shape", f"quote {index}: '{name}' must be text"))
        if (
            isinstance(merged["seen_at"], str)
            and merged["seen_at"].strip()
            and not URL_RE.match(merged["seen_at"].strip())
        ):
            problems.append(
                bad(
                    at["seen_at"],
                    "evidence-url",
                    f"quote {index}: seen_at '{merged['seen_at']}' is not a web address; give the "
                    "https:// address of the copy that was read",
                )
            )
        seen_on = _date(merged["seen_on"])
        if merged["seen_on"] is not None and seen_on is None:
            problems.append(
                bad(
                    at["seen_on"],
                    "evidence-date",
                    f"quote {index}: seen_on '{merged['seen_on']}' is not a date; write YYYY-MM-DD",
                )
            )
        elif seen_on is not None and seen_on > today:
            problems.append(
                bad(
                    at["seen_on"],
                    "evidence-date",
                    f"quote {index}: seen_on {seen_on} is in the future; give the day the copy was read",
                )
            )
        text_value = merged["text"]
        if isinstance(text_value, str) and len(text_value) > QUOTE_MAX_CHARS:
            problems.append(
                bad(
                    at["text"],
                    "evidence-quote-long",
                    f"quote {index}: {len(text_value)} characters; quote one or two sentences "
                    f"(at most {QUOTE_MAX_CHARS} characters), the ones that state the claim",
                    WARNING,
                )
            )
        findings += problems
        if any(p.severity == ERROR for p in problems):
            continue
        quotes.append(
            Quote(
                key,
                " ".join(text_value.split()),
                " ".join(merged["locator"].split()),
                merged["seen_at"].strip(),
                seen_on,
                path,
                line,
            )
        )
    return quotes, findings


def load(root: Path, known_keys: set[str], today: dt.date) -> Evidence:
    """Every evidence file under ROOT/evidence, read and validated."""
    evidence = Evidence()
    folder = root / EVIDENCE_DIR
    if not folder.is_dir():
        return evidence
    for path in sorted(folder.iterdir()):
        shown = f"{EVIDENCE_DIR}/{path.name}"
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix != ".yml":
            evidence.findings.append(
                Finding(
                    shown,
                    1,
                    "evidence-file-name",
                    "evidence files are named KEY.yml after their references.bib key; rename or remove this file",
                )
            )
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            evidence.findings.append(Finding(shown, 1, "evidence-yaml", f"cannot be read as UTF-8 text: {exc}"))
            continue
        quotes, findings = parse_file(shown, path.stem, text, known_keys, today)
        evidence.findings += findings
        if quotes:
            evidence.quotes[path.stem] = quotes
    return evidence


# --- derived figures ---------------------------------------------------------------

DERIVED_RE = re.compile(r"\(derived:\s*([^()]*(?:\([^()]*\)[^()]*)*)\)", re.I)
# Conversion constants an expression may use without a quote: per cent, months in a year.
CONSTANTS = {Decimal(100), Decimal(12)}
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(expression: str) -> Decimal | None:
    """The value of `11.1 − 9.2`, `(a + b) / 2`, `3 × 4`; None when it is not plain arithmetic."""
    text = figures.normalise(expression).replace("×", "*").replace("÷", "/").replace("%", "")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return None

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return Decimal(str(node.value))
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            left, right = walk(node.left), walk(node.right)
            if left is None or right is None or (isinstance(node.op, ast.Div) and right == 0):
                return None
            return _OPS[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = walk(node.operand)
            return None if inner is None else -inner
        return None

    return walk(tree)


# --- the figure rule ---------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """A sentence of a page with the sources it rests on and the figures it states."""

    sentence: figures.Sentence
    keys: tuple[str, ...]
    figures: tuple[figures.Number, ...]  # to be found in quotes
    derived: tuple[tuple[figures.Number, str], ...]  # a stated result and its expression


def stated(text: str) -> tuple[list[figures.Number], list[tuple[figures.Number, str]]]:
    """The figures a sentence states, and each derived result with the expression it shows.

    In "a gain of 4.3 months (derived: 11.1 − 6.8)" the result 4.3 is checked by
    arithmetic, and 11.1 and 6.8 are held to the quotes like any other figure.
    """
    own: list[figures.Number] = []
    derived: list[tuple[figures.Number, str]] = []
    cursor = 0
    for match in DERIVED_RE.finditer(text):
        before = figures.numbers(text[cursor : match.start()])
        if before:
            own += before[:-1]
            derived.append((before[-1], match.group(1)))
        own += [n for n in figures.numbers(match.group(1)) if n.value not in CONSTANTS]
        cursor = match.end()
    return own + figures.numbers(text[cursor:]), derived


def claims(body: str, first_line: int) -> list[Claim]:
    result = []
    for unit in figures.units(body, first_line):
        for sentence, keys in figures.sources_of(figures.sentences(unit)):
            own, derived = stated(figures.prose(" ".join(sentence.text.split())))
            result.append(Claim(sentence, keys, tuple(own), tuple(derived)))
    return result


def _round_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places))


def figure_findings(path: str, page_claims: Iterable[Claim], audience: str, evidence: Evidence) -> list[Finding]:
    """figure-not-quoted: an error on clinician pages, a warning on patient pages, nothing elsewhere."""
    severity = audiences.get(audience).source_severity
    if severity is None:
        return []
    findings = []
    for claim in page_claims:
        if not claim.keys:
            continue  # an uncited figure is unsourced-figure's to report
        for result, expression in claim.derived:
            value = evaluate(expression)
            if value is None:
                findings.append(
                    Finding(
                        path,
                        claim.sentence.line,
                        "derived-arithmetic",
                        f"'(derived: {expression})' is not arithmetic the checker can follow; "
                        "write numbers with + − × / and brackets, e.g. (derived: 11.1 − 9.2)",
                        severity,
                    )
                )
            elif _round_to(value, result.places) != _round_to(result.value, result.places):
                findings.append(
                    Finding(
                        path,
                        claim.sentence.line,
                        "derived-arithmetic",
                        f"'{result.shown}' does not equal {expression} "
                        f"(= {_round_to(value, max(result.places, 2))}); correct the figure or "
                        "the expression",
                        severity,
                    )
                )
        have = {v for k in claim.keys for q in evidence.of(k) for v in q.values}
        missing = list(dict.fromkeys(n.shown for n in claim.figures if n.value not in have))
        if not missing:
            continue
        sources = ", ".join(claim.keys)
        unquoted = [k for k in claim.keys if not evidence.of(k)]
        hint = f"; no quotes recorded yet for {', '.join(unquoted)} (evidence/KEY.yml)" if unquoted else ""
        findings.append(
            Finding(
                path,
                claim.sentence.line,
                "figure-not-quoted",
                f"{', '.join(repr(m) for m in missing)} not found in a quote of {sources}{hint}; add the passage "
                "that states it to the source's evidence file, or, for a figure computed from quoted ones, show "
                "the arithmetic: 1.9 (derived: 11.1 − 9.2)",
                severity,
            )
        )
    return findings


# --- what readers see ----------------------------------------------------------------


def secondary_only(keys: tuple[str, ...], types: dict[str, EvidenceType | None]) -> bool:
    """True when every source of a claim is news, an abstract or 'other'."""
    known = [types.get(k) for k in keys]
    return bool(known) and all(t is not None and t.secondary for t in known)
