"""Each page for patients or clinicians gets its review packet in the site, with its style and script linked."""

import datetime as dt
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from pancreas_kb.plugin import build_state, review_packets
from pancreas_kb.tools import review_packet

PACKET = '<link href="{assets}review-packet.css"><script src="{assets}review-packet.js"></script>{url}'


@pytest.fixture
def build(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_TODAY", "2026-06-01")
    library, found = object(), object()
    monkeypatch.setattr(build_state, "current", build_state.Build(library=library, evidence=found))
    loaded = []

    def load(root, today, lib, evidence):
        loaded.append((root, today, lib, evidence))
        return "inputs"

    def render(record, inputs, url):
        if record.meta.get("broken"):
            raise ValueError("unreadable front matter")
        assert inputs == "inputs"
        return PACKET.replace("{url}", url)

    monkeypatch.setattr(review_packet, "load", load)
    monkeypatch.setattr(review_packet, "render", render)
    records = build_state.current.records
    for src, meta in {
        "clinicians/therapy.md": {"audience": "clinician"},
        "start.md": {"audience": "patient"},
        "index.md": {"audience": "all"},
        "patients/broken.md": {"audience": "patient", "broken": True},
    }.items():
        records[src] = SimpleNamespace(meta=meta)
    return SimpleNamespace(loaded=loaded, library=library, evidence=found, root=tmp_path.resolve())


def _run(build, site_url):
    config = SimpleNamespace(
        config_file_path=str(build.root / "mkdocs.yml"),
        site_url=site_url,
        site_dir=str(build.root / "site"),
        use_directory_urls=True,
        plugins=SimpleNamespace(_current_plugin="knowledge-base"),
    )
    # The pages in the order MkDocs found them: a page whose packet cannot be made stops no later one.
    pages = ["patients/broken.md", "clinicians/therapy.md", "index.md", "patients/unrecorded.md", "start.md"]
    files = Files([File(p, str(build.root / "docs"), config.site_dir, True) for p in [*pages, "assets/x.css"]])
    assert review_packets.on_files(files, config) is files
    return {f.src_uri: f.content_string for f in files if f.generated_by}


def test_packets_are_built_for_clinical_pages_linking_their_assets_and_page(build):
    assert _run(build, "https://kb.example/") == {
        "about/review-packets/clinicians/therapy.html": (
            '<link href="../../../review-packet.css"><script src="../../../review-packet.js"></script>'
            "https://kb.example/clinicians/therapy/"
        ),
        "about/review-packets/start.html": (
            '<link href="../../review-packet.css"><script src="../../review-packet.js"></script>'
            "https://kb.example/start/"
        ),
    }
    assert build.loaded == [(build.root, dt.date(2026, 6, 1), build.library, build.evidence)]


def test_without_the_sites_address_a_packet_names_its_page_by_its_path(build):
    packets = _run(build, None)
    assert packets["about/review-packets/start.html"].endswith("</script>start/")
