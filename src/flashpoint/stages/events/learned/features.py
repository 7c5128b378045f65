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

The **actors** of a sentence are the mentions the actors stage found in it, plus every noun in an
argument position (subject, object, agent, object of a preposition, possessor) that no mention
covers: "thousands of people rallied", "gunmen from a faction", "Jaish al-Islam". Those carry no
country; the decoder gives them the country where the sentence happens.

A **pair** is a candidate trigger and an actor of the same sentence; its features are the
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
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj", "poss", "dative", "appos", "conj"})
NOT_ACTORS = frozenset({"year", "day", "week", "month", "time", "percent", "%", "number", "part", "way", "end",
                        "lot", "kind", "type", "thing", "fact", "today", "yesterday", "tomorrow", "morning",
                        "night", "evening", "afternoon"})
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
class Parse:
    """The parse of a sentence as plain lists (read once from the Doc's arrays)."""

    head: list[int]
    dep: list[str]
    lemma: list[str]
    lower: list[str]
    pos: list[str]
    children: list[list[int]]

    @classmethod
    def of(cls, sdoc: Any) -> Parse:
        from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS

        strings = sdoc.vocab.strings
        rows = sdoc.to_array([HEAD, DEP, LEMMA, LOWER, POS]).tolist() if len(sdoc) else []
        head = [i + int(r[0]) if r[0] < 2 ** 63 else i + int(r[0]) - 2 ** 64 for i, r in enumerate(rows)]
        children: list[list[int]] = [[] for _ in rows]
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
        return cls(head, [strings[r[1]] for r in rows], [strings[r[2]].lower() for r in rows],
                   [strings[r[3]] for r in rows], [strings[r[4]] for r in rows], children)


@dataclass(slots=True)
class SentenceView:
    """A parsed sentence (``sdoc``: a spaCy Doc whose offsets start at ``base``) and its actors."""

    sdoc: Any
    base: int
    actors: list[ActorSlot] = field(default_factory=list)
    actor_of_token: dict[int, int] = field(default_factory=dict)  # token -> position in ``actors``
    parse: Parse | None = None

    @classmethod
    def build(cls, sdoc: Any, base: int, mentions: Sequence[tuple[int, Mention]], nouns: bool = True) -> SentenceView:
        view = cls(sdoc, base)
        view.parse = Parse.of(sdoc)
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
        if nouns:
            view._add_nouns(starts, ends)
        return view

    def _add_nouns(self, starts: list[int], ends: list[int]) -> None:
        """Uncovered nouns in argument positions become actors without a country (kind ``noun``)."""
        for tok in self.sdoc:
            if tok.i in self.actor_of_token or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ARGUMENT_DEPS:
                continue
            if tok.dep_ == "conj" and tok.head.dep_ not in ARGUMENT_DEPS or not tok.is_alpha:
                continue
            if tok.lemma_.lower() in NOT_ACTORS or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "GPE", "LOC", "FAC"):
                continue
            toks = [c.i for c in tok.lefts if c.dep_ in ("compound", "amod") and c.i not in self.actor_of_token]
            toks = sorted({*toks, tok.i})
            start, end = starts[toks[0]], ends[toks[-1]]
            text = self.sdoc.text[self.sdoc[toks[0]].idx:self.sdoc[toks[-1]].idx + len(self.sdoc[toks[-1]].text)]
            mention = Mention(start, end, text, text, None, kind="noun", reason="events: noun in an argument position")
            self.actors.append(ActorSlot(mention, -1, tuple(toks), tok.i))
            for i in toks:
                self.actor_of_token.setdefault(i, len(self.actors) - 1)


def candidates(view: SentenceView) -> list[int]:
    """Token positions that may carry an event: verbs, and nouns outside actor mentions."""
    out = []
    for tok in view.sdoc:
        if not tok.is_alpha or len(tok.text) < 3:
            continue
        lemma = tok.lemma_.lower()
        if lemma in SKIP_LEMMAS:
            continue
        slot = view.actor_of_token.get(tok.i)
        if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and (slot is None or view.actors[slot].index < 0)):
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

def _ancestors(parse: Parse, i: int) -> list[int]:
    out = [i]
    while parse.head[out[-1]] != out[-1] and len(out) < 40:
        out.append(parse.head[out[-1]])
    return out


def _step(parse: Parse, i: int) -> str:
    dep = parse.dep[i]
    return f"prep:{parse.lower[i]}" if dep in ("prep", "agent") else dep


def path(parse: Parse, trigger: int, target: int) -> tuple[str, int, int]:
    """The dependency path from a trigger to another token: ``up`` steps from the trigger to their
    lowest common ancestor, then ``down`` steps; written ``<dep`` up and ``>dep`` down."""
    up = _ancestors(parse, trigger)
    down = _ancestors(parse, target)
    down_index = {t: k for k, t in enumerate(down)}
    for k, t in enumerate(up):
        if t in down_index:
            j = down_index[t]
            ups = [_step(parse, x) for x in up[:k]]
            downs = [_step(parse, x) for x in reversed(down[:j])]
            text = "".join("<" + u for u in ups) + "".join(">" + d for d in downs)
            return text or "=", k, j
    return "none", 99, 99


def _parse(view: SentenceView) -> Parse:
    if view.parse is None:
        view.parse = Parse.of(view.sdoc)
    return view.parse


PAIR_DENSE_PARTS = ("actor", "trigger", "governor")


def _governor(parse: Parse, head: int) -> int | None:
    """The content word an actor hangs from, past a preposition ("the attack on X" -> attack)."""
    gov = parse.head[head]
    if gov == head:
        return None
    if parse.dep[head] == "pobj" and parse.head[gov] != gov:
        gov = parse.head[gov]
    return gov


def pair_dense(view: SentenceView, i: int, slots: Sequence[ActorSlot], vectors: PieceVectors) -> np.ndarray:
    """Rows of [the actor's head word, the trigger, the word the actor hangs from] vectors and
    spaCy's contextual vectors of the actor's head and of the trigger, for the pairs of trigger ``i``."""
    parse = _parse(view)
    d = vectors.dims
    sdoc = view.sdoc
    tensor = sdoc.tensor if getattr(sdoc, "tensor", None) is not None and sdoc.tensor.shape[0] == len(sdoc) else None
    width = tensor.shape[1] if tensor is not None else PAIR_TENSOR
    rows = np.zeros((len(slots), d * len(PAIR_DENSE_PARTS) + 2 * width), dtype=np.float32)
    trigger = vectors.word(parse.lemma[i])
    base = d * len(PAIR_DENSE_PARTS)
    for n, slot in enumerate(slots):
        rows[n, :d] = vectors.word(parse.lemma[slot.head])
        rows[n, d:2 * d] = trigger
        gov = _governor(parse, slot.head)
        if gov is not None:
            rows[n, 2 * d:3 * d] = vectors.word(parse.lemma[gov])
        if tensor is not None:
            rows[n, base:base + width] = tensor[slot.head] / 4.0
            rows[n, base + width:] = tensor[i] / 4.0
    return rows


PAIR_TENSOR = 96


def pair_dense_width(vectors: PieceVectors) -> int:
    return vectors.dims * len(PAIR_DENSE_PARTS) + 2 * PAIR_TENSOR


def pair_sparse(view: SentenceView, i: int, slot: ActorSlot, plover: str) -> list[str]:
    parse = _parse(view)
    head = slot.head
    route, ups, downs = path(parse, i, head)
    if ups + downs > 5:
        route = "long"
    before = head < i
    m = slot.mention
    passive = any(parse.dep[c] in ("nsubjpass", "auxpass") for c in parse.children[i])
    lemma = parse.lemma[i]
    pos = parse.pos[i]
    feats = [f"r:{route}", f"tr:{plover}|{route}", f"pr:{passive}|{route}", f"lr:{lemma}|{route}",
             f"kr:{m.kind}|{route}", f"hl:{parse.lemma[head]}",
             f"ups:{min(ups, 4)}", f"downs:{min(downs, 4)}", f"before:{before}", f"tb:{plover}|{before}",
             f"kind:{m.kind}", f"sector:{m.sector}", f"tk:{plover}|{m.kind}", f"ts:{plover}|{m.sector}",
             f"country:{m.country is not None}", f"pos:{pos}", f"tp:{plover}|{pos}"]
    gap = abs(head - i)
    feats.append(f"gap:{min(gap, 8) if gap < 8 else 8 + min(gap // 8, 3)}")
    if parse.head[head] == i and head != i and parse.dep[head] in ("poss", "compound", "amod", "nmod"):
        feats.append(f"mod:{parse.dep[head]}")
        feats.append(f"tmod:{plover}|{parse.dep[head]}")
    # the mention speaks the clause the trigger is in: "X said (that) Y attacked Z"
    for anc in _ancestors(parse, i)[1:4]:
        if parse.lemma[anc] in SPEECH:
            subj = next((c for c in parse.children[anc] if parse.dep[c] == "nsubj"), None)
            if subj is not None and head == subj:
                feats += ["speaker", f"tspeaker:{plover}"]
            break
    # the actor is already another actor's partner in a coordination: "Iran and Iraq signed"
    if parse.dep[head] == "conj":
        feats.append("conj")
    # nearest actor to the trigger on its side
    others = [a.head for a in view.actors if a is not slot]
    if before and not any(head < o < i for o in others):
        feats.append("nearest_left")
    if not before and not any(i < o < head for o in others):
        feats.append("nearest_right")
    feats += _attachment(parse, i, head, plover, passive, lemma)
    feats += _clause(parse, i, head, plover)
    rank = sum(1 for o in others if (o < i) == before and abs(o - i) < gap)
    feats += [f"rank:{before}|{min(rank, 2)}", f"trank:{plover}|{before}|{min(rank, 2)}"]
    # whether some other actor already holds the trigger's subject or object slot
    taken = {parse.dep[o] for o in others if parse.head[o] == i}
    for dep in ("nsubj", "nsubjpass", "dobj", "agent"):
        if dep in taken:
            feats.append(f"other:{dep}|{parse.dep[head] if parse.head[head] == i else 'far'}")
    return feats


CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "pcomp", "parataxis", "csubj"})


def _attachment(parse: Parse, i: int, head: int, plover: str, passive: bool, lemma: str) -> list[str]:
    """How the actor hangs in the sentence: its own relation and the word it hangs from, the
    preposition or possessive that marks it ("against X", "by X", "X's forces"), and what that
    marked phrase hangs from in turn ("the attack on X", "forces of X")."""
    dep = parse.dep[head]
    gov = parse.head[head]
    feats = [f"ad:{dep}", f"tad:{plover}|{dep}", f"pad:{passive}|{dep}"]
    if gov == head:
        return feats
    gov_lemma = parse.lemma[gov]
    feats += [f"adg:{dep}|{gov_lemma}", f"gov_trigger:{gov == i}"]
    if dep == "pobj":
        prep = parse.lower[gov]
        up = parse.head[gov]
        feats += [f"case:{prep}", f"tcase:{plover}|{prep}", f"pcase:{passive}|{prep}",
                  f"lcase:{lemma}|{prep}", f"casepos:{prep}|{parse.pos[up]}|{up == i}"]
        if parse.dep[gov] == "agent" or (prep == "by" and passive and up == i):
            feats += ["agent", f"tagent:{plover}"]
        if up != i:
            feats.append(f"casegov:{prep}|{parse.lemma[up]}")
    elif dep == "poss":
        feats += [f"poss_of:{gov_lemma}", f"poss_pos:{parse.pos[gov]}|{gov == i}", f"tposs:{plover}|{gov == i}"]
        feats.append(f"poss_dep:{parse.dep[gov]}|{parse.head[gov] == i}")
    elif dep in ("compound", "amod", "nmod"):
        feats.append(f"modof:{parse.pos[gov]}|{gov == i}|{parse.dep[gov]}")
    elif dep == "conj":
        first = gov
        for _ in range(4):
            if parse.dep[first] != "conj" or parse.head[first] == first:
                break
            first = parse.head[first]
        feats += [f"conj_of:{parse.dep[first]}", f"tconj_of:{plover}|{parse.dep[first]}"]
    elif dep == "appos":
        feats.append(f"appos_of:{parse.dep[gov]}")
    return feats


def _clause(parse: Parse, i: int, head: int, plover: str) -> list[str]:
    """Whether the path from the trigger to the actor leaves the trigger's clause, and how."""
    up = _ancestors(parse, i)
    down = _ancestors(parse, head)
    common = next((t for t in up if t in set(down)), None)
    if common is None:
        return ["clause:none"]
    up_deps = [parse.dep[t] for t in up[:up.index(common)]]
    down_deps = [parse.dep[t] for t in down[:down.index(common)]]
    left = [d for d in up_deps if d in CLAUSE_DEPS]
    entered = [d for d in down_deps if d in CLAUSE_DEPS]
    feats = [f"clause_up:{left[0] if left else '-'}", f"clause_down:{entered[-1] if entered else '-'}"]
    feats.append(f"tclause:{plover}|{bool(left)}|{bool(entered)}")
    return feats
