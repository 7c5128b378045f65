"""Process-parallel understanding on one machine: N workers, one writer.

``flashpoint ingest --workers N`` runs the understanding stages in N worker
processes while the main process reads, cleans, filters what is already stored,
and is the only one that writes to DuckDB.

How it works
------------
* Workers are started with the ``spawn`` context (``forkserver`` on request):
  forking a process that already loaded spaCy/BLAS threads can deadlock. Each
  worker caps its math libraries at one thread (``OMP_NUM_THREADS=1`` and
  friends) so N workers on N cores do not oversubscribe, ignores Ctrl-C (the
  main process stops it), builds its own pipeline once and says ``ready``.
* The main process cuts the input into batches of ``settings.batch_size``,
  drops articles already stored (:func:`~flashpoint.ingest.run.split_new`)
  *before* sending anything, and gives each idle worker one batch through its
  own pipe. Workers return portable :class:`~flashpoint.records.Doc` records
  (no spaCy objects) or :class:`~flashpoint.records.Skip` records.
* Batches come back in any order and leave in input order. At most
  ``2 x workers`` batches are read ahead, so memory stays flat on huge inputs.
* A worker that dies (segfault, out of memory, killed) or overruns
  ``settings.max_seconds`` per document loses nothing: its batch is re-run one
  document at a time on a fresh worker, and only the document that kills a
  worker on its own becomes a ``Skip`` (``worker_crashed`` / ``timeout``).
* Ctrl-C, an error or an abandoned generator stops every worker cleanly.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import FlashpointError, PipelineError
from ..records import Article, Doc, Skip

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from .run import IngestReport

Output = Doc | Skip
THREAD_LIMITS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
START_METHODS = ("spawn", "forkserver")
STOP_GRACE_SECONDS = 5.0


# ---------------------------------------------------------------- worker side


def limit_threads() -> None:
    """One math thread per process: N workers on N cores must not oversubscribe."""
    for name in THREAD_LIMITS:
        os.environ[name] = "1"


def _worker_main(settings: Settings, pipeline_blob: bytes | None, tasks: Connection, results: Connection) -> None:
    """Entry point of a worker process: build the pipeline once, then serve batches until told to stop."""
    limit_threads()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        if pipeline_blob is not None:
            pipeline = pickle.loads(pipeline_blob)  # noqa: S301 - our own pipeline, sent by our parent
        else:
            from ..pipeline import build_pipeline

            pipeline = build_pipeline(settings)
        pipeline.warm_up()
    except FlashpointError as exc:
        results.send(("init_failed", (type(exc).__name__, exc.detail, exc.code)))
        return
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises
        results.send(("init_failed", ("PipelineError", f"{type(exc).__name__}: {exc}"[:500], "worker_init")))
        return
    results.send(("ready", os.getpid()))
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            return
        if task is None:
            return
        task_id, articles = task
        results.send_bytes(_run_task(pipeline, task_id, articles))


def _run_task(pipeline: Pipeline, task_id: int, articles: list[Article]) -> bytes:
    """Run the pipeline on one batch; always returns a pickled ("done", task_id, outputs)."""
    try:
        outputs: list[Output] = [
            out.portable() if isinstance(out, Doc) else out for out in pipeline.run(articles, batch_size=len(articles))
        ]
    except Exception as exc:  # noqa: BLE001 - Pipeline.run isolates stage errors; this is a last resort
        outputs = [Skip(a.doc, "worker", "worker_failed", f"{type(exc).__name__}: {exc}"[:300]) for a in articles]
    try:
        return pickle.dumps(("done", task_id, outputs), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - find the record that cannot cross processes
        return pickle.dumps(("done", task_id, [_picklable(o, a) for o, a in zip(outputs, articles, strict=True)]))


def _picklable(output: Output, article: Article) -> Output:
    try:
        pickle.dumps(output)
    except Exception as exc:  # noqa: BLE001 - a stage stored something that is not plain data
        return Skip(article.doc, "worker", "unpicklable", f"result cannot be sent between processes: {exc}"[:300])
    return output


# ---------------------------------------------------------------- main side


@dataclass(slots=True)
class _Batch:
    """One output batch: its input skips, the count already stored, and one slot per fresh article."""

    articles: list[Article]
    skips: list[Skip]
    present: int
    out: list[Output | None] = field(default_factory=list)

    def done(self) -> bool:
        return all(o is not None for o in self.out)

    def result(self) -> tuple[list[Doc], list[Skip], int]:
        docs = [o for o in self.out if isinstance(o, Doc)]
        skips = self.skips + [o for o in self.out if isinstance(o, Skip)]
        return docs, skips, self.present


@dataclass(slots=True)
class _Task:
    """Articles of one batch sent to one worker; ``alone`` when re-run one by one after a crash."""

    seq: int
    positions: list[int]
    alone: bool = False


@dataclass(slots=True)
class _Worker:
    process: Any
    tasks: Connection
    results: Connection
    ready: bool = False
    task_id: int | None = None
    deadline: float = 0.0


class WorkerPool:
    """N worker processes, each with its own task and result pipe (a dying worker cannot corrupt a shared queue)."""

    def __init__(self, settings: Settings, workers: int, pipeline: Pipeline | None = None, start_method: str = "spawn"):
        if start_method not in START_METHODS:
            raise PipelineError(f"start method {start_method!r} is not one of {', '.join(START_METHODS)}")
        self.settings = settings
        self.size = max(1, workers)
        self.ctx = mp.get_context(start_method)
        self.blob = None
        if pipeline is not None:
            try:
                self.blob = pickle.dumps(pipeline)
            except Exception as exc:  # noqa: BLE001 - explained to the caller
                raise PipelineError(f"the pipeline cannot be sent to worker processes: {exc}") from exc
        self.workers: list[_Worker] = []

    def start(self) -> None:
        while len(self.workers) < self.size:
            self.workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        task_read, task_write = self.ctx.Pipe(duplex=False)
        result_read, result_write = self.ctx.Pipe(duplex=False)
        process = self.ctx.Process(
            target=_worker_main,
            args=(self.settings, self.blob, task_read, result_write),
            name="flashpoint-worker",
            daemon=True,
        )
        process.start()
        task_read.close()  # the parent keeps only its own ends, so a dead worker reads as EOF
        result_write.close()
        return _Worker(process, task_write, result_read)

    def replace(self, worker: _Worker) -> _Worker:
        """Stop a dead or stuck worker and start a fresh one in its place."""
        self._stop(worker, force=True)
        fresh = self._spawn()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def send(self, worker: _Worker, task_id: int, articles: list[Article], seconds: float) -> None:
        worker.task_id = task_id
        worker.deadline = time.monotonic() + seconds
        worker.tasks.send((task_id, articles))

    def close(self) -> None:
        """Ask idle workers to stop, terminate busy ones, and reap them all."""
        for worker in self.workers:
            self._stop(worker, force=worker.task_id is not None)
        self.workers = []

    @staticmethod
    def _stop(worker: _Worker, force: bool) -> None:
        process = worker.process
        if not force and process.is_alive():
            try:
                worker.tasks.send(None)
            except OSError:
                force = True
        if force and process.is_alive():
            process.terminate()
        process.join(STOP_GRACE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join(STOP_GRACE_SECONDS)
        for conn in (worker.tasks, worker.results):
            conn.close()


def process_parallel(
    articles: Iterable[Article | Skip],
    settings: Settings,
    pipeline: Pipeline | None,
    report: IngestReport | None = None,
    *,
    start_method: str | None = None,
) -> Iterator[tuple[list[Doc], list[Skip], int]]:
    """Batches of (finished docs, skips, count already stored), in input order, from ``settings.workers`` processes.

    Same contract as :func:`~flashpoint.ingest.run.process_serial`. ``start_method``
    defaults to ``$FLASHPOINT_START_METHOD`` or ``spawn``.
    """
    method = start_method or os.environ.get("FLASHPOINT_START_METHOD") or "spawn"
    pool = WorkerPool(settings, settings.workers, pipeline, method)
    try:
        yield from _Scheduler(pool, settings).run(articles)
    finally:
        pool.close()


class _Scheduler:
    """Feeds batches to idle workers, recovers from crashed workers, yields results in input order."""

    def __init__(self, pool: WorkerPool, settings: Settings) -> None:
        self.pool = pool
        self.settings = settings
        self.batches: dict[int, _Batch] = {}
        self.queue: list[_Task] = []  # tasks waiting for an idle worker (re-runs first)
        self.running: dict[int, _Task] = {}
        self.next_task = 0
        self.read_ahead = 2 * pool.size

    def run(self, articles: Iterable[Article | Skip]) -> Iterator[tuple[list[Doc], list[Skip], int]]:
        from .run import _batches, split_new

        source = _batches(articles, self.settings.batch_size)
        exhausted = False
        next_out = next_in = 0
        while True:
            while not exhausted and len(self.batches) < self.read_ahead:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                fresh, skips, present = split_new(chunk, self.settings)
                self.batches[next_in] = _Batch(fresh, skips, present, [None] * len(fresh))
                if fresh:
                    self.queue.append(_Task(next_in, list(range(len(fresh)))))
                next_in += 1
            while next_out in self.batches and self.batches[next_out].done():
                yield self.batches.pop(next_out).result()
                next_out += 1
            if exhausted and not self.batches:
                return
            if not self.queue and not self.running:
                continue  # everything read so far is finished (e.g. all already stored): read on
            self.pool.start()  # no-op once running; never started when nothing needs processing
            self._dispatch()
            self._collect()

    def _dispatch(self) -> None:
        for worker in self.pool.workers:
            if not self.queue:
                return
            if worker.ready and worker.task_id is None:
                task = self.queue.pop(0)
                articles = [self.batches[task.seq].articles[p] for p in task.positions]
                task_id = self.next_task
                self.next_task += 1
                self.running[task_id] = task
                seconds = self.settings.max_seconds * (len(articles) + 1)  # +1: slack for a cold start
                try:
                    self.pool.send(worker, task_id, articles, seconds)
                except OSError:
                    self._lost(worker, "worker_crashed", "worker process died")

    def _collect(self) -> None:
        """Wait for one or more worker messages (or a death, or a deadline) and handle them."""
        workers = self.pool.workers
        busy = [w.deadline for w in workers if w.task_id is not None]
        timeout = max(0.0, min(busy) - time.monotonic()) if busy else None
        ready = wait([w.results for w in workers] + [w.process.sentinel for w in workers], timeout)
        for worker in list(self.pool.workers):
            if worker.results in ready:
                try:
                    message = pickle.loads(worker.results.recv_bytes())  # noqa: S301 - from our own worker
                except (EOFError, OSError):
                    self._lost(worker, "worker_crashed", _death(worker))
                    continue
                self._handle(worker, message)
            elif worker.process.sentinel in ready and not worker.results.poll():
                self._lost(worker, "worker_crashed", _death(worker))
            elif worker.task_id is not None and time.monotonic() > worker.deadline:
                self._lost(worker, "timeout", f"over the time limit of {self.settings.max_seconds:.0f}s per document")

    def _handle(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
        elif kind == "init_failed":
            name, detail, code = message[1]
            raise _error(name, detail, code)
        elif kind == "done":
            _, task_id, outputs = message
            task = self.running.pop(task_id)
            worker.task_id = None
            batch = self.batches[task.seq]
            for position, output in zip(task.positions, outputs, strict=True):
                batch.out[position] = output

    def _lost(self, worker: _Worker, code: str, detail: str) -> None:
        """A worker died or overran: re-run its batch one document at a time; a document that fails alone is skipped."""
        task = self.running.pop(worker.task_id, None) if worker.task_id is not None else None
        if task is None and not worker.ready:
            raise PipelineError(f"a worker process died while starting ({detail})", code="worker_init")
        self.pool.replace(worker)
        if task is None:
            return
        batch = self.batches[task.seq]
        if task.alone:
            article = batch.articles[task.positions[0]]
            batch.out[task.positions[0]] = Skip(article.doc, "worker", code, f"{detail} while processing this document")
        else:
            self.queue[:0] = [_Task(task.seq, [p], alone=True) for p in task.positions]


def _death(worker: _Worker) -> str:
    worker.process.join(1.0)
    code = worker.process.exitcode
    if code is not None and code < 0:
        try:
            return f"worker process killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"worker process killed by signal {-code}"
    return f"worker process exited with code {code}"


def _error(name: str, detail: str, code: str) -> FlashpointError:
    from .. import errors

    cls = getattr(errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, FlashpointError)):
        cls = PipelineError
    return cls(f"worker could not build the pipeline: {detail}", code=code)
