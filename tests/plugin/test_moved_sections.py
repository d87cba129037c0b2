"""The moved_sections option: validated by MkDocs' config schema before any part reads it."""

import pytest

from pancreas_kb import plugin


def _errors(**values) -> list[str]:
    config = plugin.KnowledgeBaseConfig()
    config.load_dict(values)
    errors, _warnings = config.validate()
    return [name for name, _ in errors]


def test_the_option_is_empty_unless_written():
    config = plugin.KnowledgeBaseConfig()
    config.load_dict({})
    config.validate()
    assert config.moved_sections == {}


@pytest.mark.parametrize(
    ("value", "errors"),
    [
        ({"patients/treatment.md#a": "patients/new.md#a"}, []),
        ({"patients/treatment.md#a": 3}, ["moved_sections"]),
        ({"patients/treatment.md#a": ["patients/new.md#a"]}, ["moved_sections"]),
        (["patients/treatment.md#a"], ["moved_sections"]),
        ({1: "patients/new.md#a"}, ["moved_sections"]),
    ],
)
def test_each_entry_maps_an_old_place_to_a_new_one_as_text(value, errors):
    assert _errors(moved_sections=value) == errors
