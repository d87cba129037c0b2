"""The one reader of data files that are lists of entries: every YAML shape gets a finding at its line."""

import pytest
import yaml

from pancreas_kb.domain import yamlfile
from pancreas_kb.domain.findings import Finding

RULES = ("x-yaml", "x-shape")
FIX = "check the colons"
SHAPE = "the file is a list of entries"
ENTRY = "entry {number}: write name: and value:"


def read(text, entry=ENTRY):
    """The entries' names as `read` sees them, and every finding as (line, rule, message)."""
    seen = []

    def name(e: yamlfile.Entry):
        seen.append((e.line, e.number))
        if "name" not in e.data:
            return None, [Finding("f.yml", e.line, "x-field", "no name")]
        return e.data["name"], []

    names, findings = yamlfile.read_list("f.yml", text, RULES, FIX, SHAPE, name, entry)
    return names, [(f.line, f.rule, f.message) for f in findings], seen


def test_a_list_of_mappings_is_read_in_file_order_with_lines_and_places():
    names, findings, seen = read("# people\n- name: Ada\n  value: 1\n- name: Bo\n")
    assert (names, findings, seen) == (["Ada", "Bo"], [], [(2, 1), (4, 2)])


def test_dates_stay_text():
    names, _, _ = read("- name: 2026-11-30\n- name: 2026-13-45\n")
    assert names == ["2026-11-30", "2026-13-45"]


@pytest.mark.parametrize("text", ["", "\n", "# nothing yet\n"])
def test_an_empty_file_is_an_empty_list(text):
    assert read(text)[:2] == ([], [])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- name: [unclosed\n", 2),
        ("- name: a\n  value: b\n    other: c\n", 3),
        ("- name: 'open\n", 2),
        ("- name: a\n\tvalue: b\n", 2),
        ("---\n- a\n---\n- b\n", 3),  # two documents
    ],
)
def test_yaml_that_does_not_read_is_one_finding_at_the_line_where_reading_stopped(text, line):
    names, findings, seen = read(text)
    assert names == [] and seen == []
    [(at, rule, message)] = findings
    assert (at, rule) == (line, "x-yaml")
    assert message.startswith("malformed YAML: ") and message.endswith("; " + FIX)


def test_where_an_unclosed_construct_began_is_named_too():
    [(line, _, message)] = read('- name: a\n- name: "open\n\n')[1]
    assert line == 4 and "(while scanning a quoted scalar on line 2)" in message


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("- name: !!int abc\n", 1, "'abc' cannot be read as int"),
        ("- name: a\n- value: !!bool maybe\n", 2, "'maybe' cannot be read as bool"),
        ("- name: !!python/object:os.system {}\n", 1, "could not determine a constructor"),
    ],
)
def test_a_value_that_cannot_be_built_is_a_finding_not_an_exception(text, line, problem):
    [(at, rule, message)] = read(text)[1]
    assert (at, rule) == (line, "x-yaml") and problem in message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("name: Ada\nvalue: 1\n", 1),  # a mapping instead of a list
        ("# the list\njust words\n", 2),  # a scalar
        ("42\n", 1),
        ("~\n", 1),  # a document that is null, written out
        ("# none\nnull\n", 2),
    ],
)
def test_a_file_that_is_not_a_list_is_one_finding_at_its_first_line(text, line):
    names, findings, seen = read(text)
    assert names == [] and seen == []
    assert findings == [(line, "x-shape", SHAPE)]


def test_an_entry_that_is_not_a_mapping_is_a_finding_in_file_order_and_never_read():
    text = "- value: 1\n- just words\n- name: Bo\n- [a, b]\n- !!set {a}\n- name: Cy\n"
    names, findings, seen = read(text)
    assert names == ["Bo", "Cy"]
    assert findings == [
        (1, "x-field", "no name"),
        (2, "x-shape", "entry 2: write name: and value:"),
        (4, "x-shape", "entry 4: write name: and value:"),
        (5, "x-shape", "entry 5: write name: and value:"),
    ]
    assert seen == [(1, 1), (3, 3), (6, 6)]


def test_without_an_entry_hint_the_reader_sees_every_entry():
    _, findings, seen = read("- [a, b]\n- words\n", entry=None)
    assert seen == [(1, 1), (2, 2)] and findings == [(1, "x-field", "no name"), (2, "x-field", "no name")]


def test_a_yaml_error_in_text_that_starts_later_in_the_file_is_reported_at_the_files_line():
    with pytest.raises(yaml.YAMLError) as caught:
        yamlfile.compose("title: [unclosed\n")
    finding = yamlfile.error_finding("p.md", caught.value, "front-matter-yaml", "check it", first_line=2)
    assert finding.line == 3 and finding.message.startswith("malformed YAML: ")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "- name: !!int abc\n",
            (1, "x-yaml", "malformed YAML: 'abc' cannot be read as int; check the colons"),
        ),
        (
            '- name: a\n- name: "open\n\n',
            (
                4,
                "x-yaml",
                "malformed YAML: found unexpected end of stream (while scanning a quoted scalar on line 2); "
                "check the colons",
            ),
        ),
        (
            "- a\nb: c\n",
            (
                2,
                "x-yaml",
                "malformed YAML: expected <block end>, but found '?' (while parsing a block collection on line 1); "
                "check the colons",
            ),
        ),
        ("[" * 1000, (1, "x-yaml", "malformed YAML: lists or mappings nested too deeply to read; check the colons")),
    ],
)
def test_yaml_that_does_not_read_is_one_whole_finding_at_the_line_reading_stopped(text, finding):
    assert read(text)[1] == [finding]


def test_an_error_names_where_its_construct_began_only_when_that_is_elsewhere():
    try:
        yamlfile.compose("a: 1\nb: [x\nc: d\n")
    except yaml.YAMLError as error:
        caught = error
    assert yamlfile.error_finding("f.yml", caught, "r", "fix it", first_line=5) == Finding(
        "f.yml",
        7,
        "r",
        "malformed YAML: expected ',' or ']', but got ':' (while parsing a flow sequence on line 6); fix it",
    )


def test_an_error_without_a_place_is_reported_at_the_first_line_in_its_own_words():
    error = yaml.YAMLError("something odd\nmore detail")
    assert yamlfile.error_finding("f.yml", error, "r", "fix it", first_line=3) == Finding(
        "f.yml", 3, "r", "malformed YAML: something odd; fix it"
    )


def test_the_same_document_reads_the_same_with_or_without_libyaml():
    text = "a: 2026-11-30\nb: [1, x]\n"
    fast = yamlfile.single_document(text)
    slow = yamlfile.single_document(text, fast_class=None)
    assert fast[1] == slow[1] == {"a": "2026-11-30", "b": [1, "x"]}
    assert isinstance(fast[0], yaml.MappingNode) and isinstance(slow[0], yaml.MappingNode)
    assert yamlfile.single_document("") == (None, None)
    with pytest.raises(yaml.YAMLError, match="'abc' cannot be read as int"):
        yamlfile.single_document("a: !!int abc")


def test_each_key_of_a_mapping_is_given_as_written_with_its_line_and_its_values_node():
    node, _ = yamlfile.compose("# c\nname: a\n2: b\nnull: c\ntrue: [d]\n")
    lines = yamlfile.mapping_lines(node)
    assert {
        key: (line, value.value if isinstance(value.value, str) else "list") for key, (line, value) in lines.items()
    } == {
        "name": (2, "a"),
        2: (3, "b"),
        None: (4, "c"),
        True: (5, "list"),
    }
    assert yamlfile.mapping_lines(yamlfile.compose("- a\n")[0]) == {}
    assert yamlfile.mapping_lines(None) == {}


def test_an_error_placed_only_where_its_construct_began_is_reported_there_once():
    began = yaml.Mark("f.yml", 0, 4, 0, None, None)
    error = yaml.MarkedYAMLError(context="while reading a list", context_mark=began, problem="it never ends")
    assert yamlfile.error_finding("f.yml", error, "r", "fix it") == Finding(
        "f.yml", 5, "r", "malformed YAML: it never ends; fix it"
    )


def test_an_entry_that_refers_to_itself_is_read_like_any_other_not_mistaken_for_malformed_yaml():
    names, findings, seen = read("- &a [x, *a]\n- name: Bo\n")
    assert (names, findings, seen) == (["Bo"], [(1, "x-shape", "entry 1: write name: and value:")], [(2, 2)])


class _Fast(yamlfile._Loader):
    """Stands in for libyaml's loader: its documents are recognisable."""

    def construct_document(self, node):
        return {"read by": "the fast loader"}


def test_a_document_is_read_by_the_fast_loader_when_there_is_one():
    assert yamlfile.single_document("a: 1", fast_class=_Fast)[1] == {"read by": "the fast loader"}
    assert yamlfile.single_document("a: 1", fast_class=None)[1] == {"a": 1}
