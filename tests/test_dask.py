"""The Dask engine: shards are written idempotently and merged exactly once.

The cluster test starts a real ``LocalCluster`` with two worker processes and the
standard pipeline; the shard tests run the task function in-process.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from flashpoint.config import Settings
from flashpoint.pipeline import Pipeline
from flashpoint.records import Article, Doc, Entity, Span
from flashpoint.scale import shards
from flashpoint.scale.dask_engine import run_partition
from flashpoint.store import db

NEWS = [
    "Iran launched large military drills near its border with Azerbaijan on Friday, state media said. "
    "Officials in Baku called the manoeuvres a provocation and summoned the Iranian ambassador.",
    "The United Nations Security Council met on Monday to discuss the fighting in eastern Ukraine. "
    "Russia rejected a draft resolution that called for a ceasefire.",
    "Turkish drones struck targets in northern Iraq overnight, the defence ministry in Ankara said. "
    "Baghdad protested the strikes as a violation of its sovereignty.",
    "Armenia and Azerbaijan agreed to resume talks in Brussels next month, the European Union said. "
    "Both sides accused each other of violating the ceasefire along the border.",
    "Israel signed a defence cooperation agreement with Azerbaijan on Tuesday. "
    "Tehran condemned the deal and warned of consequences for regional security.",
    "Protesters gathered outside the parliament in Yerevan on Sunday, demanding the resignation "
    "of the prime minister over the handling of the border crisis.",
]


class MarkStage:
    """A cheap stand-in for the NLP stage: one sentence, one entity."""

    name = "mark"
    reads = ("article",)
    writes = ("sentences", "entities")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.article.text
        if "BROKEN" in text:
            raise ValueError("cannot read this one")
        return doc.replace(sentences=(Span(0, len(text), text),), entities=(Entity(0, 4, text[:4], "GPE"),))


def article(i: int, text: str) -> Article:
    return Article(key=hashlib.sha256(text.encode()).hexdigest()[:24], doc=f"doc-{i}", text=text)


def counts(path: str) -> dict[str, int]:
    with db.connect(path, read_only=True) as conn:
        return db.table_counts(conn)


def test_retried_task_rewrites_its_shard_and_a_double_merge_stores_once(tmp_path: Path, tmp_db: str) -> None:
    arts = [article(i, t) for i, t in enumerate(NEWS[:3])] + [article(9, "BROKEN text here")]
    settings = Settings(db=tmp_db)
    staging = tmp_path / "staging"
    first = run_partition(arts, settings, str(staging), Pipeline([MarkStage()]))
    again = run_partition(list(reversed(arts)), settings, str(staging), Pipeline([MarkStage()]))  # a retry
    assert first.shard == again.shard and (first.docs, first.skips) == (3, 1)
    assert [p.name for p in shards.complete_shards(staging)] == [first.shard]
    with db.connect(tmp_db) as conn:
        merged = shards.merge_shard(conn, staging / first.shard)
    assert (merged.stored, merged.present, sorted(merged.docs)) == (3, 0, ["doc-0", "doc-1", "doc-2"])
    assert not (staging / first.shard).exists()
    # the same partition arriving once more (a task that ran twice, gathered back as bytes)
    gathered = run_partition(arts, settings, None, Pipeline([MarkStage()]))
    assert gathered.files is not None and set(gathered.files) == {*db.TABLE_SCHEMAS, "skipped"}
    shards.write_shard(staging, gathered.shard, gathered.files)
    with db.connect(tmp_db) as conn:
        twice = shards.merge_shard(conn, staging / gathered.shard)
    assert (twice.stored, twice.present) == (0, 3)
    after = counts(tmp_db)
    assert (after["documents"], after["sentences"], after["skipped"]) == (3, 3, 1)


def test_incomplete_shard_is_refused(tmp_path: Path, tmp_db: str) -> None:
    from flashpoint.errors import StoreError

    broken = tmp_path / "staging" / "abc"
    broken.mkdir(parents=True)
    (broken / "documents.parquet").write_bytes(b"")
    with db.connect(tmp_db) as conn, pytest.raises(StoreError, match="incomplete"):
        shards.merge_shard(conn, broken)


def test_local_two_worker_cluster_matches_serial_ingest_and_is_idempotent(tmp_path: Path) -> None:
    from flashpoint.cli import main
    from flashpoint.ingest.run import ingest
    from flashpoint.scale.dask_engine import ingest_dask

    source = tmp_path / "news.jsonl"
    records = [{"id": f"n{i}", "text": t, "published": "2021-10-01"} for i, t in enumerate(NEWS)]
    records.append({"id": "empty", "text": "   "})
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    dask_db, serial_db = str(tmp_path / "dask.duckdb"), str(tmp_path / "serial.duckdb")
    settings = Settings(db=dask_db, workers=2, batch_size=2)

    report = ingest_dask([str(source)], settings)
    assert (report.stored, report.present, len(report.skipped)) == (6, 0, 1), [s.message() for s in report.skipped]
    assert report.skipped[0].item.endswith("news.jsonl#7")
    assert sorted(report.docs) == [f"n{i}" for i in range(6)]
    assert not shards.staging_dir(dask_db).exists(), "the staging folder is removed after merging"
    first = counts(dask_db)

    # the same input again, through the CLI: nothing new is stored, and no cluster is needed for it
    assert main(["ingest", str(source), "--db", dask_db, "--engine", "dask", "--workers", "2", "-q"]) == 1
    assert counts(dask_db) == first

    serial = ingest([str(source)], Settings(db=serial_db))
    assert (serial.stored, serial.events) == (report.stored, report.events)
    assert counts(serial_db) == first, "dask and serial ingest store the same rows"
    assert first["documents"] == 6 and first["sentences"] >= 6 and first["skipped"] == 1
