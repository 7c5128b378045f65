"""Borders as places: "the Armenia-Iran border", "the border with Azerbaijan".

A border is a place of kind ``border`` whose ``countries`` are the two states it
separates. When the text names one side only ("on the border with Azerbaijan",
"the Turkish border"), the other side is the country the sentence is about: the
nearest earlier actor or country in the sentence, else the dateline's country,
else the country the article names most.

The point of a border is on the boundary itself: halfway along the longest stretch of the two
countries' common boundary, generated from world-atlas shapes into ``borders.tsv``
(``tools/gen_country_shapes.py``). Countries without a common land boundary get no point.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ...records import Doc, Place
from ...resources import read_table
from .gazetteer import Gazetteer

_NAME = r"[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*){0,2}"
_PAIR = re.compile(rf"(?P<a>{_NAME})\s*[-–—/]\s*(?P<b>{_NAME})(?:\s*[-–—/]\s*{_NAME})?\s+(?P<word>borders?|frontier)\b")
_WITH = re.compile(
    rf"\b(?P<word>borders?|frontier)\s+(?P<rel>with|between)\s+(?:both\s+)?(?P<a>{_NAME})(?:\s+and\s+(?P<b>{_NAME}))?"
)
_POSSESSIVE = re.compile(
    rf"\b(?P<a>{_NAME})(?:’s|'s)\s+(?:[a-z]+\s+){{0,2}}(?P<word>borders?|frontier)\b(?:\s+with\s+(?P<b>{_NAME}))?"
)
_ADJECTIVE = re.compile(rf"\b(?P<a>{_NAME})\s+(?P<word>border|frontier)\b(?!\s+(?:with|between))")


def _country(gaz: Gazetteer, name: str | None) -> str | None:
    """ISO3 of a country name or demonym, trying shorter word prefixes ("Azerbaijan Iran")."""
    found = _country_prefix(gaz, name)
    return found[0] if found else None


def _country_prefix(gaz: Gazetteer, name: str | None) -> tuple[str, int] | None:
    """(ISO3, length of the matched prefix) for the longest word prefix of ``name`` naming a country."""
    if not name:
        return None
    words = name.split()
    for size in range(len(words), 0, -1):
        prefix = " ".join(words[:size]).rstrip(".,;:")
        code = gaz.country_code(prefix.removesuffix("’s").removesuffix("'s"))
        if code:
            return code, len(prefix)
    return None


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _sentence_countries(
    doc: Doc, places: Iterable[Place], start: int, end: int, gaz: Gazetteer | None = None
) -> list[tuple[int, str]]:
    """(offset, ISO3) of the actors, country-bearing places and demonyms between ``start`` and ``end``."""
    found = [(m.start, m.country) for m in doc.mentions if m.country and len(m.country) == 3 and start <= m.start < end]
    if gaz is not None:
        for word in _CAPITALISED.finditer(doc.article.text, start, end):
            code = gaz.country_of_demonym(word.group())
            if code and not word.group().endswith("s"):
                found.append((word.start(), code))
    found += [
        (p.start, p.country)
        for p in places
        if p.kind in {"country", "city", "admin1"} and p.country and start <= p.start < end
    ]
    return sorted((pos, c) for pos, c in found if c and c != "IGO")


def _other_side(doc: Doc, places: list[Place], gaz: Gazetteer, known: str, at: int) -> tuple[str | None, str]:
    sent = doc.sentence_at(at)
    lo, hi = (sent.start, sent.end) if sent else (max(0, at - 300), at)
    in_sentence = _sentence_countries(doc, places, lo, hi, gaz)
    before = [c for pos, c in in_sentence if pos < at and c != known]
    if before:
        return before[-1], "other side from the sentence's actor"
    after = [c for pos, c in in_sentence if pos > at and c != known]
    if after:
        return after[0], "other side from a country later in the sentence"
    if doc.article.dateline:
        code = None
        for entry, _ in gaz.lookup(doc.article.dateline.title().split(",")[0]):
            if entry.country and entry.country != known:
                code = entry.country
                break
        if code:
            return code, "other side from the dateline"
    counts = Counter(c for _, c in _sentence_countries(doc, places, 0, len(doc.article.text)) if c != known)
    if counts:
        return counts.most_common(1)[0][0], "other side is the country the article names most"
    return None, "other side unknown"


@lru_cache(maxsize=1)
def land_borders() -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO3, ISO3) in alphabetical order -> a point on their common boundary (``borders.tsv``)."""
    return {(r[0], r[1]): (float(r[2]), float(r[3])) for r in read_table("places", "borders.tsv", columns=5)}


def border_place(gaz: Gazetteer, start: int, end: int, text: str, a: str, b: str | None, reason: str) -> Place:
    sides = tuple(c for c in (a, b) if c)
    name = "–".join(gaz.country_name(c) for c in sides) + " border"
    lat = lon = None
    if b and a != b:
        on_line = land_borders().get((min(a, b), max(a, b)))
        if on_line is not None:
            lat, lon = on_line
            reason += "; point on the common boundary, halfway along its longest stretch (world-atlas)"
        else:
            reason += "; the two countries share no land boundary, so no point"
    return Place(
        start,
        end,
        text,
        name,
        country=None,
        countries=sides,
        lat=lat,
        lon=lon,
        kind="border",
        feature_class="A",
        confidence=0.8 if b else 0.5,
        reason=reason,
    )


def find_borders(doc: Doc, gaz: Gazetteer, places: list[Place]) -> list[Place]:
    """Border places of a document (they may overlap the country names they contain)."""
    text = doc.article.text
    out: list[Place] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, a: str, b: str | None, reason: str) -> None:
        if any(start < e and s < end for s, e in taken) or (b is not None and a == b):
            return
        taken.append((start, end))
        out.append(border_place(gaz, start, end, text[start:end], a, b, reason))

    for m in _PAIR.finditer(text):
        a, b = _country(gaz, m.group("a").split()[-1]), _country(gaz, m.group("b"))
        if a and b:
            start = m.start("a") + m.group("a").rfind(m.group("a").split()[-1])
            add(start, m.end("word"), a, b, "two countries joined before 'border'")
    for m in _WITH.finditer(text):
        first, second = _country_prefix(gaz, m.group("a")), _country_prefix(gaz, m.group("b"))
        if not first:
            continue
        a, a_end = first[0], m.start("a") + first[1]
        if m.group("rel") == "between":
            if second:
                add(m.start("word"), m.start("b") + second[1], a, second[0], "'border between' two countries")
            continue
        sides = [(a, m.start("word"), a_end)]
        if second:
            sides.append((second[0], m.start("b"), m.start("b") + second[1]))
        for known, start, end in sides:
            other, why = _other_side(doc, places, gaz, known, m.start())
            if other:
                add(start, end, other, known, f"'border with' a country; {why}")
            else:
                add(start, end, known, None, f"'border with' a country; {why}")
    for m in _POSSESSIVE.finditer(text):
        a, b = _country(gaz, m.group("a")), _country(gaz, m.group("b"))
        if a:
            end = m.end("b") if b else m.end("word")
            if b:
                add(m.start("a"), end, a, b, "a country's border with another")
            else:
                add(m.start("a"), end, a, None, "a country's border, other side not named")
    for m in _ADJECTIVE.finditer(text):
        word = m.group("a").split()[-1]
        a = _country(gaz, word)
        if a:
            start = m.start("a") + m.group("a").rfind(word)
            other, why = _other_side(doc, places, gaz, a, m.start())
            add(start, m.end("word"), other or a, a if other else None, f"'{word} border'; {why}")
    return out
