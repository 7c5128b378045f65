"""Meetings told by the meeting: "a meeting on Friday between Putin and Dagestan's leader", "a phone call
between Macron and Erdogan", "Erdogan's talks with Putin": the parties met, though no verb says so.

The trigger network reads a meeting noun as CONSULT when it fires, and the decoder then gives each party named
with "between" the other (``guards.between_parties``); this module adds the meetings it leaves below its
threshold. PLOVER calls them CONSULT (CAMEO 040, or the lexicon's code for the noun: a summit, a call). It adds
the event when

* a noun the hand lexicon codes as consulting ("meeting", "talks", "summit", "call", "conversation",
  "negotiations", "consultations", "discussions"; not a mediation, whose mediator is no party) names its
  parties with "between" (two or more actors with a country: each consults the others) or has an owner and
  names the other with "with" ("Erdogan's talks with Putin");
* no engine read a CONSULT between the two already.

The modality is the noun's, read as the engines read a nominal trigger ("talks between them are planned":
intended). Each event's ``reason`` names the noun and the parties.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ...ontology import lookup
from ...records import Event, Mention
from .agreements import _parties
from .lexicon import load_lexicon
from .modality import modality_of
from .syntax import Actor

CONSULT_CODE = "040"
NOT_MEETINGS = frozenset({"mediation", "trip", "visit"})  # a mediator is no party; a visit has its own reading


@lru_cache(maxsize=1)
def meeting_nouns() -> dict[str, str]:
    """Noun lemma -> CAMEO code, for the hand lexicon's nouns of consulting (root 04)."""
    out: dict[str, str] = {}
    for lemma, entries in load_lexicon().entries.items():
        for e in entries:
            if e.pos == "N" and e.cameo and e.cameo[:2] == "04" and lemma not in NOT_MEETINGS:
                out.setdefault(lemma, e.cameo)
    return out


def names_meeting(words: set[str]) -> bool:
    """Does a sentence's word set hold a meeting noun and "between" or "with" (the cheap gate before parsing)?"""
    nouns = meeting_nouns()
    return ("between" in words or "with" in words) and any(
        w in nouns or w.removesuffix("s") in nouns for w in words)


def _with(noun: Any, prep: str) -> list[Any]:
    return [w for p in noun.children if p.dep_ == "prep" and p.lower_ == prep
            for g in p.children if g.dep_ == "pobj" for w in (g, *g.conjuncts)]


def meeting_events(sent_doc: Any, base: int, start: int, end: int, evidence: str, mentions: Sequence[Mention],
                   actors: Sequence[Actor | None], where: tuple[str | None, str], cues: Any,
                   have: set[tuple[str | None, str | None, str]]) -> list[Event]:
    """The meetings of one parsed sentence told by the meeting noun (see the module's docstring)."""
    out: list[Event] = []
    nouns = meeting_nouns()
    for noun in sent_doc:
        lemma = noun.lemma_.lower()
        if lemma not in nouns or noun.pos_ != "NOUN":
            continue
        between = _parties(_with(noun, "between"), base, mentions, actors)
        owner = [c for c in noun.children if c.dep_ == "poss"]
        if len(between) >= 2:
            parties, how = between, "named with 'between'"
            pairs = [(a, b) for a in parties for b in parties if a.index != b.index]
        elif owner:
            own = _parties(owner, base, mentions, actors)
            other = _parties(_with(noun, "with"), base, mentions, actors)
            pairs = [(a, b) for a in own for b in other if a.index != b.index]
            how = "the meeting's owner and the one named with 'with'"
        else:
            continue
        code = nouns[lemma]
        record = lookup(code)
        if record is None or record.plover is None:
            continue
        rules = modality_of(noun, noun, sent_doc, cues, nominal_presupposed=True, absorb_modal=False)
        for a, b in pairs:
            if a.country == b.country and a.ref.name == b.ref.name:
                continue
            key = (a.country, b.country, record.plover)
            if key in have:
                continue
            have.add(key)
            reason = (f"meeting told by the meeting: '{noun.text}'; CAMEO {code} {record.name}; source: "
                      f"'{a.ref.text}', target: '{b.ref.text}', {how}; modality {rules.value}"
                      + (f" ({', '.join(rules.cues)})" if rules.cues else ""))
            out.append(Event(
                start=start, end=end, evidence=evidence, source=a.ref, target=b.ref,
                plover=record.plover, cameo=code, mode=record.mode, context=record.context,
                goldstein=record.goldstein, quad_class=record.quad_class, modality=rules.value,  # type: ignore[arg-type]
                attribution=rules.attribution, confidence=0.5, reason=reason, trigger=noun.text,
            ))
    return out
