"""Only what readers need is published: no project data file reaches the site."""

import pytest

from tests.sitebuilder import page

pytestmark = pytest.mark.site


def test_project_data_files_are_not_published(build_site):
    result = build_site({"index.md": page("Home"), "about/performance.json": '{"runs": 3}\n'})
    assert result.returncode == 0, result.log
    published = {p.relative_to(result.site).as_posix() for p in result.site.rglob("*") if p.is_file()}
    assert "index.html" in published
    data = {p for p in published if p.endswith((".yml", ".yaml", ".json")) and not p.startswith("pagefind/")}
    assert data == set(), "data files published"
    # The theme's wording (overrides/strings.yml) still reached the pages.
    assert 'class="kb-' in result.html()
