"""How a place name's span is cut from the text: shared by the recognition rules and the toponym model."""

from __future__ import annotations

import re
from functools import lru_cache

from ...resources import read_table

_INITIAL_DOT = re.compile(r"\b[A-Z]\.$")  # "U.S.", "D.C."
_SHORT_DOT = re.compile(r"\b[A-Z][a-z]{0,3}\.$")  # "Calif.", "Ont.", but also "Fife." closing a sentence
# what follows a full stop: the end, or (after closing quotes or brackets) a line break, an opening quote or bracket,
# or a capital or a digit after a space
_SENTENCE_NEXT = re.compile(r"[”’\"')\]]*(?:\s*$|\s*\n|\s+[\"“‘'(\[A-Z0-9])")


@lru_cache(maxsize=1)
def dotted_abbreviations() -> frozenset[str]:
    """The dotted abbreviations of states and provinces the press uses ("Calif.", "Ont."), from our tables."""
    forms = [cell for row in read_table("places", "us_states.tsv", columns=4) for cell in row[3].split("|")]
    forms += [cell for row in read_table("places", "division_abbreviations.tsv", columns=3) for cell in row[2].split("|")]
    return frozenset(form for form in forms if form.endswith("."))


def _keeps_dot(text: str, start: int, end: int) -> bool:
    """Whether the dot ending ``text[start:end]`` belongs to the name: initials ("U.S."), a state's abbreviation
    that is the whole name ("Mansfield, La." ends a sentence with one dot), or a short word with a dot inside a
    sentence ("Mt. Hood"). Otherwise a short name's dot before a new sentence is a full stop ("Knockhill, Fife.
    Then", "the Isle of Man. Later")."""
    span = text[start:end]
    if _INITIAL_DOT.search(span) or span in dotted_abbreviations():
        return True
    return bool(_SHORT_DOT.search(span)) and not _SENTENCE_NEXT.match(text, end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive and trailing punctuation from a span (``_keeps_dot`` says
    which dots stay)."""
    span = text[start:end]
    for article in ("the ", "The "):
        if span.startswith(article) and len(span) > len(article):
            start += len(article)
            span = span[len(article) :]
    for suffix in ("’s", "'s", "’", "'"):
        if span.endswith(suffix) and len(span) > len(suffix) + 1:
            end -= len(suffix)
            span = span[: -len(suffix)]
    while end > start and text[end - 1] in " .,;:":
        if text[end - 1] == "." and _keeps_dot(text, start, end):
            break
        end -= 1
    return start, end
