"""The store: recorded migrations, content-keyed documents, atomic batches, a reader beside a
running ingest, and ingests that are interrupted (SIGINT) or killed (SIGKILL) half-way.

The subprocess ingests here run the real ingest job (readers, cleaner, store writer) with a
light one-stage pipeline that fills ``sentences`` by a regular expression, so they test the
store's guarantees without paying for spaCy. Every stored document must come with exactly
the sentence rows that stage makes for its text: a half-stored document would break that.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from flashpoint.config import Settings
from flashpoint.errors import StoreError
from flashpoint.ingest.run import ingest
from flashpoint.pipeline import Pipeline
from flashpoint.records import Article, Doc, Skip, Span
from flashpoint.stages.clean import content_key
from flashpoint.store import db

SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "flashpoint.cli"]


class RegexSentences:
    """A stand-in for the NLP stage: sentences by regular expression."""

    name = "nlp"
    reads = ("article",)
    writes = ("sentences",)

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def __call__(self, doc: Doc) -> Doc:
        time.sleep(self.delay)
        spans = [Span(m.start(), m.end(), m.group()) for m in SENTENCE.finditer(doc.article.text) if m.group().strip()]
        return doc.replace(sentences=tuple(spans))


def n_sentences(text: str) -> int:
    return sum(1 for m in SENTENCE.finditer(text) if m.group().strip())


INGEST_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_store import RegexSentences
    from flashpoint.config import Settings
    from flashpoint.ingest.run import ingest
    from flashpoint.pipeline import Pipeline
    db_file, delay, batch = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    print("started", flush=True)
    try:
        report = ingest(sys.argv[4:], Settings(db=db_file, batch_size=batch, lock_timeout=60),
                        pipeline=Pipeline([RegexSentences(delay)]))
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(130)
    print(report.summary(), flush=True)
    """
).format(tests=str(Path(__file__).parent))


def make_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(
            f"Report number {i} from the border\n\n"
            f"Officials said incident {i} happened near checkpoint {i % 17}. Troops were moved. "
            f"A spokesman for unit {i} declined to comment on the {i}th report.\n",
            encoding="utf-8",
        )
    return folder


def start_ingest(db_file: str, folder: Path, delay: float, batch: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, db_file, str(delay), str(batch), str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(REPO),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    return proc


def stored_documents(db_file: str) -> int:
    with db.connect(db_file, read_only=True, lock_timeout=60) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def wait_for_documents(db_file: str, minimum: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Path(db_file).exists():
            try:
                if stored_documents(db_file) >= minimum:
                    return
            except StoreError:
                pass
        time.sleep(0.2)
    pytest.fail(f"no {minimum} documents stored within {timeout}s")


def assert_consistent(db_file: str) -> int:
    """Every document has exactly its sentence rows; no sentence row lacks its document."""
    with db.connect(db_file, read_only=True) as conn:
        docs = conn.execute("SELECT doc_key, text FROM documents").fetchall()
        counts = dict(conn.execute("SELECT doc_key, count(*) FROM sentences GROUP BY doc_key").fetchall())
        orphans = conn.execute(
            "SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_key = s.doc_key)"
        ).fetchone()[0]
    assert orphans == 0
    for key, text in docs:
        assert counts.get(key, 0) == n_sentences(text), f"document {key} is stored without all its sentences"
    return len(docs)


def article(text: str, doc: str = "d") -> Article:
    return Article(key=content_key(text), doc=doc, text=text, title="T", origin=doc)


# ---------------------------------------------------------------- schema


def test_migrations_are_recorded_once_and_safe_to_rerun(tmp_db: str) -> None:
    with db.connect(tmp_db) as conn:
        first = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    with db.connect(tmp_db) as conn:
        assert db.migrate(conn) == []
        again = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert first == again
    assert [v for v, _ in first] == [v for v, _, _ in db.migrations()]
    assert len({v for v, _ in first}) == len(first)


def test_documents_table_has_the_contract_columns(tmp_db: str) -> None:
    with db.connect(tmp_db) as conn:
        columns = {r[0] for r in conn.execute("DESCRIBE documents").fetchall()}
    assert {"doc", "title", "text", "url", "outlet", "published", "dateline", "doc_key"} <= columns


def test_read_only_open_of_a_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info, db.connect(str(tmp_path / "none.duckdb"), read_only=True):
        pass
    assert info.value.code == "store_missing"


def test_db_path_default_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLASHPOINT_DB", raising=False)
    assert db.db_path() == "flashpoint.duckdb"
    monkeypatch.setenv("FLASHPOINT_DB", "/tmp/elsewhere.duckdb")
    assert db.db_path() == "/tmp/elsewhere.duckdb"
    assert db.db_path("given.duckdb") == "given.duckdb"


# ---------------------------------------------------------------- the writer


def test_write_batch_is_keyed_by_content_and_records_skips_once(tmp_db: str) -> None:
    a = Doc(article=article("Iran held drills. Baku protested."), sentences=(Span(0, 17, "Iran held drills."),))
    b = Doc(article=article("Armenia asked for talks."))
    skip = Skip("bad.txt", "read", "binary", "binary data")
    with db.connect(tmp_db) as conn:
        assert db.write_batch(conn, [a, b, a], [skip]) == (2, 1)
        assert db.write_batch(conn, [a, b], [skip]) == (0, 2)
        counts = db.table_counts(conn)
        assert conn.execute("SELECT item, stage, code FROM skipped").fetchall() == [("bad.txt", "read", "binary")]
    assert counts["documents"] == 2 and counts["sentences"] == 1 and counts["skipped"] == 1


def test_a_failing_batch_stores_nothing(tmp_db: str) -> None:
    good = Doc(article=article("A good document."))
    broken = Doc(article=article("A broken document."), sentences=(Span(None, None, "x"),))  # type: ignore[arg-type]
    with db.connect(tmp_db) as conn:
        with pytest.raises(StoreError):
            db.write_batch(conn, [good, broken], [Skip("x", "read", "empty", "empty")])
        assert db.table_counts(conn)["documents"] == 0
        assert db.table_counts(conn)["skipped"] == 0
        assert db.write_batch(conn, [good]) == (1, 0)


def test_insert_rows_upserts_like_executemany_and_refuses_mixed_types(tmp_db: str) -> None:
    columns = ("source", "item", "size", "mtime", "sha256")
    upsert = "ON CONFLICT (source, item) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256"
    with db.connect(tmp_db) as conn:
        db.insert_rows(conn, "watch_state", columns, [["feeds", "a.txt", 1, 1.5, None], ["feeds", "b.txt", 2, None, "x"]])
        db.insert_rows(conn, "watch_state", columns, [["feeds", "a.txt", 10, 2.5, "y"]], on_conflict=upsert)
        db.insert_rows(conn, "watch_state", columns, [])
        rows = conn.execute("SELECT item, size, mtime, sha256 FROM watch_state ORDER BY item").fetchall()
        assert rows == [("a.txt", 10, 1.5, "y"), ("b.txt", 2, None, "x")]
        with pytest.raises(StoreError, match="watch_state"):
            db.insert_rows(conn, "watch_state", columns, [["feeds", "c.txt", 3, 1.0, None], ["feeds", "d.txt", "big", 1.0, None]])
        assert conn.execute("SELECT count(*) FROM watch_state").fetchone() == (2,)


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path, tmp_db: str) -> None:
    corpus = make_corpus(tmp_path / "corpus", 5)
    (corpus / "copy.txt").write_text((corpus / "0000.txt").read_text())  # same content, other name
    settings = Settings(db=tmp_db)
    first = ingest([str(corpus)], settings, pipeline=Pipeline([RegexSentences()]))
    second = ingest([str(corpus)], settings, pipeline=Pipeline([RegexSentences()]))
    assert (first.stored, first.present, first.skipped) == (5, 1, [])
    assert (second.stored, second.present) == (0, 6)
    assert assert_consistent(tmp_db) == 5


def test_seeds_ingested_twice_leave_two_documents(seeds_dir: Path, tmp_db: str) -> None:
    settings = Settings(db=tmp_db)
    for _ in range(2):
        ingest([str(seeds_dir)], settings, pipeline=Pipeline([RegexSentences()]))
    assert assert_consistent(tmp_db) == 2


# ---------------------------------------------------------------- concurrency and crashes


def test_export_succeeds_while_an_ingest_runs(tmp_path: Path, tmp_db: str) -> None:
    corpus = make_corpus(tmp_path / "corpus", 240)
    proc = start_ingest(tmp_db, corpus, delay=0.01, batch=8)
    try:
        wait_for_documents(tmp_db, 1)
        seen = []
        while proc.poll() is None and len(seen) < 6:
            out = subprocess.run(
                [*CLI, "export", "--table", "documents", "--format", "jsonl", "--db", tmp_db],
                capture_output=True, text=True, timeout=120, cwd=str(REPO),
            )
            assert out.returncode == 0, out.stderr
            assert "Traceback" not in out.stderr
            rows = [json.loads(line) for line in out.stdout.splitlines()]
            assert all(r["text"] and r["doc"] for r in rows)
            seen.append(len(rows))
        assert seen and seen == sorted(seen)
        assert any(0 < n < 240 for n in seen), f"no export ran mid-ingest: {seen}"
    finally:
        proc.wait(timeout=180)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    assert assert_consistent(tmp_db) == 240


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["sigint", "sigkill"])
def test_interrupted_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path: Path, sig: int) -> None:
    corpus = make_corpus(tmp_path / "corpus", 200)
    db_file = str(tmp_path / "store.duckdb")
    proc = start_ingest(db_file, corpus, delay=0.02, batch=10)
    wait_for_documents(db_file, 10)
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    if sig == signal.SIGINT:
        assert proc.returncode == 130
    partial = assert_consistent(db_file)
    assert 0 < partial < 200
    rerun = ingest([str(corpus)], Settings(db=db_file), pipeline=Pipeline([RegexSentences()]))
    assert rerun.present == partial and rerun.stored == 200 - partial
    assert assert_consistent(db_file) == 200


def test_skipped_items_are_kept_in_the_store(tmp_path: Path, tmp_db: str) -> None:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Baku protested. Tehran denied it.")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "noise.txt").write_bytes(bytes(range(256)) * 8)
    report = ingest([str(corpus)], Settings(db=tmp_db), pipeline=Pipeline([RegexSentences()]))
    assert report.stored == 1
    with duckdb.connect(tmp_db, read_only=True) as conn:
        rows = set(conn.execute("SELECT item, code FROM skipped").fetchall())
    assert rows == {(str(corpus / "empty.txt"), "empty"), (str(corpus / "noise.txt"), "binary")}


def test_a_writer_waits_for_a_reader_of_the_same_process(tmp_path):
    """DuckDB refuses a read-write open while this process holds the file read-only (the server's
    lingering reader); the writer waits for it like for another process's lock."""
    import threading
    import time

    import duckdb

    from flashpoint.store import db

    path = str(tmp_path / "s.duckdb")
    with db.connect(path):
        pass
    reader = duckdb.connect(path, read_only=True)
    threading.Timer(0.3, reader.close).start()
    t0 = time.monotonic()
    with db.connect(path, lock_timeout=10) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert time.monotonic() - t0 >= 0.25


# ---------------------------------------------------------------- sharing the file within and across processes

RAW_WRITER = """
import sys, duckdb
try:
    duckdb.connect(sys.argv[1]).close()
except duckdb.Error as exc:
    print("blocked", str(exc).splitlines()[0][:80])
else:
    print("free")
"""


def _raw_writer(path: str) -> str:
    """Whether another process can open the store read-write now (DuckDB's own lock, one try)."""
    return subprocess.run([sys.executable, "-c", RAW_WRITER, path], capture_output=True, text=True,
                          timeout=60).stdout.strip().split(" ")[0]


def test_connections_of_one_process_share_the_file_and_keep_its_lock(tmp_path: Path) -> None:
    """Two read-only connections of one process share one attachment of the file: closing one
    leaves the other's lock in place (a second descriptor of the file, closed, would release
    DuckDB's POSIX lock for the whole process), and the last close lets a writer in."""
    path = str(tmp_path / "s.duckdb")
    with db.connect(path):
        pass
    with db.connect(path, read_only=True) as outer:
        with db.connect(path, read_only=True) as inner:
            assert db.catalog(inner) == db.catalog(outer)  # the same attachment
            other = db.cursor(db.catalog(inner))  # another thread's connection to it
            assert other.execute("SELECT count(*) FROM documents").fetchone() == (0,)
            other.close()
        assert _raw_writer(path) == "blocked"
        assert outer.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert _raw_writer(path) == "free"


def test_store_version_changes_with_a_finished_write_and_not_with_reads(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    with db.connect(path):
        pass
    before = db.store_version(path)
    with db.connect(path, read_only=True) as conn:
        conn.execute("SELECT count(*) FROM documents").fetchone()
        assert db.store_version(path) == before
    assert db.store_version(path) == before
    with db.connect(path) as conn:
        conn.execute("INSERT INTO skipped (item, stage, code, detail) VALUES ('a', 'test', 'x', 'y')")
    after = db.store_version(path)
    assert after != before
    with db.connect(path) as conn:
        conn.execute("INSERT INTO skipped (item, stage, code, detail) VALUES ('b', 'test', 'x', 'y')")
    assert db.store_version(path) not in (before, after)


def test_the_writer_marker_lasts_until_the_writer_has_closed(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    assert not db.writer_waiting(path)
    with db.connect(path) as conn:
        assert db.writer_waiting(path)  # readers that give way wait for the close, not just the open
        conn.execute("SELECT 1").fetchone()
    assert not db.writer_waiting(path)
    assert _raw_writer(path) == "free"  # and the file is free


def test_a_writer_waits_for_a_reader_in_another_process_then_gets_in(tmp_path: Path) -> None:
    """A reader of another process holds the store; the writer waits (on the turn file), and has
    the file once the reader has let go."""
    path = str(tmp_path / "s.duckdb")
    with db.connect(path):
        pass
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom flashpoint.store import db\n"
         "with db.connect(sys.argv[1], read_only=True):\n    print('holding', flush=True)\n    time.sleep(1.5)\n"
         "print('released', flush=True)\n", path],
        stdout=subprocess.PIPE, text=True,
    )
    assert reader.stdout is not None and reader.stdout.readline().strip() == "holding"
    with db.connect(path, lock_timeout=30) as conn:
        assert reader.poll() is not None or reader.stdout.readline().strip() == "released"
        conn.execute("INSERT INTO skipped (item, stage, code, detail) VALUES ('w', 'test', 'x', 'y')")
    reader.wait(timeout=30)
    with db.connect(path, read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM skipped").fetchone() == (1,)


def test_two_stores_open_in_one_process_do_not_see_each_others_tables(tmp_path: Path) -> None:
    from flashpoint.analysis.facts import has_table

    a, b = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    with db.connect(a):
        pass
    with db.connect(b) as conn:
        conn.execute("CREATE TABLE only_in_b (x INTEGER)")
    with db.connect(a, read_only=True) as in_a, db.connect(b, read_only=True) as in_b:
        assert has_table(in_b, "only_in_b") and not has_table(in_a, "only_in_b")
        assert has_table(in_a, "events") and has_table(in_b, "events")
        assert in_a.execute("SELECT count(*) FROM documents").fetchone() == (0,)
