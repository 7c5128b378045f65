"""Opening the DuckDB store, recorded migrations, and the one writer.

Concurrency model. DuckDB lets one process hold a file read-write, or many hold it
read-only, never both. flashpoint therefore never keeps the file open for long:
the writer opens it for one batch transaction and closes it; readers (export,
the server) open it read-only per query. Either side waits for the other with
:func:`connect`, which retries on the lock until ``lock_timeout``.

Atomicity. Every document is written with all its facts inside one transaction
(:func:`write_batch`), so a killed ingest leaves either the whole document or
nothing; DuckDB's write-ahead log rolls back the rest on the next open.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreBusy, StoreError
from ..records import Doc, Event, Skip, to_dict

LOCK_MARKERS = ("lock", "Conflicting", "being used by another process", "Could not set lock")


def db_path(path: str | os.PathLike[str] | None = None) -> str:
    """The store path: explicit path, else ``FLASHPOINT_DB``, else ``./flashpoint.duckdb``."""
    return str(path or os.environ.get("FLASHPOINT_DB") or "flashpoint.duckdb")


@contextmanager
def connect(
    path: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    lock_timeout: float = 30.0,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the store, waiting for another process's lock; migrate when writing.

    A read-only open of a missing file raises :class:`StoreError` (nothing stored yet).
    """
    target = db_path(path)
    if read_only and not Path(target).exists():
        raise StoreError(f"no store at {target} (run `flashpoint ingest` first)", code="store_missing")
    if not read_only:
        parent = Path(target).parent
        parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    delay = 0.01
    while True:
        try:
            conn = duckdb.connect(target, read_only=read_only)
            break
        except duckdb.Error as exc:
            message = str(exc)
            if not any(m in message for m in LOCK_MARKERS):
                raise StoreError(f"cannot open {target}: {message.splitlines()[0]}") from exc
            if time.monotonic() >= deadline:
                raise StoreBusy(f"{target} is locked by another process (waited {lock_timeout:.0f}s)") from exc
            time.sleep(delay + random.random() * delay)
            delay = min(delay * 2, 0.25)
    try:
        if not read_only:
            migrate(conn)
        yield conn
    finally:
        conn.close()


def migrations() -> list[tuple[int, str, str]]:
    """Packaged migrations as (version, name, sql), in order."""
    found = []
    for entry in resources.files("flashpoint.store.migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name[:-4], entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet recorded; each in its own transaction. Safe to re-run."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            conn.execute("COMMIT")
        except duckdb.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {exc}") from exc
        applied.append(name)
    return applied


def has_document(conn: duckdb.DuckDBPyConnection, key: str) -> bool:
    return conn.execute("SELECT 1 FROM documents WHERE doc_key = ?", [key]).fetchone() is not None


def existing_keys(conn: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> set[str]:
    if not keys:
        return set()
    rows = conn.execute("SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?))", [list(keys)]).fetchall()
    return {r[0] for r in rows}


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(to_dict(value), ensure_ascii=False)


def event_record(doc: Doc, index: int, event: Event) -> dict[str, Any]:
    """The exported form of one event (the contract of ``../shared/gold/README.md``)."""
    record = to_dict(event)
    record["id"] = f"{doc.article.key}:{index}"
    record["doc"] = doc.article.doc
    record["doc_key"] = doc.article.key
    record["outlet"] = doc.article.outlet
    record["published"] = doc.article.published
    return record


def _rows(doc: Doc) -> dict[str, list[list[Any]]]:
    key = doc.article.key
    a = doc.article
    rows: dict[str, list[list[Any]]] = {
        "documents": [
            [key, a.doc, a.title, a.text, a.url, a.outlet, a.published, a.dateline, a.origin,
             json.dumps(list(a.removed), ensure_ascii=False), len(a.text)]
        ],
        "sentences": [[key, i, s.start, s.end] for i, s in enumerate(doc.sentences)],
        "actors": [
            [key, i, m.start, m.end, m.text, m.name, m.country, m.sector, m.entity, m.kind, m.role, m.igo,
             m.confidence, m.reason, m.ref]
            for i, m in enumerate(doc.mentions)
        ],
        "places": [
            [key, i, p.start, p.end, p.text, p.name, p.country, list(p.countries), p.lat, p.lon, p.geonameid,
             p.admin1, p.feature_class, p.kind, p.confidence, p.reason]
            for i, p in enumerate(doc.places)
        ],
        "dates": [[key, i, d.start, d.end, d.text, d.value, d.granularity, d.reason] for i, d in enumerate(doc.dates)],
        "quantities": [
            [key, i, q.start, q.end, q.text, q.value, q.unit, q.of, q.country, q.usd, q.approx, q.reason]
            for i, q in enumerate(doc.quantities)
        ],
        "equipment": [
            [key, i, e.start, e.end, e.text, e.name, e.type, e.origin, e.user, e.entity, e.reason]
            for i, e in enumerate(doc.equipment)
        ],
        "events": [],
    }
    for i, ev in enumerate(doc.events):
        s, t = ev.source, ev.target
        rows["events"].append(
            [f"{key}:{i}", key, i, ev.start, ev.end, ev.evidence,
             s.country, s.sector, s.name, s.entity, s.text,
             t.country if t else None, t.sector if t else None, t.name if t else None,
             t.entity if t else None, t.text if t else None,
             ev.plover, ev.cameo, ev.mode, list(ev.context), ev.goldstein, ev.quad_class, ev.modality,
             ev.attribution, ev.confidence, ev.reason, ev.trigger, ev.date, ev.date_granularity, ev.date_reason,
             _json(ev.location), _json(list(ev.quantities)), _json(list(ev.equipment)),
             json.dumps(event_record(doc, i, ev), ensure_ascii=False)]
        )
    return rows


TABLE_COLUMNS = {
    "documents": 11,
    "sentences": 4,
    "actors": 15,
    "places": 16,
    "dates": 8,
    "quantities": 12,
    "equipment": 11,
    "events": 34,
}
DOCUMENT_COLUMNS = "doc_key, doc, title, text, url, outlet, published, dateline, origin, removed, n_chars"


def write_batch(conn: duckdb.DuckDBPyConnection, docs: Sequence[Doc], skips: Sequence[Skip] = ()) -> tuple[int, int]:
    """Store documents with all their facts, and skip records, in one transaction.

    Returns (stored, already_present). A document whose content hash is already
    stored adds nothing. The transaction either commits whole or not at all.
    """
    conn.execute("BEGIN TRANSACTION")
    try:
        present = existing_keys(conn, [d.article.key for d in docs])
        stored = 0
        seen: set[str] = set()
        batch: dict[str, list[list[Any]]] = {t: [] for t in TABLE_COLUMNS}
        for doc in docs:
            key = doc.article.key
            if key in present or key in seen:
                continue
            seen.add(key)
            for table, rows in _rows(doc).items():
                batch[table].extend(rows)
            stored += 1
        for table, rows in batch.items():
            if not rows:
                continue
            marks = ", ".join("?" * TABLE_COLUMNS[table])
            columns = f" ({DOCUMENT_COLUMNS})" if table == "documents" else ""
            conn.executemany(f"INSERT INTO {table}{columns} VALUES ({marks})", rows)  # noqa: S608 - fixed names
        for skip in skips:  # a re-run that meets the same bad item records it once
            conn.execute(
                "INSERT INTO skipped (item, stage, code, detail) SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                "(SELECT 1 FROM skipped WHERE item = ? AND stage = ? AND code = ?)",
                [skip.item, skip.stage, skip.code, skip.detail, skip.item, skip.stage, skip.code],
            )
        conn.execute("COMMIT")
    except duckdb.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"write failed, batch rolled back: {exc}") from exc
    return stored, len(docs) - stored


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = {}
    for table in (*TABLE_COLUMNS, "skipped", "incidents"):
        counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
    return counts
