"""Key points that lead on: a key point without a link to a section of its page is reported."""

import datetime as dt

import pytest

from pancreas_kb.checker import key_points
from pancreas_kb.checker.check import audience_rules
from pancreas_kb.domain import page_record
from pancreas_kb.domain.findings import ERROR, WARNING, Finding

BODY = """\
# Treatment

!!! summary "Key points"

    - The main treatment is [chemotherapy](#chemotherapy).
    - Trials may give you more choices,
      if you [ask early](#clinical-trials).
    - You can choose less treatment.
    - Pain can be [eased](#no-such-section).
    - See the [other page](stages.md#stage-4).

## Chemotherapy {#chemotherapy}

Text.

## Clinical trials

```
## Not a heading
```
"""


def findings_for(audience: str, body: str = BODY):
    text = f"---\ntitle: T\ndescription: D.\naudience: {audience}\nreview_status: submitted\n---\n\n{body}"
    record = page_record.build("docs/p.md", "p.md", text.encode(), dt.date(2026, 6, 1), None, None)
    return [f for f in audience_rules(record) if f.rule == key_points.RULE]


def test_each_unlinked_key_point_is_reported_at_its_line():
    found = findings_for("patient")
    # The front matter takes lines 1 to 6; the unlinked bullets are lines 15 and 16
    # (a link to a section of another page leads on too: every patient page's key
    # points send the reader to the symptoms page's urgent help).
    assert [f.line for f in found] == [15, 16]
    assert "link its main words to a heading of this page" in found[0].message


def test_linked_key_points_pass():
    body = BODY.replace("    - You can choose less treatment.\n", "").replace("#no-such-section", "#chemotherapy")
    body = body.replace("[other page](stages.md#stage-4)", "[other page](#clinical-trials)")
    assert findings_for("patient", body) == []


@pytest.mark.parametrize("audience, severity", [("patient", ERROR), ("clinician", WARNING), ("all", None)])
def test_severity_follows_the_audience_table(audience, severity):
    found = findings_for(audience)
    assert {f.severity for f in found} == ({severity} if severity else set())


def test_heading_ids_are_explicit_or_made_from_the_words():
    assert key_points.heading_ids(BODY) == {"treatment", "chemotherapy", "clinical-trials"}
    assert key_points.heading_ids("## What *fitness* means { #fit .x }\n### Side effects\n") == {
        "fit",
        "side-effects",
    }


def test_a_key_point_may_lead_to_a_section_of_another_page_but_not_to_a_whole_page():
    to_section = BODY.replace("#no-such-section", "symptoms.md#urgent-help")
    to_page = BODY.replace("#no-such-section", "symptoms.md")
    assert len(findings_for("patient", to_section)) == len(findings_for("patient")) - 1
    assert len(findings_for("patient", to_page)) == len(findings_for("patient"))


BOX_BODY = """\
# Treatment

- A bullet before the box is not a key point.
!!! summary "Key points"

    - The main treatment is [chemotherapy](#treatment).
      * a nested bullet [joins](#nowhere)
    its parent

    + A second point, unlinked.
\t- A tab-indented line continues it.
    - See [the other page](stages.md#stage-4).
    - A [whole page](stages.md) is not a section.
- After the box.
"""


def test_the_key_points_are_the_bullets_of_the_box_with_their_continuations():
    assert key_points._bullets(BOX_BODY, 20) == [
        (25, "The main treatment is [chemotherapy](#treatment). * a nested bullet [joins](#nowhere) its parent"),
        (29, "A second point, unlinked. - A tab-indented line continues it."),
        (31, "See [the other page](stages.md#stage-4)."),
        (32, "A [whole page](stages.md) is not a section."),
    ]


def test_each_unlinked_key_point_is_a_finding_with_the_remedy_and_the_audiences_severity():
    message = (
        "this key point does not link to the section that says more: link its main words to a heading of this "
        "page, e.g. [chemotherapy](#chemotherapy)"
    )
    assert key_points.without_link("docs/p.md", BOX_BODY, 20, WARNING) == [
        Finding("docs/p.md", 29, key_points.RULE, message, WARNING),
        Finding("docs/p.md", 32, key_points.RULE, message, WARNING),
    ]


def test_a_page_without_a_key_points_box_has_no_key_points():
    assert key_points._bullets('# T\n\n!!! note "Key points of view"\n\n    - x\n', 1) == []
    assert key_points.without_link("docs/p.md", "# T\n\n- x\n", 1, ERROR) == []
