"""The languages the site is written in: the one table of their codes, folders and files.

English pages live in docs/ as they always have; a translation lives at the same
path under its language's folder (docs/es/patients/what-it-means.md translates
docs/patients/what-it-means.md), so English URLs never change and no English page
is copied under /es/. The build (scripts/pancreas_kb/plugin/languages.py), the
front-matter schema, the checker and the readability measure read this table.
Adding a language is one entry here plus its files (CONTRIBUTING, "How to add a
language").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47: <html lang>, hreflang, Pagefind's index and Material's theme language
    name: str  # in its own language, in the language switcher
    folder: str  # docs/<folder>/ holds its pages; "" for the site's own language
    readability: str  # the reading-ease measure for its plain-language pages (checker/readability.py)

    @property
    def suffix(self) -> str:
        """Before the extension of its data files: strings.es.yml, glossary.es.yml; "" for English."""
        return f".{self.code}" if self.folder else ""

    def file(self, name: str) -> str:
        """Its version of a data file: file("includes/glossary.yml") is includes/glossary.es.yml for Spanish."""
        stem, dot, ext = name.rpartition(".")
        return f"{stem}{self.suffix}.{ext}" if dot else name + self.suffix

    def page(self, english_src_uri: str) -> str:
        """Where its translation of an English page lives, relative to docs/."""
        return f"{self.folder}/{english_src_uri}" if self.folder else english_src_uri


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "", "flesch-kincaid"),
        Language("es", "Español", "es", "szigriszt-pazos"),
    )
}
DEFAULT = LANGUAGES["en"]


def translations() -> list[Language]:
    """The languages other than the site's own, in table order."""
    return [lang for lang in LANGUAGES.values() if lang.folder]


def of(src_uri: str) -> Language:
    """The language of a page from its path relative to docs/."""
    first = src_uri.partition("/")[0]
    return next((lang for lang in translations() if first == lang.folder), DEFAULT)


def english(src_uri: str) -> str:
    """The path an English page would have for a page in any language (itself for an English page)."""
    lang = of(src_uri)
    return src_uri[len(lang.folder) + 1 :] if lang.folder else src_uri
