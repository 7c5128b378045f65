"""The actor knowledge base: packaged TSV tables plus an optional user file.

Tables (``flashpoint/resources/actors/``), each documented in its own header:

* ``countries.tsv``   every ISO country: names, demonyms, nationality nouns, capitals, QID
* ``people.tsv``      office-holders, one row per (person, office, country, start, end)
* ``people_history.tsv`` earlier office-holders (about 1990-2015) of the G20, the Middle East, Russia, Ukraine, the Koreas
* ``people_world.tsv`` office-holders of more countries (Taiwan, Pakistan, Afghanistan, Europe, Africa, Asia, Americas)
* ``igos.tsv``        intergovernmental bodies (country ``IGO`` + the body's code)
* ``groups.tsv``      non-state armed groups
* ``media.tsv``       news agencies and outlets
* ``organizations.tsv`` named state bodies and seats of power
* ``sectors.tsv``     head nouns and titles -> CAMEO/PLOVER sector (and office for titles)
* ``context.tsv``     function words that tell an actor from a place ("in", "urged", "border")

The entity tables share one column layout (:data:`ENTITY_COLUMNS`), which is also the
layout of the user file (``--actors-file`` / ``Settings.actors_file``). A user row
whose ``entity`` id exists in the packaged tables replaces every packaged row of that
entity; other rows add entities. ``kind=country`` user rows add names to a country.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...config import Settings
from ...errors import ResourceError
from ...resources import parse_table, read_table

FOLDER = "actors"
ENTITY_TABLES = (
    "people.tsv",
    "people_history.tsv",
    "people_world.tsv",
    "igos.tsv",
    "groups.tsv",
    "media.tsv",
    "organizations.tsv",
)
ENTITY_COLUMNS = ("entity", "kind", "name", "aliases", "country", "sector", "role", "start", "end", "igo")
ENTITY_KINDS = frozenset({"person", "igo", "group", "media", "org", "country"})
STRENGTHS = frozenset({"head", "weak", "mod", "title", "event", "act", "platform"})


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    qid: str | None
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    people: tuple[str, ...]
    capitals: tuple[str, ...]
    sovereign: bool

    @property
    def entity(self) -> str:
        return self.qid or f"fp:country:{self.iso3}"


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One row of an entity table: an entity as it holds from ``start`` to ``end``."""

    entity: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    role: str | None
    start: str
    end: str
    igo: str | None
    origin: str  # "package" or the user file path, for reasons and audits

    def holds_on(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day < self.end)


@dataclass(frozen=True, slots=True)
class SectorWord:
    phrase: str
    sector: str
    role: str | None
    strength: str


@dataclass(slots=True)
class Knowledge:
    countries: dict[str, Country] = field(default_factory=dict)
    entities: dict[str, tuple[EntityRow, ...]] = field(default_factory=dict)
    sectors: dict[str, SectorWord] = field(default_factory=dict)
    context: dict[str, frozenset[str]] = field(default_factory=dict)  # class -> lower-case words/phrases
    user_forms: frozenset[str] = frozenset()  # lower-cased surface forms the user file defines
    version: str = "package"

    def rows(self, entity: str) -> tuple[EntityRow, ...]:
        return self.entities.get(entity, ())

    def words(self, cls: str) -> frozenset[str]:
        return self.context.get(cls, frozenset())

    def office_holders(self, country: str, role: str) -> list[EntityRow]:
        """Person rows holding ``role`` for ``country`` (any date)."""
        return [
            r
            for rows in self.entities.values()
            for r in rows
            if r.kind == "person" and r.country == country and r.role == role
        ]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def _countries() -> dict[str, Country]:
    out = {}
    for row in read_table(FOLDER, "countries.tsv", columns=8):
        iso3, qid, name, names, demonyms, people, capitals, status = row
        if len(iso3) != 3:
            raise ResourceError(f"{FOLDER}/countries.tsv: bad code {iso3!r}")
        out[iso3] = Country(
            iso3,
            qid or None,
            name,
            _split(names),
            _split(demonyms),
            _split(people),
            _split(capitals),
            status == "state",
        )
    return out


def _sectors() -> dict[str, SectorWord]:
    out = {}
    for phrase, sector, role, strength in read_table(FOLDER, "sectors.tsv", columns=4):
        if strength not in STRENGTHS:
            raise ResourceError(f"{FOLDER}/sectors.tsv: {phrase!r} has unknown strength {strength!r}")
        out[phrase.lower()] = SectorWord(phrase.lower(), sector, role or None, strength)
    return out


def _context() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for word, cls in read_table(FOLDER, "context.tsv", columns=2):
        classes.setdefault(cls, set()).add(word.lower())
    return {k: frozenset(v) for k, v in classes.items()}


def _entity_rows(rows: list[tuple[str, ...]], origin: str) -> list[EntityRow]:
    out = []
    for cells in rows:
        entity, kind, name, aliases, country, sector, role, start, end, igo = cells
        if kind not in ENTITY_KINDS:
            raise ResourceError(f"{origin}: entity {entity!r} has unknown kind {kind!r}")
        if not entity or not name:
            raise ResourceError(f"{origin}: a row without entity id or name ({cells[:3]})")
        out.append(
            EntityRow(
                entity,
                kind,
                name,
                _split(aliases),
                country or None,
                sector or None,
                role or None,
                start,
                end,
                igo or None,
                origin,
            )
        )
    return out


def _read_user_file(path: str) -> list[EntityRow]:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"actors file {path}: {exc}") from exc
    return _entity_rows(parse_table(text, str(path), columns=len(ENTITY_COLUMNS)), str(path))


def build_knowledge(actors_file: str | None = None) -> Knowledge:
    """Read the packaged tables, then apply the user file (additions and overrides)."""
    kb = Knowledge(countries=_countries(), sectors=_sectors(), context=_context())
    grouped: dict[str, list[EntityRow]] = {}
    for table in ENTITY_TABLES:
        for row in _entity_rows(read_table(FOLDER, table, columns=len(ENTITY_COLUMNS)), f"{FOLDER}/{table}"):
            grouped.setdefault(row.entity, []).append(row)
    if actors_file:
        user_rows = _read_user_file(actors_file)
        user_forms: set[str] = set()
        user_grouped: dict[str, list[EntityRow]] = {}
        for row in user_rows:
            if row.kind == "country":
                _add_country_names(kb, row)
            else:
                user_grouped.setdefault(row.entity, []).append(row)
            user_forms.update(f.lower() for f in (row.name, *row.aliases))
        grouped.update(user_grouped)  # a user entity replaces every packaged row of that id
        kb.user_forms = frozenset(user_forms)
        kb.version = f"package+{actors_file}"
    kb.entities = {k: tuple(_share_aliases(v)) for k, v in grouped.items()}
    return kb


def _share_aliases(rows: list[EntityRow]) -> list[EntityRow]:
    """Rows of one entity list aliases once; every row of the entity gets them all."""
    names = tuple(dict.fromkeys(a for r in rows for a in r.aliases))
    return [replace(r, aliases=names) for r in rows]


def _add_country_names(kb: Knowledge, row: EntityRow) -> None:
    code = row.country or ""
    base = kb.countries.get(code)
    if base is None:
        base = Country(code, None, row.name, (), (), (), (), True)
    kb.countries[code] = replace(base, names=base.names + (row.name, *row.aliases))


_lock = threading.Lock()
_cache: dict[tuple[str | None, float], Knowledge] = {}


def load_knowledge(settings: Settings | None = None) -> Knowledge:
    """The knowledge base for these settings, built once per user file (and its mtime)."""
    path = (settings or Settings()).actors_file
    stamp = 0.0
    if path:
        try:
            stamp = Path(path).stat().st_mtime
        except OSError as exc:
            raise ResourceError(f"actors file {path}: {exc}") from exc
    key = (path, stamp)
    with _lock:
        kb = _cache.get(key)
        if kb is None:
            kb = build_knowledge(path)
            _cache[key] = kb
        return kb
