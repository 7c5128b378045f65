"""Modality and attribution: is the event asserted, reported, claimed, intended, hypothetical or negated, and who says so.

Cues come from ``resources/events/cues.tsv``. The walk starts at the event's
anchor (the trigger verb, or the light verb carrying a nominal event) and climbs
the clauses above it: an auxiliary makes the event hypothetical (``could``) or
intended (``will`` on the event's own verb: an announced plan; above it, ``will be able
to``, a forecast), a governing word (``claims to``, ``ready to``, ``said that``) makes
it claimed, intended or reported and names the speaker, ``if`` makes it
hypothetical. When several cues apply, the strongest wins:
negated > hypothetical > claimed > intended > reported > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .lexicon import Cues
from .syntax import children, detached, is_rebuttal, phrase_text, subject_of

Token = Any

STRENGTH = {"negated": 5, "hypothetical": 4, "claimed": 3, "intended": 2, "reported": 1, "asserted": 0}
CLIMB = frozenset({"xcomp", "ccomp", "pcomp", "prep", "acomp", "advcl", "conj", "pobj", "dobj", "relcl", "acl", "attr"})
SPEECH_MODALITIES = frozenset({"claimed", "reported"})
FINITE = frozenset({"VBD", "VBZ", "VBP"})
# nouns of intent that govern a "to" clause as their verbs and adjectives do ("its readiness to attack"); not
# "attempt": "an attempt to assassinate him was thwarted" is an attack CAMEO codes as one
INTENT_NOUNS = frozenset({"readiness", "willingness", "eagerness", "intention", "determination", "bid", "plan"})
# verbs of aspect: they carry the event's own time ("will continue to strengthen", "will start to withdraw")
ASPECTUAL = frozenset({"continue", "begin", "start", "resume", "keep", "proceed"})


@dataclass(frozen=True, slots=True)
class Modality:
    value: str
    attribution: str | None
    cues: tuple[str, ...]


def is_negated(anchor: Token, trigger: Token) -> bool:
    """``not``/``never`` on the anchor (or its copula), ``no``/``without`` on a nominal trigger."""
    for tok in {anchor, trigger}:
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
                return True
            if tok is trigger and c.dep_ == "det" and c.lower_ in ("no", "neither"):
                return True
    head = trigger.head
    return bool(trigger.dep_ == "pobj" and head.lower_ == "without")


def _speaker(tok: Token) -> str | None:
    subj, passive, _ = subject_of(tok, max_steps=2)
    if subj is None or passive:
        return None
    if subj.lower_ in ("it", "there", "this"):
        return None
    return phrase_text(subj)


def _according_to(sent_doc: Any) -> str | None:
    for tok in sent_doc:
        if tok.lower_ == "according":
            for to in children(tok, "prep"):
                if to.lower_ == "to":
                    for obj in children(to, "pobj"):
                        return phrase_text(obj)
        if tok.lower_ == "citing":
            for obj in children(tok, "dobj"):
                return phrase_text(obj)
    return None


# verbs of telling whose past tense shifts "will" to "would" in the clause they report
TELLING = frozenset({"say", "announce", "tell", "state", "add", "confirm", "declare", "report", "write", "explain"})


def _backshifted(verb: Token) -> bool:
    """Is ``verb``'s "would" the future of a past report ("Nielsen said the Guard would be sent to the
    border", "officials told reporters the troops would leave on Monday"), not a condition? Its clause is
    the complement of a past verb of telling, and no "if" or "unless" hangs on it (those make it a scenario)."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in TELLING or verb.head.tag_ != "VBD":
        return False
    return not any(c.dep_ in ("advcl", "mark") and any(g.lower_ in ("if", "unless") for g in c.subtree)
                   for c in verb.children)


def modality_of(
    anchor: Token,
    trigger: Token,
    sent_doc: Any,
    cues: Cues,
    *,
    nominal_presupposed: bool,
    absorb_modal: bool,
) -> Modality:
    """The modality of an event anchored at ``anchor`` with trigger word ``trigger``.

    ``nominal_presupposed``: a nominal event not carried by a light verb ("the purchase of
    weapons"): only its own modifiers and ``if`` clauses change its modality.
    ``absorb_modal``: the lexicon coded the negated form ("would not tolerate"), so the
    modal auxiliary belongs to the expression and does not make it hypothetical.
    """
    found: list[tuple[str, str | None, str]] = []  # (value, attribution, cue)
    if trigger is not anchor or nominal_presupposed:
        for c in trigger.children:
            if c.dep_ in ("amod", "det", "compound", "advmod") and c.lower_ in cues.nmod:
                found.append((cues.nmod[c.lower_], None, c.lower_))
    if anchor is not trigger and not nominal_presupposed:
        value = cues.gov.get(anchor.lemma_.lower())
        if value in SPEECH_MODALITIES:
            found.append((value, _speaker(anchor), anchor.lemma_.lower()))
    cur = anchor
    own_clause = True
    aspect_only = True  # only "continue / begin / keep to" between the anchor and cur: "will continue to X" is a plan
    came_by = ""
    for _ in range(8):
        for c in cur.children:
            word = c.lower_
            if c.dep_ in ("aux", "auxpass") and word in cues.aux and own_clause and not nominal_presupposed:
                if not (absorb_modal and cur is anchor):
                    value = cues.aux[word]
                    if value == "intended" and cur is not anchor and not aspect_only:
                        value = "hypothetical"  # "will be able to correct": a plan is announced on its own verb
                    if word == "would" and _backshifted(cur):
                        value, word = "intended", "would (a plan told in past reported speech)"
                    found.append((value, None, word))
            elif c.dep_ == "advmod" and word in cues.adv and not nominal_presupposed:
                found.append((cues.adv[word], "reports" if cues.adv[word] == "reported" else None, word))
            elif c.dep_ == "mark" and word in cues.mark:
                found.append((cues.mark[word], None, word))
            elif c.dep_ == "neg" and came_by == "xcomp" and not nominal_presupposed:
                found.append(("negated", None, "not (above)"))
        if cur.dep_ not in CLIMB or cur.head is cur or cur.dep_ == "relcl" or detached(cur):
            break
        if cur.dep_ == "acl" and cur.tag_ == "VBN" and cur is anchor:
            break  # "the release of fighters taken hostage by the rebels": a reduced relative tells a fact
        head = cur.head
        lemma = head.lemma_.lower()
        noun_clause = cur.dep_ == "acl" and lemma in INTENT_NOUNS and cur.tag_ == "VB"  # "readiness to attack"
        if not nominal_presupposed and (cur.dep_ in ("xcomp", "ccomp", "pcomp", "acomp", "prep") or noun_clause):
            value = cues.gov.get(lemma) or cues.gov.get(head.lower_)
            if lemma == "call" and cur.dep_ == "xcomp" and not any(c.lower_ in ("on", "upon") for c in head.children):
                value = None  # "called Erdogan to congratulate him": the purpose of a phone call, not an appeal
            if lemma == "expect" and any(c.dep_ == "auxpass" for c in head.children):
                value = "intended"  # "Najib is widely expected to dissolve parliament": an act foreseen, not wished
            if value in ("negated", "claimed") and is_rebuttal(head):
                value = None  # "X accuses Y of ..., a charge Y denies": the denial is Y's own event
            if value:
                who = _speaker(head) if value in SPEECH_MODALITIES else None
                found.append((value, who, lemma))
        own_clause = cur.dep_ in ("conj", "xcomp", "pobj", "prep", "pcomp", "dobj", "acomp", "attr")
        if cur.dep_ == "conj" and cur.tag_ in FINITE:
            own_clause = False  # "would defend ... and accused": a finite conjunct has its own tense
        aspect_only = aspect_only and cur.dep_ == "xcomp" and lemma in ASPECTUAL
        came_by = cur.dep_
        cur = head
    if not nominal_presupposed:
        for tok in sent_doc:
            if tok.lower_ in cues.sent:
                found.append((cues.sent[tok.lower_], None, tok.lower_))
                break
        if sent_doc[0].lower_ == "or":
            found.append(("hypothetical", None, "or (an alternative scenario)"))
        if sent_doc.text.rstrip().endswith("?"):
            found.append(("hypothetical", None, "question"))
    according = _according_to(sent_doc)
    if according:
        found.append(("reported", according, "according to"))
    if not found:
        return Modality("asserted", None, ())
    value = max(found, key=lambda f: STRENGTH[f[0]])[0]
    speakers = [who for v, who, _ in found if who and v in SPEECH_MODALITIES]
    attribution = speakers[0] if speakers else None
    return Modality(value, attribution, tuple(cue for _, _, cue in found))
