"""The built pages take review states, audiences and wording from their tables."""

from __future__ import annotations

import json
import re

from pancreas_kb.domain import audiences, states
from tests.sitebuilder import APPROVED, page


def test_navigation_badges_trust_block_and_page_scripts_read_the_tables(build_site):
    result = build_site(
        {
            "index.md": page("Home", audience="all"),
            "a.md": page("Alpha", "under-review"),
            "b.md": page("Beta", "approved", audience="clinician", **APPROVED),
        }
    )
    assert result.returncode == 0, result.log
    html = result.html("a/index.html")
    approved_state = states.STATES["approved"]
    assert f'class="md-status md-status--approved" title="{approved_state.label}"' in html
    assert "md-status--under-review" not in html, 'no "!" beside an unreviewed page in the navigation'
    assert '<span class="kb-badge kb-tone--caution">Under clinical review</span>' in html
    data = json.loads(re.search(r'<script type="application/json" id="kb-data">(.*?)</script>', html).group(1))
    assert data["audiences"] == {a.id: a.reader for a in audiences.choosable()}
    assert data["strings"]["saved"] == "Saved on this device: {label}."
    for audience in audiences.choosable():
        assert f'value="{audience.id}"> {audience.reader}</label>' in html
    assert ".md-status--approved::after{mask-image:var(--kb-icon-check)" in html
    approved = result.html("b/index.html")
    assert '<span class="kb-badge kb-tone--ok">Clinically reviewed</span>' in approved
    assert "<dd>Healthcare professionals</dd>" in approved


def test_each_page_carries_only_the_navigation_it_shows(build_site):
    pages = {"index.md": page("Home", audience="all")}
    for section in ("one", "two"):
        pages[f"{section}/index.md"] = page(f"Section {section}", audience="all")
        pages |= {f"{section}/p{i}.md": page(f"Page {section} {i}", audience="all") for i in range(3)}
    result = build_site(pages)
    assert result.returncode == 0, result.log
    html = result.html("one/p0/index.html")
    assert 'href="../p1/"' in html, "its own section's pages are listed"
    assert "two/p1/" not in html, "another section's pages are not (navigation.prune)"
