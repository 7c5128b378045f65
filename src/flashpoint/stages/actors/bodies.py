"""Named state bodies after a possessor: "China's Taiwan Affairs Office", "Russia's Federal Security Service".

A capitalised name that ends in a body noun (Office, Ministry, Agency, Committee, Council,
Commission, Bureau, ... : the ``body_noun`` class of ``context.tsv``) and follows a possessive
belongs to the possessor, even when it contains another country's name: the Taiwan Affairs
Office is a body of China, not an actor of Taiwan. Its sector comes from the sector table
(the longest phrase ending the name, e.g. "security service" SPY; else a sector modifier
inside it, "Intelligence" SPY; else GOV).
"""

from __future__ import annotations

from .knowledge import Knowledge
from .units import Tokens

MAX_WORDS = 7
LINKS = frozenset({"of", "for", "and", "on", "&"})


def body_name(t: Tokens, i: int, kb: Knowledge) -> tuple[int, str] | None:
    """(end token, sector) of a capitalised body name starting at token i, or None."""
    first = t.unit_at.get(i)
    if first is not None and first.of("entity") is not None and first.of("country") is None:
        return None  # a body the knowledge base knows ("Iran's IRGC") is coded from its own entry
    end = None
    j = i
    while j < t.n and j < i + MAX_WORDS:
        word = t.text(j)
        if t.lower(j) in LINKS and j > i:
            j += 1
            continue
        if not word[:1].isupper() or t.tag(j) not in {"NNP", "NNPS", "JJ", "NN", "NNS"}:
            break
        if t.word_in(j, "body_noun") and j > i:
            end = j + 1
        j += 1
    if end is None:
        return None
    return end, _sector(t, i, end, kb)


def _sector(t: Tokens, start: int, end: int, kb: Knowledge) -> str:
    words = [t.lower(k) for k in range(start, end)]
    for n in range(len(words)):
        sw = kb.sectors.get(" ".join(words[n:]))
        if sw is not None and sw.strength == "head":
            return sw.sector
    for w in words:
        sw = kb.sectors.get(w)
        if sw is not None and sw.strength in {"mod", "head"} and sw.sector not in {"GOV"}:
            return sw.sector
    return "GOV"
