"""Reading participants off a dependency parse: who is the subject, who the object.

Works on one parsed sentence (a spaCy ``Doc`` from
:func:`flashpoint.stages.nlp.parse_sentences`) and the actor mentions that fall in
it. Token offsets in the parsed copy are relative to the sentence; ``base`` turns
them back into article offsets.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ...records import ActorRef, Mention

Token = Any  # spaCy Token; typed loosely to keep spaCy out of the signatures

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
CLIMB_FOR_SUBJECT = ("xcomp", "conj", "pcomp", "acomp", "prep", "advcl", "oprd")
# What happens, not who acts: a noun of these never stands as an event's source ("an earthquake killed
# hundreds", "the blast tore through the market", "the crash left four people hurt"). An attack with such
# a subject is told without its attacker, and is kept only beside a word for the attack itself.
HAPPENINGS = frozenset({
    "explosion", "blast", "fire", "death", "earthquake", "quake", "flood", "flooding", "storm", "hurricane",
    "typhoon", "cyclone", "tornado", "tsunami", "landslide", "mudslide", "avalanche", "wildfire", "blaze", "drought",
    "heatwave", "snow", "snowstorm", "rain", "crash", "collision", "accident", "derailment", "disease", "virus",
    "outbreak", "epidemic", "pandemic", "poisoning", "eruption"})
# What nature or mishap does: an event whose doer is one of these has no political actor behind it.
NATURAL_CAUSES = HAPPENINGS - {"explosion", "blast", "fire", "death", "blaze"}
# Verbs and nouns of looking into an act: who investigates an attack did not carry it out
# ("Russia will investigate the attack on its embassy", "Kenya opened an inquiry into the killing").
INQUIRING = frozenset({"investigate", "probe", "examine", "review", "study", "document", "inspect"})
INQUIRIES = frozenset({"investigation", "probe", "inquiry", "enquiry", "inquest", "review", "study"})
# Accidents an inquiry may look into without anyone being accused ("police are investigating a crash").
ACCIDENTS = frozenset({"crash", "collision", "accident", "derailment", "fire", "blaze", "poisoning", "outbreak",
                       "drowning", "collapse", "leak", "spill", "wreck"})
# "Russia said Ukraine attacked its airbase": a thing a reported act hits that is "its" is the speaker's
OWNING = frozenset({"its", "their"})
SAYING_VERBS = frozenset({"say", "tell", "report", "claim", "allege", "state", "add", "announce", "confirm", "insist",
                          "write", "note", "reply", "respond", "declare", "warn"})


def speaker_owning(obj: Token) -> Token | None:
    """The subject of the verb that reports the clause in which ``obj`` is "its X" or "their X" ("Iran said
    Israel struck its tanker": Iran). The owner of a thing an attacker hits is not the attacker (its own base
    struck would be no attack), so the pronoun is the speaker's. None when no speaker reports the clause."""
    owner = next((c for c in obj.children if c.dep_ == "poss" and c.lower_ in OWNING), None)
    if owner is None:
        return None
    verb = obj.head if obj.head.pos_ in ("VERB", "AUX") else obj.head.head
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    if owner.lower_ == "their" and any(d.tag_ in ("NNS", "NNPS") or d.conjuncts for d in doers):
        return None  # "said some civilians set fire to their homes": their own
    tok = obj
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in SAYING_VERBS:
            return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        tok = tok.head
    return None


# nouns of a relation between two parties: a country modifying them is the one related to, not the referent
RELATIONAL = frozenset({"ally", "partner", "neighbour", "neighbor", "proxy", "client", "rival", "foe", "enemy",
                        "adversary", "friend", "protege", "satellite", "vassal"})
BFS_SKIP = frozenset({"relcl", "advcl", "ccomp", "punct", "cc", "mark", "parataxis", "csubj", "dep"})
# verbs whose subject, not their object, does the act of their "to" clause: promises ("promised Kyiv to send
# tanks") and means put to a purpose ("will use armoured units to conduct manoeuvres", "sent troops to secure")
SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten", "offer", "use", "employ", "send", "deploy",
                             "dispatch", "mobilize", "mobilise", "spend", "take", "need", "have", "get", "bring"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})
PERSONAL_PRONOUNS = frozenset({"it", "its", "they", "their", "he", "his", "she", "her", "we", "our"})
# Nouns that name an accusation another actor made ("a charge Kigali denies").
CHARGE_NOUNS = frozenset({"charge", "accusation", "allegation", "claim", "assertion", "report", "criticism"})
BORDER_WORDS = frozenset({"border", "frontier", "boundary", "borders", "frontiers", "crossing", "crossings"})
# Nouns that hold an event without being one: "hundreds of air strikes", "a wave of attacks",
# "60 million dollars in aid", "the text of a peace agreement", "the highest state of readiness".
CONTAINER_NOUNS = frozenset({
    "hundred", "hundreds", "dozen", "dozens", "score", "scores", "thousand", "thousands", "series", "wave",
    "string", "spate", "round", "rounds", "barrage", "number", "flurry", "volley", "salvo", "couple", "package",
    "text", "draft", "terms", "state", "level", "dollar", "dollars", "euro", "euros", "pound", "pounds", "yuan",
    "yen", "rouble", "roubles", "million", "billion", "amount", "batch", "tranche", "set", "shipment", "shipments",
    "consignment", "bout", "resumption", "start", "outbreak", "escalation",
})


@dataclass(frozen=True, slots=True)
class Actor:
    """A mention that can take part in an event: it has a country."""

    index: int  # position in Doc.mentions
    country: str
    ref: ActorRef
    pronoun: bool  # resolved through Mention.ref


def sector_of(actor: Actor) -> str | None:
    """The actor's sector; a people ("thousands of Iraqis": a plural nationality noun with no sector) counts as
    civilians (CVL), a side of its own against the state."""
    if actor.ref.sector is not None:
        return actor.ref.sector
    words = (actor.ref.text or "").split()
    # one plural word that is not the country's own name ("the Philippines", "the Bahamas" stay states)
    people = len(words) == 1 and words[0].endswith("s") and words[0][:1].isupper() and (
        actor.ref.name or "").lower() not in (words[0].lower(), f"the {words[0].lower()}")
    return "CVL" if people else None


@dataclass(frozen=True, slots=True)
class Found:
    """Actors found for one role, and how directly they were attached."""

    actors: tuple[Actor, ...]
    how: str
    direct: bool


NOTHING = Found((), "", False)


def usable_actors(mentions: Sequence[Mention]) -> list[Actor | None]:
    """One Actor per mention (None when no country can be had), pronouns resolved via ``ref``."""
    out: list[Actor | None] = []
    for i, m in enumerate(mentions):
        source, pronoun = m, False
        seen = {i}
        while source.ref is not None and 0 <= source.ref < len(mentions) and source.ref not in seen:
            seen.add(source.ref)
            source, pronoun = mentions[source.ref], True
        if not source.country:
            out.append(None)
            continue
        ref = ActorRef(
            country=source.country,
            sector=source.sector,
            name=source.name,
            entity=source.entity,
            text=m.text,
            start=m.start,
            end=m.end,
        )
        out.append(Actor(i, source.country, ref, pronoun))
    return out


MADE = frozenset({"made", "built", "manufactured", "designed", "produced", "supplied"})


def _maker(tok: Token) -> bool:
    """Does the word name who made a thing ("Chinese-made rifles", "a Russian-built jet")? The maker is no side."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in MADE


class SentenceActors:
    """Which parsed tokens belong to which actor mention."""

    def __init__(self, sent_doc: Any, base: int, mentions: Sequence[Mention], actors: Sequence[Actor | None]) -> None:
        self.by_token: dict[int, Actor] = {}
        # mentions sharing one span stand for a pair ("the two countries"): each brings the other along
        self.partners: dict[int, list[Actor]] = {}
        end_of_sentence = base + (sent_doc[-1].idx + len(sent_doc[-1].text_with_ws) if len(sent_doc) else 0)
        spans: dict[tuple[int, int], list[Actor]] = {}
        for m, actor in zip(mentions, actors, strict=True):
            if actor is None or m.end <= base or m.start >= end_of_sentence:
                continue
            spans.setdefault((m.start, m.end), []).append(actor)
            for tok in sent_doc:
                t_start = base + tok.idx
                if t_start < m.end and t_start + len(tok.text) > m.start:
                    self.by_token.setdefault(tok.i, actor)
        for group in spans.values():
            if len(group) > 1:
                for actor in group:
                    self.partners[actor.index] = [a for a in group if a is not actor]

    def __bool__(self) -> bool:
        return bool(self.by_token)

    def at(self, tok: Token) -> Actor | None:
        return self.by_token.get(tok.i)

    def inside(
        self,
        tok: Token,
        exclude: Iterable[int] = (),
        max_depth: int = 4,
        countries: Iterable[str] = (),
        expand: bool = True,
    ) -> tuple[tuple[Actor, ...], int]:
        """Actors in the phrase headed by ``tok``: the nearest one and its conjuncts, with its depth.

        ``exclude`` bans mention indexes and ``countries`` bans countries (a target is never the
        source's own country). At equal depth a named actor beats a pronoun.
        """
        banned = set(exclude)
        no_country = set(countries)
        queue: deque[tuple[Token, int]] = deque([(tok, 0)])
        pending: tuple[Token, Actor, int] | None = None
        while queue:
            cur, depth = queue.popleft()
            if pending is not None and depth > pending[2]:
                break
            named = self._named_relation(cur, banned, no_country)
            if named is not None:  # "a fellow US ally, Qatar", "Washington's ally Japan": the one named
                return ((self._with_conjuncts(named[0], named[1], banned) if expand else (named[1],)), depth)
            actor = self.at(cur)
            if actor is not None and actor.index not in banned and actor.country not in no_country and not _maker(cur):
                if not actor.pronoun:
                    return (self._with_conjuncts(cur, actor, banned) if expand else (actor,)), depth
                if pending is None:
                    pending = (cur, actor, depth)
            if depth >= max_depth:
                continue
            for child in cur.children:
                if child.dep_ not in BFS_SKIP:
                    queue.append((child, depth + 1))
        if pending is not None:
            grown = self._with_conjuncts(pending[0], pending[1], banned) if expand else (pending[1],)
            return grown, pending[2]
        return (), -1

    def _named_relation(self, tok: Token, banned: set[int], no_country: set[str]) -> tuple[Token, Actor] | None:
        """A noun of relation with its referent named in apposition ("a close US partner in the region, Oman",
        "Washington's ally Japan"): the actor is the one named, not the one it is related to ("US")."""
        if tok.lemma_.lower() not in RELATIONAL or tok.pos_ not in ("NOUN", "PROPN") or self.at(tok) is not None:
            return None
        for t in tok.subtree:
            if t.dep_ != "appos" or t.i - tok.i > 8:
                continue
            actor = self.at(t)
            if actor is not None and actor.index not in banned and actor.country not in no_country:
                return t, actor
        return None

    def _with_conjuncts(self, tok: Token, actor: Actor, banned: set[int]) -> tuple[Actor, ...]:
        found = [actor] + [a for a in self.partners.get(actor.index, ()) if a.index not in banned]
        head = tok
        while head.dep_ in ("compound", "amod", "poss", "nmod") and self.at(head.head) is actor:
            head = head.head
        coordinated = [t for c in head.children if c.dep_ in ("amod", "compound", "nmod") and _conjuncts(c)
                       for t in (c, *_conjuncts(c))]  # "the Indian and Pakistani ministers"
        for other in coordinated:
            extra = self.at(other)
            if extra is not None and extra.index not in banned and all(extra.index != a.index for a in found):
                found.append(extra)
        for other in _conjuncts(head):
            extra = self.at(other)
            if extra is None:
                nested, depth = self.inside(other, banned, max_depth=1, expand=False)
                extra = nested[0] if nested and depth <= 1 else None
            if extra is not None and extra.index not in banned and all(extra.index != a.index for a in found):
                found.append(extra)
        return tuple(found)


def _conjuncts(tok: Token) -> list[Token]:
    try:
        out = list(tok.conjuncts)
    except (AttributeError, ValueError):
        return []
    for c in tok.children:
        # "The US, Russia, and Switzerland met": the parser reads a list with a comma before "and" as an
        # apposition ("Russia") carrying the rest of the list; an apposition with its own "and" is a list item
        if c.dep_ == "appos" and any(g.dep_ == "cc" for g in c.children):
            out += [c, *(g for g in c.conjuncts if g not in out)]
    if tok.dep_ == "nsubj":  # "Egypt, Jordan, and Iraq met": the last item read as a second subject of the verb
        for other in tok.head.children:
            if other.dep_ == "nsubj" and other.i != tok.i and other not in out:
                out += [other, *(g for g in other.conjuncts if g not in out and g.i != tok.i)]
    return out


list_items = _conjuncts  # the words coordinated with a word, lists parsed as appositions included


# how a verb reaches what it is done to: its object, a preposition's object ("fired on"), or the possessor of
# either ("expelled each other's diplomats", "23 of the other's diplomats")
_REACH = frozenset({"dobj", "obj", "dative", "prep", "pobj", "poss"})
COLLECTIVE = frozenset({"each", "both"})  # "each country", "both sides": a subject that is two parties at once


def mutual_object(verb: Token) -> Token | None:
    """The reciprocal a verb is done to: "accused each other", "fired on one another", "expelled each other's
    diplomats", and "the other" after a subject that is both parties ("both sides accused the other")."""
    subject, _, _ = subject_of(verb)
    collective = subject is not None and any(c.lower_ in COLLECTIVE for c in subject.children if c.dep_ == "det")
    todo = [c for c in verb.children if c.dep_ in _REACH]
    for _ in range(4):  # "expelled 23 of the other's diplomats": dobj, prep, pobj, poss
        found, nxt = None, []
        for tok in todo:
            dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
            each_other = tok.lower_ == "other" and ("each" in dets or "the" in dets and collective)
            if each_other or tok.lower_ == "one" and "another" in dets:  # "one another"
                found = tok
            # (a curly "other’s" is often parsed as an adjective: its possessive mark says what it is)
            nxt += [c for c in tok.children if c.dep_ in _REACH or c.lower_ == "other" and c.i + 1 < len(c.doc)
                    and c.nbor(1).lower_ in ("'s", "’s")]
        if found is not None:
            return found
        todo = nxt
    return None


def collective_subject(verb: Token) -> bool:
    """"Each country has expelled ...", "both sides accused ...", "the two countries": a subject that names the
    parties only as a pair, which the sentences before have named."""
    subject, _, _ = subject_of(verb)
    if subject is None or subject.pos_ not in ("NOUN", "PRON"):
        return False
    return any(c.lower_ in COLLECTIVE or c.lower_ == "two" and c.dep_ == "nummod" for c in subject.children) or (
        subject.lower_ == "both")


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def preps(tok: Token, names: Iterable[str]) -> list[Token]:
    """Prepositional objects of ``tok`` introduced by ``names`` (in that order of preference)."""
    out = []
    kids = [c for c in tok.children if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP"]
    for name in names:
        for p in kids:
            if p.lower_ == name:
                out.extend(children(p, "pobj", "pcomp"))
    return out


def first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def subject_of(verb: Token, max_steps: int = 5) -> tuple[Token | None, bool, int]:
    """The subject phrase of ``verb``, climbing control and coordination; (token, passive, steps)."""
    cur = verb
    raised = False  # climbed from a "to" clause: "Putin is expected to visit China" (Putin visits)
    for steps in range(max_steps):
        subj = children(cur, *SUBJECTS)
        if subj:
            s = subj[0]
            if s.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
                return cur.head, False, steps + 1
            if raised:  # the clause's own voice decides: "is expected to be attacked" stays passive
                return s, any(c.dep_ == "auxpass" for c in verb.children), steps
            return s, s.dep_ == "nsubjpass", steps
        if cur.dep_ in ("relcl", "acl") and cur.head is not cur:
            # "a senator accused of financing gangs": a past participle on a noun is passive
            return cur.head, cur.dep_ == "acl" and cur.tag_ == "VBN", steps + 1
        if cur.dep_ == "pcomp" and cur.head.lower_ in ("of", "for") and cur.head.head is not cur.head:
            governor = cur.head.head
            controller = children(governor, "dobj", "obj")
            if controller:  # object control: "accused Iran of smuggling", "thanked X for helping"
                return controller[0], False, steps + 1
            if governor.dep_ == "relcl" and governor.head is not governor:
                return governor.head, False, steps + 1  # "people it accuses of collaborating": the people
        if cur.dep_ == "xcomp" and cur.head is not cur and cur.head.lemma_.lower() not in SUBJECT_CONTROL:
            controller = children(cur.head, "dobj", "obj")
            if controller:  # object control: "ordered Britain to reduce its staff", "urged Iran to release"
                return controller[0], False, steps + 1
        if cur.dep_ in CLIMB_FOR_SUBJECT and cur.head is not cur:
            raised = raised or (cur.dep_ == "xcomp" and cur.head.tag_ == "VBN"
                                and any(c.dep_ == "auxpass" for c in cur.head.children))
            cur = cur.head
            continue
        break
    return None, False, 0


def object_of(verb: Token) -> Token | None:
    """The direct object, shared from a later coordinated verb when missing ("shot down and captured X")."""
    objs = children(verb, "dobj", "obj")
    if objs:
        return objs[0]
    for conj in children(verb, "conj"):
        if conj.pos_ in ("VERB", "AUX") and not children(conj, "nsubj", "nsubjpass"):
            objs = children(conj, "dobj", "obj")
            if objs:
                return objs[0]
    return None


def detached(tok: Token) -> bool:
    """A clause the parser hung on a later verb as its complement though a semicolon stands between them
    ("Israel strikes Hezbollah targets; Iran warns of response"): two statements, not one said in the other."""
    head = tok.head
    return (tok.dep_ in ("ccomp", "parataxis") and tok.i < head.i
            and any(t.text == ";" for t in tok.doc[tok.i:head.i]))


def clause_subject_object(verb: Token) -> Token | None:
    """The subject of a complement clause ("wants Azerbaijan to abandon", "alleges that X has"). A clause
    before the verb is no complement of it but a parallel one the parser hung there ("The U.S. has
    expelled 60 diplomats, Ukraine has expelled 13": the U.S. is not what Ukraine expelled)."""
    for c in children(verb, "ccomp", "xcomp"):
        if c.i < verb.i or c.lemma_ == verb.lemma_:
            continue
        subj = children(c, "nsubj", "nsubjpass")
        if subj:
            return subj[0]
    return None


def left_lemmas(tok: Token) -> set[str]:
    """Lower-case lemmas and words of everything left of a noun inside its phrase."""
    out: set[str] = set()
    for left in tok.lefts:
        for t in left.subtree:
            out.add(t.lemma_.lower())
            out.add(t.lower_)
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod"):
            out.add(c.lemma_.lower())
    return out


def border_actors(
    sent_doc: Any, actors: SentenceActors, exclude: Iterable[int], countries: Iterable[str] = ()
) -> tuple[Actor, ...]:
    """The actor across a border phrase: "on the border with X", "X's border", "the Armenia-Iran border"."""
    banned = set(exclude)
    no_country = set(countries)
    for tok in sent_doc:
        if tok.lower_ not in BORDER_WORDS:
            continue
        for p in children(tok, "prep"):
            if p.lower_ in ("with", "of", "between"):
                for obj in children(p, "pobj"):
                    found, _ = actors.inside(obj, banned, max_depth=2, countries=no_country)
                    if found:
                        return found
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                for t in c.subtree:
                    actor = actors.at(t)
                    if actor is not None and actor.index not in banned and actor.country not in no_country:
                        return (actor,)
    return ()


def phrase_text(tok: Token, limit: int = 80) -> str:
    """The text of a phrase headed by ``tok``, cut before appositions and relative clauses."""
    words = [t for t in tok.subtree]
    cut = len(words)
    for i, t in enumerate(words):
        if t.i > tok.i and (t.dep_ in ("appos", "relcl", "acl") or t.text in (",", "(", "–", "—")):
            cut = i
            break
    text = "".join(t.text_with_ws for t in words[:cut]).strip()
    return text[:limit]


def is_rebuttal(tok: Token) -> bool:
    """A denial of a charge named in the sentence: "a charge Kigali denies", "an accusation X rejected".

    The charge noun is the head of the denial's relative clause, the object, or (a common
    misparse) a compound or determiner inside the denial's subject phrase.
    """
    if tok.dep_ in ("relcl", "acl") and tok.head.lemma_.lower() in CHARGE_NOUNS:
        return True
    for obj in children(tok, "dobj", "obj"):
        if obj.lemma_.lower() in CHARGE_NOUNS:
            return True
    for subj in children(tok, "nsubj", "nsubjpass"):
        if any(c.lemma_.lower() in CHARGE_NOUNS for c in subj.children if c.dep_ in ("compound", "det", "amod", "nmod")):
            return True
    return False


def pronoun_subject(subj: Token | None) -> bool:
    """Is the subject phrase a pronoun, or owned by one ("it", "its air defences", "their forces")?"""
    if subj is None:
        return True
    if subj.lower_ in PERSONAL_PRONOUNS:
        return True
    return any(c.dep_ == "poss" and c.lower_ in PERSONAL_PRONOUNS for c in subj.children)


def noun_base(tok: Token) -> Token:
    """The noun phrase a nominal trigger stands in: "aid" in "an aid package" -> "package"; through a
    container noun: "strikes" in "hundreds of air strikes" -> "hundreds", "aid" in "60 million dollars in
    aid" -> "dollars"."""
    for _ in range(4):
        while tok.dep_ == "compound" and tok.head is not tok and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
        tok = first_conjunct(tok)
        prep = tok.head
        if (tok.dep_ == "pobj" and prep.lower_ in ("of", "in") and prep.head is not prep
                and prep.head.pos_ in ("NOUN", "NUM", "PROPN")
                and (prep.head.lower_ in CONTAINER_NOUNS or prep.head.lemma_.lower() in CONTAINER_NOUNS)):
            tok = prep.head
            continue
        break
    return tok
