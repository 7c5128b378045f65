"""The server shares the store file: one read-only open for overlapping requests, the
file released when idle, and a writer in another process let in under sustained load."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import duckdb

from flashpoint.http.access import StoreAccess
from test_http_support import build_store

WRITER = """
import sys, time
from flashpoint.store import db
t0 = time.perf_counter()
with db.connect(sys.argv[1], lock_timeout=20) as conn:
    conn.execute("INSERT INTO skipped (item, stage, code, detail) VALUES ('w', 'test', 'probe', 'writer got in')")
print(time.perf_counter() - t0)
"""


def test_overlapping_readers_share_one_open_and_idle_releases(tmp_path) -> None:
    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=5, linger=0.2)
    with access.reading() as a, access.reading() as b:
        assert a.execute("SELECT count(*) FROM events").fetchone()[0] == 6
        assert b.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    with access.reading() as c:  # within the linger: the same instance
        c.execute("SELECT 1").fetchone()
    assert access.opens == 1
    time.sleep(0.6)
    conn = duckdb.connect(path)  # read-write in this process works only once the instance is closed
    conn.close()
    with access.reading() as d:
        d.execute("SELECT 1").fetchone()
    assert access.opens == 2
    access.close()


def test_writer_in_another_process_gets_in_under_sustained_load(tmp_path) -> None:
    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=5, linger=1.0, hold=0.3, gap=0.3)
    stop = threading.Event()
    served = []

    def reader() -> None:
        while not stop.is_set():
            with access.reading() as conn:
                served.append(conn.execute("SELECT count(*) FROM events").fetchone()[0])
                time.sleep(0.01)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        done = subprocess.run([sys.executable, "-c", WRITER, path], capture_output=True, text=True, timeout=60)
    finally:
        stop.set()
        for t in threads:
            t.join()
        access.close()
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) < 5.0  # well inside the writer's lock timeout
    assert len(served) > 20 and access.opens >= 2  # the readers kept working and yielded the file
    with duckdb.connect(path, read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM skipped WHERE code = 'probe'").fetchone()[0] == 1


def test_server_write_waits_for_its_readers(tmp_path) -> None:
    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=5, linger=5.0)
    with access.reading() as conn:
        conn.execute("SELECT 1").fetchone()
    order = []

    def write() -> None:
        with access.writing() as rw:
            rw.execute("INSERT INTO skipped (item, stage, code, detail) VALUES ('x', 'test', 'w', 'x')")
            order.append("write")

    with access.reading():
        t = threading.Thread(target=write)
        t.start()
        time.sleep(0.2)
        order.append("read done")
    t.join(timeout=10)
    assert order == ["read done", "write"]
    with access.reading() as conn:  # reading again after the write: the lingering instance was closed first
        assert conn.execute("SELECT count(*) FROM skipped").fetchone()[0] == 1
    access.close()
