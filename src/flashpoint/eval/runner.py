"""Running the pipeline on evaluation texts: the seed articles and single validation sentences.

The shared evaluation data lives outside the package: ``$FLASHPOINT_SHARED`` or
``<repo>/../shared``. Nothing here prints; :mod:`flashpoint.eval.__main__` does.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ResourceError
from ..records import Article, Doc, Item, Skip
from .simple_actors import simple_mentions

NOTES: list[str] = []  # what evaluation had to work around (missing sibling stages), for the report


def shared_dir() -> Path:
    env = os.environ.get("FLASHPOINT_SHARED")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / ".." / "shared"
    if not path.is_dir():
        raise ResourceError(f"shared evaluation data not found at {path} (set FLASHPOINT_SHARED)")
    return path.resolve()


def article_from_text(text: str, doc: str, origin: str | None = None) -> Article:
    """An Article from raw text: through the clean stage when it exists, else the text as is."""
    try:
        from ..stages.clean import clean_item
    except ImportError:  # the clean stage is optional for evaluation
        clean_item = None  # type: ignore[assignment]
    if clean_item is not None:
        try:
            result = clean_item(Item(origin=origin or doc, text=text, id=doc))
        except Exception as exc:  # noqa: BLE001 - a sibling stage under construction must not stop evaluation
            NOTES.append(f"clean stage failed ({type(exc).__name__}: {exc}); used the raw text")
            result = None
        if isinstance(result, Article):
            return result
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    return Article(key=key, doc=doc, text=text, origin=origin)


def seed_articles() -> list[Article]:
    seeds = shared_dir() / "seeds"
    return [article_from_text(p.read_text(encoding="utf-8"), p.stem, str(p)) for p in sorted(seeds.glob("*.txt"))]


@lru_cache(maxsize=1)
def _stages() -> tuple[Any, ...]:
    """The standard pipeline; while a sibling stage cannot be imported, the stages events needs."""
    try:
        from ..pipeline import build_pipeline

        return tuple(build_pipeline().stages)
    except ImportError as exc:
        from ..config import Settings
        from ..stages.events import EventsStage
        from ..stages.nlp import NLPStage

        settings = Settings()
        stages: list[Any] = [NLPStage(settings)]
        try:
            from ..stages.actors import ActorsStage

            stages.append(ActorsStage(settings))
        except ImportError as actors_exc:
            NOTES.append(f"actors stage unavailable ({actors_exc})")
        NOTES.append(f"full pipeline unavailable ({exc}); ran {', '.join(s.name for s in stages)}, events only")
        return (*stages, EventsStage(settings))


def run(articles: Iterable[Article], isolated: bool = False) -> list[Doc]:
    """Run every pipeline stage on each article.

    ``isolated``: replace the actors stage's mentions with the small evaluation
    tagger (:mod:`.simple_actors`), to measure the event rules on their own.
    """
    out = []
    for article in articles:
        doc = Doc(article=article)
        for stage in _stages():
            try:
                doc = stage(doc)
            except Exception as exc:  # noqa: BLE001 - a sibling stage under construction must not hide ours
                if stage.name in ("nlp", "events"):
                    raise
                NOTES.append(f"stage {stage.name} failed ({type(exc).__name__}: {exc}); skipped it")
            if isolated and stage.name in ("actors", "nlp"):
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
