""" "Common questions" written into the page that asks for them
(scripts/pancreas_kb/domain/common_questions.py), from includes/common-questions.yml."""

from __future__ import annotations

import logging
from pathlib import Path

from pancreas_kb.domain import common_questions, source_text

log = logging.getLogger("mkdocs.plugins.knowledge_base.common_questions")

QUESTIONS_FILE = "includes/common-questions.yml"

_questions: list[common_questions.Question] = []


def on_pre_build(config):
    path = Path(config.config_file_path).parent / QUESTIONS_FILE
    _questions.clear()
    if not path.is_file():
        return  # a site without the file has no such list
    text, findings = source_text.decode(QUESTIONS_FILE, path.read_bytes())
    questions, problems = common_questions.parse(QUESTIONS_FILE, text)
    for finding in findings + problems:
        log.error(finding.text())
    _questions[:] = questions


def on_page_markdown(markdown, page, config, files):
    if common_questions.MARKER not in markdown:
        return markdown
    if not _questions:
        log.error(f"docs/{page.file.src_uri}:1: questions-missing: {QUESTIONS_FILE} lists no questions")
    return common_questions.fill(markdown, _questions, page.file.src_uri)
