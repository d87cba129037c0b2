"""Every answer within two taps: the remembered choice, "On this page" on a phone, search
that lands on the section, suggestions for misspellings, pictures, print, and the
details readers hit (issue 22)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PATIENT = "patients/treatment/"
CLINICIAN = "clinicians/therapy/"


# --- the audience choice ----------------------------------------------------------------


def test_following_a_home_page_link_to_a_section_is_the_readers_choice(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site)
    page.locator("article").get_by_role("link", name="patient page").click()
    page.wait_for_url(re.compile(re.escape(PATIENT) + "$"))
    assert not page.locator("#kb-audience").is_visible(), "not asked again after choosing on the home page"
    assert page.evaluate("localStorage.getItem('kb-audience')") == "patient"
    assert page.locator(".kb-audience-toggle").inner_text().strip() == "Reading as: Patient or family"

    page.goto(fixture_site)
    page.locator("article").get_by_role("link", name="clinician page").click()
    page.wait_for_url(re.compile(re.escape(CLINICIAN) + "$"))
    assert page.evaluate("localStorage.getItem('kb-audience')") == "clinician", "the latest choice counts"


def test_not_now_keeps_the_question_away_for_the_visit_only(context, fixture_site):
    page = context.new_page()
    page.goto(fixture_site + PATIENT)
    page.locator("#kb-audience .kb-audience__close").click()
    assert not page.locator("#kb-audience").is_visible()
    page.goto(fixture_site + CLINICIAN)
    assert not page.locator("#kb-audience").is_visible(), "not asked again during the visit"
    assert page.evaluate("localStorage.getItem('kb-audience')") is None, "nothing chosen for the reader"

    later_visit = context.new_page()  # a new tab: a new visit, the same browser storage
    later_visit.goto(fixture_site + PATIENT)
    assert later_visit.locator("#kb-audience").is_visible(), "asked again on a later visit"
