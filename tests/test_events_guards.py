"""The decoder's guards against one actor on both sides of an event (``learned/guards.py``).

Sentences written for these tests; each stands for a class: a name inside another actor's
phrase, one person named twice, a government's official facing the state it serves.
"""

from __future__ import annotations

import pytest

from flashpoint.config import Settings
from flashpoint.records import ActorRef
from flashpoint.stages import build_stages
from flashpoint.stages.events.learned.features import SentenceView
from flashpoint.stages.events.learned.guards import one_actor
from flashpoint.stages.nlp import parse_sentences
from test_events_model import found, run


@pytest.fixture(scope="module")
def model_only():
    return build_stages(Settings(events_engine="model"))


def _view(stages, text: str) -> SentenceView:
    doc = run(stages[:2], text)  # nlp, actors
    parsed = parse_sentences(doc.nlp, [(0, len(text))])[0]
    return SentenceView.build(parsed, 0, list(enumerate(doc.mentions)))


def _ref(text: str, words: str, **kw) -> ActorRef:
    start = text.index(words)
    return ActorRef(text=words, start=start, end=start + len(words), **kw)


def test_a_name_inside_another_actors_phrase_is_one_actor(model_only):
    text = "Thousands joined a march organised by the Hamas movement in Gaza."
    view = _view(model_only, text)
    movement, hamas = _ref(text, "movement", country="PSE"), _ref(text, "Hamas", country="PSE")
    assert "inside the phrase" in (one_actor(movement, hamas, view) or "")
    assert "inside the phrase" in (one_actor(hamas, movement, view) or "")
    # two actors of one sentence that are not one phrase stand
    assert one_actor(movement, _ref(text, "Gaza", country="PSE"), view) is None


def test_one_person_named_twice_is_one_actor(model_only):
    text = "President Cyril Ramaphosa said Ramaphosa would not resign."
    view = _view(model_only, text)
    full = _ref(text, "President Cyril Ramaphosa", country="ZAF", name="Cyril Ramaphosa", entity="Q1", sector="GOV")
    short = _ref(text, "Ramaphosa", country="ZAF", name="Cyril Ramaphosa", entity="Q1", sector="GOV")
    assert "one actor" in (one_actor(full, short, view) or "")
    # a role word resolved to a person ("the president") does not name him: coreference may be wrong
    role = ActorRef(text="the president", country="ZAF", name="Cyril Ramaphosa", entity="Q1")
    assert one_actor(role, short, view) is None
    # a generic body code is not one body: any two governments of a country share it
    a = ActorRef(text="ministers", country="ZAF", entity="fp:actor:ZAFGOV", name="ministers")
    assert one_actor(a, ActorRef(text="ministers", country="ZAF", entity="fp:actor:ZAFGOV", name="ministers"), view) is None


def test_a_mention_of_two_leaders_is_two_actors(model_only):
    text = "The two presidents met in Geneva."
    view = _view(model_only, text)
    a = _ref(text, "The two presidents", country="ARM", name="The two presidents")
    b = _ref(text, "The two presidents", country="AZE", name="The two presidents")
    assert one_actor(a, b, view) is None


def test_an_official_does_not_act_on_the_state_he_serves(model_only):
    text = "Foreign Minister Peter Szijjarto offered Budapest's help with the talks."
    view = _view(model_only, text)
    minister = _ref(text, "Foreign Minister Peter Szijjarto", country="HUN", sector="GOV", name="Peter Szijjarto")
    budapest = _ref(text, "Budapest", country="HUN")
    assert "serves the state" in (one_actor(minister, budapest, view, "person", "capital") or "")
    # the other way round stands: a state acts on its own officials (sacks, charges, recalls them)
    assert one_actor(budapest, minister, view, "capital", "person") is None
    # and an opposition figure facing his own state is a domestic event
    rival = _ref(text, "Foreign Minister Peter Szijjarto", country="HUN", sector="OPP")
    assert one_actor(rival, budapest, view, "person", "capital") is None


def test_the_pipeline_drops_an_official_facing_his_own_capital(model_only):
    doc = run(model_only, "Foreign Minister Peter Szijjarto of Hungary welcomed the ceasefire and offered "
                          "Budapest's help with the talks.")
    assert ("HUN", "HUN", "SUPPORT") not in found(doc) and ("HUN", "HUN", "AGREE") not in found(doc), \
        [(e.source.country, e.target.country if e.target else None, e.plover, e.reason) for e in doc.events]



def test_the_subject_an_ing_clause_hangs_from_is_its_source(model_only):
    from flashpoint.stages.events.learned.guards import controller
    from flashpoint.stages.events.learned.model import Role

    text = "By recalling its envoy from Lima, Chile showed its anger."
    view = _view(model_only, text)
    i = next(t.i for t in view.sdoc if t.text == "recalling")
    weak = [Role(slot, 0.2, 0.05) for slot in view.actors]  # the network names no source
    found = controller(view, i, weak)
    assert found is not None and found.slot.mention.text == "Chile"
    # not when the network reads that subject as the target
    assert controller(view, i, [Role(r.slot, 0.1, 0.6) for r in weak]) is None
    # not for a verb with a subject of its own
    text = "Chile recalled its envoy from Lima."
    view = _view(model_only, text)
    i = next(t.i for t in view.sdoc if t.text == "recalled")
    assert controller(view, i, [Role(slot, 0.2, 0.05) for slot in view.actors]) is None


def _roles(view: SentenceView, **scores: float) -> list:
    """Roles for the view's actors; ``scores`` gives the source score by the actor's head word."""
    from flashpoint.stages.events.learned.model import Role
    return [Role(slot, scores.get(view.sdoc[slot.head].text, 0.0), 0.0) for slot in view.actors]


def test_an_act_below_a_relative_clause_is_done_by_the_noun_it_describes(model_only):
    from flashpoint.stages.events.learned.guards import relative_doer
    text = "The police in Pune have caught a gang that was engaged in stealing cars."
    view = _view(model_only, text)
    roles = _roles(view, police=0.9, gang=0.3)
    stealing = next(t.i for t in view.sdoc if t.text == "stealing")
    police = [r for r in roles if view.sdoc[r.slot.head].text == "police"]
    kept = relative_doer(view, stealing, roles, police)
    assert kept is not None and [view.sdoc[r.slot.head].text for r in kept] == ["gang"]
    # an act of the main clause keeps its sources
    caught = next(t.i for t in view.sdoc if t.text == "caught")
    assert relative_doer(view, caught, roles, police) is None


def test_a_doer_named_inside_the_relative_clause_stands(model_only):
    from flashpoint.stages.events.learned.guards import relative_doer
    text = "Kenya expelled the envoy who had asked Uganda to close the border."
    view = _view(model_only, text)
    roles = _roles(view, Uganda=0.8)
    close = next(t.i for t in view.sdoc if t.text == "close")
    uganda = [r for r in roles if view.sdoc[r.slot.head].text == "Uganda"]
    assert [view.sdoc[r.slot.head].text for r in relative_doer(view, close, roles, uganda) or []] == ["Uganda"]
