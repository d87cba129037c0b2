""" "Common questions": written where a page asks for them, each a checked link to its section."""

import re

import pytest

from pancreas_kb.domain import common_questions
from tests.sitebuilder import ROOT, build, page

pytestmark = pytest.mark.site

QUESTIONS = """\
- question: Which treatment [first]?
  answer: patients/treatment.md#chemotherapy
- question: Who do we call at night?
  answer: patients/help.md#night
"""


def pages(anchor: str = "night"):
    return {
        "index.md": page("Home", audience="all"),
        "patients/index.md": page("Patients", body=f"Start here.\n\n{common_questions.MARKER}\n"),
        "patients/treatment.md": page("Treatment", body="## Chemotherapy {#chemotherapy}\n\nText."),
        "patients/help.md": page("Help", body=f"## At night {{#{anchor}}}\n\nCall the line."),
    }


def test_the_questions_link_straight_to_their_sections(tmp_path):
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "common-questions.yml").write_text(QUESTIONS, encoding="utf-8")
    result = build(tmp_path, pages())
    assert result.returncode == 0, result.log
    html = result.html("patients/index.html")
    assert re.search(r'<a href="treatment/#chemotherapy"[^>]*>Which treatment \[first\]\?</a>', html)
    assert re.search(r'<a href="help/#night"[^>]*>Who do we call at night\?</a>', html)
    assert common_questions.MARKER not in html


def test_a_question_whose_section_moved_fails_the_build(tmp_path):
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "common-questions.yml").write_text(QUESTIONS, encoding="utf-8")
    result = build(tmp_path, pages(anchor="evening"))
    assert result.returncode != 0
    assert "#night" in result.log


def test_entries_that_are_not_questions_are_findings_with_lines():
    questions, findings = common_questions.parse("q.yml", QUESTIONS + "- question: No answer?\n- just words\n")
    assert [q.answer for q in questions] == ["patients/treatment.md#chemotherapy", "patients/help.md#night"]
    assert [(f.line, f.rule) for f in findings] == [(5, "questions-entry"), (6, "questions-entry")]


def test_the_projects_questions_name_sections_of_patient_pages():
    path = ROOT / "includes" / "common-questions.yml"
    questions, findings = common_questions.parse(path.name, path.read_text(encoding="utf-8"))
    assert findings == [] and len(questions) >= 6
    for question in questions:
        source, anchor = question.answer.split("#")
        assert source.startswith("patients/") and (ROOT / "docs" / source).is_file(), question
        assert f"{{#{anchor}}}" in (ROOT / "docs" / source).read_text(encoding="utf-8"), question
