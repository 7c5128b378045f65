"""Running the pipeline on evaluation texts: the seed articles and single validation sentences.

The shared evaluation data lives outside the package: ``$FLASHPOINT_SHARED`` or
``<repo>/../shared``. Nothing here prints; :mod:`flashpoint.eval.__main__` does.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ResourceError
from ..pipeline import build_pipeline
from ..records import Article, Doc, Item, Skip
from ..stages.clean import clean_item
from .simple_actors import simple_mentions


def shared_dir() -> Path:
    env = os.environ.get("FLASHPOINT_SHARED")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / ".." / "shared"
    if not path.is_dir():
        raise ResourceError(f"shared evaluation data not found at {path} (set FLASHPOINT_SHARED)")
    return path.resolve()


def article_from_text(text: str, doc: str, origin: str | None = None) -> Article:
    """An Article from raw text, cleaned as ``flashpoint ingest`` cleans it."""
    result = clean_item(Item(origin=origin or doc, text=text, id=doc))
    if not isinstance(result, Article):
        raise ResourceError(f"evaluation text {doc} was rejected by cleaning: {result.message()}")
    return result


def seed_articles() -> list[Article]:
    seeds = shared_dir() / "seeds"
    return [article_from_text(p.read_text(encoding="utf-8"), p.stem, str(p)) for p in sorted(seeds.glob("*.txt"))]


@lru_cache(maxsize=2)
def _stages(rules_only: bool = False) -> tuple[Any, ...]:
    from ..config import load_settings

    settings = load_settings()
    if rules_only:
        settings = settings.with_(events_engine="rules")
    return tuple(build_pipeline(settings).stages)


def run(articles: Iterable[Article], isolated: bool = False) -> list[Doc]:
    """Run every pipeline stage on each article; a failing stage fails the evaluation.

    ``isolated``: the rules engine alone, with the actors stage's mentions replaced by the small
    evaluation tagger (:mod:`.simple_actors`), to measure the event rules on their own.
    """
    out = []
    for article in articles:
        doc = Doc(article=article)
        for stage in _stages(isolated):
            doc = stage(doc)
            if isolated and stage.name == "actors":
                doc = doc.replace(mentions=simple_mentions(doc.article.text))
        out.append(doc.replace(nlp=None))
    return out


def export_records(docs: Sequence[Doc | Skip]) -> list[dict[str, Any]]:
    """The jsonl export form of every event (``flashpoint.store.db.event_record``)."""
    from ..store.db import event_record

    records = []
    for doc in docs:
        if isinstance(doc, Doc):
            records.extend(event_record(doc, i, ev) for i, ev in enumerate(doc.events))
    return records
