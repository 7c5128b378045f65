"""The NLP stage: sentences and entities on the whole text; syntax and lemmas only where asked."""

from __future__ import annotations

import pytest

from flashpoint.records import Article, Doc
from flashpoint.stages.nlp import NLPStage, lemma_candidates, lemma_of, parse_sentences

TEXT = (
    "Armenia and Iran Amplify Relations\n\n"
    "Russian forces struck Kharkiv on Monday. The Ukrainian Air Force said it shot down 38 drones.\n\n"
    "Germany met with France in Paris."
)


@pytest.fixture(scope="module")
def doc() -> Doc:
    return NLPStage()(Doc(article=Article(key="k", doc="d", text=TEXT)))


def test_sentences_are_trimmed_spans_split_at_line_breaks(doc):
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "Armenia and Iran Amplify Relations"  # a heading is its own sentence
    assert "Russian forces struck Kharkiv on Monday." in texts
    for s in doc.sentences:
        assert TEXT[s.start:s.end] == s.text and s.text == s.text.strip()


def test_entities_carry_offsets_into_the_text(doc):
    labels = {(e.text, e.label) for e in doc.entities}
    assert ("Germany", "GPE") in labels and ("France", "GPE") in labels
    for e in doc.entities:
        assert TEXT[e.start:e.end] == e.text


def test_whole_text_has_tags_but_no_parse(doc):
    tokens = list(doc.nlp)
    assert any(t.tag_ == "VBD" for t in tokens)
    assert not doc.nlp.has_annotation("DEP")


def test_parse_sentence_gives_syntax_and_lemmas_for_one_sentence(doc):
    sent = next(s for s in doc.sentences if s.text.startswith("Russian forces"))
    [parsed] = parse_sentences(doc.nlp, [(sent.start, sent.end)])
    by_text = {t.text: t for t in parsed}
    assert by_text["struck"].dep_ == "ROOT" and by_text["struck"].lemma_ == "strike"
    assert by_text["forces"].dep_ == "nsubj" and by_text["forces"].head.text == "struck"
    assert by_text["Kharkiv"].idx + sent.start == TEXT.index("Kharkiv")  # offsets relative to the sentence


def test_parsed_lemmas_of_e_final_verbs_agree_with_lemma_of():
    # spaCy 3.8.7+ wheels lemmatize these as "fin", "hop", "stag", "rat" (see pyproject.toml)
    text = "The court fined the ministry, which hopes the talks it staged will be rated fairly."
    nlp_doc = NLPStage()(Doc(article=Article(key="k", doc="d", text=text))).nlp
    [parsed] = parse_sentences(nlp_doc, [(0, len(text))])
    verbs = {t.text: t for t in parsed if t.pos_ == "VERB"}
    assert {w: t.lemma_ for w, t in verbs.items()} == {"fined": "fine", "hopes": "hope", "staged": "stage", "rated": "rate"}
    assert all(lemma_of(w, t.tag_) == t.lemma_ for w, t in verbs.items())


@pytest.mark.parametrize(
    "word,tag,lemma",
    [("struck", "VBD", "strike"), ("met", "VBD", "meet"), ("pressing", "VBG", "press"),
     ("sanctions", "NNS", "sanction"), ("is", "VBZ", "be"), ("Kharkiv", "NNP", "kharkiv")],
)
def test_lemma_of_matches_the_lemmatizer(word, tag, lemma):
    assert lemma_of(word, tag) == lemma


def test_lemma_candidates_cover_every_reading():
    assert {"hold", "held"} <= lemma_candidates("held")
    assert "exercise" in lemma_candidates("exercises")


def test_model_runs_on_numpy_blas_with_the_shipped_predictions():
    import spacy

    from flashpoint.stages.nlp import MODEL_ALIASES, load_model

    ours = load_model()
    layers = [node for _, pipe in ours.pipeline if hasattr(getattr(pipe, "model", None), "walk")
              for node in pipe.model.walk()]
    assert layers and all(getattr(node.ops, "use_blis", None) is False for node in layers)
    for name in MODEL_ALIASES["en_core_web_sm"]:
        try:
            shipped = spacy.load(name)
            break
        except OSError:
            continue
    text = TEXT + " Turkish drones hit Armenian positions near Lachin, the defence ministry in Baku claimed."
    mine, theirs = ours(text), shipped(text)
    assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in mine] == [
        (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in theirs
    ]


def test_token_table_reads_what_the_tokens_say_and_is_built_once(doc):
    from flashpoint.stages.nlp import token_table

    table = token_table(doc.nlp)
    assert [(t.text, t.lower_, t.tag_, t.lemma_, t.idx) for t in doc.nlp] == list(
        zip(table.text, table.lower, table.tag, table.lemma, table.idx, strict=True)
    )
    assert token_table(doc.nlp) is table


# Sentences for the shortcuts of parse_sentences, written to reach the attribute ruler's exceptions
# (two-token patterns, auxiliaries, white space) and entities cut by a sentence boundary.
SHORTCUT_TEXT = (
    "There is no sign that the talks in Nairobi will resume. We're gonna wait, said a spokesman, who ain't sure.\n"
    "Let's see  what   the ministers of Chile and Peru agree on.  It got worse when the navy gets involved.\n\n"
    "The New York Times reported that Ban Ki-moon met them. Y'all know the U.N. Security Council votes today."
)


def _spacy_sentence_docs(nlp_doc, spans):
    """What parse_sentences gave before its shortcuts: as_doc, then spaCy's own components."""
    from flashpoint.stages.nlp import load_model

    nlp = load_model()
    docs = [span.as_doc() for span in spans]
    for name in ("parser", "attribute_ruler", "lemmatizer"):
        docs = list(nlp.get_pipe(name).pipe(docs))
    return docs


def test_parse_sentences_gives_exactly_what_spacys_own_components_give():
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, SPACY, TAG

    stage = NLPStage()
    nlp_doc = stage(Doc(article=Article(key="k", doc="shortcuts", text=SHORTCUT_TEXT))).nlp
    # sentence ranges that cut entities too, as a span not aligned with the senter's sentences can
    ranges = [(s.start_char, s.end_char) for s in nlp_doc.sents] + [(4, 60), (150, 260), (216, 250)]
    ours = parse_sentences(nlp_doc, ranges)
    theirs = _spacy_sentence_docs(nlp_doc, [nlp_doc.char_span(a, b, alignment_mode="expand") for a, b in ranges])
    attrs = [ORTH, SPACY, NORM, TAG, POS, MORPH, LEMMA, HEAD, DEP, SENT_START, ENT_IOB, ENT_TYPE]
    assert len(ours) == len(theirs) == len(ranges)
    for mine, spacy_doc in zip(ours, theirs, strict=True):
        assert mine.text == spacy_doc.text
        assert mine.to_array(attrs).tolist() == spacy_doc.to_array(attrs).tolist(), mine.text
        assert [(e.start, e.end, e.label_) for e in mine.ents] == [(e.start, e.end, e.label_) for e in spacy_doc.ents]
        assert (mine.tensor == spacy_doc.tensor).all()
    lemmas = {t.lower_: t.lemma_ for d in ours for t in d}
    assert lemmas["is"] == "be" and lemmas["gon"] == "go" and lemmas["got"] == "get"



# reduced relative clauses the small parser reads as a verb with its own subject, before an active or finite verb
# (nlp.mend_reduced_relatives): the noun is the subject of the verb after the participle


def _parsed(text: str):
    from flashpoint.stages.nlp import load_model
    return {t.text: t for t in parse_sentences(load_model()(text), [(0, len(text))])[0]}


@pytest.mark.parametrize(("text", "noun", "participle", "verb"), [
    ("Rockets fired from Gaza landed in open fields near Sderot.", "Rockets", "fired", "landed"),  # advcl, active
    ("Refugees displaced during the war in Syria have returned to Aleppo.", "Refugees", "displaced", "returned"),
    ("Troops deployed in the region last year attacked a rebel base.", "Troops", "deployed", "attacked"),  # conj
    ("Troops deployed to the border said they had come under fire.", "Troops", "deployed", "said"),  # dep
    ("Ukraine said drones launched from Russian territory hit Kharkiv overnight.", "drones", "launched", "hit"),
    ("The army said troops deployed near the border had clashed with militants.", "troops", "deployed", "clashed"),
])
def test_a_reduced_relative_before_an_active_verb_is_mended(text, noun, participle, verb):
    by_text = _parsed(text)
    assert by_text[participle].dep_ == "acl" and by_text[participle].head.text == noun
    assert by_text[noun].dep_ == "nsubj" and by_text[noun].head.text == verb


def test_a_verb_of_saying_with_a_clause_is_no_participle():
    by_text = _parsed("Iran said sailors detained for entering its waters would be released.")
    assert by_text["said"].dep_ == "ROOT" and by_text["Iran"].head.text == "said"
    assert by_text["sailors"].dep_ == "nsubjpass" and by_text["sailors"].head.text == "released"


@pytest.mark.parametrize("text", [
    "Troops deployed to the border on Monday.",  # the participle is the main verb
    "Rebels fired from the hills as troops advanced.",  # a clause of its own, with its subject
    "Soldiers withdrew from the town, handed it to the police.",  # a list of verbs, not a relative
    "The army deployed to the border and clashed with rebels.",  # coordinated verbs
    "Israel said militants fired from Gaza, hitting a school.",
])
def test_a_verb_beside_another_clause_is_left_alone(text):
    by_text = _parsed(text)
    assert not [t for t in by_text.values() if t.dep_ == "acl"], [(t.text, t.dep_, t.head.text) for t in by_text.values()]
