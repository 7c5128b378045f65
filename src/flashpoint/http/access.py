"""How the server shares the store file with the ingest writer and with itself.

DuckDB lets one process hold the file read-write or many hold it read-only, never
both. ``db.connect`` attaches the file to the process's DuckDB instance (1-2 ms;
creating an instance would cost ~20 ms), so letting go of the file and taking it
again is cheap, and the server does it whenever someone else may want the file:

* Requests share one read-only attachment; each gets its own cursor, taken from a
  small pool kept with the attachment (a new cursor costs a DuckDB connection and a
  ``USE``; a request that failed closes its cursor instead of returning it). The
  pool is closed with the attachment, so no cursor outlives the state it reads. The
  attachment is released ``linger`` seconds after the last request finished, so an
  idle server holds no lock, and a burst of requests (a dashboard load) opens the
  file once.
* A writer that opens the store through ``db.connect`` (an ingest batch) leaves a
  marker file from before its open until after its close. The next request sees it
  (a kept answer too), the requests in flight finish, the file is released (the
  writer, watching the turn file ``db.connect`` keeps beside the store, opens within
  milliseconds), and new requests wait until the marker is gone, then open at once.
* Under sustained load the file would never be released and a writer that does not
  announce itself would wait forever. So once it has been open for ``hold`` seconds,
  new requests wait for the ones in flight to finish, the file is released, and it
  is left free for ``gap`` seconds before it is opened again: a writer retrying
  its lock gets in (a writer in ``db.connect`` that could not leave its marker, in a
  read-only folder, tries at least every 0.1 s, so it takes the first gap). Requests
  that have a kept answer are not held up by the gap.
* The rare write from the server itself (``/api/analyze?store=true``) takes the
  same turn: it waits for the readers, then opens the file read-write.
* Answers are kept (:meth:`StoreAccess.cached`) with the store version they were
  read under (:func:`flashpoint.store.db.store_version`, taken when the file was
  opened: while it is open no one can write). A request whose answer is kept for
  the version the files show now gets it without touching the database, so
  repeated questions cost no query and no lock, also while a writer waits or
  writes; once a write has finished the version differs and the answer is read
  again. Requests that ask the same while it is read wait for that read. Kept
  answers are bounded in number and size; those of earlier versions are dropped
  when a newer one is read.

``bench/api_latency.py`` measures what this costs and how long a writer waits.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import duckdb

from ..store import db

KEEP_ROWS_CHARS = 16 * 1024 * 1024  # characters of kept rows (records of events shown on pages)
IDLE_POLL = 0.05  # seconds between two looks for a waiting writer while the file lingers unused
KEEP_CURSORS = 16  # idle cursors kept on the shared attachment (more than the server's usual concurrency)


class _Flight:
    """One answer being read; requests asking the same meanwhile wait for it."""

    __slots__ = ("answer", "done", "version")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: str | None = None
        self.version: tuple[Any, ...] | None = None


class KeptRows:
    """Values read from one store version, by key (an event's page record by its row id),
    the least recently used dropped first beyond ``max_chars``. Thread-safe."""

    __slots__ = ("_chars", "_lock", "_rows", "max_chars", "version")

    def __init__(self, version: tuple[Any, ...], max_chars: int) -> None:
        self.version = version
        self.max_chars = max_chars
        self._rows: OrderedDict[Hashable, str | None] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def get_many(self, keys: list[Hashable]) -> dict[Hashable, str | None]:
        """The kept values of those keys that are kept (``None``: kept as having no value)."""
        found: dict[Hashable, str | None] = {}
        with self._lock:
            for key in keys:
                if key in self._rows:
                    self._rows.move_to_end(key)
                    found[key] = self._rows[key]
        return found

    def put_many(self, items: dict[Hashable, str | None]) -> None:
        with self._lock:
            for key, value in items.items():
                old = self._rows.pop(key, None)
                self._chars += len(value or "") - len(old or "")
                self._rows[key] = value
            while self._chars > self.max_chars and self._rows:
                _, dropped = self._rows.popitem(last=False)
                self._chars -= len(dropped or "")


class StoreAccess:
    def __init__(
        self,
        path: str | None,
        *,
        lock_timeout: float,
        linger: float = 0.5,
        hold: float = 10.0,
        gap: float = 0.15,
        keep_answers: int = 256,
        keep_chars: int = 32 * 1024 * 1024,
        keep_rows_chars: int = KEEP_ROWS_CHARS,
    ) -> None:
        self.path = path
        self.lock_timeout = lock_timeout
        self.linger = linger
        self.hold = hold
        self.gap = gap
        self._idle_since = 0.0
        self._reaper: threading.Timer | None = None
        self._cond = threading.Condition()
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._catalog = ""
        self._stack: ExitStack | None = None
        self._cursors: list[duckdb.DuckDBPyConnection] = []  # idle cursors on the current attachment
        self._generation = 0  # which attachment the pool belongs to (one more per open)
        self._users = 0
        self._opened = 0.0
        self._closed_at = -1e9
        self._marker_drain = False
        self._draining = False
        self._writing = False
        self._write_waiting = 0
        self.opens = 0  # how many times the file was opened read-only (for tests and benchmarks)
        self.version: tuple[Any, ...] | None = None  # db.store_version when the file was opened
        self.keep_answers = keep_answers
        self.keep_chars = keep_chars
        self._answers: OrderedDict[Hashable, tuple[tuple[Any, ...], str]] = OrderedDict()
        self._answer_chars = 0  # characters of the kept answers
        self._answers_version: tuple[Any, ...] | None = None
        self._answers_lock = threading.Lock()
        self._flights: dict[Hashable, _Flight] = {}
        self.hits = 0  # answers given from what was kept (for tests and benchmarks)
        self.keep_rows_chars = keep_rows_chars
        self._rows: KeptRows | None = None

    def _close(self) -> None:
        while self._cursors:  # before the detach: a pooled cursor never sees another attachment
            self._cursors.pop().close()
        if self._stack is not None:
            self._stack.close()
        self._stack, self._conn, self.version = None, None, None
        if self._draining and not self._marker_drain:  # a forced turn: leave the file free for a moment
            self._closed_at = time.monotonic()
        self._draining = self._marker_drain = False
        self._cond.notify_all()

    def _open(self) -> duckdb.DuckDBPyConnection:
        stack = ExitStack()
        conn = stack.enter_context(db.connect(self.path, read_only=True, lock_timeout=self.lock_timeout))
        self._stack, self._conn = stack, conn
        self._catalog = db.catalog(conn)
        self.version = db.store_version(self.path)  # fixed while this process holds the file
        self._opened = time.monotonic()
        self._generation += 1
        self.opens += 1
        return conn

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the shared read-only attachment, for the length of one request."""
        with self._cond:
            self._yield_to_writer()
            while True:
                if self._draining or self._writing or self._write_waiting:
                    self._cond.wait()
                    continue
                wait = self._closed_at + self.gap - time.monotonic()
                if self._conn is None and wait > 0:
                    self._cond.wait(wait)
                    continue
                break
            if self._conn is None:
                self._open()  # under the lock: the others would wait for this open anyway
            self._users += 1
            assert self._conn is not None
            generation = self._generation
            cursor = self._cursors.pop() if self._cursors else None
        failed = False
        try:
            if cursor is None:  # the attachment stays while this request counts as a user
                cursor = db.cursor(self._catalog)
            yield cursor
        except BaseException:
            failed = True
            raise
        finally:
            with self._cond:
                if cursor is not None:
                    if failed or generation != self._generation or len(self._cursors) >= KEEP_CURSORS:
                        cursor.close()
                    else:
                        self._cursors.append(cursor)
                self._users -= 1
                if self._conn is not None and time.monotonic() - self._opened > self.hold:
                    self._draining = True
                if self._users == 0:
                    if self._draining or self.linger <= 0 or self._write_waiting:  # our own write waits: no linger
                        self._close()
                    else:
                        self._idle_since = time.monotonic()
                        self._schedule_reap()

    def _yield_to_writer(self) -> None:
        """If a writer waits for the file, let go of it once the requests in flight are done
        (called with the condition held). No gap is kept after this close: db.connect makes
        the next reader give way while the writer's marker is there. The same when the path
        no longer shows the file held here (replaced, say by a restore): the next request
        opens what is there now."""
        if self._conn is None or self._draining:
            return
        if db.writer_waiting(self.path) or db.store_version(self.path) != self.version:
            self._draining = True
            self._marker_drain = True
            if self._users == 0:
                self._close()

    def cached(self, key: Hashable, read: Callable[[duckdb.DuckDBPyConnection], str]) -> str:
        """The answer ``read`` gives for ``key``, kept per store version.

        ``key`` must name everything the answer depends on except the store. A kept answer is
        given when the store files still show the version it was read under; else it is read
        on the shared attachment and kept with its version. Requests that ask the
        same while it is being read wait for that read instead of running the query again.
        """
        now = db.store_version(self.path)
        with self._answers_lock:
            found = self._answers.get(key)
            hit = found[1] if found is not None and found[0] == now else None
            flight = None if hit is not None else self._flights.get(key)
            leader = hit is None and flight is None
            if hit is not None:
                self._answers.move_to_end(key)
                self.hits += 1
            elif leader:
                flight = self._flights[key] = _Flight()
        if hit is not None:
            # A request that needs no query still lets a waiting writer in. Not if the lock is
            # taken: then the file is being opened (after the writer) or closed anyway.
            if self._cond.acquire(blocking=False):
                try:
                    self._yield_to_writer()
                finally:
                    self._cond.release()
            return hit
        assert flight is not None
        if not leader:
            flight.done.wait()
            if flight.answer is not None and flight.version == now:  # read under the state this request found
                with self._answers_lock:
                    self.hits += 1
                return flight.answer
            return self._read(key, read)[0]
        try:
            flight.answer, flight.version = self._read(key, read)
            return flight.answer
        finally:
            with self._answers_lock:
                self._flights.pop(key, None)
            flight.done.set()

    def _read(self, key: Hashable, read: Callable[[duckdb.DuckDBPyConnection], str]) -> tuple[str, tuple[Any, ...] | None]:
        with self.reading() as conn:
            answer = read(conn)
            version = self.version  # the state this answer was read from (no write while the file is open here)
        if version is not None and len(answer) <= self.keep_chars // 8:
            self._keep(key, version, answer)
        return answer, version

    def rows(self) -> KeptRows:
        """The rows kept for the store version open now; call it while :meth:`reading` (the
        version cannot change then). A new version starts empty: what an earlier one kept
        is dropped, since row ids may name other rows after a write."""
        version = self.version
        if version is None:
            raise RuntimeError("StoreAccess.rows() is for use while reading")
        with self._answers_lock:
            if self._rows is None or self._rows.version != version:
                self._rows = KeptRows(version, self.keep_rows_chars)
            return self._rows

    def _keep(self, key: Hashable, version: tuple[Any, ...], answer: str) -> None:
        with self._answers_lock:
            if version != self._answers_version:
                if version != db.store_version(self.path):
                    return  # read from a state the store has already left: never asked for again
                self._answers.clear()  # answers of earlier versions can never be given again
                self._answer_chars = 0
                self._answers_version = version
            old = self._answers.pop(key, None)
            if old is not None:
                self._answer_chars -= len(old[1])
            self._answers[key] = (version, answer)
            self._answer_chars += len(answer)
            while len(self._answers) > self.keep_answers or self._answer_chars > self.keep_chars:
                _, (_, dropped) = self._answers.popitem(last=False)
                self._answer_chars -= len(dropped)

    def _schedule_reap(self) -> None:
        if self._reaper is None or not self._reaper.is_alive():
            self._schedule_reap_in(min(self.linger, IDLE_POLL))

    def _reap(self) -> None:
        """While the file lingers unused: release it when the linger is over, or at once when a
        writer waits (looked at every ``IDLE_POLL`` seconds, so an idle server keeps no writer waiting)."""
        with self._cond:
            self._reaper = None
            if self._conn is None or self._users:
                return
            left = self._idle_since + self.linger - time.monotonic()
            if left > 0 and not db.writer_waiting(self.path):
                self._schedule_reap_in(min(left, IDLE_POLL))
            else:
                self._close()

    def _schedule_reap_in(self, seconds: float) -> None:
        self._reaper = threading.Timer(seconds, self._reap)
        self._reaper.daemon = True
        self._reaper.start()

    def close(self) -> None:
        """Release the file now (server shutdown, tests)."""
        with self._cond:
            if self._reaper is not None:
                self._reaper.cancel()
                self._reaper = None
            if not self._users and self._conn is not None:
                self._close()

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection, once no request of this process is reading."""
        with self._cond:
            self._write_waiting += 1
            try:
                while self._writing or self._users:
                    self._cond.wait()
            finally:
                self._write_waiting -= 1
            self._writing = True
            if self._conn is not None:
                self._close()
        try:
            with db.connect(self.path, lock_timeout=self.lock_timeout) as conn:
                yield conn
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()
