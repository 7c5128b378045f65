"""Demands told as reports: a party that says another should or must do something asks it to.

"Germany's foreign minister said Russia must withdraw its troops", "the opposition leader said the government
should use the money for families", "Serbia ought to recognise Kosovo, the EU said": the speaker demands (must,
has to: CAMEO 100) or asks (should, ought to: CAMEO 020) of the one it names as the subject of the clause;
PLOVER calls both REQUEST. The engines read the act asked for (with its own, hypothetical modality) but not
the asking, so this module adds it when

* a verb of saying ("say", "tell", "insist", "stress", "argue", "add", "state", "declare", "write") has a
  clause whose verb carries "should", "must", "ought to", "has to" or "need to" (not "must have": that is a
  guess about the past);
* the speaker (the saying verb's subject) and the one asked (the clause's active subject) are actors with a
  country, two different ones; a state asked by one of its own (a minister saying "Russia must ...") is no
  demand between two sides, and "we" or "it" never is one;
* no engine read a REQUEST between the two already.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...ontology import lookup
from ...records import Event, Mention
from .accusations import actor_at
from .modality import modality_of
from .syntax import Actor

SAYING = frozenset({"say", "tell", "insist", "stress", "argue", "add", "state", "declare", "write", "warn"})
DEMANDING = frozenset({"must", "have", "has", "had", "need", "needs"})  # must; has/have to; need to
ASKING = frozenset({"should", "ought"})
STATE_KINDS = frozenset({"country", "capital", "demonym", "pair"})
SELF = frozenset({"we", "i", "it", "they", "he", "she", "you"})
DEMAND, ASK = "100", "020"


STATES = frozenset({"be", "remain", "stay", "seem", "look", "become", "keep"})  # "must remain strong": a view


def _act(verb: Any) -> Any:
    """The verb of what is asked: the clause's own, or the one after "ought to", "has to", "needs to"."""
    return next((c for c in verb.children if c.dep_ == "xcomp"), verb) if verb.lemma_.lower() in (
        "ought", "have", "need") else verb


def _obliged(verb: Any) -> str | None:
    """The code of the obligation a clause's verb carries: "must go", "has to go", "should go", "ought to go"."""
    for c in verb.children:
        word = c.lower_
        if c.dep_ == "aux" and word == "must" and not any(a.lower_ == "have" and a.i > c.i for a in verb.children
                                                            if a.dep_ == "aux"):
            return DEMAND
        if c.dep_ == "aux" and word in ASKING:
            return ASK
    if verb.lower_ in ASKING and any(c.dep_ == "xcomp" for c in verb.children):
        return ASK  # "Serbia ought to recognise": the parser makes "ought" the clause's verb
    if verb.lemma_.lower() in ("have", "need") and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children):
        return DEMAND  # "Russia has to withdraw", "Kyiv needs to hold talks"
    return None


def _kind(tok: Any, base: int, mentions: Sequence[Mention]) -> str | None:
    start = base + tok.idx
    return next((m.kind for m in mentions if m.start <= start < m.end), None)


def reported_demands(sent_doc: Any, base: int, start: int, end: int, evidence: str, mentions: Sequence[Mention],
                     actors: Sequence[Actor | None], where: tuple[str | None, str], cues: Any,
                     have: set[tuple[str | None, str | None, str]]) -> list[Event]:
    """The demands and requests of one parsed sentence told as what someone said another should do."""
    out: list[Event] = []
    for say in sent_doc:
        if say.lemma_.lower() not in SAYING or say.pos_ not in ("VERB", "AUX"):
            continue
        speaker_tok = next((c for c in say.children if c.dep_ == "nsubj"), None)
        if speaker_tok is None or speaker_tok.lower_ in SELF:
            continue
        speaker = actor_at(speaker_tok, base, mentions, actors)
        for clause in (c for c in say.children if c.dep_ == "ccomp"):
            code = _obliged(clause)
            act = _act(clause)
            asked_tok = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if (code is None or asked_tok is None or asked_tok.lower_ in SELF or speaker is None
                    or act.lemma_.lower() in STATES):
                continue
            asked = actor_at(asked_tok, base, mentions, actors)
            if asked is None or asked.index == speaker.index:
                continue
            if asked.country == speaker.country and _kind(asked_tok, base, mentions) in STATE_KINDS:
                continue  # "the minister said Russia must ...": a state's own official speaks for it
            record = lookup(code)
            key = (speaker.country, asked.country, "REQUEST")
            if record is None or record.plover is None or key in have:
                continue
            have.add(key)
            rules = modality_of(say, say, sent_doc, cues, nominal_presupposed=False, absorb_modal=False)
            word = "must" if code == DEMAND else "should"
            reason = (f"demand told as a report: '{speaker.ref.text}' {say.text} that '{asked.ref.text}' {word} "
                      f"{act.text}; CAMEO {code} {record.name}; "
                      f"source: the speaker; target: the one asked; modality {rules.value}")
            out.append(Event(
                start=start, end=end, evidence=evidence, source=speaker.ref, target=asked.ref,
                plover=record.plover, cameo=code, mode=record.mode, context=record.context,
                goldstein=record.goldstein, quad_class=record.quad_class, modality=rules.value,  # type: ignore[arg-type]
                attribution=rules.attribution, confidence=0.55, reason=reason, trigger=say.text,
            ))
    return out
