"""The pipeline checks stage order before running and isolates a failing document."""

from __future__ import annotations

import pytest

from flashpoint.errors import PipelineError
from flashpoint.pipeline import Pipeline, check_order
from flashpoint.records import Article, Doc, Skip, Span


class Stage:
    def __init__(self, name, reads=("article",), writes=(), fail_on=None):
        self.name, self.reads, self.writes, self.fail_on = name, reads, writes, fail_on

    def __call__(self, doc: Doc) -> Doc:
        if self.fail_on and self.fail_on in doc.article.text:
            raise ValueError("boom")
        return doc.replace(sentences=doc.sentences + (Span(0, 1, self.name),))


def article(text: str) -> Article:
    return Article(key=text, doc=text, text=text)


def test_order_is_checked_before_running():
    with pytest.raises(PipelineError, match="reads mentions but no earlier stage writes it"):
        check_order([Stage("events", reads=("article", "mentions")), Stage("actors", writes=("mentions",))])


def test_duplicate_stage_names_refused():
    with pytest.raises(PipelineError, match="appears twice"):
        check_order([Stage("a"), Stage("a")])


def test_valid_order_runs_all_stages_in_order():
    pipe = Pipeline([Stage("a", writes=("x",)), Stage("b", reads=("x",))])
    doc = pipe(article("hello"))
    assert [s.text for s in doc.sentences] == ["a", "b"]
    assert [name for name, _ in doc.timings] == ["a", "b"]


def test_failing_document_becomes_a_skip_and_the_batch_goes_on():
    pipe = Pipeline([Stage("a"), Stage("b", fail_on="bad")])
    out = list(pipe.run([article("good one"), article("bad one"), article("good two")]))
    assert [type(x).__name__ for x in out] == ["Doc", "Skip", "Doc"]
    skip = out[1]
    assert isinstance(skip, Skip) and skip.stage == "b" and skip.code == "stage_failed"
    assert "ValueError" in skip.detail and skip.item == "bad one"


def test_standard_stage_order_is_valid():
    from flashpoint.config import Settings
    from flashpoint.stages import build_stages

    stages = build_stages(Settings())
    check_order(stages)
    assert [s.name for s in stages][:2] == ["nlp", "actors"]


def test_warm_up_runs_the_stages_once_and_freezes_the_process_once():
    import gc

    from flashpoint import pipeline as module

    class Counting(Stage):
        calls = 0

        def __call__(self, doc: Doc) -> Doc:
            type(self).calls += 1
            return super().__call__(doc)

    first = Pipeline([Counting("a")])
    first.warm_up()
    first.warm_up()
    assert Counting.calls == 1, "idempotent per pipeline"
    assert gc.get_freeze_count() > 0 and module._frozen_in is not None
    frozen = gc.get_freeze_count()
    kept = [[i] for i in range(1000)]  # tracked containers alive now: a second freeze would take them
    second = Pipeline([Counting("b")])
    second.warm_up()
    assert Counting.calls == 2, "a new pipeline warms up its own stages"
    assert gc.get_freeze_count() == frozen, "but the process is frozen only once"
    assert kept
