"""The rules for sections moved to another page, each with an entry it refuses and one it accepts."""

import json

import pytest

from pancreas_kb.domain import moved_sections as ms

OLD, NEW = "patients/treatment.md", "patients/matched-treatment.md"
PAGES = ms.Pages(
    pages=frozenset({OLD, NEW, "index.md"}),
    redirected=frozenset({"patients/old-guide.md"}),
    anchors={OLD: {"chemotherapy", "references"}, NEW: {"daraxonrasib", "parp"}, "index.md": set()},
)


def move(key: str, target: str, line: int = 7) -> ms.Move:
    (found,) = ms.read({key: target}, {key: line})
    return found


def rules(found: ms.Move) -> list[str]:
    return [f.rule for f in ms.check([found], PAGES)]


GOOD = move(f"{OLD}#daraxonrasib", f"{NEW}#daraxonrasib")


@pytest.mark.parametrize(
    ("rule", "refused", "accepted"),
    [
        (ms.names_a_section, move(OLD, f"{NEW}#daraxonrasib"), GOOD),
        (ms.names_a_section, move(f"{OLD}#", NEW), move(f"{OLD}#x", NEW)),
        (ms.old_page_known, move("patients/gone.md#x", NEW), move("patients/old-guide.md#x", NEW)),
        (ms.old_page_known, move("docs/patients/treatment.md#x", NEW), move(f"{OLD}#x", NEW)),
        (ms.old_section_gone, move(f"{OLD}#chemotherapy", f"{NEW}#daraxonrasib"), GOOD),
        (ms.target_page_exists, move(f"{OLD}#x", "patients/gone.md#daraxonrasib"), move(f"{OLD}#x", NEW)),
        (ms.target_page_exists, move(f"{OLD}#x", "https://example.org/#x"), GOOD),
        (ms.target_page_exists, move(f"{OLD}#x", "patients/old-guide.md#x"), GOOD),
        (ms.target_section_exists, move(f"{OLD}#x", f"{NEW}#nope"), move(f"{OLD}#x", f"{NEW}#parp")),
    ],
)
def test_each_rule_refuses_its_wrong_entry_and_accepts_a_right_one(rule, refused, accepted):
    (finding,) = rule(refused, PAGES)
    assert finding.path == "mkdocs.yml" and finding.line == 7 and finding.severity == "error"
    assert finding.rule.startswith("moved-section-") and refused.key in finding.message
    assert rule(accepted, PAGES) == []


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (GOOD, []),
        (move(OLD, "nowhere.md"), ["moved-section-no-anchor", "moved-section-target-page"]),
        (move(f"{OLD}#chemotherapy", f"{NEW}#chemo"), ["moved-section-still-there", "moved-section-target-anchor"]),
        # A page that is neither built nor redirected has no ids to judge.
        (move("gone.md#x", "other.md#y"), ["moved-section-old-page", "moved-section-target-page"]),
    ],
)
def test_an_entry_is_judged_by_every_rule_and_only_a_clean_one_is_followed(found, expected):
    assert rules(found) == expected
    assert ms.valid([found], PAGES) == ([found] if not expected else [])


def test_each_message_says_how_to_fix_it():
    [still] = ms.old_section_gone(move(f"{OLD}#chemotherapy", NEW), PAGES)
    assert "delete it (or its id) from the old page" in still.message and "delete this entry" in still.message
    [anchor] = ms.target_section_exists(move(f"{OLD}#x", f"{NEW}#nope"), PAGES)
    assert "{#nope}" in anchor.message
    [whole] = ms.names_a_section(move(OLD, NEW), PAGES)
    assert "redirect_maps" in whole.message


def test_entries_keep_their_order_and_the_line_of_their_key():
    config = (
        "site_name: x\n"
        "plugins:\n"
        "  - redirects:\n"
        "      redirect_maps: {}\n"
        "  - knowledge-base:\n"
        "      serve_full: !ENV [KB_SERVE_FULL, false]\n"
        "      moved_sections:\n"
        f'        "{OLD}#b": "{NEW}#b"\n'
        f"        {OLD}#a: {NEW}\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    lines = ms.entry_lines(config)
    assert lines == {f"{OLD}#b": 8, f"{OLD}#a": 9}
    found = ms.read({f"{OLD}#b": f"{NEW}#b", f"{OLD}#a": f" {NEW} "}, lines)
    assert found == [ms.Move(OLD, "b", NEW, "b", 8), ms.Move(OLD, "a", NEW, "", 9)]
    assert [m.key for m in found] == [f"{OLD}#b", f"{OLD}#a"] and found[1].target == NEW


@pytest.mark.parametrize("config", ["plugins: [search]\n", "plugins:\n  - knowledge-base:\n", "a: [\n", ""])
def test_without_entries_in_the_text_every_entry_is_on_line_1(config):
    assert ms.entry_lines(config) == {}
    assert ms.read({f"{OLD}#a": NEW}, ms.entry_lines(config))[0].line == 1


def test_the_old_page_carries_only_its_own_moves_as_relative_urls():
    moves = [
        GOOD,
        move(f"{OLD}#olaparib", f"{NEW}#parp"),
        move(f"{OLD}#whole", NEW),
        move("patients/other.md#x", f"{NEW}#parp"),
    ]
    carried = ms.page_map(moves, OLD, lambda target: f"../{target[len('patients/') : -3]}/")
    assert carried == {
        "daraxonrasib": "../matched-treatment/#daraxonrasib",
        "olaparib": "../matched-treatment/#parp",
        "whole": "../matched-treatment/",
    }
    assert ms.page_map(moves, NEW, str) == {} and ms.page_map_json(moves, NEW, str) == ""


def test_the_map_is_json_that_an_id_cannot_break_out_of():
    hostile = 'a"b</script><x'
    carried = ms.page_map_json([move(f"{OLD}#{hostile}", f"{NEW}#a b&c")], OLD, lambda target: "n/")
    assert json.loads(carried) == {hostile: "n/#a%20b%26c"}


def test_a_link_to_a_moved_section_is_told_where_it_went():
    text = "---\ntitle: P\n---\n\nIntro.\n\nSee [the pill](treatment.md#daraxonrasib).\n"
    links = [(OLD, "daraxonrasib", "treatment.md#daraxonrasib"), (OLD, "chemotherapy", "treatment.md#chemotherapy")]
    (finding,) = ms.links_to_moved("docs/patients/index.md", text, links, [GOOD])
    assert (finding.path, finding.line, finding.rule) == ("docs/patients/index.md", 7, "moved-section-link")
    assert f"moved to {NEW}#daraxonrasib" in finding.message and "link to its new place" in finding.message
    assert ms.links_to_moved("p.md", text, links, []) == []


def test_each_message_in_full():
    assert ms.check([move(OLD, "nowhere.md"), move("gone.md#x", f"{NEW}#parp")], PAGES) == [
        ms.Finding(
            "mkdocs.yml",
            7,
            "moved-section-no-anchor",
            f"moved_sections: '{OLD}': give the section's id after '#', e.g. 'patients/treatment.md#daraxonrasib'; "
            "a whole page that moved goes under plugins > redirects > redirect_maps instead",
        ),
        ms.Finding(
            "mkdocs.yml",
            7,
            "moved-section-target-page",
            f"moved_sections: '{OLD}': the new place, 'nowhere.md', is not a page of this site; write the path of "
            "the page the section moved to, relative to docs/, e.g. 'patients/matched-treatment.md#daraxonrasib'",
        ),
        ms.Finding(
            "mkdocs.yml",
            7,
            "moved-section-old-page",
            "moved_sections: 'gone.md#x': there is no page gone.md (relative to docs/) and no redirect from it; "
            "write the path of the page the section was on, as its links had it",
        ),
    ]
    assert ms.check([move(f"{OLD}#chemotherapy", f"{NEW}#chemo")], PAGES) == [
        ms.Finding(
            "mkdocs.yml",
            7,
            "moved-section-still-there",
            f"moved_sections: '{OLD}#chemotherapy': {OLD} still has an element with id 'chemotherapy', so it is "
            "not clear where links to it belong; if the section moved, delete it (or its id) from the old page; "
            "if it did not move, delete this entry",
        ),
        ms.Finding(
            "mkdocs.yml",
            7,
            "moved-section-target-anchor",
            f"moved_sections: '{OLD}#chemotherapy': {NEW} has no element with id 'chemo'; keep the section's "
            "id when you move it ('## Heading {#chemo}'), or write the id it has there",
        ),
    ]


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [("", ""), ("parp", "#parp"), ("a/b", "#a%2Fb"), ("a b&c?d", "#a%20b%26c%3Fd")],
)
def test_the_fragment_escapes_every_reserved_character_even_a_slash(anchor, expected):
    assert ms.fragment(anchor) == expected


def test_a_link_not_found_in_the_text_is_reported_on_line_1():
    finding = ms.moved_link("docs/p.md", "---\ntitle: P\n---\n\nNo such link.\n", "treatment.md#daraxonrasib", GOOD)
    assert finding == ms.Finding(
        "docs/p.md",
        1,
        "moved-section-link",
        f"'treatment.md#daraxonrasib' links to a section that moved to {NEW}#daraxonrasib "
        "(moved_sections in mkdocs.yml); link to its new place",
    )


def test_the_map_is_sorted_by_id_and_keeps_non_ascii_ids_readable():
    moves = [move(f"{OLD}#zeta", f"{NEW}#parp"), move(f"{OLD}#café", f"{NEW}#ñ")]
    assert ms.page_map_json(moves, OLD, lambda target: "n/") == '{"café": "n/#%C3%B1", "zeta": "n/#parp"}'
