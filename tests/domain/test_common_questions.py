"""Common questions (domain/common_questions.py): the data file read with a finding per bad entry, and
the list of links written into a page."""

from pancreas_kb.domain import common_questions
from pancreas_kb.domain.common_questions import Question
from pancreas_kb.domain.findings import Finding

ENTRY_HINT = "write - question: the words a family would use; answer: section/page.md#section"


def test_each_question_keeps_its_words_answer_and_line_without_surrounding_spaces():
    text = (
        "# The questions families bring first\n"
        '- question: "  Which treatment [first]?  "\n'
        '  answer: " patients/treatment.md#chemotherapy "\n'
        "- question: Who do we call at night?\n"
        "  answer: patients/help.md#night\n"
    )
    assert common_questions.parse("q.yml", text) == (
        [
            Question("Which treatment [first]?", "patients/treatment.md#chemotherapy", 2),
            Question("Who do we call at night?", "patients/help.md#night", 4),
        ],
        [],
    )


def test_an_empty_file_has_no_questions_and_no_findings():
    assert common_questions.parse("q.yml", "") == ([], [])


def test_an_entry_that_is_not_a_question_with_a_section_link_is_a_finding_at_its_line():
    text = (
        "- question: No answer?\n"  # 1
        "- question: 42\n"  # 2: not words
        "  answer: patients/a.md#b\n"
        "- question: Whole page?\n"  # 4: no section
        "  answer: patients/a.md\n"
        "- question: A list answer?\n"  # 6
        "  answer: [patients/a.md#b]\n"
        "- just words\n"  # 8
        "- - nested\n"  # 9
        "- answer: patients/a.md#b\n"  # 10
        "- question: Kept?\n"  # 11
        "  answer: patients/a.md#b\n"
        "- 2026-02-30\n"  # 13: YAML reads it, but no such day exists
        "- question: [Why, how]\n"  # 14: a list, not words
        "  answer: patients/a.md#b\n"
        '- !!binary "%%%"\n'  # 16
    )
    questions, findings = common_questions.parse("includes/q.yml", text)
    assert questions == [Question("Kept?", "patients/a.md#b", 11)]
    assert findings == [
        Finding("includes/q.yml", line, "questions-entry", ENTRY_HINT) for line in (1, 2, 4, 6, 8, 9, 10, 13, 14, 16)
    ]


def test_a_file_that_is_not_a_list_is_one_finding_at_its_first_line():
    assert common_questions.parse("q.yml", "\n\nquestion: Why?\nanswer: patients/a.md#b\n") == (
        [],
        [Finding("q.yml", 3, "questions-entry", "the file is a list of questions")],
    )


def test_malformed_yaml_is_a_finding_at_the_line_the_reader_stopped_with_its_reason():
    questions, findings = common_questions.parse("q.yml", "- question: Why?\n  answer: [patients/a.md#b\n")
    assert questions == []
    assert findings == [
        Finding(
            "q.yml",
            3,
            "questions-yaml",
            "malformed YAML: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence on line 2); "
            "check indentation, quoting and colons",
        )
    ]


QUESTIONS = [
    Question("Which treatment [first]?", "patients/treatment.md#chemotherapy", 1),
    Question("Who helps?", "about/help.md#night", 3),
]


def test_the_questions_are_links_relative_to_the_page_with_brackets_kept_as_text():
    assert common_questions.render(QUESTIONS, "patients/index.md") == (
        '<div class="kb-common-questions" markdown>\n\n'
        "- [Which treatment \\[first\\]?](treatment.md#chemotherapy)\n"
        "- [Who helps?](../about/help.md#night)\n\n"
        "</div>"
    )


def test_only_the_first_hash_separates_the_page_from_its_anchor_which_is_kept_as_written():
    rendered = common_questions.render([Question("Odd?", "patients/a.md#b/../c#d", 1)], "about/index.md")
    assert "- [Odd?](../patients/a.md#b/../c#d)" in rendered


def test_from_a_page_at_the_top_of_docs_the_links_keep_their_folders():
    rendered = common_questions.render(QUESTIONS, "index.md")
    assert "(patients/treatment.md#chemotherapy)" in rendered and "(about/help.md#night)" in rendered


def test_the_list_replaces_the_first_marker_only():
    marker = common_questions.MARKER
    assert marker == "<!-- common-questions -->"
    filled = common_questions.fill(f"Intro.\n\n{marker}\n\nLater: {marker}\n", QUESTIONS[1:], "index.md")
    assert filled == (
        'Intro.\n\n<div class="kb-common-questions" markdown>\n\n- [Who helps?](about/help.md#night)\n\n</div>'
        f"\n\nLater: {marker}\n"
    )
