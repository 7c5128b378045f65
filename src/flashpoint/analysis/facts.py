"""Event mentions as the analysis reads them, from the store or from exported JSON records.

An :class:`EventFact` is one event *mention* (one sentence of one article). The
analysis never trusts a field to be present: Goldstein and QuadClass fall back
to the CAMEO/PLOVER tables, dates to the article's publication date, and every
fallback says so in ``reasons``.

Dates are ISO strings that may be partial (``"2021"``, ``"2021-09"``,
``"2021-09-14"``, ``"--10-21"``). :func:`date_span` turns one into the range of
days it can mean, with a ``strength`` that the incident matcher uses.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import duckdb

from .. import ontology
from ..errors import ResourceError

FACT_MODALITIES = frozenset({"asserted", "reported", "claimed"})
SCENARIO_MODALITIES = frozenset({"intended", "hypothetical"})
UNDATED_LOOKBACK_DAYS = 7  # an undated event in a news article happened up to a week before publication


@dataclass(frozen=True, slots=True)
class EventFact:
    """One event mention with the fields the analysis uses."""

    id: str
    doc: str
    doc_key: str
    plover: str
    evidence: str
    source: str | None  # actor key: ISO3 country, else the IGO or group name
    target: str | None
    source_name: str | None = None
    target_name: str | None = None
    cameo: str | None = None
    goldstein: float = 0.0
    quad_class: int = 0
    modality: str = "asserted"
    attribution: str | None = None
    confidence: float = 0.5
    trigger: str | None = None
    mode: str | None = None
    date: str | None = None
    date_granularity: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    location: dict[str, Any] | None = None
    quantities: tuple[dict[str, Any], ...] = ()
    equipment: tuple[dict[str, Any], ...] = ()
    reasons: tuple[str, ...] = field(default=())

    @property
    def is_fact(self) -> bool:
        return self.modality in FACT_MODALITIES

    @property
    def is_scenario(self) -> bool:
        return self.modality in SCENARIO_MODALITIES

    @property
    def pair(self) -> tuple[str, str] | None:
        """The undirected dyad, sorted; None without two distinct actors."""
        if not self.source or not self.target or self.source == self.target:
            return None
        a, b = sorted((self.source, self.target))
        return a, b

    def cite(self) -> dict[str, str]:
        return {"doc": self.doc, "evidence": self.evidence, "event": self.id}


# ---------------------------------------------------------------- records


def actor_key(actor: dict[str, Any] | None) -> str | None:
    """ISO3 country; for IGOs and actors without a country, their name (``"NATO"``)."""
    if not isinstance(actor, dict):
        return None
    country = actor.get("country")
    if isinstance(country, str) and country and country != "IGO":
        return country.upper()
    name = actor.get("name") or actor.get("entity")
    if isinstance(name, str) and name.strip():
        return name.strip()
    return None


def from_record(record: dict[str, Any], *, doc: str | None = None, title: str | None = None) -> EventFact:
    """An :class:`EventFact` from an exported event record (``flashpoint export --table events``)."""
    reasons: list[str] = []
    plover = str(record.get("plover") or "").upper()
    cameo = record.get("cameo")
    goldstein = record.get("goldstein")
    quad = record.get("quad_class")
    if goldstein is None:
        goldstein, why = default_goldstein(plover, cameo)
        reasons.append(why)
    if not quad:
        quad, why = default_quad(plover, cameo)
        reasons.append(why)
    location = record.get("location")
    source = record.get("source") if isinstance(record.get("source"), dict) else None
    target = record.get("target") if isinstance(record.get("target"), dict) else None
    return EventFact(
        id=str(record.get("id") or ""),
        doc=str(doc or record.get("doc") or ""),
        doc_key=str(record.get("doc_key") or record.get("doc") or ""),
        plover=plover,
        evidence=str(record.get("evidence") or ""),
        source=actor_key(source),
        target=actor_key(target),
        source_name=(source or {}).get("name") or (source or {}).get("text"),
        target_name=(target or {}).get("name") or (target or {}).get("text"),
        cameo=str(cameo) if cameo else None,
        goldstein=float(goldstein),
        quad_class=int(quad),
        modality=str(record.get("modality") or "asserted"),
        attribution=record.get("attribution"),
        confidence=_unit(record.get("confidence"), 0.5),
        trigger=record.get("trigger"),
        mode=record.get("mode"),
        date=record.get("date") or None,
        date_granularity=record.get("date_granularity"),
        published=record.get("published") or None,
        outlet=record.get("outlet") or None,
        title=title or record.get("title"),
        location=location if isinstance(location, dict) else None,
        quantities=tuple(q for q in record.get("quantities") or () if isinstance(q, dict)),
        equipment=tuple(e for e in record.get("equipment") or () if isinstance(e, dict)),
        reasons=tuple(reasons),
    )


def load_events(
    conn: duckdb.DuckDBPyConnection,
    *,
    event_ids: Sequence[str] | None = None,
    unassigned_only: bool = False,
) -> list[EventFact]:
    """Event mentions from the store, oldest document first.

    ``event_ids`` restricts to those ids; ``unassigned_only`` to events no
    incident holds yet (scenarios are never assigned, so they are left out).
    """
    where, params = [], []
    if event_ids is not None:
        if not event_ids:
            return []
        where.append("e.event_id IN (SELECT unnest(?))")
        params.append(list(event_ids))
    if unassigned_only:
        where.append("e.event_id NOT IN (SELECT event_id FROM incident_events)")
        where.append("coalesce(e.modality, 'asserted') NOT IN ('intended', 'hypothetical')")
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    cursor = conn.execute(
        f"""SELECT e.record, d.doc, d.title FROM events e JOIN documents d USING (doc_key) {clause}
            ORDER BY d.ingested_at, d.doc, e.idx""",  # noqa: S608 - fixed clauses, bound values
        params,
    )
    out = []
    while batch := cursor.fetchmany(1000):
        for record, doc, title in batch:
            try:
                data = json.loads(record) if isinstance(record, str) else dict(record or {})
            except ValueError:
                continue
            out.append(from_record(data, doc=doc, title=title))
    return out


def has_table(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether ``conn``'s own store (or its temporary tables) has this table: one process may have
    several stores attached (store/db.py), and information_schema lists them all."""
    row = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ? "
        "AND table_catalog IN (current_database(), 'temp')", [name]).fetchone()
    return bool(row and row[0])


def _unit(value: Any, default: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return default
    return min(1.0, max(0.0, x))


# ---------------------------------------------------------------- ontology fallbacks


@lru_cache(maxsize=1)
def _plover_goldstein() -> dict[str, float]:
    """Mean GDELT Goldstein value of the CAMEO codes that map to each PLOVER type."""
    sums: dict[str, list[float]] = {}
    for code in ontology.cameo_table().values():
        if code.plover:
            sums.setdefault(code.plover, []).append(code.goldstein)
    return {k: round(sum(v) / len(v), 2) for k, v in sums.items()}


def default_goldstein(plover: str, cameo: str | None) -> tuple[float, str]:
    if cameo:
        record = ontology.lookup(str(cameo))
        if record:
            return record.goldstein, f"Goldstein {record.goldstein} from CAMEO {record.code}"
    value = _plover_goldstein().get(plover, 0.0)
    return value, f"Goldstein {value} is the mean over CAMEO codes of {plover or 'unknown type'}"


def default_quad(plover: str, cameo: str | None) -> tuple[int, str]:
    if cameo and str(cameo)[:2].isdigit():
        q = ontology.quad_class(str(cameo))
        return q, f"QuadClass {q} from CAMEO root {str(cameo)[:2]}"
    record = ontology.plover_table().get(plover)
    q = record.quad if record else 0
    return q, f"QuadClass {q} from the PLOVER quad of {plover or 'unknown type'}"


# ---------------------------------------------------------------- packaged tables


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``resources/analysis/<name>`` as dicts keyed by its header line."""
    try:
        text = resources.files("flashpoint.resources").joinpath("analysis", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"analysis table {name} is missing: {exc}") from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise ResourceError(f"analysis table {name} is empty")
    header = lines[0].split("\t")
    return [dict(zip(header, (row.split("\t") + [""] * len(header))[: len(header)], strict=True)) for row in lines[1:]]


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    symmetric: bool


@lru_cache(maxsize=1)
def families() -> dict[str, Family]:
    return {r["plover"]: Family(r["family"], r["symmetric"] == "yes") for r in read_table("families.tsv")}


def family(plover: str) -> Family:
    return families().get(plover, Family(plover.lower() or "unknown", False))


@lru_cache(maxsize=1)
def denial_pattern() -> re.Pattern[str]:
    parts = []
    for row in read_table("denial_cues.tsv"):
        words = [re.escape(w).replace(r"\*", r"\w*") for w in row["cue"].split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def regions() -> dict[str, frozenset[str]]:
    return {r["region"]: frozenset(m for m in r["members"].split("|") if m) for r in read_table("regions.tsv")}


def is_denial(event: EventFact) -> bool:
    """A statement that a reported incident did not happen (or not as told)."""
    if event.plover not in ("REJECT", "ACCUSE") and event.modality != "negated":
        return False
    text = f"{event.trigger or ''} {event.evidence}"
    return bool(denial_pattern().search(text))


# ---------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The days an event can have happened on. ``strength``: day, month, year, published, none."""

    lo: date | None
    hi: date | None
    strength: str
    reason: str

    @property
    def point(self) -> date | None:
        """One day for time series: the day itself, else the span's end (conservative: 'by then')."""
        return self.hi


def parse_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clip(span: DateSpan, pub: date | None) -> DateSpan:
    """A reported event happened by the day it was published: end a month or year span there."""
    if pub and span.lo and span.hi and span.lo <= pub < span.hi:
        return DateSpan(span.lo, pub, span.strength, f"{span.reason}, up to publication")
    return span


def date_span(value: str | None, published: str | None) -> DateSpan:
    """The range of days that a (possibly partial) ISO date can mean."""
    pub = parse_day(published)
    if value:
        v = value.strip()
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v[:10]) if len(v) >= 10 else None
        if m:
            day = parse_day(v)
            if day:
                return DateSpan(day, day, "day", "event date")
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            if 1 <= mo <= 12:
                last = calendar.monthrange(y, mo)[1]
                return _clip(DateSpan(date(y, mo, 1), date(y, mo, last), "month", "event month"), pub)
        m = re.fullmatch(r"(\d{4})", v)
        if m:
            y = int(m.group(1))
            return _clip(DateSpan(date(y, 1, 1), date(y, 12, 31), "year", "event year"), pub)
        m = re.fullmatch(r"--(\d{2})-(\d{2})", v)
        if m and pub:
            mo, d = int(m.group(1)), int(m.group(2))
            for year in (pub.year, pub.year - 1):
                try:
                    day = date(year, mo, d)
                except ValueError:
                    continue
                if day <= pub + timedelta(days=1):
                    return DateSpan(day, day, "day", "month-day placed in the year before publication")
    if pub:
        return DateSpan(pub - timedelta(days=UNDATED_LOOKBACK_DAYS), pub, "published", "undated: publication date")
    return DateSpan(None, None, "none", "no date and no publication date")
