import pytest

from tests import sitebuilder


@pytest.fixture
def build_site(tmp_path):
    """Build a fixture site: build_site({"index.md": page(...)}, bib="...")."""

    def _build(pages, bib="", **kwargs):
        return sitebuilder.build(tmp_path, pages, bib, **kwargs)

    return _build
