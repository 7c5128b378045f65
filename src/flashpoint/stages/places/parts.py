"""Parts of places: directions, facilities and districts named after or inside a known place.

* A direction word before a resolved place ("northwestern Syria", "eastern Ghouta", "southern
  Sudan") makes a place of kind ``part`` over the whole phrase, with the country of the place it
  is part of. A part of a country is put at the point generated for that part of the country
  from its shape (``country_parts.tsv``, see ``tools/gen_country_shapes.py``); a part of a
  town or a region at the place's own point, and its reason says so.
* A facility named after a resolved place ("Karak Castle", "the Rafah crossing", "Seoul
  Central District Court", "Vatican Gardens") is a ``part`` of it, at its point.
* A district of a known city that the gazetteer does not list ("Cairo's Abbasiya
  neighbourhood", "Harare's Third Street") is a ``city``-kind place at that city's point,
  without a GeoNames id.

Parts overlap the place they are part of, as a border overlaps the countries it names; the
place itself stays as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...records import Doc, Place
from ...resources import read_table
from .gazetteer import normalise
from .inside import institution_words

_DIRECTION = re.compile(
    r"(?<![\w\-])(?P<dir>(?i:(?:north|south)[- ]?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|east(?:ern)?|"
    r"west(?:ern)?|central|centre of|center of))\s+(?:the\s+)?$"
)
_PART_KINDS = {"country", "admin1", "admin2", "region", "city"}
_FACILITY = re.compile(
    r"(?P<rest>(?:\s+[A-Z][\w’'\-]*){0,3}\s+(?P<word>[A-Z][a-z]+|crossing|checkpoint|airport|port|base|camp))\b"
)
_DISTRICT = re.compile(
    r"(?P<city>[A-Z][\w\-]+(?: [A-Z][\w\-]+)?)(?:’s|'s) (?P<name>[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?)"
    r"(?: (?P<type>district|neighbourhood|neighborhood|suburb|quarter|area|township|Street|Road|Avenue|Square))?"
)
_LOWER_FACILITIES = {"crossing", "checkpoint", "airport", "port", "base", "camp"}


@lru_cache(maxsize=1)
def country_parts() -> dict[tuple[str, str], tuple[float, float]]:
    return {(r[0], r[1]): (float(r[2]), float(r[3])) for r in read_table("places", "country_parts.tsv", columns=4)}


def part_name(word: str) -> str:
    """ "northwestern" -> "north-west", "Central" -> "central"."""
    key = word.casefold().replace(" ", "-").removesuffix("ern")
    if key in {"centre-of", "center-of", "central"}:
        return "central"
    for a in ("north", "south"):
        for b in ("east", "west"):
            if key in {a + b, f"{a}-{b}"}:
                return f"{a}-{b}"
    return key


def _settled_countries(places: list[Place], doc: Doc) -> set[str | None]:
    """The countries the article is about: an actor's, or a larger place's (a country, a division, a region)."""
    return {m.country for m in doc.mentions} | {
        p.country for p in places if p.kind in {"country", "admin1", "admin2", "region"}
    }


def _settled(place: Place, settled: set[str | None]) -> bool:
    """A town is worth a part only in a country the article is about (an actor or a larger place names it):
    a part of a namesake abroad would carry the wrong country further than the town itself."""
    return place.kind != "city" or place.country in settled


def find_parts(doc: Doc, places: list[Place]) -> list[Place]:
    """A ``part`` place for every direction word right before a resolved place."""
    text = doc.article.text
    out = []
    settled = _settled_countries(places, doc)
    for place in places:
        if place.kind not in _PART_KINDS or place.start == place.end or not _settled(place, settled):
            continue
        match = _DIRECTION.search(text, max(0, place.start - 20), place.start)
        if match is None:
            continue
        part = part_name(match.group("dir"))
        own = normalise(place.name).startswith(part.split("-")[0])  # "eastern Ghouta" is Eastern Ghouta itself
        point = country_parts().get((place.country or "", part)) if place.kind == "country" else None
        if point is not None:
            lat, lon = point
            where = f"point of the {part} of {place.name} from its shape (world-atlas)"
        else:
            lat, lon = place.lat, place.lon
            where = f"point is {place.name}'s own"
        out.append(
            Place(
                start=match.start("dir"),
                end=place.end,
                text=text[match.start("dir") : place.end],
                name=place.name if own else f"{part} {place.name}",
                country=place.country,
                countries=place.countries,
                lat=lat,
                lon=lon,
                admin1=place.admin1,
                feature_class="L",
                kind="part",
                confidence=round(place.confidence * 0.9, 2),
                reason=(
                    f"{place.name}, which its name already places in the {part} ({place.country or 'no country'})"
                    if own
                    else f"the {part} of {place.name} ({place.country or 'no country'}); {where}"
                ),
            )
        )
    return out


def find_facilities(doc: Doc, places: list[Place]) -> list[Place]:
    """A ``part`` place for a facility named after a resolved place: "Karak Castle", "Rafah crossing"."""
    text = doc.article.text
    words = institution_words()
    out = []
    settled = _settled_countries(places, doc)
    for place in places:
        if place.kind not in _PART_KINDS or place.start == place.end or place.lat is None:
            continue
        if not _settled(place, settled):
            continue
        match = _FACILITY.match(text, place.end)
        if match is None:
            continue
        word = match.group("word")
        if word not in words and word not in _LOWER_FACILITIES:
            continue
        end = match.end()
        out.append(
            Place(
                start=place.start,
                end=end,
                text=text[place.start : end],
                name=text[place.start : end],
                country=place.country,
                countries=place.countries,
                lat=place.lat,
                lon=place.lon,
                admin1=place.admin1,
                feature_class="S",
                kind="part",
                confidence=round(place.confidence * 0.8, 2),
                reason=f"a {word.casefold()} named after {place.name} ({place.country or 'no country'}); point is {place.name}'s",
            )
        )
    return out


def find_districts(doc: Doc, places: list[Place]) -> list[Place]:
    """Districts of a resolved city the gazetteer does not list: "Cairo's Abbasiya neighbourhood"."""
    text = doc.article.text
    cities = {p.text: p for p in places if p.kind == "city" and p.lat is not None}
    if not cities:
        return []
    taken = [(p.start, p.end) for p in places if p.kind != "unresolved"]
    out = []
    for match in _DISTRICT.finditer(text):
        city = cities.get(match.group("city"))
        start, end = match.start("name"), match.end("name")
        if city is None or any(start < e and s < end for s, e in taken):
            continue
        kind = match.group("type") or "place"
        if match.group("type") is None and not any(p.start == start and p.kind == "unresolved" for p in places):
            continue  # without a type word, only a name NER already took for a place
        out.append(
            Place(
                start=start,
                end=end,
                text=text[start:end],
                name=text[start:end],
                country=city.country,
                countries=city.countries,
                lat=city.lat,
                lon=city.lon,
                admin1=city.admin1,
                feature_class="P",
                kind="city",
                confidence=0.5,
                reason=f"a {kind} of {city.name} the gazetteer does not list ('{match.group(0)}'); point is {city.name}'s",
            )
        )
    return out
