"""Where an article is set: the country of its places, read before the places stage runs.

The places stage resolves toponyms after the actors stage (it needs the actors to tell a
country used for its government from a place), so the actors stage reads places on its own,
cheaply and only to the country:

* country and capital names the composer read as places ("in Iran", "flew to Moscow");
* spaCy's GPE/LOC/FAC names that no actor table knows ("Laguna", "Durban", "Lagos State"),
  looked up in the places gazetteer (:func:`place_country`);
* the dateline ("NAIROBI", "Wausau"), which counts twice: a capital of the actor tables, else the gazetteer.

:func:`place_country` gives a name's country when its gazetteer entries agree or the most
populous entry outweighs every entry of another country threefold (Laguna: the Philippine
province, not the Brazilian town); otherwise none. A first-level division the gazetteer gives no
population (many of the conflict regions flashpoint adds: Borno, Tigray, Sindh) counts with the
population of its towns, so a German town whose alternate name is "Borno" does not outweigh the
Nigerian state. "The city of X" and "X city council" make
X a town wherever it is named in the article, so a country name used so ("the city of Turkey",
a town in Texas) is not counted for that country.

The article's *setting* is the country of at least half of these places (each name counted once,
the dateline twice), at least two of them (the dateline alone is enough); without one there is no
setting. The people rules
use it last, for people the text places nowhere else (:mod:`.scene`).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .knowledge import Knowledge, load_knowledge
from .units import PLACE_LABELS, Tokens

MARGIN = 3  # the most populous entry must outweigh every entry of another country this many times
TOWN_WORDS = frozenset({"city", "town", "village", "township", "county"})
DATELINE_WEIGHT = 2
TOWN_POPULATION = 100_000  # a proper noun after "in" is read as a town only for a large town

_lock = threading.Lock()
_gazetteer: list[Any] = []


def _gaz() -> Any:
    with _lock:
        if not _gazetteer:
            from ..places.gazetteer import load_gazetteer

            _gazetteer.append(load_gazetteer())
        return _gazetteer[0]


@lru_cache(maxsize=65536)
def region_country(name: str) -> str | None:
    """The country of a name whose first gazetteer reading is a first-level region ("Texas", "Bavaria")."""
    found = _gaz().lookup(name)
    return found[0][0].country if found and found[0][0].kind == "admin1" else None


@lru_cache(maxsize=65536)
def place_country(name: str, city_population: int = 0, any_population: int = 0) -> str | None:
    """The country of a place name by the places gazetteer, when its readings agree enough; with
    ``city_population``, towns smaller than that are not readings (for a bare capitalised word), with
    ``any_population`` no smaller place of any kind is (for a word spaCy took for a person's name)."""
    found = _gaz().lookup(name)
    if any(e.kind == "region" and not e.country and len(e.countries) > 1 for e, _ in found):
        return None  # "the Sahel", "Kashmir": a region of several countries
    if any(e.kind == "continent" for e, _ in found):
        return None  # "Asia's longest-serving leader": the continent, not a village of that name
    entries = [
        e
        for e, _ in found
        if e.country
        and e.kind != "continent"
        and (e.kind != "city" or e.population >= city_population)
        and e.population >= any_population
    ]
    if not entries:
        return None
    weight = {id(e): _population(e) for e in entries}
    best = max(entries, key=lambda e: weight[id(e)])
    rival = max((weight[id(e)] for e in entries if e.country != best.country), default=-1)
    if rival < 0 or weight[id(best)] >= MARGIN * max(rival, 1):
        return str(best.country)
    return None


def _population(entry: Any) -> int:
    """An entry's population; for a first-level division without one, the population of its towns."""
    if entry.population or entry.kind != "admin1" or not entry.admin1:
        return int(entry.population)
    return _division_towns().get(entry.admin1, 0)


@lru_cache(maxsize=1)
def _division_towns() -> dict[str, int]:
    """The summed population of the gazetteer's towns by first-level division code."""
    return _gaz().town_population()


@dataclass(frozen=True, slots=True)
class Setting:
    country: str | None
    why: str
    places: tuple[tuple[int, str], ...]  # (token, ISO3) of every place read, in order
    regions: frozenset[int] = frozenset()  # tokens of regions of several countries ("the Sahel")
    only: str | None = None  # the one country all places and country names point to, even named once
    only_refs: int = 0  # how often the article names it (as an actor or a place)


def regional_names(t: Tokens, places: dict[int, tuple[str, str]]) -> dict[str, str]:
    """Country names that are a first-level division of another country the article's places may be in:
    "Georgia" in a story about Atlanta, Savannah and Macon is the US state. Lower-cased name -> that country.
    A place counts for every country one of its gazetteer readings lies in."""
    counts: Counter[str] = Counter()
    taken = set(t.unit_covering)
    for ent in t.ents:
        if ent.label_ in PLACE_LABELS and not any(i in taken for i in range(ent.start, ent.end)):
            counts.update(_plausible_countries(ent.text))
    counts.update(country for country, _ in places.values())
    out: dict[str, str] = {}
    for u in t.units:
        if u.of("country") is None or u.ner:
            continue
        text = t.span_text(u.start, u.end)
        country = u.of("country").key  # type: ignore[union-attr]
        for entry, _ in _gaz().lookup(text):
            other = entry.country
            if entry.kind == "admin1" and other and other != country and counts[other] >= 2 and counts[other] > counts[country]:
                out[text.lower()] = str(other)
    return out


@lru_cache(maxsize=65536)
def _plausible_countries(name: str) -> frozenset[str]:
    """Countries of a name's readings at least a third as populous as its most populous one ("Savannah": the
    US city and the Ghanaian region; "Paris": France only, not the Texas town)."""
    entries = [e for e, _ in _gaz().lookup(name) if e.country]
    if not entries:
        return frozenset()
    top = max(e.population for e in entries)
    return frozenset(str(e.country) for e in entries if MARGIN * e.population >= top)


def shared_regions(t: Tokens) -> set[int]:
    """Tokens of regions of several countries ("the Sahel", "Kashmir", "the Caucasus"): where an actor there
    acts is no one country."""
    return {i for i in range(t.n) if t.tag(i) == "NNP" and t.text(i)[:1].isupper() and _shared_region(t.text(i))}


@lru_cache(maxsize=65536)
def _shared_region(word: str) -> bool:
    return any(e.kind == "region" and not e.country and len(e.countries) > 1 for e, _ in _gaz().lookup(word))


def named_places(t: Tokens) -> dict[int, tuple[str, str]]:
    """Place names that no actor table knows, by the token of their last word: (country, text). spaCy's
    place entities, and proper nouns after a locative preposition ("in Karak", a large town or a region)
    or after "the town of" (any town): the small model often calls those an organisation."""
    taken = {i for i, u in t.unit_covering.items() if any(s.kind != "sector" for s in u.surfaces) or u.ner}
    out: dict[int, tuple[str, str]] = {}
    for ent in t.ents:
        if ent.label_ not in PLACE_LABELS or any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        country = place_country(text)
        if country is not None:
            out[ent.end - 1] = (country, text)
    # a region spaCy took for a person before an office ("Tamil Nadu" PERSON, then "Chief Minister J Jayalalithaa")
    for ent in t.ents:
        if ent.label_ != "PERSON" or ent.end >= t.n or not _office_at(t, ent.end):
            continue
        country = region_country(ent.text)
        if country is not None and ent.end - 1 not in out:
            out[ent.end - 1] = (country, ent.text)
    lone_people = {u.start for u in t.units if u.ner and u.end - u.start == 1}
    dates = {i for ent in t.ents if ent.label_ in ("DATE", "TIME") for i in range(ent.start, ent.end)}
    for i in range(1, t.n):
        if i in dates:
            continue  # "in March 2017": a month, not the Swiss district of that name
        town = t.lower(i - 1) == "of" and t.lower(i - 2) in TOWN_WORDS | {"province", "district", "region"}
        prep = t.word_in(i - 1, "loc_prep") or (t.lower(i - 1) == "the" and t.word_in(i - 2, "loc_prep"))
        if not (town or prep) or t.tag(i) != "NNP" or (i in taken and i not in lone_people):
            continue  # "into Cochabamba": a lone word spaCy calls a person is a place after "into"
        end = i + 1
        while end < t.n and end - i < 3 and t.tag(end) == "NNP" and end not in taken:
            end += 1
        if end - 1 in out:
            continue
        text = t.span_text(i, end)
        least = TOWN_POPULATION if i in lone_people else 0
        country = place_country(text, city_population=0 if town else TOWN_POPULATION, any_population=least)
        if country is not None:
            out[end - 1] = (country, text)
    return out


def _office_at(t: Tokens, i: int) -> bool:
    """Does an office title of the state start at token ``i`` ("Chief Minister", "Governor", "Premier")?"""
    sectors = load_knowledge().sectors
    for size in (2, 1):
        word = sectors.get(" ".join(t.lower(k) for k in range(i, min(i + size, t.n))))
        if word is not None and word.strength in ("title", "noun") and word.sector in ("GOV", "LEG", "JUD"):
            return True
    return False


def read_setting(
    t: Tokens,
    kb: Knowledge,
    composer_places: Sequence[tuple[int, str]],
    places: dict[int, tuple[str, str]],
    dateline: str | None,
) -> Setting:
    """The places of an article (token, country) and the country it is set in."""
    towns = _town_names(t)
    found = [(tok, iso3) for tok, iso3 in composer_places if t.lower(tok) not in towns]
    found += [(tok, country) for tok, (country, _) in places.items()]
    found.sort()
    regions = frozenset(shared_regions(t))
    names = {(t.lower(tok), c) for tok, c in found}  # one vote per place name: "North Shore" thrice is one place
    counts: Counter[str] = Counter(c for _, c in names)
    line = dateline_country(kb, dateline)
    if line is not None:
        counts[line] += DATELINE_WEIGHT
    if not counts:
        return Setting(None, "no places", tuple(found), regions)
    (top, n), *rest = counts.most_common()
    total = sum(counts.values())
    if n >= 2 and 2 * n >= total and not (rest and rest[0][1] == n):
        why = f"{n} of {total} places named" + (" with the dateline" if line == top else "")
        return Setting(top, why, tuple(found), regions)
    return Setting(None, "places in several countries" if rest else "a single place", tuple(found), regions)


def dateline_country(kb: Knowledge, dateline: str | None) -> str | None:
    """The country of a dateline: a capital of the actor tables, else the places gazetteer."""
    line = (dateline or "").strip().strip(",").lower()
    if not line:
        return None
    return kb.capital_country(line) or place_country(line)


def _town_names(t: Tokens) -> set[str]:
    """Lower-cased names used as a town's: "the city of Turkey", "Lebanon city council"."""
    out = set()
    for i in range(t.n):
        if t.lower(i) in TOWN_WORDS and t.lower(i + 1) == "of" and t.text(i + 2)[:1].isupper():
            out.add(t.lower(i + 2))
        if t.lower(i) in {"city", "town"} and t.lower(i + 1) == "council" and t.text(i - 1)[:1].isupper():
            out.add(t.lower(i - 1))
    return out
