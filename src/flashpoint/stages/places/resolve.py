"""Toponym resolution: which gazetteer entry each recognised name refers to.

Every candidate gets a prior (what kind of place it is, how many people live
there, whether the name matched its main name) and then context points:
countries the article talks about (actors, confidently resolved places, the
dateline), neighbours of those countries, distance to the other places in the
article, and an explicit qualifier ("Alexandria, La.", "Kapan, Armenia").
The best candidate wins and the reason names what decided it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ...records import Doc, Place
from .gazetteer import Entry, Gazetteer, distance_km, normalise
from .inside import SEAT_NAMED_COUNTRIES, seat_named
from .recognise import Toponym

_PRIOR = {
    "country": 10.0,
    "region": 9.0,
    "landmark": 9.0,
    "continent": 9.0,
    "water": 9.0,
    "line": 9.0,
    "admin1": 9.0,
    "admin2": 7.0,
}
_FAMOUS_PENALTY = 4.0  # a town that shares the name of a region or state
_COUNTRY_PENALTY = 8.0  # a town that shares the name of a country
_TOWN_USE_PENALTY = 6.0
_DIVISION_USE_BONUS = 3.0  # "New York Gov.", "the Quebec government": the state, not its city  # "a Palestine man", "Lebanon police": a town, since a country would take its demonym
_ALTNAME_PENALTY = 1.5
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")  # "D.C.", "N.Y.": initials stand for divisions
_INITIALS_PENALTY = 4.0
_CONTEXT_WEIGHT = 5.0
_NEIGHBOUR_WEIGHT = 2.5
_NEWS_NAMED_BONUS = 1.5
_QUALIFIER_BONUS = 8.0
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
# "southern Gaza", "central Washington", "north-west England": a compass word before a name marks an area's part
_COMPASS_BEFORE = re.compile(
    r"\b(?:north|south|east|west|northern|southern|eastern|western|central|north[- ]?east(?:ern)?|"
    r"north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|south[- ]?west(?:ern)?)\s+$",
    re.IGNORECASE,
)
_AREA_KINDS = {"country", "admin1", "admin2", "region"}
_DIRECTED_BONUS = 2.0
_NEWS_BONUS = {"capital": 1.5, "city": 1.5, "region": 1.0}  # what CountryInfo lists a country for
_DIRECTIONS = re.compile(
    r"^(?:north|south|east|west|northern|southern|eastern|western|central|north[- ]?east(?:ern)?|"
    r"north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|south[- ]?west(?:ern)?|upper|lower|greater)\s+",
    re.IGNORECASE,
)
_TYPE_SUFFIX = re.compile(
    r"\s+(?:province|region|oblast|governorate|state|county|parish|district|city|town|village|municipality|"
    r"local government area|local government|lga|raion|voivodeship)$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Candidate:
    entry: Entry
    main_name: bool
    prior: float
    note: str  # how the name was matched when not directly


def prior(entry: Entry, main_name: bool, query: str = "") -> float:
    """How likely a candidate is before context: kind, population, capital, name match."""
    if entry.kind == "city":
        score = 2.0 + math.log10(entry.population + 1) + (2.0 if entry.capital else 0.0)
        score += 1.5 if entry.population >= 1_000_000 else 0.0  # "New York" is the city, not the state
    elif entry.kind == "admin2" or (entry.kind == "admin1" and not _famous(entry)):
        # GeoNames divisions: a province of millions is as well known as a state, a rural
        # district less than the town it is named after ("Herat", "Laurel")
        ceiling = _PRIOR[entry.kind]
        score = min(ceiling, (1.0 if entry.kind == "admin1" else 0.5) + math.log10(entry.population + 1))
    else:
        score = _PRIOR.get(entry.kind, 6.0)
    score += _NEWS_BONUS.get(entry.news, 0.0)  # Manchester, England, not Manchester, New Hampshire
    if not main_name and not _spelled(entry.name, query):
        score -= _ALTNAME_PENALTY  # "New York" for New York City is a short form, not another name
        if entry.kind == "city" and _INITIALS.match(query):
            score -= _INITIALS_PENALTY  # "D.C." abbreviates the District of Columbia, not the city in it
    return score


def candidates(gaz: Gazetteer, name: str, kinds: tuple[str, ...] = ()) -> list[Candidate]:
    """Gazetteer candidates for a name, trying a few safe variants when the name is unknown.

    ``kinds`` keeps only entries of those kinds ("Barrow" in "Barrow and Jackson counties").
    """
    variants = [(name, "", False)]
    stripped = _TYPE_SUFFIX.sub("", name)
    if stripped != name:
        # "Gwoza LGA": a Nigerian local government area named after its seat stands for the town, which the
        # gazetteer has in the area's place (``tools/gen_admin_areas.py`` leaves such areas out)
        towns_ok = name.casefold().endswith(" city") or seat_named(name)
        variants.append((stripped, f"type word dropped from {name!r}", towns_ok))
    undirected = _DIRECTIONS.sub("", name)
    if undirected != name and len(undirected) >= 4 and not _DIRECTIONS.match(undirected + " "):
        variants.append((undirected, f"direction dropped from {name!r}", True))
    for variant, note, cities_ok in variants:
        found = [
            (e, main)
            for e, main in gaz.lookup(variant)
            if (cities_ok or not note or e.kind != "city")
            and (not kinds or e.kind in kinds)
            and (e.kind != "city" or not note or not seat_named(name) or e.country in SEAT_NAMED_COUNTRIES)
        ]
        if name.isupper() and len(name) <= 5:  # "EU" is not the town of Eu, "NATO" not Nato
            found = [(e, main) for e, main in found if not main or e.kind not in {"city", "admin2"} or e.name.isupper()]
        if any(e.kind != "admin2" for e, _ in found):  # "Ontario" is not Ontario County, New York
            found = [(e, main) for e, main in found if main or e.kind != "admin2"]
        if found:
            out = _penalise(variant, [Candidate(e, main, prior(e, main, variant), note) for e, main in found])
            loose = name[len(stripped) :].strip()[:1].islower()
            if kinds and note == "" and stripped != name and loose:
                # a type word in lower case is used loosely: "the Karak district" may be Jordan's Karak
                # governorate; a capitalised one is part of the name ("Westmoreland County")
                seen = {c.entry for c in out}
                out += [c for c in candidates(gaz, stripped, ("admin1", "region")) if c.entry not in seen]
            return out
    return []


def _penalise(query: str, out: list[Candidate]) -> list[Candidate]:
    """Towns that merely share the name of a better-known place, or carry it as a former name, step back."""
    kinds = {c.entry.kind for c in out}
    some_main = any(c.main_name for c in out)
    famous = any(_famous(o.entry) for o in out)
    for c in out:
        if c.entry.kind != "city":
            continue
        # a city of millions keeps its name ("New York", "Singapore"); a country's name is never
        # a small town's in the news ("China", Maine), a state's or region's seldom ("Oklahoma")
        big = (c.main_name and c.entry.population >= 500_000) or (
            "country" not in kinds and c.entry.population >= 1_000_000
        )
        if famous and not big:
            c.prior -= _COUNTRY_PENALTY if "country" in kinds else _FAMOUS_PENALTY
            c.note = (c.note + "; " if c.note else "") + "a town sharing the name of a better-known area"
        elif not c.main_name and some_main and not _spelled(c.entry.name, query):
            c.prior -= 2.0  # "Salisbury" is a town of that name before it is Harare's colonial name
    return out


_SHORT_FORMS = ((re.compile(r"\bst\.?(?= )"), "saint"), (re.compile(r"\bste\.?(?= )"), "sainte"),
                (re.compile(r"\bmt\.?(?= )"), "mount"), (re.compile(r"\bft\.?(?= )"), "fort"))


def _spelled(name: str, query: str) -> bool:
    """Is ``query`` the entry's own name, shortened or abbreviated ("New York", "St. Paul" for Saint Paul)?"""
    key = normalise(query)
    for rx, word in _SHORT_FORMS:
        key = rx.sub(word, key)
    return normalise(name).replace("-", " ").startswith(key.replace("-", " ")) or normalise(name).startswith(normalise(query))


def _famous(entry: Entry) -> bool:
    """Areas better known than a town of the same name: countries, our regions, US states."""
    if entry.kind in {"city", "admin2"}:
        return False
    return entry.kind != "admin1" or entry.source == "flashpoint" or entry.country == "USA"


def _parent(entry: Entry) -> str | None:
    """The first-level division a city or county lies in ("US.GA"); None for larger places."""
    return entry.admin1 if entry.kind in {"city", "admin2"} else None


@dataclass(slots=True)
class Context:
    """What the article is about, to score candidates against.

    Each country count remembers which name contributed it, so that a name never
    votes for its own reading ("Alexandria" six times is no evidence for Egypt).
    """

    votes: list[tuple[str, str]]  # (normalised name or "", ISO3)
    points: list[tuple[str, float, float]]  # (normalised name, lat, lon) of confident places
    dateline: str | None
    states: set[tuple[str, str]]  # (normalised name, admin1 code "US.GA") of divisions the article names
    # plausible readings of every name, by 0.5-degree cell: (normalised name, lat, lon)
    grid: dict[tuple[int, int], list[tuple[str, float, float]]] = field(default_factory=dict)
    town_like: set[str] = field(default_factory=set)  # names used as towns: "a Palestine man"
    division_like: set[str] = field(default_factory=set)  # names used as states: "the Quebec government"
    _counts: dict[str, Counter[str]] = field(default_factory=dict)  # by excluded name, until the next vote

    def add(self, key: str, iso3: str, weight: int = 1) -> None:
        self.votes.extend([(key, iso3)] * weight)
        self._counts.clear()

    def counts(self, exclude: str) -> Counter[str]:
        """Votes per country, leaving out those ``exclude`` cast (read-only: it is shared)."""
        found = self._counts.get(exclude)
        if found is None:
            found = self._counts[exclude] = Counter(iso3 for key, iso3 in self.votes if key != exclude or not key)
        return found

    def share(self, iso3: str | None, exclude: str) -> float:
        counts = self.counts(exclude)
        total = sum(counts.values())
        return counts[iso3] / total if iso3 and total else 0.0


def _score(
    cand: Candidate, key: str, ctx: Context, gaz: Gazetteer, qualifier: str | None, directed: bool = False
) -> tuple[float, str]:
    entry = cand.entry
    score = cand.prior
    reasons: list[tuple[float, str]] = []
    if directed and entry.kind in _AREA_KINDS:
        score += _DIRECTED_BONUS
        reasons.append((_DIRECTED_BONUS, "a compass word before it: a part of an area ('southern Gaza')"))
    counts = ctx.counts(key)
    if entry.kind not in {"water", "continent"} and entry.country:
        share = ctx.share(entry.country, key)
        if share:
            bonus = _CONTEXT_WEIGHT * share + (1.0 if counts[entry.country] >= 2 else 0.0)
            score += bonus
            reasons.append((bonus, f"{entry.country} is named in the article"))
        neighbours = gaz.countries.get(entry.country)
        near = [n for n in (neighbours.neighbours if neighbours else ()) if counts[n]]
        if near and (entry.kind == "country" or not share):
            # a country whose neighbours the story is about ("Georgia" in a story on Russia)
            bonus = 0.75 + (
                _NEIGHBOUR_WEIGHT * sum(ctx.share(n, key) for n in near) if entry.kind == "country" else 0.0
            )
            score += bonus
            reasons.append((bonus, f"neighbour of {', '.join(near[:2])} named in the article"))
        if ctx.dateline and entry.country == ctx.dateline:
            score += 1.0
            reasons.append((1.0, "dateline country"))
    state = _parent(entry)
    if state and any(code == state and named != key for named, code in ctx.states):  # "Quebec" never vouches for Québec
        score += 1.5
        reasons.append((1.5, f"in {state}, a state or province named in the article"))
    if qualifier and qualifier in {entry.country, _parent(entry)}:
        score += _QUALIFIER_BONUS
        reasons.append((_QUALIFIER_BONUS, "qualified by the name that follows it"))
    if entry.kind == "admin1" and key in ctx.division_like:
        score += _DIVISION_USE_BONUS
        reasons.append((_DIVISION_USE_BONUS, "used as a state's or province's name ('Quebec government')"))
    if entry.kind == "country" and key in ctx.town_like:
        score -= _TOWN_USE_PENALTY
        reasons.append((_TOWN_USE_PENALTY, "used like a town's name, not a country's"))
    if entry.kind == "city" and key in ctx.town_like and _states_named(ctx, gaz, entry, key):
        reasons.append((99.0, f"{LOCAL_TOWN}, and a state of {entry.country} is named"))
    near: list[tuple[float, str]] = []  # co-location evidence: both forms add up, the reason names the strongest
    if entry.lat is not None and entry.lon is not None and entry.kind in {"city", "admin2"} and ctx.grid:
        near_names = _neighbouring_names(ctx, key, entry.lat, entry.lon)
        if near_names:
            bonus = min(3.0, 1.5 * len(near_names))
            near.append((bonus, f"near a reading of {sorted(near_names)[0]!r}, also in the article"))
    if entry.lat is not None and entry.lon is not None and entry.kind in {"city", "admin1", "admin2", "region"}:
        own = base_name(key)
        nearest = min(
            (
                distance_km(entry.lat, entry.lon, lat, lon)
                for k, lat, lon in ctx.points
                if abs(lat - entry.lat) < 4.6 and k != key and (not k or base_name(k) != own)  # 4.6 degrees: 500 km
            ),
            default=None,
        )
        if nearest is not None and nearest < 500:
            bonus = 2.0 if nearest < 50 else 1.5 if nearest < 200 else 0.75
            near.append((bonus, f"{nearest:.0f} km from another place in the article"))
    if near:
        score += sum(b for b, _ in near)
        reasons.append(max(near))
    if entry.news and entry.kind == "city" and ctx.share(entry.country, key) and not _states_named(ctx, gaz, entry):
        score += _NEWS_NAMED_BONUS
        reasons.append((_NEWS_NAMED_BONUS, f"a city {entry.country} is known for, and {entry.country} is named"))
    reasons.sort(reverse=True)
    return score, "; ".join(r for _, r in reasons[:2])


LOCAL_TOWN = "used like a local town's name"  # the reason of a name read as a local town's (``_choose``)


def _states_named(ctx: Context, gaz: Gazetteer, entry: Entry, key: str = "") -> bool:
    """Whether the article names a state or province of the entry's country (a local story there), by a
    name other than ``key``."""
    country = gaz.countries.get(entry.country or "")
    return country is not None and any(state.startswith(country.iso2 + ".") and named != key
                                       for named, state in ctx.states)


_CELL = 2.0  # grid cells per degree
_NEAR_KM = 40.0


@lru_cache(maxsize=8192)
def base_name(key: str) -> str:
    """A name without its type word: "karak district" and "karak" are the same name for co-location."""
    return _TYPE_SUFFIX.sub("", key)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat * _CELL)), int(math.floor(lon * _CELL))


def _plausible_grid(
    keys: list[str], options: list[list[Candidate]]
) -> dict[tuple[int, int], list[tuple[str, float, float]]]:
    """Where each name could plausibly be (readings within 4 points of its best prior, at most 12)."""
    grid: dict[tuple[int, int], list[tuple[str, float, float]]] = {}
    seen: set[str] = set()
    for key, cands in zip(keys, options, strict=True):
        if key in seen or not cands:
            continue
        seen.add(key)
        best = max(c.prior for c in cands)
        ranked = sorted((c for c in cands if c.prior >= best - 4.0), key=lambda c: c.prior, reverse=True)[:12]
        for c in ranked:
            e = c.entry
            if e.lat is not None and e.lon is not None and e.kind in {"city", "admin1", "admin2"}:
                grid.setdefault(_cell(e.lat, e.lon), []).append((key, e.lat, e.lon))
    return grid


def _neighbouring_names(ctx: Context, key: str, lat: float, lon: float) -> set[str]:
    """Other names of the article one of whose plausible readings lies within 40 km of this point."""
    row, col = _cell(lat, lon)
    out: set[str] = set()
    for r in (row - 1, row, row + 1):
        for c in (col - 1, col, col + 1):
            for other, olat, olon in ctx.grid.get((r, c), ()):
                if other == key or other in out or base_name(other) == base_name(key):
                    continue
                if distance_km(lat, lon, olat, olon) < _NEAR_KM:
                    out.add(other)
    return out


def _base_reason(cand: Candidate, n_candidates: int) -> str:
    entry = cand.entry
    kinds = {
        "country": "country name",
        "admin1": "first-level region",
        "admin2": "second-level division (county, district)",
        "region": "region in flashpoint's table",
        "water": "water body in flashpoint's table",
        "line": "line in flashpoint's table",
        "landmark": "landmark in flashpoint's table",
        "continent": "continent",
    }
    if entry.kind in kinds:
        base = kinds[entry.kind]
    elif n_candidates == 1:
        base = "only GeoNames candidate"
    else:
        base = f"GeoNames city, population {entry.population:,}"
    if entry.news:
        base += f"; a {'major city' if entry.news == 'city' else entry.news} of {entry.country} in CountryInfo"
    if not cand.main_name:
        base += " (alternate name)"
    if cand.note:
        base += f"; {cand.note}"
    return base


def resolve(
    toponyms: list[Toponym],
    gaz: Gazetteer,
    doc: Doc,
    qualifiers: dict[int, str] | None = None,
    town_like: set[str] | None = None,
    division_like: set[str] | None = None,
) -> list[Place]:
    """Resolve every toponym of a document; unknown names become ``unresolved`` places.

    Three passes: names whose reading is clear on priors alone (or whose readings all lie in
    one country) give the first context; every name is scored in it; then every name is scored
    again in the context of the other names' choices, so that "Dublin" next to "Columbus" and
    "Franklin County" is the Ohio town.
    """
    qualifiers = qualifiers or {}
    options = [candidates(gaz, t.lookup, t.kinds) for t in toponyms]
    keys = [normalise(t.lookup) for t in toponyms]
    base = _article_context(doc, gaz)
    _add_country_parts(gaz, keys, options, {iso3 for _, iso3 in base.votes} | _named_countries(options))
    base.grid = _plausible_grid(keys, options)
    base.town_like = set(town_like or ())
    base.division_like = set(division_like or ())
    first = Context(
        list(base.votes),
        list(base.points),
        base.dateline,
        set(base.states),
        base.grid,
        base.town_like,
        base.division_like,
    )
    for key, cands in zip(keys, options, strict=True):
        _vote_if_clear(first, key, cands)
    text = doc.article.text
    directed = {i for i, t in enumerate(toponyms) if t.end > t.start and _COMPASS_BEFORE.search(text, max(0, t.start - 20), t.start)}
    chosen = _choose_all(options, keys, first, gaz, qualifiers, directed)
    second = _context_of(base, first, chosen, keys)
    final = _choose_all(options, keys, second, gaz, qualifiers, directed)
    places = []
    for index, (top, pick) in enumerate(zip(toponyms, final, strict=True)):
        missing = _missing_town(top, pick, options[index], keys[index], second, gaz, qualifiers.get(index))
        if missing is not None:
            places.append(missing)
            continue
        if pick is None:
            places.append(_unresolved(top, gaz))
            continue
        best_score, why, best, margin = pick
        reason = _base_reason(best, len(options[index]))
        if why:
            reason += f"; {why}"
        if len(options[index]) > 1:
            reason += f" (best of {len(options[index])} candidates)"
        if not top.how.startswith(("table", "ner:GPE", "ner:LOC", "ner:FAC", "repeated", "locative")) or "," in top.how:
            reason += f"; recognised: {top.how}"  # "opens the ORG name 'Mansfield Police Department'"
        places.append(_place(top, best.entry, min(0.95, 0.5 + margin / 10.0), reason))
    return places


def _context_of(
    base: Context, first: Context, chosen: list[tuple[float, str, Candidate, float] | None], keys: list[str]
) -> Context:
    """The article's context with every name's chosen reading voting for its country, state and point."""
    ctx = Context(
        list(base.votes), list(base.points), base.dateline, set(first.states), base.grid, base.town_like, base.division_like
    )
    voted: set[str] = set()
    for key, pick in zip(keys, chosen, strict=True):
        if pick is None or key in voted:
            continue
        voted.add(key)
        entry = pick[2].entry
        if entry.country and entry.kind not in {"water", "continent"}:
            ctx.add(key, entry.country)
        if entry.kind in {"admin1", "admin2"} and entry.admin1:
            ctx.states.add((key, entry.admin1))
        if entry.lat is not None and entry.lon is not None and entry.kind in {"city", "admin1", "admin2"}:
            ctx.points.append((key, entry.lat, entry.lon))
    return ctx


def _named_countries(options: list[list[Candidate]]) -> set[str]:
    return {c.entry.country for cands in options for c in cands if c.entry.kind == "country" and c.entry.country}


def _add_country_parts(gaz: Gazetteer, keys: list[str], options: list[list[Candidate]], named: set[str]) -> None:
    """ "Trinidad" in a story that names Trinidad and Tobago is that country, not a town in Colorado."""
    parts: dict[str, str] = {}
    for iso3 in named:
        country = gaz.countries.get(iso3)
        if country is not None and " and " in country.name:
            for part in country.name.split(" and "):
                parts[normalise(part)] = iso3
    if not parts:
        return
    for key, cands in zip(keys, options, strict=True):
        iso3 = parts.get(key)
        entry = gaz.country_entry.get(iso3) if iso3 else None
        if entry is not None and all(c.entry.kind != "country" for c in cands):
            name = gaz.country_name(iso3 or "")
            cands.append(
                Candidate(entry, True, _PRIOR["country"], f"part of the name of {name}, which the article names")
            )


def _article_context(doc: Doc, gaz: Gazetteer) -> Context:
    """Countries of the article's actors and of its dateline."""
    ctx = Context([], [], None, set())
    for mention in doc.mentions:
        # a capital read as its government votes through its own toponym, so that it can be outvoted as a
        # town's name ("the Paris Police Department" in a story about Henry County, Tennessee)
        if mention.country and len(mention.country) == 3 and mention.country != "IGO" and mention.kind != "capital":
            ctx.add("", mention.country)
    for ent in doc.entities:  # "Chinese officials": the article is about China too
        code = gaz.country_of_demonym(ent.text) if ent.label == "NORP" else None
        if code:
            ctx.add("", code)
    # a demonym neither the actors stage nor NER took: "the Georgian war", "Georgian-controlled villages"
    covered = [(m.start, m.end) for m in doc.mentions] + [(e.start, e.end) for e in doc.entities if e.label == "NORP"]
    for word in _CAPITALISED.finditer(doc.article.text):
        code = gaz.country_of_demonym(word.group())
        if code and not any(s <= word.start() < e for s, e in covered):
            ctx.add("", code)
    if doc.article.dateline:
        dated = candidates(gaz, doc.article.dateline.title().split(",")[0])
        if dated:
            best = max(dated, key=lambda c: c.prior)
            ctx.dateline = best.entry.country
            if best.entry.country:
                ctx.add("", best.entry.country, 3)
            if best.entry.lat is not None and best.entry.lon is not None:
                ctx.points.append(("", best.entry.lat, best.entry.lon))
    return ctx


def _vote_if_clear(ctx: Context, key: str, cands: list[Candidate]) -> None:
    """A clear winner on priors votes for its country, state and point; a name all of whose
    plausible readings lie in one country ("Columbus": Ohio, Georgia, Indiana) votes for that country."""
    if not cands:
        return
    ranked = sorted(cands, key=lambda c: c.prior, reverse=True)
    margin = ranked[0].prior - ranked[1].prior if len(ranked) > 1 else 99.0
    entry = ranked[0].entry
    if margin >= (5.0 if entry.kind == "city" else 3.0):
        for iso3 in (entry.country,) if entry.country else entry.countries:
            if iso3:
                ctx.add(key, iso3)
        if entry.kind in {"admin1", "admin2"} and entry.admin1:
            ctx.states.add((key, entry.admin1))
        if entry.lat is not None and entry.lon is not None and entry.kind in {"city", "admin1"}:
            ctx.points.append((key, entry.lat, entry.lon))
        return
    plausible = {c.entry.country for c in ranked if c.prior >= ranked[0].prior - 5.0}
    if len(plausible) == 1 and entry.country and entry.kind in {"city", "admin1", "admin2"}:
        ctx.add(key, entry.country)


def _choose_all(
    options: list[list[Candidate]],
    keys: list[str],
    ctx: Context,
    gaz: Gazetteer,
    qualifiers: dict[int, str],
    directed: set[int] | None = None,
) -> list[tuple[float, str, Candidate, float] | None]:
    """The choice for every toponym; repeated names with the same qualifier are scored once."""
    done: dict[tuple[str, str | None, bool], tuple[float, str, Candidate, float] | None] = {}
    out = []
    directed = directed or set()
    for index, (key, cands) in enumerate(zip(keys, options, strict=True)):
        slot = (key, qualifiers.get(index), index in directed)
        if slot not in done:
            done[slot] = _choose(cands, key, ctx, gaz, qualifiers.get(index), index in directed)
        out.append(done[slot])
    return out


def _choose(
    cands: list[Candidate], key: str, ctx: Context, gaz: Gazetteer, qualifier: str | None, directed: bool = False
) -> tuple[float, str, Candidate, float] | None:
    """The best candidate in context: (score, what decided it, candidate, margin over the next)."""
    # a village (GeoNames' 500-999 people, known by a name nothing else has) only in a country the article names
    cands = [c for c in cands if c.entry.note != "village" or ctx.share(c.entry.country, key)]
    if not cands:
        return None
    scored = sorted(
        ((*_score(c, key, ctx, gaz, qualifier, directed), c) for c in cands), key=lambda item: item[0], reverse=True
    )
    if key in ctx.town_like:
        # "a Paris man", "the Athens Police Department", "Lebanon police" in a story that names Henry County,
        # Texas or Indiana: a town of the country whose states the article names, not a capital abroad (the
        # actors read off that same name vote for the capital's country, so votes cannot decide it)
        local = [item for item in scored if item[2].entry.kind == "city" and _states_named(ctx, gaz, item[2].entry, key)]
        if local and len({item[2].entry.country for item in local}) == 1 and local[0][2].entry.country != (
                scored[0][2].entry.country):
            scored = local + [item for item in scored if item not in local]
    best_score, why, best = scored[0]
    margin = max(0.0, best_score - scored[1][0]) if len(scored) > 1 else 10.0
    return best_score, why, best, margin


def _missing_town(
    top: Toponym,
    pick: tuple[float, str, Candidate, float] | None,
    cands: list[Candidate],
    key: str,
    ctx: Context,
    gaz: Gazetteer,
    qualifier: str | None,
) -> Place | None:
    """A town the gazetteer lacks, placed at the division the text puts it in.

    "Detroit, Texas": the qualifier names a state none of the name's readings lies in. "The city of
    Turkey" in a story whose only state is Texas: a country's name used as a town's, with no town of
    that name known. The place has the division's point and no GeoNames id, and says so.
    """
    if top.start == top.end or not top.text[:1].isupper():
        return None
    division = why = None
    town_name = all(c.entry.kind in {"city", "admin2"} for c in cands)
    if (
        qualifier
        and town_name
        and "." in qualifier  # a state or province ("Texas"), not a country: "Paris, France" is no missing town
        and any(
            c.entry.country == qualifier.split(".")[0] or _iso2(gaz, c.entry.country) == qualifier.split(".")[0]
            for c in cands
        )
        and (pick is None or qualifier not in {pick[2].entry.country, _parent(pick[2].entry), pick[2].entry.admin1})
    ):
        division, why = gaz.division(qualifier), "qualified by a state or country none of its readings lies in"
    elif (
        pick is not None
        and pick[2].entry.kind == "country"
        and key in ctx.town_like
        and not any(c.entry.kind == "city" for c in cands)
    ):
        states = {code for named, code in ctx.states if named != key}
        if len(states) == 1:
            division, why = gaz.division(states.pop()), "used as a town's name, and the article names one state"
    if division is None or division.lat is None:
        return None
    return Place(
        top.start,
        top.end,
        top.text,
        top.text,
        country=division.country,
        countries=(division.country,) if division.country else (),
        lat=division.lat,
        lon=division.lon,
        admin1=division.admin1 if division.kind == "admin1" else None,
        feature_class="P",
        kind="city",
        confidence=0.4,
        reason=f"a town in {division.name} the gazetteer does not list ({why}); point is {division.name}'s",
    )


def _iso2(gaz: Gazetteer, iso3: str | None) -> str | None:
    country = gaz.countries.get(iso3 or "")
    return country.iso2 if country else None


def _unresolved(top: Toponym, gaz: Gazetteer) -> Place:
    code = gaz.country_of_demonym(top.text)
    entry = gaz.country_entry.get(code) if code else None
    if entry is not None:
        return _place(top, entry, 0.6, f"demonym of {entry.name} tagged as a place")
    return Place(
        top.start,
        top.end,
        top.text,
        top.text,
        kind="unresolved",
        confidence=0.3,
        reason=f"not in the gazetteer ({top.how})",
    )


def _place(top: Toponym, entry: Entry, confidence: float, reason: str) -> Place:
    return Place(
        start=top.start,
        end=top.end,
        text=top.text,
        name=entry.name,
        country=entry.country,
        countries=entry.countries,
        lat=entry.lat,
        lon=entry.lon,
        geonameid=entry.geonameid,
        admin1=entry.admin1,
        feature_class=entry.feature_class,
        kind="region" if entry.kind == "continent" else entry.kind,
        confidence=round(confidence, 2),
        reason=reason,
    )
