"""Synthetic sites for the benchmark: many pages citing a large bibliography.

The pages have valid front matter, headings and several hundred words of prose,
and each cites a fixed number of entries, so build time can be measured as the
site grows. The same text is produced for the same arguments, so two runs of the
benchmark build the same sites.

Usage: python -m pancreas_kb.bench.synthetic_site OUT [--pages 200] [--entries 500]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

from pancreas_kb.checker.project_files import plugin_options
from pancreas_kb.domain import review
from pancreas_kb.tools.project_copy import copy_data_files, repointed_config

PAGES_PER_SECTION = 25
SECTIONS_PER_PAGE = 4
SENTENCES = (
    "Treatment choice depends on fitness, symptoms and what matters most to the person.",
    "Median overall survival in the pivotal trial was modest, and the trial population was selected.",
    "Performance status remains the strongest single predictor of tolerance to combination chemotherapy.",
    "Dose reductions after the first cycles were common and did not clearly shorten survival.",
    "Early referral to specialist palliative care improved quality of life in several studies.",
    "Germline testing identifies a minority of patients who may benefit from targeted maintenance.",
    "Cross-trial comparisons are unreliable because eligibility criteria and follow-up differ.",
    "Cachexia and weight loss often begin before diagnosis and need attention from the start.",
    "Pancreatic enzyme replacement relieves malabsorption and is frequently under-prescribed.",
    "Venous thromboembolism is frequent, and prophylaxis is considered for ambulatory patients at high risk.",
    "Imaging every two to three months is usual during active treatment, guided by symptoms.",
    "Tumour markers support, but do not replace, clinical and radiological assessment of response.",
    "Second-line options are fewer, and a clinical trial should be discussed at every line.",
    "Coeliac plexus neurolysis may reduce opioid needs when pain is hard to control.",
    "Biliary obstruction is usually relieved with an endoscopic metal stent before chemotherapy.",
    "Shared decision-making takes time, and decisions can be revisited as circumstances change.",
)
HEADINGS = (
    "Background",
    "What the evidence shows",
    "Practical points",
    "Limits of the evidence",
    "Questions to discuss",
    "Monitoring",
    "Side effects",
    "Supportive care",
)
SURNAMES = (
    "Adler",
    "Bauer",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Hansen",
    "Ito",
    "Jensen",
    "Kim",
    "Lopez",
    "Moreau",
    "Nguyen",
    "Okafor",
    "Patel",
    "Rossi",
    "Silva",
)
JOURNALS = ("J Synth Oncol", "Synth Cancer Res", "Ann Synth Med", "Synth Clin Trials")


def key(index: int) -> str:
    return f"synthetic{index:04d}"


def bib_entry(index: int) -> str:
    rng = random.Random(index)
    authors = " and ".join(f"{rng.choice(SURNAMES)}, {chr(65 + rng.randrange(26))}." for _ in range(rng.randint(1, 9)))
    first = 1 + rng.randrange(900)
    return (
        f"@article{{{key(index)},\n"
        f"  author  = {{{authors}}},\n"
        f"  title   = {{Synthetic study number {index} of treatment in metastatic disease}},\n"
        f"  journal = {{{rng.choice(JOURNALS)}}},\n"
        f"  year    = {{{2000 + index % 25}}},\n"
        f"  volume  = {{{1 + index % 60}}},\n"
        f"  pages   = {{{first}--{first + rng.randint(5, 15)}}},\n"
        f"  doi     = {{10.9999/synthetic.{index}}},\n"
        "}\n"
    )


def bibliography(entries: int) -> str:
    return "\n".join(bib_entry(i) for i in range(1, entries + 1))


def cited_keys(number: int, entries: int, per_page: int) -> list[str]:
    """Consecutive pages cite consecutive runs of keys, so a few pages cite every entry."""
    return [key(1 + (number * per_page + j) % entries) for j in range(per_page)]


def page_path(number: int) -> str:
    return f"section-{number // PAGES_PER_SECTION:02d}/page-{number:04d}.md"


def page(number: int, keys: list[str]) -> str:
    rng = random.Random(number)
    audience = "clinician" if number % 2 else "all"
    title = f"Synthetic topic {number}"
    front = yaml.safe_dump(
        {
            "title": title,
            "description": f"Synthetic page {number} for measuring how the build scales.",
            "audience": audience,
            "review_status": "submitted",
            # Current, so no page's evidence date warns (warnings fail a strict build).
            "evidence_checked": review.today(),
        },
        sort_keys=False,
    )
    chunks = [keys[i::SECTIONS_PER_PAGE] for i in range(SECTIONS_PER_PAGE)]
    body = [f"# {title}", ""]
    for heading, chunk in zip(rng.sample(HEADINGS, SECTIONS_PER_PAGE), chunks, strict=False):
        body += [f"## {heading}", ""]
        for paragraph in range(3):
            sentences = rng.sample(SENTENCES, 6)
            if paragraph < len(chunk):
                # Every citation follows a sentence, as on the real pages.
                sentences[-1] = sentences[-1][:-1] + f" [@{chunk[paragraph]}]."
            body += [" ".join(sentences), ""]
        if len(chunk) > 3:
            body += [f"Further reading: [{'; '.join('@' + k for k in chunk[3:])}].", ""]
    return f"---\n{front}---\n\n" + "\n".join(body)


def pages(count: int, entries: int = 500, per_page: int = 10) -> dict[str, str]:
    """Page path under docs/ -> text; a home page plus `count - 1` topic pages."""
    result = {"index.md": page(0, cited_keys(0, entries, per_page))}
    for number in range(1, count):
        result[page_path(number)] = page(number, cited_keys(number, entries, per_page))
    return result


def config(root: Path, citations: bool) -> dict:
    """The project's real configuration pointed at `root`; without citations, minus the
    bibtex plugin and with the knowledge-base plugin's citations off (the [@key] text then stays as plain text)."""
    settings = repointed_config(root, strict=True)
    if not citations:
        settings["plugins"] = [
            p for p in settings["plugins"] if not (isinstance(p, dict) and "bibtex" in p) and p != "bibtex"
        ]
        # Without a bibliography the evidence part has no quotes to show either.
        plugin_options(settings, "knowledge-base")["citations"] = "none"
    return settings


def write(root: Path, count: int, entries: int = 500, per_page: int = 10) -> None:
    """Write a synthetic project: docs/, references.bib, and mkdocs.yml (citations on)
    beside mkdocs-nocite.yml (citations off)."""
    for rel, text in pages(count, entries, per_page).items():
        target = root / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (root / "references.bib").write_text(bibliography(entries), encoding="utf-8")
    copy_data_files(root)
    for name, citations in (("mkdocs.yml", True), ("mkdocs-nocite.yml", False)):
        text = yaml.safe_dump(config(root, citations), sort_keys=False)
        (root / name).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pancreas_kb.bench.synthetic_site", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out", type=Path, help="folder to write (created if missing)")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--per-page", type=int, default=10, help="citations per page")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.pages < 1 or args.entries < args.per_page:
        print("error: need at least one page, and at least as many entries as citations per page", file=sys.stderr)
        return 2
    write(args.out, args.pages, args.entries, args.per_page)
    print(f"wrote {args.pages} pages and {args.entries} entries to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
