"""Crash safety: ``ingest`` and ``watch`` killed with SIGKILL at random (seeded) moments,
then re-run; every document is stored exactly once, none half-stored, and the store
opens cleanly read-only and read-write after every kill.

The helpers at the top (a generated corpus, CLI runners, the store invariants) are
shared with ``test_concurrency.py``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from failures import record

REPO = Path(__file__).resolve().parents[1]
FACT_TABLES = ("sentences", "actors", "places", "dates", "quantities", "equipment", "events")

CITIES = [("Kharkiv", "Ukraine", "Russian"), ("Gaza", "the Gaza Strip", "Israeli"), ("Aleppo", "Syria", "Turkish"),
          ("Khartoum", "Sudan", "Sudanese"), ("Stepanakert", "Nagorno-Karabakh", "Azerbaijani"),
          ("Goma", "Congo", "Rwandan"), ("Sanaa", "Yemen", "Saudi"), ("Mosul", "Iraq", "Iranian")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
LEADERS = [("Iran", "Turkey", "Ankara"), ("France", "Germany", "Berlin"), ("China", "Russia", "Moscow"),
           ("India", "Pakistan", "Islamabad"), ("Egypt", "Qatar", "Doha"), ("Japan", "South Korea", "Seoul")]


def article(i: int) -> str:
    """A distinct short news article with events, places, dates and quantities."""
    rng = random.Random(i)
    city, country, force = CITIES[i % len(CITIES)]
    a, b, capital = LEADERS[i % len(LEADERS)]
    day = DAYS[i % 7]
    n = 3 + i
    return (
        f"Story {i}: {force} forces shelled {city} in {country} on {day}, killing {n} civilians and wounding "
        f"{2 * n}, local officials said.\n\n"
        f"The foreign minister of {a} met his counterpart from {b} in {capital} on {DAYS[(i + 2) % 7]} to discuss a ceasefire. "
        f"{a} accused {b} of supplying {rng.randint(10, 90)} drones to armed groups.\n\n"
        f"The United Nations called on both sides to protect civilians.\n\n"
        + "\n\n".join(_background(rng, i, k) for k in range(4))
    )


def _background(rng: random.Random, i: int, k: int) -> str:
    """More paragraphs, so that processing (not start-up) fills most of an ingest and kills land in it."""
    city, country, force = CITIES[(i + k + 1) % len(CITIES)]
    a, b, capital = LEADERS[(i + k + 3) % len(LEADERS)]
    return (
        f"Earlier, on {DAYS[(i + k) % 7]}, {force} troops fired {rng.randint(5, 60)} rockets at positions near {city}, "
        f"according to the defence ministry of {country}. Witnesses reported {rng.randint(2, 30)} explosions. "
        f"{a} and {b} signed an agreement in {capital} to expand trade by {rng.randint(2, 40)} percent. "
        f"A spokesman for {b} said the talks had been constructive."
    )


def write_corpus(folder: Path, start: int, stop: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, stop):
        path = folder / f"story_{i:03d}.txt"
        tmp = folder / f".story_{i:03d}.tmp"
        tmp.write_text(article(i), encoding="utf-8")
        os.replace(tmp, path)  # appears whole: a watcher never reads half a file
        paths.append(path)
    return paths


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "flashpoint.cli", *args]


def env() -> dict[str, str]:
    out = dict(os.environ)
    out.pop("FLASHPOINT_DB", None)
    out["PYTHONUNBUFFERED"] = "1"
    return out


def run(*args: str, timeout: float = 600, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=timeout, env=env(), cwd=cwd)


def per_doc_counts(db_file: Path) -> dict[str, dict[str, int]]:
    """doc_key → {table: row count} for every stored document (read-only open)."""
    with duckdb.connect(str(db_file), read_only=True) as conn:
        keys = [r[0] for r in conn.execute("SELECT doc_key FROM documents").fetchall()]
        out: dict[str, dict[str, int]] = {k: {} for k in keys}
        for table in FACT_TABLES:
            for key, n in conn.execute(f"SELECT doc_key, count(*) FROM {table} GROUP BY doc_key").fetchall():  # noqa: S608
                out.setdefault(key, {})[table] = n
    return {k: {t: v.get(t, 0) for t in FACT_TABLES} for k, v in out.items()}


def check_store(db_file: Path, reference: dict[str, dict[str, int]] | None) -> dict[str, Any]:
    """The invariants after any crash: opens read-only and read-write, no duplicate, no orphan,
    and every stored document complete (its fact counts equal the uninterrupted reference run)."""
    from flashpoint.store import db

    facts: dict[str, Any] = {}
    with duckdb.connect(str(db_file), read_only=True) as conn:
        n, distinct = conn.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone()
        assert n == distinct, f"{n - distinct} duplicate documents"
        for table in FACT_TABLES:
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE doc_key NOT IN (SELECT doc_key FROM documents)"  # noqa: S608
            ).fetchone()[0]
            assert orphans == 0, f"{orphans} {table} rows without their document"
        dup_events = conn.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()[0]
        assert dup_events == 0
        facts["documents"] = n
    counts = per_doc_counts(db_file)
    if reference is not None:
        for key, got in counts.items():
            assert key in reference, f"unexpected document {key}"
            assert got == reference[key], f"document {key} is half-stored: {got} != {reference[key]}"
    with db.connect(str(db_file), lock_timeout=30) as conn:  # read-write: migrations re-run cleanly
        conn.execute("CHECKPOINT")
        facts["tables"] = db.table_counts(conn)
    return facts


@dataclass(frozen=True)
class Reference:
    folder: Path  # the 40 generated articles
    db_file: Path  # an uninterrupted ingest of them
    counts: dict[str, dict[str, int]]  # doc_key → fact counts in that store
    seconds: float  # how long the uninterrupted ingest took


def unassigned_events(db_file: Path) -> int:
    """Asserted events that no incident holds (the incidents refresh is part of a complete ingest)."""
    with duckdb.connect(str(db_file), read_only=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM events WHERE event_id NOT IN (SELECT event_id FROM incident_events) "
            "AND coalesce(modality, 'asserted') NOT IN ('intended', 'hypothetical')"
        ).fetchone()[0]


def kill_after(cmd: list[str], delay: float) -> tuple[str, float]:
    """Start ``cmd``, SIGKILL it after ``delay`` seconds; 'killed' or 'finished', and when."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env())
    t0 = time.perf_counter()
    try:
        _, stderr = proc.communicate(timeout=delay)
        outcome = "finished"
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        _, stderr = proc.communicate(timeout=30)
        outcome = "killed"
    assert "Traceback" not in stderr, stderr[-3000:]
    return outcome, time.perf_counter() - t0


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    tmp = tmp_path_factory.mktemp("crash")
    folder = tmp / "corpus"
    write_corpus(folder, 0, 40)
    ref_db = tmp / "reference.duckdb"
    t0 = time.perf_counter()
    done = run("ingest", str(folder), "--db", str(ref_db), "--batch-size", "4", "-q")
    seconds = time.perf_counter() - t0
    assert done.returncode == 0, done.stderr[-3000:]
    counts = per_doc_counts(ref_db)
    assert len(counts) == 40
    return Reference(folder, ref_db, counts, seconds)


KILLS = 6


def test_ingest_survives_sigkill_at_random_points(tmp_path: Path, reference: Reference) -> None:
    db_file = tmp_path / "store.duckdb"
    cmd = cli("ingest", str(reference.folder), "--db", str(db_file), "--batch-size", "4", "-q")
    rng = random.Random(9)
    progress = []
    for _ in range(KILLS):
        outcome, at = kill_after(cmd, rng.uniform(0.3, reference.seconds))
        stored = check_store(db_file, reference.counts)["documents"] if db_file.exists() else 0
        progress.append(f"{outcome} at {at:.1f} s: {stored}")
    done = run("ingest", str(reference.folder), "--db", str(db_file), "--batch-size", "4", "-q")
    assert done.returncode == 0, done.stderr[-3000:]
    assert check_store(db_file, reference.counts)["documents"] == 40
    assert per_doc_counts(db_file) == reference.counts
    assert unassigned_events(db_file) == unassigned_events(reference.db_file), "incidents not refreshed after the crash"
    record(
        "crash",
        "SIGKILL during ingest, 6 times at random moments",
        f"40 generated articles, --batch-size 4, kills after uniform(0.3 s, {reference.seconds:.1f} s), seed 9 "
        f"(an uninterrupted run takes {reference.seconds:.1f} s), then one run to completion",
        f"after every kill the store opened read-only and read-write with no duplicate, orphan or half-stored "
        f"document (documents stored: {'; '.join(progress)}); the final run stored the rest: 40 documents, "
        "each with exactly the sentences and facts of an uninterrupted run, incidents complete",
    )


def test_watch_survives_sigkill_at_random_points(tmp_path: Path, reference: Reference) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    db_file = tmp_path / "store.duckdb"
    log = tmp_path / "alerts.jsonl"
    cmd = cli("watch", str(folder), "--interval", "0.2", "--db", str(db_file), "--alert-log", str(log))
    rng = random.Random(11)
    progress = []
    for k in range(KILLS):
        if k < 4:  # articles arrive in four waves of ten while the watcher runs and dies
            write_corpus(folder, 10 * k, 10 * k + 10)
        outcome, at = kill_after(cmd, rng.uniform(0.3, reference.seconds * 0.9))
        assert outcome == "killed", "watch polls until stopped"
        stored = check_store(db_file, reference.counts)["documents"] if db_file.exists() else 0
        progress.append(f"{at:.1f} s: {stored}")
    done = run("watch", str(folder), "--once", "--db", str(db_file), "--alert-log", str(log))
    assert done.returncode == 0, done.stderr[-3000:]
    assert check_store(db_file, reference.counts)["documents"] == 40
    assert per_doc_counts(db_file) == reference.counts
    assert unassigned_events(db_file) == unassigned_events(reference.db_file)
    logged = [json.loads(line)["id"] for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    assert len(logged) == len(set(logged)), "an alert was emitted twice across restarts"
    with duckdb.connect(str(db_file), read_only=True) as conn:
        stored_alerts = {r[0] for r in conn.execute("SELECT alert_id FROM alerts").fetchall()}
        seen = conn.execute("SELECT count(*) FROM watch_state").fetchone()[0]
    assert set(logged) <= stored_alerts
    assert seen == 40
    again = run("watch", str(folder), "--once", "--db", str(db_file), "--alert-log", str(log))
    assert again.returncode == 0 and again.stdout == "", "a further poll finds nothing new and emits nothing"
    record(
        "crash",
        "SIGKILL during watch, 6 times at random moments",
        f"watch --interval 0.2 on a folder receiving 4 waves of 10 articles; kills after uniform(0.3 s, {reference.seconds * 0.9:.1f} s), seed 11; then watch --once",
        f"store clean after every kill (documents stored: {'; '.join(progress)}); watch --once finished the job: 40 documents "
        f"exactly once, facts equal to an uninterrupted ingest, {len(stored_alerts)} alerts, {len(logged)} logged, none twice; "
        "another poll emitted nothing",
    )


def test_crash_between_last_batch_and_incident_refresh(tmp_path: Path, reference: Reference, monkeypatch: pytest.MonkeyPatch) -> None:
    """The narrowest window: every document stored, the process dies before incidents are refreshed.
    The re-run has nothing new to store, yet must still bring incidents up to date."""
    from flashpoint.analysis import incident_store
    from flashpoint.config import Settings
    from flashpoint.ingest.run import ingest

    settings = Settings(db=str(tmp_path / "store.duckdb"), batch_size=4)

    def die(*args: object, **kwargs: object) -> None:
        raise SystemExit("killed before the incident refresh")

    monkeypatch.setattr(incident_store, "refresh_after_ingest", die)
    with pytest.raises(SystemExit):
        ingest([str(reference.folder)], settings)
    monkeypatch.undo()
    assert check_store(tmp_path / "store.duckdb", reference.counts)["documents"] == 40
    again = ingest([str(reference.folder)], settings)
    assert again.stored == 0 and again.present == 40
    assert unassigned_events(tmp_path / "store.duckdb") == unassigned_events(reference.db_file)
    record(
        "crash",
        "death between the last write and the incident refresh",
        "ingest of 40 articles with the refresh replaced by a process exit, then a normal re-run",
        "all 40 documents stored whole; the re-run stored nothing new and still assigned every event to its incident",
    )
