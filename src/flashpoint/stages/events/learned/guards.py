"""Pairs the decoder drops whatever the roles network says: one actor on both sides of an event.

The roles network scores each actor of a sentence alone, so nothing stops it from putting one
actor on both sides under two of its names ("President Donald Trump ... Trump"), a government's
official facing the state it serves ("Foreign Minister Lavrov offered Moscow's help"), or one
noun phrase on both sides through a name inside it ("a protest held by the Islamic Jihad movement":
"movement" source, "Islamic Jihad" target). An event is between two actors; such a pair is
a misreading, not a domestic event.

One addition the other way: the subject that controls an adverbial -ing clause is that clause's
source when the network names none (:func:`controller`). Kept apart from :mod:`.decode` so that
the decoding rules and these guards change independently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ....records import ActorRef
from ..syntax import list_items, mutual_object, subject_of
from .features import SentenceView
from .model import Role

# mentions that name a state as a whole ("Russia", "Moscow", "Russian"); as decode.STATE_KINDS
STATE_KINDS = frozenset({"country", "capital", "demonym", "pair"})
# how a name sits inside another actor's noun phrase: "the [Islamic Jihad] movement",
# "[Russia]'s embassy", "[Hamas] leader", "Wang Yi, [China's foreign minister]". Not an adjective
# ("pro-Saudi forces", "Russian occupants"): measured on CASE 2021, dropping those pairs loses
LOCAL = "fp:local:"  # the entity prefix of a region's or a city's own government (actors' compose)
# events whose type is right while the actors stage gives the noun another country than its adjective
INSIDE = frozenset({"compound", "poss", "nmod", "appos"})


def _head(view: SentenceView, ref: ActorRef) -> Any | None:
    if ref.start is None or ref.end is None:
        return None
    span = view.sdoc.char_span(ref.start - view.base, ref.end - view.base, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _named(ref: ActorRef) -> bool:
    """Does the mention itself name a person or a body ("Zuma", "President Jacob Zuma"), not a role
    word resolved to one ("the president") or a generic body code ("governments": any government)?"""
    if ref.entity is not None and ref.entity.startswith("fp:actor:"):
        return False
    words = (ref.name or "").split()
    return bool(words) and words[-1].lower() in (ref.text or "").lower().split()


def _a_people(ref: ActorRef, kind: str) -> bool:
    """A plural demonym with no sector names a people, not its state: "called on Liberians to stand by him"."""
    return kind == "demonym" and ref.sector in (None, "CVL") and (ref.text or "").lower().endswith("s")


def one_actor(a: ActorRef, b: ActorRef, view: SentenceView, a_kind: str = "", b_kind: str = "") -> str | None:
    """Why ``a`` and ``b`` are one actor (same named person or body, or one phrase), else None.
    A mention of two ("the two leaders", one per country) is two actors: their countries differ."""
    if a.country == b.country and _named(a) and _named(b) and (a.entity or a.name) == (b.entity or b.name):
        return f"'{a.text}' and '{b.text}' name one actor"
    if (a.country is not None and a.country == b.country and a.sector in ("GOV", "MIL") and a_kind not in STATE_KINDS
            and b_kind in STATE_KINDS and b.sector in (None, "GOV") and not _a_people(b, b_kind)
            and not (a.entity or "").startswith(LOCAL)):  # a province's premier is not the state's servant
        # "Foreign Minister Lavrov offered Moscow's help": a government's own official or force does
        # not act on the state it serves (the other way round, a state sacking its minister, stands)
        return f"'{a.text}' serves the state '{b.text}' names"
    ha, hb = _head(view, a), _head(view, b)
    if ha is None or hb is None or ha.i == hb.i:
        return None
    for inner, outer in ((ha, hb), (hb, ha)):
        if inner.dep_ in INSIDE and inner.head.i == outer.i and not (inner.conjuncts and inner.dep_ != "poss"):
            # (not modifiers coordinated on one noun, each naming a party: "Thai and Cambodian troops")
            return f"'{inner.text}' is inside the phrase of '{outer.text}'"
    return None


def controller(view: SentenceView, i: int, roles: Sequence[Role]) -> Role | None:
    """The source of an adverbial -ing clause with no subject of its own: the subject of the
    clause it hangs from ("By recalling its envoy, Canada signalled ...", "After meeting the
    Kazakh president, the premier ..."), when that subject is an actor the network does not
    call the target. The roles network reads such a distant subject weakly; the parse is sure."""
    tok = view.sdoc[i]
    if tok.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    if not (tok.dep_ == "advcl" or (tok.dep_ == "pcomp" and tok.head.dep_ == "prep")):
        return None
    subj, passive, _ = subject_of(tok)
    if subj is None or passive:
        return None
    role = next((r for r in roles if r.slot.head == subj.i), None)
    return role if role is not None and role.source >= role.target else None


def told_to(view: SentenceView, i: int, roles: Sequence[Role]) -> list[Role]:
    """Who does an act an object-control verb asks for: "Russia ordered Britain to reduce its staff", "urged
    Iran to release the sailors": the object of "ordered", not its subject, the network reading both as
    possible sources (the act stays the content of the order: its modality says so)."""
    tok = view.sdoc[i]
    if tok.dep_ != "xcomp" or tok.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return []
    objects = {g.i for c in tok.head.children if c.dep_ in ("dobj", "obj") for g in (c, *list_items(c))}
    return [r for r in roles if r.slot.index >= 0 and r.slot.head in objects and r.source >= r.target]


def parallel_subjects(view: SentenceView, i: int) -> set[int]:
    """The subjects of the clauses the trigger's clause is coordinated with, when the trigger has a
    subject of its own: "The U.S. has expelled 60 diplomats, Ukraine has expelled 13" -- the U.S. did
    the same thing beside Ukraine, it is not what Ukraine expelled. The network, reading each actor
    alone, takes such a subject for the target; the parse says whose clause it is."""
    tok = view.sdoc[i]
    while tok.dep_ in ("xcomp", "aux", "auxpass") and tok.head.i != tok.i:
        tok = tok.head
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return set()
    # coordinated clauses, and a clause of the same verb the parser hung on another as its complement
    # ("The U.S. has expelled 60, Ukraine has expelled 13": the first read as what the second says)
    verbs = list(tok.conjuncts)
    verbs += [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.lemma_ == tok.lemma_]
    if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_ == tok.lemma_:
        verbs.append(tok.head)
    out: set[int] = set()
    for verb in verbs:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                out |= {c.i} | {t.i for t in c.conjuncts}
    return out


def coded_in_phrase(view: SentenceView, role: Role, roles: Sequence[Role], kind: str, floor: float) -> Role:
    """Of two words of one phrase the network puts on the same side ("[Iraqi] troops" split in two
    by a tagger, both scored as the source), the one with a country: the noun's country would only
    be guessed from the place. The network scores the two nearly alike, so which one it prefers is
    a coin toss; the coded word is the evidence."""
    if role.slot.mention.country is not None:
        return role
    for other in roles:
        tok = view.sdoc[other.slot.head]
        score = other.source if kind == "source" else other.target
        if (other is not role and other.slot.mention.country is not None and score >= floor
                and tok.head.i == role.slot.head and tok.i != role.slot.head
                and tok.dep_ in ("amod", "compound", "nmod", "poss")):
            return other
    return role


# Things that strike or are struck, never a side: a side is whoever owns or fires them
WEAPONS = frozenset({"bomb", "mine", "landmine", "ied", "rocket", "missile", "shell", "grenade", "explosive",
                     "device", "bullet", "drone", "mortar", "projectile", "munition", "warhead", "car-bomb"})


OWNER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


def armed_by(view: SentenceView, role: Role, roles: Sequence[Role]) -> Role:
    """A weapon the network took for a side ("killed by an ISIS bomb": the bomb as the attacker) stands
    for the actor that owns it in its own phrase ("ISIS"), whatever the network scored that word."""
    tok = view.sdoc[role.slot.head]
    if role.slot.index >= 0 or tok.lemma_.lower() not in WEAPONS:
        return role
    inside = {c.i for c in tok.lefts if c.dep_ in OWNER_DEPS}
    inside |= {g.i for c in tok.lefts if c.dep_ in OWNER_DEPS for g in c.lefts if g.dep_ in OWNER_DEPS}
    for other in roles:
        if other.slot.index >= 0 and other.slot.head in inside:
            return other
    return role  # measured: dropping an ownerless weapon ("rockets hit the town") loses attacks the gold counts


# prepositions that put the attack an outcome came from beside it: "killed in shelling", "wounded by an air
# strike", "died during the bombardment", "hurt from the raid"
AUTHOR_PREPS = frozenset({"in", "by", "during", "from", "after"})


def attack_author(view: SentenceView, i: int, roles: Sequence[Role],
                  attack_nouns: frozenset[str]) -> tuple[Role, str] | None:
    """The attacker named inside the attack an outcome came from, when the network names no source:
    "killed in Israeli tank shelling" (an actor that is itself an attack), "wounded in an air strike by
    government forces", "died in a Saudi-led raid" (an actor in the attack's own phrase). The network
    reads an actor inside a prepositional phrase weakly as the source of "killed"; the attack noun
    says who acted. ``attack_nouns``: the lexicon's nouns of attack. Returns the actor's role and the
    attack word, whose own code says how the outcome was dealt ("shelling": artillery, 194)."""
    tok = view.sdoc[i]
    coded = [r for r in roles if r.slot.index >= 0]
    for prep in (c for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in AUTHOR_PREPS):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            for r in coded:  # the actor is the attack: "Israeli tank shelling", "a coalition air strike"
                last = view.sdoc[r.slot.tokens[-1]]
                if r.slot.head == noun.i and (last.lemma_.lower() in attack_nouns or last.lower_ in attack_nouns):
                    return r, last.lower_ if last.lower_ in attack_nouns else last.lemma_.lower()
            word = noun.lower_ if noun.lower_ in attack_nouns else noun.lemma_.lower()
            if word not in attack_nouns:
                continue
            inside = {t.i for t in noun.subtree if t.i < noun.i}  # "a [Saudi-led] raid"
            inside |= {t.i for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree}
            found = [r for r in coded if r.slot.head in inside]
            if found:
                return max(found, key=lambda r: r.source), word
    return None


# measures a state imposes on another and may lift: whose they are says who acts on them
MEASURES = frozenset({"ban", "sanction", "embargo", "restriction", "blockade", "curfew", "tariff", "boycott",
                      "moratorium", "freeze", "quota", "measure"})


def measure_sides(view: SentenceView, i: int, roles: Sequence[Role]) -> tuple[list[Role], list[Role]] | None:
    """The sides of a measure lifted, eased or extended in the passive, from the measure's own phrase:
    "Japan's ban on British beef was lifted" (Japan lifts, Britain gains), "Russia's sanctions on Turkish
    goods were eased". The network, with no agent after "by", takes the measure's target for the one who
    lifts. Returns (owners, targets) or None when the measure names no owner."""
    tok = view.sdoc[i]
    subjects = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if not subjects and tok.dep_ == "xcomp":  # "the ban is expected to be lifted"
        subjects = [c for c in tok.head.children if c.dep_ in ("nsubjpass", "nsubj")]
    measure = next((c for c in subjects if c.lemma_.lower() in MEASURES), None)
    if measure is None:
        return None
    possessors = {c.i for c in measure.children if c.dep_ == "poss"}
    coded = [r for r in roles if r.slot.index >= 0]
    owners = [r for r in coded if r.slot.head in possessors or (r.slot.head == measure.i and possessors)]
    if not owners:
        return None
    against = {t.i for c in measure.children if c.dep_ == "prep" and c.lower_ in ("on", "against") for t in c.subtree}
    return owners, [r for r in coded if r.slot.head in against and r not in owners]


# the preposition by which an event noun names whom it is done to: "an investigation into Trump", "sanctions
# on Iran", "talks with the Taliban", "aid to Ukraine"
TARGET_PREPS = {
    "ACCUSE": ("into", "against", "of"), "SANCTION": ("on", "against", "upon"), "COERCE": ("on", "against", "upon"),
    "ASSAULT": ("on", "against", "upon"), "THREATEN": ("against", "to"), "CONSULT": ("with",), "AGREE": ("with",),
    "COOPERATE": ("with",), "AID": ("to", "for"), "SUPPORT": ("for", "to"), "REQUEST": ("to",),
}


def noun_target(view: SentenceView, i: int, roles: Sequence[Role], plover: str, family: set[int]) -> list[Role]:
    """The actor an event noun names with its own preposition, when the network names no target: "the FBI
    opened investigations into Trump", "a new round of talks with the Taliban". The network scores an
    actor deep in a prepositional phrase weakly; the noun's own preposition says whom it is about."""
    tok = view.sdoc[i]
    if tok.pos_ != "NOUN" or plover not in TARGET_PREPS:
        return []
    holders = [tok] + ([tok.head] if tok.dep_ == "dobj" else [])  # "opened investigations into Trump"
    heads = {g.i for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS[plover]
             for p in c.children if p.dep_ == "pobj" for g in (p, *p.conjuncts)}
    return [r for r in roles if r.slot.index >= 0 and r.slot.head in heads and r.slot.head not in family]


QUANTITIES = frozenset({"hundred", "hundreds", "dozen", "dozens", "thousand", "thousands", "score", "scores",
                        "number", "group", "handful", "million", "millions"})


def passive_sides(view: SentenceView, i: int, roles: Sequence[Role]) -> tuple[list[Role], list[Role]]:
    """The agents and the patients of a passive trigger: "Iraqi soldiers massacred by ISIL" (a participle
    after its noun), "the villages were shelled by the army". A patient is never the source, whatever the
    network, reading each actor alone, scored it; the agent after "by" is."""
    tok = view.sdoc[i]
    patients: set[int] = set()
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        patients |= {t.i for t in (tok.head, *tok.head.conjuncts)}
        if tok.head.tag_ == "CD" or tok.head.lemma_.lower() in QUANTITIES:  # "hundreds of soldiers massacred"
            patients |= {g.i for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj" for g in (p, *p.conjuncts)}
    patients |= {t.i for c in tok.children if c.dep_ == "nsubjpass" for t in (c, *c.conjuncts)}
    if not patients:
        return [], []
    agents = {t.i for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
              for t in (p, *p.conjuncts)}
    coded = [r for r in roles if r.slot.index >= 0]
    return [r for r in coded if r.slot.head in agents], [r for r in coded if r.slot.head in patients]


def between_parties(view: SentenceView, i: int, roles: Sequence[Role]) -> list[Role]:
    """The parties an event noun names with "between": "talks between Ethiopia and Egypt", "clashes between
    Armenian and Azerbaijani forces". They act together, each towards the other; the network, reading each
    actor alone, makes one the source and the other the target, or the second neither."""
    tok = view.sdoc[i]
    if tok.pos_ != "NOUN":
        return []
    heads = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "between" for p in c.children if p.dep_ == "pobj"]
    members = {g.i for p in heads for g in (p, *p.conjuncts)}
    # "Armenian and Azerbaijani forces": the adjectives coordinated on one noun are the two parties
    members |= {a.i for p in heads for c in p.children if c.dep_ == "amod" for a in (c, *c.conjuncts)}
    parties = [r for r in roles if r.slot.index >= 0 and r.slot.head in members]
    return parties if len(parties) >= 2 else []




def each_other(view: SentenceView, i: int, roles: Sequence[Role]) -> list[Role] | None:
    """The co-subjects of an act done to "each other" ("Armenia and Azerbaijan accused each other of violating
    the ceasefire", "India and Pakistan expelled each other's diplomats"): each is the source towards the other.
    None when the act is not reciprocal; an empty list when it is but its subject names no two parties ("both
    sides accused the other": who they are is told before)."""
    tok = view.sdoc[i]
    if mutual_object(tok) is None:
        return None
    subject, passive, _ = subject_of(tok)
    if subject is None or passive:
        return []
    members = {subject.i} | {c.i for c in list_items(subject)}
    # "Thai and Cambodian troops fired on one another": the modifiers coordinated on one noun are the parties
    members |= {a.i for c in subject.children if c.dep_ in ("amod", "nmod", "compound") and c.conjuncts
                for a in (c, *c.conjuncts)}
    parties = [r for r in roles if r.slot.index >= 0 and r.slot.head in members]
    return parties if len(parties) >= 2 else []


# how an act hangs below the verb of a relative clause: "a gang that was engaged [in stealing cars]",
# "the men who planned [to attack the embassy]"
BELOW_CLAUSE = frozenset({"xcomp", "pcomp", "prep"})
RELATIVES = frozenset({"that", "which", "who", "whom"})


def relative_doer(view: SentenceView, i: int, roles: Sequence[Role], sources: Sequence[Role]) -> list[Role] | None:
    """The sources of an act told inside a relative clause, below its verb: "police caught a gang that was
    engaged in stealing cars" (the gang steals, not the police who caught it). The doer is the noun the clause
    describes, or someone inside the clause; a source outside it is dropped (``None``: the act is in no such
    clause, the sources stand)."""
    tok, clause = view.sdoc[i], None
    for _ in range(4):
        if tok.dep_ not in BELOW_CLAUSE or tok.head is tok:
            break
        tok = tok.head
        if tok.dep_ == "relcl":
            clause = tok
            break
    if clause is None or not any(c.lower_ in RELATIVES and c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return None
    inside = {t.i for t in clause.subtree}
    noun = clause.head
    family = {t.i for t in (noun, *noun.conjuncts)}
    kept = [r for r in sources if r.slot.head in inside or r.slot.head in family]
    return kept or [r for r in roles if r.slot.head in family]


# what an attack is made with, never who makes it: "killed by a landmine", "a rocket hit the school"
ARMS = frozenset({"ied", "vbied", "mine", "landmine", "bomb", "rocket", "mortar", "missile", "shell", "grenade",
                  "explosive", "explosives", "device", "bullet", "drone", "projectile", "munition", "booby-trap"})


def weapon_cause(view: SentenceView, i: int, attack_nouns: frozenset[str]) -> str | None:
    """The weapon or attack an outcome was dealt by when it names no one: "killed by an improvised explosive
    device", "died in a roadside bomb attack", "landmines have killed hundreds". Someone laid the mine: the
    attack has an unnamed author."""
    tok = view.sdoc[i]
    nouns = [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in AUTHOR_PREPS
             for g in c.children if g.dep_ == "pobj"]
    nouns += [c for c in tok.children if c.dep_ == "nsubj"]  # "landmines have killed hundreds", "shells hit"
    for noun in nouns:
        word = noun.lemma_.lower()
        if word in ARMS or word in attack_nouns or noun.lower_ in attack_nouns:
            return noun.text
    return None


# where forces are sent: "deployed to Poland", "sent into Syria", "moved toward the border with Azerbaijan"
DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards", "near", "along", "onto"})
CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "parataxis"})


def destination(view: SentenceView, i: int, places: Sequence[Any], home: set[str | None]) -> tuple[str, str] | None:
    """The country forces are sent to when the network names no target: a place in the phrase a preposition of
    the deployment opens ("troops will be deployed to Poland", "sent to the border with Azerbaijan", "the Mexico
    border"), not the source's own country (a state moving troops inside its borders has no target).
    Returns (country, the place's words)."""
    tok = view.sdoc[i]
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in DESTINATION_PREPS:
            continue
        stack, tokens = [c for c in prep.children if c.dep_ == "pobj"], []
        while stack:
            cur = stack.pop()
            tokens.append(cur)
            stack.extend(c for c in cur.children if c.dep_ not in CLAUSE_DEPS)
        offsets = sorted(view.base + t.idx for t in tokens)
        for place in places:
            if place.country not in home and any(place.start <= o < place.end for o in offsets):
                return place.country, place.text
    return None


AID_PREPS = frozenset({"to", "for", "in", "into"})
HELPING = frozenset({"help", "aid", "assist", "support", "feed", "relieve", "rebuild", "reconstruct", "fight", "combat",
                     "address", "meet", "ease", "alleviate", "ameliorate", "tackle", "treat", "shelter", "house"})


def beneficiaries(view: SentenceView, i: int, places: Sequence[Any], home: set[str | None]) -> list[tuple[str, str]]:
    """Where aid goes when the network names no recipient: the countries of the places named in the phrases the aid
    word opens ("assistance to populations affected by the cyclone in Mozambique and Zimbabwe", "aid for Yemen"),
    its object ("distributed supplies to people in Yemen") or its purpose clause ("to help people in Ethiopia"),
    not the giver's own country (a state's help at home has no foreign recipient). Returns (country, the place's
    words), each country once, in the order the text names them."""
    tok = view.sdoc[i]
    carrier = tok.head if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" else None  # "announced aid"
    purposes = [c for h in (tok, carrier) if h is not None for c in h.children
                if c.dep_ in ("xcomp", "advcl") and (c.lemma_.lower() in HELPING or any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    heads = [tok, *purposes]
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "dobj"]
    tokens = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in AID_PREPS:
                continue
            stack = [c for c in prep.children if c.dep_ == "pobj"]
            while stack:
                cur = stack.pop()
                tokens.append(cur)
                # "people affected by the cyclone in Mozambique": a participle's phrase still names the people's place
                stack.extend(c for c in cur.children if c.dep_ not in CLAUSE_DEPS or c.dep_ == "acl")
    offsets = sorted(view.base + t.idx for t in tokens)
    found: list[tuple[str, str]] = []
    for place in sorted(places, key=lambda p: p.start):
        if place.country not in home and place.country not in {c for c, _ in found} and any(
                place.start <= o < place.end for o in offsets):
            found.append((place.country, place.text))
    return found


__all__ = ["ARMS", "beneficiaries", "armed_by", "attack_author", "between_parties", "measure_sides", "noun_target", "passive_sides",
           "coded_in_phrase", "controller", "destination", "DESTINATION_PREPS", "each_other", "told_to", "one_actor", "relative_doer", "weapon_cause"]
