"""Parquet shards: how a partition's results travel from a worker to the store.

A shard is a folder ``<staging>/<name>/`` holding one Parquet file per fact table
(the same Arrow tables :func:`flashpoint.store.db.write_batch` inserts) plus
``skipped.parquet``. Its ``name`` is a hash of the partition's document keys, so
a task that runs twice (a retry, a lost worker) rewrites the same shard instead
of adding a second one. A shard appears atomically: it is written into a hidden
temporary folder and renamed into place, so the driver never sees half a shard.

:func:`merge_shard` moves one shard into DuckDB in one transaction, inserting
only documents whose key is not stored yet: a shard merged twice, or two shards
holding the same article, still store it exactly once.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import StoreError
from ..records import Doc, Skip
from ..store import db

SKIPPED = "skipped"
DONE_MARKER = "_SHARD_COMPLETE"


def shard_name(keys: Sequence[str]) -> str:
    """Content hash of a partition's document keys (order-independent)."""
    digest = hashlib.sha256("\n".join(sorted(set(keys))).encode("utf-8"))
    return digest.hexdigest()[:32]


def staging_dir(db_file: str | os.PathLike[str] | None) -> Path:
    """The default staging folder: next to the store, ``<store>.staging/``."""
    store = Path(db.db_path(db_file)).resolve()
    return store.with_name(store.name + ".staging")


def shard_tables(docs: Sequence[Doc], skips: Sequence[Skip]) -> dict[str, pa.Table]:
    """The Arrow tables of one partition (documents deduplicated by key, first wins)."""
    unique: dict[str, Doc] = {}
    for doc in docs:
        unique.setdefault(doc.article.key, doc)
    tables = db.arrow_tables(list(unique.values()))
    rows = [[s.item, s.stage, s.code, s.detail] for s in skips]
    tables[SKIPPED] = pa.Table.from_pylist(
        [dict(zip(db.SKIP_SCHEMA.names, r, strict=True)) for r in rows], schema=db.SKIP_SCHEMA
    )
    return tables


def to_parquet_bytes(tables: dict[str, pa.Table]) -> dict[str, bytes]:
    """Serialised shard files, for workers that cannot write to the driver's staging folder."""
    out = {}
    for table, data in tables.items():
        sink = io.BytesIO()
        pq.write_table(data, sink)
        out[table] = sink.getvalue()
    return out


def write_shard(staging: str | os.PathLike[str], name: str, files: dict[str, pa.Table] | dict[str, bytes]) -> Path:
    """Write a shard atomically; a shard of the same name (a retried task) is replaced, never doubled."""
    root = Path(staging)
    root.mkdir(parents=True, exist_ok=True)
    final = root / name
    tmp = root / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        for table, data in files.items():
            target = tmp / f"{table}.parquet"
            if isinstance(data, bytes):
                target.write_bytes(data)
            else:
                pq.write_table(data, target)
        (tmp / DONE_MARKER).write_text(name, encoding="utf-8")
        if final.exists():
            shutil.rmtree(final, ignore_errors=True)
        try:
            os.replace(tmp, final)
        except OSError:
            if not (final / DONE_MARKER).exists():  # not a twin task finishing first: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def complete_shards(staging: str | os.PathLike[str]) -> list[Path]:
    """Finished shards waiting in a staging folder (e.g. left by an interrupted run), oldest first."""
    root = Path(staging)
    if not root.is_dir():
        return []
    found = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / DONE_MARKER).exists()]
    return sorted(found, key=lambda p: p.stat().st_mtime)


@dataclass(slots=True)
class Merged:
    stored: int
    present: int
    events: int
    docs: list[str]
    skips: list[Skip]


def merge_shard(conn: duckdb.DuckDBPyConnection, shard: Path) -> Merged:
    """Insert one shard in one transaction, skipping documents already stored; then delete the shard."""
    files = {t: str(shard / f"{t}.parquet") for t in (*db.TABLE_SCHEMAS, SKIPPED)}
    missing = [f for f in files.values() if not Path(f).is_file()]
    if missing:
        raise StoreError(f"shard {shard.name} is incomplete (missing {Path(missing[0]).name})", code="bad_shard")
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(
            "CREATE OR REPLACE TEMP TABLE _fp_shard_new AS SELECT doc_key, doc FROM read_parquet(?) s "
            "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_key = s.doc_key)",
            [files["documents"]],
        )
        total = conn.execute("SELECT count(*) FROM read_parquet(?)", [files["documents"]]).fetchone()[0]
        docs = [r[0] for r in conn.execute("SELECT doc FROM _fp_shard_new").fetchall()]
        events = 0
        for table, schema in db.TABLE_SCHEMAS.items():
            cols = ", ".join(f'"{n}"' for n in schema.names)
            cursor = conn.execute(
                f"INSERT INTO {table} ({cols}) SELECT {cols} FROM read_parquet(?) "  # noqa: S608 - fixed names
                "WHERE doc_key IN (SELECT doc_key FROM _fp_shard_new)",
                [files[table]],
            )
            if table == "events":
                events = int(cursor.fetchone()[0])
        skips = [Skip(*row) for row in conn.execute("SELECT item, stage, code, detail FROM read_parquet(?)",
                                                    [files[SKIPPED]]).fetchall()]
        db.insert_skips(conn, skips)
        conn.execute("DROP TABLE _fp_shard_new")
        conn.execute("COMMIT")
    except duckdb.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"merging shard {shard.name} failed, rolled back: {exc}") from exc
    shutil.rmtree(shard, ignore_errors=True)
    return Merged(len(docs), int(total) - len(docs), events, docs, skips)
