"""Key points that lead on: a key point without a link to a section of its page is reported."""

import datetime as dt

import pytest

from pancreas_kb.checker import key_points
from pancreas_kb.checker.check import audience_rules
from pancreas_kb.domain import audiences, page_record
from pancreas_kb.domain.findings import ERROR, WARNING

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
    # The front matter takes lines 1 to 6; the unlinked bullets are lines 15 to 17
    # (a link to another page's section does not count: the answer is on this page).
    assert [f.line for f in found] == [15, 16, 17]
    assert "link its main words to a heading of this page" in found[0].message


def test_linked_key_points_pass():
    body = BODY.replace("    - You can choose less treatment.\n", "").replace("#no-such-section", "#chemotherapy")
    body = body.replace("[other page](stages.md#stage-4)", "[other page](#clinical-trials)")
    assert findings_for("patient", body) == []


@pytest.mark.parametrize(
    "audience, severity", [("patient", audiences.PATIENT_KEY_POINT_LINKS), ("clinician", WARNING), ("all", None)]
)
def test_severity_follows_the_audience_table(audience, severity):
    found = findings_for(audience)
    assert {f.severity for f in found} == ({severity} if severity else set())


def test_patient_pages_are_held_to_the_switchable_severity():
    assert audiences.AUDIENCES["patient"].key_point_links is audiences.PATIENT_KEY_POINT_LINKS
    assert audiences.PATIENT_KEY_POINT_LINKS in (WARNING, ERROR)


def test_heading_ids_are_explicit_or_made_from_the_words():
    assert key_points.heading_ids(BODY) == {"chemotherapy", "clinical-trials"}
    assert key_points.heading_ids("## What *fitness* means { #fit .x }\n### Side effects\n") == {
        "fit",
        "side-effects",
    }
