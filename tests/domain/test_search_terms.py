"""Search synonyms and the search vocabulary: the groups and words search.js reads, and the findings editors see."""

from pancreas_kb.domain import search_terms, search_vocabulary
from pancreas_kb.domain.findings import Finding

GROUP = "a group needs two or more words or phrases: - [word, other word]"


def test_synonym_groups_are_lower_cased_and_each_bad_entry_reported_on_its_line():
    text = (
        "- [creon]\n- just a word\n- [Tumor, ' tumour ']\n- [tumour, tumours, TUMOR]\n- [a, {b: c}]\n"
        "- [x, '']\n- [7, 8]\n- [tumor, cancer]\n"
    )
    groups, findings = search_terms.parse("s.yml", text)
    assert groups == [["tumor", "tumour"], ["tumour", "tumours", "tumor"], ["7", "8"], ["tumor", "cancer"]]
    assert findings == [
        Finding("s.yml", 1, "synonyms-group", GROUP),
        Finding("s.yml", 2, "synonyms-group", GROUP),
        Finding("s.yml", 4, "synonyms-duplicate", "tumour: already in the group on line 3; merge the two groups"),
        Finding("s.yml", 4, "synonyms-duplicate", "tumor: already in the group on line 3; merge the two groups"),
        Finding("s.yml", 5, "synonyms-group", GROUP),
        Finding("s.yml", 6, "synonyms-group", GROUP),
        Finding("s.yml", 8, "synonyms-duplicate", "tumor: already in the group on line 3; merge the two groups"),
    ]


def test_a_synonyms_file_that_is_not_a_list_or_not_yaml_says_how_to_write_it():
    assert search_terms.parse("s.yml", "a: b\n") == (
        [],
        [Finding("s.yml", 1, "synonyms-syntax", "the file is a list of groups, each written as - [word, other word]")],
    )
    groups, findings = search_terms.parse("s.yml", "- [unclosed\n")
    assert groups == [] and [(f.line, f.rule) for f in findings] == [(2, "synonyms-yaml")]
    assert findings[0].message.endswith("; write each group as [word, other word]")


def test_words_are_split_as_search_splits_a_query_and_short_ones_left_out():
    assert search_vocabulary.words(
        "Can't stop the it\u2019s carer\u2019s nab-paclitaxel CA19-9 snake_case über ABC abcd -x- a--b 1234"
    ) == [
        "cant",
        "stop",
        "carers",
        "nab-paclitaxel",
        "ca19-9",
        "snake",
        "case",
        "über",
        "abcd",
        "1234",
    ]


def test_the_words_of_html_are_its_text_without_tags_or_attributes():
    assert search_vocabulary.html_words("<p title='hidden words'>Visible&nbsp;text &amp; more</p><b>bold</b>") == [
        "visible",
        "text",
        "more",
        "bold",
    ]


def test_each_naming_weighs_1000_and_each_page_use_one_in_word_order():
    vocabulary = search_vocabulary.vocabulary(["Jaundice jaundice", "CT"], ["jaundice", "zeta", "alpha", "zeta"])
    assert vocabulary == {"alpha": 1, "jaundice": 2001, "zeta": 2}
    assert list(vocabulary) == ["alpha", "jaundice", "zeta"]
