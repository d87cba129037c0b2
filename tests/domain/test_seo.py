"""Every page has its own title and description: a repeat is reported on the later page."""

import pytest

from pancreas_kb.domain import seo
from pancreas_kb.domain.findings import Finding
from pancreas_kb.domain.seo import PageFacts


def _pages():
    return [
        PageFacts("docs/a.md", "Stages", 2, "How far it has spread.", 3),
        PageFacts("docs/b.md", "  stages ", 4, "Other.", 5),
        PageFacts("docs/c.md", "STAGES", 6, "HOW FAR IT HAS SPREAD. ", 7),
        PageFacts("docs/d.md", "", 1, "", 1),
        PageFacts("docs/e.md", "", 1, "  ", 1),
        PageFacts("docs/f.md", "Diet", 2, "other.", 9),
    ]


def test_a_repeated_title_is_reported_on_each_later_page_naming_the_first():
    assert seo.unique_titles(_pages()) == [
        Finding(
            "docs/b.md",
            4,
            "seo-duplicate-title",
            "title: same as docs/a.md; give each page its own title (search results and shared links show it)",
        ),
        Finding(
            "docs/c.md",
            6,
            "seo-duplicate-title",
            "title: same as docs/a.md; give each page its own title (search results and shared links show it)",
        ),
    ]


def test_a_repeated_description_is_reported_at_its_line_and_empty_ones_are_not_repeats():
    assert seo.unique_descriptions(_pages()) == [
        Finding(
            "docs/c.md",
            7,
            "seo-duplicate-description",
            "description: same as docs/a.md; give each page its own description "
            "(search results and shared links show it)",
        ),
        Finding(
            "docs/f.md",
            9,
            "seo-duplicate-description",
            "description: same as docs/b.md; give each page its own description "
            "(search results and shared links show it)",
        ),
    ]


@pytest.mark.parametrize("check", [seo.unique_titles, seo.unique_descriptions])
def test_pages_with_their_own_titles_and_descriptions_pass(check):
    assert check([PageFacts("docs/a.md", "A", 1, "A.", 2), PageFacts("docs/b.md", "B", 1, "B.", 2)]) == []
