"""How the server shares the store file with the ingest writer and with itself.

DuckDB lets one process hold the file read-write or many hold it read-only, never
both, and the open itself is not free (tens of milliseconds: a database instance is
created and its catalog read). So the server does not keep the file open, nor open
it afresh for every request:

* Requests share one read-only instance; each gets its own cursor. The instance is
  closed ``linger`` seconds after the last request finished, so an idle server holds
  no lock, and a burst of requests (a dashboard load) opens the file once.
* Under sustained load the instance would never be idle and an ingest would wait
  forever. So once it has been open for ``hold`` seconds, new requests wait for the
  ones in flight to finish, the instance is closed, and the file is left free for
  ``gap`` seconds before it is opened again: a writer retrying its lock gets in
  (``db.connect`` retries at most every 0.5 s, so it usually takes the first gap).
* The rare write from the server itself (``/api/analyze?store=true``) takes the
  same turn: it waits for the readers, then opens the file read-write.

``bench/api_latency.py`` measures what this costs and how long a writer waits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import duckdb

from ..store import db


class StoreAccess:
    def __init__(
        self,
        path: str | None,
        *,
        lock_timeout: float,
        linger: float = 0.5,
        hold: float = 5.0,
        gap: float = 0.3,
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
        self._stack: ExitStack | None = None
        self._users = 0
        self._opened = 0.0
        self._closed_at = -1e9
        self._marker_drain = False
        self._draining = False
        self._writing = False
        self._write_waiting = 0
        self.opens = 0  # how many times the file was opened read-only (for tests and benchmarks)

    def _close(self) -> None:
        if self._stack is not None:
            self._stack.close()
        self._stack, self._conn = None, None
        if self._draining and not self._marker_drain:  # a forced turn: leave the file free for a moment
            self._closed_at = time.monotonic()
        self._draining = self._marker_drain = False
        self._cond.notify_all()

    def _open(self) -> duckdb.DuckDBPyConnection:
        stack = ExitStack()
        conn = stack.enter_context(db.connect(self.path, read_only=True, lock_timeout=self.lock_timeout))
        self._stack, self._conn = stack, conn
        self._opened = time.monotonic()
        self.opens += 1
        return conn

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the shared read-only instance, for the length of one request."""
        with self._cond:
            if self._conn is not None and not self._draining and db.writer_waiting(self.path):
                # An ingest waits for the file: finish what runs, then let go. No gap is kept after
                # this close: db.connect makes the next reader give way while the writer waits.
                self._draining = True
                self._marker_drain = True
                if self._users == 0:
                    self._close()
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
            cursor = self._conn.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._cond:
                self._users -= 1
                if self._conn is not None and time.monotonic() - self._opened > self.hold:
                    self._draining = True
                if self._users == 0:
                    if self._draining or self.linger <= 0:
                        self._close()
                    else:
                        self._idle_since = time.monotonic()
                        self._schedule_reap()

    def _schedule_reap(self) -> None:
        if self._reaper is None or not self._reaper.is_alive():
            self._reaper = threading.Timer(self.linger, self._reap)
            self._reaper.daemon = True
            self._reaper.start()

    def _reap(self) -> None:
        with self._cond:
            self._reaper = None
            if self._conn is None or self._users:
                return
            left = self._idle_since + self.linger - time.monotonic()
            if left > 0:
                self._schedule_reap_in(left)
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
