"""Counterpart links, in the HTML itself so they work without JavaScript."""

from pancreas_kb.domain import audiences, counterpart
from tests.sitebuilder import page

PATIENT_BODY = "Intro.\n\n## Pain {#pain}\n\nText.\n\n## Only here {#only}\n\nText."
CLINICIAN_BODY = "Intro.\n\n## Pain {#pain}\n\nText.\n\n## Dosing {#dosing}\n\nText."


def test_link_text_says_which_version_it_leads_to():
    assert audiences.get("clinician").link_text == "Read the clinician version"
    assert audiences.get("patient").link_text == "Read the plain-language version"
    assert audiences.get(["not", "an", "id"]) is audiences.FALLBACK
    assert counterpart.split("clinicians/x.md#dosing") == counterpart.Target("clinicians/x.md", "dosing")


def test_pages_link_their_counterpart_and_matching_sections(build_site):
    result = build_site(
        {
            "index.md": page("Home", audience="all"),
            "patients/pain.md": page(
                "Pain", audience="patient", counterpart="clinicians/pain.md#dosing", body=PATIENT_BODY
            ),
            "clinicians/pain.md": page(
                "Pain control", audience="clinician", counterpart="patients/pain.md", body=CLINICIAN_BODY
            ),
        }
    )
    assert result.returncode == 0, result.log
    patient = result.html("patients/pain/index.html")
    assert '<a href="../../clinicians/pain/#dosing">Read the clinician version</a>' in patient
    assert 'data-counterpart-for="clinician" data-page-audience="patient"' in patient
    assert '<a href="../../clinicians/pain/#pain">Read the clinician version of this section</a>' in patient
    assert "clinicians/pain/#only" not in patient
    clinician = result.html("clinicians/pain/index.html")
    assert '<a href="../../patients/pain/">Read the plain-language version</a>' in clinician
    assert 'class="kb-counterpart' not in result.html()


def test_a_counterpart_section_that_does_not_exist_fails_the_build(build_site):
    result = build_site(
        {
            "index.md": page("Home", audience="all"),
            "patients/pain.md": page("Pain", audience="patient", counterpart="clinicians/pain.md#nope"),
            "clinicians/pain.md": page("Pain control", audience="clinician", body=CLINICIAN_BODY),
        }
    )
    assert result.returncode != 0
    assert (
        "docs/patients/pain.md:6: front-matter-counterpart-anchor: counterpart: clinicians/pain.md "
        "has no section '#nope'"
    ) in result.log
