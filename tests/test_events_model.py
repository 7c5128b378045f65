"""The learned events model: its parts (vectors, Phoenix lexicon, features, network) and what it finds.

The sentences here are written for these tests (no evaluation text): one per class of
construction the model must handle, in several countries.
"""

from __future__ import annotations

import numpy as np
import pytest

from flashpoint.config import Settings
from flashpoint.records import Article, Doc
from flashpoint.stages import build_stages
from flashpoint.stages.events.learned.flat import candidates, flat_sentence, object_of, subject_of
from flashpoint.stages.events.learned.net import Net
from flashpoint.stages.events.learned.phoenix import load_phoenix
from flashpoint.stages.events.learned.vectors import load_vectors
from flashpoint.stages.nlp import NLPStage
from flashpoint.training.net import FitConfig, HeadData, fit


@pytest.fixture(scope="module")
def stages():
    return build_stages(Settings())


def run(stages, text: str, title: str | None = None) -> Doc:
    doc = Doc(article=Article(key="t", doc="t", text=text, title=title))
    for stage in stages:
        doc = stage(doc)
    return doc


def found(doc: Doc) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country, e.target.country if e.target else None, e.plover) for e in doc.events
            if e.modality not in ("hypothetical", "negated")}


# ------------------------------------------------------------------ parts


def test_distilled_vectors_put_related_words_together():
    v = load_vectors()

    def cos(a: str, b: str) -> float:
        x, y = v.word(a), v.word(b)
        return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)))

    assert cos("arrest", "detain") > cos("arrest", "football")
    assert cos("expel", "deport") > cos("expel", "banana")
    assert v.known("ceasefire") and not v.known("")


def test_phoenix_lexicon_codes_verbs_and_patterns():
    px = load_phoenix()
    assert px.default_root("attack") == "19"
    assert px.default_root("arrest") == "17"
    assert px.pattern_root("expel", ["diplomat"]) == "16"


def test_network_learns_a_separable_problem_and_survives_a_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    dense = rng.standard_normal((600, 8)).astype(np.float32)
    label = (dense[:, 0] + dense[:, 1] > 0).astype(int)
    rows = [[f"w{rng.integers(0, 50)}", f"cue{label[i] if i % 3 else 2}"] for i in range(600)]
    heads = {"type": (["no", "yes"], HeadData(np.eye(2, dtype=np.float32)[label], np.ones(600, bool)))}
    net = fit(dense, rows, heads, FitConfig(hidden=16, epochs=20, batch=32, seed=3))
    pred = net.predict(dense, rows)["type"].argmax(axis=1)
    assert (pred == label).mean() > 0.9
    net.save(tmp_path / "m.npz", {"note": "test"})
    again = Net.load(tmp_path / "m.npz")
    assert np.allclose(again.predict(dense, rows)["type"], net.predict(dense, rows)["type"], atol=1e-2)


def test_flat_features_find_verbs_objects_and_subjects():
    text = "Kenyan police arrested twelve activists in Nairobi on Tuesday."
    doc = NLPStage()(Doc(article=Article(key="t", doc="t", text=text)))
    sent = flat_sentence(doc.nlp, 0, len(text), [])
    assert sent is not None
    words = sent.lower
    arrested = words.index("arrested")
    assert arrested in candidates(sent)
    obj, prep = object_of(sent, arrested)
    assert obj is not None and words[obj] == "activists" and prep is None
    assert words[subject_of(sent, arrested)] == "police"


def _pairs(stages, text: str, trigger: str) -> dict[str, list[str]]:
    """The pair features of every actor of ``text`` with the trigger word ``trigger``, by actor text."""
    from flashpoint.stages.events.learned.features import SentenceView, pair_sparse
    from flashpoint.stages.nlp import parse_sentences

    doc = run(stages[:2], text)  # nlp, actors
    parsed = parse_sentences(doc.nlp, [(0, len(doc.article.text))])[0]
    view = SentenceView.build(parsed, 0, list(enumerate(doc.mentions)))
    i = next(t.i for t in parsed if t.text == trigger)
    return {slot.mention.text: pair_sparse(view, i, slot, "ASSAULT") for slot in view.actors}


def test_pair_features_say_how_an_actor_attaches(stages):
    # a passive agent, the object of "against" or "with", what a prepositional phrase hangs from
    by = _pairs(stages, "Two Thai fishermen were detained by the Cambodian navy.", "detained")
    navy = next(f for k, f in by.items() if "navy" in k)
    assert "agent" in navy and "case:by" in navy
    by = _pairs(stages, "Sudanese refugees protested against the government in Cairo.", "protested")
    assert "case:against" in next(f for k, f in by.items() if "government" in k)
    by = _pairs(stages, "Cambodia signed a border treaty with Laos on Friday.", "signed")
    assert "case:with" in by["Laos"] and "casegov:with|treaty" in by["Laos"]
    by = _pairs(stages, "Kenya welcomed Somalia's offer of talks.", "welcomed")
    assert "casegov:of|offer" in by["talks"]
    # the speaker sits a clause above and has a nearer actor between it and the verb
    by = _pairs(stages, "The Nigerien army said Malian jihadists attacked a border post.", "attacked")
    speaker = next(f for k, f in by.items() if "army" in k)
    assert {"clause_up:ccomp", "speaker", "rank:True|1"} <= set(speaker)
    assert {"clause_up:-", "rank:True|0"} <= set(next(f for k, f in by.items() if "jihadists" in k))


def test_pair_dense_reads_the_word_an_actor_hangs_from(stages):
    from flashpoint.stages.events.learned.features import SentenceView, pair_dense, pair_dense_width
    from flashpoint.stages.nlp import parse_sentences

    text = "Egypt condemned the attack on Sudanese troops."
    doc = run(stages[:2], text)
    parsed = parse_sentences(doc.nlp, [(0, len(text))])[0]
    view = SentenceView.build(parsed, 0, list(enumerate(doc.mentions)))
    v = load_vectors()
    i = next(t.i for t in parsed if t.text == "condemned")
    rows = pair_dense(view, i, view.actors, v)
    assert rows.shape == (len(view.actors), pair_dense_width(v))
    troops = next(n for n, a in enumerate(view.actors) if "troops" in a.mention.text)
    # "troops" hangs from "on", and past it from "attack"
    assert np.allclose(rows[troops, 2 * v.dims:3 * v.dims], v.word("attack"))


def test_an_ensemble_averages_its_members_probabilities():
    from flashpoint.stages.events.learned.model import average

    a = {"type": np.asarray([[0.9, 0.1], [0.2, 0.8]]), "root": np.asarray([[1.0, 0.0]])}
    b = {"type": np.asarray([[0.5, 0.5], [0.4, 0.6]]), "root": np.asarray([[0.0, 1.0]])}
    mean = average([a, b])
    assert np.allclose(mean["type"], [[0.7, 0.3], [0.3, 0.7]]) and np.allclose(mean["root"], [[0.5, 0.5]])
    assert average([a]) is a


# ------------------------------------------------------------------ constructions


@pytest.mark.parametrize(("text", "expected"), [
    # domestic coercion by a generic actor, country from the place
    ("Police in Zimbabwe arrested twelve opposition activists in Harare on Tuesday.", ("ZWE", "ZWE", "COERCE")),
    # an attack by unnamed gunmen: the country where it happens
    ("Gunmen killed five soldiers at an army checkpoint in northern Mali on Sunday, the army said.", ("MLI", "MLI", "ASSAULT")),
    # an expulsion of diplomats as an announced plan
    ("Russia will expel 60 US diplomats and close the American consulate in St Petersburg.", ("RUS", "USA", "SANCTION")),
    # an expulsion told from the expelled side: the country they leave is the source
    ("Nine Iranian diplomats were expelled from the Netherlands last week over the plot.", ("NLD", "IRN", "SANCTION")),
    ("Two Venezuelan diplomats were expelled from Colombia after the border incident.", ("COL", "VEN", "SANCTION")),
    # the accused of "X accused Y of attacking Z" is the attacker, not the accuser
    ("Iraq blamed Iran for the rocket attacks on Erbil.", ("IRN", "IRQ", "ASSAULT")),
    # a meeting of two governments
    ("Chile's foreign minister met her Peruvian counterpart in Lima on Monday to discuss the border.", ("CHL", "PER", "CONSULT")),
])
def test_the_model_codes_common_constructions(stages, text, expected):
    doc = run(stages, text)
    assert expected in found(doc), [(e.source.country, e.target.country if e.target else None, e.plover, e.reason) for e in doc.events]


@pytest.mark.parametrize(("text", "sides"), [
    # a passive agent ("by X") is the source
    ("Two Thai fishermen were detained by the Cambodian navy.", ("KHM", "THA")),
    # the object of "on" is the target (the type is the lexicon's business: it codes CAMEO 163 as COERCE)
    ("Canada imposed sanctions on Iranian officials over the crackdown.", ("CAN", "IRN")),
    # a place the meeting happens in is not the other side
    ("The Ethiopian prime minister met Kenyan opposition leaders in Washington on Monday.", ("ETH", "KEN")),
])
def test_the_roles_read_how_an_actor_attaches(stages, text, sides):
    doc = run(stages, text)
    # the sides only: which of source and target each actor is, whatever type the engines give
    pairs = {(e.source.country, e.target.country if e.target else None) for e in doc.events}
    assert sides in pairs, [(e.source.country, e.target.country if e.target else None, e.plover, e.reason) for e in doc.events]
    assert sides[::-1] not in pairs


def test_the_speaker_of_a_report_is_not_the_attacker(stages):
    doc = run(stages, "The Nigerien army said Malian jihadists attacked a border post.")
    attacks = [e for e in doc.events if e.plover == "ASSAULT"]
    assert attacks and all(e.source.country == "MLI" for e in attacks), [(e.source.country, e.reason) for e in attacks]


@pytest.mark.parametrize("text", [
    "Brazil beat Argentina 2-1 in the final in Rio de Janeiro on Sunday night.",
    "Heavy floods killed 30 people and destroyed hundreds of homes in Kerala this week.",
    "Shares of the carmaker rose four percent after it raised its profit forecast.",
])
def test_non_events_stay_empty(stages, text):
    assert not found(run(stages, text))


def test_partners_and_allies_are_never_given_the_country_where_the_sentence_happens(stages):
    # "partners" is an uncoded noun; guessing Ukraine for it would make a domestic request
    doc = run(stages, "In Kyiv, President Zelensky called on Western partners to speed up deliveries of air defence.")
    assert ("UKR", "UKR", "REQUEST") not in found(doc)


def test_a_headline_event_is_read_with_the_headline_as_evidence(stages):
    doc = run(stages, "Authorities said the measure takes effect next month.", title="Kazakhstan bans opposition rally in Almaty")
    heads = [e for e in doc.events if e.evidence == "Kazakhstan bans opposition rally in Almaty"]
    assert heads and heads[0].start == heads[0].end == 0 and heads[0].reason.startswith("headline")
    assert any(e.plover == "COERCE" and e.source.country == "KAZ" for e in heads)


def test_every_model_event_names_the_model_and_its_score():
    model_only = build_stages(Settings(events_engine="model"))  # with both engines the rules take "struck"
    doc = run(model_only, "Turkish warplanes struck Kurdish militant positions in northern Iraq on Friday.")
    model_events = [e for e in doc.events if e.reason.startswith("events-model")]
    assert model_events
    for e in model_events:
        assert " p=" in e.reason and e.cameo and e.goldstein is not None and e.quad_class in (1, 2, 3, 4)


def test_a_small_training_run_writes_a_model_the_stage_can_load(tmp_path):
    """The recipe end to end on about 60 sentences (the shipped model is trained by ``make train-events``)."""
    from flashpoint.stages.events.learned.model import EventModel
    from flashpoint.training.events import CONFIG, train

    cache = tmp_path / "examples.pkl"
    meta = train(CONFIG, tmp_path, log=lambda _msg: None, sample=60, cache=cache)
    assert sum(meta["sentences"].values()) >= 40
    for name in ("triggers.npz", "roles.npz", "metrics.json", "MODEL_CARD.md", "trigger_words.txt", "lexicon_types.json"):
        assert (tmp_path / name).is_file(), name
    seeds = meta["trigger_seeds"]
    for seed in seeds[1:]:  # one trigger network per seed of the recipe's ensemble
        assert (tmp_path / f"triggers-{seed}.npz").is_file(), seed
    model = EventModel(tmp_path)
    assert len(model.members) == len(seeds)
    text = "Police detained four journalists in Minsk on Monday."
    doc = NLPStage()(Doc(article=Article(key="t", doc="t", text=text)))
    sent = flat_sentence(doc.nlp, 0, len(text), [])
    assert sent is not None
    triggers = model.read([sent], threshold=0.0)
    assert triggers and all(t.plover and t.root for t in triggers)
    # --roles-only: the roles ensemble again from the cached examples, the trigger files untouched
    from flashpoint.training.events import train_roles

    before = {p.name: p.read_bytes() for p in tmp_path.glob("triggers*")}
    roles_meta = train_roles(CONFIG, tmp_path, log=lambda _msg: None, cache=cache)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("triggers*")} == before
    assert roles_meta["roles_trained"] and roles_meta["metrics"]["roles_held_out"]["pairs"] >= 0
    assert len(EventModel(tmp_path).role_members) == len(roles_meta["role_seeds"])
    assert "--roles-only" in (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_the_network_reads_the_lexicon_types_it_was_trained_with():
    """The hand lexicon's types are an input of the trigger networks: the model reads the table shipped with it,
    so an entry added to the lexicon after training does not move the networks' input."""
    import json
    from importlib import resources

    from flashpoint.stages.events.learned.labels import lexicon_types
    from flashpoint.stages.events.learned.model import LEXICON_TABLE, MODEL_PACKAGE, load_model

    shipped = json.loads((resources.files(MODEL_PACKAGE) / LEXICON_TABLE).read_text(encoding="utf-8"))
    model = load_model()
    assert model.lexicon == {k: tuple(v) for k, v in shipped.items()}
    later = set(lexicon_types()) - set(shipped)
    assert "apprehend" in later and "apprehend" not in model.lexicon  # lexicon version 12, after the training
