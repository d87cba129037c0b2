"""A landing page lists its section's other pages, titled and described from their front matter."""

from types import SimpleNamespace

import pytest

from pancreas_kb.domain.section_index import MARKER
from pancreas_kb.plugin import build_state, section_index


def _page(src_uri, title=None):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), title=title, is_page=True, parent=None)


@pytest.fixture
def records(monkeypatch):
    build = build_state.Build()
    monkeypatch.setattr(build_state, "current", build)
    return build.records


def test_each_page_of_the_section_is_listed_with_its_front_matter_or_nav_title(records):
    landing = _page("patients/index.md")
    described = _page("patients/stages.md", "Nav stages")
    untitled = _page("patients/diet/food.md")
    unrecorded = _page("patients/pain.md", "Pain")
    subsection = SimpleNamespace(is_page=False)
    records["patients/stages.md"] = SimpleNamespace(meta={"title": "Stages", "description": "How far it spread."})
    records["patients/diet/food.md"] = SimpleNamespace(meta={"title": "", "description": None})
    section = SimpleNamespace(children=[landing, described, subsection, untitled, unrecorded])
    landing.parent = section
    out = section_index.on_page_markdown(f"# Patients\n\n{MARKER}\n", landing, None, None)
    assert out == (
        "# Patients\n\n"
        '<div class="kb-section-pages" markdown>\n\n'
        "- [Stages](stages.md)  \n  How far it spread.\n"
        "- [](diet/food.md)\n"
        "- [Pain](pain.md)\n\n"
        "</div>\n"
    )


def test_a_page_without_the_marker_or_outside_any_section_is_left_as_written(records):
    page = _page("index.md")
    assert section_index.on_page_markdown(f"# Home\n\n{MARKER}\n", page, None, None) == f"# Home\n\n{MARKER}\n"
    page.parent = SimpleNamespace(children=[page, _page("other.md", "Other")])
    assert section_index.on_page_markdown("# Home\n", page, None, None) == "# Home\n"
