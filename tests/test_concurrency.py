"""Readers during an ingest: the CLI's export and stats, the HTTP API, and plain
read-only opens keep answering while another process writes, every answer is
complete (no document without its sentences, counts never go back), and the
writer is not starved. DuckDB allows one writer process or many readers; both
sides wait for each other through ``db.connect``'s lock retry.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from failures import record
from flashpoint.config import Settings
from flashpoint.store import db
from test_crash import check_store, cli, env, write_corpus
from test_http_support import TestClient

N_DOCS = 24


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(ms: list[float]) -> str:
    return f"n={len(ms)} p50 {percentile(ms, 0.5):.0f} ms, p95 {percentile(ms, 0.95):.0f} ms, max {max(ms):.0f} ms"


class Readers:
    """Runs reader callables in threads until stopped; keeps latencies and failures."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.latencies: dict[str, list[float]] = {}
        self.failures: list[str] = []
        self.threads: list[threading.Thread] = []

    def add(self, name: str, call: Callable[[], None], pause: float = 0.05) -> None:
        self.latencies[name] = []

        def loop() -> None:
            while not self.stop.is_set():
                t0 = time.perf_counter()
                try:
                    call()
                except Exception as exc:  # noqa: BLE001 - every failure is reported by the test
                    self.failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:300]}")
                else:
                    self.latencies[name].append((time.perf_counter() - t0) * 1000)
                self.stop.wait(pause)

        thread = threading.Thread(target=loop, name=name, daemon=True)
        self.threads.append(thread)
        thread.start()

    def join(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)


@pytest.fixture()
def seeded(tmp_path: Path) -> tuple[Path, Path]:
    """A store with 4 documents already in it (so readers have something from the start), and the corpus."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 0, N_DOCS)
    first = tmp_path / "first"
    write_corpus(first, 0, 4)
    db_file = tmp_path / "store.duckdb"
    done = subprocess.run(cli("ingest", str(first), "--db", str(db_file), "-q"), capture_output=True, text=True, env=env(), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return corpus, db_file


def test_readers_keep_answering_during_ingest(seeded: tuple[Path, Path]) -> None:
    corpus, db_file = seeded
    from flashpoint.http.app import create_app

    client = TestClient(create_app(Settings(db=str(db_file), lock_timeout=60)))
    client.__enter__()  # runs the app's lifespan: leaving it releases the store file
    readers = Readers()
    seen_counts: dict[str, list[int]] = {}

    def monotonic(name: str, n: int) -> None:
        previous = seen_counts.setdefault(name, [])
        assert not previous or n >= previous[-1], f"{name}: count went back from {previous[-1]} to {n}"
        previous.append(n)

    def export_documents() -> None:
        out = subprocess.run(cli("export", "--table", "documents", "--db", str(db_file)), capture_output=True, text=True, env=env(), timeout=120)
        assert out.returncode == 0, out.stderr[-500:]
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        assert all(r["text"] and r["doc_key"] for r in rows)
        monotonic("export", len(rows))

    def stats_json() -> None:
        out = subprocess.run(cli("stats", "--json", "--db", str(db_file)), capture_output=True, text=True, env=env(), timeout=120)
        assert out.returncode == 0, out.stderr[-500:]
        counts = json.loads(out.stdout)
        assert counts["sentences"] >= counts["documents"] > 0
        monotonic("stats", counts["documents"])

    def direct_snapshot() -> None:
        with db.connect(str(db_file), read_only=True, lock_timeout=60) as conn:
            n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            bare = conn.execute(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_key = d.doc_key)"
            ).fetchone()[0]
        assert bare == 0, f"{bare} documents visible without their sentences"
        monotonic("direct", n)

    def api_documents() -> None:
        page = client.get("/api/documents", params={"limit": 500})
        assert page.status_code == 200, page.text[:300]
        body = page.json()
        assert body["total"] == len(body["items"])
        monotonic("api", body["total"])
        newest = body["items"][-1]["doc_key"]
        one = client.get(f"/api/documents/{newest}")
        assert one.status_code == 200, one.text[:300]
        doc = one.json()
        assert doc["sentences"], "a listed document has its sentences"
        for span in doc["sentences"]:
            assert 0 <= span["start"] < span["end"] <= len(doc["text"])

    writer = subprocess.Popen(
        cli("ingest", str(corpus), "--db", str(db_file), "--batch-size", "4", "-q"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
    )
    t0 = time.perf_counter()
    # a busy but plausible load: a dashboard and scripts polling several times a second
    readers.add("export --table documents", export_documents, pause=0.5)
    readers.add("stats --json", stats_json, pause=0.5)
    readers.add("read-only open + query", direct_snapshot, pause=0.2)
    readers.add("GET /api/documents + one document", api_documents, pause=0.2)
    try:
        _, stderr = writer.communicate(timeout=600)
    finally:
        writer_seconds = time.perf_counter() - t0
        readers.join()
        client.__exit__(None, None, None)
        print("\nreader latency during ingest:", {k: summary(v) for k, v in readers.latencies.items() if v}, f"writer {writer_seconds:.1f} s")
    assert writer.returncode == 0, stderr[-3000:]
    assert not readers.failures, readers.failures[:5]
    assert all(len(ms) >= 3 for ms in readers.latencies.values()), {k: len(v) for k, v in readers.latencies.items()}
    assert check_store(db_file, None)["documents"] == N_DOCS
    report = "; ".join(f"{name}: {summary(ms)}" for name, ms in readers.latencies.items())
    calls = sum(len(ms) for ms in readers.latencies.values())
    record(
        "concurrency",
        "readers while an ingest writes",
        f"ingest of {N_DOCS} articles (--batch-size 4) in another process; 4 reader loops: CLI export, CLI stats, read-only opens, HTTP API list + document",
        f"{calls} reads, 0 errors, every answer complete and counts monotonic; writer finished in {writer_seconds:.1f} s; latency {report}",
    )


def test_writer_waits_for_a_long_reader_then_proceeds(tmp_path: Path) -> None:
    """A reader holding the file makes the writer wait (lock retry), not fail."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 0, 4)
    db_file = tmp_path / "store.duckdb"
    first = subprocess.run(cli("ingest", str(corpus / "story_000.txt"), "--db", str(db_file), "-q"), capture_output=True, text=True, env=env(), timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]
    with db.connect(str(db_file), read_only=True) as conn:
        writer = subprocess.Popen(cli("ingest", str(corpus), "--db", str(db_file), "-q"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
        time.sleep(4.0)  # the writer is blocked on the lock meanwhile
        assert writer.poll() is None, "the writer waits while the file is held"
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    t0 = time.perf_counter()
    _, stderr = writer.communicate(timeout=300)
    assert writer.returncode == 0, stderr[-2000:]
    assert check_store(db_file, None)["documents"] == 4
    record("concurrency", "a reader holds the store open for 4 s", "read-only connection held while `flashpoint ingest` starts", f"the writer waited on the lock, then stored its batch {time.perf_counter() - t0:.1f} s after the reader closed; no error")


def test_busy_store_is_reported_not_crashed(tmp_path: Path) -> None:
    """When the lock is held longer than lock_timeout, the CLI says so (exit 3), no traceback."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 0, 1)
    db_file = tmp_path / "store.duckdb"
    with db.connect(str(db_file)) as conn:  # hold it read-write
        conn.execute("SELECT 1")
        toml = tmp_path / "fp.toml"
        toml.write_text("lock_timeout = 1.0\n", encoding="utf-8")
        out = subprocess.run(cli("--config", str(toml), "stats", "--db", str(db_file)), capture_output=True, text=True, env=env(), timeout=120)
    assert out.returncode == 3, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr and "store_busy" in out.stderr, out.stderr
    record("concurrency", "store locked longer than lock_timeout", "a read-write connection held; `flashpoint stats` with lock_timeout=1", f"exit 3 with one line: {out.stderr.strip().replace(str(db_file), '<store>')[:160]}")
