"""The bibliography: what an editor reads for each problem, and the references readers see."""

import datetime as dt

import pytest

from pancreas_kb.domain import bibliography
from pancreas_kb.domain.bibliography import Entry
from pancreas_kb.domain.findings import Finding

TODAY = dt.date(2026, 6, 1)
PATH = "references.bib"

# Realistic entries, with the LaTeX accents, protective braces and separators a .bib file holds.
BIB = r"""@article{conroy2011folfirinox,
  author  = {Conroy, Thierry and Desseigne, Fran{\c{c}}oise and Ychou, Marc and Bouch{\'e}, Olivier and
             Guimbaud, Rosine and B{\'e}couarn, Yves and Adenis, Antoine},
  title   = {{FOLFIRINOX} versus gemcitabine for metastatic pancreatic cancer},
  journal = {N Engl J Med},
  year    = {2011},
  volume  = {364},
  number  = {19},
  pages   = {1817--1825},
  doi     = {10.1056/NEJMoa1011923},
  pmid    = {21561347},
}
@article{vonhoff2013nabpaclitaxel,
  author  = {Daniel D. Hoff and Thomas Ervin and Francis P. Arena and E. Gabriela Chiorean and
             Jeffrey Infante and Malcolm Moore and others},
  title   = {Increased survival in pancreatic cancer with nab-paclitaxel plus gemcitabine?},
  journal = {N Engl J Med},
  year    = {2013},
  volume  = {369},
  pages   = {1691 - 1703},
  doi     = {10.1056/NEJMoa1304369},
}
@misc{nci2026treatment,
  author  = {{National Cancer Institute}},
  title   = {Pancreatic cancer treatment (PDQ*): patient_version},
  year    = {2026},
  url     = {https://www.cancer.gov/types/pancreatic_x},
  urldate = {2026-05-01},
  note    = {Last updated 2026},
}
@incollection{smith2020palliative,
  author    = {Smith, Jane-Anne and J.-P. Dupont},
  title     = {Palliative care in advanced cancer!},
  booktitle = {Oxford Textbook of Palliative Medicine},
  publisher = {Oxford University Press},
  year      = {2020},
  doi       = {10.1093/med/9780198821328.001.0001},
}
@techreport{who2019pain,
  author      = {{World Health Organization}},
  title       = {Cancer pain relief},
  institution = {WHO},
  year        = {2019},
  url         = {https://www.who.int/pain},
  urldate     = {last spring},
}
"""

REFERENCES = {
    "conroy2011folfirinox": (
        "Conroy T, Desseigne F, Ychou M, Bouché O, Guimbaud R, Bécouarn Y, et al. "
        "FOLFIRINOX versus gemcitabine for metastatic pancreatic cancer. N Engl J Med. 2011;364(19):1817-1825. "
        "[doi:10.1056/NEJMoa1011923](https://doi.org/10.1056/NEJMoa1011923) "
        "[PMID: 21561347](https://pubmed.ncbi.nlm.nih.gov/21561347/)"
    ),
    "vonhoff2013nabpaclitaxel": (
        "Hoff DD, Ervin T, Arena FP, Chiorean EG, Infante J, Moore M, et al. "
        "Increased survival in pancreatic cancer with nab-paclitaxel plus gemcitabine? "
        "N Engl J Med. 2013;369:1691-1703. [doi:10.1056/NEJMoa1304369](https://doi.org/10.1056/NEJMoa1304369)"
    ),
    "nci2026treatment": (
        r"National Cancer Institute. Pancreatic cancer treatment (PDQ\*): patient\_version. "
        r"Last updated 2026. 2026. Accessed May 1, 2026. "
        r"[https://www.cancer.gov/types/pancreatic\_x](https://www.cancer.gov/types/pancreatic_x)"
    ),
    "smith2020palliative": (
        "Smith JA, Dupont JP. Palliative care in advanced cancer! In: Oxford Textbook of Palliative Medicine. "
        "Oxford University Press; 2020. "
        "[doi:10.1093/med/9780198821328.001.0001](https://doi.org/10.1093/med/9780198821328.001.0001)"
    ),
    "who2019pain": (
        "World Health Organization. Cancer pain relief. WHO; 2019. Accessed last spring. "
        "[https://www.who.int/pain](https://www.who.int/pain)"
    ),
}


def test_realistic_entries_parse_cleanly_with_their_lines():
    library = bibliography.parse(PATH, BIB)
    assert library.findings == []
    assert bibliography.lint(library, TODAY) == []
    assert [(e.key, e.type, e.line) for e in library.entries.values()] == [
        ("conroy2011folfirinox", "article", 1),
        ("vonhoff2013nabpaclitaxel", "article", 13),
        ("nci2026treatment", "misc", 23),
        ("smith2020palliative", "incollection", 31),
        ("who2019pain", "techreport", 39),
    ]
    conroy = library.entries["conroy2011folfirinox"]
    assert conroy.field_lines == {
        "author": 2,
        "title": 4,
        "journal": 5,
        "year": 6,
        "volume": 7,
        "number": 8,
        "pages": 9,
        "doi": 10,
        "pmid": 11,
    }
    assert conroy.fields["journal"] == "N Engl J Med"


@pytest.mark.parametrize("key", REFERENCES)
def test_each_reference_renders_in_vancouver_style(key):
    assert bibliography.parse(PATH, BIB).reference(key) == REFERENCES[key]


def test_a_reference_is_formatted_once_and_reused():
    library = bibliography.parse(PATH, BIB)
    first = library.reference("who2019pain")
    library.entries["who2019pain"].fields["title"] = "Changed"
    assert library.reference("who2019pain") is first
    assert library.reference("smith2020palliative") == REFERENCES["smith2020palliative"]


def entry(kind="misc", key="k2020", line=3, **fields):
    return Entry(key, kind, line, fields, {name: line + 1 + i for i, name in enumerate(fields)})


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "k2020."),  # no title: the key stands in, no author, no year
        ({"title": "A title"}, "A title."),
        ({"title": "A title", "organization": "ESMO", "year": "2024"}, "A title. ESMO; 2024."),
        ({"title": "A title", "howpublished": "Leaflet"}, "A title. Leaflet."),
        ({"title": "A title", "year": "2024"}, "A title. 2024."),
        (
            {"title": "A title", "publisher": "P", "institution": "I", "organization": "O", "howpublished": "H"},
            "A title. P.",
        ),
        ({"title": "A title", "institution": "I", "organization": "O"}, "A title. I."),
        ({"title": "A title", "publisher": "A <b> & #1"}, r"A title. A \<b\> & \#1."),
        ({"title": "Why?", "booktitle": "Proc. ASCO.", "note": "Abstract 4"}, "Why? In: Proc. ASCO. Abstract 4."),
        ({"title": "A title", "urldate": "2026-01-09"}, "A title. Accessed January 9, 2026."),
        ({"title": "A title", "url": "https://x.org/a_b"}, r"A title. [https://x.org/a\_b](https://x.org/a_b)"),
        (
            {"title": "A title", "doi": "10.1/a_b", "pmid": "123"},
            r"A title. [doi:10.1/a\_b](https://doi.org/10.1/a_b) [PMID: 123](https://pubmed.ncbi.nlm.nih.gov/123/)",
        ),
    ],
)
def test_a_non_article_reference_lists_only_what_the_entry_holds(fields, expected):
    assert bibliography.vancouver(entry(**fields)) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": "T", "journal": "J", "year": "2020"}, "T. J. 2020."),
        ({"title": "T", "journal": "J", "year": "2020", "number": "4"}, "T. J. 2020."),
        ({"title": "T", "journal": "J", "year": "2020", "volume": "9"}, "T. J. 2020;9."),
        ({"title": "T", "journal": "J", "year": "2020", "pages": "e1--e9"}, "T. J. 2020:e1-e9."),
        ({"title": "T", "journal": "J_x", "year": "2020", "volume": "9", "number": "4"}, r"T. J\_x. 2020;9(4)."),
        ({"title": "T", "journal": "J", "publisher": "P", "url": "https://x", "urldate": "2020-01-01"}, "T. J."),
        ({"title": "T", "journal": "Proc. ASCO.", "year": "2020"}, "T. Proc. ASCO. 2020."),
        ({"title": "T", "year": "2020", "pages": "5"}, "T. 2020:5."),
        ({"title": "T", "journal": "J"}, "T. J."),
        ({"title": "", "journal": "J", "year": "2020"}, "J. 2020."),
    ],
)
def test_an_article_reference_is_journal_year_volume_issue_pages(fields, expected):
    assert bibliography.vancouver(entry("article", **fields)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("Doe, Jane", "Doe J"),
        ("Jane Doe", "Doe J"),
        ("Doe", "Doe"),
        ("{World Health Organization}", "World Health Organization"),
        ("{Smith and Jones Foundation} and Doe, J.", "Smith and Jones Foundation, Doe J"),
        ("Doe, J.-P. and Dupont, jean 3rd", "Doe JP, Dupont J"),
        ("Hoff, Jr., Daniel D. and Zola, III, {\\'E}mile", "Hoff DD Jr., Zola É III"),
        ("Doe, Jr, Jane, Ann, More", "Doe JAM Jr"),  # more commas than BibTeX allows (bib-syntax): given names
        ("Doe, , Jane", "Doe J"),
        (r"{\"O}zt{\"u}rk, {\"A}hmet", "Öztürk Ä"),
        ("A, B and C, D and E, F and G, H and I, J and K, L", "A B, C D, E F, G H, I J, K L"),
        ("A, B and C, D and E, F and G, H and I, J and K, L and M, N", "A B, C D, E F, G H, I J, K L, et al"),
        ("A, B and C, D and E, F and G, H and I, J and K, L and others", "A B, C D, E F, G H, I J, K L, et al"),
        ("A, B  and\n  C, D and Others", "A B, C D, et al"),
    ],
)
def test_authors_are_surname_and_initials_six_at_most_then_et_al(raw, expected):
    assert bibliography.authors(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  plain\n\ttext  ", "plain text"),
        ("{FOLFIRINOX}  and\n {CA} 19-9", "FOLFIRINOX and CA 19-9"),
        (r"Bouch{\'e}", "Bouché"),
    ],
)
def test_plain_removes_latex_and_collapses_whitespace(value, expected):
    assert bibliography.plain(value) == expected


# --- reading the file ---------------------------------------------------------------------

MISC = "@misc{a2020,\n  author = {Doe, Jane},\n  title = {T},\n}\n"
PLUGIN_HINT = "; check this entry's key, braces, commas and author names ('Last, First and Last, First')"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MISC + MISC, [(5, "bib-duplicate-key", "'a2020' is defined twice; merge the two entries or rename one")]),
        (
            MISC + MISC.replace("a2020", "A2020"),
            [
                (
                    5,
                    "bib-duplicate-key",
                    "'A2020' differs only in case from 'a2020' (line 1); keys must be unique ignoring case",
                )
            ],
        ),
        (
            MISC + "\n@article{broken,\n  title = {Unclosed,\n  year = 2020\n",
            [(6, "bib-syntax", "this entry cannot be read (unreadable entry); check its braces, commas and quotes")],
        ),
        (
            MISC + "@misc{k,\n title = {x},\n title = {y},\n}\n",
            [
                (
                    5,
                    "bib-syntax",
                    "this entry cannot be read (Duplicate field keys on entry: 'title'.Note: The entry "
                    "(containing duplicate) is available as `failed_block.entry`); check its braces, commas and quotes",
                )
            ],
        ),
        (
            "% see @misc below\n" + MISC + "  %@ again\n",
            [
                (
                    1,
                    "bib-stray-at",
                    "an '@' in a comment line starts a new entry for the citation plugin's parser; "
                    "remove the '@' from the comment",
                ),
                (
                    6,
                    "bib-stray-at",
                    "an '@' in a comment line starts a new entry for the citation plugin's parser; "
                    "remove the '@' from the comment",
                ),
            ],
        ),
        ("% a comment, no at sign\n" + MISC.replace("{T}", "{50% @ home}"), []),
        (MISC.replace("a2020", "strasse2020") + MISC.replace("a2020", "straße2020"), []),  # as pybtex folds keys
        (
            MISC + "@misc{x1,\n  author = {Doe, Jane, Jr, Extra},\n  title = {T},\n}\n",
            [
                (
                    6,
                    "bib-syntax",
                    "the citation plugin cannot read the bibliography (Too many commas in 'Doe, Jane, Jr, Extra')"
                    + PLUGIN_HINT,
                )
            ],
        ),
        (
            MISC + "@misc{x2,\n  title = undefinedmacro,\n}\n",
            [
                (
                    6,
                    "bib-syntax",
                    "the citation plugin cannot read the bibliography (undefined string in line 6: undefinedmacro)"
                    + PLUGIN_HINT,
                )
            ],
        ),
    ],
)
def test_what_cannot_be_read_is_a_finding_with_its_line(text, expected):
    library = bibliography.parse(PATH, text)
    assert [(f.path, f.line, f.rule, f.message) for f in library.findings] == [(PATH, *e) for e in expected]
    assert all(f.severity == "error" for f in library.findings)


def test_entries_after_a_key_differing_only_in_case_are_still_read():
    library = bibliography.parse(PATH, MISC + MISC.replace("a2020", "A2020") + MISC.replace("a2020", "b2021"))
    assert list(library.entries) == ["a2020", "b2021"]
    assert [(f.line, f.rule) for f in library.findings] == [(5, "bib-duplicate-key")]


def test_the_plugin_parser_is_not_asked_once_an_error_is_found(monkeypatch):
    asked = []
    monkeypatch.setattr(bibliography, "plugin_parser", lambda path, text: asked.append(path) or [])
    bibliography.parse(PATH, "% @stray\n" + MISC)
    assert asked == []
    bibliography.parse(PATH, MISC)
    assert asked == [PATH]


class _Refusal(Exception):
    lineno = None


@pytest.mark.parametrize(
    ("error", "line", "detail"),
    [
        (_Refusal("at line 4 here 'T'"), 4, "at line 4 here 'T'"),  # "line N" wins over a quote
        (_Refusal("cannot read 'nowhere' nor 'title = {T}'"), 3, "cannot read 'nowhere' nor 'title = {T}'"),
        (_Refusal("cannot read 'nowhere'"), 1, "cannot read 'nowhere'"),
        (_Refusal("  "), 1, "_Refusal"),
        (type("Numbered", (Exception,), {"lineno": 2})("first 'title'"), 2, "first 'title'"),
    ],
)
def test_whatever_the_plugin_parser_raises_is_a_finding(monkeypatch, error, line, detail):
    class Parser:
        def parse_string(self, text):
            raise error

    monkeypatch.setattr(bibliography.pybtex_bibtex, "Parser", Parser)
    assert bibliography.plugin_parser(PATH, MISC) == [
        Finding(
            PATH,
            line,
            "bib-syntax",
            f"the citation plugin cannot read the bibliography ({detail}){PLUGIN_HINT}",
        )
    ]


def test_the_first_line_quoted_by_the_plugin_parser_is_found_past_the_first():
    text = "line one\nline two\nline three 'x'\n"
    assert bibliography._line_named("bad 'line three'", text) == 3
    assert bibliography._line_named("bad 'line one'", text) == 1
    assert bibliography._line_named("bad line 7, 'line two'", text) == 7
    assert bibliography._line_named("bad inline 7 'line two'", text) == 2


def test_a_file_is_read_as_bytes_and_its_encoding_problems_come_first(tmp_path):
    path = tmp_path / "references.bib"
    path.write_bytes(b"\xef\xbb\xbf% @x\r\n" + MISC.encode())
    library = bibliography.load(str(path), "references.bib")
    assert [(f.path, f.line, f.rule) for f in library.findings] == [
        ("references.bib", 1, "file-bom"),
        ("references.bib", 1, "file-line-endings"),
        ("references.bib", 1, "bib-stray-at"),
    ]
    assert list(library.entries) == ["a2020"]
    assert library.entries["a2020"].line == 2
    assert bibliography.load(str(path)).findings[0].path == str(path)


# --- lint rules ---------------------------------------------------------------------------


def findings(rule, item, **kwargs):
    return [(f.path, f.line, f.rule, f.message) for f in rule(item, path=PATH, today=TODAY, **kwargs)]


@pytest.mark.parametrize("key", ["conroy2011folfirinox", "_x", "9a-b_c", "A"])
def test_a_citable_key_passes(key):
    assert findings(bibliography.key_syntax, entry(key=key)) == []


@pytest.mark.parametrize("key", ["conroy 2011", "-x", "a.b", "é2020", ""])
def test_a_key_that_cannot_be_cited_is_reported(key):
    assert findings(bibliography.key_syntax, entry(key=key)) == [
        (
            PATH,
            3,
            "bib-key",
            f"'{key}' cannot be cited: a key is letters, digits, '_' and '-' with no spaces, "
            "e.g. conroy2011folfirinox; write it right after '@type{', followed by a comma",
        )
    ]


def test_an_unknown_entry_type_names_the_types_used_here():
    assert findings(bibliography.required_fields, entry("patent", title="T")) == [
        (
            PATH,
            3,
            "bib-entry-type",
            "k2020: entry type @patent is not used here "
            "(use one of: @article, @book, @incollection, @inproceedings, @techreport, @misc, @online)",
        )
    ]


def test_each_missing_required_field_is_reported_in_order():
    assert findings(bibliography.required_fields, entry("article", title="T", journal="", year="2020")) == [
        (
            PATH,
            3,
            "bib-required-field",
            f"k2020: @article needs a '{name}' field; add it from the source, "
            "or remove the entry if the source cannot be seen",
        )
        for name in ("author", "journal", "volume", "pages")
    ]
    assert findings(bibliography.required_fields, entry("online", author="A", title="T")) == []


IDENTIFIER = "k2020: needs {} seen on the source itself, so readers can find it"


@pytest.mark.parametrize(
    ("kind", "fields", "wanted"),
    [
        ("article", {"doi": "10.1/x"}, None),
        ("article", {"pmid": "1"}, None),
        ("article", {"url": "https://x", "urldate": "2020-01-01"}, "a 'doi' or 'pmid'"),
        ("article", {"doi": "", "pmid": ""}, "a 'doi' or 'pmid'"),
        ("misc", {"url": "https://x", "urldate": "2020-01-01"}, None),
        ("misc", {"pmid": "1"}, None),
        ("misc", {"url": "https://x"}, "a 'doi' or 'pmid', or both 'url' and 'urldate'"),
        ("misc", {"urldate": "2020-01-01"}, "a 'doi' or 'pmid', or both 'url' and 'urldate'"),
        ("online", {}, "a 'doi' or 'pmid', or both 'url' and 'urldate'"),
    ],
)
def test_an_entry_needs_an_identifier_readers_can_follow(kind, fields, wanted):
    expected = [] if wanted is None else [(PATH, 3, "bib-identifier", IDENTIFIER.format(wanted))]
    assert findings(bibliography.identifier, entry(kind, **fields)) == expected


@pytest.mark.parametrize(
    ("rule", "fields", "expected"),
    [
        (bibliography.doi_syntax, {}, []),
        (bibliography.doi_syntax, {"doi": "10.1056/NEJMoa1011923"}, []),
        (bibliography.doi_syntax, {"doi": "10.123456789/x"}, []),
        (
            bibliography.doi_syntax,
            {"title": "T", "doi": "https://doi.org/10.1056/x"},
            [
                (
                    PATH,
                    5,
                    "bib-doi-syntax",
                    "k2020: doi 'https://doi.org/10.1056/x' is not a DOI; "
                    "write it as 10.NNNN/suffix, without https://doi.org/",
                )
            ],
        ),
        (
            bibliography.doi_syntax,
            {"doi": "10.123/x"},
            [
                (
                    PATH,
                    4,
                    "bib-doi-syntax",
                    "k2020: doi '10.123/x' is not a DOI; write it as 10.NNNN/suffix, without https://doi.org/",
                )
            ],
        ),
        (
            bibliography.doi_syntax,
            {"doi": "10.1234567890/x"},
            [
                (
                    PATH,
                    4,
                    "bib-doi-syntax",
                    "k2020: doi '10.1234567890/x' is not a DOI; write it as 10.NNNN/suffix, without https://doi.org/",
                )
            ],
        ),
        (
            bibliography.doi_syntax,
            {"doi": "10.1234/a b"},
            [
                (
                    PATH,
                    4,
                    "bib-doi-syntax",
                    "k2020: doi '10.1234/a b' is not a DOI; write it as 10.NNNN/suffix, without https://doi.org/",
                )
            ],
        ),
        (bibliography.pmid_syntax, {}, []),
        (bibliography.pmid_syntax, {"pmid": "123456789"}, []),
        (bibliography.pmid_syntax, {"pmid": "1"}, []),
        (
            bibliography.pmid_syntax,
            {"title": "T", "pmid": "PMID21561347"},
            [(PATH, 5, "bib-pmid-syntax", "k2020: pmid 'PMID21561347' must be digits only")],
        ),
        (
            bibliography.pmid_syntax,
            {"pmid": "1234567890"},
            [(PATH, 4, "bib-pmid-syntax", "k2020: pmid '1234567890' must be digits only")],
        ),
        (
            bibliography.pmid_syntax,
            {"pmid": "12 "},
            [(PATH, 4, "bib-pmid-syntax", "k2020: pmid '12 ' must be digits only")],
        ),
    ],
)
def test_doi_and_pmid_syntax(rule, fields, expected):
    assert findings(rule, entry(**fields)) == expected


def test_a_finding_without_a_field_line_points_at_the_entry():
    bare = Entry("k2020", "misc", 7, {"doi": "x", "pmid": "x", "year": "x", "url": "x", "title": "<b>"})
    assert [f.line for rule in bibliography.ENTRY_RULES for f in rule(bare, path=PATH, today=TODAY)] == [7] * 6


@pytest.mark.parametrize(
    ("year", "plausible"),
    [
        (None, True),
        ("1800", True),
        ("1799", False),
        ("2027", True),  # next year: in press
        ("2028", False),
        ("20x1", False),
        ("２０１１", False),  # full-width digits
        ("", False),
    ],
)
def test_a_year_is_plausible_from_1800_to_next_year(year, plausible):
    item = entry() if year is None else entry(year=year)
    expected = [(PATH, 4, "bib-year", f"k2020: year '{year}' is not a plausible publication year")]
    assert findings(bibliography.year_plausible, item) == ([] if plausible else expected)


def test_every_field_with_markup_or_invisible_characters_is_reported():
    item = entry(title="Less <b>bold</b>", note="Two\nlines", journal="Zero\u200bwidth")
    assert findings(bibliography.plain_fields, item) == [
        (
            PATH,
            4,
            "bib-plain-text",
            "k2020: title holds < or >, which would be read as markup; write the words (e.g. 'less than')",
        ),
        (
            PATH,
            6,
            "bib-plain-text",
            "k2020: journal holds the invisible character U+200B; delete it (retype the text around it)",
        ),
    ]


@pytest.mark.parametrize("url", ["https://x.org", "http://x.org", "HTTPS://X.ORG", " https://x.org"])
def test_a_web_address_passes(url):
    assert findings(bibliography.url_scheme, entry(url=url)) == []


def test_a_url_that_is_no_web_address_is_reported_shortened():
    url = "www.cancer.gov/types/pancreatic/patient/pancreatic-treatment-pdq"
    assert findings(bibliography.url_scheme, entry(title="T", url=url)) == [
        (
            PATH,
            5,
            "bib-url",
            "k2020: url 'www.cancer.gov/types/pancreatic/patient/' is not a web address; "
            "give the https:// address of the source",
        )
    ]
    assert findings(bibliography.url_scheme, entry(url="ftp://x"))[0][3].startswith("k2020: url 'ftp://x' is")


SAME = "@misc{first2020,\n  title = {A},\n  doi = {10.1000/ABC},\n  pmid = {1},\n  url = {https://www.x.org/a/},\n}\n"


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ("  doi = {https://doi.org/10.1000/abc},\n", "DOI"),
        ("  doi = {http://dx.doi.org/10.1000/abc},\n", "DOI"),
        ("  doi = {doi:10.1000/Abc},\n", "DOI"),
        ("  pmid = { 1 },\n", "PMID"),
        ("  url = {http://x.org/a},\n", "URL"),
        ("  url = {HTTPS://X.org/a},\n", "URL"),
        ("  url = {x.org/a},\n", "URL"),  # (written without its scheme, which bib-url reports)
        ("  doi = {10.1000/abc},\n  pmid = {1},\n", "DOI"),  # one finding per entry, its first shared identifier
    ],
)
def test_one_work_under_two_keys_names_the_first_entry(fields, name):
    library = bibliography.parse(PATH, SAME + "@misc{second2021,\n  title = {B},\n" + fields + "}\n")
    assert bibliography.same_work_twice(library) == [
        Finding(
            PATH,
            9,
            "bib-same-work",
            f"second2021: has the same {name} as 'first2020' (line 1); keep one entry, cite its key everywhere, "
            "delete the other",
        )
    ]


@pytest.mark.parametrize(
    "fields",
    [
        "  doi = {10.1000/abcd},\n",
        "  doi = {https://doi.org/x/10.1000/abc},\n",
        "  pmid = {11},\n",
        "  url = {https://x.org/a/b},\n",
        "  url = {https://www2.x.org/a},\n",
        "  doi = {},\n  pmid = {},\n  url = {},\n",
        "  url = {10.1000/abc},\n",  # the same text in another field is another identifier
    ],
)
def test_different_identifiers_are_different_works(fields):
    library = bibliography.parse(PATH, SAME + "@misc{second2021,\n  title = {B},\n" + fields + "}\n")
    assert bibliography.same_work_twice(library) == []


def test_the_same_work_is_reported_for_every_further_copy_at_its_field_line():
    copy = "@misc{copy{n},\n  title = {C},\n  pmid = {1},\n}\n"
    library = bibliography.parse(PATH, SAME + copy.replace("{n}", "2") + copy.replace("{n}", "3"))
    assert [(f.line, f.message[:36]) for f in bibliography.same_work_twice(library)] == [
        (9, "copy2: has the same PMID as 'first20"),
        (13, "copy3: has the same PMID as 'first20"),
    ]


def test_lint_gives_the_files_findings_then_each_entrys_then_the_librarys():
    web = {"url": "https://x.org", "urldate": "2020-01-01"}
    entries = {
        "a": entry(key="a", author="A", title="<A>", **web),
        "b": entry(key="b", line=10, author="B", title="B", **web),
    }
    library = bibliography.Library(PATH, entries, [Finding(PATH, 1, "bib-stray-at", "kept")])
    assert [(f.line, f.rule) for f in bibliography.lint(library, TODAY)] == [
        (1, "bib-stray-at"),
        (5, "bib-plain-text"),
        (13, "bib-same-work"),
    ]
    assert library.findings == [Finding(PATH, 1, "bib-stray-at", "kept")]


def test_the_same_work_in_entries_without_field_lines_is_reported_at_the_entry():
    first, second = Entry("a", "misc", 1, {"pmid": "1"}), Entry("b", "misc", 8, {"pmid": "1"})
    library = bibliography.Library(PATH, {"a": first, "b": second}, [])
    assert [(f.line, f.rule) for f in bibliography.same_work_twice(library)] == [(8, "bib-same-work")]
