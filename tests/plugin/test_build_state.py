"""What the parts of one build share, and what a `mkdocs serve` process keeps between rebuilds."""

import hashlib
import os

import jinja2
import pytest

from pancreas_kb.plugin import build_state


@pytest.fixture
def options(monkeypatch):
    fresh = build_state.Options()
    monkeypatch.setattr(build_state, "options", fresh)
    return fresh


def test_without_the_plugins_options_every_optional_part_runs_in_a_build_but_not_under_serve(options):
    assert options.get("minify") is None and options.get("minify", 3) == 3
    assert build_state.runs("review_packets") is True
    options.serving = True
    assert build_state.runs("review_packets") is False


def test_an_option_is_read_from_the_plugins_configuration(options):
    options.config = {"minify": False, "search_index": True, "serve_full": True}
    assert options.get("minify", True) is False
    assert build_state.runs("minify") is False and build_state.runs("search_index") is True
    options.serving = True
    assert build_state.runs("search_index") is True and build_state.runs("minify") is False


def test_a_value_is_made_again_only_when_what_it_is_made_from_changes(monkeypatch):
    monkeypatch.setattr(build_state, "_kept", {})
    made = []

    def make(value):
        return lambda: made.append(value) or value

    assert build_state.kept("library", ("refs.bib", 1), make("first")) == "first"
    assert build_state.kept("library", ("refs.bib", 1), make("again")) == "first"
    assert build_state.kept("glossary", ("refs.bib", 1), make("other name")) == "other name"
    assert build_state.kept("library", ("refs.bib", 2), make("changed")) == "changed"
    assert build_state.kept("library", ("refs.bib", 2), make("unchanged")) == "changed"
    assert made == ["first", "other name", "changed"]


def test_the_digest_is_the_sha256_of_the_bytes():
    assert build_state.digest(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert build_state.digest(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_a_folders_state_changes_when_a_file_in_it_is_saved(tmp_path):
    assert build_state.folder_state(tmp_path / "missing") == ()
    (tmp_path / "b.yml").write_text("bb", encoding="utf-8")
    (tmp_path / "a.yml").write_text("a", encoding="utf-8")
    os.utime(tmp_path / "a.yml", ns=(1, 1_000_000_000))
    os.utime(tmp_path / "b.yml", ns=(1, 2_000_000_000))
    assert build_state.folder_state(tmp_path) == (("a.yml", 1, 1_000_000_000), ("b.yml", 2, 2_000_000_000))


def _environment(cache, source="Hello {{ name }}"):
    return jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), bytecode_cache=cache)


def test_a_template_is_compiled_once_per_process_and_again_when_edited(monkeypatch):
    cache = build_state.Templates()
    assert cache.compiled == {}
    assert _environment(cache).get_template("page.html").render(name="A") == "Hello A"
    assert len(cache.compiled) == 1
    rebuild = _environment(cache)  # MkDocs loads the theme anew on each rebuild
    monkeypatch.setattr(rebuild, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert rebuild.get_template("page.html").render(name="B") == "Hello B"
    edited = _environment(cache, "Bye {{ name }}")
    assert edited.get_template("page.html").render(name="C") == "Bye C"
