"""The What's new part given a data file it cannot use: the editor is told where, and the site
still builds, without a feed it cannot make. (A site it can use: tests/site/test_in_process.py.)"""

from types import SimpleNamespace
from xml.etree import ElementTree as ET

import pytest
from mkdocs.structure.files import File, Files

from pancreas_kb import plugin
from pancreas_kb.domain import bibliography, frontmatter
from pancreas_kb.domain.whats_new import Section
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
    return SimpleNamespace(
        config_file_path=str(root / "mkdocs.yml"),
        site_url=site_url,
        site_name="KB",
        site_dir=str(root / "site"),
        use_directory_urls=True,
        plugins=SimpleNamespace(_current_plugin="knowledge-base"),
    )


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


# --- a data file it can use: the log, the feed, the page, the anchors ---------------------------

DATA = """\
- id: second
  date: 2026-03-02
  title: Second update
  summary: Therapy changed [@known; @unknown].
  changed:
    - clinicians/therapy.md#first-line
    - patients/treatment.md
- id: gone
  date: 2026-03-01
  title: Gone
  summary: A page that is not there.
  changed:
    - patients/treatment.md
    - patients/gone.md
- id: first
  date: 2026-03-05
  title: First update
  summary: Care changed.
  changed:
    - clinicians/therapy.md#no-such
"""
PAGES = ("about/whats-new.md", "about/follow-updates.md", "clinicians/therapy.md", "patients/treatment.md")


@pytest.fixture
def usable(root, monkeypatch):
    """The data file above, its pages (the treatment page's front matter unreadable) and a bibliography."""
    (root / "whats-new.yml").write_text(DATA, encoding="utf-8")
    monkeypatch.setenv("KB_TODAY", "2026-03-04")
    therapy = frontmatter.Page(
        "clinicians/therapy.md", {"title": "Systemic therapy"}, body="## First line {#first-line}\n"
    )
    build_state.current.records.update(
        {"clinicians/therapy.md": SimpleNamespace(front=therapy), "patients/treatment.md": SimpleNamespace(front=None)}
    )
    build_state.current.library = bibliography.parse(
        "references.bib", "@misc{known, author = {Able, Bea}, title = {Known}, year = {2020}}\n"
    )
    docs = root / "docs"
    return Files([File(path, str(docs), str(root / "site"), use_directory_urls=True) for path in PAGES])


def test_the_data_file_gives_a_feed_of_the_entries_whose_pages_exist_and_its_findings_are_errors(usable, root, caplog):
    config = _config(root)
    assert whats_new.on_files(usable, config) is usable
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ERROR",
            "whats-new.yml:4: missing-citation-key: [@unknown] is not in references.bib; add a verified entry "
            "with that key, or correct the key (keys are case-sensitive)",
        ),
        (
            "ERROR",
            "whats-new.yml:14: whats-new-changed-page: changed: 'patients/gone.md' is not a page under docs/; "
            "give its path relative to docs/ (e.g. patients/treatment.md)",
        ),
        (
            "ERROR",
            "whats-new.yml:16: whats-new-date: date: 2026-03-05 is after today (2026-03-04); date an entry on the "
            "day its pages changed",
        ),
    ]
    build = whats_new._builds[id(config)]
    assert [e.id for e in build.data.entries] == ["second", "first"], "the entry naming a missing page is left out"
    assert build.sections == {
        "clinicians/therapy.md#first-line": Section(
            "clinicians/therapy.md#first-line", "Systemic therapy", "First line", "clinicians/therapy/"
        ),
        "patients/treatment.md": Section("patients/treatment.md", "patients/treatment.md", "", "patients/treatment/"),
        "clinicians/therapy.md#no-such": Section(
            "clinicians/therapy.md#no-such", "Systemic therapy", "", "clinicians/therapy/"
        ),
    }
    (generated,) = [f for f in usable if f.src_uri == "feed.xml"]
    atom = ET.fromstring(generated.content_bytes)
    ns = "{http://www.w3.org/2005/Atom}"
    assert atom.find(f"{ns}title").text == "KB: what's new"
    assert [(link.get("rel"), link.get("href")) for link in atom.findall(f"{ns}link")] == [
        ("self", "https://example.org/kb/feed.xml"),
        ("alternate", "https://example.org/kb/about/whats-new/"),
    ]
    entries = atom.findall(f"{ns}entry")
    assert [e.find(f"{ns}id").text for e in entries] == [
        "tag:example.org,2026-03-05:/kb/whats-new/first",
        "tag:example.org,2026-03-02:/kb/whats-new/second",
    ], "newest first"
    assert [link.get("title") for link in entries[1].findall(f"{ns}link[@rel='related']")] == [
        "First line (Systemic therapy)",
        "patients/treatment.md",
    ]
    assert "<p>Sources:</p>\n<ol>\n<li>Able B. Known. 2020.</li>\n</ol>" in entries[1].find(f"{ns}content").text


def test_the_page_lists_the_entries_and_the_follow_page_shows_the_feeds_address(usable, root):
    config = _config(root)
    whats_new.on_files(usable, config)
    page = SimpleNamespace(file=usable.get_file_from_path("about/whats-new.md"))
    listed = whats_new.on_page_markdown("# What's new\n", page, config, usable)
    assert listed == (
        "# What's new\n\n\n"
        "## First update {#first}\n\n"
        '<p><time datetime="2026-03-05">5 March 2026</time></p>\n\n'
        "Care changed.\n\n"
        "Changed:\n\n"
        "- [Systemic therapy](../clinicians/therapy.md#no-such)\n\n"
        "## Second update {#second}\n\n"
        '<p><time datetime="2026-03-02">2 March 2026</time></p>\n\n'
        "Therapy changed [@known; @unknown].\n\n"
        "Changed:\n\n"
        "- [First line](../clinicians/therapy.md#first-line), on *Systemic therapy*\n"
        "- [patients/treatment.md](../patients/treatment.md)\n\n"
        "## Follow the updates {#subscribe}\n\n"
        "Read [how to follow the updates](follow-updates.md) to hear of each update as it is listed here, "
        "with a feed reader or without one.\n"
    )
    follow = SimpleNamespace(file=usable.get_file_from_path("about/follow-updates.md"))
    assert whats_new.on_page_markdown("Copy <!-- feed-address --> there.", follow, config, usable) == (
        'Copy <p class="kb-feed-address"><code>https://example.org/kb/feed.xml</code></p> there.'
    )
    other = SimpleNamespace(file=usable.get_file_from_path("patients/treatment.md"))
    assert whats_new.on_page_markdown("Text <!-- feed-address -->", other, config, usable) == (
        "Text <!-- feed-address -->"
    )


def test_after_the_pages_are_rendered_each_anchor_no_page_has_is_an_error_and_the_feed_is_announced(
    usable, root, caplog
):
    config = _config(root)
    whats_new.on_files(usable, config)
    caplog.clear()
    usable.get_file_from_path("clinicians/therapy.md").page = SimpleNamespace(present_anchor_ids={"first-line"})
    usable.get_file_from_path("patients/treatment.md").page = SimpleNamespace(present_anchor_ids=None)
    env = SimpleNamespace(globals={})
    assert whats_new.on_env(env, config, usable) is env
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ERROR",
            "whats-new.yml:20: whats-new-changed-anchor: changed: 'clinicians/therapy.md#no-such': the page has no "
            "section with id 'no-such'; use the id of the changed heading (its '{#id}', or the link of its ¶ sign "
            "on the built page)",
        )
    ]
    assert env.globals == {"whats_new_feed": {"url": "feed.xml", "title": "KB: what's new"}}
    assert whats_new.on_env(SimpleNamespace(globals={}), config, usable).globals == {}, "one build, announced once"
