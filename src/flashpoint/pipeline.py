"""Builds and runs the understanding stages, in order, on cleaned articles.

Every stage is a callable ``Doc -> Doc`` with a ``name`` and two declared
contracts: the ``Doc`` fields it ``reads`` and the fields it ``writes``. The
pipeline checks, before running anything, that each field a stage reads was
written by an earlier stage (``article`` is always there), the way spaCy checks
its pipe order.

The journey of an article::

    Item --clean--> Article --nlp--> actors --> places --> dates --> equipment
         --> quantities --> events --> attach --> (store)

A stage that raises on one document does not stop the batch: the document is
turned into a :class:`~flashpoint.records.Skip` by :func:`Pipeline.run`.
"""

from __future__ import annotations

import atexit
import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .config import Settings
from .errors import FlashpointError, PipelineError
from .limits import TimeLimitExceeded, over_budget, remaining, time_limit
from .records import Article, Doc, Skip

_frozen_in: int | None = None  # the process that froze its loaded resources (Pipeline.warm_up)
WARM_UP_TEXT = (
    "Foreign ministers of Armenia and Azerbaijan met in Moscow on Monday, the ministry said. "
    "Iranian forces held drills near the border with 2,000 troops and drones."
)


@runtime_checkable
class Stage(Protocol):
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc: ...


class BatchStage(Stage, Protocol):
    """A stage that is faster on many documents at once (the NLP stage)."""

    def pipe(self, docs: Sequence[Doc]) -> list[Doc]: ...


def check_order(stages: Sequence[Stage]) -> None:
    """Raise :class:`PipelineError` if a stage reads a field no earlier stage writes."""
    available = {"article"}
    names = set()
    for stage in stages:
        if stage.name in names:
            raise PipelineError(f"stage {stage.name!r} appears twice")
        names.add(stage.name)
        missing = [f for f in stage.reads if f not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} reads {', '.join(missing)} but no earlier stage writes "
                f"{'it' if len(missing) == 1 else 'them'} (order: {', '.join(s.name for s in stages)})"
            )
        available.update(stage.writes)


class Pipeline:
    """The stages in order; ``max_seconds`` is each document's time budget (see :mod:`flashpoint.limits`)."""

    def __init__(self, stages: Sequence[Stage], max_seconds: float | None = None) -> None:
        check_order(stages)
        self.stages = list(stages)
        self.max_seconds = max_seconds
        self._warm_in: int | None = None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Doc:
        return self.run_one(Doc(article=article))

    def warm_up(self) -> None:
        """Load every lazily loaded resource (spaCy model, gazetteer, dictionaries) by running the
        stages on a short text, then freeze what is now in memory out of the garbage collector's sight.

        The resources are millions of long-lived objects; without the freeze every full collection
        walks them all again (measured: about 10 % of ingest CPU time). A process freezes once: a
        frozen object is never collected as part of a reference cycle, so freezing on every ingest
        of a long-running ``watch`` would keep whatever cycles were alive each time. Idempotent.
        """
        global _frozen_in
        if self._warm_in == os.getpid():  # a pipeline pickled to a worker warms up there again
            return
        from .stages.clean import content_key

        list(self.run([Article(key=content_key(WARM_UP_TEXT), doc="warm-up", text=WARM_UP_TEXT)]))
        self._warm_in = os.getpid()
        if _frozen_in != os.getpid():
            gc.collect()
            gc.freeze()
            if _frozen_in is None:  # a forked child inherits the parent's registration
                atexit.register(gc.unfreeze)  # let shutdown free them: DuckDB's bindings report unfreed objects
            _frozen_in = os.getpid()

    def run_one(self, doc: Doc) -> Doc:
        """All stages on one document; raises (``TimeLimitExceeded`` over ``max_seconds``) instead of skipping."""
        timings = list(doc.timings)
        for stage in self.stages:
            t0 = time.perf_counter()
            with time_limit(remaining(doc, self.max_seconds), f"stage {stage.name}"):  # TimeLimitExceeded
                doc = stage(doc)
            timings.append((stage.name, time.perf_counter() - t0))
            doc = doc.replace(timings=tuple(timings))
            slow = over_budget(doc, self.max_seconds, stage.name)
            if slow is not None:
                raise TimeLimitExceeded(slow.detail)
        return doc.replace(nlp=None)

    def run(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Doc | Skip]:
        """Run all stages on each article; batch-capable stages see whole batches.

        Yields a finished ``Doc`` (without its spaCy object) or a ``Skip`` per article,
        in input order.
        """
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, articles: list[Article]) -> Iterator[Doc | Skip]:
        state: list[Doc | Skip] = [Doc(article=a) for a in articles]
        for stage in self.stages:
            live = [(i, d) for i, d in enumerate(state) if isinstance(d, Doc)]
            if not live:
                break
            t0 = time.perf_counter()
            pipe: Callable[[Sequence[Doc]], list[Doc]] | None = getattr(stage, "pipe", None)
            if pipe is not None:
                budget = sum(remaining(d, self.max_seconds) or 0.0 for _, d in live) or None
                try:
                    with time_limit(budget, f"stage {stage.name} on a batch of {len(live)}"):
                        done = pipe([d for _, d in live])
                except Exception:  # noqa: BLE001 - fall back to one by one to isolate the bad (or slow) document
                    done = None
                if done is not None:
                    share = (time.perf_counter() - t0) / max(len(live), 1)
                    for (i, _), d in zip(live, done, strict=True):
                        state[i] = self._check(stage, d.replace(timings=d.timings + ((stage.name, share),)))
                    continue
            for i, d in live:
                state[i] = self._check(stage, _run_stage(stage, d, remaining(d, self.max_seconds)))
        for item in state:
            yield item.replace(nlp=None) if isinstance(item, Doc) else item

    def _check(self, stage: Stage, out: Doc | Skip) -> Doc | Skip:
        """The soft time guard: a document over its budget after a stage becomes a ``too_slow`` skip."""
        if isinstance(out, Skip):
            return out
        return over_budget(out, self.max_seconds, stage.name) or out



def _run_stage(stage: Stage, doc: Doc, seconds: float | None = None) -> Doc | Skip:
    t0 = time.perf_counter()
    try:
        with time_limit(seconds, f"stage {stage.name}"):
            out = stage(doc)
    except FlashpointError as exc:
        return Skip(doc.article.doc, stage.name, exc.code, exc.detail)
    except (RecursionError, MemoryError) as exc:
        return Skip(doc.article.doc, stage.name, "resource_limit", f"{type(exc).__name__} in {stage.name}")
    except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop the batch
        return Skip(doc.article.doc, stage.name, "stage_failed", f"{type(exc).__name__}: {exc}"[:300])
    return out.replace(timings=out.timings + ((stage.name, time.perf_counter() - t0),))


def default_stages(settings: Settings | None = None) -> list[Stage]:
    """The standard understanding stages, in order. Imported lazily: spaCy is heavy."""
    from .stages import build_stages

    return build_stages(settings or Settings())


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    settings = settings or Settings()
    return Pipeline(default_stages(settings), max_seconds=settings.max_seconds)
