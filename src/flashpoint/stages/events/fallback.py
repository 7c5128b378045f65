"""Country words the actors stage left uncoded, recovered for the event rules.

The actors stage codes most actors; when it misses an adjectival country word
("a Russian strike", "Ukrainian drones") or a country name used as a place, an
event would lose its source or target. This module adds, for the events stage
only, a mention for every uncovered token that is a country name or demonym in
the actor knowledge base (or, when that is unavailable, the evaluation name
list), and for every uncovered country-level place. The added mentions say why
in their ``reason``; they never reach ``Doc.mentions``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ...records import Mention, Place

ADJECTIVE_TAGS = frozenset({"JJ", "NNP", "NNPS"})


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Lower-case single-word country names and demonyms -> ISO3."""
    table: dict[str, str] = {}
    try:
        from ..actors.knowledge import load_knowledge

        for country in load_knowledge().countries.values():
            for form in (*country.demonyms, country.name, *country.names):
                if form and " " not in form and "-" not in form:
                    table.setdefault(form.lower(), country.iso3)
    except (ImportError, AttributeError, OSError):  # the actors stage is optional here
        table = {}
    if not table:
        from ...eval.simple_actors import names

        for name, (code, kind) in names().items():
            if kind in ("country", "demonym") and " " not in name:
                table.setdefault(name.lower(), code)
    return table


def _covered(start: int, end: int, mentions: Sequence[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def extra_mentions(nlp_doc: Any, mentions: Sequence[Mention], places: Sequence[Place]) -> list[Mention]:
    """Mentions for uncovered country words and country places (see the module docstring)."""
    words = country_words()
    out: list[Mention] = []
    for place in places:
        if place.country and place.kind == "country" and not _covered(place.start, place.end, mentions):
            out.append(Mention(place.start, place.end, place.text, place.name, place.country, sector=None,
                               kind="country", confidence=0.6, reason="events: country place not coded as an actor"))
    taken = list(mentions) + out
    for tok in nlp_doc:
        if tok.tag_ not in ADJECTIVE_TAGS or not tok.text[:1].isupper():
            continue
        code = words.get(tok.lower_)
        start, end = tok.idx, tok.idx + len(tok.text)
        if code is None or _covered(start, end, taken):
            continue
        out.append(Mention(start, end, tok.text, tok.text, code, sector=None, kind="demonym", confidence=0.5,
                           reason="events: country word not coded as an actor"))
    return out
