"""The counterpart part on one page: the link to the same subject for the other audience, and its sections."""

import logging
from types import SimpleNamespace

import pytest

from pancreas_kb.domain import audiences
from pancreas_kb.domain.counterpart import Target
from pancreas_kb.domain.page_record import META_KEY
from pancreas_kb.plugin import build_state, counterpart

THERAPY = "clinicians/therapy.md"
CONTENT = '<h2 id="first-line">First line</h2>\n<p>Text.</p>\n<h2 id="references">References</h2>'


def heading(ident: str, *children):
    return SimpleNamespace(id=ident, children=list(children))


def the_files(*files):
    """MkDocs's Files, as far as the part reads it."""
    by_path = {f.src_uri: f for f in files}
    return SimpleNamespace(get_file_from_path=by_path.get)


def therapy_file(page):
    return SimpleNamespace(src_uri=THERAPY, page=page, url_relative_to=lambda other: "../../clinicians/therapy/")


def therapy_page(title: str = "Therapy"):
    """The clinicians' page after MkDocs read it; `title` as MkDocs gives it (a nav entry's title wins)."""
    return SimpleNamespace(title=title, toc=[heading("first-line", heading("doses")), heading("references")])


@pytest.fixture
def build(monkeypatch):
    state = build_state.Build(strings={"counterpart": {"section_link": "{link} of this section"}})
    monkeypatch.setattr(build_state, "current", state)
    return state


def patients_page(anchor: str = "first-line"):
    record = SimpleNamespace(
        path="docs/patients/treatment.md", counterpart=Target(THERAPY, anchor), line={"counterpart": 6}.get
    )
    return SimpleNamespace(
        meta={META_KEY: record},
        file=SimpleNamespace(src_uri="patients/treatment.md"),
        toc=[heading("first-line"), heading("references")],
        content=CONTENT,
    )


def context_of(page, *files):
    counterpart.on_files(the_files(*files), None)
    ctx = {"page": page}
    assert counterpart.on_page_context(ctx, page, None, None) is ctx
    return page


def test_the_link_names_the_counterpart_by_its_front_matter_title_not_its_nav_title(build):
    build.records[THERAPY] = SimpleNamespace(audience=audiences.AUDIENCES["clinician"], title="Treating the disease")
    page = context_of(patients_page(), therapy_file(therapy_page(title="Therapy (nav)")))
    assert page.meta["counterpart_link"] == {
        "href": "../../clinicians/therapy/#first-line",
        "text": "Read the clinician version",
        "title": "Treating the disease",
        "audience": "clinician",
    }
    # Each section both pages have gets its own link; References is on every cited page.
    assert page.content == (
        '<h2 id="first-line">First line</h2>\n'
        '<p class="kb-counterpart-section" data-counterpart-for="clinician">'
        '<a href="../../clinicians/therapy/#first-line">Read the clinician version of this section</a></p>\n'
        '<p>Text.</p>\n<h2 id="references">References</h2>'
    )


def test_a_section_the_counterpart_lacks_is_reported_and_the_link_lands_on_its_top(build, caplog):
    build.records[THERAPY] = SimpleNamespace(audience=audiences.AUDIENCES["clinician"], title="")
    with caplog.at_level(logging.ERROR):
        page = context_of(patients_page(anchor="second-line"), therapy_file(therapy_page()))
    assert caplog.messages == [
        "docs/patients/treatment.md:6: front-matter-counterpart-anchor: counterpart: clinicians/therapy.md has no "
        "section '#second-line'; use one of its heading ids, or drop the '#...' to link the top of the page"
    ]
    assert page.meta["counterpart_link"]["href"] == "../../clinicians/therapy/"
    assert page.meta["counterpart_link"]["title"] == "Therapy"  # no title in its front matter: its heading


def test_a_subsection_of_the_counterpart_can_be_the_target(build):
    build.records[THERAPY] = SimpleNamespace(audience=audiences.AUDIENCES["clinician"], title="Therapy")
    page = context_of(patients_page(anchor="doses"), therapy_file(therapy_page()))
    assert page.meta["counterpart_link"]["href"] == "../../clinicians/therapy/#doses"


def test_a_counterpart_built_without_a_record_is_linked_for_everyone_by_its_page_title(build):
    """Under `mkdocs serve` a draft page (draft_docs) is built, but records are made for published pages only."""
    page = context_of(patients_page(), therapy_file(therapy_page(title="Therapy")))
    assert page.meta["counterpart_link"] == {
        "href": "../../clinicians/therapy/#first-line",
        "text": "Read the related page",
        "title": "Therapy",
        "audience": "all",
    }
    assert 'data-counterpart-for="all"><a href="../../clinicians/therapy/#first-line">Read the related page of' in (
        page.content
    )


@pytest.mark.parametrize(
    "files",
    [
        (),  # not among the site's files
        (therapy_file(None),),  # among them but not built: MkDocs leaves out docs/templates/ and dot-files
    ],
)
def test_a_counterpart_missing_from_the_site_gives_no_link(build, files):
    page = context_of(patients_page(), *files)
    assert "counterpart_link" not in page.meta
    assert page.content == CONTENT
