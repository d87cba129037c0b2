"""The What's new part given a data file it cannot use: the editor is told where, and the site
still builds, without a feed it cannot make. (A site it can use: tests/site/test_in_process.py.)"""

from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from pancreas_kb import plugin
from pancreas_kb.plugin import build_state, whats_new

ENTRY = """\
- id: first
  date: 2026-05-01
  title: A first update
  summary: A page changed.
  changed:
    - patients/treatment.md
"""


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A project folder, the plugin configured for What's new, and no build before."""
    options = plugin.KnowledgeBaseConfig()
    options.load_dict({"whats_new": {"entries": "whats-new.yml"}})
    assert options.validate() == ([], [])
    monkeypatch.setattr(build_state, "options", build_state.Options(config=options))
    monkeypatch.setattr(build_state, "current", build_state.Build())  # no bibliography, no page records
    monkeypatch.setattr(whats_new, "_builds", {})
    return tmp_path


def _config(root, site_url="https://example.org/kb/"):
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), site_url=site_url, site_name="KB")


class _Server:
    def __init__(self):
        self.watched = []

    def watch(self, path, *args, **kwargs):
        self.watched.append(path)


def test_an_unreadable_data_file_is_reported_at_its_first_line(root, caplog):
    (root / "whats-new.yml").write_bytes(b"- id: caf\xe9\n")
    files = Files([])
    assert whats_new.on_files(files, _config(root)) is files and len(files) == 0
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ERROR",
            "whats-new.yml:1: whats-new-unreadable: cannot be read ('utf-8' codec can't decode byte 0xe9 in "
            "position 9: invalid continuation byte); save it as UTF-8 text",
        )
    ]


def test_a_page_without_its_data_file_is_reported_at_the_page_and_no_file_is_watched(root, caplog):
    docs = root / "docs"
    (docs / "about").mkdir(parents=True)
    (docs / "about" / "whats-new.md").write_text("# What's new\n", encoding="utf-8")
    files = Files([File("about/whats-new.md", str(docs), str(root / "site"), use_directory_urls=True)])
    config = _config(root)
    assert whats_new.on_files(files, config) is files and len(files) == 1  # no feed
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ERROR",
            "docs/about/whats-new.md:1: whats-new-data-missing: the page lists the entries of whats-new.yml, "
            "which does not exist; create it (see CONTRIBUTING.md)",
        )
    ]
    env = SimpleNamespace(globals={})
    assert whats_new.on_env(env, config, files) is env and env.globals == {}
    server = _Server()
    assert whats_new.on_serve(server, config, None) is server and server.watched == []


def test_without_the_sites_address_there_is_no_feed_and_the_editor_is_told(root, caplog):
    (root / "whats-new.yml").write_text(ENTRY, encoding="utf-8")
    files = Files([])
    config = _config(root, site_url="")
    assert whats_new.on_files(files, config) is files and len(files) == 0
    assert [r.getMessage().split(": ")[0:2] for r in caplog.records] == [
        ["whats-new.yml:1", "whats-new-page-missing"],
        ["whats-new.yml:6", "whats-new-changed-page"],
        ["mkdocs.yml:1", "whats-new-site-url"],
    ]
    assert caplog.records[-1].getMessage() == (
        "mkdocs.yml:1: whats-new-site-url: the feed's links must be absolute; set site_url"
    )
    env = SimpleNamespace(globals={})
    assert whats_new.on_env(env, config, files) is env and env.globals == {}, "no feed to announce"
    server = _Server()
    whats_new.on_serve(server, config, None)
    assert server.watched == [str(root / "whats-new.yml")]
