""" "Common questions": the questions families bring first, each linked to its answer.

The list lives in one data file (includes/common-questions.yml) and is written
into a page where the page has MARKER, as Markdown links, so that MkDocs checks
each page and anchor like any other link and a moved section fails the build.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

import yaml

from . import yamlfile
from .findings import Finding

MARKER = "<!-- common-questions -->"


@dataclass(frozen=True)
class Question:
    question: str
    answer: str  # page under docs/ and anchor: patients/treatment.md#chemotherapy
    line: int


def parse(path: str, text: str) -> tuple[list[Question], list[Finding]]:
    """The questions in file order, and a finding for each entry that is not one."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return [], [yamlfile.error_finding(path, error, "questions-yaml", "not valid YAML ({problem})")]
    questions, findings = [], []
    for node in getattr(root, "value", []) if isinstance(root, yaml.SequenceNode) else []:
        line = node.start_mark.line + 1
        try:
            entry = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.MappingNode) else None
        except (yaml.YAMLError, ValueError, OverflowError):
            entry = None  # a value that parses but cannot be built, e.g. the date 2026-02-30
        question = entry.get("question") if isinstance(entry, dict) else None
        answer = entry.get("answer") if isinstance(entry, dict) else None
        if not isinstance(question, str) or not isinstance(answer, str) or "#" not in answer:
            findings.append(
                Finding(
                    path,
                    line,
                    "questions-entry",
                    "write - question: the words a family would use; answer: section/page.md#section",
                )
            )
            continue
        questions.append(Question(question.strip(), answer.strip(), line))
    if root is not None and not isinstance(root, yaml.SequenceNode):
        findings.append(Finding(path, root.start_mark.line + 1, "questions-entry", "the file is a list of questions"))
    return questions, findings


def _text(value: str) -> str:
    return value.replace("[", "\\[").replace("]", "\\]")


def render(questions: list[Question], from_page: str) -> str:
    """The questions as a Markdown list of links, relative to the page at `from_page` (under docs/)."""
    here = posixpath.dirname(from_page) or "."
    items = []
    for q in questions:
        page, anchor = q.answer.split("#", 1)
        items.append(f"- [{_text(q.question)}]({posixpath.relpath(page, here)}#{anchor})")
    return '<div class="kb-common-questions" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def fill(markdown: str, questions: list[Question], from_page: str) -> str:
    return markdown.replace(MARKER, render(questions, from_page), 1)
