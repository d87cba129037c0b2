"""Translations: which English page each translates, and whether that page has changed since.

A translation records in front matter the English page it translates
(`translation_of`, relative to docs/) and the digest of that page's text when it
was translated (`translated_from`). The digest covers what a translator
translates (title, description and body, whitespace ignored), so a change of
review status or of a date in English does not make a translation out of date,
and any change of wording does. The build shows readers a notice while the
digests differ; the checker (checker/translations.py) names what changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from . import approval, languages
from .findings import Finding
from .frontmatter import Page

SOURCE_FIELD = "translation_of"
DIGEST_FIELD = "translated_from"
FIELDS = (SOURCE_FIELD, DIGEST_FIELD)


def source_text(page: Page) -> str:
    """What a translator translates: title, description and body."""
    meta = page.meta
    return "\n".join(str(meta.get(key, "")) for key in ("title", "description")) + "\n" + page.body


def source_digest(page: Page) -> str:
    """The wording's fingerprint: the same for any change of whitespace only."""
    words = " ".join(source_text(page).split())
    return approval.DIGEST_PREFIX + hashlib.sha256(words.encode()).hexdigest()  # of the UTF-8


@dataclass(frozen=True)
class Link:
    """A translation and the English page it follows, as the build and the checker see them."""

    translation: str  # src_uri of the translation
    source: str  # src_uri of the English page
    language: languages.Language
    recorded: str  # translated_from
    current: str  # the English page's digest now

    @property
    def outdated(self) -> bool:
        return self.recorded != self.current


def links(records) -> tuple[list[Link], list[Finding]]:
    """Every translation with its English page; two translations of one page into one language are a finding.

    `records` maps src_uri to page records whose front matter the schema has passed
    (a translation whose fields it refused has no link; its findings say why).
    """
    found, findings, seen = [], [], {}
    for src_uri, record in sorted(records.items()):
        meta = record.meta
        source = meta.get(SOURCE_FIELD)
        english = records.get(source) if isinstance(source, str) else None
        if record.trust is None or english is None or english.front is None:
            continue
        lang = languages.of(src_uri)
        if (lang.code, source) in seen:
            findings.append(
                Finding(
                    record.path,
                    record.line(SOURCE_FIELD),
                    "translation-duplicate",
                    f"{SOURCE_FIELD}: {source} is already translated by {seen[lang.code, source]}; "
                    "keep one translation of each page per language",
                )
            )
            continue
        seen[lang.code, source] = record.path
        found.append(Link(src_uri, source, lang, str(meta.get(DIGEST_FIELD)), source_digest(english.front)))
    return found, findings
