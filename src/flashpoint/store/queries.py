"""Read queries everyone shares (CLI, reports, HTTP). Parameters are always bound, never formatted in."""

from __future__ import annotations

import json
from typing import Any

from . import db


def actor_counts(db_file: str | None, *, limit: int = 50, lock_timeout: float = 30.0) -> list[dict[str, Any]]:
    """Coded actors with mention and document counts, most mentioned first."""
    with db.connect(db_file, read_only=True, lock_timeout=lock_timeout) as conn:
        cursor = conn.execute(
            """
            SELECT name, country, sector, entity, count(*) AS mentions, count(DISTINCT doc_key) AS docs
            FROM actors
            WHERE country IS NOT NULL OR entity IS NOT NULL
            GROUP BY name, country, sector, entity
            ORDER BY mentions DESC, name
            LIMIT ?""",
            [max(1, min(int(limit), 100_000))],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def events(
    db_file: str | None,
    *,
    actor: str | None = None,
    plover: str | None = None,
    limit: int = 200,
    lock_timeout: float = 30.0,
) -> list[dict[str, Any]]:
    """Exported event records filtered by actor (country code or name) and PLOVER type."""
    clauses, params = [], []
    if actor:
        a = actor.strip()
        clauses.append(
            "(upper(e.source_country) = upper(?) OR upper(e.target_country) = upper(?) "
            "OR e.source_name ILIKE ? OR e.target_name ILIKE ?)"
        )
        params += [a, a, f"%{a}%", f"%{a}%"]
    if plover:
        clauses.append("upper(e.plover) = upper(?)")
        params.append(plover.strip())
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    params.append(max(1, min(int(limit), 100_000)))
    with db.connect(db_file, read_only=True, lock_timeout=lock_timeout) as conn:
        cursor = conn.execute(
            f"""SELECT e.record, d.doc FROM events e JOIN documents d USING (doc_key) {where}
                ORDER BY d.doc, e.start, e.idx LIMIT ?""",  # noqa: S608 - clauses are fixed strings
            params,
        )
        out = []
        for record, doc in cursor.fetchall():
            row = json.loads(record)
            row["doc"] = doc
            out.append(row)
        return out


def removed(
    db_file: str | None,
    doc: str,
    *,
    lock_timeout: float = 30.0,
) -> dict[str, Any] | None:
    """What cleaning removed from one document (by ``doc`` or ``doc_key``), in input order, each piece
    with its reason and input line; with the document's metadata. None when there is no such document."""
    with db.connect(db_file, read_only=True, lock_timeout=lock_timeout) as conn:
        row = conn.execute(
            "SELECT doc_key, doc, title, byline, published, dateline, removed FROM documents "
            "WHERE doc_key = ? OR doc = ? ORDER BY doc_key = ? DESC LIMIT 1",
            [doc, doc, doc],
        ).fetchone()
    if row is None:
        return None
    key, name, title, byline, published, dateline, pieces = row
    items = json.loads(pieces) if isinstance(pieces, str) else (pieces or [])
    items = [p if isinstance(p, dict) else {"text": str(p), "reason": "removed before reasons were recorded", "line": None} for p in items]
    return {
        "doc_key": key, "doc": name, "title": title, "byline": byline, "published": published, "dateline": dateline,
        "removed": items,
    }
