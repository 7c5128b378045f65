"""The store reads behind the API.

Each function takes an open read-only connection (a cursor of the server's shared
attachment, see access.py) for the length of one request, so the ingest writer is
never blocked for longer than the requests in flight.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from dataclasses import replace
from typing import Any

import duckdb

from .access import KeptRows
from .filters import (
    CODE,
    EVENT_DATE,
    HAPPENED_MODALITIES,
    LOCATION_LAT,
    LOCATION_LON,
    MODALITY,
    SOURCE_KEY,
    TARGET_KEY,
    EventFilter,
    like,
)

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


def _event(record: str, event_id: str, doc: str, doc_key: str, title: str | None, url: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(record)
    out.update(id=event_id, doc=doc, doc_key=doc_key, title=title, url=url)
    return out


def events(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int) -> dict[str, Any]:
    """A page of exported event records, newest first, with the total that match."""
    total, items = _event_page(conn, flt, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": [json.loads(item) for item in items]}


def events_json(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int,
                extra: dict[str, Any] | None = None, kept: KeptRows | None = None) -> str:
    """:func:`events` as JSON text, built from the stored records without decoding them in Python.

    With ``kept`` (the rows kept for the store version ``conn`` reads, :meth:`StoreAccess.rows`)
    the page's records come from there when an earlier page showed them (:func:`_kept_event_page`);
    the text is the same either way."""
    if kept is None:
        total, items = _event_page(conn, flt, limit=limit, offset=offset)
    else:
        total, items = _kept_event_page(conn, flt, kept, limit=limit, offset=offset)
    tail = "".join(f",{json.dumps(k)}:{json.dumps(v, ensure_ascii=False)}" for k, v in (extra or {}).items())
    return f'{{"total":{total},"limit":{limit},"offset":{offset},"items":[{",".join(items)}]{tail}}}'


# Newest first: the event's day (partial ISO dates sort before the full dates they prefix), then
# article and position. The same order for pages and exports (the page query spells it out).
ORDER = f"{EVENT_DATE} DESC NULLS LAST, e.doc_key, e.idx"
# An event as a page shows it: its exported record with id, doc, doc_key, title and url merged in.
PAGE_RECORD = ("CAST(json_merge_patch(e.record, json_object('id', e.event_id, 'doc', d.doc, 'doc_key', e.doc_key, "
               "'title', d.title, 'url', d.url)) AS VARCHAR)")


def _event_page(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int,
                kept: KeptRows | None = None) -> tuple[int, list[str]]:
    """The match count and the page's records as JSON strings (id, doc, doc_key, title and url merged in).

    One query: the filter and the sort run on narrow columns (materialised once, counted
    once); the wide JSON records and the documents are joined for the page's rows alone,
    by row id (late materialisation). One query, not several small ones: under concurrent
    requests each query's fixed cost counts. The page's records are added to ``kept`` if given.
    """
    where, params = flt.where()
    rows = conn.execute(
        f"""WITH hits AS MATERIALIZED (
                SELECT e.rowid AS rid, {EVENT_DATE} AS day, e.doc_key, e.idx FROM {flt.source_sql} WHERE {where}),
            page AS (SELECT * FROM hits ORDER BY day DESC NULLS LAST, doc_key, idx LIMIT ? OFFSET ?)
            SELECT {PAGE_RECORD}, (SELECT count(*) FROM hits) AS total, page.rid
            FROM page JOIN events e ON e.rowid = page.rid JOIN documents d ON d.doc_key = e.doc_key
            ORDER BY page.day DESC NULLS LAST, page.doc_key, page.idx""",  # noqa: S608 - fixed fragments
        [*params, limit, offset],
    ).fetchall()
    if kept is not None:
        kept.put_many({r[2]: r[0] for r in rows})
    if rows:
        return int(rows[0][1]), [r[0] for r in rows]
    return (count_events(conn, flt) if offset else 0), []


def _kept_event_page(conn: duckdb.DuckDBPyConnection, flt: EventFilter, kept: KeptRows, *, limit: int,
                     offset: int) -> tuple[int, list[str]]:
    """:func:`_event_page` with the page's records taken from ``kept`` where an earlier page read them.

    The filter, the sort and the count run as one narrow query (row ids, and the count as a
    window over the matches): about half the CPU of the page query, whose other half is
    reading the records and their documents. Records not kept are read by row id, with the
    same expression (so the same text) and the same inner join to the documents (an event
    whose document is missing is left off the page, and that is kept too), then kept. When
    nothing is kept yet (the first pages after a write), the one page query is cheaper than
    the two, and it fills ``kept``. The answer is the one :func:`_event_page` gives
    (``tests/test_http_event_pages.py`` compares them).
    """
    if not len(kept):
        return _event_page(conn, flt, limit=limit, offset=offset, kept=kept)
    where, params = flt.where()
    rows = conn.execute(
        f"""SELECT e.rowid, count(*) OVER () FROM {flt.source_sql} WHERE {where}
            ORDER BY {ORDER} LIMIT ? OFFSET ?""",  # noqa: S608 - fixed fragments
        [*params, limit, offset],
    ).fetchall()
    rids = [r[0] for r in rows]
    found = kept.get_many(rids)
    missing = [r for r in rids if r not in found]
    if missing:
        read: dict[Hashable, str | None] = dict.fromkeys(missing)
        read.update(conn.execute(
            f"SELECT e.rowid, {PAGE_RECORD} FROM events e JOIN documents d ON d.doc_key = e.doc_key "  # noqa: S608
            "WHERE e.rowid = ANY(?)",
            [missing],
        ).fetchall())
        kept.put_many(read)
        found.update(read)
    items = [text for text in (found[r] for r in rids) if text is not None]
    if items:
        return int(rows[0][1]), items
    return (count_events(conn, flt) if offset else 0), []


def _records(conn: duckdb.DuckDBPyConnection, rids: list[int]) -> list[str]:
    """Exported records (id, doc, doc_key, title and url merged in) of the events at these row ids, in that order."""
    if not rids:
        return []
    rows = conn.execute(
        """SELECT e.rowid, e.record, e.event_id, e.doc_key FROM events e WHERE e.rowid = ANY(?)""", [rids]
    ).fetchall()
    keys = sorted({r[3] for r in rows})
    docs = {k: (doc, title, url) for k, doc, title, url in conn.execute(
        "SELECT doc_key, doc, title, url FROM documents WHERE doc_key = ANY(?)", [keys]).fetchall()}
    by_rid = {}
    for rid, record, event_id, doc_key in rows:
        doc, title, url = docs.get(doc_key, (None, None, None))
        merged = json.dumps({"id": event_id, "doc": doc, "doc_key": doc_key, "title": title, "url": url},
                            ensure_ascii=False)
        body = (record or "{}").strip()
        # the stored record is a JSON object: its keys, then ours (later keys win, as json_merge_patch would)
        by_rid[rid] = merged if body in ("{}", "") else body[:-1].rstrip() + "," + merged[1:]
    return [by_rid[r] for r in rids if r in by_rid]


def event_ids(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int | None = None,
              offset: int = 0) -> list[str]:
    """Ids of the matching events, in page order (exports, and the analysis of a selection)."""
    where, params = flt.where()
    tail = " LIMIT ? OFFSET ?" if limit is not None else ""
    extra = [limit, offset] if limit is not None else []
    return [r[0] for r in conn.execute(
        f"SELECT e.event_id FROM {flt.source_sql} WHERE {where} ORDER BY {ORDER}{tail}",  # noqa: S608
        [*params, *extra],
    ).fetchall()]


def count_events(conn: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    where, params = flt.where()
    return int(conn.execute(f"SELECT count(*) FROM {flt.source_sql} WHERE {where}", params).fetchone()[0])  # noqa: S608


EXPORT_COLUMNS = (
    "id", "date", "date_granularity", "published", "source_country", "source_name", "source_text",
    "plover", "cameo", "quad_class", "goldstein", "target_country", "target_name", "target_text", "modality",
    "attribution", "confidence", "place", "place_country", "lat", "lon", "evidence", "title", "outlet", "url",
    "doc", "doc_key",
)  # fmt: skip


def export_rows(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> list[dict[str, Any]]:
    """Flat rows (:data:`EXPORT_COLUMNS`) of these events, in the given order (CSV export)."""
    if not ids:
        return []
    cursor = conn.execute(
        """SELECT e.event_id AS id, e.date, e.date_granularity, d.published, e.source_country, e.source_name,
                  e.source_text, e.plover, e.cameo, e.quad_class, e.goldstein, e.target_country, e.target_name,
                  e.target_text, e.modality, e.attribution, e.confidence, e.location_name AS place,
                  e.location_country AS place_country, e.lat, e.lon, e.evidence, d.title, d.outlet, d.url, d.doc,
                  e.doc_key
           FROM events e JOIN documents d USING (doc_key) WHERE e.event_id = ANY(?)""",
        [ids],
    )
    rows = {r["id"]: r for r in _dicts(cursor)}
    return [rows[i] for i in ids if i in rows]


def export_records(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> list[str]:
    """Exported records as JSON text (the /api/events item shape) of these events, in the given order."""
    if not ids:
        return []
    rows = conn.execute("SELECT e.event_id, e.rowid FROM events e WHERE e.event_id = ANY(?)", [ids]).fetchall()
    rid = dict(rows)
    return _records(conn, [rid[i] for i in ids if i in rid])


def event(conn: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT e.record, e.event_id, d.doc, e.doc_key, d.title, d.url FROM events e JOIN documents d USING (doc_key) "
        "WHERE e.event_id = ?",
        [event_id],
    ).fetchone()
    return _event(*row) if row else None


def map_points(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int) -> dict[str, Any]:
    """Located events grouped by place: one point per location, with counts by type, by quad class
    and by whether they happened, and how many matching events have no place."""
    where, params = flt.where()
    totals = conn.execute(
        f"""SELECT count(*), count(*) FILTER (WHERE {LOCATION_LAT} IS NOT NULL AND {LOCATION_LON} IS NOT NULL)
            FROM {flt.source_sql} WHERE {where}""",  # noqa: S608 - fixed fragments
        params,
    ).fetchone()
    cursor = conn.execute(
        f"""SELECT round({LOCATION_LAT}, 4) AS lat, round({LOCATION_LON}, 4) AS lon,
                   mode(e.location_name) AS name, mode(e.location_country) AS country,
                   count(*) AS events,
                   count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
                   count(*) FILTER (WHERE list_contains(?, {MODALITY})) AS happened,
                   histogram(e.plover) AS types,
                   max({EVENT_DATE}) FILTER (WHERE regexp_full_match({EVENT_DATE}, '[0-9]{{4}}.*')) AS latest,
                   max_by(e.event_id, coalesce({EVENT_DATE}, ''), 8) AS sample  -- the latest eight
            FROM {flt.source_sql}
            WHERE {where} AND {LOCATION_LAT} IS NOT NULL AND {LOCATION_LON} IS NOT NULL
            GROUP BY 1, 2 ORDER BY events DESC, name LIMIT ?""",  # noqa: S608 - fixed fragments
        [list(HAPPENED_MODALITIES), *params, limit],
    )
    points = _dicts(cursor)
    for p in points:
        types = dict(p["types"] or {})
        p["types"] = dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))
        p["type"] = next(iter(p["types"]), None)  # the most frequent type at the place
    total, located = int(totals[0]), int(totals[1])
    return {"points": points, "events": total, "located": located, "unlocated": total - located,
            "places": len(points), "truncated": len(points) >= limit}


def network(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int) -> dict[str, Any]:
    """The signed actor network: actor-to-actor edges (countries, else named actors) with cooperation,
    conflict, and how many of the events are said to have happened."""
    where, params = flt.where()
    edges = _dicts(conn.execute(
        f"""WITH k AS (SELECT {SOURCE_KEY} AS source, {TARGET_KEY} AS target, e.quad_class, e.goldstein,
                              {MODALITY} AS modality
                       FROM {flt.source_sql} WHERE {where})
            SELECT source, target, count(*) AS events,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   count(*) FILTER (WHERE list_contains(?, modality)) AS happened,
                   round(coalesce(sum(goldstein), 0), 2) AS goldstein
            FROM k WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target
            GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?""",  # noqa: S608 - fixed fragments
        [*params, list(HAPPENED_MODALITIES), limit],
    ))
    degree: dict[str, int] = {}
    for edge in edges:
        for side in ("source", "target"):
            degree[edge[side]] = degree.get(edge[side], 0) + edge["events"]
    nodes = [{"id": key, "events": n, "country": bool(CODE.match(key))}
             for key, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def timeline(
    conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, dyads: list[tuple[str, str]], bucket: str, top: int
) -> list[dict[str, Any]]:
    """Per undirected dyad and period: events, conflict and cooperation counts, Goldstein sum."""
    where, params = flt.where()
    width = 10 if bucket == "day" else 7
    base = (
        f"SELECT least(s, t) AS a, greatest(s, t) AS b, left(day, {width}) AS period, quad_class, goldstein "
        f"FROM (SELECT {SOURCE_KEY} AS s, {TARGET_KEY} AS t, {EVENT_DATE} AS day, e.quad_class, e.goldstein "
        f"      FROM {flt.source_sql} WHERE {where}) "  # noqa: S608 - fixed fragments
        f"WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t "
        f"AND regexp_full_match(day, '[0-9]{{4}}-[0-9]{{2}}.*')"
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


def weeks(conn: duckdb.DuckDBPyConnection, flt: EventFilter) -> dict[str, Any]:
    """Events per week (Monday to Sunday) of the events dated to the day; the others counted apart."""
    where, params = flt.where()
    rows = conn.execute(
        f"""WITH f AS (SELECT {EVENT_DATE} AS day, {MODALITY} AS modality FROM {flt.source_sql} WHERE {where}),
                 d AS (SELECT CASE WHEN regexp_full_match(day, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')
                                   THEN CAST(date_trunc('week', TRY_CAST(day AS DATE)) AS DATE) END AS week,
                              CASE WHEN day IS NULL OR NOT regexp_full_match(day, '[0-9]{{4}}.*') THEN 'undated'
                                   WHEN length(day) < 10 THEN 'coarse' ELSE 'day' END AS kind,
                              list_contains(?, modality) AS happened
                       FROM f)
            SELECT CAST(week AS VARCHAR), kind, count(*), count(*) FILTER (WHERE happened)
            FROM d GROUP BY ALL ORDER BY 1 NULLS LAST, 2""",  # noqa: S608 - fixed fragments
        [*params, list(HAPPENED_MODALITIES)],
    ).fetchall()
    out: dict[str, Any] = {"weeks": [], "undated": 0, "coarse": 0, "dated": 0}
    for week, kind, n, happened in rows:
        if week is not None:
            out["weeks"].append({"start": week, "events": n, "happened": happened})
            out["dated"] += n
        elif kind in ("undated", "coarse"):
            out[kind] += n
        else:  # a day that is not a calendar day cannot be placed in a week
            out["undated"] += n
    return out


def incidents(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int) -> dict[str, Any]:
    """Incidents with at least one report that matches the filter, most recent first; each with all
    its reports (article, outlet, modality, role) and the sides when it is contested."""
    where, params = flt.where()
    rows = conn.execute(
        f"""WITH hit AS (SELECT e.event_id FROM {flt.source_sql} WHERE {where}),
                 sel AS (SELECT DISTINCT m.incident_id
                         FROM (SELECT incident_id, unnest(events) AS event_id FROM incidents) m JOIN hit USING (event_id))
            SELECT i.incident_id, i.source, i.target, i.plover, i.date, i.location, i.docs, i.outlets, i.events,
                   i.n_mentions, i.contested, i.summary, i.record, count(*) OVER () AS total
            FROM incidents i JOIN sel USING (incident_id)
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
    _add_reports(conn, items)
    return {"total": rows[0][13] if rows else 0, "limit": limit, "offset": offset, "items": items}


def _add_reports(conn: duckdb.DuckDBPyConnection, items: list[dict[str, Any]]) -> None:
    """Each incident's reports: one per member event, with its article's title, outlet and date."""
    ids = sorted({e for item in items for e in item.get("events") or []})
    if not ids:
        for item in items:
            item["reports"] = []
        return
    found = {r["id"]: r for r in _dicts(conn.execute(
        """SELECT e.event_id AS id, e.doc_key, d.doc, d.title, d.outlet, d.published, d.url, e.date, e.evidence,
                  coalesce(e.modality, 'asserted') AS modality, e.source_country, e.target_country,
                  e.location_name AS place, coalesce(m.role, 'report') AS role
           FROM events e JOIN documents d USING (doc_key) LEFT JOIN incident_events m ON m.event_id = e.event_id
           WHERE e.event_id = ANY(?)""",
        [ids],
    ))}
    for item in items:
        item["reports"] = [found[e] for e in item.get("events") or [] if e in found]
        if not item.get("outlets"):
            item["outlets"] = sorted({r["outlet"] for r in item["reports"] if r["outlet"]})


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


def documents(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int) -> dict[str, Any]:
    """Stored articles, newest first. ``q`` matches the title, outlet, file name or text; the dates
    the publication date; any other filter keeps the articles with a matching event. Each article
    says how many events it has, and how many of them match."""
    clauses, params = [], []
    if flt.q:
        clauses.append("(d.title ILIKE ? ESCAPE '\\' OR d.doc ILIKE ? ESCAPE '\\' OR d.outlet ILIKE ? ESCAPE '\\' "
                       "OR d.text ILIKE ? ESCAPE '\\')")
        params += [like(flt.q)] * 4
    if flt.since:
        clauses.append("d.published >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append("d.published >= '0' AND left(d.published, ?) <= ?")
        params += [len(flt.until), flt.until]
    event_where, event_params = replace(flt, q=None, since=None, until=None).where()
    if flt.narrows_events or flt.doc:
        clauses.append(f"d.doc_key IN (SELECT e.doc_key FROM events e WHERE {event_where})")
        params += event_params
    where = " AND ".join(clauses) or "TRUE"
    cursor = conn.execute(
        f"""WITH page AS (
                SELECT d.doc_key, d.doc, d.title, d.url, d.outlet, d.published, d.dateline, d.n_chars,
                       CAST(d.ingested_at AS VARCHAR) AS ingested_at, count(*) OVER () AS total
                FROM documents d WHERE {where}
                ORDER BY d.published DESC NULLS LAST, d.doc LIMIT ? OFFSET ?)
            SELECT page.*, (SELECT count(*) FROM events e WHERE e.doc_key = page.doc_key) AS events,
                   (SELECT count(*) FROM events e WHERE e.doc_key = page.doc_key AND {event_where}) AS matching
            FROM page ORDER BY published DESC NULLS LAST, doc""",  # noqa: S608 - fixed fragments
        [*params, limit, offset, *event_params],
    )
    items = _dicts(cursor)
    total = items[0]["total"] if items else _count_documents(conn, where, params) if offset else 0
    for item in items:
        del item["total"]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _count_documents(conn: duckdb.DuckDBPyConnection, where: str, params: list[object]) -> int:
    return int(conn.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()[0])  # noqa: S608


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
        _event(r[0], r[1], out["doc"], key, out["title"], out["url"])
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


def stats(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    from ..store import db

    counts = db.table_counts(conn)
    located, happened = conn.execute(
        f"SELECT count(*) FILTER (WHERE {LOCATION_LAT} IS NOT NULL), "  # noqa: S608 - fixed fragments
        f"count(*) FILTER (WHERE list_contains(?, {MODALITY})) FROM events e",
        [list(HAPPENED_MODALITIES)],
    ).fetchone()
    return {"counts": counts, "located_events": located, "happened_events": happened}
