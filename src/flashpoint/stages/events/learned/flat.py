"""Trigger features read off the tagged text, before any dependency parse.

The trigger network runs on every sentence of every article, so it reads only what the NLP
stage's whole-text pass already made: words, fine-grained tags, spaCy's contextual token vectors
and the actors stage's mentions. The dependency parser then runs only on the sentences where a
trigger was found (for roles and modality), not on the whole article.

A **candidate trigger** is a verb (``VB*``) or a common noun (``NN``/``NNS``) outside actor
mentions, or the first title-case word after the subject of a headline. Its features:

* sparse, named strings a person can read: its lemma, tag and suffix, the words next to it, the
  first noun after it (its object, roughly) and the preposition or particle it takes, the nearest
  noun or actor before it (its subject, roughly), a modal, a negation, a passive, a speech verb
  before it ("said that ..."), whether actors stand on its left and right, the CAMEO root the
  Phoenix verb dictionary gives it (alone and with that object), the PLOVER type the hand lexicon
  gives it, a headline;
* dense: the distilled MiniLM vectors of its lemma, its object, the verb before it (for a noun:
  "launched an attack") and its subject, the sentence's mean vector and spaCy's token vector.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...nlp import lemma_of, token_table
from .phoenix import PhoenixLexicon
from .vectors import PieceVectors

SPEECH = frozenset({"say", "tell", "state", "announce", "report", "add", "claim", "insist", "note", "write", "declare",
                    "confirm", "quote", "allege", "believe", "think", "argue", "explain", "stress", "accord"})
SKIP_LEMMAS = frozenset({"be", "have", "do", "%", "percent", "year", "day", "month", "week", "time", "people",
                         "get", "go", "can", "will", "would", "may", "might", "must", "should", "could"})
STOP = frozenset({"the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "at", "from", "as",
                  "that", "this", "is", "was", "were", "be", "been", "it", "its", "their", "his", "her", "he",
                  "she", "they", "we", "has", "have", "had", "said", "says", "will", "would"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "get", "got", "gets", "getting"})
SKIPPABLE = ("DT", "JJ", "JJR", "JJS", "CD", "PRP$", "POS", "RB", "NNP", "NNPS", "HYPH", "``", "''")
STOPS_OBJECT = frozenset({",", ".", ";", ":", "--", "-", "(", ")"})
DENSE_PARTS = 5


@dataclass(slots=True)
class FlatSentence:
    """One sentence of a tagged (not parsed) spaCy Doc: plain lists, token positions local to it."""

    lower: list[str]
    tag: list[str]
    lemma: list[str]
    start: int  # token position of the sentence in the whole doc
    tensor: np.ndarray | None
    mention_at: dict[int, int] = field(default_factory=dict)  # local token -> mention index
    headline: bool = False

    def __len__(self) -> int:
        return len(self.lower)


def flat_sentence(sdoc: Any, start_char: int, end_char: int, mentions: Sequence[tuple[int, Any]]) -> FlatSentence | None:
    """The sentence of ``sdoc`` covering the characters [start_char, end_char), with its mentions
    (``(index, Mention)`` pairs whose offsets are in ``sdoc``'s text)."""
    span = sdoc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    table = token_table(sdoc)
    a, b = span.start, span.end
    lower = table.lower[a:b]
    tag = table.tag[a:b]
    lemma = [table.lemma[k] or lemma_of(table.lower[k], table.tag[k]) for k in range(a, b)]
    tensor = sdoc.tensor[a:b] if getattr(sdoc, "tensor", None) is not None and len(sdoc.tensor) == len(sdoc) else None
    idx = table.idx
    mention_at: dict[int, int] = {}
    for index, m in mentions:
        if m.end <= idx[a] or m.start >= idx[b - 1] + len(table.text[b - 1]):
            continue
        for k in range(a, b):
            if idx[k] < m.end and idx[k] + len(table.text[k]) > m.start:
                mention_at.setdefault(k - a, index)
    last = next((table.text[k] for k in range(b - 1, a - 1, -1) if table.text[k].strip()), "")
    headline = bool(last) and last[-1] not in ".!?\"'”’):"
    flat = FlatSentence(lower, tag, lemma, a, tensor, mention_at, headline)
    if headline:
        for i, t in enumerate(tag):
            if t in ("NNP", "NNPS") and _headline_verb(flat, i):
                lemma[i] = lemma_of(lower[i], "VBZ")
    return flat


def candidates(s: FlatSentence) -> list[int]:
    out = []
    for i, tag in enumerate(s.tag):
        word = s.lower[i]
        if len(word) < 3 or not word.isalpha():
            continue
        if s.lemma[i] in SKIP_LEMMAS:
            continue
        if _candidate(s, i, tag):
            out.append(i)
    return out


def _candidate(s: FlatSentence, i: int, tag: str) -> bool:
    if tag.startswith("VB"):
        return True
    if tag in ("NN", "NNS"):
        return i not in s.mention_at
    return s.headline and tag in ("NNP", "NNPS") and _headline_verb(s, i)


def _headline_verb(s: FlatSentence, i: int) -> bool:
    """A title-case headline word tagged as a name that reads as a verb ("Beijing Bans ...")."""
    word = s.lower[i]
    return 1 <= i <= 3 and i not in s.mention_at and word.endswith("s") and lemma_of(word, "VBZ") != word


def _is_noun(tag: str) -> bool:
    return tag.startswith("NN") or tag == "PRP"


def object_of(s: FlatSentence, i: int) -> tuple[int | None, str | None]:
    """The first noun after ``i`` (its object, roughly) and the preposition met on the way."""
    prep = None
    for k in range(i + 1, min(len(s), i + 7)):
        tag = s.tag[k]
        if s.lower[k] in STOPS_OBJECT or tag.startswith("VB") or tag in ("MD", "WDT", "WP"):
            return None, prep
        if tag in ("IN", "TO"):
            if prep is not None:
                return None, prep
            prep = s.lower[k]
            continue
        if tag in ("NN", "NNS") or (tag in ("NNP", "NNPS") and k in s.mention_at):
            return k, prep
        if tag not in SKIPPABLE and tag != "RP":
            return None, prep
    return None, prep


def subject_of(s: FlatSentence, i: int) -> int | None:
    """The nearest noun, pronoun or actor before ``i`` in its clause (its subject, roughly)."""
    for k in range(i - 1, max(-1, i - 9), -1):
        if s.lower[k] in (",", ";", ":", "that", "which", "who") and k < i - 1:
            return None
        if k in s.mention_at or _is_noun(s.tag[k]):
            return k
    return None


def governor_of(s: FlatSentence, i: int) -> int | None:
    """For a noun, the verb just before it ("launched an attack", "held talks")."""
    for k in range(i - 1, max(-1, i - 5), -1):
        if s.tag[k].startswith("VB"):
            return k
        if s.lower[k] in STOPS_OBJECT:
            return None
    return None


def trigger_sparse(s: FlatSentence, i: int, phoenix: PhoenixLexicon, lexicon: dict[str, tuple[str, ...]]) -> list[str]:
    lemma, tag = s.lemma[i], s.tag[i]
    verb = tag.startswith("VB") or tag in ("NNP", "NNPS")
    feats = [f"l:{lemma}", f"tag:{tag}", f"suf:{lemma[-4:]}", f"lt:{lemma}|{tag[:3]}"]
    if i > 0:
        feats += [f"p1:{s.lower[i - 1]}", f"pt1:{s.tag[i - 1]}"]
    else:
        feats.append("first")
    if i + 1 < len(s):
        feats += [f"n1:{s.lower[i + 1]}", f"nt1:{s.tag[i + 1]}"]
    if i + 2 < len(s):
        feats.append(f"n2:{s.lower[i + 2]}")
    obj, prep = object_of(s, i)
    deps: list[str] = []
    if obj is not None:
        feats += [f"o:{s.lemma[obj]}", f"lo:{lemma}|{s.lemma[obj]}"]
        deps += [s.lemma[obj], s.lower[obj]]
        if obj in s.mention_at:
            feats.append("o_actor" if prep is None else f"pa:{prep}")
    if prep is not None:
        feats += [f"p:{prep}", f"lp:{lemma}|{prep}"]
    if i + 1 < len(s) and s.tag[i + 1] == "RP":
        feats.append(f"lprt:{lemma}|{s.lower[i + 1]}")
        deps.append(s.lower[i + 1])
    subj = subject_of(s, i)
    if subj is not None:
        feats.append(f"s:{s.lemma[subj]}")
        if subj in s.mention_at:
            feats.append("s_actor")
    for k in range(max(0, i - 3), i):
        word = s.lower[k]
        if s.tag[k] == "MD":
            feats.append(f"aux:{word}")
        elif word in NEGATIONS:
            feats.append("neg")
        elif word in BE and tag == "VBN":
            feats.append("passive")
    if not verb:
        gov = governor_of(s, i)
        if gov is not None:
            feats += [f"g:{s.lemma[gov]}", f"gl:{s.lemma[gov]}|{lemma}"]
        if i > 0 and (s.tag[i - 1] in ("NN", "NNS") or (i - 1) in s.mention_at):
            feats.append("after_noun")
    for k in range(max(0, i - 8), i):
        if s.lemma[k] in SPEECH and s.tag[k].startswith("VB"):
            feats.append("after_speech")
            break
    if any(k < i for k in s.mention_at):
        feats.append("actor_left")
    if any(k > i for k in s.mention_at):
        feats.append("actor_right")
    if verb:
        root = phoenix.default_root(lemma)
        if root:
            feats.append(f"px:{root}")
        if i + 1 < len(s) and s.tag[i + 1] == "RP":
            multi = phoenix.default_root(f"{lemma} {s.lower[i + 1]}")
            if multi:
                feats.append(f"px:{multi}")
        pattern = phoenix.pattern_root(lemma, deps)
        if pattern:
            feats.append(f"pxp:{pattern}")
    for plover in lexicon.get(lemma, ()):
        feats.append(f"lex:{plover}")
    feats.append(f"n_actors:{min(len(set(s.mention_at.values())), 3)}")
    if s.headline:
        feats.append("headline")
    return feats


def trigger_dense(s: FlatSentence, positions: Sequence[int], vectors: PieceVectors) -> np.ndarray:
    """Rows of [lemma, object, verb before, subject, sentence mean, spaCy token vector] for the candidates."""
    words = [w for w, t in zip(s.lower, s.tag, strict=True) if w.isalpha() and w not in STOP]
    sentence = np.mean([vectors.word(w) for w in words], axis=0) if words else vectors.zero
    width = s.tensor.shape[1] if s.tensor is not None else 96
    d = vectors.dims
    rows = np.zeros((len(positions), d * DENSE_PARTS + width), dtype=np.float32)
    for n, i in enumerate(positions):
        obj, _ = object_of(s, i)
        parts = (i, obj, governor_of(s, i) if not s.tag[i].startswith("VB") else None, subject_of(s, i))
        for k, part in enumerate(parts):
            if part is not None:
                rows[n, k * d:(k + 1) * d] = vectors.word(s.lemma[part])
        rows[n, 4 * d:5 * d] = sentence
        if s.tensor is not None:
            rows[n, 5 * d:] = s.tensor[i] / 4.0
    return rows


def dense_width(vectors: PieceVectors, tensor_width: int = 96) -> int:
    return vectors.dims * DENSE_PARTS + tensor_width
