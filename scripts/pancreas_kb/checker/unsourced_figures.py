"""Clinician pages: every figure a clinician might act on carries its source.

A paragraph, list item or table row that states a percentage, a duration, a
hazard ratio or a dose must cite at least one reference in the same unit, so a
reviewer can check the number against the paper it came from.
"""

from __future__ import annotations

from pancreas_kb.domain.citations import START_RE
from pancreas_kb.domain.figures import first_figure, units
from pancreas_kb.domain.findings import Finding


def unsourced(path: str, body: str, first_line: int) -> list[Finding]:
    findings = []
    for unit in units(body, first_line):
        if START_RE.search(unit.text):
            continue
        figure = first_figure(unit)
        if figure:
            findings.append(
                Finding(
                    path,
                    figure[0],
                    "unsourced-figure",
                    f"'{figure[1]}' is stated without a citation in its paragraph, list item or "
                    "table row; cite the source it comes from with [@key] in the same unit",
                )
            )
    return findings
