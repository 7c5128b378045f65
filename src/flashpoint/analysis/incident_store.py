"""Incidents in the store: incremental refresh after ingest, and reading them back.

The ``incidents`` table holds one row per incident (its exported record in
``record``); ``incident_events`` lists each member event with its role. A refresh
reads only the events no incident holds yet, loads the stored incidents that
share an actor with them, matches, and rewrites the incidents that changed, all
in one transaction. A full rebuild (``rebuild_incidents``) starts from scratch.
"""

from __future__ import annotations

import json
from datetime import timedelta

import duckdb

from ..errors import StoreError
from ..store import db
from .facts import EventFact, date_span, has_table, load_events
from .incidents import Incident, Matcher, rebuild


def membership(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, str]]:
    """event id -> (incident id, role, reason) for every assigned event."""
    if not has_table(conn, "incident_events"):
        return {}
    rows = conn.execute("SELECT event_id, incident_id, role, coalesce(reason, '') FROM incident_events").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def all_incidents(conn: duckdb.DuckDBPyConnection, events: list[EventFact]) -> list[Incident]:
    """Stored incidents plus, in memory only, the events not yet assigned (a read-only view)."""
    members = membership(conn)
    matcher = Matcher(rebuild(events, members))
    matcher.add(e for e in events if e.id not in members)
    return matcher.incidents


def refresh_incidents(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Assign the events no incident holds yet; returns the ids of new or changed incidents."""
    new = load_events(conn, unassigned_only=True)
    if not new:
        return []
    rows = conn.execute(
        f"""SELECT DISTINCT m.event_id FROM incident_events m
           WHERE m.incident_id IN (SELECT i.incident_id FROM incidents i, (SELECT unnest(?) AS a, unnest(?) AS b) d
                                   WHERE ((i.source = d.a AND i.target = d.b) OR (i.source = d.b AND i.target = d.a))
                                     AND {WINDOW_CLAUSE})""",  # noqa: S608 - a fixed fragment
        [*_dyads(new), *_window(new)],
    ).fetchall()
    old_events = load_events(conn, event_ids=[r[0] for r in rows]) if rows else []
    matcher = Matcher(rebuild(old_events, membership_of(conn, [r[0] for r in rows])))
    changed = matcher.add(new)
    _write(conn, [inc for inc in matcher.incidents if inc.id in set(changed)])
    return changed


# Stored incidents a new event can join: the same dyad (either direction), and dated within the
# window around the new events' dates, or undated. This keeps the refresh's cost bounded by
# the dyad's recent history instead of growing with the whole store.
REFRESH_WINDOW_DAYS = 45
# An incident dated only by its month ("2021-09") or year ("2021") is compared at that precision,
# so the lower bound stays a day for day-dated incidents instead of falling back to 1 January.
WINDOW_CLAUSE = (
    "(i.date IS NULL OR NOT regexp_matches(i.date, '^[0-9]{4}') OR ("
    "(left(i.date, 10) >= ? OR (length(i.date) = 7 AND i.date >= ?) OR (length(i.date) = 4 AND i.date >= ?))"
    " AND left(i.date, 10) <= ?))"
)


def _dyads(events: list[EventFact]) -> tuple[list[str], list[str]]:
    pairs = sorted({(e.source, e.target) for e in events if e.source and e.target})
    return [a for a, _ in pairs], [b for _, b in pairs]


def _window(events: list[EventFact]) -> tuple[str, str, str, str]:
    """The bounds of the candidate window for WINDOW_CLAUSE: the first day, its month and its year
    (for incidents dated only that precisely), and the last day; everything when a new event is undated."""
    spans = [date_span(e.date, e.published) for e in events]
    if not spans or any(sp.lo is None or sp.hi is None for sp in spans):
        return "0000", "0000", "0000", "9999-12-31"
    lo = (min(sp.lo for sp in spans if sp.lo) - timedelta(days=REFRESH_WINDOW_DAYS)).isoformat()
    hi = max(sp.hi for sp in spans if sp.hi) + timedelta(days=REFRESH_WINDOW_DAYS)
    return lo, lo[:7], lo[:4], hi.isoformat()


def membership_of(conn: duckdb.DuckDBPyConnection, event_ids: list[str]) -> dict[str, tuple[str, str, str]]:
    if not event_ids:
        return {}
    rows = conn.execute(
        "SELECT event_id, incident_id, role, coalesce(reason, '') FROM incident_events WHERE event_id IN (SELECT unnest(?))",
        [event_ids],
    ).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def rebuild_incidents(conn: duckdb.DuckDBPyConnection) -> int:
    """Forget every incident and cluster all events again; returns the incident count."""
    matcher = Matcher()
    matcher.add(load_events(conn))
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM incident_events")
        conn.execute("DELETE FROM incidents")
        conn.execute("COMMIT")
    except duckdb.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"incident rebuild failed: {exc}") from exc
    _write(conn, matcher.incidents)
    return len(matcher.incidents)


INCIDENT_COLUMNS = (
    "incident_id", "source", "target", "plover", "date", "location", "docs", "outlets", "events",
    "n_mentions", "contested", "summary", "record",
)  # fmt: skip


def _write(conn: duckdb.DuckDBPyConnection, incidents: list[Incident]) -> None:
    if not incidents:
        return
    ids = [inc.id for inc in incidents]
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM incidents WHERE incident_id IN (SELECT unnest(?))", [ids])
        conn.execute("DELETE FROM incident_events WHERE incident_id IN (SELECT unnest(?))", [ids])
        rows, members = [], []
        for inc in incidents:
            rec = inc.record()
            rows.append(
                [inc.id, rec["source"], rec["target"], rec["plover"], rec["date"],
                 json.dumps(rec["location"], ensure_ascii=False) if rec["location"] else None,
                 rec["docs"], rec["outlets"], rec["events"], rec["n_mentions"], rec["contested"],
                 rec["summary"], json.dumps(rec, ensure_ascii=False)]
            )  # fmt: skip
            members.extend([m.event.id, inc.id, m.role, m.reason] for m in inc.members)
        db.insert_rows(conn, "incidents", INCIDENT_COLUMNS, rows)
        unique = {event_id: [event_id, *rest] for event_id, *rest in members}  # last wins, as upserts in turn would
        db.insert_rows(
            conn, "incident_events", ("event_id", "incident_id", "role", "reason"), list(unique.values()),
            on_conflict="ON CONFLICT (event_id) DO UPDATE SET incident_id = excluded.incident_id, "
            "role = excluded.role, reason = excluded.reason",
        )  # fmt: skip
        conn.execute("COMMIT")
    except (duckdb.Error, StoreError) as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"incident write failed, rolled back: {exc}") from exc


def refresh_after_ingest(db_file: str | None, *, lock_timeout: float = 30.0) -> list[str]:
    """The ingest hook: open the store for writing and refresh incidents (a no-op when nothing is new)."""
    with db.connect(db_file, lock_timeout=lock_timeout) as conn:
        return refresh_incidents(conn)
