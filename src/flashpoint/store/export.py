"""Exports of the store's tables: JSONL, CSV, Parquet (optionally partitioned), GeoJSON.

Every row carries ``doc``: the JSON record's ``id`` if given, else its ``url``,
else the file path as given at ingest. The events JSONL is the contract read by
``../shared/gold/score.py``: ``source``/``target`` are objects with ``country``
and ``text``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import duckdb

from ..errors import InputError
from . import db

FORMATS = ("jsonl", "csv", "parquet", "geojson")

# The flat form of each table: what CSV and Parquet hold, and JSONL for all but events.
FLAT_QUERIES = {
    "documents": """
        SELECT doc, title, text, url, outlet, published, dateline, doc_key, origin, n_chars, ingested_at, byline
        FROM documents ORDER BY ingested_at, doc""",
    # what cleaning removed from each document, one row a piece: the audit trail (migrations/0080)
    "removed": """
        SELECT d.doc, r.idx, TRY_CAST(json_extract(r.item, '$.line') AS INTEGER) AS line,
               json_extract_string(r.item, '$.reason') AS reason, json_extract_string(r.item, '$.text') AS text,
               d.doc_key
        FROM documents d,
             LATERAL (SELECT unnest(CAST(d.removed AS JSON[])) AS item,
                             generate_subscripts(CAST(d.removed AS JSON[]), 1) AS idx) r
        ORDER BY d.ingested_at, d.doc, r.idx""",
    "actors": """
        SELECT d.doc, a.text, a.name, a.country, a.sector, a.entity, a.start, a."end", a.reason,
               a.kind, a.role, a.igo, a.confidence, a.ref, a.doc_key
        FROM actors a JOIN documents d USING (doc_key) ORDER BY d.doc, a.start""",
    "places": """
        SELECT d.doc, p.text, p.name, p.country, p.lat, p.lon, p.geonameid, p.admin1, p.reason,
               p.countries, p.feature_class, p.kind, p.confidence, p.start, p."end", p.doc_key
        FROM places p JOIN documents d USING (doc_key) ORDER BY d.doc, p.start""",
    "dates": """
        SELECT d.doc, t.text, t.value, t.granularity, t.reason, t.start, t."end", t.doc_key
        FROM dates t JOIN documents d USING (doc_key) ORDER BY d.doc, t.start""",
    "quantities": """
        SELECT d.doc, q.text, q.value, q.unit, q."of", q.country, q.usd, q.approx, q.reason, q.start, q."end", q.doc_key
        FROM quantities q JOIN documents d USING (doc_key) ORDER BY d.doc, q.start""",
    "equipment": """
        SELECT d.doc, e.text, e.name, e.type, e.origin, e."user", e.entity, e.reason, e.start, e."end", e.doc_key
        FROM equipment e JOIN documents d USING (doc_key) ORDER BY d.doc, e.start""",
    "events": """
        SELECT d.doc, e.event_id AS id, e.source_country, e.source_sector, e.source_name, e.source_text,
               e.target_country, e.target_sector, e.target_name, e.target_text, e.plover, e.cameo, e.mode,
               e.context, e.goldstein, e.quad_class, e.modality, e.attribution, e.confidence, e.reason,
               e.trigger, e.date, e.date_granularity, e.evidence, e.start, e."end",
               e.location, e.quantities, e.equipment, e.doc_key, d.outlet, d.published
        FROM events e JOIN documents d USING (doc_key) ORDER BY d.doc, e.start, e.idx""",
    "incidents": """
        SELECT incident_id AS id, source, target, plover, date, location, docs, outlets, events,
               n_mentions, contested, summary
        FROM incidents ORDER BY date NULLS LAST, incident_id""",
    "skipped": "SELECT item, stage, code, detail, skipped_at FROM skipped ORDER BY skipped_at, item",
}
TABLES = tuple(FLAT_QUERIES)
JSON_COLUMNS = {"location", "quantities", "equipment", "record"}


def rows(conn: duckdb.DuckDBPyConnection, table: str) -> Iterator[dict[str, Any]]:
    """Rows of a table as JSON-ready dicts (events: the full exported record)."""
    if table == "events":
        cursor = conn.execute(
            "SELECT e.record, d.doc FROM events e JOIN documents d USING (doc_key) ORDER BY d.doc, e.start, e.idx"
        )
        while batch := cursor.fetchmany(1000):
            for record, doc in batch:
                out = json.loads(record)
                out["doc"] = doc
                yield out
        return
    if table == "incidents":
        cursor = conn.execute("SELECT record FROM incidents WHERE record IS NOT NULL ORDER BY date NULLS LAST, incident_id")
        while batch := cursor.fetchmany(1000):
            for (record,) in batch:
                yield json.loads(record)
        return
    cursor = conn.execute(FLAT_QUERIES[table])
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(1000):
        for row in batch:
            yield {n: _jsonable(n, v) for n, v in zip(names, row, strict=True)}


def _jsonable(name: str, value: Any) -> Any:
    if name in JSON_COLUMNS and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def export(
    table: str,
    fmt: str = "jsonl",
    *,
    path: str | None = None,
    out: TextIO | None = None,
    partition_by: str | None = None,
    db_file: str | None = None,
    lock_timeout: float = 30.0,
) -> int:
    """Write ``table`` in ``fmt`` to ``out`` (text formats) or ``path``; returns the row count."""
    if table not in TABLES:
        raise InputError(f"unknown table {table!r}; choose from {', '.join(TABLES)}", code="bad_table")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}", code="bad_format")
    if fmt == "geojson" and table not in ("events", "places", "incidents"):
        raise InputError("geojson is for events, places and incidents", code="bad_format")
    if fmt == "parquet" and not out and not path:
        raise InputError("parquet needs an output path (-o FILE or folder)", code="bad_output")
    if partition_by and fmt != "parquet":
        raise InputError("--partition-by works with --format parquet", code="bad_format")
    with db.connect(db_file, read_only=True, lock_timeout=lock_timeout) as conn:
        if fmt == "parquet":
            return _parquet(conn, table, path or "", partition_by)
        if fmt == "geojson":
            text_out, close = _open_text(path, out)
            try:
                return _geojson(conn, table, text_out)
            finally:
                if close:
                    text_out.close()
        text_out, close = _open_text(path, out)
        try:
            if fmt == "jsonl":
                n = 0
                for row in rows(conn, table):
                    text_out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                    n += 1
                return n
            return _csv(conn, table, text_out)
        finally:
            if close:
                text_out.close()


def _open_text(path: str | None, out: TextIO | None) -> tuple[TextIO, bool]:
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8", newline=""), True  # noqa: SIM115 - closed by caller
    return out or io.StringIO(), False


def _csv(conn: duckdb.DuckDBPyConnection, table: str, out: TextIO) -> int:
    cursor = conn.execute(FLAT_QUERIES[table])
    names = [d[0] for d in cursor.description]
    writer = csv.writer(out)
    writer.writerow(names)
    n = 0
    while batch := cursor.fetchmany(1000):
        for row in batch:
            writer.writerow([json.dumps(v, default=str) if isinstance(v, (list, dict)) else v for v in row])
            n += 1
    return n


def _parquet(conn: duckdb.DuckDBPyConnection, table: str, path: str, partition_by: str | None) -> int:
    query = FLAT_QUERIES[table]
    n = conn.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]  # noqa: S608 - fixed queries
    target = Path(path)
    if partition_by:
        names = [d[0] for d in conn.execute(f"SELECT * FROM ({query}) LIMIT 0").description]  # noqa: S608
        if partition_by not in names:
            raise InputError(f"cannot partition {table} by {partition_by!r}; columns: {', '.join(names)}", code="bad_partition")
        _clear_partitions(target)
        part = f"{partition_by}_part"
        conn.execute(
            f"COPY (SELECT *, {partition_key(partition_by)} AS {part} FROM ({query})) TO ? "  # noqa: S608
            f"(FORMAT parquet, PARTITION_BY ({part}), OVERWRITE_OR_IGNORE true)",
            [str(target)],
        )
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        conn.execute(f"COPY ({query}) TO ? (FORMAT parquet)", [str(target)])  # noqa: S608
    return int(n)


DATE_COLUMNS = ("date", "published", "skipped_at", "ingested_at")


def partition_key(column: str) -> str:
    """SQL for the Hive partition value of ``column``.

    Dates (full or partial ISO strings) go by month: ``2021-09-14`` and ``2021-09``
    → ``2021-09``; a year alone → ``2021``; a date without a year (``--10-21``),
    an empty or missing date → ``unknown``. Other columns use their value
    (``unknown`` when missing), with ``/`` replaced so it stays one folder level.
    """
    value = f"CAST(\"{column}\" AS VARCHAR)"
    if column in DATE_COLUMNS:
        return (
            f"CASE WHEN regexp_matches({value}, '^[0-9]{{4}}-[0-9]{{2}}') THEN substr({value}, 1, 7) "
            f"WHEN regexp_matches({value}, '^[0-9]{{4}}$') THEN {value} ELSE 'unknown' END"
        )
    return f"coalesce(nullif(replace(replace({value}, '/', '_'), '\\', '_'), ''), 'unknown')"


def _clear_partitions(target: Path) -> None:
    """Make ``target`` an empty folder, removing a previous partitioned export (never anything else)."""
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file; --partition-by writes a folder", code="bad_output")
    target.mkdir(parents=True, exist_ok=True)
    entries = list(target.iterdir())
    foreign = [e.name for e in entries if not (e.is_dir() and "_part=" in e.name)]
    if foreign:
        raise InputError(
            f"{target} holds other files ({', '.join(sorted(foreign)[:3])}); choose an empty folder for the dataset",
            code="bad_output",
        )
    for entry in entries:  # a previous export of this dataset: replaced whole, so no stale partition remains
        shutil.rmtree(entry)


def _geojson(conn: duckdb.DuckDBPyConnection, table: str, out: TextIO) -> int:
    features = []
    if table == "places":
        for row in rows(conn, "places"):
            if row.get("lat") is None or row.get("lon") is None:
                continue
            props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
            features.append(_feature(row["lon"], row["lat"], props))
    else:
        for row in rows(conn, table):
            location = row.get("location")
            if not isinstance(location, dict) or location.get("lat") is None or location.get("lon") is None:
                continue
            props = {k: v for k, v in row.items() if k != "location"}
            props["place"] = location.get("name")
            features.append(_feature(location["lon"], location["lat"], props))
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, default=str)
    out.write("\n")
    return len(features)


def _feature(lon: float, lat: float, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
