"""The glossary: one data file, parsed with line numbers, marked at first use, listed on its page."""

import re

from pancreas_kb.domain import glossary
from tests.sitebuilder import page

GOOD = """\
- term: CT
  definition: Computed tomography, a scan

- term: ca19-9
  definition: A blood marker
- term: MRI
  definition: "Magnetic resonance imaging: a scan with magnets"
- term: NTRK
  definition: A rare gene fusion
  clinicians: true
- term: biopsy
  definition: Taking a small piece of tissue
"""


def test_parse_reads_terms_with_lines_and_the_clinician_flag():
    terms, findings = glossary.parse("includes/glossary.yml", GOOD)
    assert findings == []
    assert [t.term for t in terms] == ["CT", "ca19-9", "MRI", "NTRK", "biopsy"]
    assert terms[1].line == 4
    assert [t.term for t in terms if t.clinicians] == ["NTRK"]


def test_bad_entries_are_reported_with_file_line_rule_and_fix():
    bad = GOOD + "- term: PET\n- definition: no term\n- term: X\n  definiton: typo\n  clinicians: maybe\n"
    terms, findings = glossary.parse("includes/glossary.yml", bad)
    assert "PET" not in [t.term for t in terms]
    assert [f.text().split(": ")[0] + " " + f.rule for f in findings] == [
        "includes/glossary.yml:13 glossary-empty",
        "includes/glossary.yml:14 glossary-syntax",
        "includes/glossary.yml:16 glossary-unknown-field",
        "includes/glossary.yml:15 glossary-empty",
    ]
    _, findings = glossary.parse("g.yml", "- term: X\n  definition: Y\n  clinicians: maybe\n")
    assert [f.text() for f in findings] == ["g.yml:3: glossary-value: X: clinicians: write true or false"]


def test_malformed_yaml_is_one_finding_with_its_line():
    terms, findings = glossary.parse("g.yml", "- term: CT\n  definition: [unclosed\n")
    assert terms == [] and [f.rule for f in findings] == ["glossary-yaml"]
    assert findings[0].line >= 2


def test_a_term_defined_twice_is_reported_at_the_second_definition():
    terms, _ = glossary.parse("a.yml", GOOD + "- term: CT\n  definition: Another definition\n")
    (finding,) = glossary.duplicates("a.yml", terms)
    assert finding.text() == "a.yml:13: glossary-duplicate: CT: already defined on line 1; keep one definition"


def test_render_is_alphabetical_ignoring_case_and_punctuation_with_anchors():
    terms, _ = glossary.parse("a.yml", GOOD)
    out = glossary.render(terms)
    assert re.findall(r"<dfn>(.*?)</dfn>", out) == ["biopsy", "ca19-9", "CT", "MRI", "NTRK"]
    assert '<dt id="term-ca19-9">' in out and '<dt id="term-ct">' in out
    assert "## C {#letter-c}" in out and "## M {#letter-m}" in out


def test_matcher_takes_capitalised_lower_case_terms_but_not_lower_cased_acronyms():
    terms, _ = glossary.parse("a.yml", GOOD)
    matcher = glossary.Matcher(terms, "patient")
    parts = matcher.split("Biopsy first, then a ct and a CT; the PET-CT and CTs are not terms.", set())
    assert [p for p in parts if isinstance(p, str)][1::2] == ["Biopsy", "CT"]
    assert glossary.Matcher(terms, "clinician").split("CT and NTRK", set())[1] == "NTRK"


# --- in built pages -----------------------------------------------------------------

BIB = """
@article{zeta2011first,
  author = {Zeta, Anne}, title = {A {CT} study}, journal = {Lancet}, year = {2011},
  volume = {1}, pages = {1--2}, doi = {10.1000/x},
}
"""

BODY = """\
A CT scan first [@zeta2011first]. Another CT later, and an MRI.

## CT results {#results}

The CT showed a change. A [CT link](#results) is not explained. Then `CT` in code.

!!! note "About CT"

    Nothing new here about the CT.
"""


def test_a_term_is_explained_once_per_section_never_in_headings_links_code_or_references(build_site):
    result = build_site({"index.md": page("Home", body=BODY)}, bib=BIB)
    assert result.returncode == 0, result.log
    html = result.html()
    article = html[html.index("<article") : html.index("</article>")]
    marked = re.findall(r"<abbr title=\"([^\"]*)\">([^<]*)</abbr>", article)
    assert [word for _, word in marked] == ["CT", "MRI", "CT"], "first use on the page and in the h2 section"
    assert not re.search(r"<h\d[^>]*>[^\n]*<abbr", article)
    references = article[article.index('class="footnote"') :]
    assert "<abbr" not in references, "citation tooltips copy the reference list"


def test_clinician_pages_explain_only_terms_flagged_for_clinicians(build_site):
    body = "CT, MRI and NTRK testing."
    result = build_site(
        {"index.md": page("Home", audience="clinician", body=body), "p.md": page("P", audience="patient", body=body)}
    )
    assert result.returncode == 0, result.log
    assert re.findall(r"<abbr[^>]*>([^<]*)</abbr>", result.html()) == ["NTRK"]
    assert re.findall(r"<abbr[^>]*>([^<]*)</abbr>", result.html("p/index.html")) == ["CT", "MRI", "NTRK"]


def test_the_glossary_page_is_generated_at_build_time_from_the_same_file(build_site):
    result = build_site(
        {
            "index.md": page("Home", body="A CT scan."),
            "glossary.md": page("Glossary", audience="all", body=f"Terms.\n\n{glossary.MARKER}"),
        }
    )
    assert result.returncode == 0, result.log
    html = result.html("glossary/index.html")
    assert '<dt id="term-ct"><dfn>CT</dfn></dt>' in html
    assert glossary.MARKER not in html
    assert '<abbr title="Computed tomography' in result.html()


def test_a_broken_glossary_file_fails_the_build_with_its_line(build_site, tmp_path):
    includes = tmp_path / "includes"
    includes.mkdir(parents=True)
    (includes / "glossary.yml").write_text(
        "- term: CT\n  definition: One\n- term: CT\n  definition: Two\n", encoding="utf-8"
    )
    result = build_site({"index.md": page("Home")})
    assert result.returncode != 0
    assert "includes/glossary.yml:3: glossary-duplicate: CT" in result.log
