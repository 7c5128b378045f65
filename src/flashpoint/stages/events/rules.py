"""Rules that turn one parsed sentence into events.

For every token that the lexicon knows (a verb, a noun, an adjective after
"be", a preposition after "be"), the first lexicon entry whose constraints hold
decides the CAMEO code. Then:

* the source is the subject (climbing control verbs, coordination and
  "responsible for"/"interested in" phrases), the agent of a passive, or, for a
  nominal event, its possessor, its "by" phrase, an actor adjective ("Russian
  invasion"), or the subject of the light verb carrying it ("launched maneuvers");
* the target is the direct object, the object of a complement clause, the
  object of a preposition the entry names, or a fallback the entry allows (the
  country across a border phrase, the country of a place);
* one event is made per source x target pair (conjunctions fan out), and
  reciprocal entries pair up co-subjects ("Azerbaijan and Turkey held joint drills").

The results are :class:`Candidate` objects; :mod:`.stage` turns them into
``Event`` records after the sentence-level clean-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...ontology import lookup
from ...records import ActorRef, Place
from ..actors.knowledge import load_knowledge
from .implicit import (
    NOUN_VIA,
    VERB_VIA,
    appeal_target,
    borrow_target,
    embedded_in,
    held_target,
    inquiry_target,
    place_target,
    supportive,
)
from .lexicon import Entry, Lexicon
from .modality import STRENGTH, Modality, is_negated, modality_of
from .syntax import (
    INQUIRIES,
    NATURAL_CAUSES,
    NOTHING,
    PERSONAL_PRONOUNS,
    Actor,
    Found,
    SentenceActors,
    border_actors,
    children,
    clause_subject_object,
    first_conjunct,
    is_rebuttal,
    left_lemmas,
    noun_base,
    object_of,
    preps,
    pronoun_subject,
    sector_of,
    speaker_owning,
    subject_of,
)

Token = Any
COPULAS = frozenset({"be", "become", "remain", "seem", "appear"})
# Prepositions that put a nominal event beside a verb's action ("captured the town after fighting with X").
ADVERBIAL_PREPS = frozenset({"after", "during", "amid", "following", "in", "despite"})
# "was in Kabul for talks with X", "travelled to Doha for the talks": the purpose of a stay or a trip
PURPOSE_VERBS = frozenset({"be", "arrive", "travel", "fly", "come", "go", "head", "return", "stay", "visit", "meet"})
SPEECH = frozenset({"reported", "claimed"})
TERRITORY_OBJECTS = frozenset({"airspace", "water", "waters", "territory"})
LIGHT_PREPS = frozenset({"on", "in", "into", "under"})
# Phrases that say where or on whose behalf, never who is targeted ("on the sidelines of the BRICS summit").
NOT_TARGETS = frozenset({"sideline", "sidelines", "margin", "margins", "occasion", "eve", "behalf", "invitation",
                         "auspices", "request", "part", "framework"})


@dataclass(slots=True)
class Candidate:
    """An event before clean-up: who, what, to whom, how sure, and why."""

    entry: Entry
    cameo: str
    trigger: Token
    anchor: Token
    source: Found
    target: Found
    modality: Modality
    notes: list[str] = field(default_factory=list)
    wants: str | None = None  # a target to take from earlier events: "event:<lemma>", "attacker", "answer:<noun>"

    @property
    def conj_head(self) -> int:
        return first_conjunct(self.trigger).i


MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
PREDICATIVE = ("oprd", "xcomp", "ccomp", "attr", "acomp")


def _object_is_actor(obj: Token, actors: SentenceActors, lexicon: Lexicon | None) -> bool:
    """``obj=@actor``: the object is an actor ("hosted Putin", "freed Vadim Krasikov, a Russian"),
    not an event an actor carries out ("welcomed the Turkish mediation")."""
    if lexicon is not None and obj.pos_ == "NOUN" and _is_event_noun(obj, lexicon, actors):
        return False
    word = load_knowledge().sectors.get(obj.lemma_.lower()) or load_knowledge().sectors.get(obj.lower_)
    if word is not None and word.strength in ("act", "event"):
        return False  # "welcomed Greece's decision": what a state did or said, an actor's act, not the actor
    if actors.at(obj) is not None:
        return True
    if any(actors.at(c) is not None for c in obj.children if c.dep_ == "appos"):
        return True  # "freed Vadim Krasikov, a Russian"
    # a country word on people ("hosted the Turkish delegation"), not on things ("welcomed a UN report",
    # "fight French farm subsidies", "captured a Russian tank")
    return obj.lemma_.lower() in PEOPLE_HEADS and any(
        actors.at(c) is not None for c in obj.children if c.dep_ in ("amod", "compound", "nmod"))


# Heads that only count or group what follows "of": "the same number of Russian diplomats", "dozens of envoys".
COUNTING = frozenset({"number", "dozen", "dozens", "group", "handful", "total", "hundreds", "score", "scores",
                      "several", "some", "all", "most", "many", "few", "couple", "pair", "batch"})


# Generic heads for people whose kind their modifier names: "staff members", "embassy officials"
PERSON_HEADS = frozenset({"member", "employee", "worker", "official", "personnel", "officer"})
# Heads of people and groups a country word can make an actor of ("the Turkish delegation", "two Iranian sailors")
PEOPLE_HEADS = PERSON_HEADS | frozenset({
    "delegation", "team", "crew", "force", "troop", "soldier", "diplomat", "envoy", "minister", "leader",
    "president", "premier", "counterpart", "citizen", "national", "sailor", "fisherman", "prisoner", "hostage",
    "detainee", "journalist", "reporter", "activist", "pilot", "commander", "general", "agent", "spy", "militant",
    "fighter", "rebel", "people", "man", "woman", "student", "worker", "tourist", "visitor", "guest", "delegate",
    "lawmaker", "politician", "ambassador", "mission", "government", "authority", "army", "navy", "unit", "squad"})
# Heads that name the coming or going of what follows "of": "allowed the return of UN weapons inspectors".
MOVEMENT = frozenset({"return", "entry", "arrival", "passage", "presence", "deployment", "dispatch", "withdrawal"})


def counted(obj: Token) -> Token:
    """What an object counts: "expelled the same number of Russian diplomats" is about diplomats."""
    if obj.lemma_.lower() in COUNTING or obj.pos_ == "NUM":
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if inner is not None:
                    return inner
    return obj


def _matches(entry: Entry, tok: Token, actors: SentenceActors, lexicon: Lexicon | None = None) -> bool:
    if entry.particle:
        parts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod", "oprd")}  # "were set free"
        if entry.particle not in parts:
            return False
    if entry.objects:
        obj = object_of(tok) if entry.pos == "V" else None
        if obj is None and entry.pos == "V":
            passive = children(tok, "nsubjpass")
            obj = passive[0] if passive else None
        if obj is None:
            return False
        obj = counted(obj)
        ok = obj.lemma_.lower() in entry.objects or obj.lower_ in entry.objects
        if not ok and obj.lemma_.lower() in PERSON_HEADS:  # "expelled two US embassy staff members": staff
            ok = any(c.lemma_.lower() in entry.objects for c in obj.children if c.dep_ in ("compound", "amod"))
        if not ok and obj.lemma_.lower() in MOVEMENT:  # "allow the return of UN inspectors": the inspectors
            inner = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"), None)
            ok = inner is not None and (inner.lemma_.lower() in entry.objects or inner.lower_ in entry.objects)
        if not ok and "@actor" in entry.objects:
            ok = _object_is_actor(obj, actors, lexicon)
        if not ok:
            return False
    if entry.light and noun_base(tok).head.lemma_.lower() not in entry.light:
        return False
    for need in entry.needs:
        if need == "xcomp" and not children(tok, "xcomp", "ccomp"):
            return False
        if need.startswith("xcomp:"):
            words = set(need[6:].split("|"))
            if not any(c.lemma_.lower() in words for c in children(tok, "xcomp", "ccomp")):
                return False
        if need == "ccomp" and not children(tok, "ccomp"):
            return False
        if need == "toclause" and not any(c.i > tok.i and (c.dep_ == "xcomp" or any(a.lower_ == "to" and a.dep_ == "aux"
                                                                                    for a in c.children))
                                          for c in children(tok, "xcomp", "ccomp")):
            return False  # "told them to leave" is a demand; "told them that talks went well" is a report
        if need == "modal" and not any(c.lower_ in MODALS for c in children(tok, "aux")):
            return False  # "said Moscow would respond": a retaliation announced, not hedged
        if need.startswith("oprd:"):  # "called the strikes an act of war", "called the allegation disinformation"
            words = set(need[5:].split("|"))
            if not any(c.lemma_.lower() in words or c.lower_ in words for c in children(tok, *PREDICATIVE)):
                return False
        if need == "rebuttal" and not is_rebuttal(tok):
            return False
        if need == "noobj" and children(tok, "dobj", "obj"):
            return False  # "demonstrate the safety of UK produce": to show, not to protest
        if need == "noacl" and tok.dep_ == "acl":
            return False  # "a demonstration calling for ...", "a resolution calling for ...": the noun's own content
        if need == "objactor":
            obj = object_of(tok) or clause_subject_object(tok)
            if obj is None or not actors.inside(obj, max_depth=1)[0]:
                return False
        if need.startswith("prep:"):
            names = set(need[5:].split("|"))
            if not any(c.lower_ in names for c in tok.children if c.dep_ in ("prep", "prt", "agent")):
                return False
    return not (entry.mods and not entry.mods & left_lemmas(tok))


def _entry_for(lexicon: Lexicon, tok: Token, actors: SentenceActors) -> Entry | None:
    lemma = tok.lemma_.lower()
    cands = lexicon.candidates(lemma, tok.pos_) or lexicon.candidates(tok.lower_, tok.pos_)
    for entry in cands:
        if entry.pos == "A" and not (tok.dep_ in ("acomp", "ROOT", "conj") and _has_copula(tok)):
            continue
        if entry.pos == "P" and not (tok.dep_ == "prep" and tok.head.lemma_.lower() in COPULAS):
            continue
        if _matches(entry, tok, actors, lexicon):
            return entry
    return None


def _has_copula(tok: Token) -> bool:
    if tok.head.lemma_.lower() in COPULAS:
        return True
    return any(c.lemma_.lower() in COPULAS for c in tok.children if c.dep_ in ("cop", "auxpass", "aux"))


def _anchor(tok: Token, entry: Entry, lexicon: Lexicon) -> tuple[Token, bool]:
    """The token carrying tense and subject: the trigger, its copula, or a light verb. (anchor, presupposed)."""
    if entry.pos in ("A", "P"):
        return tok.head, False
    if entry.pos != "N":
        return tok, False
    base = noun_base(tok)
    head = base.head
    if base.dep_ in ("dobj", "obj", "attr", "nsubjpass") and head.lemma_.lower() in lexicon.cues.light:
        return head, False
    if base.dep_ in ("dobj", "obj") and head.lemma_.lower() in OPENING and base.lemma_.lower() in INQUIRIES:
        return head, False  # "police opened an investigation", "the minister ordered an inquiry"
    if (base.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in LIGHT_PREPS
            and head.head.lemma_.lower() in lexicon.cues.light
            and not any(c.lemma_.lower() in INQUIRIES for c in head.head.children if c.dep_ in ("dobj", "obj"))):
        return head.head, False  # "put the army on alert", "engaged X in a firefight"; not "at the request of",
        # nor "launched an investigation into the killing" (the inquiry is launched, not the killing)
    return tok, True


# verbs that carry an inquiry only ("opened an investigation"; "opened talks" and "opened fire" are other words)
OPENING = frozenset({"open", "reopen", "order"})
FORCES = frozenset({"MIL", "COP", "REB", "INS", "UAF"})  # sectors of armed forces, whose moves are their side's


def _source(
    tok: Token, anchor: Token, entry: Entry, actors: SentenceActors, nominal: bool, lexicon: Lexicon
) -> tuple[Found, Found]:
    """(source, passive_target): passive subjects become targets."""
    if entry.source_rule == "objmod":
        obj = object_of(tok)
        if obj is not None:
            for c in obj.children:
                if c.dep_ in ("amod", "compound", "poss", "nmod") and actors.at(c) is not None:
                    return Found((actors.at(c),), "owner of the object", True), NOTHING
    if nominal:
        base = noun_base(tok)
        for holder in dict.fromkeys((tok, base)):
            for c in holder.children:
                if c.dep_ == "poss":
                    found, depth = actors.inside(c, max_depth=2)
                    if found:
                        return Found(found, "possessor", depth <= 1), NOTHING
            for pobj in preps(holder, ("by",)):
                found, depth = actors.inside(pobj, max_depth=3)
                if found:
                    return Found(found, "by-phrase", depth <= 1), NOTHING
            for c in holder.children:
                if c.dep_ in ("amod", "compound", "nmod") and actors.at(c) is not None:
                    return Found((actors.at(c),), "actor modifier", True), NOTHING
        if anchor is tok:
            verb = None
            if base.dep_ == "attr" and base.head.lemma_.lower() in COPULAS:
                verb = base.head  # "X is the biggest buyer of ..."
            elif base.dep_ == "pobj" and base.head.lower_ in ("among", "of") and (
                base.head.head.lemma_.lower() in COPULAS
                or (base.head.head.dep_ == "attr" and base.head.head.head.lemma_.lower() in COPULAS)
            ):
                verb = base.head.head if base.head.head.lemma_.lower() in COPULAS else base.head.head.head
            if verb is not None:
                subj, _, _ = subject_of(verb, max_steps=1)
                if subj is not None:
                    found, depth = actors.inside(subj, max_depth=3)
                    return Found(found, "subject of the copula", depth <= 1), NOTHING
            owner = _claimant(base)
            if owner is not None:
                subj, passive, _ = subject_of(owner)
                if subj is not None and not passive:
                    found, _ = actors.inside(subj, max_depth=3)
                    if found:
                        return Found(found, CLAIMED, False), NOTHING
            beside = base.head.lower_ in ADVERBIAL_PREPS or (
                base.head.lower_ == "for" and base.head.head.lemma_.lower() in PURPOSE_VERBS)
            if (base.dep_ == "pobj" and beside
                    and base.head.head.pos_ in ("VERB", "AUX")):
                subj, passive, _ = subject_of(base.head.head)
                if subj is not None and not passive:
                    found, _ = actors.inside(subj, max_depth=3)
                    if found:
                        return Found(found, BESIDE, False), NOTHING
            return NOTHING, NOTHING
    speaker = _speaker_of_coordinated_act(anchor, entry, actors, lexicon)
    if speaker:
        return Found(speaker, "speaker (a verbal act coordinated with the reported clause)", False), NOTHING
    subj, passive, steps = subject_of(anchor)
    passive = passive and entry.pos != "A"  # "France was alarmed by Russia's move": the one alarmed disapproves
    if (subj is not None and anchor.dep_ == "acl" and subj.i == anchor.head.i and subj.dep_ in ("dobj", "obj")
            and anchor.tag_ != "VBN"):  # "identify victims killed by the crash": a past participle's noun is its patient
        found, depth = actors.inside(subj, max_depth=1)
        if not found:  # "X passed a resolution ordering Iran to ...", "issued a statement condemning Y": X
            outer, outer_passive, _ = subject_of(subj.head)
            if outer is not None and not outer_passive:
                found, depth = actors.inside(outer, max_depth=3)
                if found:
                    return Found(found, "subject of the verb whose object carries the event", False), NOTHING
    if subj is None:
        speaker = _speaker_actors(anchor, actors, lexicon)
        return (Found(speaker, "speaker of the clause", False) if speaker else NOTHING), NOTHING
    found, depth = actors.inside(subj, max_depth=3)
    if passive:
        agents = [p for p in preps(anchor, ("by",))]
        agent_found: tuple[Actor, ...] = ()
        for a in agents:
            if a.lemma_.lower() in NATURAL_CAUSES:
                break  # "killed by a Kenya Airways crash": a mishap did it, not the airline
            agent_found, _ = actors.inside(a, max_depth=3)
            if agent_found:
                break
        if depth > 1:  # "the resolution, drafted by Britain, ... was backed by the US": not Britain
            found = ()
        if (not agent_found and found and record_plover(entry) == "MOBILIZE"
                and all(a.ref.sector in FORCES for a in found)):
            # "Iranian troops were sent to the border": forces moved by no one named are their own state's
            return Found(found, "passive subject (forces moved are their own state's)", depth <= 1), NOTHING
        return Found(agent_found, "passive agent", True), Found(found, "passive subject", depth <= 1)
    if (not found or depth > 1 or all(a.pronoun for a in found)) and pronoun_subject(subj):
        speaker = _speaker_actors(anchor, actors, lexicon)
        if speaker:
            return Found(speaker, "speaker referred to by a pronoun", False), NOTHING
    how = "subject" if steps == 0 else "controlling subject"
    return Found(found, how, depth <= 1 and steps <= 1), NOTHING


def _speaker_of_coordinated_act(anchor: Token, entry: Entry, actors: SentenceActors, lexicon: Lexicon) -> tuple[Actor, ...]:
    """"X said Israel had no justification and called on the UN to ...": a verbal act (appeal, accusation,
    praise) coordinated under the reported clause without a subject of its own is the speaker's, not the
    reported subject's (a common misattachment of the coordination)."""
    if anchor.dep_ != "conj" or children(anchor, *("nsubj", "nsubjpass")) or anchor.tag_ not in ("VBD", "VBZ"):
        return ()
    record = lookup(entry.cameo or "")
    if record is None or record.quad_class not in (1, 3):
        return ()
    head = anchor.head
    if head.dep_ != "ccomp" or lexicon.cues.gov.get(head.head.lemma_.lower()) not in SPEECH:
        return ()
    if head.tag_ == anchor.tag_ and head.lemma_.lower() != "have":
        return ()  # "said Russia attacked ... and accused ...": same tense, the reported subject may act twice
    subj, passive, _ = subject_of(head.head, max_steps=2)
    if subj is None or passive:
        return ()
    found, depth = actors.inside(subj, max_depth=3)
    return found if depth <= 2 else ()


def _speaker_actors(verb: Token, actors: SentenceActors, lexicon: Lexicon) -> tuple[Actor, ...]:
    """The actor who speaks in "X said it had shot down ..." / "X said it was ... and urged Y" / "X says it is
    willing to withdraw": X."""
    cur = verb
    for _ in range(6):
        if cur.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "acomp") or cur.head is cur:
            return ()
        head = cur.head
        if cur.dep_ == "ccomp" and lexicon.cues.gov.get(head.lemma_.lower()) in SPEECH:
            subj, passive, _ = subject_of(head, max_steps=2)
            if subj is None or passive:
                return ()
            found, depth = actors.inside(subj, max_depth=3)
            return found if depth <= 2 else ()
        cur = head
    return ()


# Verbs of arriving and travelling the lexicon reads as a visit (042), and what moves that is no one's visit.
ARRIVING = frozenset({"arrive", "travel", "visit"})
VEHICLES = frozenset({"truck", "lorry", "vehicle", "car", "bus", "van", "tanker", "freighter", "cargo", "shipment",
                      "consignment", "container", "train", "boat", "ferry", "vessel"})
BESIDE = "subject of the verb beside the event"
CLAIMING = frozenset({"claim", "accept", "admit", "take", "bear", "acknowledge"})
CLAIMED = "who claimed responsibility for it"


def _claimant(base: Token) -> Token | None:
    """The verb whose subject owns an act it claims: "the Taliban claimed responsibility for the bombing"."""
    prep = base.head
    if base.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "responsibility":
        return None
    verb = prep.head.head
    return verb if prep.head.dep_ in ("dobj", "obj") and verb.lemma_.lower() in CLAIMING else None


def _agent_of_object(obj: Token, actors: SentenceActors, banned: list[int], no_country: list[str]) -> Found:
    """The by-agent of a participle on the object owns what the event acts on: "shot down 38 drones
    launched by Russian forces" (Russia), "condemned the raid carried out by X" (X)."""
    for tok in obj.subtree:
        if tok.dep_ != "agent" or tok.head.dep_ not in ("acl", "relcl"):
            continue
        for pobj in tok.children:
            if pobj.dep_ == "pobj":
                found, depth = actors.inside(pobj, banned, max_depth=2, countries=no_country)
                if found:
                    return Found(found, "agent of the participle on the object", False)
    return NOTHING


def _target(
    tok: Token,
    anchor: Token,
    entry: Entry,
    actors: SentenceActors,
    lexicon: Lexicon,
    source: Found,
    nominal: bool,
) -> Found:
    banned = [a.index for a in source.actors]
    no_country = [a.country for a in source.actors if not _domestic_conflict(a, actors)]
    if entry.target_rule == "inquiry":
        no_country = []  # "the FBI opened an investigation into Trump's dealings with Russia": a state's own people
    if entry.target_rule == "ccomp":
        for c in children(tok, "ccomp"):
            subj, _, _ = subject_of(c, max_steps=1)
            if subj is not None:
                found, depth = actors.inside(subj, banned, max_depth=3, countries=no_country)
                if found:
                    return Found(found, "subject of the reported clause", depth <= 1)
    judging = _judges(entry)
    if judging and not nominal and tok.dep_ == "relcl" and object_of(tok) is None:
        for c in tok.head.children:  # "a UN report, which the junta rejected": the report's author
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                found, depth = actors.inside(c, banned, max_depth=1, countries=no_country)
                if found:
                    return Found(found, "author of the judged noun", depth <= 1)
    if not nominal:
        obj0 = object_of(tok)
        objs = ([obj0] if obj0 is not None else []) + children(tok, "dative", "iobj")
        record = lookup(entry.cameo or "")
        if record is not None and record.plover == "MOBILIZE":
            # what is deployed or moved (troops, warships) is never the target; a territory entered is
            objs = [o for o in objs if o.lemma_.lower() in TERRITORY_OBJECTS]
        for obj in objs:
            found = _object_actors(obj, actors, lexicon, banned, no_country, judging)
            if found.actors:
                return found
        for obj in dict.fromkeys(objs + children(tok, "dobj")):  # the parser may split one object in two
            found = _agent_of_object(obj, actors, banned, no_country)
            if found.actors:
                return found
        subj = clause_subject_object(tok) if obj0 is None or obj0.pos_ not in ("NOUN",) else None
        if "ccomp" in entry.needs and record is not None and record.plover == "REJECT":
            subj = None  # "denied that Russian fighters operate there": the denial answers the accusers
        if subj is not None and subj.lower_ not in PERSONAL_PRONOUNS:  # "X warned that it would ...": it = X
            found, depth = actors.inside(subj, banned, max_depth=2, countries=no_country)
            if found:
                return Found(found, "object of the complement", depth <= 1)
    order = tuple(entry.via) + tuple(v for v in (NOUN_VIA if nominal else VERB_VIA) if v not in entry.via)
    holders = [tok] if tok is anchor or entry.pos in ("A", "P") else [tok, anchor]
    if nominal:
        base = noun_base(tok)
        holders = list(dict.fromkeys([tok, base, *_worth(base), *([anchor] if anchor is not tok else [])]))
    if entry.pos == "P":
        holders = [anchor]
        for obj in children(tok, "pobj"):
            found = _object_actors(obj, actors, lexicon, banned, no_country, judging)
            if found.actors:
                return found
    for holder in holders:
        for pobj in preps(holder, order):
            if (pobj.head.lower_ == "by" and nominal) or pobj.lemma_.lower() in NOT_TARGETS:
                continue
            found = _object_actors(pobj, actors, lexicon, banned, no_country, judging)
            if found.actors:
                return Found(found.actors, f"object of '{pobj.head.lower_}'", found.direct)
    if nominal and tok is not anchor and noun_base(tok).dep_ == "pobj" and record_plover(entry) != "MOBILIZE":
        obj = object_of(anchor)  # "engaged gang members in a firefight": the light verb's object
        if obj is not None:
            found, depth = actors.inside(obj, banned, max_depth=2, countries=no_country)
            if found:
                return Found(found, "object of the light verb", depth <= 1)
    if nominal and tok is not anchor:
        for obj in children(anchor, "dative", "iobj"):
            found, depth = actors.inside(obj, banned, max_depth=2, countries=no_country)
            if found:
                return Found(found, "indirect object", depth <= 1)
    addressed = not nominal and (object_of(tok) is not None or bool(preps(tok, entry.via)))
    for xc in ([] if addressed else children(tok, "xcomp")):  # "called on them to allow strikes in X": not X
        obj = object_of(xc)
        phrases = ([obj] if obj is not None else []) + preps(xc, VERB_VIA + ("between",))
        for phrase in phrases:
            found, depth = actors.inside(phrase, banned, max_depth=2, countries=no_country)
            if found:
                return Found(found, "object of the complement", False)
    if entry.target_rule == "border":
        found_border = border_actors(tok.doc, actors, banned, no_country)
        if found_border:
            return Found(found_border, "across the border phrase", False)
    if entry.source_rule == "objmod":
        subj, passive, _ = subject_of(anchor)
        if subj is not None and not passive:
            found, depth = actors.inside(subj, banned, max_depth=3, countries=no_country)
            if found:
                return Found(found, "subject hosting the owner's mission", False)
    return NOTHING


def _worth(base: Token) -> list[Token]:
    """The quantity a nominal event is measured in, where a target phrase may hang:
    "a military aid package worth 500 million euros for Ukraine" -> "worth", "euros"."""
    out = []
    for c in base.children:
        if c.lower_ == "worth":
            out.append(c)
            out.extend(children(c, "npadvmod", "pobj", "dobj", "nummod"))
    return out


def record_plover(entry: Entry) -> str | None:
    record = lookup(entry.cameo or "")
    return record.plover if record else None


NON_STATE = frozenset({"REB", "INS", "OPP", "CVL", "PTY"})


def _domestic_conflict(source: Actor, actors: SentenceActors) -> bool:
    """Can the target be of the source's own country: is one side a non-state actor of that country
    ("M23 rebels ... fighting with Congolese troops", "army jets bombed RSF positions")?"""
    sectors = {a.ref.sector for a in actors.by_token.values() if a.country == source.country and a.index != source.index}
    mine = sector_of(source)
    if mine in NON_STATE:
        return any(s and s != mine for s in sectors)
    if mine in BRANCHES or mine in EXECUTIVE:  # "Congress asked the president": branches of one state
        return any(s in (EXECUTIVE if mine in BRANCHES else BRANCHES) for s in sectors) or any(s in NON_STATE for s in sectors)
    return any(s in NON_STATE for s in sectors)


# The branches of a state that act on its executive and are acted on by it ("the court ordered the ministry",
# "lawmakers urged the president"): two sides of one domestic event.
BRANCHES = frozenset({"LEG", "JUD"})
EXECUTIVE = frozenset({"GOV", "MIL", "COP", "SPY"})


JUDGING = frozenset({"ACCUSE", "SUPPORT", "REJECT", "AGREE"})


# Codes of those types that give or make something rather than judge it ("pledged support for X",
# "signed a pact with X", "established relations", "opened an embassy"): their object is searched through.
PROVIDING = ("031", "032", "033", "050", "054", "057")


def _judges(entry: Entry) -> bool:
    """Does this word judge another event (condemn, praise, reject)? Then its target is that event's actor."""
    record = lookup(entry.cameo or entry.negated or "")
    if record is None or record.code.startswith(PROVIDING):
        return False
    return record.plover in JUDGING


def _object_actors(
    obj: Token,
    actors: SentenceActors,
    lexicon: Lexicon,
    banned: list[int],
    no_country: list[str],
    judging: bool = True,
) -> Found:
    """Actors in an object phrase.

    An object that is itself an event ("condemned the attack on X") points at that event's
    actor when the trigger judges it; otherwise ("lifted sanctions on X") the search goes on
    into the object phrase.
    """
    direct = actors.at(obj)
    if direct is not None and direct.index not in banned and direct.country not in no_country:
        found, _ = actors.inside(obj, banned, max_depth=0, countries=no_country)
        return Found(found, "object", True)
    if obj.pos_ == "NOUN" and _is_event_noun(obj, lexicon, actors):
        for c in obj.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                found, depth = actors.inside(c, banned, max_depth=2, countries=no_country)
                if found:
                    return Found(found, "actor of the object event", depth <= 1)
        for pobj in preps(obj, ("by", "from")):
            found, _ = actors.inside(pobj, banned, max_depth=3, countries=no_country)
            if found:
                return Found(found, "actor of the object event", False)
        if judging:
            return NOTHING
    found, depth = actors.inside(obj, banned, max_depth=4, countries=no_country)
    if found:
        return Found(found, "in the object", depth <= 1)
    speaker = speaker_owning(obj)  # "Iran said Israel attacked its ship": the speaker's ship
    if speaker is not None:
        found, depth = actors.inside(speaker, banned, max_depth=1, countries=no_country)
        if found:
            return Found(found, "the speaker's own ('its' in the reported clause)", False)
    return NOTHING


def _is_event_noun(tok: Token, lexicon: Lexicon, actors: SentenceActors) -> bool:
    return bool(lexicon.candidates(tok.lemma_.lower(), tok.pos_))


def _wants(tok: Token, entry: Entry, lexicon: Lexicon, actors: SentenceActors, nominal: bool) -> str | None:
    """What earlier event could supply a missing target (resolved in :mod:`.stage`)."""
    record = lookup(entry.cameo or entry.negated or "")
    plover = record.plover if record else None
    if entry.needs and "rebuttal" in entry.needs:
        return "answer:charge"
    if plover == "REJECT" and "ccomp" in entry.needs:
        return "answer:charge"  # "denied that its troops had opened fire": answers the accusation
    if not nominal:
        obj = object_of(tok)
        if obj is not None and plover in ("REJECT", "AGREE", "CONCEDE", "RETREAT"):
            return f"answer:{obj.lemma_.lower()}"
        if (obj is not None and _judges(entry) and obj.pos_ == "NOUN" and _is_event_noun(obj, lexicon, actors)
                and _anaphoric(obj)):
            return f"event:{obj.lemma_.lower()}"
        if plover == "ACCUSE" and obj is None and tok.dep_ in ("relcl", "acl"):
            return "answer:"  # "a move Berlin condemned as retaliation": the act told in the main clause
        if plover == "ACCUSE" and obj is not None and obj.pos_ == "NOUN" and _anaphoric(obj):
            return "answer:"  # "condemned the resolution", "denounced the decision": the latest act against it
        if entry.target_rule == "context":
            for c in children(tok, "ccomp"):
                subj, _, _ = subject_of(c, max_steps=1)
                if subj is not None and subj.pos_ == "NOUN" and _is_event_noun(subj, lexicon, actors):
                    return f"event:{subj.lemma_.lower()}" if _anaphoric(subj) else None
            return "attacker:material" if "modal" in entry.needs else "attacker"
    if plover in ("REJECT", "AGREE", "CONCEDE", "RETREAT"):
        return "answer:"
    return None


def _at_home(tok: Token, source: Found, actors: SentenceActors) -> Found:
    """``target=home``: a state's measure on what is no actor ("China has banned online sales of the Bible",
    "Iran bans satellite dishes") acts on its own country. Only a state as the source, and only an object with no
    actor in it (an actor named in it is the target the usual way)."""
    obj = object_of(tok) or next(iter(children(tok, "nsubjpass")), None)  # "the prisoners were released by X"
    if obj is None or actors.inside(obj, max_depth=3)[0] or len(source.actors) != 1:
        return NOTHING
    knowledge = load_knowledge()
    if any(t.text[:1].isupper() and knowledge.state_adjective(t.text.lower()) for t in obj.subtree):
        return NOTHING  # "banned Georgian wine": the goods are another country's (the learned engine reads them)
    state = source.actors[0]
    if state.ref.sector not in (None, "GOV", "LEG", "JUD") or state.pronoun:
        return NOTHING
    ref = ActorRef(country=state.country)
    return Found((Actor(-1, state.country, ref, False),), f"at home: a measure of '{state.ref.text}' on no actor named",
                 False)


def _patient(verb: Token) -> Token | None:
    """Who a verb acts on: its object, else its passive subject, read for what it counts ("dozens of protesters")."""
    obj = object_of(verb) or next(iter(children(verb, "nsubjpass")), None)
    return counted(obj) if obj is not None else None


ANAPHORIC = frozenset({"the", "these", "those", "such", "this", "that", "last", "latest", "recent", "today"})


def _anaphoric(noun: Token) -> bool:
    """Does the noun phrase point back at an event told before ("the exercises", "such attacks")?"""
    return any(c.lower_ in ANAPHORIC for c in noun.children if c.dep_ in ("det", "amod", "predet", "poss"))


def sentence_candidates(
    sent_doc: Any,
    base: int,
    actors: SentenceActors,
    lexicon: Lexicon,
    places: tuple[Place, ...] = (),
) -> list[Candidate]:
    """Every event candidate the lexicon finds in one parsed sentence."""
    out: list[Candidate] = []
    for tok in sent_doc:
        lemma = tok.lemma_.lower()
        if lemma not in lexicon.entries and tok.lower_ not in lexicon.entries:
            continue
        entry = _entry_for(lexicon, tok, actors)
        if entry is None:
            continue
        anchor, presupposed = _anchor(tok, entry, lexicon)
        negated = is_negated(anchor, tok)
        cameo = entry.cameo
        absorb = "modal" in entry.needs  # "would respond" is the threat itself
        notes = [f"lexicon '{entry.label}' {entry.where}"]
        if negated:
            if entry.negated == "drop":
                continue
            if entry.negated:
                cameo, absorb = entry.negated, True
                notes.append(f"negated form coded {cameo}")
        if cameo is None:
            continue
        nominal = entry.pos == "N"
        source, passive_target = _source(tok, anchor, entry, actors, nominal, lexicon)
        target = passive_target if passive_target.actors else _target(
            tok, anchor, entry, actors, lexicon, source, nominal
        )
        joint_act = entry.reciprocal and len({a.country for a in source.actors}) >= 2
        if not target.actors and not joint_act:  # "X and Y met in Kazan": the venue is not a party
            target = place_target(tok, anchor, entry, base, places, source, nominal)
        if not target.actors and entry.target_rule == "home":
            target = _at_home(tok, source, actors)
        if not target.actors and entry.target_rule == "held" and not nominal:
            target = held_target(tok, _patient(tok), base, places, source)
        if not target.actors and entry.target_rule == "inquiry":
            target = inquiry_target(tok, base, places, source, nominal)
        if not target.actors and entry.target_rule == "appeal" and not nominal:
            target = appeal_target(tok, base, places, source)
        if entry.swap and source.actors and target.actors:  # "received weapons from X": X gives
            source, target = (Found(target.actors, f"{target.how} (giver)", target.direct),
                              Found(source.actors, f"{source.how} (receiver)", source.direct))
        if not negated and source.how == BESIDE and is_negated(noun_base(tok).head.head, noun_base(tok).head.head):
            # "said it would not participate in talks with Russia": the talks it takes part in are refused
            if entry.negated == "drop":
                continue
            negated = True
            if entry.negated:
                cameo, absorb = entry.negated, True
            notes.append(f"the verb beside it is negated ('{noun_base(tok).head.head.text}')")
        if cameo == "042" and tok.lemma_.lower() in ARRIVING:
            mover = subject_of(anchor)[0]
            if mover is not None and mover.lemma_.lower() in VEHICLES:
                continue  # "six trucks travelling from Iran to Syria": goods moved, no one's visit
            # forces named by a noun; a person named ("Dunkerson traveled to Guatemala") makes a trip, whatever
            # sector the actors stage gave him
            forces = mover is not None and mover.pos_ == "NOUN" and bool(source.actors)
            if forces and all("peacekeep" in (a.ref.text or "").lower() for a in source.actors):
                cameo = "074"  # "Bangladeshi peacekeeping troops arrived in Sierra Leone": peacekeeping provided
                notes.append("peacekeepers arriving: peacekeeping (074), not a visit")
            elif forces and all(a.ref.sector == "MIL" for a in source.actors):
                cameo = "154"  # "Russian troops arrived in Belarus": forces moved abroad, a deployment
                notes.append("forces arriving: a deployment (154), not a visit")
        if (record_plover(entry) == "MOBILIZE" and target.actors and target.how == "object of 'to'"
                and supportive(tok)):
            cameo = "074"
            notes.append("forces sent to help the target: 074")
        if source.how == BESIDE:  # "said it would take part in talks with X": the verb beside it carries the tense
            beside = noun_base(tok).head.head
            modality = modality_of(beside, beside, sent_doc, lexicon.cues, nominal_presupposed=False,
                                   absorb_modal=absorb)
        else:
            modality = modality_of(anchor, tok, sent_doc, lexicon.cues, nominal_presupposed=presupposed,
                                   absorb_modal=absorb)
        if negated and not absorb:
            modality = Modality("negated", modality.attribution, modality.cues + ("not",))
        elif source.how == CLAIMED and modality.value == "asserted":  # the attacker's own word for it
            modality = Modality("claimed", modality.attribution, modality.cues + ("claimed responsibility",))
        wants = None if target.actors else _wants(tok, entry, lexicon, actors, nominal)
        out.append(Candidate(entry, cameo, tok, anchor, source, target, modality, notes, wants))
    for cand in out:
        if STRENGTH[cand.modality.value] < STRENGTH["hypothetical"] and embedded_in(cand, out):
            cand.modality = Modality("hypothetical", cand.modality.attribution, cand.modality.cues + ("threat/request",))
    for cand in out:
        if not cand.target.actors:
            borrow_target(cand, out)
    return out
