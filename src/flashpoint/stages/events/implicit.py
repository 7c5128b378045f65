"""Participants a clause leaves implicit, and how events embed in one another.

* :func:`place_target`: the country of a place where the event lands stands in for a missing target;
* :func:`held_target`: people a state frees whom the text gives no country are of that state, or of the
  country where it happens;
* :func:`inquiry_target`: a state's inquiry into what no actor names (a death, a shooting, "the case") is
  into its own country, or the country where it happens;
* :func:`appeal_target`: a state's call for, urging of or demand for what names no actor ("called for calm",
  "urged an end to the violence in Hong Kong") asks it of the country where what is asked happens, else
  of its own;
* :func:`borrow_target`: a threat takes the target of the event it threatens, a coordinated verb of
  the same type the target named in the first conjunct;
* :func:`embedded_in`: an event told as the content of a threat or request (hypothetical);
* :func:`supportive`: forces sent to help the target (aid, not mobilisation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...ontology import lookup
from ...records import ActorRef, Place
from ..actors.knowledge import load_knowledge
from .lexicon import Entry
from .syntax import ACCIDENTS, BORDER_WORDS, NOTHING, Actor, Found, children, detached, noun_base, object_of, preps

if TYPE_CHECKING:
    from .rules import Candidate

Token = Any
VERB_VIA = ("against", "on", "upon", "at", "toward", "towards", "into", "with", "to", "over")
NOUN_VIA = ("against", "on", "upon", "with", "to", "toward", "towards", "over", "of", "between", "into", "by")
# Material conflict (15-20) and visits: a place named in the object is the target's country.
PLACE_OBJECT_ROOTS = frozenset({"15", "17", "18", "19", "20"})
EMBEDDING = frozenset({"THREATEN", "REQUEST"})


def place_target(
    tok: Token, anchor: Token, entry: Entry, base: int, places: tuple[Place, ...], source: Found, nominal: bool
) -> Found:
    """The country of a place where the event lands: in the object ("a consulate in Kapan", "captured the
    town of Minova") for material conflict and entries marked ``target=place``, or in a phrase the entry's
    prepositions introduce ("attack on a building in Mykolaiv", "support for Manila", "drills around Taiwan")."""
    record = lookup(entry.cameo or "")
    phrases: list[Token] = []
    if entry.target_rule == "place" or (record is not None and record.code[:2] in PLACE_OBJECT_ROOTS):
        obj = object_of(tok) if not nominal else None
        if obj is not None:
            phrases.append(obj)
    order = tuple(entry.via) + tuple(v for v in (NOUN_VIA if nominal else VERB_VIA) if v not in entry.via)
    order = tuple(v for v in order if v in entry.via or v not in ("by", "with", "of", "between"))
    if record is not None and record.code[:2] in PLACE_OBJECT_ROOTS:
        order += ("around", "near", "in", "across", "inside")
    holders = [tok, noun_base(tok)] if nominal else [tok]
    if anchor is not tok:
        holders.append(anchor)
    for holder in dict.fromkeys(holders):
        phrases.extend(preps(holder, order))
    # a rebel group's attack on a place in its own country is still an event (domestic conflict)
    sources = {a.country for a in source.actors if a.ref.sector not in ("REB", "INS")}
    for phrase in phrases:
        tokens = phrase_tokens(phrase)
        for place in places:
            words = [t for t in tokens if place.start <= base + t.idx < place.end]
            # "Western partners": an adjective that happens to be a toponym is no place
            if not words or all(t.pos_ == "ADJ" or t.dep_ == "amod" for t in words):
                continue
            if any(_across_border(t, object_of(tok) if not nominal else None) for t in words):
                continue  # "attacked a camp near the border with Burkina Faso": the camp is on this side
            if place.country and place.country not in sources:
                ref = ActorRef(country=place.country, name=place.name, text=place.text, start=place.start,
                               end=place.end)
                return Found((Actor(-1, place.country, ref, False),), f"country of the place '{place.text}'", False)
    return NOTHING


def _across_border(tok: Token, obj: Token | None) -> bool:
    """A place named as the other side of a border that locates the verb's object: "attacked a camp near the
    border with Burkina Faso" (the camp is on this side of it), the border phrase in or right after the object
    (where the parser may hang it on the verb). A border phrase elsewhere is left to the lexicon."""
    while tok.dep_ in ("compound", "amod", "nmod", "conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if obj is None or tok.dep_ != "pobj" or tok.head.lower_ != "with" or tok.head.head.lower_ not in BORDER_WORDS:
        return False
    border = tok.head.head
    prep = border.head if border.dep_ == "pobj" else border
    return prep.head.i == obj.i or prep.i == obj.right_edge.i + 1


# People a state holds at home: freed with no country of their own, they are its people (not hostages or captives,
# whom kidnappers hold; not soldiers, crews or nationals, often another state's)
HELD_PEOPLE = frozenset({"prisoner", "detainee", "inmate", "convict", "activist", "journalist", "reporter", "dissident",
                         "blogger", "protester", "protestor", "demonstrator", "opponent", "critic", "lawyer", "civilian"})
# words of a kidnapping, a hostage-taking or a rescue: the people freed were not the state's prisoners
KIDNAPPING = frozenset({"kidnap", "kidnapper", "kidnapping", "abduct", "abductor", "abduction", "hostage", "captive",
                        "captivity", "ransom", "hijack", "hijacker", "rescue"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})  # who holds and frees prisoners
WHERE_PREPS = ("in", "at", "near", "inside", "outside", "across", "throughout")


def held_target(tok: Token, people: Token | None, base: int, places: tuple[Place, ...], source: Found) -> Found:
    """``target=held``: people a state frees whom the text gives no country ("Turkish police released three
    journalists", "two activists were freed by Egyptian authorities") are of the country where it happens when
    the sentence places it ("in Kherson"), else of the state that frees them (not for armed forces, who hold
    people abroad as often as at home). Only people a state holds (:data:`HELD_PEOPLE`), only a state's body as
    the source, and never beside a kidnapping, a hostage or a rescue."""
    countries = {a.country for a in source.actors}
    if people is None or people.lemma_.lower() not in HELD_PEOPLE or len(countries) != 1:
        return NOTHING
    if not all(a.ref.sector in STATE_SECTORS for a in source.actors):
        return NOTHING  # "gunmen freed two civilians": no state's prisoners
    if any(t.lemma_.lower() in KIDNAPPING or t.lower_ in KIDNAPPING for t in tok.doc):
        return NOTHING
    knowledge = load_knowledge()
    if any(t.lower_ == "foreign" or t.text[:1].isupper() and knowledge.state_adjective(t.text.lower())
           for t in people.subtree):
        return NOTHING  # "released two Iranian bloggers": their country is named (an actor, read the usual way)
    phrase = tok.doc[people.left_edge.i:people.i + 1]
    country, how = next(iter(countries)), f"of the state that frees them ('{source.actors[0].ref.text}')"
    for pobj in [*preps(tok, WHERE_PREPS), *(t for t in people.subtree if t.dep_ == "pobj" and t.head.lower_ in WHERE_PREPS)]:
        tokens = phrase_tokens(pobj)
        place = next((p for p in places if p.country and any(p.start <= base + t.idx < p.end for t in tokens)), None)
        if place is not None:
            country, how = place.country, f"of the country where it happens ('{place.text}')"
            break
    else:
        if any(a.ref.sector == "MIL" for a in source.actors):
            return NOTHING  # "Russian forces freed 20 civilians": a force holds people abroad as often as at home
    ref = ActorRef(country=country, text=phrase.text, start=base + phrase.start_char, end=base + phrase.end_char)
    return Found((Actor(-1, country, ref, False),), f"people held with no country of their own ('{phrase.text}'), {how}",
                 False)


# Who investigates for a state: police, prosecutors, courts, ministries, parliaments, intelligence (not armies)
INQUIRY_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "SPY"})
INQUIRY_VIA = ("into", "of")


def inquiry_target(tok: Token, base: int, places: tuple[Place, ...], source: Found, nominal: bool) -> Found:
    """``target=inquiry``: a state's body investigating what names no actor ("police are investigating the death
    of a man", "prosecutors opened an investigation into the killing", "police are investigating") investigates
    in its own country: the country where the sentence places it ("in Nairobi"), else the body's own. Only one
    state's police, prosecutors, courts, ministries, legislature or intelligence as the source (not an army, a
    company or a newspaper; not a country or a capital named as a whole, which investigates abroad as well), only an inquiry carried by its own verb (a noun by a light verb: "launched an
    investigation"), and not into an accident (:data:`.syntax.ACCIDENTS`: a crash, a fire). An actor named in the object is the target
    the usual way; a state adjective there ("the Russian hacking") leaves it to the engines."""
    countries = {a.country for a in source.actors}
    if len(countries) != 1 or not all(a.ref.sector in INQUIRY_SECTORS for a in source.actors):
        return NOTHING
    if any(p.start <= a.ref.start < a.ref.end <= p.end for a in source.actors for p in places
           if a.ref.start is not None and a.ref.end is not None):
        return NOTHING  # "the US is investigating allegations ...": a country named as a whole looks abroad as well
    if nominal and noun_base(tok).dep_ not in ("dobj", "obj"):
        return NOTHING  # "the investigation remains active", "during an investigation": no one said to open it
    holder = noun_base(tok).head if nominal else tok
    if nominal:  # "opened an investigation into the killing": the parser may hang "into" on the verb
        matter = [*preps(tok, INQUIRY_VIA), *preps(holder, ("into",))]
    else:
        matter = [m for m in (object_of(tok),) if m is not None]
    knowledge = load_knowledge()
    for phrase in matter:
        for t in phrase.subtree:
            if t.lemma_.lower() in ACCIDENTS or t.lower_ in ACCIDENTS:
                return NOTHING
            if t.lower_ == "foreign" or t.text[:1].isupper() and knowledge.state_adjective(t.text.lower()):
                return NOTHING  # "investigating the Russian hacking": another country's act, read the usual way
    country, how = next(iter(countries)), f"the state's own ('{source.actors[0].ref.text}')"
    wheres = [*preps(holder, WHERE_PREPS), *preps(tok, WHERE_PREPS)]
    wheres += [t for phrase in matter for t in phrase.subtree if t.dep_ == "pobj" and t.head.lower_ in WHERE_PREPS]
    for pobj in wheres:
        tokens = phrase_tokens(pobj)
        place = next((p for p in places if p.country and any(p.start <= base + t.idx < p.end for t in tokens)), None)
        if place is not None:
            country, how = place.country, f"the country where it happens ('{place.text}')"
            break
    words = " ".join(t.text for t in matter[0].subtree)[:60] if matter else "no object"
    ref = ActorRef(country=country)
    return Found((Actor(-1, country, ref, False),), f"a state's inquiry into what names no actor ({words}): {how}",
                 False)


# Who asks for a state at home: its government and legislature (not courts calling for records, not police
# appealing to the public)
APPEAL_SECTORS = frozenset({"GOV", "LEG"})
POPULACE = frozenset({"people", "public", "citizen", "resident", "voter", "population"})  # no government asks
# what is asked abroad, or of other states named by no country ("urged Western allies to deliver ...")
ABROAD = frozenset({"foreign", "international", "global", "world", "western", "ally", "allies", "partner", "donor",
                    "country", "nation", "community", "neighbour", "neighbor"})


def appeal_target(tok: Token, base: int, places: tuple[Place, ...], source: Found) -> Found:
    """``target=appeal``: a call, urging or demand for what names no actor ("Ruto called for calm", "the WHO
    called for renewed efforts against the disease in Angola", "the UK urged an end to the violence in Hong Kong",
    "the minister demanded an explanation", "the minister urged residents to stay indoors") asks it of the
    country where the sentence places what is asked (a place in the object, the "for" phrase or the "to" clause),
    else of the source's own country, unless the verb itself happens in another country.

    Only one country as the source, the verb's own subject, no pronoun and no people ("we call for calm", "she
    called for help", "the American people demand ..."), never police asking the public for help; the fallback to
    its own only for a state's government or legislature (not a court calling for records, not a country or a
    capital named as a whole, which asks abroad as well, nor an international body). A state adjective, or words
    of other states or abroad in what is asked ("an end to Israeli settlements", "urged Western allies to ...",
    "appealed for international help") leave it to the engines."""
    countries = {a.country for a in source.actors}
    if len(countries) != 1 or source.how != "subject" or any(
            c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ == "PRON" or c.lemma_.lower() in POPULACE)
            for c in tok.children):
        return NOTHING  # "we call for an end to ...", "is right to ask for", "the American people demand ..."
    if not all(a.ref.sector in APPEAL_SECTORS or a.country == "IGO" or a.ref.sector is None for a in source.actors):
        return NOTHING  # police asking the public for help, a party, a company, a group of protesters
    matter = [m for m in (object_of(tok),) if m is not None]
    matter += [*preps(tok, ("for",)), *children(tok, "xcomp", "ccomp")]
    if not matter:
        return NOTHING  # "he called for": nothing asked
    knowledge = load_knowledge()
    for phrase in matter:
        for t in phrase.subtree:
            if (t.lemma_.lower() in ABROAD or t.lower_ in ABROAD
                    or t.text[:1].isupper() and knowledge.state_adjective(t.text.lower())):
                return NOTHING  # "appealed for international help", "an end to Israeli settlements"
    wheres = [t for phrase in matter for t in phrase.subtree if t.dep_ == "pobj" and t.head.lower_ in WHERE_PREPS]
    for pobj in wheres:
        tokens = phrase_tokens(pobj)
        place = next((p for p in places if p.country and any(p.start <= base + t.idx < p.end for t in tokens)), None)
        if place is not None:
            ref = ActorRef(country=place.country)
            return Found((Actor(-1, place.country, ref, False),),
                         f"an appeal for what names no actor: the country where it happens ('{place.text}')", False)
    for pobj in preps(tok, WHERE_PREPS):
        tokens = phrase_tokens(pobj)
        if any(p.country and p.country not in countries and any(p.start <= base + t.idx < p.end for t in tokens)
               for p in places):
            return NOTHING  # "in France, the government has asked ...", "at a meeting in Geneva, the WHO called ...":
            # asked abroad of no one named, or a government the actors stage may have misread
    if not all(a.ref.sector in APPEAL_SECTORS for a in source.actors):
        return NOTHING  # an international body, a country named as a whole: only where the sentence places it
    if any(p.start <= a.ref.start < a.ref.end <= p.end for a in source.actors for p in places
           if a.ref.start is not None and a.ref.end is not None):
        return NOTHING  # "China called for restraint": a country named as a whole asks abroad as well
    country = next(iter(countries))
    words = " ".join(t.text for t in matter[0].subtree)[:60]
    return Found((Actor(-1, country, ActorRef(country=country), False),),
                 f"an appeal for what names no actor ({words}): the state's own ('{source.actors[0].ref.text}')", False)


CLAUSES = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "parataxis"})


def phrase_tokens(phrase: Token) -> list[Token]:
    """The tokens of a phrase without the clauses hanging on it ("a tanker suspected of damaging a cable
    linking Finland and Estonia": the tanker, not Estonia)."""
    out = []
    stack = [phrase]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(c for c in cur.children if c.dep_ not in CLAUSES)
    return out


def embedded_in(cand: Candidate, others: list[Candidate]) -> bool:
    """Is the event the content of a threat or request ("vowed to retaliate", "urged X to withdraw")?"""
    for other in others:
        if other is cand:
            continue
        record = lookup(other.cameo)
        if record is None or record.plover not in EMBEDDING:
            continue
        cur = cand.anchor
        for _ in range(4):
            if cur.head is cur or cur.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or detached(cur):
                break
            cur = cur.head
            if cur.i == other.trigger.i:
                return True
    return False


def borrow_target(cand: Candidate, others: list[Candidate]) -> None:
    """Targets a clause leaves implicit.

    * a threat without an addressee takes the target of the event it threatens ("warned that they
      would restore sanctions on Iran" -> Iran); a request without a resolved addressee does not ("called
      on them to allow strikes inside Russia": not Russia);
    * a coordinated verb of the same type shares the target named in the first conjunct ("Kenya has
      deployed officers to Haiti, and Jamaica has sent a contingent" -> Haiti).
    """
    plover = plover_of(cand.cameo)
    own = {a.country for a in cand.source.actors}
    for other in others:
        if other is cand or not other.target.actors or not cand.source.actors:
            continue
        if (plover == "THREATEN" and object_of(cand.trigger) is None and not preps(cand.trigger, cand.entry.via)
                and in_complement(other, cand)):
            targets = tuple(a for a in other.target.actors if a.country not in own)
            if targets:
                cand.target = Found(targets, "target of the threatened or requested event", False)
                cand.wants = None
                return
        if (cand.trigger.dep_ == "conj" and cand.trigger.head.i == other.trigger.i
                and plover_of(other.cameo) == plover and other.target.how.startswith("object of '")):
            targets = tuple(a for a in other.target.actors if a.country not in own)
            if targets:
                cand.target = Found(targets, f"shared with the coordinated '{other.trigger.text}'", False)
                cand.wants = None
                return


def in_complement(inner: Candidate, outer: Candidate) -> bool:
    """Is ``inner`` told inside the "that"/"to" clause of ``outer`` ("warned that ... sanctions on Iran")?"""
    for comp in children(outer.trigger, "ccomp", "xcomp"):
        if detached(comp):
            continue  # "Israel strikes ...; Iran warns of response": two statements
        if inner.trigger.i == comp.i or comp.is_ancestor(inner.trigger):
            return True
    return False


def plover_of(cameo: str) -> str | None:
    record = lookup(cameo)
    return record.plover if record else None


SUPPORTIVE_GOVERNORS = frozenset({"pledge", "promise", "offer", "agree", "decide"})
SUPPORTIVE_PURPOSES = frozenset({"support", "help", "assist", "protect", "bolster", "reinforce", "defend", "train",
                                 "back", "aid", "secure", "strengthen"})


def supportive(tok: Token) -> bool:
    """Troops sent as help: "pledged to send jets to Poland", "deployed troops to support the Congolese army"."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in SUPPORTIVE_GOVERNORS:
        return True
    return any(c.lemma_.lower() in SUPPORTIVE_PURPOSES for c in children(tok, "xcomp", "advcl"))
