"""Opening the DuckDB store, recorded migrations, and the one writer.

Concurrency model. DuckDB lets one process hold a file read-write, or many hold it
read-only, never both. flashpoint therefore never keeps the file open for long:
the writer opens it for one batch transaction and closes it; readers (export,
the server) open it read-only per query. Either side waits for the other with
:func:`connect`, which retries on the lock until ``lock_timeout``. A writer says
so with a marker file from before it opens until it has closed
(:func:`writer_waiting`); readers give way while it is there, and open as soon
as it is gone. :func:`store_version` tells, without opening the file, whether
the store may have changed since a reader last had it.

Opening is cheap. A DuckDB instance costs ~20 ms to create, even in memory; each
process keeps one in-memory instance and attaches the store file to it
(``ATTACH``, ~1-2 ms), detaching it (which releases the lock, after a checkpoint
when writing) when the last connection of :func:`connect` to it closes.
Connections in one process to one file share the attachment, as they would share
a DuckDB instance, so the file is held through one descriptor: DuckDB's lock is a
POSIX record lock, which closing any other descriptor of the file would release.

Atomicity. Every document is written with all its facts inside one transaction
(:func:`write_batch`), so a killed ingest leaves either the whole document or
nothing; DuckDB's write-ahead log rolls back the rest on the next open.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

try:
    import fcntl
except ImportError:  # not POSIX: no turn file; a writer finds the readers gone by trying DuckDB's lock
    fcntl = None  # type: ignore[assignment]

from ..errors import StoreBusy, StoreError
from ..records import Doc, Event, Skip, to_dict

# Errors that mean "someone else has the file now; try again": another process's lock, or a
# connection of this process opened with the other mode (the server's lingering reader).
LOCK_MARKERS = (
    "lock",
    "Conflicting",
    "being used by another process",
    "Could not set lock",
    "different configuration than existing connections",
    "file handle conflict",  # this process has the file open apart from connect() (or in the other mode)
)


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
    # A writer's marker stays from before its open until after its close: readers that give way
    # to it open the moment it is gone, not after their next retry of DuckDB's lock.
    marker = None if read_only else _announce_writer(target)
    try:
        attached = _open(target, read_only, lock_timeout)
        try:
            conn = _HUB.cursor(attached.catalog)
            try:
                if not read_only:
                    migrate(conn)
                yield conn
            finally:
                conn.close()
        finally:
            _HUB.release(attached)
    finally:
        if marker is not None:
            _withdraw_writer(marker)


def catalog(conn: duckdb.DuckDBPyConnection) -> str:
    """The name under which ``conn`` (from :func:`connect`) sees its store (for :func:`cursor`)."""
    return str(conn.execute("SELECT current_database()").fetchone()[0])


def cursor(catalog_name: str) -> duckdb.DuckDBPyConnection:
    """Another connection to a store that a connection of :func:`connect` holds open (``catalog_name``
    from :func:`catalog`), e.g. for another thread. Close it before that connection's block ends."""
    return _HUB.cursor(catalog_name)


class _Attached:
    """One store file attached to this process's instance, and how many connections use it."""

    __slots__ = ("catalog", "key", "read_only", "turn", "users")

    def __init__(self, key: str, catalog: str, read_only: bool, turn: int | None) -> None:
        self.key, self.catalog, self.read_only, self.turn, self.users = key, catalog, read_only, turn, 1


def _turn_file(target: str) -> int | None:
    """A descriptor of ``<store>.turn``, the file readers hold a shared ``flock`` on while they have
    the store attached. A writer waiting for the file tries an exclusive one (microseconds) instead
    of DuckDB's lock (a failed attach costs ~1 ms), so it opens within milliseconds of the last
    reader's release. An ``flock`` is not DuckDB's POSIX lock: closing this descriptor leaves that
    alone. None without ``fcntl`` or a writable folder: then only DuckDB's lock says who has the file."""
    if fcntl is None:
        return None
    try:
        return os.open(f"{target}.turn", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None


def _readers_gone(turn: int) -> bool:
    """True when no reader of any process that follows the turn file has the store attached."""
    assert fcntl is not None
    try:
        fcntl.flock(turn, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # no flock here: DuckDB's lock decides
    fcntl.flock(turn, fcntl.LOCK_UN)
    return True


class _Hub:
    """This process's in-memory DuckDB instance and the store files attached to it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pid = 0
        self.instance: duckdb.DuckDBPyConnection | None = None
        self.files: dict[str, _Attached] = {}
        self.count = 0
        self.inherited: list[Any] = []

    def after_fork(self) -> None:
        """In a forked child: a lock of its own, and the parent's instance is never used again."""
        self.lock = threading.Lock()
        self.pid = 0

    def _instance(self) -> duckdb.DuckDBPyConnection:
        if self.pid != os.getpid():  # first use, or a forked child: never touch the parent's instance
            if self.instance is not None:
                self.inherited.append((self.instance, self.files))
            spill = Path(tempfile.gettempdir()) / f"flashpoint-duckdb-{os.getpid()}"
            self.instance = duckdb.connect(":memory:", config={"temp_directory": str(spill)})
            self.files, self.pid = {}, os.getpid()
        assert self.instance is not None
        return self.instance

    def attach(self, target: str, read_only: bool) -> _Attached:
        """Attach ``target`` (or share its attachment); DuckDB's lock errors pass through."""
        key = os.path.realpath(target)
        with self.lock:
            instance = self._instance()
            found = self.files.get(key)
            if found is not None:
                if found.read_only != read_only:  # as DuckDB refuses one file in two modes in one process
                    raise duckdb.ConnectionException(f"{target} is open in this process with a different configuration than existing connections")
                found.users += 1
                return found
            self.count += 1
            catalog = f"flashpoint_store_{self.count}"
            quoted = target.replace("'", "''")
            turn = _turn_file(target) if read_only else None
            try:
                if turn is not None:
                    with contextlib.suppress(OSError):  # a writer holds it exclusively for microseconds only
                        fcntl.flock(turn, fcntl.LOCK_SH)
                with instance.cursor() as c:
                    c.execute(f"ATTACH '{quoted}' AS {catalog}" + (" (READ_ONLY)" if read_only else ""))
            except BaseException:
                if turn is not None:
                    os.close(turn)
                raise
            attached = self.files[key] = _Attached(key, catalog, read_only, turn)
            return attached

    def cursor(self, catalog: str) -> duckdb.DuckDBPyConnection:
        with self.lock:
            conn = self._instance().cursor()
        conn.execute(f'USE "{catalog}"')
        return conn

    def release(self, attached: _Attached) -> None:
        """One connection fewer; the last one detaches the file (a checkpoint first when writing).

        A Ctrl-C that DuckDB turns into its own interrupt during the checkpoint does not leave
        the file attached: the detach is done again, then the interrupt goes on as Ctrl-C."""
        interrupted = None
        with self.lock:
            attached.users -= 1
            if attached.users > 0 or self.files.get(attached.key) is not attached:
                return
            for _ in range(3):
                try:
                    with self._instance().cursor() as c:
                        c.execute(f"DETACH {attached.catalog}")
                    break
                except duckdb.InterruptException as exc:
                    interrupted = exc
            else:
                raise StoreError(f"cannot release the store ({attached.key}): interrupted three times")
            del self.files[attached.key]
            if attached.turn is not None:
                os.close(attached.turn)  # drops the shared flock: a waiting writer sees it at once
        if interrupted is not None:
            raise KeyboardInterrupt from interrupted


_HUB = _Hub()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_HUB.after_fork)


def _open(target: str, read_only: bool, lock_timeout: float) -> _Attached:
    """Attach with retries on the lock. A reader first gives way to a writer that waits for the
    file or writes (its marker file is there, see :func:`writer_waiting`)."""
    deadline = time.monotonic() + lock_timeout
    if read_only:
        give_way = time.monotonic() + min(lock_timeout, WRITER_PRIORITY_SECONDS)
        while writer_waiting(target) and time.monotonic() < give_way:
            time.sleep(GIVE_WAY_POLL)
    turn = None if read_only else _turn_file(target)
    delay = 0.01
    try:
        while True:
            if turn is not None and not _readers_gone(turn):
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"{target} is read by another process (waited {lock_timeout:.0f}s)")
                time.sleep(TURN_POLL)
                continue
            try:
                return _HUB.attach(target, read_only)
            except duckdb.InterruptException as exc:  # Ctrl-C while DuckDB opened the file
                raise KeyboardInterrupt from exc
            except duckdb.Error as exc:
                message = str(exc)
                if not any(m in message for m in LOCK_MARKERS):
                    raise StoreError(f"cannot open {target}: {message.splitlines()[0]}") from exc
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"{target} is locked by another process (waited {lock_timeout:.0f}s)") from exc
                time.sleep(delay + random.random() * delay)
                delay = min(delay * 2, 0.25 if read_only else 0.05)  # a waiting writer retries briskly
    finally:
        if turn is not None:
            os.close(turn)


# Readers give way to a writer for at most this long (then they take their turn anyway).
WRITER_PRIORITY_SECONDS = 5.0
# How often a reader that gives way looks at the marker again (reading it costs microseconds).
GIVE_WAY_POLL = 0.005
# How often a writer tries the turn file while readers have the store (a try costs microseconds).
TURN_POLL = 0.002


def _marker(target: str) -> Path:
    return Path(f"{target}.writer-waiting")


def _announce_writer(target: str) -> Path | None:
    marker = _marker(target)
    try:
        marker.write_text(str(os.getpid()), encoding="ascii")
    except OSError:
        return None  # a read-only folder: writers just compete for the lock
    return marker


def _withdraw_writer(marker: Path) -> None:
    """Remove this process's marker (not one a second writer wrote over it meanwhile)."""
    with contextlib.suppress(OSError, ValueError):
        if int(marker.read_text(encoding="ascii") or "0") == os.getpid():
            marker.unlink()


def writer_waiting(path: str | os.PathLike[str] | None) -> bool:
    """True while a live process waits to open the store for writing, or writes to it.

    The long-lived reader (the HTTP server) checks this between requests and lets go of
    the file, so an ingest is not starved by a busy dashboard; readers that open the
    store wait until the marker is gone. A marker left by a killed writer is ignored
    (its process is gone).
    """
    marker = _marker(db_path(path))
    try:
        pid = int(marker.read_text(encoding="ascii") or "0")
    except (OSError, ValueError):
        return False
    if pid <= 0 or pid == os.getpid():
        return pid == os.getpid()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def store_version(path: str | os.PathLike[str] | None = None) -> tuple[Any, ...]:
    """What the store files look like now: identity, size and change times of the file and its
    write-ahead log. A finished write changes it (a commit appends to the log; the checkpoint
    when the writer closes rewrites the file and removes the log), and while any process holds
    the store read-only no write can happen, so a result read under one version holds as long
    as the version is the same.

    Only ``stat``: the file is never opened here. DuckDB's lock is a POSIX record lock, and
    closing any descriptor of the file would release the lock of this process's open instance.
    """
    target = db_path(path)
    out: list[Any] = []
    for name in (target, target + ".wal"):
        try:
            st = os.stat(name)
        except FileNotFoundError:
            out.append(None)
            continue
        out.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    return tuple(out)


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


KEY_CHUNK = 512


def existing_keys(conn: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> set[str]:
    """The subset of ``keys`` already stored.

    A parameter list (``IN (?, ?, ...)``) is filtered during the scan of the key
    column; ``IN (SELECT unnest(?))`` plans a join and was ~6x slower on a
    1M-document store (1.5 ms vs 9.3 ms for 32 keys).
    """
    unique = list(dict.fromkeys(keys))
    found: set[str] = set()
    for start in range(0, len(unique), KEY_CHUNK):
        chunk = unique[start : start + KEY_CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(f"SELECT doc_key FROM documents WHERE doc_key IN ({marks})", chunk).fetchall()  # noqa: S608
        found.update(r[0] for r in rows)
    return found


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
    """The rows one document adds to each fact table, in :data:`TABLE_SCHEMAS` column order."""
    key = doc.article.key
    a = doc.article
    rows: dict[str, list[list[Any]]] = {
        "documents": [
            [key, a.doc, a.title, a.text, a.url, a.outlet, a.published, a.dateline, a.origin,
             json.dumps(to_dict(a.removed), ensure_ascii=False), len(a.text), a.byline]
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
        s, t, loc = ev.source, ev.target, ev.location
        rows["events"].append(
            [f"{key}:{i}", key, i, ev.start, ev.end, ev.evidence,
             s.country, s.sector, s.name, s.entity, s.text,
             t.country if t else None, t.sector if t else None, t.name if t else None,
             t.entity if t else None, t.text if t else None,
             ev.plover, ev.cameo, ev.mode, list(ev.context), ev.goldstein, ev.quad_class, ev.modality,
             ev.attribution, ev.confidence, ev.reason, ev.trigger, ev.date, ev.date_granularity, ev.date_reason,
             _json(ev.location), _json(list(ev.quantities)), _json(list(ev.equipment)),
             json.dumps(event_record(doc, i, ev), ensure_ascii=False),
             ev.date or a.published, loc.name if loc else None, loc.country if loc else None,
             loc.lat if loc else None, loc.lon if loc else None]
        )
    return rows


_S, _I, _F, _B = pa.string(), pa.int32(), pa.float64(), pa.bool_()
_SPAN = [("doc_key", _S), ("idx", _I), ("start", _I), ("end", _I)]

# Arrow form of each fact table: column names and types as in migrations/0001_initial.sql
# (JSON columns travel as strings; DuckDB casts them on insert).
TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_key", _S), ("doc", _S), ("title", _S), ("text", _S), ("url", _S), ("outlet", _S),
        ("published", _S), ("dateline", _S), ("origin", _S), ("removed", _S), ("n_chars", _I),
        ("byline", _S),  # migrations/0080_removed_reasons.sql
    ]),
    "sentences": pa.schema(_SPAN),
    "actors": pa.schema([
        *_SPAN, ("text", _S), ("name", _S), ("country", _S), ("sector", _S), ("entity", _S), ("kind", _S),
        ("role", _S), ("igo", _S), ("confidence", _F), ("reason", _S), ("ref", _I),
    ]),
    "places": pa.schema([
        *_SPAN, ("text", _S), ("name", _S), ("country", _S), ("countries", pa.list_(_S)), ("lat", _F),
        ("lon", _F), ("geonameid", pa.int64()), ("admin1", _S), ("feature_class", _S), ("kind", _S),
        ("confidence", _F), ("reason", _S),
    ]),
    "dates": pa.schema([*_SPAN, ("text", _S), ("value", _S), ("granularity", _S), ("reason", _S)]),
    "quantities": pa.schema([
        *_SPAN, ("text", _S), ("value", _F), ("unit", _S), ("of", _S), ("country", _S), ("usd", _F),
        ("approx", _B), ("reason", _S),
    ]),
    "equipment": pa.schema([
        *_SPAN, ("text", _S), ("name", _S), ("type", _S), ("origin", _S), ("user", _S), ("entity", _S),
        ("reason", _S),
    ]),
    "events": pa.schema([
        ("event_id", _S), *_SPAN, ("evidence", _S),
        ("source_country", _S), ("source_sector", _S), ("source_name", _S), ("source_entity", _S), ("source_text", _S),
        ("target_country", _S), ("target_sector", _S), ("target_name", _S), ("target_entity", _S), ("target_text", _S),
        ("plover", _S), ("cameo", _S), ("mode", _S), ("context", pa.list_(_S)), ("goldstein", _F),
        ("quad_class", _I), ("modality", _S), ("attribution", _S), ("confidence", _F), ("reason", _S),
        ("trigger", _S), ("date", _S), ("date_granularity", _S), ("date_reason", _S),
        ("location", _S), ("quantities", _S), ("equipment", _S), ("record", _S),
        # migrations/0070_event_columns.sql
        ("day", _S), ("location_name", _S), ("location_country", _S), ("lat", _F), ("lon", _F),
    ]),
}
TABLE_COLUMNS = {table: len(schema) for table, schema in TABLE_SCHEMAS.items()}
DOCUMENT_COLUMNS = ", ".join(TABLE_SCHEMAS["documents"].names)
SKIP_SCHEMA = pa.schema([("item", _S), ("stage", _S), ("code", _S), ("detail", _S)])


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def arrow_tables(docs: Sequence[Doc]) -> dict[str, pa.Table]:
    """One Arrow table per fact table for ``docs`` (callers dedupe first).

    The same tables are what :func:`write_batch` inserts and what the Dask engine
    writes as Parquet shards, so both paths store identical rows.
    """
    batch: dict[str, list[list[Any]]] = {t: [] for t in TABLE_SCHEMAS}
    for doc in docs:
        for table, rows in _rows(doc).items():
            batch[table].extend(rows)
    return {table: _table(TABLE_SCHEMAS[table], rows) for table, rows in batch.items()}


def _table(schema: pa.Schema, rows: list[list[Any]]) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    arrays = [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def insert_tables(conn: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """``INSERT INTO t SELECT * FROM arrow_table`` for each non-empty table (inside the caller's transaction)."""
    for table, data in tables.items():
        if data.num_rows:
            _insert_arrow(conn, table, data)


def _insert_arrow(conn: duckdb.DuckDBPyConnection, table: str, data: pa.Table, on_conflict: str = "") -> None:
    view = f"_fp_insert_{table}"
    conn.register(view, data)
    try:
        cols = _quoted(data.schema.names)
        conn.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view} {on_conflict}")  # noqa: S608 - fixed names
    finally:
        conn.unregister(view)


def insert_rows(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    on_conflict: str = "",
) -> None:
    """``INSERT INTO table (columns) SELECT ... [ON CONFLICT ...]`` from one Arrow table of ``rows``.

    DuckDB's ``executemany`` runs one statement per row (~2 ms each: 12 s for 5,000 rows,
    against 5 ms this way). Unlike ``executemany``, one statement cannot upsert the same key
    twice, so callers pass rows with unique conflict keys. Column types are inferred from
    the values and cast by DuckDB to the table's types.
    """
    if not rows:
        return
    try:
        data = pa.table({name: pa.array([row[i] for row in rows]) for i, name in enumerate(columns)})
    except pa.ArrowException as exc:
        raise StoreError(f"rows for {table} have mixed value types: {exc}") from exc
    _insert_arrow(conn, table, data, on_conflict)


def insert_skips(conn: duckdb.DuckDBPyConnection, skips: Sequence[Skip]) -> None:
    """Record skips; a re-run that meets the same bad item (item, stage, code) records it once."""
    if not skips:
        return
    first: dict[tuple[str, str, str], Skip] = {}
    for skip in skips:
        first.setdefault((skip.item, skip.stage, skip.code), skip)
    rows = [[s.item, s.stage, s.code, s.detail] for s in first.values()]
    conn.register("_fp_insert_skipped", _table(SKIP_SCHEMA, rows))
    try:
        conn.execute(
            "INSERT INTO skipped (item, stage, code, detail) SELECT s.item, s.stage, s.code, s.detail "
            "FROM _fp_insert_skipped s WHERE NOT EXISTS (SELECT 1 FROM skipped k "
            "WHERE k.item = s.item AND k.stage = s.stage AND k.code = s.code)"
        )
    finally:
        conn.unregister("_fp_insert_skipped")


def write_batch(conn: duckdb.DuckDBPyConnection, docs: Sequence[Doc], skips: Sequence[Skip] = ()) -> tuple[int, int]:
    """Store documents with all their facts, and skip records, in one transaction.

    Returns (stored, already_present). A document whose content hash is already
    stored (or repeated in the batch) adds nothing. Rows go in as one Arrow table
    per fact table (``INSERT ... SELECT`` from Arrow is ~100x faster than
    ``executemany`` in DuckDB). The transaction either commits whole or not at all.
    """
    conn.execute("BEGIN TRANSACTION")
    try:
        present = existing_keys(conn, [d.article.key for d in docs])
        fresh: list[Doc] = []
        seen: set[str] = set()
        for doc in docs:
            key = doc.article.key
            if key in present or key in seen:
                continue
            seen.add(key)
            fresh.append(doc)
        insert_tables(conn, arrow_tables(fresh))
        insert_skips(conn, skips)
        conn.execute("COMMIT")
    except duckdb.InterruptException as exc:  # Ctrl-C inside DuckDB: the batch is rolled back, the interrupt goes on
        conn.execute("ROLLBACK")
        raise KeyboardInterrupt from exc
    except (duckdb.Error, pa.ArrowException) as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"write failed, batch rolled back: {exc}") from exc
    return len(fresh), len(docs) - len(fresh)


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = {}
    for table in (*TABLE_COLUMNS, "skipped", "incidents"):
        counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
    return counts
