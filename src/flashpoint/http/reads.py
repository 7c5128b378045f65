"""The store reads behind the API: one short read-only connection per call.

Each function takes an open read-only connection (see :func:`flashpoint.http.app`'s
``read`` dependency, which opens and closes it around one request) so the ingest
writer is never blocked for longer than one request.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from .filters import EVENT_DATE, LOCATION_LAT, LOCATION_LON, EventFilter, like

FACT_TABLES = {
    "actors": 'SELECT idx, start, "end", text, name, country, sector, entity, kind, role, igo, confidence, reason, ref '
              "FROM actors WHERE doc_key = ? ORDER BY start, idx",
    "places": 'SELECT idx, start, "end", text, name, country, countries, lat, lon, geonameid, admin1, feature_class, '
              "kind, confidence, reason FROM places WHERE doc_key = ? ORDER BY start, idx",
    "dates": 'SELECT idx, start, "end", text, value, granularity, reason FROM dates WHERE doc_key = ? ORDER BY start, idx',
    "quantities": 'SELECT idx, start, "end", text, value, unit, "of", country, usd, approx, reason '
                  "FROM quantities WHERE doc_key = ? ORDER BY start, idx",
    "equipment": 'SELECT idx, start, "end", text, name, type, origin, "user", entity, reason '
                 "FROM equipment WHERE doc_key = ? ORDER BY start, idx",
}


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _event(record: str, event_id: str, doc: str, doc_key: str, title: str | None) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(record)
    out.update(id=event_id, doc=doc, doc_key=doc_key, title=title)
    return out


def events(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int) -> dict[str, Any]:
    """A page of exported event records, newest first, with the total that match."""
    total, items = _event_page(conn, flt, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": [json.loads(item) for item in items]}


def events_json(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int) -> str:
    """:func:`events` as JSON text, built from the stored records without decoding them in Python."""
    total, items = _event_page(conn, flt, limit=limit, offset=offset)
    return f'{{"total":{total},"limit":{limit},"offset":{offset},"items":[{",".join(items)}]}}'


def _event_page(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int) -> tuple[int, list[str]]:
    """The match count and the page's records as JSON strings (with id, doc, doc_key and title merged in).

    The filter and the sort run on narrow columns; the wide JSON records are read
    only for the rows of the page (late materialisation by rowid).
    """
    where, params = flt.where()
    rows = conn.execute(
        f"""WITH hits AS MATERIALIZED (
                SELECT e.rowid AS rid, {EVENT_DATE} AS day, e.doc_key, e.idx
                FROM {flt.source_sql} WHERE {where}),
            page AS (SELECT * FROM hits ORDER BY day DESC NULLS LAST, doc_key, idx LIMIT ? OFFSET ?)
            SELECT CAST(json_merge_patch(e.record, json_object('id', e.event_id, 'doc', d.doc,
                                                               'doc_key', e.doc_key, 'title', d.title)) AS VARCHAR),
                   (SELECT count(*) FROM hits) AS total
            FROM page JOIN events e ON e.rowid = page.rid JOIN documents d ON d.doc_key = e.doc_key
            ORDER BY page.day DESC NULLS LAST, page.doc_key, page.idx""",  # noqa: S608 - fixed fragments
        [*params, limit, offset],
    ).fetchall()
    total = rows[0][1] if rows else _count(conn, flt.source_sql, where, params) if offset else 0
    return int(total), [r[0] for r in rows]


def _count(conn: duckdb.DuckDBPyConnection, source: str, where: str, params: list[object]) -> int:
    sql = f"SELECT count(*) FROM {source} WHERE {where}"  # noqa: S608 - fixed fragments
    return int(conn.execute(sql, params).fetchone()[0])


def event(conn: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT e.record, e.event_id, d.doc, e.doc_key, d.title FROM events e JOIN documents d USING (doc_key) "
        "WHERE e.event_id = ?",
        [event_id],
    ).fetchone()
    return _event(*row) if row else None


def map_points(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int) -> list[dict[str, Any]]:
    """Located events grouped by place: one point per location with counts by quad class."""
    where, params = flt.where()
    cursor = conn.execute(
        f"""SELECT round({LOCATION_LAT}, 4) AS lat, round({LOCATION_LON}, 4) AS lon,
                   any_value(json_extract_string(e.location, '$.name')) AS name,
                   any_value(json_extract_string(e.location, '$.country')) AS country,
                   count(*) AS events,
                   count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
                   list(e.event_id ORDER BY {EVENT_DATE} DESC NULLS LAST)[1:5] AS sample
            FROM events e JOIN documents d USING (doc_key)
            WHERE {where} AND {LOCATION_LAT} IS NOT NULL AND {LOCATION_LON} IS NOT NULL
            GROUP BY 1, 2 ORDER BY events DESC LIMIT ?""",  # noqa: S608 - fixed fragments
        [*params, limit],
    )
    return _dicts(cursor)


def network(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int) -> dict[str, Any]:
    """The signed actor network: country-to-country edges with cooperation and conflict counts."""
    where, params = flt.where()
    edges = _dicts(conn.execute(
        f"""SELECT e.source_country AS source, e.target_country AS target, count(*) AS events,
                   count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
                   round(coalesce(sum(e.goldstein), 0), 2) AS goldstein
            FROM events e JOIN documents d USING (doc_key)
            WHERE {where} AND e.source_country IS NOT NULL AND e.target_country IS NOT NULL
                  AND e.source_country <> e.target_country
            GROUP BY 1, 2 ORDER BY events DESC LIMIT ?""",  # noqa: S608 - fixed fragments
        [*params, limit],
    ))
    degree: dict[str, int] = {}
    for edge in edges:
        for side in ("source", "target"):
            degree[edge[side]] = degree.get(edge[side], 0) + edge["events"]
    nodes = [{"id": code, "events": n} for code, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def timeline(
    conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, dyads: list[tuple[str, str]], bucket: str, top: int
) -> list[dict[str, Any]]:
    """Per undirected dyad and period: events, conflict and cooperation counts, Goldstein sum."""
    where, params = flt.where()
    width = 10 if bucket == "day" else 7
    pair = ("least(e.source_country, e.target_country)", "greatest(e.source_country, e.target_country)")
    base = (
        f"SELECT {pair[0]} AS a, {pair[1]} AS b, left({EVENT_DATE}, {width}) AS period, e.quad_class, e.goldstein "
        f"FROM events e JOIN documents d USING (doc_key) WHERE {where} "  # noqa: S608 - fixed fragments
        f"AND e.source_country IS NOT NULL AND e.target_country IS NOT NULL AND e.source_country <> e.target_country "
        f"AND {EVENT_DATE} SIMILAR TO '[0-9]{{4}}-[0-9]{{2}}.*'"
    )
    if dyads:
        chosen = "SELECT * FROM (SELECT unnest(?) AS a, unnest(?) AS b)"
        params = [*params, [min(x) for x in dyads], [max(x) for x in dyads]]
    else:
        chosen = "SELECT a, b FROM base GROUP BY a, b ORDER BY count(*) DESC, a, b LIMIT ?"
        params = [*params, top]
    cursor = conn.execute(
        f"""WITH base AS ({base}), chosen AS ({chosen})
            SELECT base.a, base.b, period, count(*) AS events,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   round(coalesce(sum(goldstein), 0), 2) AS goldstein
            FROM base JOIN chosen USING (a, b) GROUP BY ALL ORDER BY base.a, base.b, period""",  # noqa: S608
        params,
    )
    series: dict[tuple[str, str], dict[str, Any]] = {}
    for row in _dicts(cursor):
        key = (row.pop("a"), row.pop("b"))
        series.setdefault(key, {"dyad": list(key), "points": []})["points"].append(row)
    return list(series.values())


def facets(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Values a client can filter on, with counts, and the date span of the store."""
    def counted(sql: str) -> list[dict[str, Any]]:
        return [{"value": v, "events": n} for v, n in conn.execute(sql).fetchall() if v is not None]

    span = conn.execute(
        f"SELECT min({EVENT_DATE}), max({EVENT_DATE}) FROM events e JOIN documents d USING (doc_key) "
        f"WHERE {EVENT_DATE} SIMILAR TO '[0-9]{{4}}.*'"  # noqa: S608 - fixed fragments
    ).fetchone()
    return {
        "types": counted("SELECT plover, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        "modalities": counted("SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        "countries": counted(
            "SELECT c, count(*) FROM (SELECT source_country AS c FROM events UNION ALL "
            "SELECT target_country FROM events) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 300"
        ),
        "dates": {"min": span[0], "max": span[1]},
    }


def documents(conn: duckdb.DuckDBPyConnection, *, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    where, params = "TRUE", []
    if q:
        where = "(d.title ILIKE ? ESCAPE '\\' OR d.doc ILIKE ? ESCAPE '\\' OR d.outlet ILIKE ? ESCAPE '\\')"
        params = [like(q)] * 3
    cursor = conn.execute(
        f"""SELECT d.doc_key, d.doc, d.title, d.url, d.outlet, d.published, d.dateline, d.n_chars,
                   CAST(d.ingested_at AS VARCHAR) AS ingested_at,
                   (SELECT count(*) FROM events e WHERE e.doc_key = d.doc_key) AS events,
                   count(*) OVER () AS total
            FROM documents d WHERE {where}
            ORDER BY d.published DESC NULLS LAST, d.doc LIMIT ? OFFSET ?""",  # noqa: S608 - fixed fragments
        [*params, limit, offset],
    )
    items = _dicts(cursor)
    total = items[0]["total"] if items else 0
    for item in items:
        del item["total"]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def document(conn: duckdb.DuckDBPyConnection, doc: str) -> dict[str, Any] | None:
    """One article with its text and every fact found in it (offsets into ``text``)."""
    rows = _dicts(conn.execute(
        "SELECT doc_key, doc, title, text, url, outlet, published, dateline, byline, origin, removed, n_chars, "
        "CAST(ingested_at AS VARCHAR) AS ingested_at FROM documents WHERE doc_key = ? OR doc = ? "
        "ORDER BY doc_key = ? DESC LIMIT 1",
        [doc, doc, doc],
    ))
    if not rows:
        return None
    out = rows[0]
    key = out["doc_key"]
    out["removed"] = json.loads(out["removed"]) if isinstance(out["removed"], str) else out["removed"]
    out["sentences"] = [
        {"start": s, "end": e}
        for s, e in conn.execute('SELECT start, "end" FROM sentences WHERE doc_key = ? ORDER BY idx', [key]).fetchall()
    ]
    for name, sql in FACT_TABLES.items():
        out[name] = _dicts(conn.execute(sql, [key]))
    out["events"] = [
        _event(r[0], r[1], out["doc"], key, out["title"])
        for r in conn.execute(
            "SELECT record, event_id FROM events WHERE doc_key = ? ORDER BY start, idx", [key]
        ).fetchall()
    ]
    return out


def actors(conn: duckdb.DuckDBPyConnection, *, country: str | None, q: str | None, limit: int) -> list[dict[str, Any]]:
    """Coded actors with mention, document and event counts, most mentioned first."""
    clauses, params = ["(a.country IS NOT NULL OR a.entity IS NOT NULL)"], []
    if country:
        clauses.append("a.country = ?")
        params.append(country)
    if q:
        clauses.append("(a.name ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
        params += [like(q), like(q)]
    cursor = conn.execute(
        f"""SELECT a.name, a.country, a.sector, a.entity, any_value(a.kind) AS kind,
                   count(*) AS mentions, count(DISTINCT a.doc_key) AS docs
            FROM actors a WHERE {" AND ".join(clauses)}
            GROUP BY a.name, a.country, a.sector, a.entity
            ORDER BY mentions DESC, a.name LIMIT ?""",  # noqa: S608 - fixed fragments
        [*params, limit],
    )
    return _dicts(cursor)


def incidents(
    conn: duckdb.DuckDBPyConnection,
    *,
    actor: list[str],
    types: list[str],
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """Incidents (the same event across articles), most recent first."""
    clauses, params = [], []
    for code in actor:
        clauses.append("(i.source = ? OR i.target = ?)")
        params += [code, code]
    if types:
        clauses.append("i.plover IN (SELECT unnest(?))")
        params.append(types)
    if since:
        clauses.append("i.date >= ?")
        params.append(since)
    if until:
        clauses.append("left(i.date, ?) <= ?")
        params += [len(until), until]
    where = " AND ".join(clauses) or "TRUE"
    rows = conn.execute(
        f"""SELECT i.incident_id, i.source, i.target, i.plover, i.date, i.location, i.docs, i.outlets, i.events,
                   i.n_mentions, i.contested, i.summary, i.record, count(*) OVER () AS total
            FROM incidents i WHERE {where}
            ORDER BY i.date DESC NULLS LAST, i.incident_id LIMIT ? OFFSET ?""",  # noqa: S608 - fixed fragments
        [*params, limit, offset],
    ).fetchall()
    items = []
    for r in rows:
        item: dict[str, Any] = json.loads(r[12]) if r[12] else {}
        item.setdefault("id", r[0])
        flat = dict(zip(("source", "target", "plover", "date", "location", "docs", "outlets", "events",
                         "n_mentions", "contested", "summary"), r[1:12], strict=True))
        if isinstance(flat["location"], str):
            flat["location"] = json.loads(flat["location"])
        for k, v in flat.items():
            item.setdefault(k, v)
        items.append(item)
    return {"total": rows[0][13] if rows else 0, "limit": limit, "offset": offset, "items": items}


def stats(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    from ..store import db

    counts = db.table_counts(conn)
    located = conn.execute(
        f"SELECT count(*) FROM events e WHERE {LOCATION_LAT} IS NOT NULL"  # noqa: S608 - fixed fragments
    ).fetchone()[0]
    return {"counts": counts, "located_events": located}
