"""The analysis of a selection of events: dyads, weekly tension and alerts for a date range.

The dashboard and the API ask for the analysis of whatever an event filter
selects (an actor, a type, a place, a text search...). :func:`incidents_of`
rebuilds the stored incidents from the selected events only (an incident keeps
the members that match). :func:`analyse` then reads them for a date range:

* **tension** per dyad, one value per week, from every incident placed in a week
  up to that week, so a week's value does not depend on where the range starts;
  the range only says which weeks are shown, and dyads come highest weekly value
  in the range (``peak``) first. A series goes on for up to twelve weeks after
  the dyad's last incident, as its tension decays. Only incidents known to the day (their own date,
  or the publication date of an undated report) are placed in weeks; those known
  only by month or year (``coarse``: they would all land on the last day of their
  month or year) and those without any date (``undated``) are counted apart;
* **dyads**: counts, balance and trend of the incidents inside the range, with
  the dyad's tension at the end of the range;
* **alerts** as the analysis finds them over the whole record (the brief's alerts),
  kept when their period meets the range.

Each dyad also carries ``rank``: its place among all dyads of the store by
incident count, so a client can give a pair the same colour in every view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from . import tension
from .alerts import detect
from .dyads import by_pair, dyad_table
from .facts import EventFact, has_table, load_events
from .incident_store import membership
from .incidents import Incident, Matcher, rebuild

MAX_ALERT_EVENTS = 10
WEEKLY = frozenset({"day", "published"})  # date strengths (facts.DateSpan) that place an incident in a week
COARSE = frozenset({"month", "year"})
DECAY_WEEKS = 12  # weeks a series goes on after a dyad's last incident (half-life 2 weeks: 1/64 left)


@dataclass(slots=True)
class Snapshot:
    """Every event mention of the store and the stored incident membership, read once."""

    events: list[EventFact] = field(default_factory=list)
    membership: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)  # dyad "A-B" -> rank over the whole store

    def by_id(self) -> dict[str, EventFact]:
        return {e.id: e for e in self.events}


def snapshot(conn: duckdb.DuckDBPyConnection) -> Snapshot:
    if not has_table(conn, "events"):
        return Snapshot()
    snap = Snapshot(events=load_events(conn), membership=membership(conn))
    counts = {"-".join(pair): len(incs) for pair, incs in by_pair(incidents_of(snap, None)).items()}
    ordered = sorted(counts, key=lambda name: (-counts[name], name))
    snap.ranks = {name: i for i, name in enumerate(ordered)}
    return snap


def incidents_of(snap: Snapshot, event_ids: Iterable[str] | None) -> list[Incident]:
    """The incidents of the selected events (all events when ``event_ids`` is None), as stored;
    events no incident holds yet are matched in memory."""
    if event_ids is None:
        events = snap.events
    else:
        wanted = set(event_ids)
        events = [e for e in snap.events if e.id in wanted]
    incidents = rebuild(events, snap.membership)
    todo = [e for e in events if e.id not in snap.membership and not e.is_scenario and e.plover]
    if todo:
        matcher = Matcher(incidents)
        matcher.add(todo)
        incidents = matcher.incidents
    return incidents


def _in_range(day: date | None, lo: date | None, hi: date | None) -> bool:
    if lo is None and hi is None:
        return True
    if day is None:
        return False
    return (lo is None or day >= lo) and (hi is None or day <= hi)


def _overlaps(start: date, end: date, lo: date | None, hi: date | None) -> bool:
    return (lo is None or end >= lo) and (hi is None or start <= hi)


def _period_bounds(period: str) -> tuple[date, date] | None:
    """``2021-10-04/2021-10-10``, ``2021-10-05``, ``2021-10`` or ``2021`` as first and last day."""
    from calendar import monthrange

    first, _, last = period.partition("/")
    try:
        if last:
            return date.fromisoformat(first), date.fromisoformat(last)
        parts = [int(x) for x in first.split("-")]
    except ValueError:
        return None
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], monthrange(parts[0], parts[1])[1])
    if len(parts) == 1 and parts[0] > 0:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    return None


def event_item(e: EventFact) -> dict[str, Any]:
    """A short form of one event mention (what an alert lists)."""
    return {"id": e.id, "doc": e.doc, "doc_key": e.doc_key, "title": e.title, "date": e.date,
            "published": e.published, "plover": e.plover, "source": e.source, "target": e.target,
            "modality": e.modality, "evidence": e.evidence}


def analyse(
    snap: Snapshot,
    incidents: Sequence[Incident],
    *,
    since: date | None = None,
    until: date | None = None,
    window_days: int = 7,
) -> dict[str, Any]:
    """Dyads, weekly tension and alerts of ``incidents`` for the range ``since`` .. ``until``."""
    weekly = [i for i in incidents if i.span.strength in WEEKLY]
    history = dyad_table(weekly, as_of=None, window_days=window_days)
    days = [d for i in incidents if i.facts and (d := tension.day_of(i))]
    as_of = max(days) if days else None
    end = min(until, as_of) if until and as_of else as_of
    pairs = by_pair(incidents)
    inside = [i for i in incidents if _in_range(tension.day_of(i), since, until)]
    rows = dyad_table(inside, as_of=None, window_days=window_days)
    for row in rows:
        pair_incs = pairs.get((row["actors"][0], row["actors"][1]), [])
        row["tension"] = tension.index(tension.raw(pair_incs, end, undated=False)) if end else None
        row["rank"] = snap.ranks.get(row["dyad"])
        row["undated"] = sum(1 for i in pair_incs if tension.day_of(i) is None)
    rows.sort(key=lambda r: (-(r["tension"] or 0.0), r["balance"], r["dyad"]))

    series = []
    weekly_pairs = by_pair(weekly)
    last_week = max((d for i in weekly if i.facts and (d := tension.day_of(i))), default=None)
    week_end = min(until, last_week) if until and last_week else last_week
    for row in history:
        pair_all = pairs.get((row["actors"][0], row["actors"][1]), [])
        pair_incs = weekly_pairs.get((row["actors"][0], row["actors"][1]), [])
        weeks = [{"start": w["start"], "end": w["end"], "tension": w["tension"], "incidents": w["incidents"]}
                 for w in row["windows"]]
        if weeks and last_week:  # after its last incident a dyad's tension decays: show that, for a while
            start = date.fromisoformat(weeks[-1]["start"])
            for _ in range(DECAY_WEEKS):
                start += timedelta(days=window_days)
                if start > last_week:
                    break
                end_day = start + timedelta(days=window_days - 1)
                weeks.append({"start": start.isoformat(), "end": end_day.isoformat(),
                              "tension": tension.index(tension.raw(pair_incs, end_day, undated=False)), "incidents": 0})
        weeks = [w for w in weeks if _overlaps(date.fromisoformat(w["start"]), date.fromisoformat(w["end"]), since, until)]
        series.append({
            "dyad": row["dyad"], "actors": row["actors"], "rank": snap.ranks.get(row["dyad"]),
            "tension": tension.index(tension.raw(pair_incs, week_end, undated=False)) if week_end else None,
            "incidents": row["incidents"],
            "coarse": sum(1 for i in pair_all if i.span.strength in COARSE),
            "undated": sum(1 for i in pair_all if tension.day_of(i) is None),
            "peak": max((w["tension"] for w in weeks), default=0.0),
            "weeks": weeks,
        })
    series.sort(key=lambda s: (-s["peak"], -s["incidents"], s["dyad"]))  # the dyads that were tensest in the range

    found = detect(dyad_table(incidents, as_of=None, window_days=window_days), incidents)
    events = {m.event.id: m.event for inc in incidents for m in inc.members}
    alerts = []
    for alert in found:
        bounds = _period_bounds(alert["period"])
        if bounds is None and (since or until):
            continue
        if bounds and not _overlaps(bounds[0], bounds[1], since, until):
            continue
        alert = dict(alert)
        alert["items"] = [event_item(events[i]) for i in alert["events"][:MAX_ALERT_EVENTS] if i in events]
        alerts.append(alert)
    return {
        "as_of": as_of.isoformat() if as_of else None,
        "latest_day": last_week.isoformat() if last_week else None,  # the last incident placed in a week
        "range": {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None},
        "undated_incidents": sum(1 for i in incidents if i.facts and tension.day_of(i) is None),
        "coarse_incidents": sum(1 for i in incidents if i.facts and i.span.strength in COARSE),
        "dyads": rows,
        "tension": series,
        "alerts": alerts,
    }
