"""Clinician pages: a paragraph, list item or table row with a figure must cite its source."""

import datetime as dt

import pytest

from pancreas_kb.checker.check import audience_rules
from pancreas_kb.checker.unsourced_figures import unsourced
from pancreas_kb.domain import page_record
from pancreas_kb.domain.findings import Finding


def page_figures(path: str, text: str):
    """The audience rules of `make check` on one page, as it runs them."""
    record = page_record.build(path, path, text.encode(), dt.date(2026, 6, 1), None, None)
    return [f for f in audience_rules(record) if f.rule == "unsourced-figure"]


def clinician(body: str, audience: str = "clinician") -> str:
    return f"---\ntitle: T\ndescription: D.\naudience: {audience}\nreview_status: submitted\n---\n\n# T\n\n{body}\n"


@pytest.mark.parametrize(
    "figure",
    [
        "31%",
        "31.6%",
        "11.1 months",
        "6-month",
        "6 weeks",
        "5 years",
        "HR 0.57",
        "HR for death 0.57",
        "hazard ratio, 0.57",
        "85 mg/m2",
        "85 mg/m²",
        "300 mg",
        "2 Gy",
    ],
)
def test_figure_without_citation_is_reported_with_its_line(figure):
    findings = page_figures("docs/c.md", clinician(f"First line.\nThe result was {figure} in the trial."))
    assert [(f.path, f.line, f.rule) for f in findings] == [("docs/c.md", 11, "unsourced-figure")]
    assert f"'{figure}'" in findings[0].message


@pytest.mark.parametrize(
    "body",
    [
        "The result was 31.6% in the trial [@conroy2011folfirinox].",
        "The result was 31.6%\nin the trial, as reported [@conroy2011folfirinox].",
        "- Median 11.1 versus 6.8 months [@conroy2011folfirinox]",
        "| 17.4% | 7.0% [@allen2016diagnostic] |",
        "## Survival at 5 years",
        "```\n31% of 85 mg\n```",
        "Use `HR 0.57` in code.",
        "See [the 2011 trial](https://example.org/10-years).",
        "Intervals are 95% CI throughout.",
        "No numbers here, only words.",
        "| Rate at 6 months | Rate at 1 year |\n| --- | --- |\n| 31% [@a] | 20% [@a] |",
        "<!-- 31% to be checked -->",
    ],
)
def test_cited_or_non_prose_figures_pass(body):
    assert page_figures("docs/c.md", clinician(body)) == []


def test_each_unit_needs_its_own_citation():
    body = "Response 31.6% [@a].\n\n- OS 11.1 months\n- PFS 6.4 months [@a]\n\n| 17.4% | 7.0% |\n"
    findings = unsourced("docs/c.md", body, 10)
    assert [f.line for f in findings] == [12, 15]


def test_patient_pages_are_not_held_to_the_rule():
    assert page_figures("docs/p.md", clinician("About 31% of people.", audience="patient")) == []


def test_the_finding_names_the_first_figure_of_the_unit_and_the_remedy():
    body = "Intro [@a] 31%.\n\nThe median was 11.1 months,\nwith 31% responding.\n"
    assert unsourced("docs/c.md", body, 20) == [
        Finding(
            "docs/c.md",
            22,
            "unsourced-figure",
            "'11.1 months' is stated without a citation in its paragraph, list item or table row; cite the source "
            "it comes from with [@key] in the same unit",
        )
    ]
