""" "Common questions": the questions families bring first, each linked to its answer.

The list lives in one data file (includes/common-questions.yml) and is written
into a page where the page has MARKER, as Markdown links, so that MkDocs checks
each page and anchor like any other link and a moved section fails the build.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from . import yamlfile
from .findings import Finding

MARKER = "<!-- common-questions -->"
ENTRY_HINT = "write - question: the words a family would use; answer: section/page.md#section"


@dataclass(frozen=True)
class Question:
    question: str
    answer: str  # page under docs/ and anchor: patients/treatment.md#chemotherapy
    line: int


def _question(path: str, entry: yamlfile.Entry) -> tuple[Question | None, list[Finding]]:
    question, answer = entry.data.get("question"), entry.data.get("answer")
    if not isinstance(question, str) or not isinstance(answer, str) or "#" not in answer:
        return None, [Finding(path, entry.line, "questions-entry", ENTRY_HINT)]
    return Question(question.strip(), answer.strip(), entry.line), []


def parse(path: str, text: str) -> tuple[list[Question], list[Finding]]:
    """The questions in file order, and a finding for each entry that is not one."""
    return yamlfile.read_list(
        path,
        text,
        ("questions-yaml", "questions-entry"),
        fix="check indentation, quoting and colons",
        shape="the file is a list of questions",
        read=lambda entry: _question(path, entry),
        entry=ENTRY_HINT,
    )


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
