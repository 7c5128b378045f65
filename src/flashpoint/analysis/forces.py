"""Force balance: personnel, money and equipment per actor, side by side, each with its source.

A quantity belongs to an actor by, in order: its own ``country``; an ISO3 code
opening its ``of`` ("IRN armed forces"); the source actor of an event in the
same article that carries it. Equipment belongs to its stated ``user``, else to
the source of an event that carries it; either way it is grouped by ``origin``
(the producing country). Nothing is summed across articles: two articles giving
the same troop number are two cited statements, not twice the troops.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import duckdb

from .facts import EventFact, has_table, read_table

ISO3 = re.compile(r"^([A-Z]{3})\b")
CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_ITEMS = 25


@lru_cache(maxsize=1)
def unit_categories() -> dict[str, str]:
    return {r["unit"].lower(): r["category"] for r in read_table("force_units.tsv")}


def category(unit: str | None, usd: float | None) -> str | None:
    if usd is not None:
        return "money"
    u = (unit or "").strip()
    if CURRENCY.match(u):
        return "money"
    return unit_categories().get(u.lower())


def _sentence_sql(table: str, columns: str) -> str:
    return f"""
        SELECT d.doc, d.published, x.start, {columns},
               coalesce(substr(d.text, s.start + 1, s."end" - s.start), x.text) AS sentence
        FROM {table} x JOIN documents d USING (doc_key)
        LEFT JOIN sentences s ON s.doc_key = x.doc_key AND s.start <= x.start AND x.start < s."end"
        ORDER BY d.doc, x.start"""  # noqa: S608 - fixed table and column names


def _event_owners(events: Iterable[EventFact]) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], str]]:
    """(doc, start) of each quantity / equipment an event carries -> the event's source actor."""
    quantities, equipment = {}, {}
    for e in events:
        if not e.source or not e.is_fact:
            continue
        for q in e.quantities:
            if isinstance(q.get("start"), int):
                quantities.setdefault((e.doc, q["start"]), e.source)
        for k in e.equipment:
            if isinstance(k.get("start"), int):
                equipment.setdefault((e.doc, k["start"]), e.source)
    return quantities, equipment


def forces(
    conn: duckdb.DuckDBPyConnection,
    events: Iterable[EventFact],
    *,
    actors: set[str] | None = None,
    since: str | None = None,
) -> dict[str, Any]:
    """Per actor: ``personnel``, ``money``, ``equipment`` (each item cited) and equipment by origin."""
    q_owner, e_owner = _event_owners(events)
    table: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    by_origin: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    if has_table(conn, "quantities"):
        sql = _sentence_sql("quantities", 'x.value, x.unit, x."of", x.country, x.usd, x.approx, x.text, x.reason')
        for doc, published, start, value, unit, of, country, usd, approx, text, reason, sentence in conn.execute(sql).fetchall():
            if since and published and str(published) < since:
                continue
            cat = category(unit, usd)
            if cat is None:
                continue
            owner, why = _owner(country, of, q_owner.get((doc, start)))
            item = {"value": value, "unit": unit, "of": of, "usd": usd, "approx": bool(approx), "text": text,
                    "owner_reason": why, "reason": reason, "doc": doc, "evidence": sentence}
            if cat == "equipment":  # a counted kind ("12 tanks") reads as an equipment item: name, type, origin
                item.update(name=text, type=unit, origin=None)
            table[owner][cat].append(item)
    if has_table(conn, "equipment"):
        sql = _sentence_sql("equipment", 'x.name, x.type, x.origin, x."user", x.text, x.reason')
        for doc, published, start, name, kind, origin, user, text, reason, sentence in conn.execute(sql).fetchall():
            if since and published and str(published) < since:
                continue
            owner = user or e_owner.get((doc, start)) or "unattributed"
            why = "stated user" if user else ("source of the event that carries it" if owner != "unattributed" else "no user stated")
            table[owner]["equipment"].append(
                {"name": name, "type": kind, "origin": origin, "text": text, "owner_reason": why,
                 "reason": reason, "doc": doc, "evidence": sentence}
            )  # fmt: skip
            by_origin[owner][origin or "unknown"].add(str(name))
    out = []
    for owner in sorted(table, key=lambda o: (o == "unattributed", o)):
        if actors and owner not in actors and owner != "unattributed":
            continue
        cats = table[owner]
        out.append(
            {
                "actor": owner,
                "personnel": _dedupe(cats.get("personnel", [])),
                "money": _dedupe(cats.get("money", [])),
                "equipment": _dedupe(cats.get("equipment", [])),
                "equipment_by_origin": {o: sorted(n) for o, n in sorted(by_origin[owner].items())},
            }
        )
    return {"actors": out}


def _owner(country: str | None, of: str | None, event_source: str | None) -> tuple[str, str]:
    if country:
        return country, "quantity country"
    m = ISO3.match(of or "")
    if m:
        return m.group(1), "country named in what is counted"
    if event_source:
        return event_source, "source of the event that carries it"
    return "unattributed", "no country stated"


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One item per (doc, text): a number repeated in one article is one statement."""
    seen, out = set(), []
    for item in items:
        key = (item["doc"], item.get("text"), item.get("name"))
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out[:MAX_ITEMS]
