"""YAML data files read with the line of every node, and without surprises from dates.

PyYAML turns 2026-11-30 into a date but raises a bare ValueError (not a YAML
error) on 2026-13-45; here dates stay text, and each reader checks its own.
Every data file that is a list of entries (the glossary, the search synonyms,
What's new, the common questions, the reviewers) is read by `read_list`, so YAML
that does not read, a file that is not a list and an entry that is not a mapping
are reported the same way in each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import yaml

from .findings import Finding

T = TypeVar("T")


class _ValueErrors:
    """A value its tag cannot hold (`!!int abc`, `!!bool maybe`) as a YAML error at its node,
    like any other mistake in the file, not a ValueError or KeyError from deep in PyYAML."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, LookupError, TypeError, ArithmeticError) as error:
            value = repr(node.value) if isinstance(node, yaml.ScalarNode) else "the value"
            kind = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"{value} cannot be read as {kind}", node.start_mark
            ) from error


class _Loader(_ValueErrors, yaml.SafeLoader):
    pass


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

# PyYAML's binding to libyaml, where it is installed: the same documents read about ten
# times faster (the evidence files are most of what a build reads).
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", None)
if FAST_SAFE_LOADER is not None:

    class _FastLoader(_ValueErrors, FAST_SAFE_LOADER):
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
    try:
        return single_document(text)
    except RecursionError as error:
        raise yaml.YAMLError("lists or mappings nested too deeply to read") from error


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


def error_finding(path: str, error: yaml.YAMLError, rule: str, fix: str, first_line: int = 1) -> Finding:
    """YAML that does not read, as a finding at the line the reader stopped on: what it objected to
    (and where the construct it was reading began), then `fix`. `first_line` is the line of the
    file the text starts on (2 for front matter, after its '---')."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    began = (
        f" ({error.context} on line {context.line + first_line})"
        if context is not None and context is not mark and error.context
        else ""
    )
    return Finding(
        path, mark.line + first_line if mark else first_line, rule, f"malformed YAML: {problem}{began}; {fix}"
    )


@dataclass(frozen=True)
class Entry:
    """One entry of a data file that is a list."""

    node: yaml.Node  # for the line of each field, and how a value was written
    data: object  # as constructed, dates as text
    line: int
    number: int  # its place in the list, from 1


def read_list(
    path: str,
    text: str,
    rules: tuple[str, str],
    fix: str,
    shape: str,
    read: Callable[[Entry], tuple[T | None, list[Finding]]],
    entry: str | None = None,
) -> tuple[list[T], list[Finding]]:
    """What `read` makes of each entry of a data file that is a list, and every finding, in file order.

    `rules` are the file's two rules: YAML that does not read (reported with `fix`, how to
    mend it) and the wrong shape: a file that is not a list (reported with `shape`, what the
    file is) and, when `entry` says what an entry is ({number} its place), an entry that is
    not a mapping, which `read` then never sees. An empty file is an empty list.
    """
    unreadable, wrong_shape = rules
    try:
        node, data = compose(text)
    except yaml.YAMLError as error:
        return [], [error_finding(path, error, unreadable, fix)]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [Finding(path, node.start_mark.line + 1, wrong_shape, shape)]
    results, findings = [], []
    for number, (item_node, item) in enumerate(zip(node.value, data, strict=True), start=1):
        line = item_node.start_mark.line + 1
        if entry is not None and not isinstance(item, dict):  # `!!set {a}` is a mapping node too
            findings.append(Finding(path, line, wrong_shape, entry.format(number=number)))
            continue
        result, problems = read(Entry(item_node, item, line, number))
        findings += problems
        if result is not None:
            results.append(result)
    return results, findings
