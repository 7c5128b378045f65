"""Protests told by what the crowd does, or by the protest alone: a PROTEST event of the crowd's country.

"Violent protests erupted in Colombia", "a rally was held in Minsk", "protesters blocked roads in Baghdad",
"rioters clashed with police in Belfast": news often tells a protest without a verb of protesting done by a
named actor, so neither engine reads one. PLOVER calls all of these PROTEST (a demonstration, CAMEO 141; a
riot, 145, when the crowd is violent). This module adds the event when

* a protest noun ("protest", "demonstration", "rally", "riot", "march", "sit-in") is the subject of a verb of
  happening ("erupted", "broke out", "spread", "turned violent") or the passive subject of one of holding
  ("was held", "were staged"): the protesters are unnamed civilians of the country where it happens;
* a crowd noun ("protesters", "demonstrators", "rioters", "marchers") is the subject of a verb of what crowds
  do ("marched", "blocked", "gathered", "clashed", "threw stones", "set fire"): the crowd is the source, with
  its country from the actors stage or, left without one, the country where it happens.

The target is the country where it happens (a crowd protests at home). Words of saying and wanting are
no protest ("protesters said", "protesters demanded": the engines read those). Each event's ``reason``
names the words and how the country was read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...ontology import lookup
from ...records import ActorRef, Event, Mention
from .modality import modality_of
from .syntax import Actor

PROTEST_NOUNS = frozenset({"protest", "demonstration", "rally", "riot", "march", "sit-in", "unrest"})
# verbs of a protest breaking out or spreading; the plainer ones not for "rally" ("the rally continued" in markets)
HAPPENING = frozenset({"erupt", "break", "spread", "turn", "rage", "escalate", "flare", "sweep", "grip", "swell",
                       "intensify"})
GOING_ON = frozenset({"continue", "resume", "begin", "start", "enter", "take"})
MARKETS = frozenset({"stock", "market", "share", "price", "oil", "gold", "bond", "currency", "dollar", "equity",
                     "relief", "year-end"})
HOLDING = frozenset({"hold", "stage", "organise", "organize", "mount"})
CROWDS = frozenset({"protester", "protestor", "demonstrator", "rioter", "marcher"})
CROWD_ACTS = frozenset({
    "march", "rally", "gather", "assemble", "converge", "block", "blockade", "barricade", "shut", "occupy", "storm",
    "burn", "torch", "set", "light", "throw", "hurl", "pelt", "smash", "loot", "vandalise", "vandalize", "breach",
    "clash", "fight", "confront", "chant", "picket", "demonstrate", "protest", "riot", "stage", "take", "fill",
    "flood", "surround", "besiege", "camp"})
VIOLENT = frozenset({"riot", "storm", "burn", "torch", "set", "throw", "hurl", "pelt", "smash", "loot", "vandalise",
                     "vandalize", "breach", "clash", "fight", "violent"})
COUNTS = frozenset({"thousand", "hundred", "dozen", "score", "million", "crowd", "group", "number"})
DEMONSTRATE, RIOT = "141", "145"


def _crowd_actor(tok: Any, base: int, mentions: Sequence[Mention], actors: Sequence[Actor | None],
                 where: str | None) -> tuple[ActorRef, str] | None:
    start = base + tok.idx
    for m, actor in zip(mentions, actors, strict=True):
        if m.start <= start < m.end:
            if actor is not None:
                return actor.ref, f"source: '{m.text}'"
            if where is not None:
                ref = ActorRef(country=where, sector=m.sector or "CVL", name=m.name, text=m.text, start=m.start, end=m.end)
                return ref, f"source: '{m.text}', country where they act"
    if where is None:
        return None
    ref = ActorRef(country=where, sector="CVL", text=tok.text, start=start, end=start + len(tok.text))
    return ref, f"source: '{tok.text}', country where they act"


def protest_events(sent_doc: Any, base: int, start: int, end: int, evidence: str, mentions: Sequence[Mention],
                   actors: Sequence[Actor | None], where: tuple[str | None, str], cues: Any,
                   have: set[tuple[str | None, str | None, str]]) -> list[Event]:
    """The protests of one parsed sentence told without a verb of protesting (see the module's docstring)."""
    out: list[Event] = []
    for tok in sent_doc:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        found = None
        for c in tok.children:
            noun = c.lemma_.lower()
            market = any(a.lemma_.lower() in MARKETS for a in c.children if a.dep_ in ("compound", "amod", "poss"))
            going = lemma in GOING_ON and noun != "rally" and (lemma != "take" or any(
                o.lower_ == "place" for o in tok.children if o.dep_ == "dobj"))  # "protests took place"
            told = (c.dep_ == "nsubj" and (lemma in HAPPENING or going)) or (c.dep_ == "nsubjpass" and lemma in HOLDING)
            if noun in PROTEST_NOUNS and c.pos_ == "NOUN" and not market and told:
                if where[0] is None:
                    break
                violent = noun == "riot" or any(a.lower_ in VIOLENT for a in c.children if a.dep_ == "amod")
                ref = ActorRef(country=where[0], sector="CVL")
                found = (c, ref, f"source: unnamed protesters, country where it happens ({where[1]})", violent)
                break
            crowd_tok = c
            if c.dep_ == "nsubj" and noun in COUNTS:  # "thousands of marchers": the crowd the count is of
                crowd_tok = next((g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                                  if g.dep_ == "pobj"), c)
                noun = crowd_tok.lemma_.lower()
            if c.dep_ == "nsubj" and not passive and noun in CROWDS and lemma in CROWD_ACTS:
                crowd = _crowd_actor(crowd_tok, base, mentions, actors, where[0])
                if crowd is not None:
                    found = (crowd_tok, crowd[0], crowd[1], lemma in VIOLENT or noun == "rioter")
                break
        if found is None:
            continue
        noun_tok, source, how, violent = found
        country = where[0] or source.country
        code = RIOT if violent else DEMONSTRATE
        record = lookup(code)
        if record is None or record.plover is None or country is None:
            continue
        if any(src == source.country and kind == "PROTEST" for src, _, kind in have):
            continue  # the engines read this crowd's protest already, with its target ("rallied against Kosovo's ...")
        have.add((source.country, country, "PROTEST"))
        rules = modality_of(tok, tok, sent_doc, cues, nominal_presupposed=False, absorb_modal=False)
        reason = (f"protest told by the crowd or the protest: '{noun_tok.text} ... {tok.text}'; CAMEO {code} "
                  f"{record.name}; {how}; target: the country where it happens ({where[1] or 'the crowd'}); "
                  f"modality {rules.value}" + (f" ({', '.join(rules.cues)})" if rules.cues else ""))
        out.append(Event(
            start=start, end=end, evidence=evidence, source=source, target=ActorRef(country=country),
            plover=record.plover, cameo=code, mode=record.mode, context=record.context,
            goldstein=record.goldstein, quad_class=record.quad_class, modality=rules.value,  # type: ignore[arg-type]
            attribution=rules.attribution, confidence=0.55, reason=reason, trigger=tok.text,
        ))
    return out
