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
    seen: dict[str, int] = {}

    def group(entry: yamlfile.Entry) -> tuple[list[str] | None, list[Finding]]:
        node, line = entry.node, entry.line
        words = (
            [str(item.value).strip().lower() for item in node.value if isinstance(item, yaml.ScalarNode)]
            if isinstance(node, yaml.SequenceNode)
            else []
        )
        words = [w for w in words if w]
        if len(words) < 2 or len(words) != len(getattr(node, "value", [])):
            return None, [
                Finding(
                    path, line, "synonyms-group", "a group needs two or more words or phrases: - [word, other word]"
                )
            ]
        findings = [
            Finding(
                path,
                line,
                "synonyms-duplicate",
                f"{word}: already in the group on line {seen[word]}; merge the two groups",
            )
            for word in words
            if word in seen
        ]
        for word in words:
            seen.setdefault(word, line)
        return words, findings

    return yamlfile.read_list(
        path,
        text,
        ("synonyms-yaml", "synonyms-syntax"),
        fix="write each group as [word, other word]",
        shape="the file is a list of groups, each written as - [word, other word]",
        read=group,
    )
