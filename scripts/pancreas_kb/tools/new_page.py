"""Create a page with valid front matter and add it to the navigation.

Usage: python -m pancreas_kb.tools.new_page --title "Eating well" --audience patient
           [--section patients] [--slug eating-well]

The page starts as `submitted`; only a clinical reviewer, in a pull request,
changes that. Exit 0 created, 1 refused (the page exists, or the section is
not in the navigation), 2 usage.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from pancreas_kb.domain import audiences, review, schema, states

SECTIONS = {"patients": "Patients and families", "clinicians": "Clinicians", "reference": "Reference", "about": "About"}

# The placeholders pass every check, so an editor starts from a green build;
# the banner shows the page is unreviewed until a clinician approves it.
PATIENT_BODY = """!!! summary "Key points"

    - Write three to five short points here, each linking to its section.
      See [the first section](#first-section).

## First section {{#first-section}}

Write in plain words. Keep each sentence short. Put a citation after each fact.

## Questions to ask {{#questions-to-ask}}

- [ ] Write a question the reader can ask their care team?
"""

CLINICIAN_BODY = """!!! summary "Key points"

    - Write three to five points, each with its citation and a link to its section.
      See [the first section](#first-section).

## First section {{#first-section}}

Give each figure with its primary source and the population it comes from.
"""


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def page_text(title: str, description: str, audience: str) -> str:
    body = PATIENT_BODY if audiences.AUDIENCES[audience].plain_language else CLINICIAN_BODY
    meta = {"title": title, "description": description, "audience": audience, "review_status": states.INITIAL.id}
    if audiences.get(audience).evidence_age_months:
        # The editor gathers the new page's sources now; make watch searches from this date.
        meta["evidence_checked"] = review.today()
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n# {title}\n\n{body.format()}"


def add_to_nav(mkdocs_yml: str, section_title: str, entry: str) -> str | None:
    """Append `entry` as the last item of the nav section; None if the section is missing."""
    lines = mkdocs_yml.splitlines(keepends=True)
    header = re.compile(rf"^(\s*)- {re.escape(section_title)}:\s*$")
    for i, line in enumerate(lines):
        match = header.match(line)
        if not match:
            continue
        indent = len(match.group(1))
        end = i + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        child = " " * (indent + 4)
        lines.insert(end, f"{child}- {entry}\n")
        return "".join(lines)
    return None


def create(root: Path, title: str, audience: str, section: str, slug: str, description: str) -> tuple[int, str]:
    target = root / "docs" / section / f"{slug}.md"
    if target.exists():
        return 1, f"{target.relative_to(root)} already exists; choose another --slug"
    config_path = root / "mkdocs.yml"
    updated = add_to_nav(config_path.read_text(encoding="utf-8"), SECTIONS[section], f"{section}/{slug}.md")
    if updated is None:
        return 1, f"mkdocs.yml: the nav has no '{SECTIONS[section]}' section; add it, then run this again"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page_text(title, description, audience), encoding="utf-8")
    config_path.write_text(updated, encoding="utf-8")
    return 0, (
        f"created {target.relative_to(root)} (review_status: submitted) and added it to the nav; "
        "replace the placeholder text, then run `make published-urls` and `make check`"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pancreas_kb.tools.new_page", description=__doc__.splitlines()[0])
    parser.add_argument("--title", required=True)
    parser.add_argument("--audience", required=True, choices=tuple(audiences.AUDIENCES))
    parser.add_argument("--section", choices=tuple(SECTIONS))
    parser.add_argument("--slug")
    parser.add_argument(
        "--description", default=None, help=f"one sentence, at most {schema.DESCRIPTION_MAX} characters"
    )
    parser.add_argument("--root", type=Path, default=Path("."))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    description = args.description or f"What to know about {args.title.lower()}."
    if len(description) > schema.DESCRIPTION_MAX:
        print(
            f"error: --description is {len(description)} characters; at most {schema.DESCRIPTION_MAX}", file=sys.stderr
        )
        return 2
    slug = args.slug or slugify(args.title)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        print(f"error: --slug '{slug}' must be lower-case words joined by hyphens", file=sys.stderr)
        return 2
    code, message = create(
        args.root,
        args.title,
        args.audience,
        args.section or audiences.AUDIENCES[args.audience].section,
        slug,
        description,
    )
    print(message, file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
