"""Figures in page text and quotes: the units, sentences and numbers both figure rules read."""

from decimal import Decimal

import pytest

from pancreas_kb.domain import figures


@pytest.fixture(autouse=True)
def fresh_values():
    """`values` is cached per process; each test computes its own quotes' numbers."""
    figures.values.cache_clear()
    yield
    figures.values.cache_clear()


@pytest.mark.parametrize(
    "text, found",
    [
        ("Two thousand three hundred eighteen", [2318]),
        ("one thousand and one", [1001]),
        ("seventy-one thousand two", [71002]),
        ("Ninety-nine", [99]),
        ("sixty   seven", [67]),
        ("three hundred", [300]),
        ("two thousand", [2000]),
        ("twelve and forty", [52]),
        ("Zero", [0]),
        ("TEN", [10]),
        ("hundred patients", []),
        ("a thousand", []),
        ("black and white", []),
        ("Strength1.5T", [Decimal("1.5")]),
    ],
)
def test_a_quote_states_spelled_out_numbers(text, found):
    assert sorted(figures.values(text)) == [Decimal(v) for v in found]


def test_units_are_paragraphs_items_and_rows_with_their_file_lines():
    body = (
        "# Heading 12%\n\nPara one 12% line\ncontinues 3 months. <!-- 45% hidden\nstill --> after\n\n"
        "- item 14%\n- item two\n  more\n\n| a | b 12% |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n"
        '!!! note "x"\n    inside 15%\n*[CT]: Computed 20%\n```\ncode 50%\n```\ntail\n'
    )
    units = figures.units(body, 1)
    assert [(u.lines, u.is_table_row) for u in units] == [
        ([(3, "Para one 12% line"), (4, "continues 3 months.                "), (5, "          after")], False),
        ([(7, "- item 14%")], False),
        ([(8, "- item two"), (9, "  more")], False),
        ([(13, "| 1 | 2 |")], True),
        ([(14, "| 3 | 4 |")], True),
        ([(17, "    inside 15%")], False),
        ([(22, "tail")], False),
    ]
    assert units[0].text == "Para one 12% line continues 3 months.                           after"
    assert [figures.first_figure(u) for u in units] == [(3, "12%"), (7, "14%"), None, None, None, (17, "15%"), None]
    assert not figures.Unit([]).is_table_row


def test_a_setext_heading_states_no_figure_and_the_text_below_it_is_a_unit_of_its_own():
    units = figures.units("Survival in 2024: 12%\n---\nText 14%.\nMore.\n", 5)
    assert [u.lines for u in units] == [[(7, "Text 14%."), (8, "More.")]]


def test_a_table_rule_drops_only_the_header_row_just_above_it():
    units = figures.units("| 10% |\n\n|---|\n| 12% |\n", 20)
    assert [u.lines for u in units] == [[(20, "| 10% |")], [(22, "|---|")], [(23, "| 12% |")]]


@pytest.mark.parametrize(
    "line, figure",
    [
        ("Rate 12 % here", "12 %"),
        ("for 3-weeks", "3-weeks"),
        ("for 6 months", "6 months"),
        ("2 weeks", "2 weeks"),
        ("4 years old", "4 years"),
        ("1 day", "1 day"),
        ("HR of 0.57", "HR of 0.57"),
        ("hazard ratio was 0.8", "hazard ratio was 0.8"),
        ("dose 85 mg/m2 given", "85 mg/m2"),
        ("85mg/m² dose", "85mg/m²"),
        ("20 Gy", "20 Gy"),
        ("v12.5%", None),
        ("x.5%", None),
        ("see `12%` here", None),
    ],
)
def test_the_first_figure_of_a_unit(line, figure):
    assert figures.first_figure(figures.Unit([(4, line)])) == ((4, figure) if figure else None)


@pytest.mark.parametrize(
    "text, plain",
    [
        ("see `12%` here", "see   here"),
        ("a [link](b12%.md) c", "a [link  c"),
        ("h {#id12%} c", "h   c"),
        ("a <b data-x='12%'> c", "a   c"),
        ("at https://e.org/12% c", "at   c"),
        ("cited [@k12] c", "cited   c"),
        ("95% CI c", "  c"),
        ("90 % confidence interval c", "  c"),
        ("99%CI", " "),
        ("80% CI", "80% CI"),
    ],
)
def test_prose_blanks_what_states_no_figure(text, plain):
    assert figures.prose(text) == plain


def test_journal_forms_normalise_to_plain_numbers():
    text = (
        "0\u00b783 1\u221952 \u22125 a\u2013b c\u2014d e\u2010f g\u2011h 1\u2009234 1\u202f234 1\u00a0234 "
        "1\u2007234 45 per cent 45 percent 45percent 45 Per Cent 3, 4 1,234.5 12,345,678 1,2345 &#64; \ufb01"
    )
    assert figures.normalise(text) == (
        "0.83 1.52 -5 a-b c-d e-f g-h 1234 1234 1234 1234 45% 45% 45% 45% 3, 4 1,234.5 12345678 1,2345 @ fi"
    )


@pytest.mark.parametrize(
    "text, significant, every",
    [
        (
            "In 2011, 3 cycles; CA 19-9 above 37; 2 mg; 6.8 months; 12 patients; 4%",
            ["37", "2", "6.8", "12", "4"],
            ["2011", "3", "37", "2", "6.8", "12", "4"],
        ),
        ("2019-2021 and 2019 - 21 .5 and 0.5 1st 22nd 33rd 44th", [".5", "0.5"], [".5", "0.5"]),
        ("1 in 10, 16 in 100, 2 in 1000; 5 de cada 100", ["16"], ["1", "16", "2", "5"]),
        ("2011 mg 2011%", ["2011", "2011"], ["2011", "2011"]),
        ("COVID-19 10 12 9", ["10", "12"], ["10", "12", "9"]),
        ("ACCORD 11 ACCORD 11 mg SEER 17 months", ["11", "17"], ["11", "17"]),
        ("RECIST 1.0 and RECIST 1.1", [], []),
        ("5 January, January 5, 5 de enero, 12 December 2020", [], ["2020"]),
    ],
)
def test_numbers_leave_out_names_dates_years_and_small_counts(text, significant, every):
    assert [n.shown for n in figures.numbers(text)] == significant
    assert [n.shown for n in figures.numbers(text, significant_only=False)] == every


@pytest.mark.parametrize(
    "text, shown",
    [("COVID-19.5", [".5"]), ("16 in 100.5", ["16", ".5"]), ("January 15.5", [".5"]), ("1st.5", [".5"])],
)
def test_a_left_out_name_or_date_leaves_a_decimal_right_after_it_readable(text, shown):
    assert [n.shown for n in figures.numbers(text)] == shown


def test_a_number_starting_with_a_point_is_read_as_a_decimal():
    assert figures.numbers("P = .036") == [figures.Number(Decimal("0.036"), ".036")]


@pytest.mark.parametrize("shown, places", [("12", 0), ("1.25", 2), ("0.5", 1)])
def test_a_numbers_places_are_the_digits_after_its_point(shown, places):
    assert figures.Number(Decimal(shown), shown).places == places


def test_sentences_end_at_a_stop_before_a_capital_but_not_after_an_abbreviation():
    source = (
        "First e.g. one. Second i.e. two! Third vs. three? Fourth et al. four. Fifth approx. five. "
        'See Dr. Who. Fig. 2 shows. No. 5 is. cf. 4 etc. Done. "Quoted." (Bracket.) 12 start. '
        "[@k] cite. **Bold.** _It._ lower. end"
    )
    assert [source[a:b] for a, b in figures.sentence_spans(source)] == [
        "First e.g. one. ",
        "Second i.e. two! ",
        "Third vs. three? ",
        "Fourth et al. four. ",
        "Fifth approx. five. ",
        "See Dr. Who. ",
        "Fig. 2 shows. ",
        "No. 5 is. cf. 4 etc. Done. ",
        '"Quoted." ',
        "(Bracket.) ",
        "12 start. ",
        "[@k] cite. ",
        "**Bold.** ",
        "_It._ lower. end",
    ]


def test_sentences_carry_their_line_their_own_keys_and_their_offsets():
    unit = figures.Unit([(4, "First [@a]. Second has"), (5, "two lines. Third [@b; @a] [@c]."), (6, "Fourth.")])
    assert figures.sentences(unit) == [
        figures.Sentence(4, "First [@a].", ("a",), 0, 12),
        figures.Sentence(4, "Second has\ntwo lines.", (), 12, 34),
        figures.Sentence(5, "Third [@b; @a] [@c].", ("b", "a", "c"), 34, 55),
        figures.Sentence(6, "Fourth.", (), 55, 62),
    ]
    assert figures.sentences(figures.Unit([(9, "| A. B. [@x] | C. |")])) == [
        figures.Sentence(9, "| A. B. [@x] | C. |", ("x",), 0, 19)
    ]
    assert figures.sentences(figures.Unit([(9, "   ")])) == []


def test_an_uncited_sentence_rests_on_the_next_cited_one_or_else_the_one_before():
    cited = figures.sources_of(figures.sentences(figures.Unit([(1, "A. B [@x]. C. D [@y]. E.")])))
    assert [(s.text, keys) for s, keys in cited] == [
        ("A.", ("x",)),
        ("B [@x].", ("x",)),
        ("C.", ("y",)),
        ("D [@y].", ("y",)),
        ("E.", ("y",)),
    ]
    three = figures.sources_of(figures.sentences(figures.Unit([(1, "A [@x]. B [@y]. C [@z]. D.")])))
    assert three[-1][1] == ("z",), "the nearest cited sentence before"
    uncited = figures.sources_of(figures.sentences(figures.Unit([(1, "A. B.")])))
    assert [keys for _, keys in uncited] == [(), ()]
