"""Process-parallel ingest: order, crash isolation, timeouts, filtering, clean shutdown.

Most tests use tiny stages defined here (they are pickled into spawned workers,
which import this module by name), so they run in seconds; one test runs the
real spaCy NLP stage in two workers and compares with the serial result.
"""

from __future__ import annotations

import hashlib
import os
import time

import psutil
import pytest

from flashpoint.config import Settings
from flashpoint.errors import ResourceError
from flashpoint.ingest.parallel import process_parallel
from flashpoint.pipeline import Pipeline
from flashpoint.records import Article, Doc, Entity, Skip, Span
from flashpoint.store import db


class SplitStage:
    """Sentences split at '. ' (a stand-in for the NLP stage)."""

    name = "split"
    reads = ("article",)
    writes = ("sentences",)

    def __call__(self, doc: Doc) -> Doc:
        text, spans, start = doc.article.text, [], 0
        for part in text.split(". "):
            spans.append(Span(start, start + len(part), part))
            start += len(part) + 2
        return doc.replace(sentences=tuple(spans))


class TroubleStage:
    """Misbehaves on marked texts: dies hard, hangs, or returns something unpicklable."""

    name = "trouble"
    reads = ("article",)
    writes = ("entities",)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.article.text
        if "CRASH-ME" in text:
            os._exit(3)  # a segfault or the OOM killer look the same to the parent
        if "HANG-ME" in text:
            time.sleep(60)
        if "SLOW-ME" in text:
            time.sleep(0.3)
        if "UNPICKLE-ME" in text:
            return doc.replace(entities=(Entity(0, 1, "x", lambda: None),))  # type: ignore[arg-type]
        return doc.replace(entities=(Entity(0, 4, text[:4], f"pid{os.getpid()}"),))


class BrokenModelStage(SplitStage):
    """Cannot be built in a worker (like a missing spaCy model)."""

    name = "broken"

    def __init__(self) -> None:
        self.model = "nowhere"

    def __setstate__(self, state: object) -> None:
        raise ResourceError("model 'nowhere' is not installed")


def article(i: int, marker: str = "") -> Article:
    text = f"Story {i} begins here. Troops moved near the border {marker}. Officials said talks continue."
    return Article(key=hashlib.sha256(text.encode()).hexdigest()[:24], doc=f"doc-{i}", text=text)


def run(arts: list[Article | Skip], settings: Settings, pipeline: Pipeline) -> list[tuple[list[Doc], list[Skip], int]]:
    return list(process_parallel(arts, settings, pipeline))


@pytest.fixture()
def settings(tmp_db: str) -> Settings:
    return Settings(db=tmp_db, workers=2, batch_size=3, max_seconds=60.0)


def light() -> Pipeline:
    return Pipeline([SplitStage(), TroubleStage()])


def test_output_keeps_input_order_and_uses_both_workers(settings: Settings) -> None:
    arts: list[Article | Skip] = [article(i, "SLOW-ME") for i in range(14)]
    arts.insert(4, Skip("bad.html", "clean", "no_text", "nothing left"))
    batches = run(arts, settings, light())
    docs = [d for b in batches for d in b[0]]
    assert [d.article.doc for d in docs] == [f"doc-{i}" for i in range(14)]
    assert [len(b[0]) + len(b[1]) for b in batches] == [3, 3, 3, 3, 3]  # batch = 3 inputs, the skip rides along
    assert [s.item for b in batches for s in b[1]] == ["bad.html"]
    assert all(len(d.sentences) == 3 and d.nlp is None for d in docs)
    assert len({d.entities[0].label for d in docs}) == 2, "both worker processes should have taken batches"


def test_worker_crash_skips_only_the_document_that_kills_it(settings: Settings) -> None:
    arts: list[Article | Skip] = [article(i, "CRASH-ME" if i == 4 else "") for i in range(9)]
    batches = run(arts, settings, light())
    docs = [d.article.doc for b in batches for d in b[0]]
    skips = [s for b in batches for s in b[1]]
    assert docs == [f"doc-{i}" for i in range(9) if i != 4]
    assert [(s.item, s.stage, s.code) for s in skips] == [("doc-4", "worker", "worker_crashed")]
    assert "exited with code 3" in skips[0].detail


def test_hung_document_times_out_and_the_rest_is_kept(tmp_db: str) -> None:
    settings = Settings(db=tmp_db, workers=2, batch_size=2, max_seconds=0.5)
    arts: list[Article | Skip] = [article(i, "HANG-ME" if i == 1 else "") for i in range(4)]
    t0 = time.monotonic()
    batches = run(arts, settings, light())
    assert time.monotonic() - t0 < 30
    assert [d.article.doc for b in batches for d in b[0]] == ["doc-0", "doc-2", "doc-3"]
    assert [(s.item, s.code) for b in batches for s in b[1]] == [("doc-1", "timeout")]


def test_unpicklable_result_becomes_a_skip(settings: Settings) -> None:
    arts: list[Article | Skip] = [article(0), article(1, "UNPICKLE-ME"), article(2)]
    batches = run(arts, settings, light())
    assert [d.article.doc for b in batches for d in b[0]] == ["doc-0", "doc-2"]
    assert [(s.item, s.code) for b in batches for s in b[1]] == [("doc-1", "unpicklable")]


def test_stored_documents_are_filtered_before_reaching_workers(settings: Settings) -> None:
    # these texts would kill any worker that received them
    stored = [article(i, "CRASH-ME") for i in range(5)]
    with db.connect(settings.db) as conn:
        assert db.write_batch(conn, [Doc(article=a) for a in stored]) == (5, 0)
    arts: list[Article | Skip] = [*stored, article(10), article(11), stored[0]]
    batches = run(arts, settings, light())
    assert sum(b[2] for b in batches) == 6
    assert [d.article.doc for b in batches for d in b[0]] == ["doc-10", "doc-11"]
    assert not [s for b in batches for s in b[1]]


def test_nothing_new_starts_no_worker(settings: Settings) -> None:
    stored = [article(i, "CRASH-ME") for i in range(4)]
    with db.connect(settings.db) as conn:
        db.write_batch(conn, [Doc(article=a) for a in stored])
    before = set(psutil.Process().children(recursive=True))
    batches = run(list(stored), settings, Pipeline([BrokenModelStage()]))
    assert [b[2] for b in batches] == [3, 1]
    assert set(psutil.Process().children(recursive=True)) == before


def test_worker_that_cannot_build_its_pipeline_raises_the_library_error(settings: Settings) -> None:
    with pytest.raises(ResourceError, match="nowhere"):
        run([article(0)], settings, Pipeline([BrokenModelStage()]))


def test_interrupt_and_abandon_stop_every_worker(settings: Settings) -> None:
    arts: list[Article | Skip] = [article(i, "HANG-ME" if i > 2 else "") for i in range(12)]
    before = set(psutil.Process().children(recursive=True))
    gen = process_parallel(arts, settings, light())
    first = next(gen)
    assert [d.article.doc for d in first[0]] == ["doc-0", "doc-1", "doc-2"]
    assert len(set(psutil.Process().children(recursive=True)) - before) >= 2
    with pytest.raises(KeyboardInterrupt):
        gen.throw(KeyboardInterrupt())
    leftover = [p for p in set(psutil.Process().children(recursive=True)) - before if p.is_running()]
    assert not [p for p in leftover if p.status() != psutil.STATUS_ZOMBIE]


def test_real_nlp_stage_in_two_workers_matches_serial(settings: Settings) -> None:
    from flashpoint.stages.nlp import NLPStage

    texts = [
        "Iran launched military drills near the border with Azerbaijan on Friday. Baku protested.",
        "The United Nations called for talks between Armenia and Azerbaijan. Moscow offered to mediate.",
        "Turkish drones struck targets in northern Iraq, the ministry in Ankara said on Monday.",
        "Israel and Azerbaijan signed a defence agreement. Tehran condemned the deal as a threat.",
    ]
    arts = [Article(key=hashlib.sha256(t.encode()).hexdigest()[:24], doc=f"n{i}", text=t) for i, t in enumerate(texts)]
    pipeline = Pipeline([NLPStage()])
    parallel = [d for b in run(list(arts), settings, pipeline) for d in b[0]]
    serial = [d for d in pipeline.run(arts) if isinstance(d, Doc)]
    assert [d.article.doc for d in parallel] == ["n0", "n1", "n2", "n3"]
    assert [(d.sentences, d.entities) for d in parallel] == [(d.sentences, d.entities) for d in serial]
    assert all(d.entities and [name for name, _ in d.timings] == ["nlp"] for d in parallel)
