"""The ingest job: read → clean → skip what is stored → understand → store.

The job is a library call; the CLI only renders its progress and report. Items
already in the store (same clean-content hash) are recognised *before* the
expensive stages run, so re-ingesting a corpus costs a read and a hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, TypeVar

from ..config import Settings
from ..limits import TimeLimitExceeded, time_limit
from ..pipeline import Pipeline, build_pipeline
from ..records import Article, Doc, Item, Skip
from ..stages.clean import batch_line_counts, clean_item
from ..store import db
from .readers import iter_items

T = TypeVar("T")
Progress = Callable[[str, int], None]  # (event, count): "read", "stored", "present", "skipped"


@dataclass(slots=True)
class IngestReport:
    stored: int = 0
    present: int = 0
    skipped: list[Skip] = field(default_factory=list)
    events: int = 0
    docs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped

    def summary(self) -> str:
        return (
            f"stored {self.stored}, already present {self.present}, skipped {len(self.skipped)}, "
            f"events {self.events}"
        )


def prepare(items: Iterable[Item | Skip], settings: Settings) -> Iterator[Article | Skip]:
    """Clean items a batch at a time: lines a site repeats across the batch's documents are a hint of
    furniture to the cleaner (``batch_line_counts``)."""
    for batch in _batches(items, settings.batch_size):
        plain = [x for x in batch if isinstance(x, Item)]
        counts = dict(zip(map(id, plain), _line_counts(plain, settings), strict=True))
        for item in batch:
            yield item if isinstance(item, Skip) else _clean_one(item, settings, counts.get(id(item)))


def _line_counts(items: list[Item], settings: Settings) -> list[dict[str, float] | None]:
    if not settings.clean_model or len(items) < 2:
        return [None] * len(items)
    try:
        with time_limit(settings.max_seconds, "comparing the batch's documents"):
            return batch_line_counts(items)
    except (TimeLimitExceeded, MemoryError, RecursionError):
        return [None] * len(items)  # the hint is optional: each document is still cleaned on its own


def _clean_one(item: Item, settings: Settings, counts: dict[str, float] | None) -> Article | Skip:
    try:
        with time_limit(settings.max_seconds, "cleaning"):
            out = clean_item(item, settings, counts)
    except TimeLimitExceeded as exc:
        out = Skip(item.origin, "clean", exc.code, exc.detail)
    except (RecursionError, MemoryError) as exc:
        out = Skip(item.origin, "clean", "resource_limit", f"{type(exc).__name__} while cleaning")
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        out = Skip(item.origin, "clean", "clean_failed", f"{type(exc).__name__}: {exc}"[:300])
    return out


def ingest(
    paths: Iterable[str],
    settings: Settings | None = None,
    *,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Ingest every path into the store named by ``settings.db``."""
    settings = settings or Settings()
    report = IngestReport()
    articles = prepare(iter_items(paths, settings, stdin=stdin), settings)
    if settings.workers > 1:
        from .parallel import process_parallel

        process = process_parallel
    else:
        process = process_serial
    for docs, skips, present in process(articles, settings, pipeline, report):
        _store(settings, docs, skips, report)
        report.present += present
        if progress:
            progress("batch", len(docs) + len(skips) + present)
    if report.stored or report.present:  # match the events no incident holds yet: this run's, or those of a
        # run killed between its last write and this refresh (a re-run then stores nothing but must still refresh)
        from ..analysis.incident_store import refresh_after_ingest

        refresh_after_ingest(settings.db, lock_timeout=settings.lock_timeout)
    return report


def process_serial(
    articles: Iterable[Article | Skip], settings: Settings, pipeline: Pipeline | None, report: IngestReport
) -> Iterator[tuple[list[Doc], list[Skip], int]]:
    """Batches of (finished docs, skips, count already stored), in input order."""
    for batch in _batches(articles, settings.batch_size):
        fresh, skips, present = split_new(batch, settings)
        docs: list[Doc] = []
        if fresh:
            pipeline = pipeline or build_pipeline(settings)
            pipeline.warm_up()
            for out in pipeline.run(fresh, batch_size=len(fresh)):
                (docs if isinstance(out, Doc) else skips).append(out)  # type: ignore[arg-type]
        yield docs, skips, present


def split_new(batch: list[Article | Skip], settings: Settings) -> tuple[list[Article], list[Skip], int]:
    """Articles not yet stored (and not repeated in the batch), skips, and the count already present."""
    skips = [x for x in batch if isinstance(x, Skip)]
    articles = [x for x in batch if isinstance(x, Article)]
    if not articles:
        return [], skips, 0
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        stored = db.existing_keys(conn, [a.key for a in articles])
    fresh, seen = [], set(stored)
    for article in articles:
        if article.key in seen:
            continue
        seen.add(article.key)
        fresh.append(article)
    return fresh, skips, len(articles) - len(fresh)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _store(settings: Settings, docs: list[Doc], skips: list[Skip], report: IngestReport) -> None:
    if not docs and not skips:
        return
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        stored, present = db.write_batch(conn, docs, skips)
    report.stored += stored
    report.present += present
    report.skipped.extend(skips)
    report.events += sum(len(d.events) for d in docs)
    report.docs.extend(d.article.doc for d in docs)
