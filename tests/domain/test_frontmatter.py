"""Reading a page's front matter: every way it can be malformed is one finding with its line and fix."""

from __future__ import annotations

import pytest
import yaml

from pancreas_kb.domain import frontmatter

MISSING = (
    "the page has no front matter: start the file with a '---' line, the fields (title, description, audience, "
    "review_status), and a closing '---'"
)
UNCLOSED = "the front matter is never closed: add a line '---' after the last field"


def findings(text: str) -> list[tuple]:
    page, found = frontmatter.read("docs/p.md", text)
    assert page is None
    return [(f.path, f.line, f.rule, f.message) for f in found]


@pytest.mark.parametrize("text", ["", "\n---\ntitle: T\n---\n", "title: T\n---\n", "-- \ntitle: T\n---\n"])
def test_a_page_that_does_not_open_with_a_fence_has_no_front_matter(text):
    assert findings(text) == [("docs/p.md", 1, "front-matter-missing", MISSING)]


@pytest.mark.parametrize("text", ["---\n", "---\ntitle: T\n", "---\ntitle: T\n----\nBody\n", "---\ntitle: T\n ---x\n"])
def test_front_matter_without_a_closing_fence_is_unclosed(text):
    assert findings(text) == [("docs/p.md", 1, "front-matter-unclosed", UNCLOSED)]


@pytest.mark.parametrize("closer", ["---", "...", "---  ", "...\t"])
def test_front_matter_closes_at_a_dashed_or_dotted_line_trailing_blanks_allowed(closer):
    page, found = frontmatter.read("docs/p.md", f"---  \ntitle: T\n\nnote: 2\n{closer}\nBody\n---\nMore\n")
    assert found == []
    assert (page.path, page.meta, page.key_lines, page.body, page.body_line) == (
        "docs/p.md",
        {"title": "T", "note": 2},
        {"title": 2, "note": 4},
        "Body\n---\nMore",
        6,
    )


def test_an_empty_front_matter_is_an_empty_mapping():
    page, found = frontmatter.read("docs/p.md", "---\n---\n")
    assert (found, page.meta, page.key_lines, page.body, page.body_line) == ([], {}, {}, "", 3)


def test_keys_that_are_not_text_are_found_by_their_text():
    page, _ = frontmatter.read("docs/p.md", "---\n2: a\nnull: b\n---\n")
    assert (page.meta, page.key_lines) == ({2: "a", None: "b"}, {"2": 2, "null": 3})


@pytest.mark.parametrize("text", ["---\n- a\n---\n", "---\njust words\n---\n", "---\n7\n---\n"])
def test_front_matter_that_is_not_a_mapping_is_reported_at_line_2(text):
    assert findings(text) == [
        ("docs/p.md", 2, "front-matter-yaml", "front matter must be a mapping of 'field: value' lines")
    ]


def test_malformed_yaml_is_reported_at_its_file_line_naming_where_the_construct_began_and_the_fix():
    assert findings("---\ntitle: T\naudience: [a\nx: 'b\n---\n") == [
        (
            "docs/p.md",
            4,
            "front-matter-yaml",
            "malformed YAML: expected ',' or ']', but got ':' (while parsing a flow sequence on line 3); "
            "check indentation, quoting and colons",
        )
    ]


def test_a_value_that_names_no_real_day_is_reported_at_its_line_with_the_reason():
    assert findings("---\ntitle: T\nnext_review: 2026-02-30\n---\n") == [
        (
            "docs/p.md",
            3,
            "front-matter-yaml",
            "a value cannot be read (day is out of range for month); check dates (YYYY-MM-DD, a real day) and numbers",
        )
    ]


def test_the_first_value_that_cannot_be_read_is_the_one_reported():
    text = "---\ntitle: T\nok: 2026-02-28\nbad: [1, 2026-13-01]\nworse: 2026-02-30\n---\n"
    assert [line for _, line, _, _ in findings(text)] == [4]


def test_composed_gives_the_node_tree_or_none_when_even_that_fails():
    assert frontmatter._composed("a: 2026-02-30").value[0][1].value == "2026-02-30"
    assert frontmatter._composed("a: [") is None


def test_front_matter_is_read_by_libyaml_where_it_is_installed(monkeypatch):
    from pancreas_kb.domain import yamlfile

    class Fast(yamlfile.FAST_SAFE_LOADER or yaml.SafeLoader):
        def construct_document(self, node):
            return {"title": "read by the fast loader"}

    monkeypatch.setattr(yamlfile, "FAST_SAFE_LOADER", Fast)
    page, _ = frontmatter.read("docs/p.md", "---\ntitle: T\n---\n")
    assert page.meta == {"title": "read by the fast loader"}
