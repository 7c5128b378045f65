"""``flashpoint ingest --engine dask``: the ingest pipeline on a Dask cluster.

The driver (this process) reads and cleans the input, drops articles already
stored, and cuts the rest into partitions of ``settings.batch_size`` articles.
Each partition is one task: a worker runs the standard pipeline on it (built once
per worker process) and writes a Parquet shard per table
(:mod:`flashpoint.scale.shards`), named by the hash of its document keys so a
retried task overwrites its own shard. The driver merges each finished shard
into DuckDB in one transaction, skipping keys already present (exactly once even
if a task ran twice), and deletes it; the staging folder goes when empty.

Where shards are written:

* no ``scheduler`` (a ``LocalCluster`` on this machine): workers write straight
  into ``<store>.staging/`` next to the store;
* a remote ``scheduler``: workers send the shard files back with the result and
  the driver writes them into its staging folder (works without a shared disk);
* ``staging=`` or ``$FLASHPOINT_DASK_STAGING``: a folder every worker and the
  driver can see (NFS, a shared volume): workers write there, nothing large
  travels through the scheduler.

Shards left by an interrupted run are merged first on the next run.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import ConfigError
from ..ingest.readers import iter_items
from ..ingest.run import IngestReport, Progress, _batches, prepare, split_new
from ..records import Article, Doc, Skip
from ..store import db
from . import shards

if TYPE_CHECKING:
    from ..pipeline import Pipeline

DEFAULT_LOCAL_WORKERS = 2
_pipelines: dict[Any, Pipeline] = {}
_pipelines_lock = threading.Lock()
# A worker started with --nthreads > 1 runs tasks in threads; the NLP stage switches spaCy
# components on and off per batch, so one pipeline serves one task at a time per process.
_run_lock = threading.Lock()


@dataclass(slots=True)
class PartitionResult:
    """What a task sends back: its shard's name and, when there is no shared staging folder, the files."""

    shard: str
    files: dict[str, bytes] | None = None
    docs: int = 0
    skips: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def run_partition(
    articles: list[Article], settings: Settings, staging: str | None, pipeline: Pipeline | None = None
) -> PartitionResult:
    """The task: run the pipeline on one partition and produce its shard (runs on a Dask worker)."""
    from ..ingest.parallel import limit_threads

    limit_threads()
    pipe = pipeline or _worker_pipeline(settings)
    docs: list[Doc] = []
    skips: list[Skip] = []
    with _run_lock:
        for out in pipe.run(articles, batch_size=len(articles)):
            if isinstance(out, Doc):
                docs.append(out.portable())
            else:
                skips.append(out)
    timings: dict[str, float] = {}
    for doc in docs:
        for name, seconds in doc.timings:
            timings[name] = timings.get(name, 0.0) + seconds
    name = shards.shard_name([a.key for a in articles])
    tables = shards.shard_tables(docs, skips)
    result = PartitionResult(name, docs=len(docs), skips=len(skips), timings=timings)
    if staging is not None:
        shards.write_shard(staging, name, tables)
    else:
        result.files = shards.to_parquet_bytes(tables)
    return result


def _worker_pipeline(settings: Settings) -> Pipeline:
    """One pipeline per worker process and settings (spaCy is loaded once, not per task)."""
    with _pipelines_lock:
        pipe = _pipelines.get(settings)
        if pipe is None:
            from ..pipeline import build_pipeline

            pipe = _pipelines[settings] = build_pipeline(settings)
            pipe.warm_up()
        return pipe


def ingest_dask(
    paths: Iterable[str],
    settings: Settings | None = None,
    *,
    scheduler: str | None = None,
    progress: Progress | None = None,
    staging: str | None = None,
    pipeline: Pipeline | None = None,
    client: Any = None,
) -> IngestReport:
    """Ingest ``paths`` into ``settings.db`` using a Dask cluster; same report as :func:`ingest`.

    ``scheduler`` is a scheduler address (``tcp://host:8786``); without it a local
    cluster of ``settings.workers`` processes (at least 2) is started and stopped.
    ``client`` reuses an existing ``dask.distributed.Client``. ``pipeline``
    replaces the standard stages (it is pickled to the workers).
    """
    settings = settings or Settings()
    report = IngestReport()
    local_staging = shards.staging_dir(settings.db)
    shared = staging or os.environ.get("FLASHPOINT_DASK_STAGING")
    remote = scheduler is not None or client is not None
    worker_staging = str(Path(shared).resolve()) if shared else (None if remote else str(local_staging))
    merge_from = Path(worker_staging) if worker_staging else local_staging
    for leftover in shards.complete_shards(merge_from):
        _merge(settings, leftover, report, progress)
    session = _Session(scheduler, settings, client)
    try:
        _drive(session, paths, settings, worker_staging, merge_from, pipeline, report, progress)
    finally:
        session.close()
    _remove_if_empty(merge_from)
    if report.stored:
        _after_ingest(settings)
    return report


class _Session:
    """The Dask client, connected (or its local cluster started) only when a partition needs processing."""

    def __init__(self, scheduler: str | None, settings: Settings, client: Any = None) -> None:
        self.scheduler = scheduler
        self.settings = settings
        self._client = client
        self._own = client is None
        self._cluster: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client, self._cluster = _connect(self.scheduler, self.settings)
        return self._client

    def close(self) -> None:
        if self._own and self._client is not None:
            self._client.close()
            if self._cluster is not None:
                self._cluster.close()
        self._client = self._cluster = None


def _connect(scheduler: str | None, settings: Settings) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a declared dependency
        raise ConfigError("the dask engine needs dask[distributed] (pip install 'dask[distributed]')") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}", code="scheduler") from exc
    workers = settings.workers if settings.workers > 1 else DEFAULT_LOCAL_WORKERS
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    return Client(cluster), cluster


def _drive(
    session: _Session,
    paths: Iterable[str],
    settings: Settings,
    worker_staging: str | None,
    merge_from: Path,
    pipeline: Pipeline | None,
    report: IngestReport,
    progress: Progress | None,
) -> None:
    """Submit partitions (a bounded number in flight) and merge their shards in input order."""
    window = 0
    pipe_future = None
    in_flight: deque[tuple[Any, int]] = deque()
    articles = prepare(iter_items(paths, settings), settings)
    for batch in _batches(articles, settings.batch_size):
        fresh, skips, present = split_new(batch, settings)
        report.present += present
        if skips:
            _record_skips(settings, skips, report)
        if progress and (present or skips):
            progress("batch", present + len(skips))
        if not fresh:
            continue
        client = session.client
        if not window:
            window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
            pipe_future = client.scatter(pipeline, broadcast=True) if pipeline is not None else None
        future = client.submit(run_partition, fresh, settings, worker_staging, pipe_future, pure=False)
        in_flight.append((future, len(fresh)))
        while len(in_flight) >= window:
            _finish(in_flight.popleft(), settings, merge_from, report, progress)
    while in_flight:
        _finish(in_flight.popleft(), settings, merge_from, report, progress)


def _finish(
    item: tuple[Any, int], settings: Settings, merge_from: Path, report: IngestReport, progress: Progress | None
) -> None:
    future, _ = item
    result: PartitionResult = future.result()
    if result.files is not None:
        shards.write_shard(merge_from, result.shard, result.files)
    _merge(settings, merge_from / result.shard, report, progress)


def _merge(settings: Settings, shard: Path, report: IngestReport, progress: Progress | None) -> None:
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        merged = shards.merge_shard(conn, shard)
    report.stored += merged.stored
    report.present += merged.present
    report.events += merged.events
    report.docs.extend(merged.docs)
    report.skipped.extend(merged.skips)
    if progress:
        progress("batch", merged.stored + merged.present + len(merged.skips))


def _record_skips(settings: Settings, skips: list[Skip], report: IngestReport) -> None:
    with db.connect(settings.db, lock_timeout=settings.lock_timeout) as conn:
        db.write_batch(conn, [], skips)
    report.skipped.extend(skips)


def _remove_if_empty(folder: Path) -> None:
    """Delete the staging folder once no finished shard is waiting in it."""
    if folder.is_dir() and not shards.complete_shards(folder):
        shutil.rmtree(folder, ignore_errors=True)


def _after_ingest(settings: Settings) -> None:
    """What ``ingest()`` does after storing new documents (incident matching), when that module exists."""
    try:
        from ..analysis.incident_store import refresh_after_ingest
    except ImportError:
        return
    refresh_after_ingest(settings.db, lock_timeout=settings.lock_timeout)

