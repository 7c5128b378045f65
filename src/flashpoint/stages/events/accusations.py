"""Accusations told as reports: a party that says another was behind an attack accuses it.

"Britain says the Russian state was behind the poisoning", "'Iran is most likely responsible for the
attack,' the minister said": the speaker accuses the one said to be behind (responsible for, involved
in, to blame for) a hostile act. CAMEO codes this 112 (accuse); PLOVER calls it ACCUSE. Neither engine
reads it (the act has no doer in its own clause), so this module adds it when

* a word of culpability ("behind", "responsible", "involved", "to blame", "guilty") takes a hostile act
  as its object ("the attack", "the poisoning", "the hacking"),
* its subject is an actor with a country, and the clause hangs from a verb of saying or alleging whose
  subject is an actor of another country,
* that speaker is no newsroom or monitoring group (outlets and NGOs report; they are not a side).

Each added event names the speech verb, the speaker, the accused and the words in its ``reason``.

Tried and dropped (measured): an accusation for every hostile event a party reports ("Kyiv said Russian
troops shelled the town" -> Kyiv ACCUSE Moscow). CAMEO's PETR-2 tests code it so (PETR-2 roots 0.431 ->
0.446), but our gold codes the shelling alone, and the blind in-repo articles fell from F1 0.920 to 0.868.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...ontology import lookup
from ...records import Event, Mention
from .syntax import Actor

# verbs whose subject says another did something; "report", "confirm" and the like stay reports
ALLEGING = frozenset({"say", "claim", "allege", "insist", "assert", "charge", "maintain", "contend", "conclude",
                      "believe", "suspect", "state", "declare"})
NEUTRAL_SECTORS = frozenset({"MED", "NGO"})
CLIMB = frozenset({"ccomp", "conj", "xcomp", "advcl", "relcl", "acl", "pcomp", "pobj", "prep", "dobj", "nsubj",
                   "nsubjpass", "attr", "appos", "compound", "amod"})
CODE = "112"
# "X was behind / responsible for / involved in the attack": words that lay an act at X's door
CULPABLE = frozenset({"behind", "responsible", "involved", "culpable", "guilty", "blame", "responsibility"})
# "Moscow bears full responsibility for the attack", "Kyiv shoulders much of the blame for the violence": verbs
# that lay responsibility or blame on their subject (not "claimed", "took" or "accepted" responsibility: one's own act)
BEARING = frozenset({"bear", "shoulder", "carry", "hold"})
# acts one party accuses another of (what CULPABLE words point at)
HOSTILE_ACTS = frozenset({
    "attack", "strike", "airstrike", "bombing", "bomb", "poisoning", "killing", "killings", "murder", "assassination",
    "shooting", "explosion", "blast", "invasion", "incursion", "hack", "hacking", "cyberattack", "massacre",
    "shelling", "raid", "abduction", "kidnapping", "violence", "downing", "death", "deaths", "sabotage", "crime",
    "crimes", "atrocity", "atrocities", "coup", "plot", "interference", "meddling", "espionage", "aggression",
})


def _speech_verb(tok: Any) -> Any | None:
    """The saying verb a trigger's clause hangs from ("said [that troops shelled ...]"), within a few steps."""
    cur, came_by = tok, ""
    for _ in range(6):
        if cur is not tok and cur.lemma_.lower() in ALLEGING and came_by in ("ccomp", "conj_ccomp"):
            return cur
        if cur.dep_ not in CLIMB or cur.head is cur:
            return None
        came_by = "ccomp" if cur.dep_ == "ccomp" else ("conj_ccomp" if came_by == "ccomp" and cur.dep_ == "conj" else "")
        cur = cur.head
    return None


def _speaker(verb: Any, base: int, mentions: Sequence[Mention], actors: Sequence[Actor | None]) -> Actor | None:
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        actor = actor_at(subj, base, mentions, actors)
        if actor is not None:
            return actor
    return None


def culpability_accusations(sent_doc: Any, base: int, start: int, end: int, evidence: str,
                            mentions: Sequence[Mention], actors: Sequence[Actor | None],
                            have: set[tuple[str | None, str | None]]) -> list[Event]:
    """ "Britain says the Russian state was behind the poisoning": the speaker accuses the one said to be
    behind (responsible for, involved in, to blame for) a hostile act, though no engine reads the act as an event
    with a doer."""
    record = lookup(CODE)
    if record is None or record.plover is None:
        return []
    out: list[Event] = []
    for tok in sent_doc:
        if tok.lemma_.lower() not in CULPABLE and tok.lower_ not in CULPABLE:
            continue
        acts = [g for c in (tok, *tok.children) for g in (c.children if c is not tok else ())
                if c.dep_ == "prep" and g.dep_ == "pobj" and g.lemma_.lower() in HOSTILE_ACTS]
        if tok.dep_ == "prep":  # "was behind the attack": the act is the preposition's own object
            acts += [g for g in tok.children if g.dep_ == "pobj" and g.lemma_.lower() in HOSTILE_ACTS]
        if not acts:
            continue
        bearer = _bearing_verb(tok)
        if tok.lemma_.lower() == "responsibility" and bearer is None:
            continue  # "claimed responsibility for the attack": a group owning its own act
        clause = bearer if bearer is not None else (
            tok.head if tok.dep_ in ("acomp", "prep", "attr", "xcomp", "amod") else tok)
        accused = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        verb = _speech_verb(clause)
        if accused is None or verb is None:
            continue
        doer = actor_at(accused, base, mentions, actors)
        speaker = _speaker(verb, base, mentions, actors)
        if (doer is None or speaker is None or speaker.country in (None, doer.country)
                or speaker.ref.sector in NEUTRAL_SECTORS):
            continue
        key = (speaker.country, doer.country)
        if key in have:
            continue
        have.add(key)
        words = sent_doc[min(tok.i, acts[0].i): max(tok.i, acts[0].i) + 1].text
        link = bearer.text if bearer is not None else "was"  # "bears responsibility for", "was behind"
        reason = (f"accusation told as a report: '{speaker.ref.text}' {verb.text} that '{doer.ref.text}' {link} "
                  f"'{words}'; CAMEO {CODE} {record.name}; source: the speaker; target: the one said to be {tok.text}")
        out.append(Event(
            start=start, end=end, evidence=evidence, source=speaker.ref, target=doer.ref,
            plover=record.plover, cameo=CODE, mode=record.mode, context=record.context,
            goldstein=record.goldstein, quad_class=record.quad_class, modality="asserted",
            attribution=None, confidence=0.6, reason=reason, trigger=verb.text,
        ))
    return out


def _bearing_verb(tok: Any) -> Any | None:
    """The verb that lays the responsibility or blame noun ``tok`` on its subject: "bears full responsibility",
    "shoulders much of the blame" (the noun inside an "of" phrase of the object), or None."""
    if tok.lemma_.lower() not in ("responsibility", "blame"):
        return None
    obj = tok
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ == "of":
        obj = tok.head.head  # "much of the blame"
    if obj.dep_ == "dobj" and obj.head.lemma_.lower() in BEARING:
        return obj.head
    return None


def actor_at(tok: Any, base: int, mentions: Sequence[Mention], actors: Sequence[Actor | None]) -> Actor | None:
    start = base + tok.idx
    for m, actor in zip(mentions, actors, strict=True):
        if actor is not None and m.start <= start < m.end:
            return actor
    return None
