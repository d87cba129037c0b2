"""Sections moved to another page: the old page carries where each went, and a wrong entry fails the build."""

import html
import json
import re

import pytest

from pancreas_kb.domain import moved_sections
from tests.sitebuilder import page

pytestmark = pytest.mark.site

OLD = "patients/treatment.md"
NEW = "patients/matched-treatment.md"
GONE = "patients/old-guide.md"  # a whole page that moved, kept by redirect_maps
# Editors' text: an id that would close the attribute and open a script, were it printed as written.
HOSTILE = 'x"><script>alert(1)</script>'

PAGES = {
    "index.md": page("Home", audience="all"),
    OLD: page("Treatment", body="Intro.\n\n## Chemotherapy {#chemotherapy}\n\nText.\n\n## Trials {#trials}\n\nText."),
    NEW: page(
        "Matched treatment",
        body="Intro.\n\n## Daraxonrasib {#daraxonrasib}\n\nText.\n\n## PARP inhibitors {#parp}\n\nText.",
    ),
}
GOOD = {
    f"{OLD}#daraxonrasib": f"{NEW}#daraxonrasib",
    f"{OLD}#olaparib": f"{NEW}#parp",
    f"{OLD}#{HOSTILE}": NEW,
    f"{GONE}#olaparib": f"{NEW}#parp",
}


def configure(moves, use_directory_urls=True):
    def change(config):
        config["use_directory_urls"] = use_directory_urls
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "redirects" in plugin:
                plugin["redirects"]["redirect_maps"] = {GONE: OLD}
            if isinstance(plugin, dict) and "knowledge-base" in plugin:
                plugin["knowledge-base"][moved_sections.OPTION] = moves

    return change


def carried_map(text: str) -> dict:
    (content,) = re.findall(r'<meta name="kb-moved-sections" content="([^"]*)">', text)
    return json.loads(html.unescape(content))


@pytest.mark.parametrize(
    ("directory_urls", "old_file", "new_url", "redirect_file"),
    [
        (True, "patients/treatment/index.html", "../matched-treatment/", "patients/old-guide/index.html"),
        (False, "patients/treatment.html", "matched-treatment.html", "patients/old-guide.html"),
    ],
)
def test_the_old_page_carries_where_its_sections_went(build_site, directory_urls, old_file, new_url, redirect_file):
    result = build_site(PAGES, config_changes=configure(GOOD, directory_urls))
    assert result.returncode == 0, result.log
    old = result.html(old_file)
    assert carried_map(old) == {
        "daraxonrasib": f"{new_url}#daraxonrasib",
        "olaparib": f"{new_url}#parp",
        HOSTILE: new_url,
    }
    assert "<script>alert" not in old
    new_file = old_file.replace("treatment", "matched-treatment")
    assert "kb-moved-sections" not in result.html(new_file)  # none of its sections moved
    # The old address of a whole page that moved carries the sections that went elsewhere.
    assert carried_map(result.html(redirect_file)) == {"olaparib": f"{new_url}#parp"}


def _line(result, key: str) -> int:
    text = (result.root / "mkdocs.yml").read_text(encoding="utf-8")
    entry = re.compile(rf"\s*['\"]?{re.escape(key)}['\"]?:")
    return next(n for n, row in enumerate(text.splitlines(), start=1) if entry.match(row))


def test_a_wrong_entry_fails_the_build_naming_its_line_in_mkdocs_yml(build_site):
    bad = {
        OLD: NEW,  # no section named
        "patients/no-such-page.md#daraxonrasib": f"{NEW}#daraxonrasib",
        f"{OLD}#chemotherapy": f"{NEW}#daraxonrasib",  # still on the old page
        f"{OLD}#trial-drugs": "patients/no-such-page.md#trials",
        f"{OLD}#parp-inhibitors": f"{NEW}#parp-inhibitors",  # the new page calls it #parp
        f"{OLD}#daraxonrasib": f"{NEW}#daraxonrasib",  # right, but a page still links to the old place
    }
    index = page("Patients", body="See [the new pill](treatment.md#daraxonrasib).")
    pages = {**PAGES, "patients/index.md": index}
    result = build_site(pages, config_changes=configure(bad))
    assert result.returncode != 0
    expected = [
        (OLD, "moved-section-no-anchor"),
        ("patients/no-such-page.md#daraxonrasib", "moved-section-old-page"),
        (f"{OLD}#chemotherapy", "moved-section-still-there"),
        (f"{OLD}#trial-drugs", "moved-section-target-page"),
        (f"{OLD}#parp-inhibitors", "moved-section-target-anchor"),
    ]
    for key, rule in expected:
        assert f"mkdocs.yml:{_line(result, key)}: {rule}: " in result.log
    # MkDocs' own anchor check fails the link too; ours says where the section went.
    assert f"contains a link 'treatment.md#daraxonrasib', but the doc '{OLD}' does not contain an anchor" in result.log
    link_line = index.splitlines().index("See [the new pill](treatment.md#daraxonrasib).") + 1
    assert (
        f"docs/patients/index.md:{link_line}: moved-section-link: 'treatment.md#daraxonrasib' links to a section "
        f"that moved to {NEW}#daraxonrasib" in result.log
    )
