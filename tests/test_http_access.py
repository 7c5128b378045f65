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


# ---------------------------------------------------------------- kept answers and a writer beside them

NEW_EVENTS = """
import json, sys, time
sys.path.insert(0, sys.argv[3])
from flashpoint.store import db
from test_http_support import make_doc
path, turns = sys.argv[1], int(sys.argv[2])
waits = []
for i in range(turns):
    doc = make_doc(f"k-new-{i}", f"new-{i}.txt", f"Report {i}", "Iran's army shelled Ganja on Monday.",
                   f"2023-01-{i + 1:02d}", [dict(source="IRN", source_text="Iran's army", source_name="Iran",
                                                 target="AZE", target_text="Ganja", target_name="Azerbaijan",
                                                 plover="ASSAULT", cameo="195", goldstein=-10.0, quad=4)])
    t0 = time.perf_counter()
    with db.connect(path, lock_timeout=30) as conn:
        waits.append(time.perf_counter() - t0)
        db.write_batch(conn, [doc])
    print(f"done {i}", flush=True)  # the write has finished: the file is closed
    time.sleep(0.05)
print(json.dumps(waits), flush=True)
"""


def _events_total(access: StoreAccess) -> int:
    import json

    from flashpoint.http import reads
    from flashpoint.http.filters import EventFilter

    flt = EventFilter.parse(happened="all")
    body = access.cached(("events", flt), lambda conn: reads.events_json(conn, flt, limit=100, offset=0))
    return int(json.loads(body)["total"])


def test_a_kept_answer_is_given_until_a_write_finishes(tmp_path) -> None:
    from pathlib import Path

    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=20, linger=5.0)
    assert _events_total(access) == 6
    assert _events_total(access) == 6 and access.hits == 1  # the same question, the store unchanged: no query
    done = subprocess.run([sys.executable, "-c", NEW_EVENTS, path, "1", str(Path(__file__).parent)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # the file was lingering here (5 s): released for the writer
    assert _events_total(access) == 7  # read again: the write has finished
    assert access.hits == 1
    assert _events_total(access) == 7 and access.hits == 2
    access.close()


def test_readers_see_every_finished_write_and_the_writer_is_not_starved(tmp_path) -> None:
    """Readers loop on kept and fresh answers while a writer in another process stores a document
    five times; after each finished write the next answer counts it, and every write got the file
    well inside its lock timeout (no timing asserted beyond that)."""
    import json
    from pathlib import Path

    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=20)
    stop = threading.Event()
    served: list[int] = []
    problems: list[str] = []

    def reader() -> None:
        last = 0
        while not stop.is_set():
            try:
                total = _events_total(access)
                with access.reading() as conn:  # and a fresh read on the shared attachment
                    conn.execute("SELECT count(*) FROM documents").fetchone()
            except Exception as exc:  # noqa: BLE001 - reported by the test below
                problems.append(repr(exc))
                return
            if total < last:
                problems.append(f"total went back from {last} to {total}")
            last = total
            served.append(total)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    turns = 5
    writer = subprocess.Popen([sys.executable, "-c", NEW_EVENTS, path, str(turns), str(Path(__file__).parent)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen_after = []
    try:
        assert writer.stdout is not None
        for i in range(turns):
            line = writer.stdout.readline().strip()
            assert line == f"done {i}", (line, writer.stderr.read() if writer.stderr else "")
            seen_after.append(_events_total(access))  # a request after the write finished
        waits = json.loads(writer.stdout.readline())
        writer.wait(timeout=60)
    finally:
        stop.set()
        for t in threads:
            t.join()
        access.close()
        if writer.poll() is None:
            writer.kill()
    assert not problems, problems
    assert writer.returncode == 0
    assert seen_after == [6 + i + 1 for i in range(turns)]  # never an answer from before a finished write
    assert len(waits) == turns and max(waits) < 15.0  # every turn, each well inside the 30 s lock timeout
    assert len(served) > turns and access.hits > 0  # the readers kept answering, partly from kept answers


def test_http_answers_follow_the_store_and_the_question(tmp_path) -> None:
    """Through the API: a kept answer is per filter and page, and after a write in another
    process every kept view (events, map, network, weeks) shows the new event."""
    from pathlib import Path

    from flashpoint.config import Settings
    from flashpoint.http import create_app
    from test_http_support import TestClient

    path = build_store(str(tmp_path / "s.duckdb"))
    views = {
        "events": lambda c: c.get("/api/events", params={"happened": "all"}).json()["total"],
        "map": lambda c: c.get("/api/map", params={"happened": "all"}).json()["events"],
        "network": lambda c: sum(e["events"] for e in c.get("/api/network", params={"happened": "all"}).json()["edges"]),
        "weeks": lambda c: c.get("/api/weeks", params={"happened": "all"}).json()["dated"],
    }
    with TestClient(create_app(Settings(db=path))) as client:
        before = {name: view(client) for name, view in views.items()}
        assert {name: view(client) for name, view in views.items()} == before  # asked again: the same
        iran = client.get("/api/events", params={"actor": "IRN", "happened": "all"}).json()
        assert 0 < iran["total"] < before["events"]  # another filter, another answer
        assert ids(client.get("/api/events", params={"limit": 2, "offset": 2}).json()) != ids(
            client.get("/api/events", params={"limit": 2}).json())
        access = client.app.state.flashpoint.access
        assert access.hits >= len(views)
        done = subprocess.run([sys.executable, "-c", NEW_EVENTS, path, "1", str(Path(__file__).parent)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        after = {name: view(client) for name, view in views.items()}
    assert after == {name: n + 1 for name, n in before.items()}


def ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def test_a_store_replaced_at_the_same_path_is_read_afresh(tmp_path) -> None:
    """The file held here is no longer the one at the path (a restore renamed another over it):
    the next request lets go of the old one and reads the new one."""
    import os
    from pathlib import Path

    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=20, linger=30.0)
    assert _events_total(access) == 6
    with access.reading() as conn:  # the old file stays open here (lingering)
        conn.execute("SELECT 1").fetchone()
    other = build_store(str(tmp_path / "other.duckdb"))
    done = subprocess.run([sys.executable, "-c", NEW_EVENTS, other, "1", str(Path(__file__).parent)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    os.replace(other, path)
    assert _events_total(access) == 7
    with access.reading() as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (7,)
    access.close()


# ---------------------------------------------------------------- the cursor pool


def test_cursors_are_reused_on_one_attachment_and_dropped_with_it(tmp_path) -> None:
    """A request's cursor goes back to the pool and the next request gets it; a request that
    failed does not return its cursor; the pool goes when the file is released (a write)."""
    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=5, linger=5.0)
    with access.reading() as first:
        first.execute("SELECT 1").fetchone()
    with access.reading() as again:
        assert again is first  # from the pool: no new connection, no USE
    with access.reading() as a, access.reading() as b:  # overlapping requests: one pooled, one new
        assert a is not b and first in (a, b)
    try:
        with access.reading() as broken:
            broken.execute("SELECT * FROM no_such_table")
    except duckdb.CatalogException:
        pass
    with access.reading() as after:
        assert after is not broken  # a failed request's cursor is closed, not kept
        assert after.execute("SELECT count(*) FROM events").fetchone()[0] == 6
    with access.writing() as rw:
        rw.execute("INSERT INTO skipped (item, stage, code, detail) VALUES ('x', 'test', 'w', 'x')")
    with access.reading() as fresh:
        assert fresh not in (first, a, b, after)  # a new attachment: its own cursors
        assert fresh.execute("SELECT count(*) FROM skipped").fetchone()[0] == 1
    assert access.opens == 2
    access.close()


def test_a_pooled_cursor_never_hides_a_finished_write(tmp_path) -> None:
    """The file lingers here with pooled cursors; a writer in another process stores an event
    each turn; every read after a finished write, on whatever cursor the pool gives, counts it."""
    from pathlib import Path

    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=20, linger=30.0)
    here = str(Path(__file__).parent)
    for turn in range(3):
        with access.reading() as a, access.reading() as b:  # two cursors go to the pool
            assert a.execute("SELECT count(*) FROM events").fetchone()[0] == 6 + turn
            assert b.execute("SELECT count(*) FROM events").fetchone()[0] == 6 + turn
        done = subprocess.run([sys.executable, "-c", NEW_EVENTS.replace("k-new-{i}", f"k-new-{turn}-{{i}}"),
                               path, "1", here], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr  # the lingering file and its pool were let go for the writer
        with access.reading() as c:
            assert c.execute("SELECT count(*) FROM events").fetchone()[0] == 6 + turn + 1
    assert access.opens == 4
    access.close()
