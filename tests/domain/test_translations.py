"""Languages, translation front matter (one failing and one passing case per rule), translated
strings, and Spanish reading ease at and around its limit."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pancreas_kb.checker import readability
from pancreas_kb.domain import frontmatter, languages, page_record, schema, theme, translation

TODAY = dt.date(2026, 6, 1)
OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
DIGEST = "sha256:" + "a" * 64


def test_a_page_is_in_the_language_of_its_folder():
    assert languages.of("es/patients/what-it-means.md").code == "es"
    assert languages.of("patients/what-it-means.md") is languages.DEFAULT
    assert languages.of("establishing.md") is languages.DEFAULT  # a name that starts like a folder
    assert languages.english("es/patients/x.md") == "patients/x.md"
    assert languages.english("patients/x.md") == "patients/x.md"  # an English page is its own
    spanish = languages.LANGUAGES["es"]
    assert spanish.page("patients/x.md") == "es/patients/x.md"
    assert spanish.file("includes/glossary.yml") == "includes/glossary.es.yml"
    assert languages.DEFAULT.file("includes/glossary.yml") == "includes/glossary.yml"
    assert spanish.file("pagefind/synonyms.v2.json") == "pagefind/synonyms.v2.es.json"  # before the last extension
    assert spanish.file("includes/CHANGES") == "includes/CHANGES.es"  # no extension: at the end
    assert languages.DEFAULT.file("includes/CHANGES") == "includes/CHANGES"


def _page(meta: dict, body: str = "\n# T\n\nText.\n", path: str = "docs/p.md") -> frontmatter.Page:
    text = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n{body}"
    page, problems = frontmatter.read(path, text)
    assert problems == []
    return page


BASE = {"title": "T", "description": "D.", "audience": "patient", "review_status": "submitted"}


def test_the_source_digest_covers_what_is_translated_and_nothing_else():
    page = _page(BASE)
    same = _page({**BASE, "review_status": "under-review", "evidence_checked": "2026-01-01"}, "\n# T\n\n  Text.\n")
    assert translation.source_digest(page) == translation.source_digest(same)
    for changed in (
        _page({**BASE, "title": "U"}),
        _page({**BASE, "description": "E."}),
        _page(BASE, "\n# T\n\nNew.\n"),
    ):
        assert translation.source_digest(changed) != translation.source_digest(page)


def test_a_translator_translates_the_title_the_description_and_the_body():
    assert translation.source_text(_page(BASE)) == "T\nD.\n\n# T\n\nText."
    untitled = _page({key: value for key, value in BASE.items() if key not in ("title", "description")})
    assert translation.source_text(untitled) == "\n\n\n# T\n\nText."


def test_the_source_digest_is_the_sha256_of_the_words_single_spaced():
    # printf 'T D. # T Text.' | sha256sum
    assert translation.source_digest(_page(BASE, "\n# T\n\n\tText.  \n")) == (
        "sha256:35d31c3ad33b82e8602369f06853661c136cc873930f939a179f14f2719f5727"
    )


def _rules(rule, meta: dict, src_uri: str, docs_dir=None):
    page = _page(meta, path=f"docs/{src_uri}")
    return [(f.line, f.rule) for f in rule(page, today=TODAY, docs_dir=docs_dir, src_uri=src_uri)]


def test_a_page_in_a_language_folder_must_say_what_it_translates():
    assert _rules(schema.translation_fields, BASE, "es/patients/p.md") == [
        (1, "front-matter-translation"),
        (1, "front-matter-translation"),
    ]
    meta = {**BASE, "translation_of": "patients/p.md", "translated_from": DIGEST}
    assert _rules(schema.translation_fields, meta, "es/patients/p.md") == []


def test_an_english_page_translates_nothing():
    meta = {**BASE, "translation_of": "patients/p.md"}
    assert _rules(schema.translation_fields, meta, "patients/q.md") == [(6, "front-matter-translation")]
    assert _rules(schema.translation_fields, BASE, "patients/q.md") == []


def test_translation_of_names_an_english_page(tmp_path):
    (tmp_path / "patients").mkdir()
    (tmp_path / "patients" / "p.md").write_text("x")
    (tmp_path / "es" / "patients").mkdir(parents=True)
    (tmp_path / "es" / "patients" / "q.md").write_text("x")
    good = {**BASE, "translation_of": "patients/p.md"}
    assert _rules(schema.translation_source, good, "es/patients/p.md", tmp_path) == []
    for source in ("patients/missing.md", "es/patients/q.md", "../outside.md", ["patients/p.md"]):
        bad = {**BASE, "translation_of": source}
        assert _rules(schema.translation_source, bad, "es/patients/p.md", tmp_path) == [
            (6, "front-matter-translation-of")
        ], source


@pytest.mark.parametrize("value", ["sha256:abc", "abc", 12, None, ["sha256:" + "a" * 64]])
def test_translated_from_must_be_a_digest(value):
    meta = {**BASE, "translated_from": value}
    assert _rules(schema.translated_from_field, meta, "es/p.md") == [(6, "front-matter-type")]
    assert _rules(schema.translated_from_field, {**BASE, "translated_from": DIGEST}, "es/p.md") == []


def _record(src_uri: str, meta: dict, body: str = "\n# T\n\nText.\n") -> page_record.PageRecord:
    meta = {**meta, "evidence_checked": dt.date(2026, 5, 1)}
    text = f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n{body}"
    return page_record.build(f"docs/{src_uri}", src_uri, text.encode(), TODAY, None, None)


def test_links_pair_each_translation_with_its_english_page_once_per_language():
    english = _record("patients/p.md", BASE)
    current = translation.source_digest(english.front)
    meta = {**BASE, "translation_of": "patients/p.md", "translated_from": current}
    records = {
        "patients/p.md": english,
        "es/patients/p.md": _record("es/patients/p.md", meta),
        "es/patients/copy.md": _record("es/patients/copy.md", {**meta, "translated_from": DIGEST}),
    }
    links, findings = translation.links(records)
    assert [(link.translation, link.source, link.outdated) for link in links] == [
        ("es/patients/copy.md", "patients/p.md", True)
    ]
    assert [(f.path, f.rule) for f in findings] == [("docs/es/patients/p.md", "translation-duplicate")]


def test_each_link_records_both_pages_its_language_and_both_digests_and_a_second_translation_is_named():
    english = _record("patients/p.md", BASE)
    current = translation.source_digest(english.front)
    meta = {**BASE, "translation_of": "patients/p.md", "translated_from": DIGEST}
    records = {
        "patients/p.md": english,
        "es/patients/a.md": _record("es/patients/a.md", meta),
        "es/patients/b.md": _record("es/patients/b.md", {**meta, "translated_from": current}),
        "es/patients/c.md": _record("es/patients/c.md", {**meta, "translation_of": "patients/missing.md"}),
        "es/patients/d.md": _record("es/patients/d.md", {**meta, "translation_of": 3}),
        "es/patients/d2.md": _record("es/patients/d2.md", {**meta, "translation_of": ["patients/p.md"]}),
        # the schema refused its front matter: no trust, so no link and no duplicate
        "es/patients/e.md": _record("es/patients/e.md", {**meta, "review_status": "bogus"}),
        "es/patients/f.md": _record("es/patients/f.md", {**meta, "translation_of": "patients/broken.md"}),
        "patients/q.md": _record("patients/q.md", BASE),
        "es/patients/q.md": _record("es/patients/q.md", {**meta, "translation_of": "patients/q.md"}),
        "patients/broken.md": page_record.build(
            "docs/patients/broken.md", "patients/broken.md", b"---\n[\n", TODAY, None, None
        ),
    }
    assert records["es/patients/e.md"].trust is None and records["patients/broken.md"].front is None
    links, findings = translation.links(records)
    assert links == [
        translation.Link("es/patients/a.md", "patients/p.md", languages.LANGUAGES["es"], DIGEST, current),
        # after a refused second translation, the others are still linked
        translation.Link("es/patients/q.md", "patients/q.md", languages.LANGUAGES["es"], DIGEST, current),
    ]
    assert links[0].outdated
    assert not translation.Link("es/p.md", "p.md", languages.LANGUAGES["es"], current, current).outdated
    assert [f.text() for f in findings] == [
        "docs/es/patients/b.md:6: translation-duplicate: translation_of: patients/p.md is already translated by "
        "docs/es/patients/a.md; keep one translation of each page per language"
    ]


# --- translated strings --------------------------------------------------------------------------

ENGLISH = theme.load_strings(OVERRIDES / theme.STRINGS_FILE)


def test_the_spanish_strings_define_every_id_once_with_the_tables_wording():
    spanish = theme.load_translated_strings(OVERRIDES / "strings.es.yml", ENGLISH)
    globals_ = theme.template_globals(spanish, languages.LANGUAGES["es"])
    assert globals_["states"]["submitted"].label == "Enviada, sin revisar todavía"
    assert globals_["states"]["submitted"].tone == "caution"  # only the wording changes
    assert [a.reader for a in globals_["choosable"]] == ["Paciente o familiar", "Profesional de la salud"]
    assert globals_["date"](dt.date(2026, 3, 1)) == "1 de marzo de 2026"
    assert theme.template_globals(ENGLISH)["date"](dt.date(2026, 3, 1)) == "1 March 2026"


def test_a_translated_strings_file_missing_or_adding_an_id_fails(tmp_path):
    spanish = yaml.safe_load((OVERRIDES / "strings.es.yml").read_text(encoding="utf-8"))
    del spanish["cite"]["summary"]
    spanish["cite"]["extra"] = "x"
    del spanish["states"]["approved"]["label"]
    bad = tmp_path / "strings.es.yml"
    bad.write_text(yaml.safe_dump(spanish, allow_unicode=True), encoding="utf-8")
    with pytest.raises(theme.StringsError) as raised:
        theme.load_translated_strings(bad, ENGLISH)
    message = str(raised.value)
    assert "missing: cite.summary, states.approved.label" in message
    assert "not in strings.yml: cite.extra" in message


# --- Spanish reading ease -----------------------------------------------------------------------

EASY = "El cáncer se ha extendido. Su médico le dirá qué hacer. Pregunte lo que quiera saber."
HARD = (
    "La quimioterapia paliativa administrada concomitantemente con inmunoterapia experimental "
    "demostró beneficios estadísticamente significativos en supervivencia."
)


def _spanish_page(body: str) -> frontmatter.Page:
    return _page(BASE, f"\n{body}\n", path="docs/es/p.md")


def test_inflesz_bands_follow_the_published_scale():
    assert [readability.inflesz_band(s) for s in (100, 80, 79.9, 65, 64.9, 55, 54.9, 40, 39.9, -5)] == [
        "muy fácil",
        "muy fácil",
        "bastante fácil",
        "bastante fácil",
        "normal",
        "normal",
        "algo difícil",
        "algo difícil",
        "muy difícil",
        "muy difícil",
    ]


def test_spanish_pages_are_measured_with_szigriszt_pazos():
    spanish = languages.LANGUAGES["es"]
    assert readability.inflesz(EASY) >= 80
    assert readability.page_grade(_spanish_page(EASY), spanish) == []
    (finding,) = readability.page_grade(_spanish_page(HARD), spanish)
    assert finding.rule == "readability-inflesz" and "muy difícil on the INFLESZ scale" in finding.message
    # es (1) + u-na (2) + ca-sa (2) syllables, 3 words, 1 sentence.
    assert readability.inflesz("Es una casa.") == pytest.approx(206.835 - 62.3 * 5 / 3 - 3)


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("una", 2),  # a vowel alone is a syllable (hyphenation would not split it)
        ("páncreas", 3),  # hiatus of two strong vowels: pán-cre-as
        ("leer", 2),  # a doubled vowel: le-er
        ("día", 2),  # an accented i is strong: dí-a
        ("cuidado", 3),  # diphthong ui: cui-da-do
        ("quimioterapia", 5),  # silent u after q; diphthongs io, ia
        ("pingüino", 3),  # ü is pronounced: pin-güi-no
        ("ahora", 3),  # h does not separate or join: a-ho-ra
        ("muy", 1),  # y closes a diphthong at the end of a word
        ("y", 1),
    ],
)
def test_spanish_syllables_follow_diphthong_and_hiatus(word, syllables):
    assert readability.spanish_syllables(word) == syllables


@pytest.mark.parametrize("score, fails", [(65.0, False), (64.99, True), (65.01, False), (30.0, True)])
def test_the_spanish_limit_is_bastante_facil(monkeypatch, score, fails):
    monkeypatch.setattr(readability, "inflesz", lambda markdown: score)
    findings = readability.page_grade(_spanish_page("Texto."), languages.LANGUAGES["es"])
    assert bool(findings) is fails


def test_the_command_line_reports_each_page_in_its_own_measure():
    assert readability.report("docs/es/patients/p.md", EASY).startswith("docs/es/patients/p.md: Szigriszt-Pazos ")
    assert readability.report("docs/patients/p.md", "The cancer has spread.").startswith("docs/patients/p.md: grade ")
