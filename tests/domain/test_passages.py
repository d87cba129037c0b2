"""The binding of passages to the sentences they support (domain/passages.py)."""

import datetime as dt

import pytest

from pancreas_kb.domain import evidence, passages


def quote(key, text, locator="Abstract"):
    return evidence.Quote(key, text, locator, "https://x.example/a", dt.date(2026, 1, 1), f"evidence/{key}.yml", 1)


BOTH = quote("a", "Median survival was 11.1 months versus 6.8 months.")
ONE = quote("a", "Survival reached 11.1 months.", "Figure 2")
OTHER = quote("b", "Response was 31.6% versus 9.4%.")
WORDS = quote("a", "Neutropenia and diarrhoea were more frequent with FOLFIRINOX.", "Table 3")
STORE = evidence.Evidence({"a": [ONE, BOTH, WORDS], "b": [OTHER]})


def bound(text: str, store=STORE) -> passages.BoundClaim:
    (claim,) = passages.claims(evidence.claims(text, 1), store)
    return claim


def test_the_fewest_passages_that_state_the_figures():
    assert bound("Survival was 11.1 versus 6.8 months [@a].").passages == (BOTH,)
    assert bound("Survival was 11.1 months [@a].").passages == (ONE,), "ties go to file order"
    assert bound("Survival 11.1 months, response 31.6% [@a; @b].").passages == (ONE, OTHER)


def test_figures_no_passage_states_are_listed():
    claim = bound("Survival was 11.1 months and 48.4% at a year [@a].")
    assert claim.passages == (ONE,) and claim.unquoted == ("48.4",)


def test_a_sentence_without_figures_takes_the_passage_sharing_most_words():
    assert bound("FOLFIRINOX brings more neutropenia and diarrhoea [@a].").passages == (WORDS,)
    assert bound("It is given every two weeks in hospital [@a].").passages == ()


def test_a_passage_is_bound_once_even_when_two_sources_record_it():
    twice = evidence.Evidence({"a": [BOTH], "c": [BOTH]})
    assert bound("Survival was 11.1 versus 6.8 months [@a; @c].", twice).passages == (BOTH,)


@pytest.mark.parametrize(
    "text",
    [
        "See [imaging](imaging.md).",
        "You can read more on the page [Treatment options](treatment.md).",
        "Stent management is covered in [palliative care](palliative.md#stents) [@a].",
        "See [systemic therapy](therapy.md) and [germline testing](tests.md#germline).",
    ],
)
def test_pointers_to_other_pages_are_navigation(text):
    assert passages.is_navigation(text)


@pytest.mark.parametrize(
    "text",
    [
        "Check DPYD status before fluorouracil ([checks](#checks)).",
        "Both drugs call for the [pharmacogenomic checks](#checks) above.",
        "See [the trial](t.md): survival was 11.1 months.",
        "Erlotinib added 0.33 months; see [below](#erlotinib).",
        "Read the label before prescribing.",
    ],
)
def test_sentences_that_say_something_are_claims(text):
    assert not passages.is_navigation(text)


def test_unbound_passages_are_listed_per_source():
    claims = passages.claims(evidence.claims("Survival was 11.1 versus 6.8 months [@a; @b].", 1), STORE)
    assert passages.unbound(claims, STORE) == {"a": [ONE, WORDS], "b": [OTHER]}


def test_the_reader_sees_each_citation_with_the_passages_of_its_sentence():
    body = (
        "Survival was 11.1 months [@a]. Response was 31.6% [@b]. Neutropenia and diarrhoea were frequent [@a].\n\n"
        "It is given in hospital [@b].\n\nSee [x](x.md) [@a].\n"
    )
    view = passages.reader_view(evidence.claims(body, 1), STORE)
    assert view.shown == {"a": [ONE, WORDS], "b": [OTHER]}
    assert view.citations == [("a", (0,)), ("b", (0,)), ("a", (1,)), ("b", ()), ("a", None)]


def test_words_are_content_words_stemmed_without_citations_or_link_targets():
    text = "About treatments, treated PATIENTS: see [Imaging scans](imaging-guide.md) [@conroy2011x] CT4 X-ray your"
    assert passages.words(text) == frozenset({"treat", "imagi", "scans", "x-ray"})
    assert passages.words("![Scans](figure-one.png) [@a; @conroy2011x]") == frozenset({"scans"})
    # A link or a citation written against a word leaves the word whole.
    assert passages.words("[Pain](pain.md)-free days") == frozenset({"pain", "free", "days"})
    assert passages.words("It eases pain[@a; @b].") == frozenset({"eases", "pain"})


@pytest.mark.parametrize(
    ("text", "navigation"),
    [
        ("SEE [imaging](imaging.md).", True),
        ("Imaging is described on [its page](imaging.md)).", True),
        ("The scans are listed in ![the figure](f.png).", True),
        ("[See imaging](imaging.md).", False),  # the pointer is the link's own text
        ("Seen on [imaging](imaging.md).", False),
        ("Response of 31.6% is covered in [the trial](t.md).", False),
        ("See the imaging page.", False),
        ("See [imaging](imaging.md) 2.", False),
        ("See [imaging](imaging.md) CT.", False),
        ("See [imaging](imaging.md) first.", False),
        ("Stents are described[here](stents.md).", True),  # a link against the pointer word
    ],
)
def test_navigation_points_with_a_word_to_a_link_that_ends_the_sentence(text, navigation):
    assert passages.is_navigation(text) is navigation


def test_a_passage_sharing_at_least_three_words_supports_a_sentence_without_figures():
    three = quote("a", "Neutropenia, diarrhoea and fatigue were common.")
    store = evidence.Evidence({"a": [three]})
    assert bound("Neutropenia, diarrhoea and fatigue can occur [@a].", store).passages == (three,)
    assert bound("Neutropenia and diarrhoea can occur [@a].", store).passages == ()


def test_among_equal_figures_the_passage_sharing_more_words_is_taken():
    fewer = quote("a", "Overall it was 11.1 months.")
    more = quote("a", "Median overall survival was 11.1 months with FOLFIRINOX.")
    store = evidence.Evidence({"a": [fewer, more]})
    assert bound("Median overall survival with FOLFIRINOX was 11.1 months [@a].", store).passages == (more,)
    assert bound("FOLFIRINOX median overall survival is described [@a].", store).passages == (more,)


def test_a_figure_stated_twice_is_listed_once_when_no_passage_states_it():
    claim = bound("Survival was 48.4 months, then 48.4 again, and 22.2 [@b].")
    assert claim.passages == () and claim.unquoted == ("48.4", "22.2")


def test_a_sentence_of_sources_without_passages_binds_nothing():
    claim = bound("Survival was 11.1 months [@z].")
    assert claim.passages == () and claim.unquoted == ("11.1",)


def test_claims_leave_out_sentences_without_sources_and_navigation():
    body = "Survival was 11.1 months.\n\nSee\n[the trial](t.md) [@a].\n\nSurvival was 11.1 months [@a].\n"
    found = passages.claims(evidence.claims(body, 1), STORE)
    assert [(b.claim.sentence.line, b.passages) for b in found] == [(6, (ONE,))]


def test_unbound_lists_sources_in_order_of_citation_and_leaves_out_fully_bound_ones():
    store = evidence.Evidence({"a": [ONE], "b": [OTHER, WORDS]})
    found = passages.claims(evidence.claims("Response 31.6% [@b]. Survival 11.1 months [@a].", 1), store)
    assert list(passages.unbound(found, store).items()) == [("b", [WORDS])]
    assert passages.unbound([], store) == {}
