"""Write, or check, the list of inline scripts the pages' policy allows (domain/inline-scripts.yml).

Usage: python -m pancreas_kb.tools.script_hashes [--check] [--root DIR]

The list holds the hash of every executable inline script in the templates the
site is built from: the project's overrides/ over Material's own. It is computed
from the templates, never from a built page, so nothing a page's content adds can
be on it. Run `make script-hashes` after changing a template's script or updating
Material, and review the change in the pull request. --check exits 1 when the
list differs from the templates (the tests run it), 0 when it matches.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import material

from pancreas_kb.domain import security

THEME_TEMPLATES = Path(material.__file__).parent / "templates"
CUSTOM_DIR = "overrides"


def effective_templates(custom: Path, theme: Path = THEME_TEMPLATES) -> tuple[dict[str, str], set[str]]:
    """Every .html template by its name, ours replacing the theme's of the same name; and the names of ours."""
    templates = {p.relative_to(theme).as_posix(): p.read_text(encoding="utf-8") for p in theme.rglob("*.html")}
    own = {p.relative_to(custom).as_posix(): p.read_text(encoding="utf-8") for p in custom.rglob("*.html")}
    return {**templates, **own}, set(own)


def current(root: Path) -> list[security.TemplateScript]:
    templates, own = effective_templates(root / CUSTOM_DIR)
    return security.template_scripts(templates.items(), own)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make script-hashes", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when the list is out of date")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    scripts = current(args.root)
    problems = [s for s in scripts if s.problem]
    for script in problems:
        print(f"{CUSTOM_DIR}/{script.template}:1: inline-script: {script.problem}", file=sys.stderr)
    text = security.allowlist_text(scripts)
    shown = security.ALLOWLIST_FILE.relative_to(Path(security.__file__).parents[3])
    if args.check:
        if security.ALLOWLIST_FILE.read_text(encoding="utf-8") != text:
            print(
                f"{shown}:1: inline-script-list: the templates' inline scripts changed; run `make script-hashes`, "
                "read the templates it names, and commit the list",
                file=sys.stderr,
            )
            return 1
        return 1 if problems else 0
    security.ALLOWLIST_FILE.write_text(text, encoding="utf-8")
    print(f"{shown}: {len(scripts) - len(problems)} inline scripts allowed", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
