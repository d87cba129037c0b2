"""Search synonyms: groups of words that mean the same, read from one data file.

`includes/search-synonyms.yml` is a list of groups, each a list of words or
phrases. The site's search (assets/js/search.js) searches for every member of a
group when a reader types any one of them, so a brand name finds the generic
name's page and a UK spelling finds a page written in US spelling.
"""

from __future__ import annotations

import yaml

from . import yamlfile
from .findings import Finding


def parse(path: str, text: str) -> tuple[list[list[str]], list[Finding]]:
    """The groups in file order, lower-cased, and findings for entries that are not groups."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return [], [
            yamlfile.error_finding(
                path, error, "synonyms-yaml", "not valid YAML ({problem}); write each group as [word, other word]"
            )
        ]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [
            Finding(
                path,
                root.start_mark.line + 1,
                "synonyms-syntax",
                "the file is a list of groups, each written as - [word, other word]",
            )
        ]
    groups: list[list[str]] = []
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for node in root.value:
        line = node.start_mark.line + 1
        words = (
            [str(item.value).strip().lower() for item in node.value if isinstance(item, yaml.ScalarNode)]
            if isinstance(node, yaml.SequenceNode)
            else []
        )
        words = [w for w in words if w]
        if len(words) < 2 or len(words) != len(getattr(node, "value", [])):
            findings.append(
                Finding(
                    path, line, "synonyms-group", "a group needs two or more words or phrases: - [word, other word]"
                )
            )
            continue
        for word in words:
            if word in seen:
                findings.append(
                    Finding(
                        path,
                        line,
                        "synonyms-duplicate",
                        f"{word}: already in the group on line {seen[word]}; merge the two groups",
                    )
                )
            seen.setdefault(word, line)
        groups.append(words)
    return groups, findings
