"""TokenAttributes: spaCy's attribute ruler and rule lemmatizer answered from their own tables."""

from __future__ import annotations

import pytest

from flashpoint.stages.nlp import load_model
from flashpoint.stages.token_attrs import TokenAttributes, _token_test

# written to reach the ruler's exceptions: two-token patterns, auxiliaries, "but" as an adverb, white space
TEXTS = (
    "There are two reasons why the envoy ain't coming, and we're gonna find out both.",
    "Let's  wait;\tthe   minister got angry but then she gets calm again, y'all.",
    "The talks were suspended after the delegation had been told it could not enter Khartoum.",
)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def _parsed(nlp, text):
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        return nlp(text)


@pytest.mark.parametrize("text", TEXTS)
def test_token_attributes_give_what_the_ruler_and_lemmatizer_give(nlp, text):
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    fast = TokenAttributes(nlp)
    theirs = nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(_parsed(nlp, text)))
    for _ in range(2):  # the second pass answers from the cache
        ours = fast(_parsed(nlp, text))
        assert ours.to_array([TAG, POS, MORPH, LEMMA, DEP]).tolist() == theirs.to_array([TAG, POS, MORPH, LEMMA, DEP]).tolist()
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]
    assert {"be", "get", "go", "have"} & {t.lemma_ for t in ours}  # inflected verbs were lemmatised


def test_the_shipped_rulers_patterns_are_all_read_from_tables(nlp):
    assert TokenAttributes(nlp).usable


def test_patterns_the_tables_cannot_read_are_left_to_spacy():
    assert _token_test({"LOWER": {"FUZZY": "there"}}) is None  # a predicate the tables do not implement
    assert _token_test({"LENGTH": 3}) is None  # an attribute they do not read
    test = _token_test({"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}})
    assert test(("will", "MD", "aux", False)) and not test(("to", "TO", "aux", False))


def test_an_unusable_table_falls_back_to_the_components(nlp):
    from spacy.attrs import LEMMA, POS

    fast = TokenAttributes(nlp)
    fast.usable = False
    doc = fast(_parsed(nlp, TEXTS[2]))
    theirs = nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(_parsed(nlp, TEXTS[2])))
    assert doc.to_array([POS, LEMMA]).tolist() == theirs.to_array([POS, LEMMA]).tolist()
