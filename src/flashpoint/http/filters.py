"""The one event filter every endpoint and every dashboard panel reads.

A query string is parsed and validated once into an :class:`EventFilter`; a bad
value is an :class:`ApiError` 422 in the common envelope with a message written
for a person ("since: 2024-99-99 is not a date; use YYYY, YYYY-MM or
YYYY-MM-DD"). What is checked:

* dates are ISO (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) and real days; ``since``
  is not after ``until``;
* types are PLOVER types, modalities are known, quad classes are 1-4;
* actors (``actor``, ``source``, ``target``) are resolved through the actors
  knowledge base, so ``Iran``, ``iranian`` and ``IRN`` mean the same country
  and select the same events; a named body (``Hezbollah``, ``NATO``) matches its
  entity id or its name; anything else matches actor names as a substring;
* ``happened``: by default only what is said to have happened (asserted,
  reported, claimed); ``all`` adds what was intended, hypothetical or negated,
  ``no`` shows only those. An explicit ``modality`` replaces the default.

Every value is bound as a parameter; the SQL text is built only from fixed
fragments. :meth:`EventFilter.describe` is the "filters applied" line.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..analysis.facts import FACT_MODALITIES
from ..ontology import PLOVER_TYPES
from ..records import MODALITIES
from .errors import ApiError

CODE = re.compile(r"^[A-Z]{3}$")
ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
CAMEO = re.compile(r"^\d{2,4}$")
MAX_LIST = 20
HAPPENED = ("yes", "all", "no")
NOT_HAPPENED = tuple(m for m in MODALITIES if m not in FACT_MODALITIES)
HAPPENED_MODALITIES = tuple(m for m in MODALITIES if m in FACT_MODALITIES)

# The narrow columns written with each event (store/migrations/0070_event_columns.sql).
EVENT_DATE = "e.day"  # the event's own date, else its article's publication date
LOCATION_LAT = "e.lat"
LOCATION_LON = "e.lon"
# An event's modality; older stores may hold NULL, which the analysis reads as asserted.
MODALITY = "coalesce(e.modality, 'asserted')"
# The key an actor is known by in aggregates (as flashpoint.analysis.facts.actor_key):
# the country code, else (IGOs, groups, people without a country) the name.
SOURCE_KEY = "coalesce(nullif(e.source_country, 'IGO'), nullif(trim(e.source_name), ''), e.source_entity)"
TARGET_KEY = "coalesce(nullif(e.target_country, 'IGO'), nullif(trim(e.target_name), ''), e.target_entity)"


def invalid(message: str) -> ApiError:
    return ApiError(422, "invalid_request", message)


def split_list(raw: str | None, name: str) -> list[str]:
    """A comma-separated query value as a list of stripped, non-empty items."""
    if not raw:
        return []
    items = [x.strip() for x in raw.split(",") if x.strip()]
    if len(items) > MAX_LIST:
        raise invalid(f"{name}: at most {MAX_LIST} values, got {len(items)}")
    return items


def like(value: str) -> str:
    """A substring pattern for ILIKE ... ESCAPE '\\' with the user's wildcards escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def check_date(value: str | None, name: str) -> str | None:
    """``value`` if it is an ISO date or a prefix of one (a real year, month or day), else a 422."""
    if value is None or value == "":
        return None
    shown = value[:40]
    found = ISO_PARTIAL.match(value)
    if not found:
        raise invalid(f"{name}: {shown!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (for example 2021-10-05)")
    year, month, day = (int(x) if x else None for x in found.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError:
        raise invalid(f"{name}: {shown!r} is not a real date; use YYYY, YYYY-MM or YYYY-MM-DD") from None
    if year == 0:
        raise invalid(f"{name}: {shown!r} is not a real date; the year must be 0001 or later")
    return value


def first_day(value: str) -> date:
    """The first day a partial ISO date can mean (``2021-06`` -> 1 June 2021)."""
    parts = [int(x) for x in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> date:
    """The last day a partial ISO date can mean (``2021-06`` -> 30 June 2021)."""
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(parts[0], 12, 31)


# ---------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class ActorRef:
    """One actor value as the user gave it and what it was resolved to."""

    given: str
    country: str | None = None  # ISO3 code (or IGO): matches the actor's country
    entity: str | None = None  # a knowledge-base entity id: matches the entity, or one of its names
    label: str = ""  # how the filter line shows it
    names: tuple[str, ...] = ()  # the entity's names and aliases, lower-cased

    def clause(self, sides: tuple[str, ...]) -> tuple[str, list[object]]:
        """SQL matching this actor on any of ``sides`` ("source", "target")."""
        parts: list[str] = []
        params: list[object] = []
        for side in sides:
            if self.country:
                parts.append(f"e.{side}_country = ?")
                params.append(self.country)
            elif self.entity:  # the entity, or an actor named as it is (not a substring: "NATO" is in "senator")
                parts.append(f"(e.{side}_entity = ? OR list_contains(?, lower(e.{side}_name)))")
                params += [self.entity, list(self.names)]
            else:
                parts.append(f"e.{side}_name ILIKE ? ESCAPE '\\'")
                params.append(like(self.given))
        return "(" + " OR ".join(parts) + ")", params


class ActorResolver:
    """Names, demonyms, capitals and codes of countries, and names and aliases of entities,
    from the actors knowledge base (``flashpoint.stages.actors.knowledge``)."""

    def __init__(self, actors_file: str | None = None) -> None:
        from ..config import Settings
        from ..stages.actors.knowledge import load_knowledge

        kb = load_knowledge(Settings(actors_file=actors_file) if actors_file else None)
        self.codes = set(kb.countries) | {"IGO"}
        self.names: dict[str, str] = {code: kb.countries[code].name for code in kb.countries}
        self.forms: dict[str, tuple[str | None, str | None, str]] = {}
        self.aliases: dict[str, tuple[str, ...]] = {}  # entity id -> its lower-cased names
        for code, country in kb.countries.items():
            for form in (country.name, *country.names, *country.demonyms, *country.people, *country.capitals):
                self.forms.setdefault(form.lower(), (code, None, country.name))
        entities: dict[str, set[tuple[str, str]]] = {}
        for entity, rows in kb.entities.items():
            for row in rows:
                for form in (row.name, *row.aliases):
                    entities.setdefault(form.lower(), set()).add((entity, row.name))
            self.aliases[entity] = tuple(sorted({f.lower() for row in rows for f in (row.name, *row.aliases)}))
        for form, found in entities.items():
            if len(found) == 1 and form not in self.forms:  # an ambiguous alias resolves to nothing
                entity, name = next(iter(found))
                self.forms[form] = (None, entity, name)

    def resolve(self, given: str) -> ActorRef:
        value = " ".join(given.split())
        if value.upper() in self.codes and (value.isupper() or value.lower() not in self.forms):
            code = value.upper()
            return ActorRef(value, country=code, label=f"{self.names.get(code, code)} ({code})" if code != "IGO" else "IGO")
        found = self.forms.get(value.lower())
        if found:
            code, entity, name = found
            if code:
                return ActorRef(value, country=code, label=f"{name} ({code})")
            return ActorRef(value, entity=entity, label=name, names=self.aliases.get(entity, (value.lower(),)))
        return ActorRef(value, label=f"name contains {value!r}")


_resolvers: dict[str | None, ActorResolver] = {}
_resolver_lock = threading.Lock()


def resolver_loaded(actors_file: str | None = None) -> bool:
    """True once :func:`resolver` has read this knowledge base (then it returns at once)."""
    return actors_file in _resolvers


def resolver(actors_file: str | None = None) -> ActorResolver:
    with _resolver_lock:
        found = _resolvers.get(actors_file)
        if found is None:
            found = _resolvers[actors_file] = ActorResolver(actors_file)
        return found


# ---------------------------------------------------------------- the filter

FILTER_PARAMS = (
    "actor", "source", "target", "country", "type", "cameo", "modality", "quad", "happened",
    "since", "until", "place", "q", "doc", "located", "min_confidence",
)  # fmt: skip
DATE_PARAMS = ("since", "until")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What a client may ask of events; each field narrows the set (AND)."""

    actor: tuple[ActorRef, ...] = ()  # source or target
    source: tuple[ActorRef, ...] = ()
    target: tuple[ActorRef, ...] = ()
    country: tuple[str, ...] = ()  # country code of where the event happened
    type: tuple[str, ...] = ()  # PLOVER types
    cameo: str | None = None  # CAMEO code prefix
    modality: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()
    happened: str | None = None  # yes | all | no; None: "yes" unless a modality is given
    since: str | None = None
    until: str | None = None
    place: str | None = None  # substring of the event location's name
    q: str | None = None  # substring of the evidence or the article title
    doc: str | None = None  # doc_key or doc name
    located: bool = False  # only events with coordinates
    min_confidence: float | None = None

    @classmethod
    def parse(
        cls,
        *,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        country: str | None = None,
        type: str | None = None,  # noqa: A002 - the public parameter name
        cameo: str | None = None,
        modality: str | None = None,
        quad: str | None = None,
        happened: str | None = None,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        q: str | None = None,
        doc: str | None = None,
        located: bool | str | None = False,
        min_confidence: float | str | None = None,
        actors_file: str | None = None,
    ) -> EventFilter:
        names = resolver(actors_file)

        def actors(raw: str | None, name: str) -> tuple[ActorRef, ...]:
            return tuple(names.resolve(x) for x in split_list(raw, name))

        countries = tuple(x.upper() for x in split_list(country, "country"))
        bad = [x for x in countries if not CODE.match(x)]
        if bad:
            raise invalid(f"country: {bad[0][:20]!r} is not a country code; use ISO 3166 alpha-3 codes such as IRN")
        types = tuple(x.upper() for x in split_list(type, "type"))
        unknown = [t for t in types if t not in PLOVER_TYPES]
        if unknown:
            raise invalid(f"type: {unknown[0][:40]!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}")
        modalities = tuple(x.lower() for x in split_list(modality, "modality"))
        unknown = [m for m in modalities if m not in MODALITIES]
        if unknown:
            raise invalid(f"modality: {unknown[0][:40]!r} is not a modality; use one of {', '.join(MODALITIES)}")
        quads: list[int] = []
        for raw in split_list(quad, "quad"):
            if raw not in ("1", "2", "3", "4"):
                raise invalid(f"quad: {raw[:20]!r} is not a quad class; use 1, 2, 3 or 4")
            quads.append(int(raw))
        if cameo and not CAMEO.match(cameo):
            raise invalid(f"cameo: {cameo[:20]!r} is not a CAMEO code prefix; use 2 to 4 digits such as 19")
        if happened is not None and happened.lower() not in HAPPENED:
            raise invalid(f"happened: {happened[:20]!r} is not one of yes, all, no")
        since, until = check_date(since, "since"), check_date(until, "until")
        if since and until and first_day(since) > last_day(until):
            raise invalid(f"since ({since}) is after until ({until})")
        return cls(
            actor=actors(actor, "actor"),
            source=actors(source, "source"),
            target=actors(target, "target"),
            country=countries,
            type=types,
            cameo=cameo or None,
            modality=modalities,
            quad=tuple(quads),
            happened=happened.lower() if happened else None,
            since=since,
            until=until,
            place=place.strip() or None if place else None,
            q=q.strip() or None if q else None,
            doc=doc or None,
            located=_flag(located, "located"),
            min_confidence=_fraction(min_confidence, "min_confidence"),
        )

    # ------------------------------------------------------------ derived views

    @property
    def happened_mode(self) -> str:
        """yes | all | no, the default applied."""
        if self.happened:
            return self.happened
        return "all" if self.modality else "yes"

    def without_dates(self) -> EventFilter:
        return replace(self, since=None, until=None)

    def with_happened(self, mode: str) -> EventFilter:
        return replace(self, happened=mode, modality=())

    @property
    def has_dates(self) -> bool:
        return bool(self.since or self.until)

    @property
    def range(self) -> tuple[date | None, date | None]:
        """The first and last day the date filters allow (None: open)."""
        return (first_day(self.since) if self.since else None, last_day(self.until) if self.until else None)

    @property
    def narrows_events(self) -> bool:
        """True when a filter other than text, document and dates picks events (used by the article list)."""
        return bool(self.actor or self.source or self.target or self.country or self.type or self.cameo
                    or self.modality or self.quad or self.happened or self.place or self.located
                    or self.min_confidence is not None)

    def params(self) -> dict[str, str]:
        """The filter as canonical query parameters (what the dashboard links and exports use)."""
        out: dict[str, str] = {}
        for name, refs in (("actor", self.actor), ("source", self.source), ("target", self.target)):
            if refs:
                out[name] = ",".join(r.given for r in refs)
        for name, values in (("country", self.country), ("type", self.type), ("modality", self.modality),
                             ("quad", tuple(str(q) for q in self.quad))):
            if values:
                out[name] = ",".join(values)
        for name in ("cameo", "happened", "since", "until", "place", "q", "doc"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.located:
            out["located"] = "true"
        if self.min_confidence is not None:
            out["min_confidence"] = f"{self.min_confidence:g}"
        return out

    def key(self) -> tuple[tuple[str, str], ...]:
        """A hashable form (cache keys)."""
        return tuple(sorted(self.params().items()))

    def describe(self) -> list[str]:
        """The "filters applied" line, one phrase per filter, in plain words."""
        out: list[str] = []
        for name, refs in (("actor", self.actor), ("source", self.source), ("target", self.target)):
            if refs:
                out.append(f"{name}: " + " or ".join(r.label for r in refs))
        if self.type:
            out.append("type: " + " or ".join(self.type))
        if self.cameo:
            out.append(f"CAMEO code {self.cameo}*")
        if self.quad:
            out.append("quad class " + " or ".join(str(q) for q in self.quad))
        if self.modality:
            out.append("modality: " + " or ".join(self.modality))
        mode = self.happened_mode
        if mode == "yes":
            out.append("only what happened (asserted, reported, claimed)")
        elif mode == "no" and not self.modality:
            out.append("only what did not happen (intended, hypothetical, negated)")
        elif mode == "no":
            out.append("and did not happen")
        elif not self.modality:
            out.append("happened or not")
        if self.since and self.until:
            out.append(f"dated {self.since} to {self.until}")
        elif self.since:
            out.append(f"dated on or after {self.since}")
        elif self.until:
            out.append(f"dated on or before {self.until}")
        if self.country:
            out.append("in " + " or ".join(self.country))
        if self.place:
            out.append(f"place contains {self.place!r}")
        if self.q:
            out.append(f"text contains {self.q!r}")
        if self.doc:
            out.append(f"article {self.doc}")
        if self.located:
            out.append("located only")
        if self.min_confidence is not None:
            out.append(f"confidence at least {self.min_confidence:g}")
        return out

    def summary(self) -> dict[str, Any]:
        """What a response echoes: the canonical parameters, the phrases, and how actors resolved."""
        return {
            "params": self.params(),
            "applied": self.describe(),
            "actors": [{"given": r.given, "country": r.country, "entity": r.entity, "label": r.label}
                       for r in (*self.actor, *self.source, *self.target)],
        }

    # ------------------------------------------------------------ SQL

    @property
    def source_sql(self) -> str:
        """The FROM clause (the filter never needs the documents join)."""
        return "events e"

    def where(self) -> tuple[str, list[object]]:
        """The WHERE clause (fixed fragments joined with AND) and its bound parameters, over ``events e``."""
        clauses: list[str] = []
        params: list[object] = []
        for refs, sides in ((self.actor, ("source", "target")), (self.source, ("source",)),
                            (self.target, ("target",))):
            if refs:  # several values of one parameter: any of them (OR)
                parts = [ref.clause(sides) for ref in refs]
                clauses.append("(" + " OR ".join(p[0] for p in parts) + ")")
                for _, p in parts:
                    params += p
        # list_contains(?, column), not column IN (SELECT unnest(?)): a scan, not a join (10x faster on 100k rows)
        for column, values in (("e.plover", self.type), ("e.location_country", self.country)):
            if values:
                clauses.append(f"list_contains(?, {column})")
                params.append(list(values))
        modalities = self.modality
        mode = self.happened_mode
        if mode != "all":
            allowed = HAPPENED_MODALITIES if mode == "yes" else NOT_HAPPENED
            modalities = tuple(m for m in modalities if m in allowed) if modalities else allowed
            if not modalities:
                clauses.append("FALSE")
        if modalities:
            clauses.append(f"list_contains(?, {MODALITY})")
            params.append(list(modalities))
        if self.quad:
            clauses.append("list_contains(?, e.quad_class)")
            params.append(list(self.quad))
        if self.cameo:
            clauses.append("e.cameo LIKE ?")
            params.append(self.cameo + "%")
        if self.since:  # a partial date is compared at its own precision; dates without a year never match
            clauses.append(f"{EVENT_DATE} >= ?")
            params.append(self.since)
        if self.until:  # ">= '0'": the date starts with a year ('--10-21' sorts before '0')
            clauses.append(f"{EVENT_DATE} >= '0' AND left({EVENT_DATE}, ?) <= ?")
            params += [len(self.until), self.until]
        if self.place:
            clauses.append("e.location_name ILIKE ? ESCAPE '\\'")
            params.append(like(self.place))
        if self.q:
            clauses.append("(e.evidence ILIKE ? ESCAPE '\\' OR e.doc_key IN "
                           "(SELECT doc_key FROM documents WHERE title ILIKE ? ESCAPE '\\'))")
            params += [like(self.q), like(self.q)]
        if self.doc:
            clauses.append("(e.doc_key = ? OR e.doc_key IN (SELECT doc_key FROM documents WHERE doc = ?))")
            params += [self.doc, self.doc]
        if self.located:
            clauses.append(f"{LOCATION_LAT} IS NOT NULL AND {LOCATION_LON} IS NOT NULL")
        if self.min_confidence is not None:
            clauses.append("e.confidence >= ?")
            params.append(self.min_confidence)
        return (" AND ".join(clauses) or "TRUE"), params


def _flag(value: bool | str | None, name: str) -> bool:
    if isinstance(value, bool) or value is None:
        return bool(value)
    low = value.strip().lower()
    if low in ("true", "1", "yes", "on"):
        return True
    if low in ("false", "0", "no", "off", ""):
        return False
    raise invalid(f"{name}: {value[:20]!r} is not true or false")


def _fraction(value: float | str | None, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise invalid(f"{name}: {str(value)[:20]!r} is not a number between 0 and 1") from None
    if not 0.0 <= number <= 1.0:
        raise invalid(f"{name}: {number:g} is not between 0 and 1")
    return number
