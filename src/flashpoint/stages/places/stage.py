"""The places stage itself: recognise, qualify, resolve, add borders and parts ("northwestern Syria")."""

from __future__ import annotations

import re
from dataclasses import replace

from ...config import Settings
from ...records import Doc, Mention, Place
from ..actors.drafts import slug
from .borders import find_borders
from .gazetteer import Gazetteer, load_gazetteer, normalise
from .parts import find_districts, find_facilities, find_parts
from .recognise import Toponym, recognise
from .resolve import LOCAL_TOWN, candidates, resolve

_QUALIFIER = re.compile(r"^\s*,\s*(?P<q>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})")


_LIST_GOES_ON = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?[A-Z]|\s+(?:and|or)\s+[A-Z])")  # "Clay, Douglas, Grant"


def _qualifier_code(gaz: Gazetteer, name: str) -> str | None:
    """ISO3 of a country or admin1 code of a first-level division named ``name``."""
    for cand in candidates(gaz, name):
        entry = cand.entry
        if entry.kind == "country" and entry.country:
            return entry.country
        if entry.kind == "admin1" and entry.admin1:
            return entry.admin1
    return None


def _qualifiers(text: str, toponyms: list[Toponym], gaz: Gazetteer) -> dict[int, str]:
    """'Alexandria, La.' and 'Kapan, Armenia': the country or US state that qualifies a name."""
    out: dict[int, str] = {}
    for index, top in enumerate(toponyms):
        if top.start == top.end:
            continue
        match = _QUALIFIER.match(text[top.end : top.end + 40])
        if not match:
            continue
        if not any(e.kind in {"city", "admin2"} for e, _ in gaz.lookup(top.lookup)):
            continue  # "Austria, Slovakia": a country in a list is not qualified by the next one
        words = match.group("q").split(" ")
        for size in range(len(words), 0, -1):  # "Paris, Illinois. The suspect": "Illinois", not "Illinois. The"
            qualifier = " ".join(words[:size])
            code = _qualifier_code(gaz, qualifier)
            after = text[top.end + match.start("q") + len(qualifier) : top.end + match.start("q") + len(qualifier) + 12]
            if code and ("." in qualifier or not _LIST_GOES_ON.match(after)):
                out[index] = code
                break
    # one sense per article: "Palestine, Texas" qualifies every later "Palestine"
    by_name = {normalise(toponyms[index].text): qualifier for index, qualifier in sorted(out.items(), reverse=True)}
    for index, top in enumerate(toponyms):
        if index not in out and normalise(top.text) in by_name:
            out[index] = by_name[normalise(top.text)]
    return out


_TOWN_USE = re.compile(
    r"^\s+(?:man|woman|men|women|boy|girl|teen|teenager|youth|resident|residents|native|couple|family|"
    r"police|officers?|firefighters|mayor|city council|city limits|city hall|high school|school board|township|"
    r"(?i:police department|police|pd|fire department|city council|city hall|city commission|city manager|high school|"
    r"school district|independent school district|isd|municipal court|police chief|fire chief))\b"
)


_TOWN_BEFORE = re.compile(r"\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Bb]orough|[Tt]ownship) of\s+$")


def _town_like(text: str, toponyms: list[Toponym]) -> set[str]:
    """Names used the way only a town's name is: "a Palestine man", "Lebanon police", "the city of Turkey"."""
    return {
        normalise(t.text)
        for t in toponyms
        if t.end > t.start
        and (_TOWN_USE.match(text[t.end : t.end + 20]) or _TOWN_BEFORE.search(text[max(0, t.start - 20) : t.start]))
    }


def _removed_dateline(doc: Doc, gaz: Gazetteer) -> list[Toponym]:
    """The dateline place cleaning took out of the body ("WINNIPEG —"), as an empty span at offset 0.

    Only towns and divisions: a country dateline would stand for an actor the text never names.
    """
    out = []
    for name in (doc.article.dateline or "").split("/"):
        name = name.strip()
        if name and any(e.kind in {"city", "admin1", "admin2"} for e, _ in gaz.lookup(name)):
            out.append(
                Toponym(0, 0, name, "dateline removed from the body by cleaning", kinds=("city", "admin1", "admin2"))
            )
    return out


_DIVISION_AFTER = re.compile(
    r"^\s+(?:Gov\.|Governor|governor|Premier|premier|government|Government|legislature|Legislature|"
    r"state (?:government|legislature|senate|police|capital)|provincial|State Police|Health Minister|Attorney General)\b"
)
_DIVISION_BEFORE = re.compile(
    r"\b(?:[Pp]arts of|[Aa]cross|[Tt]hroughout|[Pp]remier of|[Gg]overnor of|[Ss]tate of|[Pp]rovince of|"
    r"rest of)\s+$"
)


_COORDINATED = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def _state_only(gaz: Gazetteer, name: str) -> bool:
    """A first-level division's own name that no city of 100,000+ shares ("California", not "New York")."""
    found = gaz.lookup(name)
    return any(main and e.kind == "admin1" for e, main in found) and not any(
        e.kind == "city" and e.population >= 100_000 for e, _ in found
    )


def _division_like(text: str, toponyms: list[Toponym], gaz: Gazetteer | None = None) -> set[str]:
    """Names used the way only a state's or province's name is: "the Quebec government", "parts of Quebec",
    and listed with a state's name: "Oregon and Washington", "Idaho, Washington or Montana"."""
    out = {
        normalise(t.lookup)
        for t in toponyms
        if t.end > t.start
        and (
            _DIVISION_AFTER.match(text[t.end : t.end + 30])
            or _DIVISION_BEFORE.search(text[max(0, t.start - 30) : t.start])
        )
    }
    if gaz is not None:
        spoken = [t for t in toponyms if t.end > t.start]
        for left, right in zip(spoken, spoken[1:], strict=False):
            if not _COORDINATED.match(text[left.end : right.start]):
                continue
            for one, other in ((left, right), (right, left)):
                readings = {e.kind for e, _ in gaz.lookup(one.lookup)}
                if "admin1" in readings and "country" not in readings and _state_only(gaz, other.lookup):
                    out.add(normalise(one.lookup))
    return out


def local_towns(mentions: tuple[Mention, ...], places: list[Place]) -> tuple[Mention, ...]:
    """Actors the actors stage read as a capital's or a country's government that the article uses as a local
    town's name ("the Paris Police Department" in a story about Henry County, Tennessee; "a Palestine man" in
    Anderson County, Texas): the actors stage reads names before places are resolved, the places stage reads
    them in the article's context. Such a mention takes the town's country, as that town's own body."""
    by_start = {p.start: p for p in places if p.kind == "city" and p.country and LOCAL_TOWN in p.reason}
    out = list(mentions)
    for k, m in enumerate(mentions):
        place = by_start.get(m.start)
        if place is None or m.kind not in ("capital", "country") or m.country in (None, place.country):
            continue
        sector = m.sector or "GOV"
        out[k] = replace(m, country=place.country, kind="org", igo=None,
                         entity=f"fp:local:{place.country.lower()}-{slug(place.name)}-{sector.lower()}",
                         reason=f"{m.reason}; '{place.text}' is the town in {place.country} the article is about "
                                f"(places: {place.reason.split(';')[1].strip() if ';' in place.reason else place.reason})")
    moved = {mentions[k].entity: out[k] for k in range(len(out)) if out[k] is not mentions[k] and mentions[k].entity}
    # people the actors stage gave the article's dominant country, when that country was only the town's name
    # misread ("Sgt. Watson ... the article's strongly dominant country France")
    shifted = {mentions[k].country: out[k].country for k in range(len(out)) if out[k] is not mentions[k]}
    kept = {m.country for m in out if not any(w in m.reason for w in DOMINANCE)}
    shifted = {old: new for old, new in shifted.items() if old not in kept and len(set(shifted.values())) == 1}
    for k, m in enumerate(out):
        # what refers to a re-coded mention follows it ("the department ... it"), and so does what the actors
        # stage coded as the same body ("Paris Police Department Sgt. Watson": that town's police)
        new = out[m.ref] if m.ref is not None and 0 <= m.ref < len(out) and out[m.ref] is not mentions[m.ref] else (
            moved.get(m.entity) if m.entity and out[k] is mentions[k] else None)
        if new is not None and m.country != new.country:
            out[k] = replace(m, country=new.country, entity=new.entity if m.kind != "person" else m.entity,
                             reason=f"{m.reason}; of {new.text}, the town's")
        elif m.country in shifted and any(w in m.reason for w in DOMINANCE):
            out[k] = replace(m, country=shifted[m.country],
                             reason=f"{m.reason}; that country was a town's name misread: {shifted[m.country]}")
    return tuple(out)


# how the actors stage says it gave a mention the article's country (``actors.scene``)
DOMINANCE = ("dominant country", "names no country but", "as that mention)")


class PlacesStage:
    name = "places"
    reads: tuple[str, ...] = ("article", "sentences", "entities", "mentions")
    writes: tuple[str, ...] = ("places", "mentions")

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Doc) -> Doc:
        from ..equipment import is_equipment_name

        gaz = load_gazetteer()
        toponyms = recognise(doc, gaz, is_equipment_name)
        toponyms += _removed_dateline(doc, gaz)
        text = doc.article.text
        places: list[Place] = resolve(
            toponyms,
            gaz,
            doc,
            _qualifiers(text, toponyms, gaz),
            _town_like(text, toponyms),
            _division_like(text, toponyms, gaz),
        )
        districts = find_districts(doc, places)
        if districts:  # a district found by its city replaces the unresolved name at the same span
            spans = {(d.start, d.end) for d in districts}
            places = [p for p in places if (p.start, p.end) not in spans] + districts
        places += find_borders(doc, gaz, places) + find_parts(doc, places) + find_facilities(doc, places)
        places.sort(key=lambda p: (p.start, p.end))
        return doc.replace(places=tuple(places), mentions=local_towns(doc.mentions, places))
