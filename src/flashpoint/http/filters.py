"""The event filter shared by the list, map, network and timeline endpoints.

Every value is validated before it gets here and every value is bound as a
parameter; the SQL text is built only from fixed fragments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import MODALITIES
from .errors import ApiError

ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CODE = re.compile(r"^[A-Z]{3}$")
PLOVER = re.compile(r"^[A-Z_]{2,40}$")
CAMEO = re.compile(r"^\d{2,4}$")
MAX_LIST = 20

# Where an event happened and when: the event's own date, else the article's.
# Narrow columns written with each event (store/migrations/0070_event_columns.sql).
EVENT_DATE = "e.day"
LOCATION_LAT = "e.lat"
LOCATION_LON = "e.lon"


def split_list(raw: str | None, name: str) -> list[str]:
    """A comma-separated query value as a list of stripped, non-empty items."""
    if not raw:
        return []
    items = [x.strip() for x in raw.split(",") if x.strip()]
    if len(items) > MAX_LIST:
        raise ApiError(422, "invalid_request", f"{name}: at most {MAX_LIST} values")
    return items


def like(value: str) -> str:
    """A substring pattern for ILIKE ... ESCAPE '\\' with the user's wildcards escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not ISO_PARTIAL.match(value):
        raise ApiError(422, "invalid_request", f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value[:40]!r}")
    return value


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What a client may ask of events; each field narrows the set (AND)."""

    actor: tuple[str, ...] = ()  # country code, name or entity id, as source or target
    source: tuple[str, ...] = ()  # country codes of the source actor
    target: tuple[str, ...] = ()  # country codes of the target actor
    country: tuple[str, ...] = ()  # country code of where the event happened
    type: tuple[str, ...] = ()  # PLOVER types
    cameo: str | None = None  # CAMEO code prefix
    modality: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()
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
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        q: str | None = None,
        doc: str | None = None,
        located: bool = False,
        min_confidence: float | None = None,
    ) -> EventFilter:
        def codes(raw: str | None, name: str) -> tuple[str, ...]:
            out = tuple(x.upper() for x in split_list(raw, name))
            bad = [x for x in out if not CODE.match(x) and x != "IGO"]
            if bad:
                raise ApiError(422, "invalid_request", f"{name}: expected ISO 3166 alpha-3 codes, got {bad[0][:20]!r}")
            return out

        types = tuple(x.upper() for x in split_list(type, "type"))
        if any(not PLOVER.match(t) for t in types):
            raise ApiError(422, "invalid_request", "type: expected PLOVER type names such as ASSAULT")
        modalities = tuple(x.lower() for x in split_list(modality, "modality"))
        unknown = [m for m in modalities if m not in MODALITIES]
        if unknown:
            raise ApiError(422, "invalid_request", f"modality: {unknown[0][:20]!r} is not one of {', '.join(MODALITIES)}")
        quads: list[int] = []
        for raw in split_list(quad, "quad"):
            if raw not in ("1", "2", "3", "4"):
                raise ApiError(422, "invalid_request", "quad: expected 1, 2, 3 or 4")
            quads.append(int(raw))
        if cameo and not CAMEO.match(cameo):
            raise ApiError(422, "invalid_request", "cameo: expected 2 to 4 digits")
        since, until = check_date(since, "since"), check_date(until, "until")
        return cls(
            actor=tuple(split_list(actor, "actor")),
            source=codes(source, "source"),
            target=codes(target, "target"),
            country=codes(country, "country"),
            type=types,
            cameo=cameo or None,
            modality=modalities,
            quad=tuple(quads),
            since=since,
            until=until,
            place=place.strip() or None if place else None,
            q=q.strip() or None if q else None,
            doc=doc or None,
            located=located,
            min_confidence=min_confidence,
        )

    @property
    def source_sql(self) -> str:
        """The FROM clause: the documents join only when a filter reads a document column."""
        if self.q or self.doc:
            return "events e JOIN documents d USING (doc_key)"
        return "events e"

    def where(self) -> tuple[str, list[object]]:
        """The WHERE clause (fixed fragments joined with AND) and its bound parameters.

        Expects ``events e JOIN documents d``.
        """
        clauses: list[str] = []
        params: list[object] = []
        for value in self.actor:
            if CODE.match(value.upper()) or value.upper() == "IGO":
                clauses.append("(e.source_country = ? OR e.target_country = ?)")
                params += [value.upper()] * 2
            else:
                clauses.append(
                    "(e.source_name ILIKE ? ESCAPE '\\' OR e.target_name ILIKE ? ESCAPE '\\' "
                    "OR e.source_entity = ? OR e.target_entity = ?)"
                )
                params += [like(value), like(value), value, value]
        for column, values in (("e.source_country", self.source), ("e.target_country", self.target),
                               ("e.plover", self.type), ("e.modality", self.modality)):
            if values:
                clauses.append(f"{column} IN (SELECT unnest(?))")
                params.append(list(values))
        if self.country:
            clauses.append("e.location_country IN (SELECT unnest(?))")
            params.append(list(self.country))
        if self.quad:
            clauses.append("e.quad_class IN (SELECT unnest(?))")
            params.append(list(self.quad))
        if self.cameo:
            clauses.append("e.cameo LIKE ?")
            params.append(self.cameo + "%")
        if self.since:
            clauses.append(f"{EVENT_DATE} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"left({EVENT_DATE}, ?) <= ?")
            params += [len(self.until), self.until]
        if self.place:
            clauses.append("e.location_name ILIKE ? ESCAPE '\\'")
            params.append(like(self.place))
        if self.q:
            clauses.append("(e.evidence ILIKE ? ESCAPE '\\' OR d.title ILIKE ? ESCAPE '\\')")
            params += [like(self.q), like(self.q)]
        if self.doc:
            clauses.append("(e.doc_key = ? OR d.doc = ?)")
            params += [self.doc, self.doc]
        if self.located:
            clauses.append(f"{LOCATION_LAT} IS NOT NULL AND {LOCATION_LON} IS NOT NULL")
        if self.min_confidence is not None:
            clauses.append("e.confidence >= ?")
            params.append(self.min_confidence)
        return (" AND ".join(clauses) or "TRUE"), params
