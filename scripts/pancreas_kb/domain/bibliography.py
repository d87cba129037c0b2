"""The bibliography: read `references.bib` with line numbers, lint it, format it.

Formatting lives here rather than in mkdocs-bibtex because the plugin's pybtex
style lower-cases titles and spells out first names, its pandoc mode is slow and
leaks markup, and the plugin is no longer maintained. Entries are formatted once
and cached, so citations cost little at build time.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from functools import cache

import bibtexparser
from bibtexparser import model
from pybtex.database.input import bibtex as pybtex_bibtex
from pylatexenc.latex2text import LatexNodes2Text

from . import plain_text, source_text
from .citations import KEY
from .findings import Finding

# bibtexparser logs every failed block itself; we report them as findings instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

MAX_AUTHORS = 6  # Vancouver/ICMJE: list six, then "et al."
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_RE = re.compile(r"^\d{1,9}$")
KEY_RE = re.compile(rf"^{KEY}$")
LINE_RE = re.compile(r"\bline (\d+)")
REQUIRED_FIELDS = {
    "article": ("author", "title", "journal", "year", "volume", "pages"),
    "book": ("title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "techreport": ("author", "title", "institution", "year"),
    # Web pages often carry no date; their urldate says when the page was read.
    "misc": ("author", "title"),
    "online": ("author", "title"),
}


@dataclass
class Entry:
    key: str
    type: str
    line: int  # 1-based line of the '@type{key,' line
    fields: dict[str, str]
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Library:
    path: str
    entries: dict[str, Entry]
    findings: list[Finding]
    _references: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def reference(self, key: str) -> str:
        """A known work's reference (`vancouver`), formatted once for all the pages and packets citing it."""
        if key not in self._references:
            self._references[key] = vancouver(self.entries[key])
        return self._references[key]


def parse(path: str, text: str) -> Library:
    """Parse BibTeX text; syntax errors and duplicate keys become findings."""
    lib = bibtexparser.parse_string(text)
    entries: dict[str, Entry] = {}
    findings: list[Finding] = []
    for block in lib.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            findings.append(
                Finding(
                    path,
                    line,
                    "bib-duplicate-key",
                    f"'{block.key}' is defined twice; merge the two entries or rename one",
                )
            )
        else:
            reason = str(block.error).splitlines()  # every failed block carries its error
            detail = reason[-1].strip() if reason else "unreadable entry"
            findings.append(
                Finding(
                    path,
                    line,
                    "bib-syntax",
                    f"this entry cannot be read ({detail}); check its braces, commas and quotes",
                )
            )
    findings += stray_at_signs(path, text)
    seen_folded: dict[str, Entry] = {}
    for raw in lib.entries:
        entry = Entry(
            key=raw.key,
            type=raw.entry_type.lower(),
            line=raw.start_line + 1,
            fields={k.lower(): str(f.value).strip() for k, f in raw.fields_dict.items()},
            field_lines={k.lower(): f.start_line + 1 for k, f in raw.fields_dict.items()},
        )
        folded = entry.key.lower()
        if folded in seen_folded:
            other = seen_folded[folded]
            findings.append(
                Finding(
                    path,
                    entry.line,
                    "bib-duplicate-key",
                    f"'{entry.key}' differs only in case from '{other.key}' (line {other.line}); "
                    "keys must be unique ignoring case",
                )
            )
            continue
        seen_folded[folded] = entry
        entries[entry.key] = entry
    # Every finding above is an error; the plugin's parser is asked only when there is none.
    if not findings:
        findings = plugin_parser(path, text)
    return Library(path, entries, findings)


def stray_at_signs(path: str, text: str) -> list[Finding]:
    """BibTeX has no comment syntax: pybtex (inside mkdocs-bibtex) reads an '@' on a '%' line as an entry."""
    return [
        Finding(
            path,
            number,
            "bib-stray-at",
            "an '@' in a comment line starts a new entry for the citation plugin's parser; "
            "remove the '@' from the comment",
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if line.lstrip().startswith("%") and "@" in line
    ]


def plugin_parser(path: str, text: str) -> list[Finding]:
    """What the citation plugin's own parser (pybtex) refuses, found before the plugin reads the file.

    The two parsers disagree on edge cases (an entry without a key, a name with
    too many commas, an undefined @string); asking pybtex itself is the only way
    to be sure the plugin will not stop the build with a traceback.
    """
    try:
        pybtex_bibtex.Parser().parse_string(text)
    except Exception as exc:  # noqa: BLE001 - whatever pybtex raises, the editor needs a finding, not a traceback
        message = str(exc).strip() or type(exc).__name__
        line = getattr(exc, "lineno", None)
        if not isinstance(line, int):
            line = _line_named(message, text)
        return [
            Finding(
                path,
                line,
                "bib-syntax",
                f"the citation plugin cannot read the bibliography ({message}); check this entry's key, "
                "braces, commas and author names ('Last, First and Last, First')",
            )
        ]
    return []


def _line_named(message: str, text: str) -> int:
    """The line a pybtex message points at: its "line N", else the first line holding a text it quotes."""
    found = LINE_RE.search(message)
    if found:
        return int(found.group(1))
    for quoted in re.findall(r"'([^']+)'", message):
        at = text.find(quoted)
        if at != -1:
            return text.count("\n", 0, at) + 1
    return 1


def load(path: str, shown: str | None = None) -> Library:
    """Read the file's bytes ourselves, so an encoding problem is a finding with its line."""
    with open(path, "rb") as handle:
        return from_bytes(handle.read(), shown or path)


def from_bytes(data: bytes, shown: str) -> Library:
    text, problems = source_text.decode(shown, data)
    library = parse(shown, text)
    library.findings[:0] = problems
    return library


# --- lint rules: one function per promise an entry keeps --------------------


def key_syntax(entry: Entry, path: str, **_) -> list[Finding]:
    if KEY_RE.match(entry.key):
        return []
    return [
        Finding(
            path,
            entry.line,
            "bib-key",
            f"'{entry.key}' cannot be cited: a key is letters, digits, '_' and '-' with no spaces, "
            "e.g. conroy2011folfirinox; write it right after '@type{', followed by a comma",
        )
    ]


def required_fields(entry: Entry, path: str, **_) -> list[Finding]:
    needed = REQUIRED_FIELDS.get(entry.type)
    if needed is None:
        return [
            Finding(
                path,
                entry.line,
                "bib-entry-type",
                f"{entry.key}: entry type @{entry.type} is not used here "
                f"(use one of: {', '.join('@' + t for t in REQUIRED_FIELDS)})",
            )
        ]
    return [
        Finding(
            path,
            entry.line,
            "bib-required-field",
            f"{entry.key}: @{entry.type} needs a '{name}' field; add it from the source, "
            "or remove the entry if the source cannot be seen",
        )
        for name in needed
        if not entry.fields.get(name)
    ]


def identifier(entry: Entry, path: str, **_) -> list[Finding]:
    if entry.fields.get("doi") or entry.fields.get("pmid"):
        return []
    if entry.type != "article" and entry.fields.get("url") and entry.fields.get("urldate"):
        return []
    wanted = "a 'doi' or 'pmid'" if entry.type == "article" else "a 'doi' or 'pmid', or both 'url' and 'urldate'"
    return [
        Finding(
            path,
            entry.line,
            "bib-identifier",
            f"{entry.key}: needs {wanted} seen on the source itself, so readers can find it",
        )
    ]


def doi_syntax(entry: Entry, path: str, **_) -> list[Finding]:
    doi = entry.fields.get("doi")
    if doi is None or DOI_RE.match(doi):
        return []
    return [
        Finding(
            path,
            entry.field_lines.get("doi", entry.line),
            "bib-doi-syntax",
            f"{entry.key}: doi '{doi}' is not a DOI; write it as 10.NNNN/suffix, without https://doi.org/",
        )
    ]


def pmid_syntax(entry: Entry, path: str, **_) -> list[Finding]:
    pmid = entry.fields.get("pmid")
    if pmid is None or PMID_RE.match(pmid):
        return []
    return [
        Finding(
            path,
            entry.field_lines.get("pmid", entry.line),
            "bib-pmid-syntax",
            f"{entry.key}: pmid '{pmid}' must be digits only",
        )
    ]


def year_plausible(entry: Entry, path: str, today: dt.date, **_) -> list[Finding]:
    year = entry.fields.get("year")
    if year is None:
        return []
    if year.isascii() and year.isdigit() and 1800 <= int(year) <= today.year + 1:
        return []
    return [
        Finding(
            path,
            entry.field_lines.get("year", entry.line),
            "bib-year",
            f"{entry.key}: year '{year}' is not a plausible publication year",
        )
    ]


def plain_fields(entry: Entry, path: str, **_) -> list[Finding]:
    """Fields are printed in reference lists, review packets and downloads: words, never markup."""
    findings = []
    for name, value in entry.fields.items():
        why = plain_text.problem(value, prose=True)
        if why:
            line = entry.field_lines.get(name, entry.line)
            findings.append(Finding(path, line, "bib-plain-text", f"{entry.key}: {name} {why}"))
    return findings


def url_scheme(entry: Entry, path: str, **_) -> list[Finding]:
    url = entry.fields.get("url")
    if url is None or url.strip().lower().startswith(("https://", "http://")):
        return []
    return [
        Finding(
            path,
            entry.field_lines.get("url", entry.line),
            "bib-url",
            f"{entry.key}: url '{url[:40]}' is not a web address; give the https:// address of the source",
        )
    ]


ENTRY_RULES = (
    key_syntax,
    required_fields,
    identifier,
    doi_syntax,
    pmid_syntax,
    year_plausible,
    plain_fields,
    url_scheme,
)


def _identity(field_name: str, value: str) -> str:
    value = value.strip().lower()
    if field_name == "doi":
        return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value)
    if field_name == "url":
        return re.sub(r"^https?://(www\.)?", "", value).rstrip("/")
    return value


def same_work_twice(library: Library) -> list[Finding]:
    """One work under two keys splits its citations: two numbers, two list items, for one source."""
    findings = []
    first: dict[tuple[str, str], Entry] = {}
    for entry in library.entries.values():
        for name in ("doi", "pmid", "url"):
            if not entry.fields.get(name):
                continue
            seen = first.setdefault((name, _identity(name, entry.fields[name])), entry)
            if seen is not entry:
                findings.append(
                    Finding(
                        library.path,
                        entry.field_lines.get(name, entry.line),
                        "bib-same-work",
                        f"{entry.key}: has the same {name.upper()} as '{seen.key}' (line "
                        f"{seen.line}); keep one entry, cite its key everywhere, delete the other",
                    )
                )
                break
    return findings


LIBRARY_RULES = (same_work_twice,)


def lint(library: Library, today: dt.date) -> list[Finding]:
    findings = list(library.findings)
    for entry in library.entries.values():
        for rule in ENTRY_RULES:
            findings.extend(rule(entry, path=library.path, today=today))
    for library_rule in LIBRARY_RULES:
        findings.extend(library_rule(library))
    return findings


# --- formatting ------------------------------------------------------------

_latex = LatexNodes2Text(math_mode="verbatim")


@cache
def plain(value: str) -> str:
    """LaTeX-encoded BibTeX text as plain Unicode, protective braces removed."""
    text = _latex.latex_to_text(value) if ("\\" in value or "{" in value) else value
    return re.sub(r"\s+", " ", text).strip()


def _split_authors(raw: str) -> list[str]:
    parts, depth, current = [], 0, []
    for token in re.split(r"(\{|\}|\s+and\s+)", raw):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", token):
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(token)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def _vancouver_name(name: str) -> str:
    if name.startswith("{") and name.endswith("}"):
        return plain(name)  # a group author, e.g. {National Cancer Institute}
    suffix: list[str] = []
    if "," in name:
        # "Last, First", or "Last, Jr, First": the suffix goes after the initials.
        surname, *suffix, given = (plain(p) for p in name.split(",", 2))
    else:
        words = plain(name).split()
        surname, given = words[-1], " ".join(words[:-1])
    initials = "".join(w[0].upper() for w in re.split(r"[\s.\-]+", given) if w and w[0].isalpha())
    return " ".join(p for p in (surname, initials, *suffix) if p)


def authors(raw: str) -> str:
    names = _split_authors(raw)
    truncated = bool(names) and names[-1].lower() == "others"
    if truncated:
        names = names[:-1]
    if len(names) > MAX_AUTHORS:
        names, truncated = names[:MAX_AUTHORS], True
    listed = ", ".join(_vancouver_name(n) for n in names)
    return f"{listed}, et al" if truncated else listed


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _pages(raw: str) -> str:
    return re.sub(r"\s*-+\s*", "-", raw)


def _accessed(raw: str) -> str:
    try:
        return dt.date.fromisoformat(raw).strftime("%B %-d, %Y")
    except ValueError:
        return raw


def vancouver(entry: Entry) -> str:
    """One reference in Vancouver/AMA style, as Markdown with DOI and PubMed links."""
    f = {k: plain(v) for k, v in entry.fields.items()}  # author, url and doi are written from entry.fields
    parts = []
    if entry.fields.get("author"):
        parts.append(_sentence(_md(authors(entry.fields["author"]))))
    parts.append(_sentence(_md(f.get("title", entry.key))))
    if entry.type == "article":
        if f.get("journal"):
            parts.append(_sentence(_md(f["journal"])))
        source = f.get("year", "")
        if f.get("volume"):
            source += f";{f['volume']}"
            if f.get("number"):
                source += f"({f['number']})"
        if f.get("pages"):
            source += f":{_pages(f['pages'])}"
        parts.append(source + ".")
    else:
        publisher = f.get("publisher") or f.get("institution") or f.get("organization") or f.get("howpublished")
        if f.get("booktitle"):
            parts.append(_sentence("In: " + _md(f["booktitle"])))
        if f.get("note"):
            parts.append(_sentence(_md(f["note"])))
        published = "; ".join(p for p in (_md(publisher) if publisher else "", f.get("year")) if p)
        if published:
            parts.append(published + ".")
        if entry.fields.get("urldate"):
            parts.append(f"Accessed {_accessed(entry.fields['urldate'])}.")
        if entry.fields.get("url"):
            url = entry.fields["url"]
            parts.append(f"[{_md(url)}]({url})")
    if entry.fields.get("doi"):
        doi = entry.fields["doi"]
        parts.append(f"[doi:{_md(doi)}](https://doi.org/{doi})")
    if entry.fields.get("pmid"):
        pmid = entry.fields["pmid"]
        parts.append(f"[PMID: {pmid}](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)")
    return " ".join(p for p in parts if p and p != ".")
