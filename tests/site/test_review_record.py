"""The review record at the end of every page explains itself and offers a way to report a problem."""

import re
from urllib.parse import unquote

import pytest

from tests.sitebuilder import page

PAGES = {
    "index.md": page("Home", audience="all"),
    "about/index.md": page("Editorial policy", audience="all", body="## Who reviews {#who-reviews}\n\nReviewers."),
    "about/review-for-us.md": page("Review for us", audience="all"),
    "clinicians/therapy.md": page("Systemic therapy", audience="clinician"),
    "patients/treatment.md": page("Treatment & you", audience="patient", status="under-review"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from tests import sitebuilder

    result = sitebuilder.build(tmp_path_factory.mktemp("record"), PAGES)
    assert result.returncode == 0, result.log
    return result


def record(site, path):
    return re.search(r'<aside class="kb-trust.*?</aside>', site.html(path), re.S).group(0)


def test_the_record_says_what_its_state_means_and_who_reviews(site):
    text = record(site, "patients/treatment/index.html")
    assert "What this means: A named clinical reviewer is checking the page in an open pull request." in text
    assert "only a clinical reviewer the project lists approves a page" in text
    assert '<a href="../../about/#who-reviews">How pages are reviewed (editorial policy)</a>' in text


def test_clinician_pages_invite_clinicians_to_review(site):
    join = '<a class="kb-trust__join" href="../../about/review-for-us/">'
    assert join in record(site, "clinicians/therapy/index.html")
    assert "kb-trust__join" not in record(site, "patients/treatment/index.html")


def test_a_problem_is_reported_by_email_with_the_page_named(site):
    link = re.search(r'<a class="kb-trust__mail" href="([^"]+)">', record(site, "patients/treatment/index.html"))
    address, _, query = link.group(1).replace("&amp;", "&").partition("?")
    assert address == "mailto:corrections@stage4-pancreas.example"
    subject = unquote(re.search(r"subject=([^&]+)", query).group(1))
    assert subject == "Problem with page: Treatment & you"
    assert "patients/treatment/" in unquote(re.search(r"body=([^&]+)", query).group(1))


@pytest.mark.parametrize("value", [None, "not an address", "a@b.org?cc=x@y.org"])
def test_the_build_needs_a_report_address(build_site, value):
    def change(config):
        if value is None:
            config["extra"].pop("report_email")
        else:
            config["extra"]["report_email"] = value

    result = build_site({"index.md": page("Home", audience="all")}, config_changes=change)
    assert result.returncode != 0
    assert "extra.report_email" in result.log and "README" in result.log
