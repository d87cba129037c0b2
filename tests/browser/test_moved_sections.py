"""A bookmarked section that moved to another page still lands on it, scrolled to; one that stayed stays put."""

from __future__ import annotations

import re

import pytest

from pancreas_kb.tools.site_server import serve, site_path
from tests import sitebuilder
from tests.sitebuilder import page

pytestmark = pytest.mark.browser

# Long enough that a section far down is only seen when the browser scrolls to it.
FILLER = "\n\n".join(f"Paragraph {n} of the text before this section." for n in range(40))
OLD, NEW, GONE = "patients/treatment/", "patients/matched-treatment/", "patients/old-guide/"
PAGES = {
    "index.md": page("Home", audience="all"),
    "patients/treatment.md": page(
        "Treatment", body=f"Intro.\n\n## Goals {{#goals}}\n\n{FILLER}\n\n## Chemotherapy {{#chemotherapy}}\n\n{FILLER}"
    ),
    "patients/matched-treatment.md": page(
        "Matched treatment",
        body=f"Intro.\n\n{FILLER}\n\n## Daraxonrasib {{#daraxonrasib}}\n\n{FILLER}\n\n## PARP {{#parp}}\n\n{FILLER}",
    ),
}
MOVES = {
    "patients/treatment.md#daraxonrasib": "patients/matched-treatment.md#daraxonrasib",
    "patients/old-guide.md#olaparib": "patients/matched-treatment.md#parp",
    # An id in an editor's entry that would end the attribute were it printed as written.
    'patients/treatment.md#x"><img src=x onerror=alert(1)>': "patients/matched-treatment.md#parp",
}


def configure(config):
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "redirects" in plugin:
            plugin["redirects"]["redirect_maps"] = {"patients/old-guide.md": "patients/treatment.md"}
        if isinstance(plugin, dict) and "knowledge-base" in plugin:
            plugin["knowledge-base"]["moved_sections"] = MOVES


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("moved-site")
    result = sitebuilder.build(root, PAGES, config_changes=configure)
    assert result.returncode == 0, result.log
    with serve(result.site, site_path(sitebuilder.ROOT)) as base:
        yield base


def scrolled_to(tab, anchor: str) -> bool:
    """The section's heading is at the top of the window, well down the page."""
    return tab.evaluate(
        """(id) => { const top = document.getElementById(id).getBoundingClientRect().top;
                     return window.scrollY > 1000 && top >= 0 && top < 200; }""",
        anchor,
    )


def test_a_section_that_moved_lands_on_its_new_page_scrolled_to_it(context, site):
    tab = context.new_page()
    tab.goto(site + OLD + "#daraxonrasib")
    tab.wait_for_url(re.compile(re.escape(NEW) + "#daraxonrasib$"))
    tab.wait_for_load_state("load")
    assert scrolled_to(tab, "daraxonrasib")
    tab.go_back()  # the old address left the history: back goes to where the reader came from
    assert tab.url in ("about:blank", "")


def test_a_section_that_stayed_stays_put(context, site):
    tab = context.new_page()
    tab.goto(site + OLD + "#chemotherapy")
    tab.wait_for_load_state("load")
    tab.wait_for_timeout(300)  # time for any redirect to happen
    assert tab.url.endswith(OLD + "#chemotherapy")
    assert scrolled_to(tab, "chemotherapy")


def test_a_moved_section_named_after_the_page_opened_is_followed_too(context, site):
    tab = context.new_page()
    tab.goto(site + OLD)
    tab.evaluate("location.hash = '#daraxonrasib'")
    tab.wait_for_url(re.compile(re.escape(NEW) + "#daraxonrasib$"))


def test_a_moved_page_keeps_its_sections_and_sends_moved_ones_where_they_went(context, site):
    tab = context.new_page()
    tab.goto(site + GONE + "#chemotherapy")  # the whole page moved: the section came with it
    tab.wait_for_url(re.compile(re.escape(OLD) + "#chemotherapy$"))
    tab.goto(site + GONE + "#olaparib")  # this section moved on to another page
    tab.wait_for_url(re.compile(re.escape(NEW) + "#parp$"))
    tab.wait_for_load_state("load")
    assert scrolled_to(tab, "parp")


def test_an_editors_id_is_data_never_markup(context, site):
    tab = context.new_page()
    alerts = []
    tab.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    tab.goto(site + OLD)
    tab.wait_for_load_state("load")
    assert tab.locator("img[src=x]").count() == 0 and alerts == []
    tab.evaluate("""location.hash = '#' + encodeURIComponent('x"><img src=x onerror=alert(1)>')""")
    tab.wait_for_url(re.compile(re.escape(NEW) + "#parp$"))


def test_only_addresses_on_this_site_are_followed(context, site):
    """Were a map ever to name another site (the build writes only relative addresses), it stays unfollowed."""

    def elsewhere(route):
        body = route.fetch().text()
        body = re.sub(
            r'<meta name="kb-moved-sections" content="[^"]*">',
            '<meta name="kb-moved-sections" content="{&#34;away&#34;: &#34;https://example.org/#away&#34;, '
            '&#34;script&#34;: &#34;javascript:alert(1)&#34;, &#34;near&#34;: &#34;../matched-treatment/#parp&#34;}">',
            body,
        )
        route.fulfill(body=body, headers={"content-type": "text/html"})

    tab = context.new_page()
    tab.route(re.compile(re.escape(OLD) + "$"), elsewhere)
    for anchor in ("away", "script"):
        tab.goto(site + OLD + "#" + anchor)
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(300)
        assert tab.url == site + OLD + "#" + anchor
    tab.goto(site + OLD + "#near")  # the same map's address on this site is followed
    tab.wait_for_url(re.compile(re.escape(NEW) + "#parp$"))
