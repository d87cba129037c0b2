"""The Common questions part (plugin/common_questions.py): the data file read once per build, its
problems logged as errors, and the list written where a page asks for it."""

from types import SimpleNamespace

import pytest

from pancreas_kb.domain import common_questions
from pancreas_kb.plugin import common_questions as part

QUESTIONS = "- question: Who helps [at night]?\n  answer: about/help.md#night\n"
LIST = '<div class="kb-common-questions" markdown>\n\n- [Who helps \\[at night\\]?](../about/help.md#night)\n\n</div>'


@pytest.fixture(autouse=True)
def no_questions_before(monkeypatch):
    monkeypatch.setattr(part, "_questions", [])


def _config(root):
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"))


def _page(src_uri):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def _write(root, data: bytes):
    (root / "includes").mkdir()
    (root / "includes" / "common-questions.yml").write_bytes(data)


def _errors(caplog):
    return [(r.levelname, r.getMessage()) for r in caplog.records]


def test_the_questions_file_fills_the_marker_of_the_page_that_asks(tmp_path, caplog):
    _write(tmp_path, QUESTIONS.encode())
    part.on_pre_build(_config(tmp_path))
    markdown = f"Start here.\n\n{common_questions.MARKER}\n"
    assert part.on_page_markdown(markdown, _page("patients/index.md"), None, None) == f"Start here.\n\n{LIST}\n"
    assert _errors(caplog) == []


def test_a_page_without_the_marker_is_left_as_it_is(tmp_path, caplog):
    part.on_pre_build(_config(tmp_path))
    assert part.on_page_markdown("Text.\n", _page("index.md"), None, None) == "Text.\n"
    assert _errors(caplog) == []


def test_each_problem_of_the_file_is_an_error_and_the_good_questions_are_still_listed(tmp_path, caplog):
    _write(tmp_path, QUESTIONS.encode() + b"- question: caf\xe9?\n  answer: about/help.md\n")
    part.on_pre_build(_config(tmp_path))
    filled = part.on_page_markdown(common_questions.MARKER, _page("patients/index.md"), None, None)
    assert filled == LIST
    assert _errors(caplog) == [
        (
            "ERROR",
            "includes/common-questions.yml:3: file-encoding: byte 79 (0xe9) is not UTF-8 (invalid continuation "
            "byte); save the file as UTF-8",
        ),
        (
            "ERROR",
            "includes/common-questions.yml:3: questions-entry: write - question: the words a family would use; "
            "answer: section/page.md#section",
        ),
    ]


def test_a_page_asking_for_questions_no_file_lists_is_an_error_at_its_first_line(tmp_path, caplog):
    _write(tmp_path, QUESTIONS.encode())
    part.on_pre_build(_config(tmp_path))
    (tmp_path / "includes" / "common-questions.yml").unlink()
    part.on_pre_build(_config(tmp_path))  # the next build, without the file: no questions from the one before
    assert part.on_page_markdown(common_questions.MARKER, _page("patients/index.md"), None, None) == (
        '<div class="kb-common-questions" markdown>\n\n\n\n</div>'
    )
    assert _errors(caplog) == [
        ("ERROR", "docs/patients/index.md:1: questions-missing: includes/common-questions.yml lists no questions")
    ]
