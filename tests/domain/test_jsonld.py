"""schema.org structured data: what search engines read about a page and the works it cites."""

import datetime as dt
import json

from pancreas_kb.domain import jsonld
from pancreas_kb.domain.approval import Reviewer
from pancreas_kb.domain.bibliography import Entry
from pancreas_kb.domain.review import trust_for

ARTICLE = Entry(
    "conroy2011",
    "article",
    1,
    {
        "title": "The {FOLFIRINOX}  trial",
        "journal": "N {Engl} J Med",
        "year": "{2011}",
        "doi": "10.1056/x",
        "pmid": "21561347",
        "url": "https://e.org/a",
    },
)


def test_a_cited_article_has_its_identifiers_links_date_and_journal_as_plain_text():
    assert jsonld.cited_work(ARTICLE) == {
        "@type": "ScholarlyArticle",
        "name": "The FOLFIRINOX trial",
        "identifier": [
            {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1056/x"},
            {"@type": "PropertyValue", "propertyID": "PMID", "value": "21561347"},
        ],
        "url": "https://doi.org/10.1056/x",
        "sameAs": ["https://pubmed.ncbi.nlm.nih.gov/21561347/", "https://e.org/a"],
        "datePublished": "2011",
        "isPartOf": {"@type": "Periodical", "name": "N Engl J Med"},
    }


def test_a_work_without_fields_is_named_by_its_key_and_claims_nothing_else():
    assert jsonld.cited_work(Entry("nice2024", "misc", 1, {})) == {"@type": "CreativeWork", "name": "nice2024"}


def test_a_work_with_one_link_has_it_as_its_url_and_no_same_as():
    assert jsonld.cited_work(Entry("w", "online", 1, {"title": "W", "url": "https://e.org/w"})) == {
        "@type": "CreativeWork",
        "name": "W",
        "url": "https://e.org/w",
    }
    assert jsonld.cited_work(Entry("p", "article", 1, {"title": "P", "pmid": "7"})) == {
        "@type": "ScholarlyArticle",
        "name": "P",
        "identifier": [{"@type": "PropertyValue", "propertyID": "PMID", "value": "7"}],
        "url": "https://pubmed.ncbi.nlm.nih.gov/7/",
    }


def test_a_reviewer_is_a_person_with_credentials_when_given():
    assert jsonld.reviewer(Reviewer("Dr A", "MD, PhD")) == {
        "@type": "Person",
        "name": "Dr A",
        "honorificSuffix": "MD, PhD",
    }
    assert jsonld.reviewer(Reviewer("B", "")) == {"@type": "Person", "name": "B"}


SITE = {"site_name": "Pancreas KB", "site_url": "https://kb.example/"}


def test_a_reviewed_page_says_who_reviewed_it_when_for_whom_and_what_it_cites():
    trust = trust_for(
        {
            "review_status": "approved",
            "audience": "clinician",
            "last_reviewed": dt.date(2026, 1, 2),
            "next_review": dt.date(2027, 1, 2),
            "reviewers": [{"name": "Dr A", "credentials": "MD"}],
        },
        dt.date(2026, 6, 1),
    )
    data = jsonld.medical_web_page(
        title="Therapy",
        description="First-line options.",
        url="https://kb.example/clinicians/therapy/",
        trust=trust,
        updated=dt.date(2026, 3, 4),
        cited=[Entry("k", "misc", 1, {"title": "K"})],
        language="es",
        **SITE,
    )
    assert data == {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": "Therapy",
        "headline": "Therapy",
        "description": "First-line options.",
        "url": "https://kb.example/clinicians/therapy/",
        "inLanguage": "es",
        "isPartOf": {"@type": "WebSite", "name": "Pancreas KB", "url": "https://kb.example/"},
        "about": {
            "@type": "MedicalCondition",
            "name": "Metastatic pancreatic cancer",
            "alternateName": "Stage IV pancreatic cancer",
        },
        "audience": [{"@type": "MedicalAudience", "audienceType": "Clinician"}],
        "lastReviewed": "2026-01-02",
        "reviewedBy": [{"@type": "Person", "name": "Dr A", "honorificSuffix": "MD"}],
        "dateModified": "2026-03-04",
        "citation": [{"@type": "CreativeWork", "name": "K"}],
    }


def test_an_unreviewed_page_claims_no_review_date_reviewer_or_citation():
    trust = trust_for({"review_status": "submitted", "audience": "patient"}, dt.date(2026, 6, 1))
    data = jsonld.medical_web_page(title="T", description="", url="", trust=trust, updated=None, cited=[], **SITE)
    assert data["inLanguage"] == "en" and data["audience"] == [{"@type": "Patient"}]
    assert not {"lastReviewed", "reviewedBy", "dateModified", "citation"} & set(data)
    without_record = jsonld.medical_web_page(
        title="T", description="", url="", trust=None, updated=None, cited=[], **SITE
    )
    assert "audience" not in without_record


def test_the_script_text_is_compact_json_keeping_letters_and_escaping_every_angle_bracket():
    text = jsonld.script({"name": "Cáncer </script><b>", "n": [1, 2]})
    assert text == '{"name": "Cáncer \\u003c/script>\\u003cb>", "n": [1, 2]}'
    assert json.loads(text) == {"name": "Cáncer </script><b>", "n": [1, 2]}
