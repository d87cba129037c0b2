"""The out-of-date translation findings in full, from given English versions (no git needed)."""

import datetime as dt

import pytest

from pancreas_kb.checker import translations
from pancreas_kb.checker.translations import Version
from pancreas_kb.domain import languages, page_record, translation
from pancreas_kb.domain.findings import ERROR, WARNING, Finding
from tests.checker.test_translations import BODY, ENGLISH, SPANISH, TODAY, digest, english
from tests.sitebuilder import page

OLD = english()
NEW = english(BODY.replace("about pain.", "about pain and sleep."))
UPDATE = "bring the translation up to date with the English page, then run make translated PAGE=docs/es/patients/p.md"
DIFF = (
    "    --- translated version\n    +++ now\n    @@ -7,2 +7,2 @@\n     \n"
    "    -Ask your care team about pain.\n    +Ask your care team about pain and sleep."
)


def outdated(versions, audience="patient"):
    recorded = digest(OLD)
    text = page("Dolor", audience=audience, body="El cáncer.", translation_of=ENGLISH, translated_from=recorded)
    record = page_record.build(f"docs/{SPANISH}", SPANISH, text.encode(), TODAY, None, None)
    link = translation.Link(SPANISH, ENGLISH, languages.LANGUAGES["es"], recorded, digest(NEW))
    return translations.outdated(link, record, "docs/patients/p.md", NEW, versions, TODAY)


def test_a_current_translation_has_no_finding():
    text = page("Dolor", body="El cáncer.", translation_of=ENGLISH, translated_from=digest(NEW))
    record = page_record.build(f"docs/{SPANISH}", SPANISH, text.encode(), TODAY, None, None)
    link = translation.Link(SPANISH, ENGLISH, languages.LANGUAGES["es"], digest(NEW), digest(NEW))
    assert translations.outdated(link, record, "docs/patients/p.md", NEW, None, TODAY) == []


def test_without_history_the_change_is_a_warning_at_the_digest_line():
    assert outdated(None) == [
        Finding(
            "docs/es/patients/p.md",
            7,
            "translation-outdated",
            "docs/patients/p.md has changed since this page was translated (no git history here to say what "
            f"changed); {UPDATE}",
            WARNING,
        )
    ]


def test_a_digest_no_committed_version_has_is_an_error():
    assert outdated([Version("a" * 40, dt.date(2026, 5, 1), NEW), Version("b" * 40, dt.date(2026, 4, 1), None)]) == [
        Finding(
            "docs/es/patients/p.md",
            7,
            "translation-source-unknown",
            "translated_from: no committed version of docs/patients/p.md has this digest, so no one can tell what "
            "the translation follows; compare it with the English page, then run make translated "
            "PAGE=docs/es/patients/p.md",
            ERROR,
        )
    ]


@pytest.mark.parametrize(
    ("changed", "age", "limit", "severity"),
    [
        (dt.date(2026, 5, 2), 30, "; after 30 days it is an error", WARNING),
        (dt.date(2026, 5, 1), 31, "", ERROR),
    ],
)
def test_a_committed_change_becomes_an_error_after_the_grace_period(changed, age, limit, severity):
    versions = [Version("b" * 40, changed, NEW), Version("0123456789abcdef", dt.date(2026, 4, 1), OLD)]
    assert outdated(versions) == [
        Finding(
            "docs/es/patients/p.md",
            7,
            "translation-outdated",
            "docs/patients/p.md has changed since this page was translated from it (commit 0123456789 of "
            f"2026-04-01), {age} days ago{limit}; {UPDATE}. Changes in English since:\n{DIFF}",
            severity,
        )
    ]


def test_a_change_not_committed_yet_is_todays():
    [finding] = outdated([Version("0123456789abcdef", dt.date(2026, 4, 1), OLD)])
    assert (finding.severity, finding.message.split("), ")[1].split(";")[0]) == (WARNING, "0 days ago")


def test_on_an_audience_without_a_grace_period_a_change_stays_a_warning():
    versions = [Version("b" * 40, dt.date(2025, 1, 1), NEW), Version("0123456789abcdef", dt.date(2024, 4, 1), OLD)]
    [finding] = outdated(versions, audience="clinician")
    assert finding.severity == WARNING
    assert "(commit 0123456789 of 2024-04-01), 516 days ago; bring the translation" in finding.message


def test_the_base_is_the_newest_version_with_the_digest_and_the_change_the_first_text_after_it():
    base = Version("c1", dt.date(2026, 1, 1), OLD)
    versions = [
        Version("c5", dt.date(2026, 5, 1), NEW),
        Version("c4", dt.date(2026, 4, 1), OLD + "\nMore."),
        Version("c3", dt.date(2026, 3, 1), None),  # the file did not exist: no change to read
        Version("c2", dt.date(2026, 2, 1), OLD),
        base,
    ]
    assert translations.base_version(versions, "docs/patients/p.md", digest(OLD)) == (versions[3], dt.date(2026, 4, 1))
    assert translations.base_version(versions[2:], "docs/patients/p.md", digest(OLD)) == (versions[3], None)
    assert translations.base_version(versions, "docs/patients/p.md", "sha256:x") == (None, None)


def _diff(after_extra: str = ""):
    """28 lines changed: a diff of exactly 60 lines, one more with `after_extra`."""
    before = english("\n".join(f"Line {i}." for i in range(28)))
    after = english("\n".join(f"Row {i}." for i in range(28)) + after_extra)
    return translations.english_diff("p.md", before, after)


def test_the_english_diff_is_shown_whole_up_to_60_lines():
    lines = _diff()
    assert len(lines) == 60
    assert lines[:4] == ["--- translated version", "+++ now", "@@ -5,29 +5,29 @@", " "]
    assert lines[-1] == "+Row 27."


def test_the_english_diff_is_cut_after_60_lines():
    lines = _diff("\nExtra.")
    assert len(lines) == 61
    assert lines[-2:] == ["+Row 27.", "... 1 more lines"]  # "+Extra." is left to git diff


def test_an_english_page_without_front_matter_diffs_as_empty():
    assert translations.english_diff("p.md", "no front matter", english("One.")) == [
        "--- translated version",
        "+++ now",
        "@@ -0,0 +1,6 @@",
        "+Pain",
        "+About pain.",
        "+",
        "+# Pain",
        "+",
        "+One.",
    ]


def test_an_english_page_whose_front_matter_broke_diffs_as_empty():
    assert translations.english_diff("p.md", english("One."), "---\ntitle: [\n---\n") == [
        "--- translated version",
        "+++ now",
        "@@ -1,6 +0,0 @@",
        "-Pain",
        "-About pain.",
        "-",
        "-# Pain",
        "-",
        "-One.",
    ]
