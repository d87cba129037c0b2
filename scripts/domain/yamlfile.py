"""YAML data files read with the line of every node, and without surprises from dates.

PyYAML turns 2026-11-30 into a date but raises a bare ValueError (not a YAML
error) on 2026-13-45; here dates stay text, and each reader checks its own.
"""

from __future__ import annotations

import yaml


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def compose(text: str):
    """The document's node tree (for line numbers) and its data, from one parse; raises yaml.YAMLError."""
    loader = _Loader(text)  # reading starts here: a control character raises already
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()
