"""The situation: everything the brief and the API show, from one read-only connection.

``situation(conn, actors=..., since=...)`` returns a JSON-ready dict with the keys
``actors``, ``dyads``, ``tension``, ``triads``, ``alerts``, ``incidents``,
``forces``, ``timeline``, ``scenarios`` (and ``as_of``, ``open_triads``,
``relations``, ``denied``, ``documents``, ``filters``). Every statement in it
carries ``cites``: a list of ``{"doc", "evidence", "event"}``.

Facts are incidents built from asserted, reported and claimed events; intended
and hypothetical events go to ``scenarios`` only; negated events and denials
stay attached to the incident they deny (``contested``), or are listed under
``denied`` when nothing else reports the incident.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import duckdb

from . import tension
from .alerts import detect
from .dyads import by_pair, dyad_table
from .facts import EventFact, has_table, load_events, parse_day, regions
from .forces import forces
from .incident_store import all_incidents
from .incidents import Incident
from .triads import triads

AIM_TYPES = ("REQUEST", "ACCUSE", "THREATEN", "REJECT")
MAX_AIMS = 12
MAX_SCENARIOS = 50


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    if len(code) != 3 or not code.isupper():
        return code
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(getattr(found, "common_name", None) or getattr(found, "name", code)) if found else code


def _cites(events: Iterable[EventFact], limit: int = 3) -> list[dict[str, str]]:
    out, seen = [], set()
    for e in events:
        if (e.doc, e.evidence) in seen:
            continue
        seen.add((e.doc, e.evidence))
        out.append(e.cite())
        if len(out) >= limit:
            break
    return out


def _involves(inc: Incident, focus: set[str] | None) -> bool:
    return focus is None or bool({inc.source, inc.target} & focus)


def _on_or_after(inc: Incident, since: date | None) -> bool:
    if since is None:
        return True
    day = tension.day_of(inc)
    return day is not None and day >= since


def timeline_entry(inc: Incident) -> dict[str, Any]:
    rec = inc.record()
    return {
        "incident": inc.id,
        "date": rec["date"],
        "day": tension.day_of(inc).isoformat() if tension.day_of(inc) else None,
        "date_basis": rec["date_basis"],
        "source": rec["source"],
        "target": rec["target"],
        "plover": rec["plover"],
        "goldstein": rec["goldstein"],
        "status": rec["status"],
        "contested": rec["contested"],
        "sides": rec["sides"],
        "location": (rec["location"] or {}).get("name"),
        "summary": rec["summary"],
        "docs": rec["docs"],
        "cites": _cites(inc.facts or inc.reports, 3) + _cites(inc.negations, 2),
    }


def actor_table(incidents: Sequence[Incident], focus: set[str] | None) -> list[dict[str, Any]]:
    """Each actor in the factual incidents: counts, counterparts, stated aims and demands (cited)."""
    counts: Counter[str] = Counter()
    aims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    partners: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for inc in incidents:
        if not inc.facts:
            continue
        for e in inc.facts:
            if e.source and e.source_name:
                names[e.source][e.source_name] += 1
        for a in {inc.source, inc.target} - {None}:
            counts[str(a)] += 1
        if inc.source and inc.target:
            partners[inc.source][inc.target] += 1
            partners[inc.target][inc.source] += 1
        if inc.source and inc.plover in AIM_TYPES:
            aims[inc.source].append(
                {
                    "incident": inc.id,
                    "plover": inc.plover,
                    "target": inc.target,
                    "date": inc.date,
                    "statement": (inc.facts[0].evidence or "").strip(),
                    "cites": _cites(inc.facts, 3),
                }
            )
    out = []
    for actor, n in counts.most_common():
        if focus and actor not in focus:
            continue
        out.append(
            {
                "actor": actor,
                "name": country_name(actor),
                "mentioned_as": [x for x, _ in names[actor].most_common(3)],
                "incidents": n,
                "counterparts": [{"actor": p, "incidents": k} for p, k in partners[actor].most_common(6)],
                "aims_and_demands": sorted(aims[actor], key=lambda a: (a["date"] or "", a["incident"]))[:MAX_AIMS],
            }
        )
    return out


def scenario_entries(events: Iterable[EventFact], focus: set[str] | None, since: date | None) -> list[dict[str, Any]]:
    out, seen = [], set()
    for e in events:
        if not e.is_scenario:
            continue
        if focus and not {e.source, e.target} & focus:
            continue
        pub = parse_day(e.published)
        if since and pub and pub < since:
            continue
        key = (e.source, e.target, e.plover, e.evidence)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            {
                "source": e.source,
                "target": e.target,
                "plover": e.plover,
                "modality": e.modality,
                "attribution": e.attribution,
                "statement": e.evidence,
                "cites": [e.cite()],
            }
        )
    return out[:MAX_SCENARIOS]


def documents(conn: duckdb.DuckDBPyConnection, docs: set[str]) -> dict[str, dict[str, Any]]:
    if not docs or not has_table(conn, "documents"):
        return {}
    rows = conn.execute(
        "SELECT doc, title, outlet, published, url FROM documents WHERE doc IN (SELECT unnest(?)) ORDER BY doc",
        [sorted(docs)],
    ).fetchall()
    return {r[0]: {"title": r[1], "outlet": r[2], "published": r[3], "url": r[4]} for r in rows}


def _cited_docs(value: Any, into: set[str]) -> None:
    if isinstance(value, dict):
        if "doc" in value and "evidence" in value and isinstance(value["doc"], str):
            into.add(value["doc"])
        for v in value.values():
            _cited_docs(v, into)
    elif isinstance(value, list):
        for v in value:
            _cited_docs(v, into)


PRECISION = {"day": 3, "published": 2, "month": 1, "year": 0}


def _precision(inc: Incident) -> int:
    return PRECISION.get(inc.span.strength, -1)


def _as_of_label(latest: Incident | None, as_of: date | None) -> str | None:
    """The latest date as precise as it is known: ``2020-10-21``, ``2020-10`` or ``2020``."""
    if latest is None or as_of is None:
        return None
    strength = latest.span.strength
    if strength == "year":
        return f"{as_of.year} (year only)"
    if strength == "month":
        return f"{as_of:%Y-%m} (month only)"
    return as_of.isoformat()


def situation(
    conn: duckdb.DuckDBPyConnection,
    *,
    actors: Sequence[str] | None = None,
    since: str | None = None,
    window_days: int = 7,
    event_ids: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The disposition of the conflict as data (see the module docstring).

    ``event_ids`` restricts it to those event mentions (a filtered view: the dashboard's
    brief for its current filters); incidents keep the members that are selected.
    """
    focus = {a.strip().upper() for a in actors if a.strip()} if actors else None
    since_day = parse_day(since) if since else None
    events = load_events(conn, event_ids=event_ids) if has_table(conn, "events") else []
    incidents = [i for i in all_incidents(conn, events) if _on_or_after(i, since_day)]
    days = [d for i in incidents if i.facts and (d := tension.day_of(i))]
    as_of = max(days) if days else None
    latest = max((i for i in incidents if i.facts and tension.day_of(i) == as_of), key=_precision, default=None)

    rows = dyad_table(incidents, as_of=as_of, window_days=window_days)
    focused_rows = [r for r in rows if focus is None or set(r["actors"]) & focus]
    all_alerts = detect(rows, incidents)
    alerts = [a for a in all_alerts if _alert_in_focus(a, focus)]
    balance = triads(rows)
    relevant = [i for i in incidents if _involves(i, focus)]
    timeline = [timeline_entry(i) for i in relevant if i.facts]
    timeline.sort(key=lambda t: (t["day"] is None, t["day"] or "", t["incident"]))  # undated last

    pairs = by_pair(incidents)
    window_ends = sorted({date.fromisoformat(w["end"]) for r in focused_rows for w in r["windows"]})
    result: dict[str, Any] = {
        "as_of": as_of.isoformat() if as_of else None,
        # how a reader should see that date: "2020" when the latest dated incident is only known by its year
        "as_of_label": _as_of_label(latest, as_of),
        "undated_incidents": sum(1 for i in incidents if i.facts and tension.day_of(i) is None),
        "filters": {"actors": sorted(focus) if focus else None, "since": since},
        "actors": actor_table(relevant, focus),
        "dyads": focused_rows,
        "tension": {
            "formula": "T = 100 * (1 - exp(-R / 3)); R = sum of decayed incident pressure, half-life 14 days",
            "as_of": as_of.isoformat() if as_of else None,
            "dyads": [{"dyad": r["dyad"], "actors": r["actors"], "tension": r["tension"],
                       "series": [{"day": w["end"], "tension": w["tension"]} for w in r["windows"]]}
                      for r in focused_rows],  # fmt: skip
            "regions": [
                reg for reg in tension.region_table(pairs, window_ends)
                if focus is None or set(reg["members"]) & focus  # type: ignore[arg-type]
            ],
        },
        "triads": [t for t in balance["triangles"] if focus is None or set(t["actors"]) & focus],
        "open_triads": [t for t in balance["open"] if focus is None or set(t["actors"]) & focus],
        "relations": [e for e in balance["edges"] if focus is None or set(e["actors"]) & focus],
        "alerts": alerts,
        "incidents": [i.record() for i in sorted(relevant, key=lambda i: (tension.day_of(i) or date.max, i.id))],
        "timeline": timeline,
        "denied": [timeline_entry(i) for i in relevant if not i.facts],
        "forces": forces(conn, events, actors=focus, since=since),
        "scenarios": scenario_entries(events, focus, since_day),
    }
    cited: set[str] = set()
    _cited_docs(result, cited)
    result["documents"] = documents(conn, cited)
    return result


def _alert_in_focus(alert: dict[str, Any], focus: set[str] | None) -> bool:
    if focus is None:
        return True
    if alert.get("dyad"):
        return bool(set(alert["dyad"]) & focus)
    region = alert.get("region")
    return bool(region and regions().get(region, frozenset()) & focus)
