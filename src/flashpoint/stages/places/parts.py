"""Parts of places: "northwestern Syria", "eastern Ghouta", "southern Sudan", "central Turkey".

A direction word before a resolved place makes a place of kind ``part`` over the whole
phrase, with the country of the place it is part of; the place itself stays as it is (the
part overlaps it, as a border overlaps the countries it names). A part of a country is put
at the point generated for that part of the country from its shape
(``country_parts.tsv``, see ``tools/gen_country_shapes.py``); a part of a town or a region
is put at the place's own point, and its reason says so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...records import Doc, Place
from ...resources import read_table

_DIRECTION = re.compile(
    r"(?<![\w\-])(?P<dir>(?i:(?:north|south)[- ]?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|east(?:ern)?|"
    r"west(?:ern)?|central|centre of|center of))\s+(?:the\s+)?$"
)
_PART_KINDS = {"country", "admin1", "admin2", "region", "city"}


@lru_cache(maxsize=1)
def country_parts() -> dict[tuple[str, str], tuple[float, float]]:
    return {(r[0], r[1]): (float(r[2]), float(r[3])) for r in read_table("places", "country_parts.tsv", columns=4)}


def part_name(word: str) -> str:
    """"northwestern" -> "north-west", "Central" -> "central"."""
    key = word.casefold().replace(" ", "-").removesuffix("ern")
    if key in {"centre-of", "center-of", "central"}:
        return "central"
    for a in ("north", "south"):
        for b in ("east", "west"):
            if key in {a + b, f"{a}-{b}"}:
                return f"{a}-{b}"
    return key


def find_parts(doc: Doc, places: list[Place]) -> list[Place]:
    """A ``part`` place for every direction word right before a resolved place."""
    text = doc.article.text
    out = []
    for place in places:
        if place.kind not in _PART_KINDS or place.start == place.end:
            continue
        match = _DIRECTION.search(text, max(0, place.start - 20), place.start)
        if match is None:
            continue
        part = part_name(match.group("dir"))
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
                name=f"{part} {place.name}",
                country=place.country,
                countries=place.countries,
                lat=lat,
                lon=lon,
                admin1=place.admin1,
                feature_class="L",
                kind="part",
                confidence=round(place.confidence * 0.9, 2),
                reason=f"the {part} of {place.name} ({place.country or 'no country'}); {where}",
            )
        )
    return out
