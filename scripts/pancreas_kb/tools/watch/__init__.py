"""`make watch`: the literature watch. Saved searches (`literature-watch.yml`) run against PubMed,
ClinicalTrials.gov and openFDA, and each page learns what appeared after its `evidence_checked` date."""
