"""schema.org structured data for a page: a MedicalWebPage about metastatic pancreatic cancer.

Search engines read it to show who the page is for, when a clinician last
reviewed it, and which works it cites.
"""

from __future__ import annotations

import datetime as dt
import json

from . import audiences, bibliography
from .approval import Reviewer
from .review import Trust

CONDITION = {
    "@type": "MedicalCondition",
    "name": "Metastatic pancreatic cancer",
    "alternateName": "Stage IV pancreatic cancer",
}


def _identifier(name: str, value: str) -> dict:
    return {"@type": "PropertyValue", "propertyID": name, "value": value}


def cited_work(entry: bibliography.Entry) -> dict:
    fields = entry.fields
    work: dict = {
        "@type": "ScholarlyArticle" if entry.type == "article" else "CreativeWork",
        "name": bibliography.plain(fields.get("title", entry.key)),
    }
    identifiers = []
    links = []  # the first is the work's url, the rest sameAs
    if fields.get("doi"):
        identifiers.append(_identifier("DOI", fields["doi"]))
        links.append(f"https://doi.org/{fields['doi']}")
    if fields.get("pmid"):
        identifiers.append(_identifier("PMID", fields["pmid"]))
        links.append(f"https://pubmed.ncbi.nlm.nih.gov/{fields['pmid']}/")
    if fields.get("url"):
        links.append(fields["url"])
    if identifiers:
        work["identifier"] = identifiers
    if links:
        work["url"] = links[0]
    if links[1:]:
        work["sameAs"] = links[1:]
    if fields.get("year"):
        work["datePublished"] = bibliography.plain(fields["year"])
    if fields.get("journal"):
        work["isPartOf"] = {"@type": "Periodical", "name": bibliography.plain(fields["journal"])}
    return work


def reviewer(person: Reviewer) -> dict:
    data = {"@type": "Person", "name": person.name}
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    return data


def medical_web_page(
    *,
    title: str,
    description: str,
    url: str,
    site_name: str,
    site_url: str,
    trust: Trust | None,
    updated: dt.date | None,
    cited: list[bibliography.Entry],
    language: str = "en",
) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "headline": title,
        "description": description,
        "url": url,
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": site_url},
        "about": CONDITION,
    }
    if trust is not None:
        data["audience"] = list(audiences.get(trust.audience).schema_org)
        if trust.last_reviewed:
            data["lastReviewed"] = trust.last_reviewed.isoformat()
        if trust.reviewers:
            data["reviewedBy"] = [reviewer(r) for r in trust.reviewers]
    if updated:
        data["dateModified"] = updated.isoformat()
    if cited:
        data["citation"] = [cited_work(e) for e in cited]
    return data


def script(data: dict) -> str:
    """The <script> element's text: JSON with '<' escaped so no '</script>' can end it early."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
