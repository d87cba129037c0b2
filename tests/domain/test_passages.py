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
    (claim,) = passages.claims(text, 1, store)
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
    claims = passages.claims("Survival was 11.1 versus 6.8 months [@a; @b].", 1, STORE)
    assert passages.unbound(claims, STORE) == {"a": [ONE, WORDS], "b": [OTHER]}


def test_the_reader_sees_each_citation_with_the_passages_of_its_sentence():
    body = (
        "Survival was 11.1 months [@a]. Response was 31.6% [@b]. Neutropenia and diarrhoea were frequent [@a].\n\n"
        "It is given in hospital [@b].\n\nSee [x](x.md) [@a].\n"
    )
    view = passages.reader_view(body, STORE)
    assert view.shown == {"a": [ONE, WORDS], "b": [OTHER]}
    assert view.citations == [("a", (0,)), ("b", (0,)), ("a", (1,)), ("b", ()), ("a", None)]
