"""End-to-end ingest throughput next to bare spaCy, with per-stage shares and peak memory.

On a corpus of realistic ~600-word news articles (``bench/corpus.py``) it measures:

1. flashpoint end to end: ``flashpoint.ingest.run.ingest`` itself (read JSONL →
   clean → skip stored → stages in ``--workers`` processes → one DuckDB writer →
   post-ingest analysis), into a fresh store, observed at the writer: articles/s
   and words/s, wall time including worker start, and the steady rate from the
   first written batch to the last (what a long ingest sustains);
2. bare spaCy ``nlp.pipe`` with the FULL ``en_core_web_sm`` pipeline (parser
   included) on the same clean texts, with ``n_process`` equal to ``--workers``
   so both sides use the same number of processes (model loading excluded).
   The baseline is spaCy as shipped (``spacy.load``, thinc's BLIS matrix
   products). flashpoint runs the same networks on NumPy's BLAS
   (``flashpoint.stages.nlp.load_model``), so the same spaCy run on NumPy's BLAS
   is printed too, with ``ratio_same_blas``: the part of the gain that comes
   from parsing less and not from the faster matrix products;
3. the share of time each stage takes (from ``Doc.timings``), the time spent
   writing, and peak RSS of the main process and of each worker.

The last line is::

    throughput: articles_per_s=… words_per_s=… spacy_full_words_per_s=… ratio=…

where ``words_per_s`` is flashpoint's steady end-to-end rate and ``ratio`` is
``words_per_s / spacy_full_words_per_s``.

    python bench/throughput.py --quick               # < 1 minute
    python bench/throughput.py -n 400 --workers 2 --compare-workers
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402 - the sibling bench module
from flashpoint.config import Settings  # noqa: E402
from flashpoint.ingest.readers import iter_items  # noqa: E402
from flashpoint.ingest.run import prepare  # noqa: E402
from flashpoint.records import Article, Doc  # noqa: E402
from flashpoint.store import db  # noqa: E402

MB = 1024 * 1024


def spacy_version() -> str:
    from importlib.metadata import version

    return version("spacy")


class RssSampler:
    """Peak resident memory of this process and each child, sampled every 0.1 s."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = defaultdict(int)
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for proc in [me, *me.children(recursive=True)]:
                try:
                    if proc.pid not in self.names:
                        helper = any("resource_tracker" in part or "forkserver" in part for part in proc.cmdline())
                        self.names[proc.pid] = "main" if proc.pid == me.pid else "helper" if helper else "worker"
                    self.peaks[proc.pid] = max(self.peaks[proc.pid], proc.memory_info().rss)
                except psutil.Error:
                    continue
            self._stop.wait(0.1)

    def workers(self) -> list[int]:
        return [peak for pid, peak in self.peaks.items() if self.names.get(pid) == "worker"]


@dataclass
class Run:
    workers: int
    articles: int = 0
    words: int = 0
    wall: float = 0.0
    writes: list[tuple[float, int, int]] = field(default_factory=list)  # (time, articles, words) per batch
    write_seconds: float = 0.0
    skipped: int = 0
    cpu_seconds: float = 0.0
    main_cpu_seconds: float = 0.0  # the reader, cleaner and writer process (all of it with --workers 1)
    stage_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    worker_rss: list[int] = field(default_factory=list)

    def steady(self) -> tuple[float, float]:
        """(articles/s, words/s) after every worker delivered its first batch (start-up excluded)."""
        skip = self.workers
        if len(self.writes) <= skip + 1:
            return self.articles / self.wall, self.words / self.wall
        t_first = self.writes[skip - 1][0]
        later = self.writes[skip:]
        seconds = later[-1][0] - t_first
        return sum(w[1] for w in later) / seconds, sum(w[2] for w in later) / seconds

    @property
    def articles_per_s(self) -> float:
        return self.steady()[0]

    @property
    def words_per_s(self) -> float:
        return self.steady()[1]


def run_flashpoint(path: Path, workers: int, batch_size: int, store: Path) -> Run:
    """``flashpoint.ingest.run.ingest`` itself, observed at the writer (``db.write_batch``) for timings."""
    from flashpoint.ingest.run import ingest

    settings = Settings(db=str(store), workers=workers, batch_size=batch_size)
    out = Run(workers)
    original = db.write_batch

    def observed(conn: Any, docs: Sequence[Doc], skips: Sequence[Any] = ()) -> tuple[int, int]:
        t_write = time.perf_counter()
        result = original(conn, docs, skips)
        now = time.perf_counter()
        out.write_seconds += now - t_write
        words = sum(len(d.article.text.split()) for d in docs)
        out.articles += len(docs)
        out.words += words
        out.skipped += len(skips)
        if docs:
            out.writes.append((now, len(docs), words))
        for doc in docs:
            for name, seconds in doc.timings:
                out.stage_seconds[name] += seconds
        return result

    db.write_batch = observed  # type: ignore[assignment]
    try:
        with RssSampler() as rss:
            cpu0 = cpu_seconds()
            main0 = time.process_time()
            t0 = time.perf_counter()
            ingest([str(path)], settings)
            out.wall = time.perf_counter() - t0
            out.main_cpu_seconds = time.process_time() - main0
            out.cpu_seconds = cpu_seconds() - cpu0
    finally:
        db.write_batch = original  # type: ignore[assignment]
    out.worker_rss = rss.workers()
    return out


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (workers are reaped when a run ends)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def clean_texts(path: Path) -> list[str]:
    settings = Settings()
    return [a.text for a in prepare(iter_items([str(path)], settings), settings) if isinstance(a, Article)]


def cpu_check(texts: list[str], baseline: Any) -> tuple[float, float]:
    """Words per CPU second, one process, warm: the flashpoint stages vs bare spaCy with its full pipeline.

    Immune to other load on the machine (CPU time, not wall time) and to start-up costs.
    """
    from flashpoint.pipeline import build_pipeline
    from flashpoint.stages.clean import content_key

    articles = [Article(key=content_key(t), doc=f"cpu-{i}", text=t) for i, t in enumerate(texts)]
    words = sum(len(t.split()) for t in texts)
    pipeline = build_pipeline(Settings())
    pipeline.warm_up()
    t0 = time.process_time()
    list(pipeline.run(articles, batch_size=16))
    flashpoint_cpu = time.process_time() - t0
    with baseline.select_pipes(enable=list(baseline.pipe_names)):
        list(baseline.pipe(texts[:2]))
        t0 = time.process_time()
        list(baseline.pipe(texts, batch_size=16))
        spacy_cpu = time.process_time() - t0
    return words / flashpoint_cpu, words / spacy_cpu


def shipped_spacy() -> Any:
    """``en_core_web_sm`` as ``spacy.load`` gives it: the baseline, with thinc's default (BLIS) matrix products."""
    import spacy

    from flashpoint.stages.nlp import MODEL_ALIASES

    for name in MODEL_ALIASES["en_core_web_sm"]:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit("en_core_web_sm is not installed")


def numpy_blas_spacy() -> Any:
    """The same pipeline on NumPy's BLAS, as flashpoint runs it."""
    from flashpoint.stages.nlp import use_numpy_blas

    nlp = shipped_spacy()
    use_numpy_blas(nlp)
    return nlp


def run_spacy_full(texts: list[str], n_process: int, nlp: Any) -> tuple[float, float, float]:
    """Bare ``nlp.pipe`` with every component of en_core_web_sm enabled (parser included).

    Returns (words per wall second, wall seconds, words per CPU second).
    """
    with nlp.select_pipes(enable=list(nlp.pipe_names)):
        list(nlp.pipe(texts[:2]))  # warm up
        cpu0 = cpu_seconds()
        t0 = time.perf_counter()
        for sdoc in nlp.pipe(texts, batch_size=32, n_process=n_process):
            if not sdoc.has_annotation("DEP"):
                raise SystemExit("the baseline must run the parser")
        seconds = time.perf_counter() - t0
        cpu = cpu_seconds() - cpu0
    words = sum(len(t.split()) for t in texts)
    return words / seconds, seconds, words / cpu


def report(run: Run, label: str) -> None:
    print(
        f"{label}: workers={run.workers} articles={run.articles} skipped={run.skipped} words={run.words} "
        f"wall={run.wall:.1f}s (incl. worker start) end_to_end_articles_per_s={run.articles / run.wall:.1f} "
        f"steady_articles_per_s={run.articles_per_s:.1f} steady_words_per_s={run.words_per_s:.0f} "
        f"write={run.write_seconds:.2f}s main_process_cpu={run.main_cpu_seconds / max(run.articles, 1) * 1000:.0f}ms/doc"
    )
    total = sum(run.stage_seconds.values()) or 1.0
    shares = ", ".join(
        f"{n}={s / total:.0%} ({s / max(run.articles, 1) * 1000:.0f} ms/doc)"
        for n, s in sorted(run.stage_seconds.items(), key=lambda kv: -kv[1])
    )
    print(f"{label} stage shares (worker CPU time per stage): {shares}")
    if run.worker_rss:
        print(f"{label} peak RSS per worker: " + ", ".join(f"{r / MB:.0f} MB" for r in sorted(run.worker_rss)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="flashpoint ingest throughput vs bare spaCy")
    parser.add_argument("--quick", action="store_true", help="small corpus, under a minute")
    parser.add_argument("-n", type=int, help="articles (default 240, --quick 96)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, help="articles per batch (default 16, --quick 8: enough batches "
                        "to time the steady rate; the CLI default is 32)")
    parser.add_argument("--cpu-check", type=int, help="articles for the one-process CPU-time comparison "
                        "(default 24, --quick 12; 0 = skip)")
    parser.add_argument("--compare-workers", action="store_true", help="also run with --workers 1")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    n = args.n or (96 if args.quick else 240)
    args.batch_size = args.batch_size or (8 if args.quick else 16)
    if args.cpu_check is None:
        args.cpu_check = 12 if args.quick else 24
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fp-bench-") as tmp:
        path = corpus.write_jsonl(corpus.build(n, args.seed), Path(tmp) / "corpus.jsonl")
        texts = clean_texts(path)
        print(
            f"corpus: {n} articles, {len(texts)} after cleaning, {sum(len(t.split()) for t in texts)} words, "
            f"mean {sum(len(t.split()) for t in texts) / max(len(texts), 1):.0f} words/article; "
            f"spaCy {spacy_version()}, {os.cpu_count()} CPUs"
        )
        runs = []
        for workers in ([1] if args.compare_workers and args.workers != 1 else []) + [args.workers]:
            store = Path(tmp) / f"store-{workers}.duckdb"
            runs.append(run_flashpoint(path, workers, args.batch_size, store))
            report(runs[-1], f"flashpoint[{workers}]")
            size = store.stat().st_size + sum(f.stat().st_size for f in Path(tmp).glob(f"store-{workers}.duckdb.wal"))
            print(f"flashpoint[{workers}] store size: {size / MB:.1f} MB")
        baseline = shipped_spacy()
        spacy_wps, spacy_s, spacy_cpu_wps = run_spacy_full(texts, args.workers, baseline)
        print(f"spacy_full (as shipped, BLIS): n_process={args.workers} {spacy_s:.1f}s words_per_s={spacy_wps:.0f} "
              f"words_per_cpu_s={spacy_cpu_wps:.0f}")
        same_wps, same_s, same_cpu_wps = run_spacy_full(texts, args.workers, numpy_blas_spacy())
        print(f"spacy_full (NumPy BLAS, as flashpoint runs it): n_process={args.workers} {same_s:.1f}s "
              f"words_per_s={same_wps:.0f} words_per_cpu_s={same_cpu_wps:.0f}")
        cpu_texts = texts[: args.cpu_check]
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak RSS: main={main_rss:.0f} MB (includes the baseline's spaCy model), largest child={child_rss:.0f} MB; "
        f"total bench time {time.perf_counter() - started:.1f}s"
    )
    final = runs[-1]
    whole = final.words / final.cpu_seconds if final.cpu_seconds else 0.0
    print(f"cpu, whole ingest incl. worker start-up and main process: flashpoint_words_per_cpu_s={whole:.0f} "
          f"vs spacy_full n_process={args.workers} {spacy_cpu_wps:.0f}")
    if cpu_texts:
        fp_cpu, sp_cpu = cpu_check(cpu_texts, baseline)
        print(f"cpu, one warm process, {len(cpu_texts)} articles (robust to other load on the machine): "
              f"flashpoint_words_per_cpu_s={fp_cpu:.0f} spacy_full_words_per_cpu_s={sp_cpu:.0f} cpu_ratio={fp_cpu / sp_cpu:.2f}")
    print(f"same BLAS on both sides: spacy_full_numpy_blas_words_per_s={same_wps:.0f} "
          f"ratio_same_blas={final.words_per_s / same_wps:.2f}")
    print(
        f"throughput: articles_per_s={final.articles_per_s:.1f} words_per_s={final.words_per_s:.0f} "
        f"spacy_full_words_per_s={spacy_wps:.0f} ratio={final.words_per_s / spacy_wps:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
