"""The moved_sections option: validated by MkDocs' config schema before any part reads it."""

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from pancreas_kb import plugin
from pancreas_kb.plugin import build_state, moved_sections


def _errors(**values) -> list[str]:
    config = plugin.KnowledgeBaseConfig()
    config.load_dict(values)
    errors, _warnings = config.validate()
    return [name for name, _ in errors]


def test_the_option_is_empty_unless_written():
    config = plugin.KnowledgeBaseConfig()
    config.load_dict({})
    config.validate()
    assert config.moved_sections == {}


@pytest.mark.parametrize(
    ("value", "errors"),
    [
        ({"patients/treatment.md#a": "patients/new.md#a"}, []),
        ({"patients/treatment.md#a": 3}, ["moved_sections"]),
        ({"patients/treatment.md#a": ["patients/new.md#a"]}, ["moved_sections"]),
        (["patients/treatment.md#a"], ["moved_sections"]),
        ({1: "patients/new.md#a"}, ["moved_sections"]),
    ],
)
def test_each_entry_maps_an_old_place_to_a_new_one_as_text(value, errors):
    assert _errors(moved_sections=value) == errors


# --- the build's part, with MkDocs' own Files and fake pages: no site is built ----------

OLD, NEW, GUIDE = "patients/treatment.md", "patients/matched-treatment.md", "patients/old-guide.md"
CONFIG_TEXT = f"""site_name: x
plugins:
  - redirects:
      redirect_maps:
        {GUIDE}: {OLD}
  - knowledge-base:
      moved_sections:
        "{OLD}#daraxonrasib": "{NEW}#daraxonrasib"
        "{GUIDE}#olaparib": "{NEW}#parp"
        "{OLD}#chemotherapy": "{NEW}#chemotherapy"
        "draft.md#x": "{NEW}"
        "{NEW}#whole": "index.md"
"""
ENTRIES = {
    f"{OLD}#daraxonrasib": f"{NEW}#daraxonrasib",
    f"{GUIDE}#olaparib": f"{NEW}#parp",
    f"{OLD}#chemotherapy": f"{NEW}#chemotherapy",
    "draft.md#x": NEW,
    f"{NEW}#whole": "index.md",
}


def _files():
    made = {path: File(path, "docs", "site", True) for path in (OLD, NEW, "index.md", "draft.md")}
    made[OLD].page = SimpleNamespace(present_anchor_ids={"chemotherapy"}, links_to_anchors=None)
    made[NEW].page = SimpleNamespace(present_anchor_ids={"daraxonrasib", "parp"}, links_to_anchors={})
    made["index.md"].page = SimpleNamespace(
        present_anchor_ids=None,
        links_to_anchors={made[OLD]: {"daraxonrasib": "patients/treatment.md#daraxonrasib", "gone": "x.md#gone"}},
    )
    made["draft.md"].page = None  # not rendered: judged by no id
    return Files(list(made.values()))


@pytest.fixture
def build(tmp_path, monkeypatch):
    """A build under way: options, records and a config, as the plugin's other parts leave them."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG_TEXT, encoding="utf-8")
    monkeypatch.setattr(build_state, "options", build_state.Options(config={"moved_sections": ENTRIES}))
    record = SimpleNamespace(
        path="docs/index.md", text="# Home\n\nSee [the pill](patients/treatment.md#daraxonrasib).\n"
    )
    monkeypatch.setattr(build_state, "current", build_state.Build(records={"index.md": record}))
    monkeypatch.setattr(moved_sections, "_builds", {})
    redirects = SimpleNamespace(config={"redirect_maps": {GUIDE: OLD}})
    return SimpleNamespace(plugins={"redirects": redirects}, config_file_path=str(tmp_path / "mkdocs.yml"))


def _page_maps(config, files):
    return {
        f.src_uri: moved_sections.on_page_context({}, SimpleNamespace(file=f), config, None)["kb_moved_sections"]
        for f in files.documentation_pages()
    }


def test_the_build_logs_each_wrong_entry_and_link_and_gives_each_old_page_its_map(build, caplog):
    files, env = _files(), object()
    with caplog.at_level(logging.ERROR, logger=moved_sections.log.name):
        assert moved_sections.on_env(env, build, files) is env
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ERROR",
            f"docs/index.md:3: moved-section-link: '{OLD}#daraxonrasib' links to a section that moved to "
            f"{NEW}#daraxonrasib (moved_sections in mkdocs.yml); link to its new place",
        ),
        (
            "ERROR",
            f"mkdocs.yml:10: moved-section-still-there: moved_sections: '{OLD}#chemotherapy': {OLD} still has an "
            "element with id 'chemotherapy', so it is not clear where links to it belong; if the section moved, "
            "delete it (or its id) from the old page; if it did not move, delete this entry",
        ),
        (
            "ERROR",
            f"mkdocs.yml:10: moved-section-target-anchor: moved_sections: '{OLD}#chemotherapy': {NEW} has no element "
            "with id 'chemotherapy'; keep the section's id when you move it ('## Heading {#chemotherapy}'), or write "
            "the id it has there",
        ),
    ]
    assert _page_maps(build, files) == {
        OLD: '{"daraxonrasib": "../matched-treatment/#daraxonrasib"}',
        NEW: '{"whole": "../../"}',
        "index.md": "",
        "draft.md": '{"x": "../patients/matched-treatment/"}',
    }
    assert moved_sections.redirect_map(build, GUIDE, lambda url: f"../../{url}") == (
        '{"olaparib": "../../patients/matched-treatment/#parp"}'
    )
    assert moved_sections.redirect_map(build, OLD, lambda url: url) == (
        '{"daraxonrasib": "patients/matched-treatment/#daraxonrasib"}'
    )


def test_without_entries_no_page_carries_a_map_and_nothing_is_logged(build, monkeypatch, caplog):
    monkeypatch.setattr(build_state, "options", build_state.Options(config={"moved_sections": {}}))
    files = _files()
    with caplog.at_level(logging.DEBUG, logger=moved_sections.log.name):
        moved_sections.on_env(None, build, files)
    assert caplog.records == []
    assert set(_page_maps(build, files).values()) == {""}
    assert moved_sections.redirect_map(build, GUIDE, str) == ""


def test_only_the_latest_build_is_kept(build):
    files = _files()
    moved_sections.on_env(None, build, files)
    rebuild = SimpleNamespace(plugins={}, config_file_path=build.config_file_path)
    moved_sections.on_env(None, rebuild, files)
    assert set(_page_maps(build, files).values()) == {""}
    assert moved_sections.redirect_map(build, GUIDE, str) == ""
    assert moved_sections.redirect_map(rebuild, GUIDE, str) == ""  # no redirects plugin: the entry is wrong
    assert _page_maps(rebuild, files)[OLD] == '{"daraxonrasib": "../matched-treatment/#daraxonrasib"}'


@pytest.mark.parametrize("content", [None, b"site_name: \xff\n"])
def test_entries_of_an_unreadable_config_are_reported_on_line_1(build, caplog, content):
    path = Path(build.config_file_path)
    path.unlink()
    if content is not None:
        path.write_bytes(content)
    with caplog.at_level(logging.ERROR, logger=moved_sections.log.name):
        moved_sections.on_env(None, build, _files())
    assert [r.getMessage().split(": ")[0] for r in caplog.records] == [
        "docs/index.md:3",
        "mkdocs.yml:1",
        "mkdocs.yml:1",
    ]


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        ({}, frozenset()),
        ({"redirects": SimpleNamespace(config={"redirect_maps": None})}, frozenset()),
        ({"redirects": SimpleNamespace(config={"redirect_maps": {GUIDE: OLD, "a.md": "b.md"}})}, {GUIDE, "a.md"}),
    ],
)
def test_the_old_addresses_redirect_maps_keeps(plugins, expected):
    assert moved_sections._redirected(SimpleNamespace(plugins=plugins)) == expected


def test_a_page_links_to_each_anchor_of_each_page():
    files = _files()
    index = files.get_file_from_path("index.md")
    assert moved_sections._links(index.page) == [
        (OLD, "daraxonrasib", "patients/treatment.md#daraxonrasib"),
        (OLD, "gone", "x.md#gone"),
    ]
    assert moved_sections._links(files.get_file_from_path(OLD).page) == []
