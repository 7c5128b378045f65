"""Agreements told by what was agreed: parties that agree, reach or sign a ceasefire, a truce or a deal agree.

"Azerbaijani and Armenian forces have agreed a fragile ceasefire", "the government and the rebels agreed to a
truce", "the president reached an agreement with the mutinous soldiers", "a ceasefire was agreed between the army
and the militia": news tells an agreement by its object, and the trigger network, which learned "agree" mostly as
"agree to do something" between states, leaves many of these below its threshold (forces and armed groups as
the parties, a ceasefire as the object). PLOVER calls them AGREE. This module adds the event when

* a verb of agreeing or concluding ("agree", "reach", "sign", "conclude", "seal", "strike", "clinch",
  "finalise", "accept", "broker") takes as its object (or after "to", "on", "into") a word of the Phoenix
  dictionary's ``ceasefire`` or ``treaty`` sets ("truce", "armistice", "accord", "pact", "agreement"), or "deal";
* the parties are the actors with a country in the verb's subject (several: each agrees with the others), its
  passive agent, or named with "with" or "between"; one who brokers is no party ("Russia brokered a truce between
  Armenia and Azerbaijan": Armenia and Azerbaijan agree);
* one party alone agrees with the country where it happens (the other side is left unnamed there), as the
  engines do for an attack without a named target, unless the agreement is only wished ("urged Kyiv to accept
  the ceasefire");
* no engine read an AGREE of that source already.

The CAMEO code is the Phoenix verb dictionary's for the verb with that object when it is one of AGREE's
("agree" + ceasefire: 0356; "conclude" + treaty: 057); otherwise 057 for a signature and 0356 or 030 for an
agreement in words. Each event's ``reason`` names the verb, the object and how the parties were read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ...ontology import lookup
from ...records import ActorRef, Event, Mention
from .learned.phoenix import load_phoenix, phoenix_set
from .modality import Modality, is_negated, modality_of
from .syntax import Actor

AGREEING = frozenset({"agree", "reach", "sign", "conclude", "seal", "strike", "clinch", "finalize", "finalise",
                      "accept", "broker", "ink", "enter"})
SIGNING = frozenset({"sign", "conclude", "seal", "finalize", "finalise", "ink", "enter"})
MEDIATING = frozenset({"broker"})  # the subject arranges the agreement of others
OBJECT_PREPOSITIONS = frozenset({"to", "on", "upon", "into"})
PARTY_PREPOSITIONS = frozenset({"with", "between"})
PHRASE = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "npadvmod", "quantmod"})
BACK_REFERENCES = ("the two", "both", "each other", "one another", "the other", "the three")
SIGNATURE, DE_ESCALATE, COOPERATE = "057", "0356", "030"


@lru_cache(maxsize=1)
def agreement_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """(ceasefires, every agreement noun): the single-word members of the Phoenix ``ceasefire`` and ``treaty``
    sets, with "deal" (a ceasefire deal, a peace deal), which Phoenix files under no set."""
    truces = frozenset(w.split()[-1] for w in phoenix_set("ceasefire"))
    treaties = frozenset(w.split()[-1] for w in phoenix_set("treaty"))
    return truces, truces | treaties | {"deal"}


def names_agreement(words: set[str]) -> bool:
    """Does a sentence's word set hold an agreement noun (the cheap gate before parsing)?"""
    nouns = agreement_nouns()[1]
    return any(w in nouns or w.removesuffix("s") in nouns for w in words)


def _objects(verb: Any) -> list[Any]:
    """The agreement nouns a verb takes: "agreed a ceasefire", "agreed to a truce", "entered into a pact",
    "signed a ceasefire deal" (the head "deal"), "a ceasefire was agreed" (its passive subject)."""
    nouns = agreement_nouns()[1]
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    found += [g for p in verb.children if p.dep_ in ("prep", "dative") and p.lower_ in OBJECT_PREPOSITIONS
              for g in p.children if g.dep_ == "pobj"]
    return [n for n in found if n.lemma_.lower() in nouns and n.pos_ in ("NOUN", "PROPN")]


def _named_with(heads: Sequence[Any]) -> list[Any]:
    """The words named with "with" or "between" on the verb or its object, with their conjuncts."""
    out = []
    for head in heads:
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in PARTY_PREPOSITIONS:
                for g in p.children:
                    if g.dep_ == "pobj":
                        out += [g, *g.conjuncts]
    return out


def _subjects(verb: Any) -> list[Any]:
    """The verb's active subject (climbing "failed to agree", "are expected to sign") and its conjuncts, or its
    passive agent."""
    cur = verb
    for _ in range(3):
        subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return [subj, *subj.conjuncts]
        if cur.dep_ not in ("xcomp", "conj") or cur.head is cur:
            break
        asked = next((c for c in cur.head.children if c.dep_ == "dobj"), None)
        if cur.dep_ == "xcomp" and asked is not None:  # "urged Iran to accept the deal": Iran would accept it
            return [asked, *asked.conjuncts]
        cur = cur.head
    agents = [g for p in verb.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]
    return [w for g in agents for w in (g, *g.conjuncts)]


def _parties(words: Sequence[Any], base: int, mentions: Sequence[Mention],
             actors: Sequence[Actor | None]) -> list[Actor]:
    """The actors with a country inside the phrases of ``words``, in order: one per country in one phrase
    ("the Iraqi government forces" is one party however many mentions it holds), and a body's seat, leader or
    backer ("UK-based", "Saudi-led", "Russian-backed") is no party of its own."""
    out: list[Actor] = []
    for word in words:
        # a conjunct's own phrase without its clauses ("Egypt, which is in a dispute with Ethiopia, signed")
        kids = [c for c in word.children if c.dep_ in PHRASE or (c.dep_ == "prep" and c.lower_ == "of")]
        left = base + min([word.idx, *(c.left_edge.idx for c in kids)])
        right = base + max([word.idx + len(word.text), *(c.right_edge.idx + len(c.right_edge.text) for c in kids)])
        inside = [(m, actor) for m, actor in zip(mentions, actors, strict=True)
                  if actor is not None and left <= m.start < right]
        if any(m.sector == "BUS" or actor.ref.sector == "BUS" for m, actor in inside):
            continue  # "Russian oil giant Rosneft": a company's deal is business
        seen: set[str] = set()
        for m, actor in inside:
            if actor.country in seen or m.text.lower().startswith(BACK_REFERENCES):
                continue  # "a pact between the two countries" names no new party
            after = word.doc.text[m.end - base: m.end - base + 8].lower()
            if after.startswith(("-based", "-backed", "-led", " based", " backed", " led")):
                continue
            seen.add(actor.country)
            if all(a.index != actor.index for a in out):
                out.append(actor)
    return out


def _code(verb: str, noun: str) -> str:
    found = load_phoenix().pattern_code(verb, [noun])
    record = lookup(found or "")
    if found and record is not None and record.plover == "AGREE":
        return found
    if verb in SIGNING:
        return SIGNATURE
    return DE_ESCALATE if noun in agreement_nouns()[0] else COOPERATE


def agreement_events(sent_doc: Any, base: int, start: int, end: int, evidence: str, mentions: Sequence[Mention],
                     actors: Sequence[Actor | None], where: tuple[str | None, str], cues: Any,
                     have: set[tuple[str | None, str | None, str]]) -> list[Event]:
    """The agreements of one parsed sentence told by what was agreed (see the module's docstring)."""
    out: list[Event] = []
    told: set[int] = set()  # the agreement nouns a verb of agreeing took
    for verb in sent_doc:
        lemma = verb.lemma_.lower()
        if lemma not in AGREEING or verb.pos_ not in ("VERB", "AUX"):
            continue
        for noun in _objects(verb):
            told.add(noun.i)
            named = _parties(_named_with([verb, noun]), base, mentions, actors)
            subjects = [] if lemma in MEDIATING else _parties(_subjects(verb), base, mentions, actors)
            parties = subjects + [a for a in named if all(a.index != s.index for s in subjects)]
            pairs: list[tuple[Actor, ActorRef, str]] = []
            for k, a in enumerate(parties):
                for b in parties[k + 1:]:
                    if (a.country, a.ref.name) == (b.country, b.ref.name):
                        continue
                    pairs.append((a, b.ref, f"source: '{a.ref.text}'; target: '{b.ref.text}', a party with it"))
                    pairs.append((b, a.ref, f"source: '{b.ref.text}'; target: '{a.ref.text}', a party with it"))
            rules = modality_of(verb, verb, sent_doc, cues, nominal_presupposed=False, absorb_modal=False)
            if is_negated(verb, verb):  # "Damascus would not accept a truce": no agreement
                rules = Modality("negated", rules.attribution, (*rules.cues, "not"))
            if (not pairs and len(parties) == 1 and where[0] is not None and lemma not in MEDIATING
                    and rules.value != "hypothetical"):  # a wished agreement with an unnamed side is too thin
                a = parties[0]
                pairs.append((a, ActorRef(country=where[0]),
                              f"source: '{a.ref.text}'; target: no other party named, the country where it "
                              f"happens ({where[1]})"))
            code = _code(lemma, noun.lemma_.lower())
            record = lookup(code)
            if record is None or record.plover is None:
                continue
            for source, target, how in pairs:
                key = (source.country, target.country, "AGREE")
                if key in have or (target.country == where[0] and any(
                        s == source.country and kind == "AGREE" for s, _, kind in have)):
                    continue
                have.add(key)
                reason = (f"agreement told by what was agreed: '{verb.text} ... {noun.text}'; CAMEO {code} "
                          f"{record.name}; {how}; modality {rules.value}"
                          + (f" ({', '.join(rules.cues)})" if rules.cues else ""))
                out.append(Event(
                    start=start, end=end, evidence=evidence, source=source.ref, target=target,
                    plover=record.plover, cameo=code, mode=record.mode, context=record.context,
                    goldstein=record.goldstein, quad_class=record.quad_class, modality=rules.value,  # type: ignore[arg-type]
                    attribution=rules.attribution, confidence=0.55, reason=reason, trigger=verb.text,
                ))
    out += _truces_between(sent_doc, base, start, end, evidence, mentions, actors, cues, have, told)
    return out


def _truces_between(sent_doc: Any, base: int, start: int, end: int, evidence: str, mentions: Sequence[Mention],
                    actors: Sequence[Actor | None], cues: Any, have: set[tuple[str | None, str | None, str]],
                    told: set[int]) -> list[Event]:
    """A truce named with its parties and no verb of agreeing: "the ceasefire between the army and the rebels
    took effect", "as part of a cease-fire between the warring groups". A truce dated in the past ("the 1994
    ceasefire between Armenia and Azerbaijan") is background, not this article's event."""
    out: list[Event] = []
    truces, nouns = agreement_nouns()
    for noun in sent_doc:
        lemma = noun.lemma_.lower()
        if noun.i in told or noun.pos_ not in ("NOUN", "PROPN") or not (lemma in truces or (lemma in nouns and any(
                c.dep_ in ("compound", "amod") and c.lemma_.lower() in truces for c in noun.children))):
            continue  # "the ceasefire", "a cease-fire agreement"
        if any(c.ent_type_ == "DATE" for c in noun.subtree if c.i < noun.i):
            continue
        words = _named_with([noun])
        parties = _parties(words, base, mentions, actors)
        record = lookup(DE_ESCALATE)
        if record is None or record.plover is None or not parties:
            continue
        pairs = [(a, b.ref) for a in parties for b in parties
                 if a.index != b.index and (a.country, a.ref.name) != (b.country, b.ref.name)]
        if not pairs and len(words) == 1 and words[0].tag_ == "NNS":  # "between the warring Libyan groups"
            pairs = [(parties[0], ActorRef(country=parties[0].country))]
        rules = modality_of(noun, noun, sent_doc, cues, nominal_presupposed=True, absorb_modal=False)
        for a, target in pairs:
            key = (a.country, target.country, "AGREE")
            if key in have:
                continue
            have.add(key)
            reason = (f"agreement told by what was agreed: the '{noun.text}' between '{a.ref.text}' and "
                      f"'{target.text or 'one another'}'; CAMEO {DE_ESCALATE} {record.name}; modality {rules.value}")
            out.append(Event(
                start=start, end=end, evidence=evidence, source=a.ref, target=target,
                plover=record.plover, cameo=DE_ESCALATE, mode=record.mode, context=record.context,
                goldstein=record.goldstein, quad_class=record.quad_class, modality=rules.value,  # type: ignore[arg-type]
                attribution=rules.attribution, confidence=0.5, reason=reason, trigger=noun.text,
            ))
    return out
