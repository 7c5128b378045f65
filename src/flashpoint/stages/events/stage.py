"""The events stage: sentences with actors become coded events, by a learned model and by rules.

Two engines read the same parsed sentences (``parse_sentences``, one batch per article: every
sentence with at least one actor mention):

* the **model** (:mod:`.learned`): a network trained on broad data (``make train-events``) finds
  the words that carry an event, types them (PLOVER, CAMEO root, modality), and a second network
  picks source and target among the sentence's actors; :mod:`.learned.decode` turns that into
  events, with the country where things happen for actors the text gives no country;
* the **rules** (:mod:`.rules`): the hand-written predicate lexicon and dependency rules, a
  high-precision path for the constructions they know.

``Settings.events_engine`` picks ``model``, ``rules`` or ``both`` (the default); with both, an
event the two engines agree on (same sentence, source and target country, type) is kept once,
as the rules wrote it. Each event's ``reason`` names the engine: the model and its score, or
the lexicon line. A third, small reader (:mod:`.accusations`) adds the accusation in "Britain says
Russia was behind the poisoning", which neither engine reads as an event with a doer.

The rules path fans each candidate from :mod:`.rules` out to one event per (source, target)
pair, then cleans up:

* a refusal without a target answers the request made in the same or the
  previous sentence ("pressing Armenia to allow ..., which Armenia has not
  accepted" -> Armenia REJECT the requesters);
* an event needs a source and a target country; events whose source and
  target are the same country are dropped unless the lexicon entry allows it;
* coordinated trigger verbs sharing one object yield one event ("shot down
  and captured several drones");
* the same (source, target, type, modality) in one sentence is kept once.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import Any

from ...config import Settings
from ...errors import ConfigError
from ...ontology import lookup
from ...records import ActorRef, Doc, Event, Mention, Place, Span
from ..nlp import lemma_candidates, parse_sentences, token_table
from .accusations import CULPABLE, HOSTILE_ACTS, culpability_accusations
from .agreements import AGREEING, agreement_events, names_agreement
from .demands import ASKING, SAYING, reported_demands
from .fallback import extra_mentions, pair_mentions
from .launches import fire_from, names_fire
from .learned.decode import ArticleContext, cameo_for_modality, trigger_events
from .learned.features import SentenceView
from .learned.flat import FlatSentence, flat_sentence
from .learned.model import EventModel, Trigger, load_model
from .lexicon import Lexicon, load_lexicon
from .meetings import meeting_events, names_meeting
from .misreads import misread
from .protests import CROWDS, PROTEST_NOUNS, protest_events
from .rules import BRANCHES, EXECUTIVE, Candidate, sentence_candidates
from .seizures import DESTROYING, FINDING, TAKING, WEAPONS, weapon_seizures
from .syntax import Actor, Found, SentenceActors, sector_of, usable_actors

RESPONSES = frozenset({"REJECT", "AGREE", "CONCEDE", "RETREAT"})
ASKS = frozenset({"REQUEST", "COERCE", "THREATEN"})


class EventsStage:
    name = "events"
    reads: tuple[str, ...] = ("article", "sentences", "entities", "nlp", "mentions", "places")
    writes: tuple[str, ...] = ("events",)

    def __init__(self, settings: Settings | None = None, lexicon: Lexicon | None = None) -> None:
        self.settings = settings or Settings()
        self.lexicon = lexicon or load_lexicon()
        engine = self.settings.events_engine
        if engine not in ENGINES:
            raise ConfigError(f"events_engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        self.model = load_model() if engine in ("model", "both") else None
        self.rules = engine in ("rules", "both")

    def __call__(self, doc: Doc) -> Doc:
        if doc.nlp is None:
            return doc.replace(events=())
        threshold = self.settings.event_threshold
        events = extract_events(doc, self.lexicon, self.model, self.rules, threshold)
        if self.model is not None and doc.article.title:
            events = self._headline(doc, threshold) + events
        return doc.replace(events=tuple(events))

    def _headline(self, doc: Doc, threshold: float) -> list[Event]:
        """Events of the headline, read by both engines (as configured) as a sentence of its own.

        The headline is not part of the article's clean text (``Article.title`` holds it), so its
        events carry the headline as evidence with the empty span (0, 0) and actors without offsets;
        their reason says so. Countries the headline leaves open come from the article.
        """
        from ..actors import ActorsStage
        from ..nlp import TITLE_KEY, NLPStage
        from ..places import PlacesStage

        title = doc.article.title or ""
        if _words(doc.article.text[: len(title) + 40]).startswith(_words(title)):
            return []  # the body opens with the headline: its events are the first sentence's, with their span
        head = Doc(article=dataclasses.replace(doc.article, text=title, title=None, dateline=None))
        sdoc = doc.nlp.user_data.get(TITLE_KEY) if doc.nlp is not None else None
        ready = sdoc is not None and sdoc.text == title
        head = ActorsStage(self.settings)(NLPStage._fill(head, sdoc) if ready else NLPStage(self.settings)(head))
        head = PlacesStage(self.settings)(head)  # where the headline puts things ("killed ... in Syria")
        found = extract_events(head, self.lexicon, self.model, self.rules, threshold, context=ArticleContext(doc, headline=True, head=head))
        out = []
        for e in found:
            out.append(dataclasses.replace(
                e, start=0, end=0, evidence=title, reason="headline; " + e.reason,
                source=dataclasses.replace(e.source, start=None, end=None),
                target=dataclasses.replace(e.target, start=None, end=None) if e.target else None))
        return out


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


ENGINES = ("model", "rules", "both")


def _mentions_by_sentence(
    doc: Doc, mentions: Sequence[Mention], actors: Sequence[Actor | None]
) -> Iterator[tuple[Span, list[Mention], list[Actor | None]]]:
    pairs = sorted(zip(mentions, actors, strict=True), key=lambda p: p[0].start)
    i = 0
    for sent in doc.sentences:
        while i < len(pairs) and pairs[i][0].end <= sent.start:
            i += 1
        j = i
        while j < len(pairs) and pairs[j][0].start < sent.end:
            j += 1
        inside = pairs[i:j]
        yield sent, [m for m, _ in inside], [a for _, a in inside]


def _inside_each(sentences: Sequence[Span], mentions: Sequence[Mention]) -> list[list[tuple[int, Mention]]]:
    """For each sentence, the (index, mention) pairs of the mentions that overlap it, in index order:
    one sort and two binary searches per sentence, not a pass over every mention per sentence."""
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    starts = [mentions[k].start for k in order]
    longest = max((m.end - m.start for m in mentions), default=0)
    found = []
    for sent in sentences:
        window = order[bisect.bisect_left(starts, sent.start - longest):bisect.bisect_left(starts, sent.end)]
        found.append([(k, mentions[k]) for k in sorted(window) if mentions[k].end > sent.start])
    return found


def _has_trigger(doc: Doc, sent: Span, lexicon: Lexicon) -> bool:
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    lemmas = lexicon.entries
    words = token_table(doc.nlp).lower[span.start : span.end]
    return any(w in lemmas or not lemma_candidates(w).isdisjoint(lemmas) for w in words)


def _lays_blame(doc: Doc, sent: Span) -> bool:
    """Does the sentence say someone was behind / responsible for / involved in an act (read by
    :func:`.accusations.culpability_accusations`)?"""
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    table = token_table(doc.nlp)
    words = set(table.lower[span.start : span.end])
    return not words.isdisjoint(CULPABLE) and not words.isdisjoint(HOSTILE_ACTS)


def _takes_arms(doc: Doc, sent: Span) -> bool:
    """Does the sentence name weapons and a verb of taking or finding them (read by
    :func:`.seizures.weapon_seizures`)?"""
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    words = set(token_table(doc.nlp).lower[span.start : span.end])
    verbs = TAKING | FINDING | DESTROYING
    return any(w in WEAPONS or w.removesuffix("s") in WEAPONS for w in words) and any(
        not lemma_candidates(w).isdisjoint(verbs) for w in words)


def _tells_protest(doc: Doc, sent: Span) -> bool:
    """Does the sentence name a protest or a crowd (read by :func:`.protests.protest_events`)?"""
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    words = set(token_table(doc.nlp).lower[span.start : span.end])
    nouns = (PROTEST_NOUNS - {"march"}) | CROWDS  # "march" is also the month: "marchers" and "marches" still count
    return any(w in nouns or w.removesuffix("s") in nouns or w == "marches" for w in words)


OBLIGING = frozenset({"has", "have", "had", "need", "needs"})  # before "to": "has to withdraw", "needs to talk"


def _asks_of_another(doc: Doc, sent: Span) -> bool:
    """Does the sentence say someone should or must do something (read by :func:`.demands.reported_demands`)?"""
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    tokens = token_table(doc.nlp).lower[span.start : span.end]
    obliged = any(w in ASKING or w == "must" or (w in OBLIGING and nxt == "to") for w, nxt in zip(tokens, tokens[1:], strict=False))
    return obliged and any(not lemma_candidates(w).isdisjoint(SAYING) for w in set(tokens))


def _tells_agreement(doc: Doc, sent: Span) -> bool:
    """Does the sentence name an agreement and a verb of agreeing (read by :func:`.agreements.agreement_events`)?"""
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    words = set(token_table(doc.nlp).lower[span.start : span.end])
    return names_agreement(words) and ("between" in words or any(not lemma_candidates(w).isdisjoint(AGREEING) for w in words))


def _tells_meeting(doc: Doc, sent: Span) -> bool:
    """Does the sentence name a meeting with "between" or "with" (read by :func:`.meetings.meeting_events`)?"""
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    return names_meeting(set(token_table(doc.nlp).lower[span.start : span.end]))


def _tells_fire(doc: Doc, sent: Span) -> bool:
    """Does the sentence name projectiles and "from" (read by :func:`.launches.fire_from`)?"""
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    return names_fire(set(token_table(doc.nlp).lower[span.start : span.end]))


# Readers of one construction each, after both engines: (does the sentence name it?, the reader)
READERS = ((_takes_arms, weapon_seizures), (_tells_protest, protest_events), (_asks_of_another, reported_demands),
           (_tells_agreement, agreement_events), (_tells_meeting, meeting_events), (_tells_fire, fire_from))

CONTEXT_SENTENCES = 4  # how far back an earlier event can supply a missing target
EVENT_SENTENCES = 10  # how far back "the exercises", "such attacks" can point
HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "ACCUSE", "SANCTION"})
MATERIAL_HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"})
ANSWER_KINDS = {  # what a refusal or acceptance answers, by the noun it takes ("rejected the criticism")
    "charge": frozenset({"ACCUSE"}), "accusation": frozenset({"ACCUSE"}), "allegation": frozenset({"ACCUSE"}),
    "criticism": frozenset({"ACCUSE"}), "claim": frozenset({"ACCUSE"}), "condemnation": frozenset({"ACCUSE"}),
    "measure": frozenset({"SANCTION", "COERCE"}), "sanction": frozenset({"SANCTION", "COERCE"}),
}


class History:
    """Events kept in the last few sentences, most recent last, for targets taken from context."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str, str, Actor, Actor]] = []  # (sentence, trigger lemma, plover, src, tgt)
        # events told without a target ("Ethiopia signed a deal with Somaliland"): only "the deal" points back at them
        self.partial: list[tuple[int, str, str, Actor]] = []

    def add(self, sentence: int, cand: Candidate, plover: str, src: Actor, tgt: Actor) -> None:
        self.items.append((sentence, cand.trigger.lemma_.lower(), plover, src, tgt))

    def add_partial(self, sentence: int, cand: Candidate, plover: str, src: Actor) -> None:
        self.partial.append((sentence, cand.trigger.lemma_.lower(), plover, src))

    def recent(self, sentence: int, window: int = CONTEXT_SENTENCES) -> list[tuple[int, str, str, Actor, Actor]]:
        return [item for item in reversed(self.items) if sentence - item[0] <= window]

    def resolve(self, wants: str, sentence: int, sources: tuple[Actor, ...], lexicon: Lexicon) -> tuple[Actor, ...]:
        own = {a.country for a in sources}
        kind, _, word = wants.partition(":")
        recent = self.recent(sentence)
        if kind == "event":
            recent = self.recent(sentence, EVENT_SENTENCES)
            plovers = {lookup(e.cameo or "").plover for e in lexicon.entries.get(word, ())  # type: ignore[union-attr]
                       if lookup(e.cameo or "") is not None}
            for match in (lambda it: it[1] == word, lambda it: it[2] in plovers):
                hits = [it for it in recent if match(it) and it[3].country not in own]
                if hits:
                    return _co_actors(hits)
            partial = [it for it in reversed(self.partial) if sentence - it[0] <= EVENT_SENTENCES
                       and it[3].country not in own and (it[1] == word or it[2] in plovers)]
            return (partial[0][3],) if partial else ()
        if kind == "attacker":
            # "would respond": answers a hostile act, not words ("Turkey condemned Israel's attack")
            hostile = MATERIAL_HOSTILE if word == "material" else HOSTILE
            hits = [it for it in recent if it[2] in hostile and it[4].country in own and it[3].country not in own]
            return _co_actors(hits) if hits else ()
        if kind == "answer":
            # the most recent sentence where someone pressed, asked or acted against the source; in it,
            # the events of the kind the answered noun names ("rejected the criticism": accusations) first
            wanted = ANSWER_KINDS.get(word, ASKS)
            kinds = wanted if word in ANSWER_KINDS else wanted | HOSTILE
            found = [it for it in recent if it[2] in kinds and it[4].country in own and it[3].country not in own]
            if not found:
                return ()
            latest = [it for it in found if it[0] == found[0][0]]
            best = [it for it in latest if it[2] in wanted] or latest
            return tuple(dict.fromkeys(it[3] for it in best))
        return ()


def _co_actors(hits: list[tuple[int, str, str, Actor, Actor]]) -> tuple[Actor, ...]:
    """The sources of the most recent event and of its co-sources (same sentence, trigger and type)."""
    first = hits[0]
    same = [it for it in hits if it[0] == first[0] and it[1] == first[1] and it[2] == first[2]]
    return tuple(dict.fromkeys(it[3] for it in same))


def extract_events(doc: Doc, lexicon: Lexicon, model: EventModel | None = None, rules: bool = True,
                   threshold: float = 0.5, context: ArticleContext | None = None) -> list[Event]:
    mentions_all = list(doc.mentions) + extra_mentions(doc.nlp, doc.mentions, doc.places)
    mentions_all += pair_mentions(doc.nlp, mentions_all, doc.article.text)
    actors = usable_actors(mentions_all)
    events: list[Event] = []
    history = History()
    # a place stands in for its country only when that country takes part in the article elsewhere
    # (guards against a toponym resolved to a namesake abroad)
    present = {m.country for m in mentions_all if m.country}
    places = tuple(p for p in doc.places if p.country in present or p.kind not in ("city", "unresolved") or _capital(p))
    by_sentence = list(_mentions_by_sentence(doc, mentions_all, actors))
    found_triggers: dict[int, list[Trigger]] = {}
    inside_of = _inside_each([sent for sent, _, _ in by_sentence], mentions_all)
    if model is not None:
        flats: list[FlatSentence] = []
        numbers: list[int] = []
        for number, (sent, mentions, _) in enumerate(by_sentence):
            inside = inside_of[number] if mentions else []
            fs = flat_sentence(doc.nlp, sent.start, sent.end, inside)
            if fs is not None:
                flats.append(fs)
                numbers.append(number)
        for trig in model.read(flats, threshold):
            found_triggers.setdefault(numbers[trig.sentence], []).append(trig)
    chosen = [
        (number, sent, mentions, sent_actors)
        for number, (sent, mentions, sent_actors) in enumerate(by_sentence)
        if number in found_triggers
        or (rules and any(a is not None for a in sent_actors) and _has_trigger(doc, sent, lexicon))
        or (sum(a is not None for a in sent_actors) >= 2 and _lays_blame(doc, sent))
        or any(wanted(doc, sent) for wanted, _ in READERS)
    ]
    parses = parse_sentences(doc.nlp, [(sent.start, sent.end) for _, sent, _, _ in chosen])
    if context is None and model is not None:
        context = ArticleContext(doc)
    doc_mentions = doc.replace(mentions=tuple(mentions_all))
    for (number, sent, mentions, sent_actors), parsed in zip(chosen, parses, strict=True):
        if parsed is None:
            continue
        base = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand").start_char
        found: list[Event] = []
        if rules and any(a is not None for a in sent_actors):
            index = SentenceActors(parsed, base, mentions, sent_actors)
            if index:
                candidates = sentence_candidates(parsed, base, index, lexicon, places)
                pairs = _pairs(candidates, history, number, lexicon)
                found.extend(_to_events(pairs, sent, base, parsed))
        if model is not None and context is not None and number in found_triggers:
            inside = inside_of[number]
            view = SentenceView.build(parsed, base, inside)
            triggers = model.with_roles_all(found_triggers[number], view)
            learned = trigger_events(doc_mentions, sent, number, view, triggers, model, lexicon, context)
            found = _merge(found, learned)
        have = {(e.source.country, e.target.country if e.target else None) for e in found if e.plover == "ACCUSE"}
        found.extend(culpability_accusations(parsed, base, sent.start, sent.end, sent.text, mentions, sent_actors, have))
        for wanted, read in READERS:  # arms seized, protests told by the crowd: what neither engine reads
            if wanted(doc, sent):
                context = context or ArticleContext(doc)
                kinds = {(e.source.country, e.target.country if e.target else None, e.plover) for e in found}
                extra = {"places": context.places} if read is fire_from else {}
                added = read(parsed, base, sent.start, sent.end, sent.text, mentions, sent_actors,
                             context.where(sent, number), lexicon.cues, kinds, **extra)
                if read is weapon_seizures:  # "forces destroyed 300 mines": arms made harmless, not an assault
                    taken = {e.trigger for e in added}
                    found = [e for e in found if not (e.plover == "ASSAULT" and e.trigger in taken)]
                if read is fire_from:  # the fire's origin and goal replace the engines' reading of the same attack:
                    # the same verb ("shells fired from Syria landed in Hatay": no Turkish attacker) or the
                    # sides reversed ("a mortar bomb was fired at Israel from Gaza": Israel did not attack Gaza),
                    # or an attacker the engines could not name ("drones launched from Russia hit Kharkiv": the
                    # drones' hit, read with no source, is the fire the origin names)
                    fired = {e.trigger for e in added}
                    backwards = {(e.target.country, e.source.country) for e in added}
                    found = [e for e in found if not (e.plover == "ASSAULT" and (e.trigger in fired or (
                        e.target is not None and (e.source.country, e.target.country) in backwards)
                        or added and not e.source.text))]
                found.extend(added)
        events.extend(found)
    return events


# the verbs of one's own wanting: "Obama wants to attack Switzerland" (a wanted attack is coded as a threat)
WANTING = frozenset({"want", "wish", "seek"})


def _capital(place: Place) -> bool:
    """Is the place its country's capital ("travel to Beijing")? A capital is no namesake abroad."""
    from ..places.gazetteer import load_gazetteer

    country = load_gazetteer().countries.get(place.country or "")
    return country is not None and country.capital == place.name


def _merge(rules: list[Event], learned: list[Event]) -> list[Event]:
    """One sentence's events from both engines, each (source, target, type) once.

    The rules are the precise path: where they read a trigger word, their event stands and the
    model's reading of the same word is dropped (measured: the other way round loses on the seeds
    and on the development set). The model adds what the rules do not read.
    """
    kept = list(rules)
    have = {(e.source.country, e.target.country if e.target else None, e.plover) for e in kept}
    rule_words = {w for e in kept for w in (e.trigger or "").split()}
    for e in learned:
        key = (e.source.country, e.target.country if e.target else None, e.plover)
        if key in have or ((e.trigger or "") in rule_words and not _another_use(e, rules)):
            continue
        kept.append(e)
        have.add(key)
    return kept


def _another_use(event: Event, rules: list[Event]) -> bool:
    """Is the model's trigger word another use of a word the rules read, not the same one: the word comes
    twice in the sentence and the model's subject is none of the rules' ("The U.S. has expelled 60
    diplomats, Ukraine has expelled 13")?"""
    word = event.trigger or ""
    uses = len(re.findall(rf"\b{re.escape(word)}\b", event.evidence))
    sources = {r.source.country for r in rules if word in (r.trigger or "").split()}
    return uses > 1 and event.source.country not in sources


def _pairs(
    candidates: list[Candidate], history: History, sentence: int, lexicon: Lexicon
) -> list[tuple[Candidate, Actor, Actor]]:
    out: list[tuple[Candidate, Actor, Actor]] = []
    done_conj: dict[tuple[int, str, str], str] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for cand in candidates:
        record = lookup(cand.cameo)
        plover = record.plover if record else None
        if plover is None:
            continue
        sources = cand.source.actors
        targets = cand.target.actors
        joint = not targets and cand.entry.joint and len({a.country for a in sources}) >= 2
        if joint and cand.entry.joint:
            cand.cameo = cand.entry.joint
            plover = lookup(cand.cameo).plover or plover  # type: ignore[union-attr]
            cand.notes.append(f"co-subjects of different countries: joint form {cand.cameo}")
        if not targets and (cand.entry.reciprocal or joint) and len(sources) >= 2:
            for i, a in enumerate(sources):
                for b in sources[i + 1:]:
                    for src, tgt in ((a, b), (b, a)):
                        kept = _keep(cand, plover, src, tgt, done_conj, seen)
                        out.extend(kept)
                        for k in kept:
                            history.add(sentence, k[0], plover, k[1], k[2])
            continue
        if not targets and sources and cand.wants:
            targets = history.resolve(cand.wants, sentence, sources, lexicon)
            if targets:
                cand.target = Found(targets, f"from an earlier event ({cand.wants})", False)
            elif cand.wants.startswith("attacker"):
                targets = _judged_here(out, sources)
                if targets:
                    cand.target = Found(targets, "whom the speaker condemns in the same sentence", False)
        if not targets:
            for src in sources:
                history.add_partial(sentence, cand, plover, src)
        for src in sources:
            for tgt in targets:
                kept = _keep(cand, plover, src, tgt, done_conj, seen)
                out.extend(kept)
                for k in kept:
                    history.add(sentence, k[0], plover, k[1], k[2])
    return out


def _judged_here(out: list[tuple[Candidate, Actor, Actor]], sources: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """"condemned the bombing and vowed to retaliate": the retaliation aims at whom the speaker condemned."""
    own = {a.country for a in sources}
    hits = [tgt for cand, src, tgt in out if src.country in own and lookup(cand.cameo) is not None
            and lookup(cand.cameo).plover == "ACCUSE"]  # type: ignore[union-attr]
    return tuple(dict.fromkeys(hits))


# Media are attributions ("according to Reuters", "told AP"), not parties, unless the event is done to them.
MEDIA_TARGET_TYPES = frozenset({"COERCE", "ASSAULT", "SANCTION", "THREATEN", "ACCUSE", "RETREAT", "CONCEDE"})


def _keep(
    cand: Candidate,
    plover: str,
    src: Actor,
    tgt: Actor,
    done_conj: dict[tuple[int, str, str], str],
    seen: set[tuple[str, str, str, str]],
) -> list[tuple[Candidate, Actor, Actor]]:
    if src.country == tgt.country and not cand.entry.self_ok and not _domestic_sides(src, tgt, plover) and not (
        tgt.index < 0 and src.ref.sector in NON_STATE_ARMED and plover in ("ASSAULT", "COERCE")
    ):
        return []
    if src.index == tgt.index:
        return []
    if src.ref.sector == "MED" or (tgt.ref.sector == "MED" and plover not in MEDIA_TARGET_TYPES):
        return []
    key = (cand.conj_head, src.country, tgt.country)
    # "shot down and captured X": the first verb has no object of its own, both share X -> one event;
    # "condemned the violence and urged X": two objects, two events
    head = cand.trigger.doc[cand.conj_head]
    own_object = any(c.dep_ in ("dobj", "obj") for c in head.children)
    if (key in done_conj and cand.trigger.i != cand.conj_head and cand.modality.value == done_conj[key]
            and not own_object):
        return []  # "shot down and captured" the same object: one event
    done_conj.setdefault(key, cand.modality.value)
    dedup = (src.country, tgt.country, plover, cand.modality.value)
    if dedup in seen:
        return []
    seen.add(dedup)
    return [(cand, src, tgt)]


# Sectors that make two actors of one country different sides of a domestic event
# (rebels against the army, police against protesters, a court against the government).
NON_STATE_ARMED = frozenset({"REB", "INS"})  # their attack on a place of their own country is domestic conflict
DOMESTIC_SECTORS = frozenset({"REB", "INS", "OPP", "CVL", "PTY", "MIL", "GOV", "COP", "JUD", "LEG", "MED", "SPY", "REF"})


# What one branch of a state says or does to another ("Congress asked the president", "the court ordered the
# ministry", "parliament censured the minister"); a visit or a meeting between them is an appearance.
BRANCH_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "COERCE", "THREATEN"})


def _domestic_sides(src: Actor, tgt: Actor, plover: str = "") -> bool:
    """Two named sides inside one country: both sectors known, different, and one non-state (a people counts
    as civilians: "thousands of Iraqis demonstrated against the government"), or a legislature or court
    and the executive in words, orders and sanctions."""
    a, b = sector_of(src), sector_of(tgt)
    if a in NON_STATE_ARMED and plover in ("ASSAULT", "COERCE") and b != a:
        return True  # "al-Shabaab kidnapped aid workers in Somalia": an armed group's attack at home, on anyone
    if not a or not b or a == b or a not in DOMESTIC_SECTORS or b not in DOMESTIC_SECTORS:
        return False
    state = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
    if plover in BRANCH_TYPES and ((a in BRANCHES and b in EXECUTIVE) or (b in BRANCHES and a in EXECUTIVE)):
        return True
    return not (a in state and b in state)


def _confidence(cand: Candidate, src: Actor, tgt: Actor) -> float:
    score = 0.55
    if cand.entry.specificity:
        score += 0.1
    if cand.source.direct:
        score += 0.1
    if cand.target.direct:
        score += 0.1
    if cand.entry.pos == "N":
        score -= 0.05
    if src.pronoun or tgt.pronoun:
        score -= 0.1
    if tgt.index < 0 or "border" in cand.target.how or "earlier event" in cand.target.how:
        score -= 0.1
    return round(max(0.05, min(0.95, score)), 2)


def _to_events(pairs: list[tuple[Candidate, Actor, Actor]], sent: Span, base: int, parsed: Any) -> list[Event]:
    events = []
    for cand, src, tgt in pairs:
        base_record = lookup(cand.cameo)
        if base_record is None or base_record.plover is None:
            continue
        if misread(cand.trigger, base_record.plover, src.ref.text) is not None:
            continue  # misreads.py: "agrees with the assessment", "reinforcing the partnership"
        # what is announced or refused gets CAMEO's code for the verbal act ("would not provide aid": 121),
        # as the learned engine codes it; the PLOVER type stays the act's, the modality says the rest
        desire = next((c for c in cand.modality.cues if c in WANTING), None)  # not "told", "insisted", "urged"
        code, intent = cameo_for_modality(cand.cameo, base_record.plover, cand.modality.value, desire)
        record = lookup(code) or base_record
        if record is not base_record and record.plover is None:
            code, intent, record = cand.cameo, None, base_record
        words = [cand.trigger] if cand.anchor is cand.trigger else sorted([cand.anchor, cand.trigger], key=lambda t: t.i)
        trigger_text = " ".join(t.text for t in words)
        reason = "; ".join(
            cand.notes
            + [f"CAMEO {code} {record.name}" + (f" ({intent}; the verb's own code {cand.cameo})" if intent else ""),
               f"source: {cand.source.how}", f"target: {cand.target.how}"]
            + ([f"modality from {', '.join(cand.modality.cues)}"] if cand.modality.cues else [])
        )
        events.append(
            Event(
                start=sent.start,
                end=sent.end,
                evidence=sent.text,
                source=src.ref,
                target=_target_ref(tgt),
                plover=base_record.plover,
                cameo=code,
                mode=record.mode if record.plover == base_record.plover else None,
                context=record.context,
                goldstein=record.goldstein,
                quad_class=record.quad_class,
                modality=cand.modality.value,  # type: ignore[arg-type]
                attribution=cand.modality.attribution,
                confidence=_confidence(cand, src, tgt),
                reason=reason,
                trigger=trigger_text,
            )
        )
    return events


def _target_ref(actor: Actor) -> ActorRef:
    return actor.ref
