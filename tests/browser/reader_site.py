"""The small site the browser tests read: two audiences, a glossary, citations, a redirect,
and an address for readers' reports."""

from tests.sitebuilder import APPROVED, page

BIB = """
@article{zeta2011first,
  author  = {Zeta, Anne and Bravo, Carl Dieter},
  title   = {{FOLFIRINOX} in metastatic disease},
  journal = {N Engl J Med},
  year    = {2011},
  volume  = {364},
  number  = {19},
  pages   = {1817--1825},
  doi     = {10.1056/NEJMoa1011923},
  pmid    = {21561347},
  evidence = {randomised-trial},
}
"""
QUOTE = "Tumour response was assessed by CT scan every 8 weeks."
EVIDENCE = {
    "zeta2011first": f"""
    seen_at: https://pubmed.ncbi.nlm.nih.gov/21561347/
    seen_on: 2026-05-01
    quotes:
      - text: {QUOTE}
        locator: Methods
    """
}

PAGES = {
    "index.md": page(
        "Home",
        audience="all",
        body="""
        Information on metastatic pancreatic cancer for patients, families and clinicians.

        ## About this site {#about}

        Read the [patient page](patients/treatment.md) or the [clinician page](clinicians/therapy.md).
        """,
    ),
    "patients/treatment.md": page(
        "Treatment options",
        audience="patient",
        counterpart="clinicians/therapy.md#first-line",
        body="""
        Your care team may suggest a CT scan before treatment starts [@zeta2011first].

        ## First treatment {#first-line}

        Most people are offered chemotherapy first.

        ## Clinical trials {#clinical-trials}

        A trial tests a new treatment.

        ## Questions to ask {#questions}

        - [ ] What is the aim of this treatment?
        - [ ] How will we know if it is working?
        """,
    ),
    "clinicians/therapy.md": page(
        "Systemic therapy",
        "approved",
        audience="clinician",
        counterpart="patients/treatment.md",
        **APPROVED,
        body="""
        Response is assessed by CT every eight weeks [@zeta2011first].

        ## First line {#first-line}

        Modified regimens with gemcitabine remain an option for frail patients.

        ## Clinical trials {#clinical-trials}

        Offer trial enrolment at every line of therapy.
        """,
    ),
    "reference/glossary.md": page(
        "Glossary",
        audience="all",
        body="""
        Every term used on the site.

        <!-- glossary -->
        """,
    ),
}

# A moved page: its old address must still land on the same section.
OLD_ADDRESS = "old-therapy.md"


def add_redirect(config):
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "redirects" in plugin:
            plugin["redirects"]["redirect_maps"] = {OLD_ADDRESS: "clinicians/therapy.md"}


# An address at a domain reserved for examples: the site's search offers it to a reader
# who did not find what they looked for.
REPORT_EMAIL = "reports@example.org"


def configure(config):
    add_redirect(config)
    config.setdefault("extra", {})["report_email"] = REPORT_EMAIL
