"""Patient pages read at grade 9 or lower (target 8): the limit, at and around it, on real text."""

import datetime as dt
import re

import pytest

from pancreas_kb.checker import readability
from pancreas_kb.checker.check import audience_rules
from pancreas_kb.domain import page_record
from tests.sitebuilder import page

# One-syllable words only, so a sentence of n words reads at Flesch-Kincaid grade
# 0.39 n + 11.8 - 15.59: 30 words -> 7.91, 31 -> 8.30, 32 -> 8.69, 33 -> 9.08, 34 -> 9.47.
WORDS = [
    "we",
    "will",
    "talk",
    "with",
    "you",
    "and",
    "your",
    "team",
    "as",
    "you",
    "plan",
    "what",
    "comes",
    "next",
    "for",
    "your",
    "care",
]


def sentences(words_each: int, count: int = 4) -> str:
    sentence = " ".join((WORDS * 3)[:words_each]).capitalize() + "."
    return " ".join([sentence] * count)


def grade_findings(body: str, audience: str = "patient"):
    text = page("Care", audience=audience, body=body)
    record = page_record.build("docs/p.md", "p.md", text.encode(), dt.date(2026, 6, 1), None, None)
    return [f for f in audience_rules(record) if f.rule == "readability-grade"]


@pytest.mark.parametrize(
    "words_each, grade",
    [(30, 7.91), (31, 8.30), (32, 8.69), (33, 9.08), (34, 9.47), (41, 12.20)],
)
def test_grade_of_plain_sentences(words_each, grade):
    assert readability.grade(sentences(words_each)) == pytest.approx(grade)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("pancreas", 3),  # hyphenation, the fallback for a word not in the dictionary, finds 2
        ("every", 3),  # its first pronunciation; the second, "ev-ry", has 2
        ("chemotherapy", 5),
        ("aalborg", 2),  # its line in the dictionary ends in a comment
        ("read's", 1),
    ],
)
def test_english_syllables_are_the_dictionarys_first_pronunciation(word, syllables):
    assert readability.textstat.syllable_count(word) == syllables


@pytest.mark.parametrize("words_each", [30, 31, 32])
def test_patient_page_at_or_below_grade_9_passes(words_each):
    assert grade_findings(sentences(words_each)) == []


@pytest.mark.parametrize("words_each", [33, 34, 41])
def test_patient_page_above_grade_9_is_reported_at_its_first_body_line(words_each):
    [finding] = grade_findings(sentences(words_each))
    assert (finding.path, finding.line, finding.severity) == ("docs/p.md", 8, "error")
    shown = re.search(r"reads at Flesch-Kincaid grade (\d+\.\d);", finding.message)
    assert shown and float(shown.group(1)) > 9
    assert "grade 9 or lower (target 8)" in finding.message


@pytest.mark.parametrize("value, reported", [(8.99, False), (9.0, False), (9.01, True)])
def test_grade_exactly_9_is_allowed(monkeypatch, value, reported):
    monkeypatch.setattr(readability, "grade", lambda body: value)
    assert bool(grade_findings("Any text.")) is reported


def test_only_plain_language_audiences_are_held_to_the_limit():
    hard = sentences(41)
    assert grade_findings(hard, "patient")
    assert grade_findings(hard, "clinician") == []


def test_markup_does_not_count_as_words():
    plain = sentences(32)
    marked = plain.replace("talk", "[talk](../x.md)", 1).replace("care.", "care [@smith2020trial].", 1)
    marked = "## Next steps {#next}\n\n" + marked + "\n\n```\n" + sentences(60, 1) + "\n```\n"
    assert readability.grade(marked) == pytest.approx(readability.grade("Next steps.\n\n" + plain))
    assert grade_findings(marked) == []


def test_list_items_and_headings_end_as_sentences():
    """Without a stop, a list would read as one long sentence and fail the page."""
    items = "\n".join(f"- {' '.join(WORDS[:8])}" for _ in range(10))
    assert readability.grade(items) < 5


def test_command_line_prints_each_pages_grade(tmp_path, capsys):
    assert readability.main([]) == 2
    assert "usage: python -m pancreas_kb.checker.readability FILE.md" in capsys.readouterr().err
    path = tmp_path / "p.md"
    path.write_text(page("Care", body=sentences(32)), encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: [\n---\nText.\n", encoding="utf-8")
    assert readability.main([str(path), str(tmp_path / "broken.md")]) == 0
    assert capsys.readouterr().out == f"{path}: grade 8.8\n{tmp_path / 'broken.md'}: grade 0.0\n"


# --- Spanish: syllables, the finding, the command line --------------------------------------------

SPANISH_HARD = (
    "La quimioterapia paliativa administrada concomitantemente con inmunoterapia experimental "
    "demostró beneficios estadísticamente significativos en supervivencia."
)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("ahumar", 2),  # an h between vowels does not part a diphthong: ahu-mar (RAE)
        ("prohibir", 2),  # prohi-bir
        ("rehusar", 2),  # rehu-sar
        ("búho", 2),  # but a hiatus stays one: bú-ho
        ("mayo", 2),  # y before a vowel is a consonant: ma-yo
        ("rugby", 2),  # y ends a word as a vowel after a consonant: rug-by
        ("que", 1),  # the silent u is no syllable of its own
        ("aquí", 2),
        ("guerra", 2),
    ],
)
def test_spanish_syllables_of_h_y_and_silent_u(word, syllables):
    assert readability.spanish_syllables(word) == syllables


def test_a_hard_spanish_page_is_reported_at_its_first_body_line_with_the_whole_message():
    page, _ = readability.read("docs/es/p.md", "---\ntitle: T\n---\n\n" + SPANISH_HARD + "\n")
    assert readability.page_grade(page, readability.languages.LANGUAGES["es"]) == [
        readability.Finding(
            "docs/es/p.md",
            4,
            "readability-inflesz",
            "reads at Szigriszt-Pazos -74.2 (muy difícil on the INFLESZ scale); Spanish patient pages must "
            "score 65 or more (bastante fácil): use shorter sentences and shorter, common words",
        )
    ]


def test_spanish_text_without_words_reads_as_easy_as_can_be():
    assert readability.inflesz("```\nx = 1\n```\n") == 100.0
    assert readability.report("docs/es/p.md", "") == "docs/es/p.md: Szigriszt-Pazos 100.0 (muy fácil)"


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/home/ana/docs/kb/docs/es/patients/p.md", "Szigriszt-Pazos 100.0 (muy fácil)"),  # a checkout in docs/
        ("/home/ana/docs/kb/docs/patients/p.md", "grade 0.0"),
        ("es/patients/p.md", "Szigriszt-Pazos 100.0 (muy fácil)"),  # run from inside docs/
    ],
)
def test_the_command_line_reads_the_language_after_the_last_docs_folder(path, shown):
    assert readability.report(path, "") == f"{path}: {shown}"


def test_the_command_line_without_files_prints_its_usage(capsys):
    assert readability.main([]) == 2
    assert capsys.readouterr().err == "usage: python -m pancreas_kb.checker.readability FILE.md [FILE.md ...]\n"


def test_prose_joins_each_unit_into_one_sentence_ended_once():
    markdown = "# Stage IX\n\nA first   line\ncontinued here.\n\n- An item\n- Done!\n"
    assert readability.prose(markdown) == "Stage IX. A first line continued here. An item. Done!"


def test_a_hard_patient_page_is_told_the_limit_and_the_remedy():
    [finding] = grade_findings(sentences(41))
    assert finding.message == (
        "reads at Flesch-Kincaid grade 12.3; patient pages must be grade 9 or lower (target 8): use shorter "
        "sentences and common words"
    )
