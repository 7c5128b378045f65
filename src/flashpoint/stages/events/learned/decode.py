"""From the model's triggers to :class:`~flashpoint.records.Event` records.

For each trigger the roles network scores every actor mention of the sentence as source and as
target. The best source and the best target above :data:`ROLE_THRESHOLD` take part, with the
actors coordinated with them ("Iran and Iraq"). Their countries come from the actors stage
(through ``Mention.ref`` for pronouns and short names). Then, each with its reason:

* an actor named without a country ("gunmen", "police", "the court") takes the country where the
  sentence happens: a place named in it, else in the last few sentences, else the article's main
  country;
* an event with no target, of a type that needs none to be meaningful (a protest, a deployment, an
  arrest), is coded against the country where it happens: the domestic reading of the gold rules;
* an attack with no named attacker ("were killed in a bombing") is coded to the country where it
  happens, as the gold rules code unidentified attackers;
* "X and Y agreed/met/talked" with no other party: one event each way between the co-subjects;
* in a text that names no country at all (a short snippet), the event is kept with the sides the
  text gives, their country unknown; otherwise an event without a source or a target country is
  not emitted.

CAMEO code: the root the model prefers among the roots of its type, refined to a full code by the
Phoenix verb dictionary or the hand lexicon where they know the verb with that root. Goldstein
and QuadClass follow from the code (:mod:`flashpoint.ontology`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ....ontology import lookup
from ....records import ActorRef, Doc, Event, Mention, Span
from ...actors.knowledge import load_knowledge
from ..lexicon import Lexicon
from ..misreads import misread
from ..modality import Modality, is_negated, modality_of
from ..syntax import (
    ACCIDENTS,
    HAPPENINGS,
    INQUIRIES,
    INQUIRING,
    NATURAL_CAUSES,
    collective_subject,
    list_items,
    speaker_owning,
    subject_of,
)
from .features import SentenceView, object_of
from .guards import (
    ARMS,
    armed_by,
    attack_author,
    beneficiaries,
    between_parties,
    coded_in_phrase,
    controller,
    destination,
    each_other,
    measure_sides,
    noun_target,
    one_actor,
    parallel_subjects,
    passive_sides,
    relative_doer,
    told_to,
    weapon_cause,
)
from .model import EventModel, Role, Trigger

ROLE_THRESHOLD = 0.4
SELF_TYPES = frozenset({"PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "RETREAT", "CONCEDE"})
JOINT_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "REJECT"})
UNNAMED_SOURCE_TYPES = frozenset({"ASSAULT"})
TOGETHER_TYPES = frozenset({"AGREE"})  # what co-subjects can only do with each other
# what a plain noun with no political or armed kind ("a gang", "the group") does alone is a crime, not an event
CRIME_TYPES = frozenset({"COERCE", "ASSAULT"})
MEASURE_TYPES = frozenset({"CONCEDE", "RETREAT", "SANCTION", "COERCE"})  # a measure lifted, eased, extended
# Words that tell what happened to people or things, not that someone attacked: with no attacker named,
# they make an attack only beside a word for the attack itself ("killed in a bombing", not "killed in a flood").
OUTCOMES = frozenset({"kill", "die", "dead", "death", "injure", "wound", "hurt", "casualty", "hit", "explode",
                      "explosion", "blast", "destroy", "damage", "collapse", "burn", "fire", "leave", "claim", "strike"})
PLACE_WINDOW = 3  # sentences back a place still says where things happen
LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|across|throughout|around|on)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
ORIGIN = re.compile(r"\b(?:from|to|with|for|of)\s+(?:the\s+)?$", re.I)
# where a body sits, not where its sentence happens: "a UK-based monitor", "the London-headquartered group"
SEAT = re.compile(r"^\s?-?\s?(?:based|headquartered)\b", re.I)
# who stands behind an actor, not a side of what the actor does: "the Russian-backed offensive",
# "Iran-allied militias", "US-trained forces" (a "-led" coalition acts for its leader: actors stage)
BACKER = re.compile(r"^\s?-\s?(?:backed|sponsored|supported|funded|armed|trained|allied|aligned)\b", re.I)
# who made a thing, not a side of what is done with it: "seized Chinese-made rifles", "Russian-built jets"
MAKER = re.compile(r"^\s?-\s?(?:made|built|manufactured|designed|produced|supplied)\b", re.I)
# Types an actor's country may be guessed for from where the sentence happens: things done at home
# (meetings too: "the army chief met elders in Waziristan"; a third of the gold's meetings are domestic).
# A sanction, an agreement or aid between two sides of one guessed country is a misreading.
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "RETREAT", "CONCEDE", "ACCUSE", "REQUEST", "REJECT",
                            "CONSULT", "SUPPORT", "THREATEN", "MOBILIZE"})


@dataclass(frozen=True, slots=True)
class Side:
    ref: ActorRef
    country: str | None
    how: str
    mention: int | None  # index in doc.mentions, None for a side inferred from context
    kind: str = ""  # the mention's kind (country, person, org, noun, ...)
    guessed: bool = False  # the country comes from where the sentence happens, not from the actor


class ArticleContext:
    """Where the article's sentences happen: places per sentence and the article's main country."""

    def __init__(self, doc: Doc, headline: bool = False, head: Doc | None = None) -> None:
        self.doc = doc
        self.headline = headline  # the sentences read are the headline's, not the article's
        self.head = head  # the headline read as a document of its own (its countries, no places stage)
        counts: Counter[str] = Counter()
        for m in doc.mentions:
            if m.country and m.country != "IGO":
                counts[m.country] += 1
        for p in doc.places:
            if p.country and p.kind != "unresolved":
                counts[p.country] += 2 if p.kind in ("city", "admin1") else 1
        self.main = counts.most_common(1)[0][0] if counts else None
        self.places = sorted((p for p in doc.places if p.country and p.kind not in ("unresolved", "water")),
                             key=lambda p: p.start)

    def pair_before(self, sentence: Span, number: int, upto: int) -> list[tuple[int, Mention]]:
        """The two states a collective subject ("each country", "both sides") stands for: the only two countries
        the states named in the sentence before and in this one up to the act belong to, the last mention of
        each. Empty when they name one state or more than two."""
        if self.headline:
            return []
        sents = self.doc.sentences
        lo = sents[number - 1].start if 0 < number <= len(sents) else sentence.start
        last: dict[str, tuple[int, Mention]] = {}
        for index, m in enumerate(self.doc.mentions):
            if lo <= m.start < upto and m.kind in STATE_KINDS and m.country and m.country != "IGO":
                last[m.country] = (index, m)
        return sorted(last.values(), key=lambda p: p[1].start) if len(last) == 2 else []

    def where(self, sentence: Span, number: int) -> tuple[str | None, str]:
        if self.headline:
            # "SAS hero killed by ISIS bomb in Syria": where the headline puts what it tells
            text = self.head.article.text if self.head is not None else ""
            for p in self.head.places if self.head is not None else ():
                if (p.country and p.kind not in ("unresolved", "water")
                        and LOCATIVE.search(text[max(0, p.start - 16):p.start])):
                    return p.country, f"place in the headline '{p.text}'"
            return (self.main, "the article's main country") if self.main else (None, "")
        text = self.doc.article.text
        inside = [p for p in self.places if sentence.start <= p.start < sentence.end
                  and not ORIGIN.search(text[max(sentence.start, p.start - 12):p.start])  # "a tourist from Canada"
                  and not SEAT.search(text[p.end:p.end + 16])]  # "a UK-based group"
        located = [p for p in inside if LOCATIVE.search(text[max(sentence.start, p.start - 16):p.start])]
        ranked = located or [p for p in inside if p.kind != "country"] or inside
        if ranked:
            return ranked[0].country, f"place in the sentence '{ranked[0].text}'"
        sents = self.doc.sentences
        lo = sents[max(0, number - PLACE_WINDOW)].start if sents else 0
        before = [p for p in self.places if lo <= p.start < sentence.start and p.kind != "country"]
        if before:
            return before[-1].country, f"place of a recent sentence '{before[-1].text}'"
        if self.main:
            return self.main, "the article's main country"
        return None, ""


def _resolved(mentions: Sequence[Mention], index: int) -> Mention:
    m, seen = mentions[index], {index}
    while m.ref is not None and 0 <= m.ref < len(mentions) and m.ref not in seen:
        seen.add(m.ref)
        m = mentions[m.ref]
    return m


# Nouns that name other countries by their meaning ("called on Western partners", "its allies"): never
# given the country where the sentence happens.
ABROAD = frozenset({"partner", "ally", "counterpart", "donor", "neighbour", "neighbor", "foreigner", "westerner"})


def _plain(side: Side, view: SentenceView) -> bool:
    """A side that is a plain noun with no kind of actor ("teenagers", "an elderly man") and only the country of
    where it happens. A word of the sector tables, even one that needs a country to make an actor of it
    ("officers"), is a kind of actor, and so is a noun an actor owns or names ("Al Qaeda's North Africa branch")."""
    if not (side.guessed and side.kind == "noun" and not side.ref.sector and _sector_word(side) is None):
        return False
    head = view.sdoc[-1 - side.mention] if side.mention is not None and side.mention < 0 else None
    if head is None:
        return True
    before = [t for left in head.lefts for t in left.subtree]  # "Al Qaeda's North Africa branch"
    return not any(t.i in view.actor_of_token and view.actors[view.actor_of_token[t.i]].index >= 0 for t in before)


def _criminal(side: Side) -> bool:
    """A plain noun the sector tables call criminal ("a gang", "robbers", from the Phoenix agents)."""
    word = _sector_word(side) if side.guessed and side.kind == "noun" and not side.ref.sector else None
    return word is not None and word.sector == "CRM"


def _sector_word(side: Side) -> Any:
    words = (side.ref.text or "").lower().split()
    return load_knowledge().sectors.get(words[-1]) if words else None


def _crime(src: Side, tgt: Side, plover: str, view: SentenceView) -> bool:
    """An act with no political actor on either side: plain nouns on both ("teenagers beat an elderly man"), or a
    criminal "seizing" what is no actor ("a gang stealing cars": COERCE is what authority does; a bandits' raid
    on a village stays an attack)."""
    if plover not in CRIME_TYPES:
        # words between private people of no country of their own: "customers in Chicago accused the stockbroker",
        # "his sister put up posters around Leeds asking for help" (a protest stays: people protest at home)
        return plover != "PROTEST" and tgt.mention is not None and _private(src) and _private(tgt)
    if _plain(src, view) and tgt.mention is not None and _plain(tgt, view):
        return True
    return plover == "COERCE" and _criminal(src) and (tgt.mention is None or _plain(tgt, view))


# sectors of private life: two sides of these, with only the country of where they are, make no political event
PRIVATE = frozenset({"CVL", "BUS", "HLH", "EDU", "CRM"})
# people in their private roles, whom the sector tables do not know: customers, tenants, a family
PRIVATE_PEOPLE = frozenset({
    "customer", "shopper", "consumer", "buyer", "client", "tenant", "landlord", "homeowner", "owner", "patient",
    "passenger", "motorist", "fan", "supporter", "spectator", "investor", "shareholder", "jeweller", "jeweler",
    "broker", "stockbroker", "shopkeeper", "merchant", "dealer", "vendor", "retailer", "wife", "husband",
    "family", "relative", "neighbour", "neighbor", "parent", "flyer", "leaflet"})
# bodies of government the sector tables may call civilians or leave without a sector ("the city of Monroe")
PUBLIC_BODIES = frozenset({"city", "town", "council", "board", "agency", "commission", "committee", "municipality",
                           "county", "district", "department", "ministry", "office", "authority", "administration",
                           "court", "parliament", "assembly", "senate", "congress", "legislature", "police"})


# people in private life: violence among them, with no word of war or terror around it, is a crime, not a political
# event ("a city man was shot twice in an attempted robbery", "the son fired the gun, wounding his mother")
PRIVATE_PERSONS = frozenset({
    "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "teen", "teens", "teenager", "teenagers", "child",
    "children", "son", "daughter", "mother", "father", "wife", "husband", "girlfriend", "boyfriend", "brother",
    "sister", "neighbor", "neighbour", "resident", "residents", "victim", "victims", "person", "people", "driver",
    "motorist", "customer", "customers", "clerk", "employee", "employees", "gunman", "shooter", "suspect",
    "suspects", "robber", "robbers", "stranger", "couple", "friend", "friends", "roommate", "baby", "infant",
    "student", "students", "owner", "cousin", "uncle", "nephew", "grandmother", "grandfather", "group", "gang", "gangs",
    "thug", "thugs", "youth", "youths", "attacker", "attackers", "assailant", "assailants", "burglar", "intruder"})
# words that put violence in a war, an uprising or terror, whoever the sides are
WAR_WORDS = frozenset({
    "bomb", "bombing", "blast", "explosion", "explosive", "ied", "rocket", "missile", "mortar", "shell", "shelling",
    "airstrike", "strike", "drone", "grenade", "suicide", "militant", "insurgent", "insurgency", "terror",
    "terrorist", "terrorism", "jihadist", "rebel", "clash", "fighting", "war", "offensive", "ambush", "raid", "attack",
    "sectarian", "militia", "protest", "protester", "riot", "landmine", "mine", "mob", "lynch", "lynching",
    "vigilante", "vigilantism", "extremism", "communal", "ethnic", "kidnap", "kidnapping", "abduct",
    "abduction", "hostage", "election", "unrest", "uprising", "crackdown", "coup", "political",
    "gunfire", "massacre", "checkpoint", "convoy", "separatist", "extremist", "occupation", "curfew", "junta"})


# taking people: a kidnapping is political often enough that it is never read as a private crime
ABDUCTING = frozenset({"kidnap", "abduct", "hijack", "abduction", "kidnapping", "hostage", "seize", "capture"})


def war_words(view: SentenceView, i: int) -> bool:
    """Does the sentence, beside the event's own word at ``i``, name a war, an uprising or terror?"""
    return any(t.lemma_.lower() in WAR_WORDS or t.lower_ in WAR_WORDS for t in view.sdoc if t.i != i)


def _private_person(side: Side) -> bool:
    """A private person with no kind of actor: a named person with no office or sector ("Clark"), a plain person
    noun ("a 27-year-old city man", "his mother"), or a side no one names (an unknown attacker, no target)."""
    if side.ref.sector is not None:
        return False
    if side.mention is None:
        return side.guessed
    if side.kind in PEOPLE_KINDS:
        return True
    words = (side.ref.text or "").lower().replace("-", " ").split()
    if side.kind != "noun" or not words:
        return False
    word = _sector_word(side)
    return words[-1] in PRIVATE_PERSONS and (word is None or word.sector == "CVL")


def _private(side: Side) -> bool:
    """A side that is private people or a business with only the country of where it acts: a kind of private
    actor ("customers", "a company"), or a private role the tables do not know ("shoppers", "the landlord")."""
    if not side.guessed or side.kind not in ("noun", "org"):
        return False
    words = (side.ref.text or "").lower().split()
    head = words[-1] if words else ""
    head = head[:-1] if head.endswith("s") and head[:-1] in PRIVATE_PEOPLE | PUBLIC_BODIES else head
    if head in PUBLIC_BODIES:
        return False
    word = _sector_word(side)
    sector = side.ref.sector or (word.sector if word is not None else None)
    return sector in PRIVATE if sector is not None else head in PRIVATE_PEOPLE


def _modifier_country(view: SentenceView, tokens: Sequence[int], head: int) -> tuple[str, str] | None:
    """The country a plain noun's own modifier names: "Georgian wine", "US goods", "a Russian oil refinery" (what
    is banned, seized or struck belongs to that country). A capitalised one-word demonym or country name only."""
    knowledge = load_knowledge()
    inside = set(tokens)
    for i in tokens:
        tok = view.sdoc[i]
        if i == head or tok.dep_ not in ("amod", "compound") or not tok.text[:1].isupper():
            continue
        if any(j in inside and j != head and view.sdoc[j].text[:1].isupper() for j in (i - 1, i + 1)):
            continue  # a word of a longer name: "Papua New Guinea coffee" is not Guinea's
        country = knowledge.state_adjective(tok.text.lower())
        if country is not None:
            return country, tok.text
    return None


def _speakers_own(doc: Doc, view: SentenceView, head: int) -> tuple[str, str] | None:
    """The country of the speaker whose own thing a reported act hits (``syntax.speaker_owning``): "Russia said
    Ukraine attacked its airbase", "Iran said Israel struck their tanker"."""
    subj = speaker_owning(view.sdoc[head])
    at = view.actor_of_token.get(subj.i) if subj is not None else None
    if at is None or view.actors[at].index < 0:
        return None
    owner = _resolved(doc.mentions, view.actors[at].index)
    return (owner.country, owner.text) if owner.country else None


def _side(doc: Doc, role: Role, where: tuple[str | None, str], kind: str, plover: str, view: SentenceView,
          lemma: str = "", home: frozenset[str | None] = frozenset(), custody: bool = False) -> Side | None:
    """The event's side ``kind`` (source or target) for ``role``: its actor and country, or None. ``lemma``: the
    trigger's, for the person held where it happens ("Jolly was arrested on Thursday" in a story set in Indiana;
    ``custody``: a verb of holding that names custody, "Jolly was held on $505 bond");
    ``home``: the countries of the event's named sources, for a person acted on at home."""
    index = role.slot.index
    mention = doc.mentions[index] if index >= 0 else role.slot.mention
    owner = _resolved(doc.mentions, index) if index >= 0 else mention
    score = role.source if kind == "source" else role.target
    country = owner.country
    how = f"{kind}: model p={score:.2f} '{mention.text}'"
    guessed = False
    named = _modifier_country(view, role.slot.tokens, role.slot.head) if country is None and index < 0 else None
    if named is not None:
        country = named[0]
        how += f", the country its modifier names ('{named[1]}')"
    owned = _speakers_own(doc, view, role.slot.head) if country is None and index < 0 and kind == "target" else None
    if owned is not None:
        country = owned[0]
        how += f", the speaker's own ('{owned[1]}' said: 'its')"
    if country is None and owner.sector == "NGO" and owner.kind == "org" and _named_body(owner):
        # Amnesty International, Human Rights Watch, the Red Cross: a body that works across borders has no
        # country where it acts (the country it reports on is the other side's); coded as international (IGO)
        country = "IGO"
        how += ", a transnational NGO, coded as an international body (IGO)"
    if country is None and where[0] is not None and kind == "target" and plover == "COERCE" \
            and (lemma in SEIZURES or custody) and owner.kind in PEOPLE_KINDS:
        # a person no text places who is arrested, charged, jailed or sentenced is held by the state where it happens
        how += f", held where it happens ({where[1]})"
        country, guessed = where[0], True
    if country is None and where[0] is not None and kind == "target" and plover in WORDS_AT_HOME \
            and owner.kind in PEOPLE_KINDS and where[0] in home:
        # "Opposition leader Raila Odinga chastised Matiangi": a person no text places, whom an actor of the
        # country where it happens criticises, presses or praises, is of that country
        how += f", a person acted on at home ({where[1]})"
        country, guessed = where[0], True
    if country is None and where[0] is not None:
        if owner.kind == "person" or not (owner.sector or owner.kind == "noun"):
            return None
        if owner.kind == "noun" and (plover not in DOMESTIC_TYPES or view.sdoc[role.slot.head].lemma_.lower() in ABROAD) and not (
                plover in PEACE_TYPES and owner.sector in ARMED_GROUPS):
            return None
        country, guessed = where[0], True
        how += f", country where they act ({where[1]})"
    elif country is None:
        how += ", no country in the text"
    ref = ActorRef(country=country, sector=owner.sector, name=owner.name, entity=owner.entity, text=mention.text,
                   start=mention.start, end=mention.end)
    return Side(ref, country, how, index if index >= 0 else -1 - role.slot.head, owner.kind, guessed)


def _named_body(m: Mention) -> bool:
    """A body the knowledge base names (an entity of its tables), not a sector word coded as a group."""
    return m.entity is not None and not m.entity.startswith(("fp:actor:", "fp:person:"))


# types a negation already names ("did not accept" read as a rejection): its "not" is the event, not its denial
NEGATIVE_TYPES = frozenset({"REJECT"})
STATE_KINDS = frozenset({"country", "capital", "demonym", "pair"})  # mentions that stand for a state as a whole
PEOPLE_KINDS = frozenset({"person", "alias", "pronoun"})  # mentions of one person
PURE_SPEECH = frozenset({"say", "tell", "add", "state", "note", "report", "write", "quote", "explain", "comment",
                         "announce", "declare", "mention", "reply", "respond"})
HEDGES = frozenset({"if", "unless", "whether", "question", "could", "might", "may", "would", "maybe", "perhaps",
                    "possibly", "possible", "potential"})


def modality(trig: Trigger, rules: Modality) -> tuple[str, str]:
    """The event's modality from the cue words (rules) and the model's modality head, with how.

    A negation or a condition in the text decides; "will" alone reads as an announced plan
    (intended) unless the model hears speculation; otherwise the model's reading of reported,
    claimed, intended, hypothetical or negated stands when the cues say nothing.
    """
    cues = set(rules.cues)
    if rules.value == "negated":
        return "negated", "cue"
    if rules.value == "hypothetical" and cues & HEDGES:
        return "hypothetical", "cue"
    if rules.value == "hypothetical":
        return ("hypothetical" if trig.modality == "hypothetical" else "intended"), "cue 'will' and model"
    if rules.value != "asserted":
        return rules.value, "cue"
    if trig.modality in ("hypothetical", "negated") and trig.modality_score < 0.7:
        return "asserted", "model (not sure)"
    return trig.modality, f"model p={trig.modality_score:.2f}"


# people named by their relation to someone: "opponents of President Assad", "the wife of a jailed lawyer"
RELATED = frozenset({"opponent", "critic", "enemy", "foe", "rival", "wife", "husband", "widow", "son", "daughter",
                     "mother", "father", "brother", "sister", "family", "relative", "associate", "victim", "lawyer",
                     "attorney", "friend", "neighbour", "neighbor"})


def related_to(view: SentenceView) -> set[int]:
    """Actors that only say whom the people acting are related to ("Opponents of President Bashar Assad accused
    the government", "the wife of a jailed Chinese lawyer marched"): the one after "of" is not the one acting."""
    out = set()
    for tok in view.sdoc:
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in RELATED:
            out.add(tok.i)
    return out


STANCES = frozenset({"anti", "pro"})


def stance_named(view: SentenceView) -> set[int]:
    """Countries and groups named only as what someone is for or against ("an anti-Syria journalist was killed",
    "pro-Kremlin media"): neither the doer nor the one done to."""
    sdoc = view.sdoc
    return {t.i for t in sdoc if t.i >= 2 and sdoc[t.i - 1].text == "-" and sdoc[t.i - 2].lower_ in STANCES
            and not sdoc[t.i - 1].whitespace_ and not sdoc[t.i - 2].whitespace_}


def outside_passive_relative(view: SentenceView, i: int) -> set[int]:
    """Everyone outside a passive relative clause with no agent ("Police have identified a woman who was killed
    in a stabbing"): whoever did it is not named, and the main clause's subject is not its doer."""
    tok = view.sdoc[i]
    if tok.dep_ not in ("relcl", "acl") or not any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return set()
    if any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children):
        return set()
    inside = {t.i for t in tok.subtree}
    return {t.i for t in view.sdoc if t.i not in inside}


def _pick(roles: Sequence[Role], kind: str, view: SentenceView, exclude: set[int]) -> list[Role]:
    def score(r: Role) -> float:
        return r.source if kind == "source" else r.target

    ranked = sorted((r for r in roles if r.slot.head not in exclude and score(r) >= ROLE_THRESHOLD
                     and score(r) >= (r.target if kind == "source" else r.source)), key=score, reverse=True)
    if not ranked:
        return []
    best = ranked[0]
    chosen = [best]
    head = view.sdoc[best.slot.head]
    family = {t.i for t in list_items(head)} | {head.i}
    for r in ranked[1:]:
        tok = view.sdoc[r.slot.head]
        if tok.i in family or tok.head.i in family and tok.dep_ == "conj":
            chosen.append(r)
    return chosen


def _cameo(model: EventModel, trigger: Trigger, view: SentenceView, lexicon: Lexicon) -> tuple[str, str]:
    tok = view.sdoc[trigger.index]
    lemma = tok.lemma_.lower()
    obj = object_of(tok)
    deps = [obj.lemma_.lower(), obj.lower_] if obj is not None else []
    deps += [c.lower_ for c in tok.children if c.dep_ == "prt"]
    for code, how in ((model.phoenix.pattern_code(lemma, deps), "Phoenix pattern"),
                      (model.phoenix.default_code(lemma), "Phoenix verb")):
        if code and code[:2] == trigger.root and lookup(code) is not None:
            return code, f"{how} '{lemma}'"
    entries = [e for e in lexicon.entries.get(lemma, ()) if e.cameo and e.cameo[:2] == trigger.root]
    if entries:
        # the entry whose modifier or object the sentence has ("a general strike": 143, not the hunger
        # strike's 142), else one that asks for neither, else the first
        mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}}
        fits = [e for e in entries if (e.mods & mods) or (e.objects & set(deps))]
        plain = [e for e in entries if not e.mods and not e.objects]
        entry = (fits or plain or entries)[0]
        return str(entry.cameo), f"lexicon '{entry.label}'"
    code = trigger.root + "0" if lookup(trigger.root + "0") is not None else trigger.root
    return code, "root default"


# CAMEO codes what is only announced, threatened or refused as the verbal act itself: an announced
# visit is "express intent to meet" (036), a wanted attack "threaten with military force" (138), an
# aid refused "reject material cooperation" (121). PLOVER keeps the type and puts that in the modality;
# the event's CAMEO code follows CAMEO. Intent codes by PLOVER type:
INTENT_CODES = {"AGREE": "030", "CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033",
                "CONCEDE": "035", "RETREAT": "0356"}
# the intent to yield in a given way, by the yielding act's own code: "would allow the return of inspectors" (086)
# is "express intent to allow international involvement" (0355), not the intent to de-escalate (0356)
YIELD_INTENTS = {"081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356"}
# (an announced deployment keeps its 15x code: a show of force is itself the announcement)
THREAT_CODES = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "1312", "REJECT": "130",
                "ACCUSE": "130", "PROTEST": "133"}
REFUSAL_CODES = {"AID": "121", "COOPERATE": "121", "AGREE": "120", "CONSULT": "120", "SUPPORT": "120",
                 "CONCEDE": "120", "RETREAT": "120"}


def attack_code(lexicon: Lexicon, word: str) -> str | None:
    """The lexicon's code for an attack noun ("shelling": 194, "bombing": 195)."""
    return next((e.cameo for e in lexicon.entries.get(word, ()) if e.pos == "N" and e.cameo
                 and e.cameo[:2] in ("18", "19", "20")), None)


def cameo_for_modality(code: str, plover: str, value: str, desire: str | None) -> tuple[str, str | None]:
    """The CAMEO code of an event that is announced, wanted or refused, as CAMEO codes it."""
    if value == "intended" and code[:3] in YIELD_INTENTS:
        return YIELD_INTENTS[code[:3]], "announced: CAMEO codes the intent to yield that way"
    if value == "intended" and plover in INTENT_CODES:
        return INTENT_CODES[plover], "announced: CAMEO codes the intent"
    if (value == "intended" or desire) and plover in THREAT_CODES and plover not in INTENT_CODES and not (
            code.startswith("09")):  # "want to inspect the sites": an investigation sought is no threat
        return THREAT_CODES[plover], "announced or wanted hostile act: CAMEO codes a threat"
    if value == "negated" and plover in REFUSAL_CODES:
        return REFUSAL_CODES[plover], "refused: CAMEO codes a rejection"
    return code, None


def _same_state(a: Side, b: Side) -> bool:
    """Two sides that are the same state: same country, both named as the country itself ("Russia", "Moscow")."""
    return a.country == b.country and a.ref.sector in (None, "GOV") and b.ref.sector in (None, "GOV") and (
        a.kind in STATE_KINDS and b.kind in STATE_KINDS)


def _two_bodies(a: Side, b: Side) -> bool:
    """Two different named bodies ("the Iraqi army and the Peshmerga"), whatever their country and sector."""
    return a.ref.entity is not None and b.ref.entity is not None and a.ref.entity != b.ref.entity


def _misread_domestic(a: Side, b: Side, plover: str, lemma: str = "", measure: str | None = None) -> bool:
    """One country on both sides where one side's country was only guessed from the place: an
    international kind of event, or a state acting on an unnamed thing at home, is a misreading.
    ``measure``: the emergency measure the event imposes or lifts, if any (:func:`home_measure`)."""
    if a.country != b.country or not (a.guessed or b.guessed):
        return False
    if plover in MEASURED_TYPES and b.guessed and measure is not None:
        return False  # "Egypt lifted the state of emergency", "officials imposed a curfew on Basra": made at home
    if plover in HELD_TYPES and b.guessed and _people(b):
        return False  # "the junta released 300 prisoners", "the government jailed activists": done at home
    if plover == "COERCE" and b.guessed and lemma in BANNING:
        return False  # "Kazakhstan bans opposition rally", "Beijing bans online Bible sales": a ban is made at home
    if plover == "PROTEST" and a.guessed and not b.guessed:
        return False  # "hundreds of women marched through the capital": people protest against their state at home
    if plover == "PROTEST" and a.kind == "demonym" and a.ref.sector in (None, "CVL") and (a.ref.text or "").endswith("s"):
        return False  # "thousands of Armenians rallied in Yerevan": a people, not its state, protests at home
    if plover in VOICED_TYPES and a.guessed and not b.guessed and (_people(a) or a.ref.sector in SOCIETY):
        return False  # "residents accused the government of neglect": people speak to their state at home
        # (and so do its newspapers, unions, parties and churches: "the daily appealed to the government")
    if plover in PEACE_TYPES and {a.ref.sector, b.ref.sector} & ARMED_GROUPS and {a.ref.sector, b.ref.sector} & {"GOV", "MIL"}:
        return False  # "the government and the communist rebels agreed to resume talks": a peace process at home
        # (and its words: "the government rejects demands from the rebel group", "the rebels accused the army")
    return plover not in DOMESTIC_TYPES or (_state(a) and b.guessed) or (_state(b) and a.guessed)


# words one actor addresses to a person of its own country: criticism, demands, refusals, praise, warnings
WORDS_AT_HOME = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})
# A state and the armed group it fights at home agree, talk, demand, refuse, blame and warn, as states do abroad
PEACE_TYPES = frozenset({"AGREE", "CONSULT", "REQUEST", "REJECT", "ACCUSE", "THREATEN"})
# what a state imposes on (COERCE) or lifts from (CONCEDE, RETREAT) its own country: emergency measures
MEASURED_TYPES = frozenset({"COERCE", "CONCEDE", "RETREAT"})
MEASURES = frozenset({"curfew", "emergency", "lockdown", "blackout", "shutdown", "restriction", "quarantine"})
VOICED_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT"})  # what people at home say to their state
# sectors of society, not of the state: who voices demands and charges to the state at home
SOCIETY = frozenset({"MED", "CVL", "OPP", "LAB", "EDU", "NGO", "HLH", "REL", "ELI", "PTY", "REF", "AGR", "BUS"})
ARMED_GROUPS = frozenset({"REB", "UAF", "INS", "OPP"})
BANNING = frozenset({"ban", "outlaw", "prohibit", "forbid", "censor", "proscribe"})
# Arrests, sentences and releases of people with no country named are done where the sentence happens
# (PLOVER puts a release of prisoners under RETREAT, our gold under CONCEDE: both)
HELD_TYPES = frozenset({"COERCE", "CONCEDE", "RETREAT"})
PEOPLE = frozenset({"prisoner", "detainee", "activist", "protester", "protestor", "demonstrator", "journalist",
                    "reporter", "dissident", "opponent", "critic", "student", "worker", "lawyer", "politician",
                    "people", "person", "civilian", "inmate", "suspect", "member", "supporter", "leader", "official",
                    "blogger", "priest", "monk", "candidate", "lawmaker", "villager", "farmer", "teacher", "doctor",
                    "nurse", "resident", "citizen", "employee", "trader", "miner", "veteran", "pensioner", "parent"})


def home_measure(view: SentenceView, i: int) -> str | None:
    """The emergency measure a verb imposes, extends or lifts, or the measure noun itself ("imposed a curfew on
    Basra", "lifted the state of emergency", "martial law was extended", "the curfew"), or None."""
    tok = view.sdoc[i]
    heads = [tok] if tok.pos_ == "NOUN" else [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for head in heads:
        words = [head, *(g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)]
        words += [c for c in head.children if c.dep_ in ("compound", "amod")]
        for w in words:
            if w.lemma_.lower() in MEASURES or (w.lemma_.lower() == "law" and any(
                    c.lower_ == "martial" for c in w.children)):
                return w.text
    return None


def _people(side: Side) -> bool:
    """Is the side people ("300 political prisoners", "four journalists"), not things or places?"""
    words = (side.ref.text or "").lower().replace("-", " ").split()
    last = words[-1] if words else ""
    return last in PEOPLE or last.endswith("s") and last[:-1] in PEOPLE or last in {"people", "men", "women"}


def _state(side: Side) -> bool:
    """A side named as the state itself ("Britain", "Moscow"), not one of its bodies ("the army")."""
    return side.kind in STATE_KINDS and side.ref.sector in (None, "GOV")


# of those, the verbs whose "that" clause is a statement, not a wish: "told reporters that", "insisted that"
TELLING = frozenset({"tell", "insist"})
DESIRE = frozenset({"want", "urge", "ask", "demand", "call", "press", "push", "insist", "expect", "hope", "seek",
                    "wish", "encourage", "invite", "request", "appeal", "pressure", "persuade", "tell", "advise"})


def wanted(view: SentenceView, i: int) -> str | None:
    """The desire verb a trigger is the content of: "wants Azerbaijan to abandon", "urged them to release",
    "called for the release of"."""
    head = desire_head(view, i)
    return view.parse.lemma[head] if head is not None and view.parse is not None else None


# the verbs of pressing for what one's own side will do: "Trump pushes for a quick withdrawal" is his plan
OWN_PLANS = frozenset({"push", "seek", "want", "wish"})


def own_plan(view: SentenceView, i: int, sources: Sequence[Role]) -> str | None:
    """The desire verb when the act wanted is its own subject's: "pushes for a quick military withdrawal" (he
    withdraws), "seeks to expand its navy": an announced plan (intended), not a wish for someone else's act."""
    head = desire_head(view, i)
    if head is None or view.sdoc[head].lemma_.lower() not in OWN_PLANS or not sources:
        return None
    subj, passive, _ = subject_of(view.sdoc[head])
    if subj is None or passive:
        return None
    own = {subj.i} | {c.i for c in list_items(subj)}
    # (a pronoun subject stands for whom it resolves to: "Trump ... as he pushes for")
    named = {(m.entity or m.name) for k in own if (a := view.actor_of_token.get(k)) is not None
             for m in (view.actors[a].mention,) if m.entity or m.name}
    return view.sdoc[head].lemma_.lower() if all(
        r.slot.head in own or (r.slot.mention.entity or r.slot.mention.name) in named for r in sources) else None


def desire_head(view: SentenceView, i: int) -> int | None:
    """The token of the desire verb a trigger is the content of (see :func:`wanted`)."""
    parse = view.parse
    if parse is None:
        return None
    cur = i
    for _ in range(3):
        dep, head = parse.dep[cur], parse.head[cur]
        if head == cur or dep not in ("xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "conj"):
            return None
        if dep == "ccomp" and parse.lemma[head] in TELLING:
            return None  # "told the BBC that Israel bombed a school": a report of what was done, not a wish
        if parse.lemma[head] == "expect" and "auxpass" in (parse.dep[c] for c in parse.children[head]):
            return None  # "is expected to dissolve parliament": an act foreseen (intended), not someone's wish
        if parse.lemma[head] == "call" and dep in ("xcomp", "advcl") and not any(
                parse.lower[c] in ("on", "upon") for c in parse.children[head]):
            return None  # "called to congratulate her", "called Erdogan to congratulate him": a phone call's purpose
        if parse.lemma[head] in DESIRE and (dep in ("xcomp", "ccomp", "pcomp", "pobj")
                                            or (dep == "prep" and parse.lower[cur] == "for")):
            return head  # "urged them to release", "calling for the release of prisoners"
        cur = head
    return None


REPORTING = PURE_SPEECH | {"confirm", "claim", "insist", "allege", "believe", "think"}


EXPULSION = frozenset({"expel", "expulsion", "deport", "deportation", "evict", "eviction", "banish"})


def expelled_from(view: SentenceView, i: int, roles: Sequence[Role]) -> list[Role]:
    """The actor after "from" in an expulsion ("diplomats being expelled from the United States",
    "expulsions of Russian diplomats from Britain"): the country people are made to leave is the
    one that expels them, whatever the sentence's subject."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in EXPULSION:
        return []
    subjects = {c.i for c in tok.children if c.dep_ == "nsubj"}
    if tok.pos_ == "VERB" and any(r.slot.head in subjects and r.slot.index >= 0 for r in roles):
        return []  # "Russia expels diplomats from Germany, Poland and Sweden": the subject expels, "from" says whose
    out = []
    for r in roles:
        head = view.sdoc[r.slot.head]
        if head.dep_ != "pobj" or head.head.lower_ != "from":
            continue
        if any(c.dep_ == "nummod" for c in head.children):
            continue  # "from one to four Russian officials": how many were expelled, not from where
        cur = head.head
        for _ in range(3):  # "from" on the trigger, on its object, or on the object of "of"
            cur = cur.head
            if cur.i == tok.i:
                out.append(r)
                break
            if cur.pos_ == "VERB" or cur.head.i == cur.i:
                break
    return out


ACCUSING = frozenset({"accuse", "blame", "charge", "suspect", "convict", "condemn", "criticise", "criticize",
                      "fault", "denounce"})


def accused_of(view: SentenceView, i: int) -> tuple[set[int], set[int]]:
    """The accusers and the accused of "X accused Y of attacking Z" / "blamed Y for the attacks on Z":
    the accused is the source of the act, the accuser only says so."""
    tok = view.sdoc[i]
    for _ in range(2):
        if tok.dep_ not in ("pcomp", "pobj") or tok.head.lower_ not in ("of", "for"):
            return set(), set()
        verb = tok.head.head
        if verb.lemma_.lower() in ACCUSING:
            accused = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            accusers = [c for c in verb.children if c.dep_ == "nsubj"]
            return ({t.i for c in accusers for t in (c, *c.conjuncts)},
                    {t.i for c in accused for t in (c, *c.conjuncts)})
        tok = verb  # "accused Y of carrying out attacks": the trigger sits one step lower
    return set(), set()


RELATIVE = frozenset({"that", "which", "who", "whom"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "inside", "outside", "across", "into", "throughout"})


def relative_antecedent(view: SentenceView, i: int, roles: Sequence[Role]) -> tuple[str, list[Role]] | None:
    """The actor a relative clause holding the trigger describes, and the side it takes: "the countries,
    including Germany, that expelled Russian diplomats" (source: the pronoun is the clause's subject),
    "the diplomats who were expelled" (target: the pronoun is its passive subject or its object).
    The pronoun is not an actor, so the side goes to the noun it stands for, or to the named members
    of that noun ("including Germany", "such as Austria")."""
    tok = view.sdoc[i]
    if tok.dep_ != "relcl":
        return None
    pronoun = next((c for c in tok.children if c.lower_ in RELATIVE and c.dep_ in ("nsubj", "nsubjpass", "dobj")), None)
    if pronoun is None:
        return None
    side = "source" if pronoun.dep_ == "nsubj" else "target"
    noun = tok.head
    if noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE_PREPS:
        return None  # "its war in Ukraine, which both deny": the clause, not the place, is denied
    family = {t.i for t in (noun, *noun.conjuncts)}
    members: set[int] = set()
    for c in noun.children:
        named = [c] if c.dep_ == "appos" else [g for g in c.children if g.dep_ == "pobj"] \
            if c.dep_ == "prep" and c.lower_ in ("including", "like", "as") else []
        members |= {t.i for g in named for t in (g, *g.conjuncts)}
    actors = [r for r in roles if r.slot.index >= 0]  # named actors, not nouns like "attacks" or "violence"
    chosen = [r for r in actors if r.slot.head in members] or [r for r in actors if r.slot.head in family]
    return (side, chosen) if chosen else None


# The people and offices that stand for a state abroad: "its ambassador to Moscow", "the embassy in Kyiv".
ENVOYS = frozenset({"ambassador", "envoy", "embassy", "consulate", "diplomat", "attache", "emissary", "mission"})


def envoy_post(view: SentenceView, i: int, context: ArticleContext) -> tuple[str, str] | None:
    """The country where the envoy in the trigger's object serves ("recalling its ambassador to Moscow",
    "closed the embassy in Tehran"): a capital standing for its government, read off the places stage."""
    tok = view.sdoc[i]
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for head in heads:
        if head.lemma_.lower() not in ENVOYS:
            continue
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("to", "in", "at", "from"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                start = view.base + obj.idx
                place = next((p for p in context.places if p.start <= start < p.end), None)
                if place is not None and place.country and place.kind in ("city", "country", "admin1"):
                    return place.country, f"target: '{place.text}', where the {head.lower_} serves"
    return None


ATTITUDE = frozenset({"condemn", "denounce", "criticise", "criticize", "welcome", "praise", "hail", "endorse",
                      "support", "back", "oppose", "reject", "deplore", "decry", "slam", "blast", "applaud", "mourn",
                      "regret", "celebrate", "protest", "justify", "defend", "deny"})


def judges(view: SentenceView, i: int) -> set[int]:
    """The subjects of a verb that judges or looks into the event the trigger names ("Iran condemned the
    strike on Damascus", "Poland endorsed the invasion of Iraq", "Russia will investigate the attack on its
    embassy", "Kenya opened an inquiry into the killing of a journalist", "the bombing is being probed by
    German prosecutors"): they speak of the act or examine it, they did not do it."""
    tok = view.sdoc[i]
    if tok.pos_ != "NOUN":
        return set()
    head = tok.head
    out: set[int] = set()
    if tok.dep_ == "dobj" and head.lemma_.lower() in ATTITUDE | INQUIRING:
        out |= {t.i for c in head.children if c.dep_ == "nsubj" for t in _named_in(c)}
    elif tok.dep_ == "nsubjpass" and head.lemma_.lower() in ATTITUDE | INQUIRING:
        out |= {t.i for c in head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                for t in (p, *p.conjuncts)}
    elif tok.dep_ == "pobj" and head.lower_ in ("into", "of", "on"):
        holder = head.head
        inquiry = holder if holder.lemma_.lower() in INQUIRIES else next(
            (c for c in holder.children if c.dep_ == "dobj" and c.lemma_.lower() in INQUIRIES), None)
        if inquiry is not None:
            out |= {c.i for c in inquiry.children if c.dep_ in ("poss", "compound", "amod")}
            verb = inquiry.head if inquiry.dep_ in ("dobj", "nsubjpass", "pobj") else None
            if verb is not None and verb.pos_ in ("VERB", "AUX"):
                out |= {t.i for c in verb.children if c.dep_ == "nsubj" for t in _named_in(c)}
    return out


def _named_in(subject: Any) -> list[Any]:
    """A subject and its conjuncts with the words of their phrases ("police in Pakistan": Pakistan too)."""
    out, stack = [], [subject, *subject.conjuncts]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl", "conj"))
    return out


def reporters(view: SentenceView, i: int) -> set[int]:
    """The subjects of a speech verb whose reported clause holds the trigger and names its own subject
    ("the minister said the attack targeted ...", "Iran said Israel attacked ..."): the speaker tells
    of the event and is not its source. A clause whose subject is a pronoun ("Russia said it would
    ...", "'We will respond,' the minister said") may be the speaker's own act: nothing is excluded."""
    tok = view.sdoc[i]
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return set()
        if tok.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in REPORTING:
            own = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not own or all(c.pos_ == "PRON" for c in own):
                return set()
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return {t.i for c in subjects for t in (c, *c.conjuncts)}
        tok = head
    return set()


# What is released when something is published: "released a white paper", "released footage of the raid".
DOCUMENTS = frozenset({"paper", "report", "statement", "video", "footage", "image", "photo", "photograph", "picture",
                       "data", "figure", "list", "document", "book", "album", "film", "movie", "song", "detail",
                       "finding", "study", "survey", "result", "budget", "plan", "guideline", "transcript", "audio",
                       "recording", "memo", "letter", "version", "update", "trailer", "map", "record", "file",
                       "email", "e-mail", "mail", "message", "text", "tape", "log", "note", "name", "information",
                       "statistic", "estimate", "forecast", "poll", "guidance", "schedule", "timeline"})


def published(view: SentenceView, i: int) -> bool:
    """Is the trigger a publication ("released a white paper", "the footage was released"), not the release
    of people or property?"""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in ("release", "publish", "issue"):
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")] or [o for o in (object_of(tok),) if o]
    return any(o.lemma_.lower() in DOCUMENTS for o in objs)  # every object: "an e-mail" parses as "e", "-", "mail"


# Purposes that make a deployment relief work: "mobilised to help dig out cars", "deployed to rescue flood victims".
RELIEF = frozenset({"rescue", "evacuate", "assist", "clear", "dig", "distribute", "deliver", "search", "rebuild",
                    "repair", "feed", "vaccinate", "shovel", "sandbag", "extinguish", "douse"})


def relief(view: SentenceView, i: int) -> bool:
    """Is the trigger a deployment whose stated purpose is relief ("to help dig out", "to rescue")?"""
    tok = view.sdoc[i]
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in c.children):
            words = [c] + [g for g in c.children if g.pos_ == "VERB" or g.dep_ in ("xcomp", "aux")]
            if any(w.lemma_.lower() in RELIEF for w in words):
                return True
    return False


def accident_inquiry(view: SentenceView, i: int) -> bool:
    """ "police are investigating a crash", "an inquiry into the fire": an investigation of an accident."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in ("investigate", "probe", "investigation", "inquiry", "examine"):
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("into", "of") for g in c.children
                if g.dep_ == "pobj"]
    objects += [g for o in objects if o.lemma_.lower() in ("cause", "source", "origin") for c in o.children
                if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in ACCIDENTS for o in objects)


# Events made of words: said by no one the text codes (no country, no kind of actor), they code nothing.
SPOKEN_TYPES = frozenset({"ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT", "CONSULT", "AGREE", "COOPERATE"})


def natural_cause(view: SentenceView, i: int) -> bool:
    """ "an earthquake levelled villages, killing hundreds", "floods destroyed the bridge", "killed in a
    landslide": the doer of the act (its subject, the subject of the clause it hangs from, or its passive
    agent) is nature or an accident, so nobody attacked anybody. Explosions and fires stay out of the
    list: a bomb's blast is an attack whose attacker is unnamed."""
    tok = view.sdoc[i]
    doers = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    doers += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not doers and tok.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl"):
        doers = [c for c in tok.head.children if c.dep_ in ("nsubj", "csubj")]
    if tok.dep_ == "acl" or (tok.dep_ == "relcl" and not doers):
        doers.append(tok.head)  # "an avalanche burying three villages"
    return any(d.lemma_.lower() in NATURAL_CAUSES for d in doers)


# what only a state's police, courts and jailers do to people
SEIZURES = frozenset({"arrest", "detain", "jail", "imprison", "sentence", "convict", "indict", "charge", "deport", "arraign",
                      "book"})


# custody told without an arrest verb: "held in the county jail", "held without bond", "held on arms charges",
# "remanded in custody", "placed under arrest", "sent to prison". "Taken into custody" is left as it was: CASE's
# snippets of ordinary crime say it, and their gold has no event there (a false alarm more, measured).
CUSTODY_VERBS = frozenset({"hold", "keep", "remand", "place", "put", "send", "return"})
CUSTODY = frozenset({"custody", "jail", "prison", "detention", "bond", "bail", "arrest", "remand", "cell", "lockup",
                     "penitentiary", "charge"})
CUSTODY_PLACES = frozenset({"facility", "center", "centre", "unit"})  # "the County Detention Center"
CUSTODY_PREPS = frozenset({"in", "into", "on", "at", "without", "under", "to"})


def into_custody(view: SentenceView, i: int) -> bool:
    """ "Smith is being held on $50,000 bond", "she was held without bond in the county jail", "he was remanded
    in custody", "five people were placed under arrest": a verb of holding, keeping or placing whose own
    preposition names custody (a jail, a prison, custody, bond or bail) is a detention. Not "a concert was held
    in the prison chapel" (the custody word must head the phrase), nor "held talks"."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in CUSTODY_VERBS or tok.pos_ != "VERB":
        return False
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in CUSTODY_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            word = pobj.lemma_.lower()
            if word in CUSTODY or word in CUSTODY_PLACES and any(
                    c.lemma_.lower() in CUSTODY for c in pobj.children if c.dep_ in ("compound", "amod")):
                return True
    return False


def seizing(view: SentenceView, i: int) -> bool:
    """An arrest, charge or sentence word (:data:`SEIZURES`), or custody named by its preposition."""
    return view.sdoc[i].lemma_.lower() in SEIZURES or into_custody(view, i)


def passive_seizure(view: SentenceView, i: int) -> bool:
    """ "Seven people have been arrested over the blast", "he was sentenced to ten years", "she was held without
    bond": a passive arrest, charge, sentence or detention that names no agent was done by the state where it
    happens. (Not a participle after its noun: "prisoners jailed in Israel" tells who they are, not a new arrest.)"""
    tok = view.sdoc[i]
    if not seizing(view, i) or tok.pos_ != "VERB":
        return False
    children = list(tok.children)
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in children) and not any(c.dep_ == "agent" for c in children)


# the people of a passive arrest that the text names only by a pronoun or a number ("they were arrested", "both
# were charged with assault", "all three were arrested", "twenty of them were charged")
PEOPLE_WORDS = frozenset({"he", "she", "they", "both", "all", "each", "others"})
NOT_PEOPLE_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def unnamed_held(view: SentenceView, i: int) -> tuple[int, str] | None:
    """The passive subject of an arrest when it is only a pronoun or a number (its token, its words), else None.
    Not with a second object ("they were charged a fee": a price, not a prosecution)."""
    if any(c.dep_ in ("dobj", "dative") for c in view.sdoc[i].children):
        return None
    for subj in view.sdoc[i].children:
        if subj.dep_ != "nsubjpass" or subj.ent_type_ in NOT_PEOPLE_ENTS:
            continue
        if subj.lower_ in PEOPLE_WORDS or subj.pos_ == "NUM" and subj.like_num:
            return subj.i, view.sdoc[subj.left_edge.i:subj.right_edge.i + 1].text
    return None


RELEASING = frozenset({"release", "free", "pardon", "parole"})
# people a state holds: who is freed by the authorities when a passive release names no one (not hostages, whom
# kidnappers hold)
HELD = frozenset({"prisoner", "detainee", "inmate", "activist", "journalist", "reporter", "dissident", "protester",
                  "protestor", "demonstrator", "blogger", "opponent", "critic", "lawyer", "student", "convict"})


def passive_release(view: SentenceView, i: int) -> bool:
    """ "Hundreds of political prisoners have been released in Tripoli": a passive release that names no agent."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in RELEASING or tok.pos_ != "VERB":
        return False
    children = list(tok.children)
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in children) and not any(c.dep_ == "agent" for c in children)


def _held(side: Side) -> bool:
    words = (side.ref.text or "").lower().replace("-", " ").split()
    last = words[-1] if words else ""
    return last in HELD or (last.endswith("s") and last[:-1] in HELD)


# Seizing words, and what police and customs seize from ordinary crime: goods, not arms, places or people.
SEIZING = frozenset({"seize", "confiscate", "impound", "intercept", "recover", "seizure", "confiscation", "haul", "bust"})
CONTRABAND = frozenset({
    "drug", "narcotic", "cocaine", "heroin", "methamphetamine", "meth", "cannabis", "marijuana", "hashish", "opium",
    "pill", "tablet", "counterfeit", "fake", "cigarette", "tobacco", "alcohol", "liquor", "cosmetic", "good",
    "merchandise", "contraband", "currency", "note", "cash", "gold", "ivory", "timber", "wildlife", "medicine",
    "car", "handbag", "product", "property", "smuggle", "steal", "pirate"})


def contraband(view: SentenceView, i: int) -> bool:
    """ "customs seized 300 kg of heroin", "police confiscated counterfeit handbags": a seizure of goods from
    ordinary crime, which names no political actor on the other side. Arms, vessels, towns and assets stay
    seizures (a cache of rifles taken from a militia is a political event)."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in SEIZING:
        return False
    things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    things += [g for t in list(things) if t.lemma_.lower() in ("kilogram", "kg", "ton", "tonne", "pound", "box", "haul")
               for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    things += [c for t in list(things) for c in t.conjuncts]
    words = {w.lemma_.lower() for t in things for w in (t, *(c for c in t.children if c.dep_ in ("amod", "compound")))}
    return bool(words & CONTRABAND)


# A soldier's career, not a state's show of force: "he enlisted in the army in 2004", "she served in Iraq"
CAREER = frozenset({"enlist", "reenlist", "serve", "join", "volunteer", "retire", "graduate", "train"})
ONE_PERSON = frozenset({"person", "pronoun", "alias"})


def career(view: SentenceView, i: int) -> bool:
    """Is the MOBILIZE trigger at ``i`` one person's career step ("He enlisted in the Army in 2004",
    "Tonroe served two tours in Afghanistan")? Its subject is a person, not a state or a force."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in CAREER:
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    slot = view.actor_of_token.get(subject.i) if subject is not None else None
    return slot is not None and view.actors[slot].mention.kind in ONE_PERSON


def _subject_of_verb(view: SentenceView, i: int, role: Role) -> bool:
    """Is the role the subject of the trigger verb or of the verb whose "to" clause it is ("agreed to resume")?"""
    tok = view.sdoc[i]
    verbs = [tok] + ([tok.head] if tok.dep_ == "xcomp" else [])
    head = view.sdoc[role.slot.head]
    return tok.pos_ == "VERB" and head.dep_ == "nsubj" and any(head.head.i == v.i for v in verbs)


# verbs of putting down a protest: "suppressed a peaceful protest", "dispersed the rally", "crushed the march"
SUPPRESSING = frozenset({"suppress", "disperse", "quell", "crush", "repress", "smash", "scatter", "put", "break"})


def suppressed(view: SentenceView, i: int) -> Any | None:
    """The verb that puts down the protest noun at ``i`` ("suppressed a peaceful protest", "broke up the
    rally", "cracked down on demonstrators' march"), or None."""
    tok = view.sdoc[i]
    if tok.pos_ != "NOUN":
        return None
    if tok.dep_ == "compound":  # "a protest march"
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("on", "against"):
        head = head.head
        return head if head.lemma_.lower() in ("crack", "crackdown") else None
    if tok.dep_ != "dobj" or head.lemma_.lower() not in SUPPRESSING:
        return None
    if head.lemma_.lower() in ("put", "break") and not any(c.dep_ == "prt" and c.lower_ in ("down", "up") for c in head.children):
        return None  # "put down", "broke up"; not "put a protest on hold"
    return head


def suppressors(verb: Any) -> set[int]:
    """Who did the putting down: the verb's subject, its passive agent ("broken up by riot police"), or,
    for a purpose clause with no subject of its own, the subject of the verb it serves ("police fired
    teargas to break up the protest")."""
    for _ in range(3):
        doers = {c.i for c in verb.children if c.dep_ == "nsubj"}
        doers |= {g.i for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"}
        if doers or verb.dep_ not in ("xcomp", "advcl") or verb.head is verb:
            return doers
        verb = verb.head
    return set()


def seat_or_backer(doc: Doc, index: int) -> bool:
    """Is the mention the seat of a body ("a UK-based monitor", "the Doha-headquartered network"), the
    backer of an actor ("the Russian-backed offensive", "Iran-allied militias") or the maker of a thing
    ("Chinese-made rifles")? None is a side."""
    m = doc.mentions[index]
    after = doc.article.text[m.end:m.end + 16]
    return bool(SEAT.search(after) or BACKER.search(after) or MAKER.search(after))


def attributive(view: SentenceView, i: int) -> bool:
    """A participle that modifies a noun ("the released Hamas prisoners", "the jailed activist", "occupied
    territory") describes the noun's state; the act it names is background, told elsewhere if at all."""
    tok = view.sdoc[i]
    return tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBD") and tok.i < tok.head.i


# Verbs of practice: what an exercise trains for is no act ("pilots learned to destroy enemy aircraft",
# "drills simulating strikes on the island", "troops rehearsed storming a beach")
PRACTICE = frozenset({"learn", "practise", "practice", "rehearse", "simulate", "train", "drill", "exercise"})
PRACTICE_LINKS = frozenset({"xcomp", "dobj", "pcomp", "pobj", "prep", "conj", "acl", "advcl"})


def practised(view: SentenceView, i: int) -> bool:
    """Is the act at ``i`` what a drill or a lesson practises: governed, through a "to" clause, an object or a
    preposition, by a verb of practice, within three steps?"""
    tok = view.sdoc[i]
    for _ in range(3):
        if tok.dep_ not in PRACTICE_LINKS or tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in PRACTICE:
            return True
    return False


def named_as(view: SentenceView, i: int) -> bool:
    """An event noun that only says what something is ("This is an attack against our country", "it was
    an act of war"): the predicate of "be" after a bare pronoun; whoever says so accuses, nobody attacks."""
    tok = view.sdoc[i]
    if tok.pos_ != "NOUN" or tok.dep_ != "attr" or tok.head.lemma_ != "be":
        return False
    subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ in ("this", "that", "it", "which", "these", "those")


COURT_VERBS = frozenset({"face", "bring", "file", "press", "drop", "lay", "level", "dismiss", "announce"})


def blame_not_court(view: SentenceView, i: int) -> bool:
    """A singular "charge" that names no offence, no accused and no court act ("blamed Moscow for the
    attack, a charge the Kremlin denies") is the accusation itself, told elsewhere in the sentence."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() != "charge" or tok.pos_ != "NOUN" or tok.tag_ == "NNS":
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("of", "against", "with", "over", "for") for c in tok.children):
        return False
    return tok.head.lemma_.lower() not in COURT_VERBS


TRUCES = frozenset({"ceasefire", "truce", "armistice"})
AGREEING = frozenset({"agree", "reach", "sign", "broker", "accept", "seal", "strike", "conclude", "negotiate"})


def agreed_truce(view: SentenceView, i: int) -> str | None:
    """The verb of "agreed a ceasefire", "signed a truce", "reached agreement on a ceasefire": a truce
    agreed is an agreement (AGREE), one observed or declared is a retreat."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in TRUCES:
        return None
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if tok.dep_ in ("dobj", "pobj", "nsubjpass") and head.lemma_.lower() in AGREEING:
        return head.text
    return None


EXERCISES = frozenset({"drill", "exercise", "manoeuvre", "maneuver", "wargame"})
JOINT = frozenset({"joint", "combined", "bilateral", "trilateral", "multilateral", "multinational"})


def one_sided_drill(view: SentenceView, i: int) -> bool:
    """An exercise one side holds alone ("Chinese warships held drills simulating strikes on Taiwan") is a
    show of force (MOBILIZE 150), not military cooperation with whoever it is aimed at: no "joint" word,
    no partner after "with" or "alongside" and no co-subject ("Russia and Belarus", "the two navies") on
    the exercise or the verbs above it."""
    tok = view.sdoc[i]
    if tok.lemma_.lower() not in EXERCISES or any(c.lower_ in JOINT for c in tok.children):
        return False
    chain = [tok, *list(tok.ancestors)[:2]]
    for word in chain:
        if any(c.dep_ == "prep" and c.lower_ in ("with", "alongside") for c in word.children):
            return False
        for subject in (c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")):
            if any(c.dep_ == "conj" for c in subject.children) or any(c.lower_ in ("two", "both") for c in subject.subtree):
                return False
    return True


def aimed(view: SentenceView, i: int) -> bool:
    """Does the trigger name what it hits ("pounded Idlib", "fired on the convoy")? Then its co-subjects
    attacked together, not each other ("Russian jets and government forces pounded Idlib")."""
    tok = view.sdoc[i]
    return any(c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in ("on", "at", "against", "upon") for c in tok.children)


def trigger_events(doc: Doc, sentence: Span, number: int, view: SentenceView, triggers: Sequence[Trigger],
                   model: EventModel, lexicon: Lexicon, context: ArticleContext) -> list[Event]:
    where = context.where(sentence, number)
    events: list[Event] = []
    for trig in triggers:
        if view.sdoc[trig.index].lemma_.lower() in PURE_SPEECH:
            continue  # "said", "told": the words of a report, not an event of their own
        if published(view, trig.index):
            continue  # "released a report": a publication, not a release of people or property
        if trig.plover == "MOBILIZE" and career(view, trig.index):
            continue  # "he enlisted in the army in 2004": a soldier's career, not a show of force
        if trig.plover == "MOBILIZE" and relief(view, trig.index):
            continue  # "the army mobilised to help dig out cars stuck in snow": relief, not a show of force
        if trig.plover == "ACCUSE" and accident_inquiry(view, trig.index):
            continue  # "police are investigating a crash": no one is accused
        if trig.plover in ("ASSAULT", "COERCE") and natural_cause(view, trig.index):
            continue  # "the quake levelled villages, killing hundreds": nature, not an attacker
        if named_as(view, trig.index):
            continue  # "this is an attack on our country": what someone calls a thing, not an act
        if trig.plover in ("ASSAULT", "COERCE") and practised(view, trig.index):
            continue  # "learned to destroy enemy aircraft" in an exercise: practice, not an attack
        if attributive(view, trig.index):
            continue  # "the released prisoners", "the occupied territories": a state described, not an act told
        if trig.plover == "COERCE" and blame_not_court(view, trig.index):
            continue  # "..., a charge Moscow denies": the word for an accusation, not a prosecution
        seats = [r for r in trig.roles if r.slot.index >= 0 and seat_or_backer(doc, r.slot.index)]
        if seats:  # "a Kenya-based group", "the Russian-backed offensive": a seat or a backer, not a side
            trig = replace(trig, roles=tuple(r for r in trig.roles if r not in seats))
        verb = suppressed(view, trig.index) if trig.plover == "PROTEST" else None
        crushed = verb.text if verb is not None else None
        # the protest's own sides, read before it becomes the repression: its protesters are who is repressed
        protesters = [r for r in trig.roles if r.source >= ROLE_THRESHOLD] if verb is not None else []
        if verb is not None:  # "soldiers violently suppressed a peaceful protest": the repression is the act told
            trig = replace(trig, plover="COERCE", root="17")
        alone = trig.plover == "COOPERATE" and one_sided_drill(view, trig.index)
        if alone:
            trig = replace(trig, plover="MOBILIZE", root="15")  # a show of force, not an exercise together
        agreed = agreed_truce(view, trig.index) if trig.plover in ("RETREAT", "CONCEDE") else None
        if agreed:
            trig = replace(trig, plover="AGREE", root="05")
        accusers, accused = accused_of(view, trig.index)
        sources = _pick(trig.roles, "source", view, reporters(view, trig.index) | accusers | judges(view, trig.index)
                        | related_to(view) | stance_named(view) | outside_passive_relative(view, trig.index))
        named = [r for r in trig.roles if r.slot.head in accused]
        named = named if view.sdoc[trig.index].lemma_.lower() not in ACCUSING else []
        if named:
            sources = named
        leaving = expelled_from(view, trig.index, trig.roles)
        if leaving:
            sources = leaving
        relative = relative_antecedent(view, trig.index, trig.roles) if not (named or leaving) else None
        if relative is not None and relative[0] == "source":
            sources = relative[1]
        below = relative_doer(view, trig.index, trig.roles, sources) if relative is None else None  # guards.py
        if below is not None:
            sources = below
        if verb is not None:  # who put the protest down: the subject of the verb that did
            doers = suppressors(verb)
            sources = [r for r in trig.roles if r.slot.head in doers] or sources
        agents, patients = passive_sides(view, trig.index, trig.roles)  # guards.py
        parties = between_parties(view, trig.index, trig.roles) if trig.plover in JOINT_TYPES else []  # guards.py
        mutual = each_other(view, trig.index, trig.roles)  # guards.py: "X and Y accused each other"
        parties = mutual or parties
        if parties:
            sources = parties  # each towards the other (the co-subjects' path below)
        turned = bool(agents) and any(r in patients for r in sources)  # (no agent named: the network's reading stands)
        if turned:
            sources = [r for r in sources if r not in patients] or agents
        told = told_to(view, trig.index, trig.roles) if sources else []  # guards.py
        if told and not any(r in told for r in sources):
            sources = told  # "Russia ordered Britain to reduce its staff": Britain reduces
        ctrl = controller(view, trig.index, trig.roles) if not sources else None  # guards.py
        sources = [ctrl] if ctrl is not None else sources
        author = (attack_author(view, trig.index, trig.roles, lexicon.attack_nouns)  # guards.py
                  if not sources and trig.plover == "ASSAULT" and view.sdoc[trig.index].lemma_.lower() in OUTCOMES
                  else None)
        sources = [author[0]] if author is not None else sources
        sources = [r for r in sources if r.slot.index >= 0 or view.sdoc[r.slot.head].lemma_.lower() not in HAPPENINGS]
        armed = [(r, armed_by(view, r, trig.roles)) for r in sources]  # guards.py
        owners = {a.slot.index for r, a in armed if a is not r}
        # a weapon no one is named to own is no source ("killed by a landmine"): its author is unnamed, below
        sources = [a for _, a in armed if a.slot.index >= 0 or view.sdoc[a.slot.head].lemma_.lower() not in ARMS]
        if trig.plover in TOGETHER_TYPES and len(sources) == 1 and _subject_of_verb(view, trig.index, sources[0]):
            # "the government and the rebels agreed to resume talks": a co-subject is a party to the agreement,
            # whatever the network, reading each actor alone, made of it
            # (not when another party is named: "Qatari and Egyptian mediators handed Israel and Hamas a draft")
            conj = {t.i for t in view.sdoc[sources[0].slot.head].conjuncts}
            others = [r for r in trig.roles if r.target >= ROLE_THRESHOLD and r.slot.head not in conj
                      and r is not sources[0] and r.slot.index >= 0]
            sources += [r for r in trig.roles if r.slot.head in conj and r.slot.index >= 0] if not others else []
        measure = measure_sides(view, trig.index, trig.roles) if trig.plover in MEASURE_TYPES else None  # guards.py
        if measure is not None:
            sources = measure[0]
        family = {t.i for r in sources for t in (view.sdoc[r.slot.head], *view.sdoc[r.slot.head].conjuncts)}
        targets = [] if parties else _pick(trig.roles, "target", view, family | parallel_subjects(view, trig.index)
                                           | stance_named(view))  # guards.py
        if measure is not None and measure[1]:
            targets = measure[1]
        if verb is not None:  # not what the protest was against ("protests against the regime")
            targets = [r for r in protesters if r.slot.head not in family]
        if relative is not None and relative[0] == "target":
            targets = [r for r in relative[1] if r.slot.head not in family]
        targets = [a for r in targets if (a := armed_by(view, r, trig.roles)).slot.head not in family]
        named_by_noun = [] if targets else noun_target(view, trig.index, trig.roles, trig.plover, family)  # guards.py
        targets = targets or named_by_noun or ([r for r in patients if r.slot.head not in family] if turned else [])
        sources = [coded_in_phrase(view, r, trig.roles, "source", ROLE_THRESHOLD) for r in sources]  # guards.py
        targets = [coded_in_phrase(view, r, trig.roles, "target", ROLE_THRESHOLD) for r in targets]
        src_sides = [s for r in sources if (s := _side(doc, r, where, "source", trig.plover, view)) is not None]
        src_sides = [replace(s, how=s.how.replace("source: model", "source: owner of the weapon the model took for the source,", 1))
                     if s.mention in owners else s for s in src_sides]
        if leaving:
            src_sides = [replace(s, how=f"source: '{s.ref.text}' after 'from' (the country that expels)") for s in src_sides]
        elif named:
            src_sides = [replace(s, how=f"source: '{s.ref.text}', the accused of the act (the accuser only says so)")
                         for s in src_sides]
        elif relative is not None and relative[0] == "source":
            src_sides = [replace(s, how=f"source: '{s.ref.text}', whom the relative clause describes") for s in src_sides]
        elif ctrl is not None:
            src_sides = [replace(s, how=f"source: '{s.ref.text}', subject of the clause the -ing clause hangs from")
                         for s in src_sides]
        elif measure is not None:
            src_sides = [replace(s, how=f"source: '{s.ref.text}', whose measure it is") for s in src_sides]
        elif author is not None:
            src_sides = [replace(s, how=f"source: '{s.ref.text}', named in the attack the outcome came from") for s in src_sides]
        lemma = view.sdoc[trig.index].lemma_.lower()
        home = frozenset(s.country for s in src_sides if not s.guessed)
        custody = trig.plover == "COERCE" and into_custody(view, trig.index)
        tgt_sides = [s for r in targets
                     if (s := _side(doc, r, where, "target", trig.plover, view, lemma, home, custody)) is not None]
        if named_by_noun:
            tgt_sides = [replace(s, how=f"target: '{s.ref.text}', named by the event noun's own preposition") for s in tgt_sides]
        if relative is not None and relative[0] == "target":
            tgt_sides = [replace(s, how=f"target: '{s.ref.text}', whom the relative clause describes") for s in tgt_sides]
        if not tgt_sides and trig.plover == "COERCE" and contraband(view, trig.index):
            continue  # "police seized 300 kg of heroin": goods from ordinary crime, no political actor taken on
        if not tgt_sides and (post := envoy_post(view, trig.index, context)) is not None:
            tgt_sides = [Side(ActorRef(country=post[0], sector="GOV"), post[0], post[1], None)]
        if not tgt_sides and src_sides and trig.plover == "MOBILIZE":  # guards.py
            sent = destination(view, trig.index, context.places, {s.country for s in src_sides})
            if sent is not None:
                tgt_sides = [Side(ActorRef(country=sent[0]), sent[0], f"target: where the forces go ('{sent[1]}')", None)]
        if not tgt_sides and src_sides and trig.plover == "AID":  # guards.py
            tgt_sides = [Side(ActorRef(country=c), c, f"target: where the aid goes ('{text}')", None)
                         for c, text in beneficiaries(view, trig.index, context.places, {s.country for s in src_sides})]
        if trig.plover == "CONSULT":  # speaking to the BBC is an interview, not talks with Britain
            tgt_sides = [s for s in tgt_sides if s.ref.sector != "MED"]
        notes: list[str] = []
        pairs: list[tuple[Side, Side]] = []
        unknown = where[0] is None  # the text names no country at all
        attack_word = any(t.plover == "ASSAULT" and view.sdoc[t.index].lemma_.lower() not in OUTCOMES for t in triggers)
        weapon = weapon_cause(view, trig.index, lexicon.attack_nouns) if lemma in OUTCOMES else None  # guards.py
        # soldiers of one state killed in another ("ten Russian soldiers were killed in Ukraine"): killed in a war
        # there, by an attacker unnamed (the accidents and nature that kill are read out above)
        abroad = (lemma in OUTCOMES and where[0] is not None and not where[1].startswith("the article")
                  and all(t.ref.sector == "MIL" and t.country not in (None, where[0]) for t in tgt_sides)
                  and not any(t.lemma_.lower() in ACCIDENTS for t in view.sdoc))  # "killed in a helicopter crash"
        if not src_sides and not tgt_sides and trig.plover == "COERCE" and where[0] and passive_seizure(view, trig.index) \
                and (unnamed := unnamed_held(view, trig.index)) is not None:
            # "they were arrested", "both were charged with assault": people no actor names, held where it happens
            tgt_sides = [Side(ActorRef(country=where[0], text=unnamed[1]), where[0],
                              f"target: people named only as '{unnamed[1]}', held where it happens ({where[1]})",
                              -1 - unnamed[0], "noun", guessed=True)]
        if not src_sides and tgt_sides and trig.plover in UNNAMED_SOURCE_TYPES and (
                lemma not in OUTCOMES or attack_word or weapon or abroad):
            how = f"country where it happens ({where[1]})" if where[0] else "no country in the text"
            how += f"; dealt by '{weapon}'" if weapon else ""
            how += "; soldiers killed abroad" if abroad and not (weapon or attack_word) else ""
            src_sides = [Side(ActorRef(country=where[0]), where[0], f"source: unnamed attacker, {how}", None, guessed=True)]
        elif not src_sides and tgt_sides and trig.plover == "COERCE" and where[0] and passive_seizure(view, trig.index):
            how = f"the authorities of the country where it happens ({where[1]}): a passive arrest names no one"
            src_sides = [Side(ActorRef(country=where[0], sector="GOV"), where[0], f"source: {how}", None, guessed=True)]
        elif (not src_sides and tgt_sides and trig.plover in ("CONCEDE", "RETREAT") and where[0]
              and passive_release(view, trig.index) and all(_held(t) for t in tgt_sides)):
            how = f"the authorities of the country where it happens ({where[1]}): a passive release of prisoners names no one"
            src_sides = [Side(ActorRef(country=where[0], sector="GOV"), where[0], f"source: {how}", None, guessed=True)]
        if mutual == [] and collective_subject(view.sdoc[trig.index]):
            # "each country has expelled 23 of the other's diplomats": the two states the sentences name
            known = context.pair_before(sentence, number, view.base + view.sdoc[trig.index].idx)
            if known:
                src_sides = [Side(m.actor(), m.country, f"source: '{m.text}', one of the two states "
                                  "a collective subject acting on 'the other' stands for", index, m.kind)
                             for index, m in known]
                tgt_sides = []
        if src_sides and tgt_sides:
            pairs = [(s, t) for s in src_sides for t in tgt_sides if s.mention != t.mention and not _same_state(s, t)]
        elif len(src_sides) >= 2 and (trig.plover in JOINT_TYPES or mutual is not None) and not (
                trig.plover == "ASSAULT" and mutual is None and aimed(view, trig.index)):
            pairs = [(a, b) for a in src_sides for b in src_sides if a.mention != b.mention
                     and (a.country != b.country or a.ref.sector != b.ref.sector or _two_bodies(a, b))]
            notes.append("each other: one event each way" if mutual is not None
                         else "co-subjects act together: one event each way")
        elif src_sides and (trig.plover in SELF_TYPES or unknown):
            how = f"country where it happens ({where[1]})" if where[0] else "no country in the text"
            target = Side(ActorRef(country=where[0]), where[0], f"target: none named, {how}", None, guessed=True)
            # (not a private person's own doing: "Jacobs withdrew from parole consideration" is no political act)
            pairs = [(s, target) for s in src_sides if not (s.kind in PEOPLE_KINDS and s.ref.sector is None)]
        measure = home_measure(view, trig.index) if trig.plover in MEASURED_TYPES else None
        pairs = [(s, t) for s, t in pairs if not _misread_domestic(s, t, trig.plover, lemma, measure)]
        pairs = [(s, t) for s, t in pairs if not _crime(s, t, trig.plover, view)]  # no political actor at all
        if trig.plover == "ASSAULT" and lemma not in ABDUCTING and not war_words(view, trig.index):
            pairs = [(s, t) for s, t in pairs if not (_private_person(s) and _private_person(t))]
        pairs = [(s, t) for s, t in pairs if one_actor(s.ref, t.ref, view, s.kind, t.kind) is None]  # guards.py
        if not pairs or (not unknown and any(s.country is None or t.country is None for s, t in pairs)):
            continue
        if unknown and trig.plover in SPOKEN_TYPES | {"COERCE"} and not any(
                side.ref.sector or (side.mention is not None and _sector_word(side)) for pair in pairs for side in pair):
            # words with no country and no kind of actor on either side ("forecasters warned"), or legal action
            # between bodies no table knows ("the company is being prosecuted by the safety regulator")
            continue
        tok = view.sdoc[trig.index]
        rules = modality_of(tok, tok, view.sdoc, lexicon.cues, nominal_presupposed=tok.pos_ == "NOUN", absorb_modal=False)
        if trig.plover not in NEGATIVE_TYPES and is_negated(tok, tok):  # "did not attack", "had not detained"
            rules = Modality("negated", rules.attribution, (*rules.cues, "not"))
        value, value_how = modality(trig, rules)
        desire = wanted(view, trig.index)
        plan = own_plan(view, trig.index, sources) if desire else None
        if plan and value in ("asserted", "reported", "hypothetical"):
            value, value_how = "intended", f"what its own source presses for ('{plan}'): a plan announced"
        elif desire and value in ("asserted", "reported", "intended"):
            value, value_how = "hypothetical", f"what someone wants done ('{desire}'), not done"
        code, code_how = _cameo(model, trig, view, lexicon)
        if author is not None and (coded := attack_code(lexicon, author[1])) is not None:
            code, code_how = coded, f"the code of the attack '{author[1]}' it came from"
        if agreed:
            code_how += f"; a truce agreed ('{agreed}'), not yet observed: AGREE"
        if alone:
            code_how += "; the model read COOPERATE, but an exercise held alone is a show of force: MOBILIZE"
        if crushed:
            code, code_how = "175", f"a protest '{crushed}' by whoever did it: repression, not the protest"
        code, intent = cameo_for_modality(code, trig.plover, value, desire)
        if intent:
            code_how += f"; {intent}"
        record = lookup(code)
        if record is None or record.plover is None:
            continue
        pairs = [(s, t) for s, t in pairs if misread(tok, trig.plover, s.ref.text) is None]  # misreads.py
        for src, tgt in pairs:
            reason = "; ".join([
                f"{model.version}: {trig.plover} p={trig.score:.2f} on '{tok.text}'",
                f"CAMEO {code} {record.name} (root {trig.root}, {code_how})",
                src.how, tgt.how.replace("source:", "target:", 1), *notes,  # co-subjects: each the other's target
                f"modality {value} ({value_how}{': ' + ', '.join(rules.cues) if rules.cues else ''})",
            ])
            events.append(Event(
                start=sentence.start, end=sentence.end, evidence=sentence.text,
                source=src.ref, target=tgt.ref, plover=trig.plover,
                cameo=code, mode=record.mode if record.plover == trig.plover else None, context=record.context,
                goldstein=record.goldstein,
                quad_class=record.quad_class, modality=value,  # type: ignore[arg-type]
                attribution=rules.attribution, confidence=round(trig.score, 2), reason=reason,
                trigger=tok.text,
            ))
    return events
