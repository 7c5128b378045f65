"""Fire from a territory: rockets, missiles, shells or drones fired or launched from one place into another.

"Rockets were fired from Gaza into southern Israel", "two drones were launched from Yemen at Saudi oil
facilities", "Israel said a mortar bomb was fired at it from the Gaza Strip": news of cross-border fire often
names no one who fired, only where the fire came from and where it went. Neither engine reads it: the
lexicon needs an actor on each side, and the network, seeing no actor, scores it as no event (or, with the
speaker as the only actor, makes the speaker the attacker of the place the fire came from).

This module adds the attack when a verb of firing ("fire", "launch", "lob") is passive, with no agent, and has
projectiles as its subject ("rockets were fired", "a mortar bomb was fired", "rockets fired from Gaza"; also
"shells fired from Syria landed in Hatay", where the small parser makes "fired" active: a projectile fires
nothing), and

* a phrase with "from" names a place (or a country's adjective: "from Syrian territory"): the source is whoever
  fired from there, coded to that place's country (the place is kept as the source's text);
* a phrase with into / at / toward(s) / on / onto / over / across names a place of another country, or "at it"
  / "at us" points back to the speaker of the clause ("Israel said ... fired at it"): the target; else the
  country where the sentence happens, when it is another country than the source's.

It is PLOVER ASSAULT: CAMEO 194 (artillery and rocket fire) for rockets, missiles, shells and mortars, 195
(aerial weapons) for drones. An attack the engines read the other way round in the same sentence (the target
as attacker) is replaced. Each event's ``reason`` names the verb, the projectiles and both places.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...ontology import lookup
from ...records import ActorRef, Event, Mention, Place
from ..actors.knowledge import load_knowledge
from .modality import modality_of
from .syntax import Actor, preps

FIRING = frozenset({"fire", "launch", "lob"})
ARTILLERY = frozenset({"rocket", "missile", "shell", "mortar", "projectile", "katyusha", "grad"})
DRONES = frozenset({"drone", "uav"})
PROJECTILES = ARTILLERY | DRONES
ORIGIN = ("from",)
GOAL = ("into", "at", "toward", "towards", "on", "onto", "over", "across")
SPEAKER = frozenset({"it", "us"})  # "fired at it": the state that says so
SAYING = frozenset({"say", "tell", "report", "announce", "state", "confirm", "add", "claim"})
CLAUSES = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "parataxis"})


def names_fire(words: set[str]) -> bool:
    """Can a sentence with these lower-case words tell fire from a place (the sentence gate)?"""
    return "from" in words and any(w in PROJECTILES or w.removesuffix("s") in PROJECTILES for w in words)


def _noun(tok: Any) -> str:
    """A noun's singular ("Rockets" opening a sentence is tagged a proper noun, its own lemma)."""
    lemma = tok.lemma_.lower()
    return lemma if lemma != tok.lower_ else lemma.removesuffix("s")


def _projectiles(things: Sequence[Any]) -> list[Any]:
    """The projectiles among nouns and their conjuncts: "rockets", "a mortar bomb", "rockets and mortar shells"."""
    heads = [h for t in things for h in (t, *t.conjuncts)]
    return [h for h in dict.fromkeys(heads) if _noun(h) in PROJECTILES or (
        _noun(h) in ("bomb", "round") and any(_noun(c) in ARTILLERY for c in h.children if c.dep_ == "compound"))]


def _phrase_offsets(pobj: Any, base: int) -> list[int]:
    stack, out = [pobj], []
    while stack:
        cur = stack.pop()
        out.append(base + cur.idx)
        stack.extend(c for c in cur.children if c.dep_ not in CLAUSES)
    return out


def _place_of(pobjs: Sequence[Any], base: int, places: Sequence[Place], mentions: Sequence[Mention],
              actors: Sequence[Actor | None]) -> tuple[str, ActorRef] | None:
    """(country, reference) of the first place a phrase names, or of a country named as an adjective in it
    ("Syrian territory")."""
    for pobj in pobjs:
        offsets = _phrase_offsets(pobj, base)
        for place in places:
            if place.country and any(place.start <= o < place.end for o in offsets):
                return place.country, ActorRef(country=place.country, name=place.name, text=place.text,
                                               start=place.start, end=place.end)
        for m, actor in zip(mentions, actors, strict=True):
            if m.kind in ("country", "demonym") and actor is not None and any(m.start <= o < m.end for o in offsets):
                return actor.country, ActorRef(country=actor.country, text=m.text, start=m.start, end=m.end)
        # "from Russian territory": the actors stage reads a country's adjective before a place noun as a place
        for adj in (c for c in pobj.children if c.dep_ == "amod" and c.text[:1].isupper()):
            country = load_knowledge().state_adjective(adj.lower_)
            if country is not None:
                return country, ActorRef(country=country, text=adj.text, start=base + adj.idx,
                                         end=base + adj.idx + len(adj.text))
    return None


def _speaker(tok: Any, base: int, mentions: Sequence[Mention], actors: Sequence[Actor | None]) -> Actor | None:
    """The actor who says the clause ``tok`` heads: the subject of the verb of saying it hangs from."""
    head = tok
    while head.dep_ in ("ccomp", "conj") and head.head is not head:
        head = head.head
        if head.lemma_.lower() in SAYING:
            for subject in (c for c in head.children if c.dep_ == "nsubj"):
                start = base + subject.idx
                for m, actor in zip(mentions, actors, strict=True):
                    if actor is not None and m.start <= start < m.end:
                        return actor
            return None
    return None


def fire_from(sent_doc: Any, base: int, start: int, end: int, evidence: str, mentions: Sequence[Mention],
              actors: Sequence[Actor | None], where: tuple[str | None, str], cues: Any,
              have: set[tuple[str | None, str | None, str]], places: Sequence[Place] = ()) -> list[Event]:
    """The attacks by fire from a place in one parsed sentence (see the module's docstring)."""
    out: list[Event] = []
    for tok in sent_doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in FIRING:
            continue
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.dep_ == "acl" and tok.tag_ == "VBN")
        if any(c.dep_ == "agent" for c in tok.children):
            continue  # "rockets fired by Hezbollah": the engines read who fired (and "Hamas fired rockets", below)
        things = [c for c in tok.children if c.dep_ == "nsubjpass"] + ([tok.head] if tok.dep_ == "acl" else [])
        if not passive and not any(c.dep_ == "dobj" for c in tok.children):
            # "Shells fired from Syria landed in Hatay": the small parser reads the reduced relative as an
            # active verb, but a projectile fires nothing; it is fired
            things = _projectiles([c for c in tok.children if c.dep_ == "nsubj"])
            passive = bool(things)
        if not passive:
            continue
        projectiles = _projectiles(things)
        if not projectiles:
            continue
        origin = _place_of(preps(tok, ORIGIN) + [p for h in projectiles for p in preps(h, ORIGIN)], base, places,
                           mentions, actors)
        if origin is None:
            continue
        goal_phrases = preps(tok, GOAL)
        goal = _place_of(goal_phrases, base, places, mentions, actors)
        how = None
        if goal is not None and goal[0] != origin[0]:
            how = f"target: where the fire went ('{goal[1].text}')"
        elif any(p.lower_ in SPEAKER for p in goal_phrases) and (said := _speaker(tok, base, mentions, actors)) is not None:
            goal, how = (said.country, said.ref), f"target: '{said.ref.text}', who says it was fired at"
        elif goal is None and where[0] is not None and where[0] != origin[0]:
            goal, how = (where[0], ActorRef(country=where[0])), f"target: the country where it happens ({where[1]})"
        if how is None or goal is None or goal[0] == origin[0]:
            continue
        drones = all(_noun(p) in DRONES for p in projectiles)
        code = "195" if drones else "194"
        record = lookup(code)
        if record is None or record.plover is None or (origin[0], goal[0], record.plover) in have:
            continue
        have.add((origin[0], goal[0], record.plover))
        source = origin[1]
        # "Rockets fired from Gaza landed in Israel, the army said": a participle on its noun (nlp's mended reduced
        # relative) takes the modality of the clause the noun is the subject of
        clause = tok.head.head if tok.dep_ == "acl" and tok.head.dep_ in ("nsubj", "nsubjpass") else tok
        rules = modality_of(clause, clause, sent_doc, cues, nominal_presupposed=False, absorb_modal=False)
        words = ", ".join(dict.fromkeys(p.text for p in projectiles))
        reason = (f"fire from a place: '{tok.text}' {words}; CAMEO {code} {record.name}; source: whoever fired from "
                  f"'{source.text}' (no one named), of its country; {how}; modality {rules.value}"
                  + (f" ({', '.join(rules.cues)})" if rules.cues else ""))
        out.append(Event(
            start=start, end=end, evidence=evidence, source=source, target=goal[1],
            plover=record.plover, cameo=code, mode=record.mode, context=record.context,
            goldstein=record.goldstein, quad_class=record.quad_class, modality=rules.value,  # type: ignore[arg-type]
            attribution=rules.attribution, confidence=0.6, reason=reason, trigger=tok.text,
        ))
    return out
