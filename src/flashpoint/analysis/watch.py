"""``flashpoint watch DIR|FEED``: ingest what arrives, refresh incidents, emit new alerts.

Each poll:

1. finds new or changed input: files in a folder (or one file) whose size or
   modification time differ from the ``watch_state`` table, or a feed (RSS/Atom
   file or URL) whose content hash changed;
2. ingests them with :func:`flashpoint.ingest.run.ingest` (items already stored,
   by content hash, cost only a read), which refreshes incidents incrementally;
3. recomputes dyads and alerts from the incidents and records the alerts not
   seen before in the ``alerts`` table, *then* emits each as one JSON line and
   appends it to the JSONL alert log. An alert id is emitted at most once, across
   restarts: a crash between recording and emitting loses an emission rather
   than repeating one.

Ctrl-C ends the loop cleanly between polls or during the wait.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..config import Settings
from ..errors import InputError
from ..ingest.readers import SUPPORTED
from ..records import Skip
from ..store import db
from .alerts import detect
from .dyads import dyad_table
from .facts import load_events
from .incident_store import all_incidents, refresh_incidents
from .tension import day_of

FETCH_TIMEOUT = 20.0


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED:
                yield Path(folder) / name


def changed_files(conn: duckdb.DuckDBPyConnection, source: str) -> list[tuple[str, int, float]]:
    """(path, size, mtime) of files not yet seen with this size and modification time."""
    seen = {
        r[0]: (r[1], r[2])
        for r in conn.execute("SELECT item, size, mtime FROM watch_state WHERE source = ?", [source]).fetchall()
    }
    out = []
    for path in _files(Path(source)):
        try:
            st = path.stat()
        except OSError:
            continue  # vanished between listing and stat: next poll
        key = str(path)
        if seen.get(key) != (st.st_size, st.st_mtime):
            out.append((key, st.st_size, st.st_mtime))
    return out


def mark_seen(conn: duckdb.DuckDBPyConnection, source: str, items: list[tuple[str, int | None, float | None, str | None]]) -> None:
    db.insert_rows(  # items are unique: a folder listing, or the one feed URL
        conn, "watch_state", ("source", "item", "size", "mtime", "sha256"), [[source, *item] for item in items],
        on_conflict="ON CONFLICT (source, item) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, "
        "sha256 = excluded.sha256, seen_at = now()",
    )  # fmt: skip


def poll(source: str, settings: Settings) -> list[Skip]:
    """Ingest what is new at ``source``; returns the skipped items."""
    from ..ingest.run import ingest

    if is_url(source):
        return _poll_url(source, settings)
    if not Path(source).exists():
        raise InputError(f"nothing to watch at {source}: no such file or folder", code="not_found")
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        todo = changed_files(conn, source)
    if not todo:
        return []
    report = ingest([path for path, _, _ in todo], settings)
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        mark_seen(conn, source, [(path, size, mtime, None) for path, size, mtime in todo])
    return list(report.skipped)


def _fetch(url: str, limit: int) -> bytes | Skip:
    """The body of ``url``, read as a stream and given up past ``limit`` bytes (after decompression)."""
    import httpx

    try:
        with httpx.stream("GET", url, timeout=FETCH_TIMEOUT, follow_redirects=True) as response:
            response.raise_for_status()
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    return Skip(url, "watch", "too_large", f"the response is over the limit of {limit} bytes (max_bytes)")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.HTTPError as exc:
        return Skip(url, "watch", "fetch_failed", f"{type(exc).__name__}: {exc}"[:300])


def _poll_url(url: str, settings: Settings) -> list[Skip]:
    from ..ingest.run import ingest

    body = _fetch(url, settings.max_bytes)
    if isinstance(body, Skip):  # recorded like any skipped item, so `flashpoint export --table skipped` shows it
        with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
            db.write_batch(conn, [], [body])
        return [body]
    digest = hashlib.sha256(body).hexdigest()
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        row = conn.execute("SELECT sha256 FROM watch_state WHERE source = ? AND item = ?", [url, url]).fetchone()
    if row and row[0] == digest:
        return []
    with tempfile.TemporaryDirectory(prefix="flashpoint-watch-") as tmp:
        path = Path(tmp) / "feed.xml"
        path.write_bytes(body)
        report = ingest([str(path)], settings)
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        mark_seen(conn, url, [(url, len(body), None, digest)])
    return list(report.skipped)


def current_alerts(conn: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every alert the store's incidents raise now."""
    events = load_events(conn)
    incidents = all_incidents(conn, events)
    days = [d for i in incidents if i.facts and (d := day_of(i))]
    rows = dyad_table(incidents, as_of=max(days) if days else None)
    return detect(rows, incidents)


def record_new_alerts(conn: duckdb.DuckDBPyConnection, alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Store alerts whose id is not stored yet; returns those (oldest period first)."""
    if not alerts:
        return []
    ids = [a["id"] for a in alerts]
    known = {r[0] for r in conn.execute("SELECT alert_id FROM alerts WHERE alert_id IN (SELECT unnest(?))", [ids]).fetchall()}
    new = sorted((a for a in alerts if a["id"] not in known), key=lambda a: (a["period"], a["id"]))
    if new:
        db.insert_rows(
            conn, "alerts",
            ("alert_id", "kind", "subject", "period", "score", "threshold", "message", "events", "docs", "record"),
            [[a["id"], a["kind"], a["subject"], a["period"], a["score"], a["threshold"], a["message"],
              a["events"], a["docs"], json.dumps(a, ensure_ascii=False)] for a in new],
            on_conflict="ON CONFLICT (alert_id) DO NOTHING",
        )  # fmt: skip
    return new


def update_alerts(settings: Settings) -> list[dict[str, Any]]:
    """Refresh incidents (a no-op when ingest already did), then record and return the new alerts."""
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        refresh_incidents(conn)
        return record_new_alerts(conn, current_alerts(conn))


def watch(
    source: str,
    settings: Settings,
    *,
    interval: float,
    once: bool,
    alert_log: str,
    emit: Callable[[str], None],
) -> int:
    """Poll ``source`` every ``interval`` seconds (once with ``once``); 1 if any item was skipped."""
    if interval <= 0 and not once:
        raise InputError("--interval must be positive", code="bad_interval")
    skipped = False
    try:
        while True:
            skips = poll(source, settings)
            skipped = skipped or bool(skips)  # stdout carries alerts only; skips are in the store
            new = update_alerts(settings)
            if new:
                Path(alert_log).parent.mkdir(parents=True, exist_ok=True)
                with open(alert_log, "a", encoding="utf-8") as log:
                    for alert in new:
                        line = json.dumps(alert, ensure_ascii=False)
                        log.write(line + "\n")
                        emit(line)
            if once:
                break
            time.sleep(interval)
    except KeyboardInterrupt:
        pass
    return 1 if skipped else 0
