"""Arms seized or found by a state's forces: a coercive event, though no side is named across from them.

"Police recovered 86 rifles in a raid", "the army discovered an arms depot near the border", "two firearms
and 150 rounds of ammunition were seized": news tells a state's forces taking weapons out of someone's
hands. Our gold codes it COERCE (PLOVER: seizure; CAMEO 171, seize property) from the forces' country to
the country where it happens, and CASE 2021 counts it as a political event (weapons disrupted). The
learned engine reads few of them (the weapons are no actor, so it finds no target) and the lexicon needs
an actor on both sides, so this module adds the event when

* a verb of taking or finding ("seize", "confiscate", "capture", "recover", "impound", "intercept",
  "find", "discover", "unearth", "uncover", "defuse", "dismantle") has weapons as its object, or as its
  subject in the passive ("a cache of weapons", "rifles and grenades", "explosive devices"); or a verb of
  destroying ("destroy", "clear", "neutralise") has a cache, mines, bombs, explosives or
  ammunition so ("destroyed 340 mines", not "destroyed two rocket launchers", which is fighting);
* whoever does it is a state actor (government, army, police, intelligence, a court) named as its subject
  or passive agent, or the state that reports a passive one ("Police say weapons were seized"), or, for a
  passive verb of seizing with no agent, the authorities of the country where it happens ("were seized":
  only a state seizes; "were found" may be a fisherman, so it adds nothing).

Missiles, rockets or shells "intercepted" are an attack parried, not arms seized, and add nothing. Goods seized
from ordinary crime (drugs, counterfeit goods) are not arms and add nothing; the learned
decoder drops them too (``decode.contraband``). Each event's ``reason`` names the verb, the weapons and who
did it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...ontology import lookup
from ...records import ActorRef, Event, Mention
from .modality import modality_of
from .syntax import Actor

CODE = "171"
TAKING = frozenset({"seize", "confiscate", "capture", "recover", "impound", "intercept"})
FINDING = frozenset({"find", "discover", "unearth", "uncover", "defuse", "dismantle"})
# verbs of making arms harmless: a state's forces destroying or clearing a cache, mines or bombs (not
# "destroyed three tanks", which is fighting): only for the arms in STATIC
DESTROYING = frozenset({"destroy", "clear", "neutralise", "neutralize"})
STATIC = frozenset({"ied", "ieds", "vbied", "vbieds", "mine", "landmine", "explosive", "explosives", "ammunition",
                    "ammunitions", "ammo", "bomb", "device", "devices", "weapon", "arms", "weaponry", "munition",
                    "grenade", "detonator"})
SAYING = frozenset({"say", "tell", "report", "announce", "state", "confirm", "add"})
WEAPONS = frozenset({
    "weapon", "arms", "ammunition", "ammunitions", "ammo", "firearm", "gun", "rifle", "pistol", "revolver",
    "carbine", "musket", "kalashnikov", "grenade", "explosive", "explosives", "ied", "vbied", "mine", "landmine",
    "bomb", "rocket", "mortar", "munition", "bullet", "cartridge", "rpg", "launcher", "detonator", "missile",
    "projectile", "shell", "machine-gun", "machinegun", "weaponry", "armament"})
DEVICES = frozenset({"device", "devices"})  # weapons only as "explosive devices"
HOLDERS = frozenset({"cache", "stash", "depot", "arsenal", "haul", "batch", "amount", "quantity", "lot", "number",
                     "consignment", "shipment", "stockpile", "store", "dump", "box", "crate", "dozen", "dozens",
                     "hundred", "hundreds", "thousand", "thousands", "score", "scores", "ton", "tons", "tonne", "tonnes"})
IN_FLIGHT = frozenset({"missile", "rocket", "shell", "projectile", "mortar", "bomb"})  # intercepted in the air
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD"})
STATE_KINDS = frozenset({"country", "capital", "demonym"})  # "Turkey seized ...", "Turkish forces seized ..."


def _weapons(tok: Any) -> list[Any]:
    """The weapon words a noun phrase names: the noun itself, its conjuncts, what a cache holds."""
    heads = [tok, *tok.conjuncts]
    heads += [g for h in list(heads) if h.lemma_.lower() in HOLDERS for c in h.children
              if c.dep_ == "prep" and c.lower_ in ("of", "containing") for g in c.children if g.dep_ == "pobj"]
    heads += [g for h in list(heads) if h.lemma_.lower() in HOLDERS for c in h.children
              if c.dep_ == "acl" and c.lemma_.lower() in ("contain", "include") for g in c.children if g.dep_ == "dobj"]
    heads += [c for h in list(heads) for c in h.conjuncts]
    out = []
    for h in dict.fromkeys(heads):
        word, lemma = h.lower_, h.lemma_.lower()
        explosive = any(c.lower_ in ("explosive", "improvised", "incendiary") for c in h.children)
        if lemma in WEAPONS or word in WEAPONS or (word in DEVICES and explosive):
            out.append(h)
    return out


def _state_doer(tok: Any, base: int, mentions: Sequence[Mention], actors: Sequence[Actor | None],
                where: str | None) -> tuple[ActorRef, str] | None:
    """The state actor named at ``tok`` (or a conjunct of it): its reference and how its country was read. A
    state body the actors stage left without a country ("the army") acts where the seizure happens."""
    for t in (tok, *tok.conjuncts):
        start = base + t.idx
        for m, actor in zip(mentions, actors, strict=True):
            if not m.start <= start < m.end:
                continue
            if actor is not None and (actor.ref.sector in STATE_SECTORS or m.kind in STATE_KINDS):
                return actor.ref, f"'{actor.ref.text}'"
            if actor is None and m.sector in STATE_SECTORS and m.country is None and where is not None:
                ref = ActorRef(country=where, sector=m.sector, name=m.name, entity=None, text=m.text,
                               start=m.start, end=m.end)
                return ref, f"'{m.text}', country where they act"
    return None


def _doers(tok: Any, passive: bool) -> list[Any]:
    """Who takes or finds: the passive agent, or the subject; a pronoun subject ("Police said they recovered
    ...") is the subject of the saying verb the clause hangs from."""
    if passive:
        subjects = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    else:
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].pos_ == "PRON" and tok.dep_ == "ccomp":
            subjects += [c for c in tok.head.children if c.dep_ == "nsubj"]
    # whose units they are: "the Syrian Army's engineering units", "detachments of the National Army"
    subjects += [c for s in list(subjects) for c in s.children if c.dep_ == "poss"]
    # a state's agency named with its country's name: "the Ghana Immigration Service", "the Kenya Revenue Authority"
    subjects += [c for s in list(subjects) for c in s.children if c.dep_ == "compound" and c.i < s.i]
    subjects += [g for s in list(subjects) for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
    return subjects


def _static(weapon: Any, thing: Any) -> bool:
    """Arms one destroys to make them harmless: a cache, mines, bombs, explosives, ammunition."""
    return weapon.lower_ in STATIC or weapon.lemma_.lower() in STATIC or thing.lemma_.lower() in HOLDERS


def _reporters(tok: Any) -> list[Any]:
    """The subject of the verb of saying a passive clause with no agent hangs from ("Police say ...")."""
    head = tok
    while head.dep_ in ("ccomp", "conj") and head.head is not head:
        head = head.head
        if head.lemma_.lower() in SAYING:
            return [c for c in head.children if c.dep_ == "nsubj"]
    return []


def weapon_seizures(sent_doc: Any, base: int, start: int, end: int, evidence: str, mentions: Sequence[Mention],
                    actors: Sequence[Actor | None], where: tuple[str | None, str], cues: Any,
                    have: set[tuple[str | None, str | None, str]]) -> list[Event]:
    """The seizures of arms in one parsed sentence (see the module's docstring)."""
    record = lookup(CODE)
    if record is None or record.plover is None:
        return []
    out: list[Event] = []
    for tok in sent_doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in TAKING | FINDING | DESTROYING:
            continue
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.dep_ == "acl" and tok.tag_ == "VBN")
        things = [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        shared = [c for c in tok.head.children if c.dep_ == "nsubjpass"] if tok.dep_ == "conj" else []
        if not things and shared and tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "dobj") for c in tok.children):
            passive, things = True, shared  # "a bomb was found near the airport and defused by the army"
        if not passive and not things:  # "discovered a cache of rifles believed to belong to ...": the parser
            things = [g for c in tok.children if c.dep_ == "ccomp" for g in c.children  # makes the cache the
                      if g.dep_ in ("nsubj", "nsubjpass")]  # subject of "believed"
        if passive and tok.dep_ == "acl":
            things.append(tok.head)  # "weapons seized in the raid"
        weapons = [w for t in things for w in _weapons(t)]
        if lemma in DESTROYING and not all(_static(w, t) for w in weapons for t in things):
            continue  # "destroyed two rocket launchers" is fighting; "destroyed a cache of IEDs" is not
        if not weapons or (lemma == "intercept" and all(w.lemma_.lower() in IN_FLIGHT for w in weapons)):
            continue  # "air defences intercepted the missiles": part of an attack, not a seizure
        doers = _doers(tok, passive)
        if passive and not doers:
            doers = _reporters(tok)  # "Police say weapons were seized in the raid": the police seized them
        doer = next((a for d in doers if (a := _state_doer(d, base, mentions, actors, where[0])) is not None), None)
        country = where[0] or (doer[0].country if doer is not None else None)
        if doer is not None:
            did = "took" if lemma in TAKING else "destroyed" if lemma in DESTROYING else "found"
            source, how = doer[0], f"source: {doer[1]}, who {did} them"
        elif passive and not doers and lemma in TAKING and country is not None:
            source = ActorRef(country=country, sector="GOV")
            how = f"source: the authorities of the country where it happens ({where[1] or 'the seizer'}): only a state seizes arms"
        else:
            continue
        if country is None or ((source.country, country, record.plover) in have and lemma not in DESTROYING):
            continue  # a destroying verb's seizure stands even so: it replaces the engines' assault on that verb
        have.add((source.country, country, record.plover))
        rules = modality_of(tok, tok, sent_doc, cues, nominal_presupposed=False, absorb_modal=False)
        words = ", ".join(dict.fromkeys(w.text for w in weapons))
        reason = (f"arms seized: '{tok.text}' {words}; CAMEO {CODE} {record.name}; {how}; target: the country where it "
                  f"happens ({where[1] or 'the seizer'}); modality {rules.value}"
                  + (f" ({', '.join(rules.cues)})" if rules.cues else ""))
        out.append(Event(
            start=start, end=end, evidence=evidence, source=source, target=ActorRef(country=country),
            plover=record.plover, cameo=CODE, mode=record.mode, context=record.context,
            goldstein=record.goldstein, quad_class=record.quad_class, modality=rules.value,  # type: ignore[arg-type]
            attribution=rules.attribution, confidence=0.6, reason=reason, trigger=tok.text,
        ))
    return out
