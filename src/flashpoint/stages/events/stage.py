"""The events stage: sentences with actors and a trigger word become coded events.

Only sentences that hold at least one actor mention with a country and a word
the predicate lexicon knows are dependency-parsed (``parse_sentence``); the rest
cost a set look-up per token. Each candidate from :mod:`.rules` is fanned out
to one event per (source, target) pair, then cleaned up:

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

from collections.abc import Iterator, Sequence
from typing import Any

from ...config import Settings
from ...ontology import lookup
from ...records import ActorRef, Doc, Event, Mention, Span
from ..nlp import parse_sentence
from .lexicon import Lexicon, load_lexicon
from .rules import Candidate, sentence_candidates
from .syntax import Actor, Found, SentenceActors, usable_actors

RESPONSES = frozenset({"REJECT", "AGREE", "CONCEDE", "RETREAT"})
ASKS = frozenset({"REQUEST", "COERCE", "THREATEN"})


class EventsStage:
    name = "events"
    reads: tuple[str, ...] = ("article", "sentences", "entities", "nlp", "mentions")
    writes: tuple[str, ...] = ("events",)

    def __init__(self, settings: Settings | None = None, lexicon: Lexicon | None = None) -> None:
        self.settings = settings or Settings()
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        if doc.nlp is None or not doc.mentions:
            return doc.replace(events=())
        return doc.replace(events=tuple(extract_events(doc, self.lexicon)))


def _mentions_by_sentence(doc: Doc, actors: Sequence[Actor | None]) -> Iterator[tuple[Span, list[Mention], list[Actor | None]]]:
    pairs = sorted(zip(doc.mentions, actors, strict=True), key=lambda p: p[0].start)
    i = 0
    for sent in doc.sentences:
        while i < len(pairs) and pairs[i][0].end <= sent.start:
            i += 1
        j = i
        while j < len(pairs) and pairs[j][0].start < sent.end:
            j += 1
        inside = pairs[i:j]
        yield sent, [m for m, _ in inside], [a for _, a in inside]


def _has_trigger(doc: Doc, sent: Span, lexicon: Lexicon) -> bool:
    span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    lemmas = lexicon.entries
    return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in span)


def extract_events(doc: Doc, lexicon: Lexicon) -> list[Event]:
    actors = usable_actors(doc.mentions)
    events: list[Event] = []
    previous: list[tuple[Candidate, Actor, Actor]] = []
    for sent, mentions, sent_actors in _mentions_by_sentence(doc, actors):
        if not any(a is not None for a in sent_actors) or not _has_trigger(doc, sent, lexicon):
            previous = []
            continue
        span = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand")
        parsed = parse_sentence(doc.nlp, sent.start, sent.end)
        if parsed is None or span is None:
            continue
        base = span.start_char
        index = SentenceActors(parsed, base, mentions, sent_actors)
        if not index:
            continue
        candidates = sentence_candidates(parsed, base, index, lexicon, doc.places)
        pairs = _pairs(candidates, previous)
        events.extend(_to_events(pairs, sent, base, parsed))
        previous = [p for p in pairs if p[0].entry.cameo and lookup(p[0].cameo) and
                    (lookup(p[0].cameo).plover in ASKS)]  # type: ignore[union-attr]
    return events


def _pairs(candidates: list[Candidate], previous: list[tuple[Candidate, Actor, Actor]]) -> list[tuple[Candidate, Actor, Actor]]:
    out: list[tuple[Candidate, Actor, Actor]] = []
    asks = list(previous)
    done_conj: dict[tuple[int, str, str], str] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for cand in candidates:
        record = lookup(cand.cameo)
        plover = record.plover if record else None
        if plover is None:
            continue
        sources = cand.source.actors
        targets = cand.target.actors
        if not targets and plover in RESPONSES and sources:
            answered = [src for c, src, tgt in asks if tgt.country in {s.country for s in sources}]
            if answered:
                targets = tuple(answered)
                cand.target = Found(targets, "the requester this answers", False)
        if not targets and cand.entry.reciprocal and len(sources) >= 2:
            for i, a in enumerate(sources):
                for b in sources[i + 1:]:
                    out.extend(_keep(cand, plover, a, b, done_conj, seen))
            continue
        for src in sources:
            for tgt in targets:
                kept = _keep(cand, plover, src, tgt, done_conj, seen)
                out.extend(kept)
                if plover in ASKS:
                    asks.extend(kept)
    return out


def _keep(
    cand: Candidate,
    plover: str,
    src: Actor,
    tgt: Actor,
    done_conj: dict[tuple[int, str, str], str],
    seen: set[tuple[str, str, str, str]],
) -> list[tuple[Candidate, Actor, Actor]]:
    if src.country == tgt.country and not cand.entry.self_ok and not _domestic_sides(src, tgt):
        return []
    if src.index == tgt.index:
        return []
    key = (cand.conj_head, src.country, tgt.country)
    if key in done_conj and cand.trigger.i != cand.conj_head and cand.modality.value == done_conj[key]:
        return []  # "shot down and captured" the same object: one event
    done_conj.setdefault(key, cand.modality.value)
    dedup = (src.country, tgt.country, plover, cand.modality.value)
    if dedup in seen:
        return []
    seen.add(dedup)
    return [(cand, src, tgt)]


# Sectors that make two actors of one country different sides of a domestic event
# (rebels against the army, police against protesters, a court against the government).
DOMESTIC_SECTORS = frozenset({"REB", "INS", "OPP", "CVL", "PTY", "MIL", "GOV", "COP", "JUD", "LEG", "MED", "SPY", "REF"})


def _domestic_sides(src: Actor, tgt: Actor) -> bool:
    """Two named sides inside one country: both sectors known, different, and one non-state."""
    a, b = src.ref.sector, tgt.ref.sector
    if not a or not b or a == b or a not in DOMESTIC_SECTORS or b not in DOMESTIC_SECTORS:
        return False
    state = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
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
    if tgt.index < 0 or "border" in cand.target.how or "answers" in cand.target.how:
        score -= 0.1
    return round(max(0.05, min(0.95, score)), 2)


def _to_events(pairs: list[tuple[Candidate, Actor, Actor]], sent: Span, base: int, parsed: Any) -> list[Event]:
    events = []
    for cand, src, tgt in pairs:
        record = lookup(cand.cameo)
        if record is None or record.plover is None:
            continue
        words = [cand.trigger] if cand.anchor is cand.trigger else sorted([cand.anchor, cand.trigger], key=lambda t: t.i)
        trigger_text = " ".join(t.text for t in words)
        reason = "; ".join(
            cand.notes
            + [f"CAMEO {cand.cameo} {record.name}", f"source: {cand.source.how}", f"target: {cand.target.how}"]
            + ([f"modality from {', '.join(cand.modality.cues)}"] if cand.modality.cues else [])
        )
        events.append(
            Event(
                start=sent.start,
                end=sent.end,
                evidence=sent.text,
                source=src.ref,
                target=_target_ref(tgt),
                plover=record.plover,
                cameo=cand.cameo,
                mode=record.mode,
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
