"""Syntax-free clause cues: the subject of a verb, the speech verb governing a "that"-clause.

No parse is available to the actors stage (spaCy runs without a parser on the whole text),
so these helpers read token tags and a few word classes of ``context.tsv``:

* the subject of a verb is the noun group just before it, after stepping back over
  auxiliaries and adverbs ("has", "would not"), a relative pronoun ("Egypt, which has
  deployed ...") or a whole relative clause or apposition set off by commas ("Burundi,
  which has deployed troops to Congo, warned ...");
* a pronoun "it" opens a reported clause when a speech verb ("warned", "said") stands just
  before it, with or without "that" and a short adverbial ("said on Monday that it ...").
"""

from __future__ import annotations

from collections.abc import Iterable

from .drafts import Draft
from .units import Tokens

AUXILIARIES = frozenset(
    {
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "did",
        "does",
        "do",
        "not",
        "also",
    }
)
CLAUSE_END = frozenset({".", ";", "!", "?"})
SPEECH_GAP = 5  # tokens allowed between a speech verb and "that it" ("said on Monday that it")


def subject_end(t: Tokens, verb: int) -> int:
    """The token that should end the subject of the verb at ``verb`` (-1 when there is none)."""
    j = verb - 1
    while j >= 0 and (t.lower(j) in AUXILIARIES or t.tag(j) in {"MD", "RB"}):
        j -= 1
    if t.word_in(j, "relative") and t.text(j - 1) == ",":
        return j - 2
    if t.text(j) == ",":
        opening = _opening_comma(t, j)
        return opening - 1 if opening is not None else -1
    return j


def _opening_comma(t: Tokens, closing: int) -> int | None:
    """For the comma closing ", which ... ," or ", the ... ,": the opening comma."""
    for k in range(closing - 1, max(-1, closing - 30), -1):
        if t.text(k) in CLAUSE_END:
            return None
        if t.text(k) == ",":
            opener = t.lower(k + 1)
            return k if t.word_in(k + 1, "relative") or opener in {"the", "a", "an"} else None
    return None


def subject_draft(t: Tokens, verb: int, drafts: Iterable[Draft]) -> Draft | None:
    """The actor draft that is the subject of the verb at ``verb``, if one ends right before it."""
    end = subject_end(t, verb)
    if end < 0:
        return None
    for d in drafts:
        if d.start <= end < d.end:
            return d
    return None


def speech_verb_before(t: Tokens, i: int) -> int | None:
    """The speech verb whose reported clause starts with the token at ``i`` ("warned that it"), if any."""
    j = i - 1
    if t.lower(j) == "that":
        j -= 1
    for k in range(j, max(-1, j - SPEECH_GAP), -1):
        if t.text(k) in CLAUSE_END or t.text(k) == ",":
            return None
        if t.word_in(k, "speech") and t.tag(k).startswith("VB"):
            if k != j and t.lower(i - 1) != "that":
                return None  # "said on Monday it" is too loose: require "that" after an adverbial
            return k
    return None
