"""YAML data files read with the line of every node, and without surprises from dates.

PyYAML turns 2026-11-30 into a date but raises a bare ValueError (not a YAML
error) on 2026-13-45; here dates stay text, and each reader checks its own.
"""

from __future__ import annotations

import yaml

from .findings import Finding


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

# PyYAML's binding to libyaml, where it is installed: the same documents read about ten
# times faster (the evidence files are most of what a build reads).
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", None)
if FAST_SAFE_LOADER is not None:

    class _FastLoader(FAST_SAFE_LOADER):
        pass

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.yaml_constructors["tag:yaml.org,2002:timestamp"])
else:
    _FastLoader = None


def _single(loader_class, text: str):
    loader = loader_class(text)  # reading starts here: a control character raises already
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def single_document(text: str, loader_class=_Loader, fast_class=_FastLoader):
    """The document's node tree (for line numbers) and its data, from one parse.

    Read by libyaml when it can be; on any failure the pure-Python reader reads it
    again, so that what is wrong is reported in the same words on every machine.
    """
    if fast_class is not None:
        try:
            return _single(fast_class, text)
        except Exception:  # noqa: BLE001 - the reader below raises the error to report
            pass
    return _single(loader_class, text)


def compose(text: str):
    """The document's node tree (for line numbers) and its data, dates as text; raises yaml.YAMLError."""
    return single_document(text)


def mapping_lines(node) -> dict:
    """Each key of a mapping node as the data has it (None, True, 2 as well as text), with its line
    (1-based) and its value's node; {} for any other node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    constructor = _Loader("")
    try:
        # Keys were already built once, with the data, so building them again cannot fail.
        return {constructor.construct_object(k, deep=True): (k.start_mark.line + 1, v) for k, v in node.value}
    finally:
        constructor.dispose()


def error_finding(path: str, error: yaml.YAMLError, rule: str, message: str) -> Finding:
    """A YAML reading error as a finding at its line; `message` holds {problem}, what the reader objected to."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return Finding(path, mark.line + 1 if mark else 1, rule, message.format(problem=problem))
