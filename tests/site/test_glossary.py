"""The glossary: one definitions file, parsed with line numbers, rendered as the glossary page."""

import re

from scripts.domain import glossary
from tests.sitebuilder import page

GOOD = "*[CT]: Computed tomography, a scan\n\n*[ca19-9]: A blood marker\n*[MRI]: Magnetic resonance imaging\n"


def test_parse_reads_terms_and_reports_bad_lines_with_numbers():
    terms, findings = glossary.parse("includes/abbreviations.md", GOOD + "CT means a scan\n*[PET]:\n")
    assert [t.term for t in terms] == ["CT", "ca19-9", "MRI"]
    assert terms[1].line == 3
    assert [f.text().split(": ")[0] for f in findings] == ["includes/abbreviations.md:5", "includes/abbreviations.md:6"]
    assert [f.rule for f in findings] == ["glossary-syntax", "glossary-empty"]


def test_clean_file_has_no_findings():
    terms, findings = glossary.parse("a.md", GOOD)
    assert findings == [] and glossary.duplicates("a.md", terms) == []


def test_a_term_defined_twice_is_reported_at_the_second_definition():
    terms, _ = glossary.parse("a.md", GOOD + "*[CT]: Another definition\n")
    (finding,) = glossary.duplicates("a.md", terms)
    assert finding.text() == "a.md:5: glossary-duplicate: CT: already defined on line 1; keep one definition"


def test_render_is_alphabetical_ignoring_case_and_punctuation_with_anchors():
    terms, _ = glossary.parse("a.md", GOOD)
    out = glossary.render(terms)
    assert re.findall(r"<dfn>(.*?)</dfn>", out) == ["ca19-9", "CT", "MRI"]
    assert '<dt id="term-ca19-9">' in out and '<dt id="term-ct">' in out
    assert "## C {#letter-c}" in out and "## M {#letter-m}" in out


def test_the_glossary_page_is_generated_at_build_time(build_site):
    result = build_site({"index.md": page("Home", body="A CT scan."),
                         "glossary.md": page("Glossary", audience="all", body=f"Terms.\n\n{glossary.MARKER}")})
    assert result.returncode == 0, result.log
    html = result.html("glossary/index.html")
    assert '<dt id="term-ct"><dfn>CT</dfn></dt>' in html
    assert glossary.MARKER not in html
    assert '<abbr title="Computed tomography' in result.html()


def test_a_broken_abbreviations_file_fails_the_build_with_its_line(build_site, tmp_path):
    includes = tmp_path / "alt" / "includes"
    includes.mkdir(parents=True)
    (includes / "abbreviations.md").write_text("*[CT]: One\n*[CT]: Two\n", encoding="utf-8")

    def own_file(config):
        for ext in config["markdown_extensions"]:
            if isinstance(ext, dict) and "pymdownx.snippets" in ext:
                ext["pymdownx.snippets"]["base_path"] = [str(tmp_path / "alt")]

    result = build_site({"index.md": page("Home")}, config_changes=own_file)
    assert result.returncode != 0
    assert "includes/abbreviations.md:2: glossary-duplicate: CT" in result.log
