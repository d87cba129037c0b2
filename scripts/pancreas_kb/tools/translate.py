"""Start a translation of an English page, and record that a translation is up to date.

    python -m pancreas_kb.tools.translate new patients/what-it-means.md --lang es
        writes docs/es/patients/what-it-means.md: the English page to translate in
        place (its links lead to the Spanish pages that exist, else to the English
        ones), with translation_of, translated_from (the English text's digest now),
        its own review_status (submitted) and the English evidence date; adds it to
        the language's section of the navigation.
    python -m pancreas_kb.tools.translate record docs/es/patients/what-it-means.md
        sets translated_from to the English page's digest now: run it once the
        translation says what the English page says.

Exit status: 0 done, 1 refused (the message says why), 2 usage.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from pathlib import Path

import yaml

from pancreas_kb.domain import frontmatter, languages, schema, states, translation
from pancreas_kb.tools.new_page import add_to_nav

# Copied from the English page; the translation has its own review fields.
COPIED = ("title", "description", "audience", "evidence_checked", "hide")


def _english(root: Path, source: str) -> frontmatter.Page | None:
    path = root / "docs" / source
    if not path.is_file():
        return None
    page, _ = frontmatter.read(f"docs/{source}", path.read_text(encoding="utf-8"))
    return page


# A Markdown link to another page: ](path.md) or ](path.md#anchor).
_PAGE_LINK = re.compile(r"\]\((?!\w+:|/|#)([^)\s#]+\.md)(#[^)\s]*)?\)")


def relinked(body: str, source: str, lang: languages.Language, docs: Path) -> str:
    """The English page's links as seen from the translation: to the page's translation where
    there is one, otherwise to the English page (never to a page under /es/ that does not exist)."""
    here = posixpath.dirname(lang.page(source))

    def target(match: re.Match) -> str:
        english = posixpath.normpath(posixpath.join(posixpath.dirname(source), match.group(1)))
        translated = lang.page(english)
        path = translated if (docs / translated).is_file() else english
        return f"]({posixpath.relpath(path, here or '.')}{match.group(2) or ''})"

    return _PAGE_LINK.sub(target, body)


def translation_text(english: frontmatter.Page, source: str, lang: languages.Language, docs: Path) -> str:
    meta = {key: english.meta[key] for key in COPIED if key in english.meta}
    meta["review_status"] = states.INITIAL.id
    meta[translation.SOURCE_FIELD] = source
    meta[translation.DIGEST_FIELD] = translation.source_digest(english)
    front = yaml.safe_dump(schema.normalized(meta), sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{front}---\n{relinked(english.body, source, lang, docs)}"


def with_nav_entry(mkdocs_yml: str, lang: languages.Language, entry: str) -> str:
    """The entry appended to the language's own section of the nav, made at the nav's end if missing."""
    added = add_to_nav(mkdocs_yml, lang.name, entry)
    if added is not None:
        return added
    lines = mkdocs_yml.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "-"))):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    lines[end:end] = [f"  - {lang.name}:\n", f"      - {entry}\n"]
    return "".join(lines)


def new(root: Path, source: str, lang: languages.Language) -> tuple[int, str]:
    english = _english(root, source)
    if english is None or languages.of(source) is not languages.DEFAULT:
        return 1, f"docs/{source}: not an English page with front matter; give its path relative to docs/"
    target = root / "docs" / lang.page(source)
    if target.exists():
        return 1, f"{target.relative_to(root)}: already exists; translate it there"
    config_path = root / "mkdocs.yml"
    config_path.write_text(
        with_nav_entry(config_path.read_text(encoding="utf-8"), lang, lang.page(source)), encoding="utf-8"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(translation_text(english, source, lang, root / "docs"), encoding="utf-8")
    return 0, (
        f"created {target.relative_to(root)} from docs/{source} and added it to the nav under '{lang.name}': "
        "translate its title, description and text, then run make check"
    )


_DIGEST_LINE = re.compile(rf"^{translation.DIGEST_FIELD}:.*$", re.M)


def record(root: Path, path: Path) -> tuple[int, str]:
    text = path.read_text(encoding="utf-8")
    page, _ = frontmatter.read(str(path), text)
    source = page.meta.get(translation.SOURCE_FIELD) if page else None
    english = _english(root, source) if isinstance(source, str) else None
    if english is None:
        return 1, f"{path}: its {translation.SOURCE_FIELD} names no English page under docs/"
    digest = translation.source_digest(english)
    end = text.index("\n---", 3)
    front, rest = text[:end], text[end:]
    line = f"{translation.DIGEST_FIELD}: {digest}"
    front = _DIGEST_LINE.sub(line, front) if _DIGEST_LINE.search(front) else f"{front}\n{line}"
    path.write_text(front + rest, encoding="utf-8")
    return 0, f"{path}: records docs/{source} as it is now ({digest[:19]}...)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pancreas_kb.tools.translate", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("new", help="start a translation of an English page")
    start.add_argument("page", help="the English page, relative to docs/")
    start.add_argument("--lang", required=True, choices=[lang.code for lang in languages.translations()])
    done = commands.add_parser("record", help="record that a translation follows its English page as it is now")
    done.add_argument("page", type=Path, help="the translation, e.g. docs/es/patients/what-it-means.md")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (holds mkdocs.yml)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if args.command == "new":
        status, message = new(args.root, args.page, languages.LANGUAGES[args.lang])
    else:
        status, message = record(args.root, args.page)
    print(message, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    sys.exit(main())
