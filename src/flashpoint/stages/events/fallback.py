"""Country words the actors stage left uncoded, recovered for the event rules.

The actors stage codes most actors; when it misses an adjectival country word
("a Russian strike", "Ukrainian drones") or a country name used as a place, an
event would lose its source or target. This module adds, for the events stage
only, a mention for every uncovered token that is a country name or demonym in
the actor knowledge base, and for every uncovered country-level place. The
added mentions say why in their ``reason``; they never reach ``Doc.mentions``. A country word that
only says where ("near the Turkish border") or what goods ("Chinese brands") adds none.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ...records import Mention, Place
from ..actors.compose import REGIONAL
from ..actors.knowledge import load_knowledge
from ..nlp import token_table

ADJECTIVE_TAGS = frozenset({"JJ", "NNP", "NNPS"})
PLACE_REASON = "events: country place not coded as an actor"


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Lower-case single-word country names and demonyms -> ISO3, from the actors knowledge base."""
    table: dict[str, str] = {}
    for country in load_knowledge().countries.values():
        for form in (*country.demonyms, country.name, *country.names):
            if form and " " not in form and "-" not in form:
                table.setdefault(form.lower(), country.iso3)
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
                               kind="country", confidence=0.6, reason=PLACE_REASON))
    taken = list(mentions) + out
    table = token_table(nlp_doc)
    for i, lower in enumerate(table.lower):
        code = words.get(lower)
        word = table.text[i]
        if code is None or not word[:1].isupper() or table.tag[i] not in ADJECTIVE_TAGS:
            continue
        start, end = table.idx[i], table.idx[i] + len(word)
        if _covered(start, end, taken) or _in_place_name(nlp_doc, i) or _of_goods(table, i) or _of_place(table, i):
            continue
        if i > 0 and table.text[i - 1] in REGIONAL:
            continue  # "Central American migrants", "Latin American leaders": a region's people
        out.append(Mention(start, end, word, word, code, sector=None, kind="demonym", confidence=0.5,
                           reason="events: country word not coded as an actor"))
    return out


PLACE_ENTITIES = frozenset({"GPE", "LOC"})  # not FAC: "the German Embassy" is Germany's
# Things a country word describes without naming an actor ("Thai and Japanese brands", "Chinese goods").
GOODS = frozenset({
    "brand", "brands", "product", "products", "goods", "import", "imports", "export", "exports", "food", "foods",
    "cuisine", "dish", "dishes", "wine", "wines", "cars", "cosmetics", "made", "language", "currency", "ancestry",
    "descent", "origin",
})


def _in_place_name(nlp_doc: Any, i: int) -> bool:
    """ "British Columbia", "the Indian Ocean", "the Persian Gulf": the word opens a place's own name."""
    nxt = nlp_doc[i + 1] if i + 1 < len(nlp_doc) else None
    return nxt is not None and nxt.ent_iob_ == "I" and nxt.ent_type_ in PLACE_ENTITIES


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return load_knowledge().context.get("place_noun", frozenset())


AT = frozenset({"near", "in", "inside", "within", "along", "on", "at", "by", "off", "beside"})


def _of_place(table: Any, i: int) -> bool:
    """ "near the Turkish border", "in Syrian territory": the word says where something is, as the actors
    stage reads it (its ``place_noun`` class); no actor. A goal stays one: "toward the Eritrean border",
    "into Syrian territory" are moves against that country."""
    if i + 1 >= len(table.lower) or table.lower[i + 1] not in _place_nouns():
        return False
    before = i - 1 if i > 0 and table.lower[i - 1] in ("the", "a") else i
    return before > 0 and table.lower[before - 1] in AT


def _of_goods(table: Any, i: int) -> bool:
    """ "imitations of South Korean, Thai and US brands": the first noun after a list of country words and
    adjectives is a kind of goods, not an actor."""
    j = i + 1
    while j < len(table.tag) and (table.tag[j] in ("JJ", "NNP", "NNPS", "CC", ",", "HYPH") or table.lower[j] == "-"):
        if table.tag[j] in ("NNP", "NNPS") and table.lower[j] not in country_words():
            break
        j += 1
    return j < len(table.tag) and table.tag[j].startswith("NN") and table.lower[j] in GOODS


# "the two countries", "both sides", "the two leaders": a pair told just before
PAIR_WORDS = frozenset({"two", "both"})
PAIR_NOUNS = frozenset({
    "countries", "nations", "states", "sides", "leaders", "governments", "neighbours", "neighbors", "armies",
    "militaries", "presidents", "ministers", "capitals", "parties", "rivals", "delegations", "forces", "navies",
})
PAIR_WINDOW = 700  # characters back where the pair must have been named
PEOPLE_NOUNS = frozenset({"leaders", "presidents", "ministers"})
PEOPLE_WINDOW = 3000


def _locative(text: str, m: Mention) -> bool:
    """A country named after a place: "in Kazan, Russia" (where, not who)."""
    return text[max(0, m.start - 2):m.start] == ", " and text[max(0, m.start - 3):m.start - 2].isalpha()


def pair_mentions(nlp_doc: Any, mentions: Sequence[Mention], text: str | None = None) -> list[Mention]:
    """Two mentions (one per country) for each "the two countries" / "both sides" phrase: the two most
    recently named countries. Both mentions share the phrase's span; the events stage reads them as a pair.
    ``text`` is ``nlp_doc.text`` when the caller has it (building it joins every token)."""
    text_all = nlp_doc.text if text is None else text
    named = sorted((m for m in mentions if m.country and m.country != "IGO" and m.kind != "pair"
                    and m.reason != PLACE_REASON and not _locative(text_all, m)), key=lambda m: m.start)
    out: list[Mention] = []
    for i, lower in enumerate(token_table(nlp_doc).lower):
        if lower not in PAIR_WORDS:
            continue
        tok = nlp_doc[i]
        noun = next((t for t in nlp_doc[tok.i + 1: tok.i + 4] if t.lower_ in PAIR_NOUNS), None)
        if noun is None or any(t.is_punct for t in nlp_doc[tok.i: noun.i]):
            continue
        first = tok.nbor(-1) if tok.i > 0 and tok.nbor(-1).lower_ == "the" else tok
        start, end = first.idx, noun.idx + len(noun.text)
        if any(m.country and m.start < end and start < m.end for m in mentions):
            continue
        countries: list[str] = []
        people = noun.lower_ in PEOPLE_NOUNS  # "the two leaders": the last two people of different countries
        for m in reversed(named):
            if m.end > start or (people and m.kind != "person"):
                continue
            if start - m.end > (PEOPLE_WINDOW if people else PAIR_WINDOW):
                break
            if m.country not in countries:
                countries.append(m.country)  # type: ignore[arg-type]
            if len(countries) == 2:
                break
        if len(countries) < 2:
            continue
        text = text_all[start:end]
        for code in countries:
            out.append(Mention(start, end, text, text, code, sector=None, kind="pair", confidence=0.5,
                               reason="events: one of the two countries named just before"))
    return out
