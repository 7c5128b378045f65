"""The incident test set as flashpoint records: articles + labelled events -> Docs -> a store.

Used by the analysis tests and ``bench/incident_merge.py``; import it by path
(``tests/data`` is not a package).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from flashpoint.records import ActorRef, Article, Doc, Event, Place, Span
from flashpoint.store import db

HERE = Path(__file__).resolve().parent


def articles() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((HERE / "articles").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


def records() -> list[dict[str, Any]]:
    lines = (HERE / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _actor(data: dict[str, Any] | None) -> ActorRef | None:
    if not data:
        return None
    return ActorRef(country=data.get("country"), name=data.get("name"), text=data.get("text"))


def _place(data: dict[str, Any] | None) -> Place | None:
    if not data:
        return None
    return Place(
        start=0, end=0, text=data["name"], name=data["name"], country=data.get("country"),
        countries=tuple(data.get("countries") or ()), lat=data.get("lat"), lon=data.get("lon"),
        kind=data.get("kind", "city"),
    )  # fmt: skip


def make_doc(article: dict[str, Any], events: Iterable[dict[str, Any]]) -> Doc:
    text = article["text"]
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    art = Article(
        key=key, doc=article["id"], text=text, title=article.get("title"), outlet=article.get("outlet"),
        published=article.get("published"),
    )  # fmt: skip
    out = []
    for rec in events:
        start = text.index(rec["evidence"])
        out.append(
            Event(
                start=start, end=start + len(rec["evidence"]), evidence=rec["evidence"],
                source=_actor(rec["source"]) or ActorRef(country=None), target=_actor(rec.get("target")),
                plover=rec["plover"], cameo=rec.get("cameo"), goldstein=rec.get("goldstein"),
                quad_class=rec.get("quad_class"), modality=rec["modality"], attribution=rec.get("attribution"),
                confidence=rec.get("confidence", 0.5), date=rec.get("date"),
                date_granularity=rec.get("date_granularity"), location=_place(rec.get("location")),
            )
        )  # fmt: skip
    sentences = tuple(Span(0, len(text), text) for _ in [0])
    return Doc(article=art, sentences=sentences, events=tuple(out))


def docs(only: Iterable[str] | None = None) -> list[Doc]:
    """One Doc per article (``only``: article ids), events in file order."""
    wanted = set(only) if only is not None else None
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for rec in records():
        by_doc.setdefault(rec["doc"], []).append(rec)
    return [make_doc(a, by_doc.get(doc_id, [])) for doc_id, a in articles().items() if wanted is None or doc_id in wanted]


def write_store(db_file: str, only: Iterable[str] | None = None) -> int:
    with db.connect(db_file) as conn:
        stored, _ = db.write_batch(conn, docs(only))
    return stored
