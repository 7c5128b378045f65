"""What the events model sees: candidate triggers and (trigger, actor) pairs of one parsed sentence.

The same functions build the training examples (:mod:`flashpoint.training.events`) and the
inputs at run time, so the model is always fed what it was trained on.

A **candidate trigger** is a verb, or a noun outside every actor mention ("the expulsion", "air
strikes", "talks"). Its features are

* sparse, named strings a person can read: its lemma, part of speech and dependency label, the
  lemma of its object, of the prepositions and particles it takes and of the word governing it,
  negation, modal and passive auxiliaries, whether an actor is its subject or object, the CAMEO
  root the Phoenix verb dictionary gives the verb (alone and with its object), the PLOVER type
  the hand-written predicate lexicon gives it;
* dense: the distilled MiniLM vectors (:mod:`.vectors`) of its lemma, its object, its governor and
  its subject, the mean vector of the sentence, and spaCy's own contextual token vector.

A **pair** is a candidate trigger and an actor mention of the same sentence; its features are the
dependency path between them (``^nsubj`` = the mention is the trigger's subject, ``^prep:against
/pobj`` = the object of "against" under it, ...), the order and distance, the mention's kind and
sector, whether the trigger is passive, whether the mention speaks the clause the trigger sits
in ("X said that ..."), each also crossed with the trigger's type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ....records import Mention
from .phoenix import PhoenixLexicon
from .vectors import PieceVectors

Token = Any

OBJECT_DEPS = ("dobj", "obj", "attr", "oprd", "dative")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "agent")
SPEECH = frozenset({"say", "tell", "state", "announce", "report", "add", "claim", "insist", "note", "write", "declare",
                    "confirm", "quote", "allege", "believe", "think", "argue", "explain", "stress", "warn"})
SKIP_LEMMAS = frozenset({"be", "have", "do", "%", "percent", "year", "day", "month", "week", "time", "people"})
STOP = frozenset({"the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "at", "from", "as",
                  "that", "this", "is", "was", "were", "be", "been", "it", "its", "their", "his", "her", "he",
                  "she", "they", "we", "has", "have", "had", "said", "says", "will", "would"})
DENSE_PARTS = ("lemma", "object", "governor", "subject", "sentence")


@dataclass(slots=True)
class ActorSlot:
    """One actor mention inside a parsed sentence."""

    mention: Mention
    index: int  # position in the doc's mention list
    tokens: tuple[int, ...]
    head: int  # the token of the mention that attaches it to the rest of the sentence


@dataclass(slots=True)
class SentenceView:
    """A parsed sentence (``sdoc``: a spaCy Doc whose offsets start at ``base``) and its actors."""

    sdoc: Any
    base: int
    actors: list[ActorSlot] = field(default_factory=list)
    actor_of_token: dict[int, int] = field(default_factory=dict)  # token -> position in ``actors``

    @classmethod
    def build(cls, sdoc: Any, base: int, mentions: Sequence[tuple[int, Mention]]) -> SentenceView:
        view = cls(sdoc, base)
        starts = [base + t.idx for t in sdoc]
        ends = [s + len(t.text) for s, t in zip(starts, sdoc, strict=True)]
        for index, m in mentions:
            toks = tuple(i for i in range(len(sdoc)) if starts[i] < m.end and ends[i] > m.start)
            if not toks:
                continue
            inside = set(toks)
            head = next((i for i in toks if sdoc[i].head.i not in inside or sdoc[i].head.i == i), toks[-1])
            view.actors.append(ActorSlot(m, index, toks, head))
            for i in toks:
                view.actor_of_token.setdefault(i, len(view.actors) - 1)
        return view


def candidates(view: SentenceView) -> list[int]:
    """Token positions that may carry an event: verbs, and nouns outside actor mentions."""
    out = []
    for tok in view.sdoc:
        if not tok.is_alpha or len(tok.text) < 3:
            continue
        lemma = tok.lemma_.lower()
        if lemma in SKIP_LEMMAS:
            continue
        if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and tok.i not in view.actor_of_token):
            out.append(tok.i)
        elif tok.pos_ == "PROPN" and tok.tag_ == "NNP" and tok.dep_ == "ROOT":
            out.append(tok.i)  # a title-case headline verb tagged as a name ("Beijing Bans ...")
    return out


def _first(tok: Token, deps: Sequence[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def object_of(tok: Token) -> Token | None:
    """The object a trigger takes: its direct object, else the object of its first preposition."""
    obj = _first(tok, OBJECT_DEPS)
    if obj is not None:
        return obj
    for c in tok.children:
        if c.dep_ == "prep":
            pobj = _first(c, ("pobj",))
            if pobj is not None:
                return pobj
    xcomp = _first(tok, ("xcomp",))
    return _first(xcomp, OBJECT_DEPS) if xcomp is not None else None


def subject_of(tok: Token) -> Token | None:
    cur = tok
    for _ in range(3):
        subj = _first(cur, ("nsubj", "nsubjpass", "csubj"))
        if subj is not None:
            return subj
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and cur.head is not cur:
            if cur.dep_ in ("acl", "relcl"):
                return cur.head
            cur = cur.head
            continue
        break
    return None


def _lemma(tok: Token | None) -> str:
    return tok.lemma_.lower() if tok is not None else ""


def trigger_sparse(view: SentenceView, i: int, phoenix: PhoenixLexicon, lexicon_types: dict[str, tuple[str, ...]]) -> list[str]:
    tok = view.sdoc[i]
    lemma = tok.lemma_.lower()
    pos = tok.pos_
    feats = [f"l:{lemma}", f"pos:{pos}", f"tag:{tok.tag_}", f"dep:{tok.dep_}", f"ld:{lemma}|{tok.dep_}",
             f"suf:{lemma[-4:]}"]
    obj = object_of(tok)
    if obj is not None:
        feats += [f"o:{_lemma(obj)}", f"lo:{lemma}|{_lemma(obj)}"]
        if obj.i in view.actor_of_token:
            feats.append("o_actor")
    deps = [_lemma(obj)] if obj is not None else []
    for c in tok.children:
        dep = c.dep_
        if dep == "prep":
            word = c.lower_
            feats += [f"p:{word}", f"lp:{lemma}|{word}"]
            pobj = _first(c, ("pobj",))
            if pobj is not None:
                deps.append(_lemma(pobj))
                if pobj.i in view.actor_of_token:
                    feats.append(f"pa:{word}")
        elif dep == "prt":
            feats.append(f"lprt:{lemma}|{c.lower_}")
            deps.append(c.lower_)
        elif dep == "neg" or (dep == "det" and c.lower_ in ("no", "neither")):
            feats.append("neg")
        elif dep in ("aux", "auxpass"):
            feats.append(f"aux:{c.lower_}")
            if dep == "auxpass":
                feats.append("passive")
        elif dep == "nsubjpass":
            feats.append("passive")
        elif dep in ("amod", "compound") and pos == "NOUN":
            feats.append(f"mod:{_lemma(c)}")
            deps.append(_lemma(c))
    subj = subject_of(tok)
    if subj is not None:
        feats.append(f"s:{_lemma(subj)}")
        if subj.i in view.actor_of_token:
            feats.append("s_actor")
    head = tok.head
    if head is not tok:
        feats += [f"h:{_lemma(head)}", f"hd:{_lemma(head)}|{tok.dep_}"]
        if _lemma(head) in SPEECH:
            feats.append("under_speech")
    if any(c.dep_ == "poss" and c.i in view.actor_of_token for c in tok.children):
        feats.append("poss_actor")
    if pos == "VERB" or pos == "PROPN":
        root = phoenix.default_root(lemma)
        if root:
            feats.append(f"px:{root}")
        prt = _first(tok, ("prt",))
        if prt is not None:
            multi = phoenix.default_root(f"{lemma} {prt.lower_}")
            if multi:
                feats.append(f"px:{multi}")
        pattern = phoenix.pattern_root(lemma, deps)
        if pattern:
            feats.append(f"pxp:{pattern}")
    for plover in lexicon_types.get(lemma, ()):
        feats.append(f"lex:{plover}")
    if view.actors:
        feats.append(f"n_actors:{min(len(view.actors), 3)}")
    else:
        feats.append("no_actor")
    text = view.sdoc.text.rstrip()
    if text and text[-1] not in ".!?\"'”’)":
        feats.append("headline")
    return feats


def trigger_dense(view: SentenceView, positions: Sequence[int], vectors: PieceVectors) -> np.ndarray:
    """Rows of [lemma, object, governor, subject, sentence mean, spaCy token vector] for the candidates."""
    sdoc = view.sdoc
    words = [t.lower_ for t in sdoc if t.is_alpha and t.lower_ not in STOP]
    sentence = np.mean([vectors.word(w) for w in words], axis=0) if words else vectors.zero
    tensor = sdoc.tensor if getattr(sdoc, "tensor", None) is not None and sdoc.tensor.shape[0] == len(sdoc) else None
    width = tensor.shape[1] if tensor is not None else 96
    rows = np.zeros((len(positions), vectors.dims * len(DENSE_PARTS) + width), dtype=np.float32)
    for n, i in enumerate(positions):
        tok = sdoc[i]
        parts = (tok, object_of(tok), tok.head if tok.head is not tok else None, subject_of(tok))
        for k, part in enumerate(parts):
            if part is not None:
                rows[n, k * vectors.dims:(k + 1) * vectors.dims] = vectors.word(part.lemma_.lower())
        rows[n, 4 * vectors.dims:5 * vectors.dims] = sentence
        if tensor is not None:
            rows[n, 5 * vectors.dims:] = tensor[i] / 4.0
    return rows


def dense_width(vectors: PieceVectors, tensor_width: int = 96) -> int:
    return vectors.dims * len(DENSE_PARTS) + tensor_width


# ---------------------------------------------------------------- pairs (roles)

def _ancestors(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head is not out[-1] and len(out) < 40:
        out.append(out[-1].head)
    return out


def _step(tok: Token) -> str:
    return f"prep:{tok.lower_}" if tok.dep_ in ("prep", "agent") else tok.dep_


def path(trigger: Token, target: Token) -> tuple[str, int, int]:
    """The dependency path from a trigger to another token: ``up`` steps from the trigger to their
    lowest common ancestor, then ``down`` steps; written ``<dep`` up and ``>dep`` down."""
    up = _ancestors(trigger)
    down = _ancestors(target)
    down_index = {t.i: k for k, t in enumerate(down)}
    for k, t in enumerate(up):
        if t.i in down_index:
            j = down_index[t.i]
            ups = [_step(x) for x in up[:k]]
            downs = [_step(x) for x in reversed(down[:j])]
            text = "".join("<" + u for u in ups) + "".join(">" + d for d in downs)
            return text or "=", k, j
    return "none", 99, 99


def pair_sparse(view: SentenceView, i: int, slot: ActorSlot, plover: str) -> list[str]:
    sdoc = view.sdoc
    tok = sdoc[i]
    head = sdoc[slot.head]
    route, ups, downs = path(tok, head)
    if ups + downs > 5:
        route = "long"
    before = slot.head < i
    m = slot.mention
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    lemma = tok.lemma_.lower()
    feats = [f"r:{route}", f"tr:{plover}|{route}", f"pr:{passive}|{route}", f"lr:{lemma}|{route}",
             f"ups:{min(ups, 4)}", f"downs:{min(downs, 4)}", f"before:{before}", f"tb:{plover}|{before}",
             f"kind:{m.kind}", f"sector:{m.sector}", f"tk:{plover}|{m.kind}", f"ts:{plover}|{m.sector}",
             f"country:{m.country is not None}", f"pos:{tok.pos_}", f"tp:{plover}|{tok.pos_}"]
    gap = abs(slot.head - i)
    feats.append(f"gap:{min(gap, 8) if gap < 8 else 8 + min(gap // 8, 3)}")
    if slot.head in (c.i for c in tok.children) and head.dep_ in ("poss", "compound", "amod", "nmod"):
        feats.append(f"mod:{head.dep_}")
        feats.append(f"tmod:{plover}|{head.dep_}")
    # the mention speaks the clause the trigger is in: "X said (that) Y attacked Z"
    for anc in _ancestors(tok)[1:4]:
        if anc.lemma_.lower() in SPEECH:
            subj = _first(anc, ("nsubj",))
            if subj is not None and slot.head == subj.i:
                feats += ["speaker", f"tspeaker:{plover}"]
            break
    # the actor is already another actor's partner in a coordination: "Iran and Iraq signed"
    if head.dep_ == "conj":
        feats.append("conj")
    # nearest actor to the trigger on its side
    others = [a.head for a in view.actors if a is not slot]
    if before and not any(slot.head < o < i for o in others):
        feats.append("nearest_left")
    if not before and not any(i < o < slot.head for o in others):
        feats.append("nearest_right")
    return feats
