"""The out-of-date check: a planted change to an English page is named, with what changed, at once
as a warning and as an error once it is older than the audience's grace period."""

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from pancreas_kb.checker import translations
from pancreas_kb.domain import findings, frontmatter, page_record, translation
from pancreas_kb.tools import translate
from tests.sitebuilder import page

TODAY = dt.date(2026, 6, 1)
ENGLISH = "patients/p.md"
SPANISH = "es/patients/p.md"
BODY = "The cancer has spread.\n\nAsk your care team about pain."


def git(root: Path, *args: str, date: str = "2026-05-01T12:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def write(root: Path, src_uri: str, text: str) -> None:
    path = root / "docs" / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def english(body: str = BODY) -> str:
    return page("Pain", body=body)


def spanish(recorded: str) -> str:
    return page("Dolor", body="El cáncer se extendió.", translation_of=ENGLISH, translated_from=recorded)


def digest(text: str) -> str:
    parsed, _ = frontmatter.read("x", text)
    return translation.source_digest(parsed)


@pytest.fixture
def project(tmp_path):
    """A git checkout where the translation was made from the committed English page."""
    git(tmp_path, "init", "-q")
    write(tmp_path, ENGLISH, english())
    write(tmp_path, SPANISH, spanish(digest(english())))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "Pain page and its translation", date="2026-04-01T12:00:00")
    return tmp_path


def check(root: Path, today: dt.date = TODAY) -> list[findings.Finding]:
    records = {}
    for src_uri in (ENGLISH, SPANISH):
        data = (root / "docs" / src_uri).read_bytes()
        records[src_uri] = page_record.build(f"docs/{src_uri}", src_uri, data, today, root / "docs", None)
    return translations.run(root, "docs/", records, today)


def test_a_translation_of_the_english_page_as_it_is_passes(project):
    assert check(project) == []


def test_an_english_change_not_yet_committed_is_a_warning_listing_the_change(project):
    write(project, ENGLISH, english(BODY.replace("about pain.", "about pain and sleep.")))
    (finding,) = check(project)
    assert (finding.path, finding.rule, finding.severity) == (
        "docs/es/patients/p.md",
        "translation-outdated",
        "warning",
    )
    assert finding.line == 7  # translated_from
    assert "docs/patients/p.md has changed since this page was translated from it" in finding.message
    assert "0 days ago; after 30 days it is an error" in finding.message
    assert "    -Ask your care team about pain." in finding.message
    assert "    +Ask your care team about pain and sleep." in finding.message
    assert "make translated PAGE=docs/es/patients/p.md" in finding.message


@pytest.mark.parametrize(
    "committed, severity", [("2026-05-03", "warning"), ("2026-05-02", "warning"), ("2026-05-01", "error")]
)
def test_a_change_to_a_patient_page_fails_after_30_days(project, committed, severity):
    write(project, ENGLISH, english(BODY + "\n\nNew advice."))
    git(project, "commit", "-qam", "New advice", date=f"{committed}T12:00:00")
    (finding,) = check(project)
    assert finding.severity == severity
    assert f"{(TODAY - dt.date.fromisoformat(committed)).days} days ago" in finding.message


def test_the_translated_version_is_found_behind_later_changes(project):
    write(project, ENGLISH, english(BODY + "\n\nFirst change."))
    git(project, "commit", "-qam", "First", date="2026-05-20T12:00:00")
    write(project, ENGLISH, english(BODY + "\n\nSecond change."))
    git(project, "commit", "-qam", "Second", date="2026-05-25T12:00:00")
    (finding,) = check(project)
    assert "12 days ago" in finding.message  # since the first change after the translated version
    assert "+Second change." in finding.message and "First change." not in finding.message


def test_a_digest_no_version_ever_had_is_an_error(project):
    write(project, SPANISH, spanish("sha256:" + "0" * 64))
    (finding,) = check(project)
    assert (finding.rule, finding.severity) == ("translation-source-unknown", "error")


def test_outside_git_the_change_is_still_a_warning(tmp_path):
    write(tmp_path, ENGLISH, english())
    write(tmp_path, SPANISH, spanish(digest(english(BODY + " Before."))))
    (finding,) = check(tmp_path)
    assert (finding.rule, finding.severity) == ("translation-outdated", "warning")
    assert "no git history here" in finding.message


def test_recording_a_translation_makes_it_current(project):
    write(project, ENGLISH, english(BODY + "\n\nNew advice."))
    assert check(project)
    status, _ = translate.record(project, project / "docs" / SPANISH)
    assert status == 0
    assert check(project) == []


def test_a_new_translation_starts_from_the_english_page(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nnav:\n  - Home: index.md\n  - patients/p.md\n", encoding="utf-8"
    )
    write(tmp_path, ENGLISH, english())
    status, message = translate.new(tmp_path, ENGLISH, translate.languages.LANGUAGES["es"])
    assert status == 0, message
    created, problems = frontmatter.read("x", (tmp_path / "docs" / SPANISH).read_text(encoding="utf-8"))
    assert problems == []
    assert created.meta["translation_of"] == ENGLISH
    assert created.meta["translated_from"] == digest(english())
    assert created.meta["review_status"] == "submitted"
    assert "The cancer has spread." in created.body
    assert "  - Español:\n      - es/patients/p.md\n" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert translate.new(tmp_path, ENGLISH, translate.languages.LANGUAGES["es"])[0] == 1  # never overwritten


def test_the_checker_measures_a_spanish_patient_page_in_spanish():
    from pancreas_kb.checker.check import audience_rules

    hard = (
        "La quimioterapia paliativa administrada concomitantemente con inmunoterapia experimental "
        "demostró beneficios estadísticamente significativos en supervivencia."
    )
    text = page("Dolor", body=hard, translation_of=ENGLISH, translated_from="sha256:" + "0" * 64)
    record = page_record.build(f"docs/{SPANISH}", SPANISH, text.encode(), TODAY, None, None)
    assert [f.rule for f in audience_rules(record)] == ["readability-inflesz"]


def test_a_new_translation_links_to_spanish_pages_that_exist_and_english_pages_otherwise(tmp_path):
    write(tmp_path, "es/patients/pain.md", "x")
    body = "See [pain](pain.md#relief), [tests](tests.md), [the glossary](../reference/glossary.md) and [NCI](https://www.cancer.gov/x.md)."
    spanish = translate.languages.LANGUAGES["es"]
    assert translate.relinked(body, "patients/p.md", spanish, tmp_path / "docs") == (
        "See [pain](pain.md#relief), [tests](../../patients/tests.md), "
        "[the glossary](../../reference/glossary.md) and [NCI](https://www.cancer.gov/x.md)."
    )


def test_history_lists_each_commit_of_the_page_newest_first_with_its_text(project):
    write(project, "other.md", "x")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Another page only", date="2026-04-15T12:00:00")
    (project / "docs" / ENGLISH).unlink()  # a page no longer in the working tree still has its history
    git(project, "commit", "-qam", "Pain page removed", date="2026-05-01T12:00:00")
    commits = subprocess.run(
        ["git", "-C", str(project), "log", "--format=%H"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert translations.history(project, f"docs/{ENGLISH}") == [
        translations.Version(commits[0], dt.date(2026, 5, 1), None),  # the page did not exist
        translations.Version(commits[2], dt.date(2026, 4, 1), english()),
    ]


def test_outside_git_there_is_no_history(tmp_path):
    assert translations.history(tmp_path, f"docs/{ENGLISH}") is None


def test_a_hung_git_is_given_up_within_a_minute(monkeypatch, tmp_path):
    waited = []

    def hung(command, **options):
        if options.get("timeout") is None:
            pytest.fail("git hung and the checker would wait for ever")
        waited.append(options["timeout"])
        raise subprocess.TimeoutExpired(command, options["timeout"])

    monkeypatch.setattr(translations.subprocess, "run", hung)
    assert translations.history(tmp_path, f"docs/{ENGLISH}") is None
    assert 0 < waited[0] <= 60


def test_every_outdated_translation_is_reported_and_current_ones_are_not(tmp_path):
    records = {}
    for name, current in (("a.md", True), ("b.md", False), ("c.md", False)):
        text = page(name, body=BODY)
        records[f"patients/{name}"] = page_record.build(
            f"docs/patients/{name}", f"patients/{name}", text.encode(), TODAY, None, None
        )
        recorded = digest(text) if current else "sha256:" + "0" * 64
        es = page(name, body="El cáncer.", translation_of=f"patients/{name}", translated_from=recorded)
        records[f"es/patients/{name}"] = page_record.build(
            f"docs/es/patients/{name}", f"es/patients/{name}", es.encode(), TODAY, None, None
        )
    found = translations.run(tmp_path, "docs/", records, TODAY)
    assert [(f.path, f.rule) for f in found] == [
        ("docs/es/patients/b.md", "translation-outdated"),
        ("docs/es/patients/c.md", "translation-outdated"),
    ]
    assert found[0].message.startswith("docs/patients/b.md has changed since this page was translated (no git")
