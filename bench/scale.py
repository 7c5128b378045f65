"""Scale runs: ingest time and store size as the corpus grows, and ingest cost into a big store.

Four experiments, all through ``flashpoint.ingest.run.ingest`` (the real pipeline):

``--sizes 1000,10000``
    For each size N, ingest N realistic articles (``bench/corpus.py``) into a
    fresh store with ``--workers`` processes; report wall time, articles/s and
    store size. Linear growth means constant articles/s and constant KB/article.

``--grow 1000,10000,20000,...,100000``
    One store grown step by step to each checkpoint, each step a real ingest of
    new articles (numbers ``done`` to ``checkpoint - 1`` of the same corpus):
    step time, articles/s, cumulative time and store size at every checkpoint.
    Linear means the same articles/s in every step and a constant KB/article.
    Then the next ``--probe`` articles of the stream (default 1,000) go into a copy
    of the grown store and into an empty store, the incident refresh timed apart.

``--probe-into STORE [--probe-from N]``
    The same probe on an existing store (a copy of it), with stream articles from
    number N on (default: the store's document count).

``--prefill 100000 --probe 1000``
    Fill a store with N *synthetic* stored documents (``bench/synthetic.py``:
    shaped like pipeline output for a 600-word article, written through the
    Arrow ``write_batch`` path — real ingest of 100k would take over an hour
    here), then ingest the same ``--probe`` real articles into it and into an
    empty store, and compare. Also times the two store operations whose cost
    could grow with the store: the stored-key lookup (primary key) and the
    batch write. The post-ingest incident refresh is switched off for this
    comparison: the synthetic events were never assigned to incidents, so the
    first refresh would have to catch up on all of them (it is timed on its own
    in the ``--sizes`` runs, where every event is real).

Each run appends a JSON line to ``<out>/results.jsonl`` and prints a Markdown row.

    nohup python bench/scale.py --sizes 1000,10000 --workers 2 --out /tmp/fp-scale &
    python bench/scale.py --prefill 100000 --probe 1000 --workers 2 --out /tmp/fp-scale
    nohup python bench/scale.py --grow 1000,10000,25000,50000,75000,100000 --out /tmp/fp-grow &
    python bench/scale.py --probe-into /tmp/fp-grow/kept.duckdb --probe 1000
    python bench/scale.py --quick     # 100 articles, 5k prefill: a smoke test of the harness
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402 - sibling bench modules
import synthetic  # noqa: E402
from flashpoint.config import Settings  # noqa: E402
from flashpoint.ingest.run import ingest  # noqa: E402
from flashpoint.store import db  # noqa: E402

MB = 1024 * 1024


def store_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal")) if p.exists())


def timed_ingest(source: Path, store: Path, workers: int, batch_size: int, refresh: bool = True) -> dict[str, Any]:
    """``ingest()`` with the post-ingest incident refresh timed apart (or switched off with ``refresh=False``)."""
    settings = Settings(db=str(store), workers=workers, batch_size=batch_size)
    spent = {"refresh": 0.0}
    hook = _refresh_hook()
    if hook is not None:
        module, original = hook

        def observed(*args: Any, **kwargs: Any) -> Any:
            if not refresh:
                return []
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent["refresh"] += time.perf_counter() - t

        module.refresh_after_ingest = observed
    t0 = time.perf_counter()
    try:
        report = ingest([str(source)], settings)
    finally:
        if hook is not None:
            module.refresh_after_ingest = original
    seconds = time.perf_counter() - t0
    with db.connect(str(store), read_only=True) as conn:
        counts = db.table_counts(conn)
    return {
        "stored": report.stored,
        "skipped": len(report.skipped),
        "events": report.events,
        "seconds": round(seconds, 1),
        "refresh_seconds": round(spent["refresh"], 1) if refresh else None,
        "articles_per_s": round(report.stored / seconds, 2) if seconds else None,
        "store_mb": round(store_bytes(store) / MB, 1),
        "documents": counts["documents"],
    }


def _refresh_hook() -> tuple[Any, Any] | None:
    """The incident refresh ``ingest()`` runs after storing (another component; timed on its own here)."""
    try:
        from flashpoint.analysis import incident_store
    except ImportError:
        return None
    return incident_store, incident_store.refresh_after_ingest


def sizes_run(sizes: list[int], workers: int, batch_size: int, out: Path, seed: int) -> None:
    print("| articles | workers | wall time | of which incident refresh | articles/s | store size | KB/article | events |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        source = corpus.write_jsonl(corpus.build(n, seed), out / f"corpus-{n}.jsonl")
        store = out / f"scale-{n}.duckdb"
        _fresh(store)
        row = {"experiment": "sizes", "n": n, "workers": workers, **timed_ingest(source, store, workers, batch_size)}
        _save(out, row)
        print(f"| {n:,} | {workers} | {row['seconds']:.0f} s | {row['refresh_seconds']:.0f} s "
              f"| {row['articles_per_s']:.1f} | {row['store_mb']:.1f} MB "
              f"| {row['store_mb'] * 1024 / max(row['documents'], 1):.1f} | {row['events']:,} |", flush=True)
        _fresh(store)
        source.unlink()


STREAM_FROM = date(2026, 1, 1)


def grow_run(
    checkpoints: list[int], workers: int, batch_size: int, out: Path, seed: int, per_day: int, probe: int = 0
) -> None:
    """One store grown to each checkpoint in turn with real ingests (incident refresh on, timed apart).

    The corpus is a news stream (``per_day`` articles a day from 2026-01-01), as a monitored
    feed is. Linear growth shows as the same articles/s in every step and the same KB per
    article at every size, whatever is already stored. With ``probe``, the next ``probe``
    articles of the stream then go into the grown store and into an empty one (:func:`probe_run`).
    """
    store = out / "grow.duckdb"
    _fresh(store)
    print("| stored after step | step | step wall time | of which incident refresh | step articles/s "
          "| cumulative time | store size | KB/article | events |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    done, total = 0, 0.0
    for target in checkpoints:
        step = target - done
        records = corpus.build(step, seed, start=done, stream_from=STREAM_FROM, per_day=per_day)
        source = corpus.write_jsonl(records, out / f"grow-{done}-{target}.jsonl")
        row = timed_ingest(source, store, workers, batch_size)
        source.unlink()
        total += row["seconds"]
        row.update({"experiment": "grow", "from": done, "to": target, "workers": workers,
                    "cumulative_seconds": round(total, 1)})
        _save(out, row)
        print(f"| {row['documents']:,} | +{step:,} | {row['seconds']:.0f} s | {row['refresh_seconds']:.0f} s "
              f"| {row['articles_per_s']:.1f} | {total:.0f} s | {row['store_mb']:.1f} MB "
              f"| {row['store_mb'] * 1024 / max(row['documents'], 1):.1f} | {row['events']:,} |", flush=True)
        done = target
    if probe:
        probe_run(store, done, probe, workers, batch_size, out, seed, per_day)
    _fresh(store)


def probe_run(
    store: Path, start: int, n: int, workers: int, batch_size: int, out: Path, seed: int, per_day: int
) -> None:
    """Articles ``start`` … ``start + n - 1`` of the stream into a copy of ``store`` and into an empty store.

    The same new articles, one ingest call each, the incident refresh on and timed apart: what
    a monitored feed pays to add a day's news to a big store against a new one.
    """
    records = corpus.build(n, seed, start=start, stream_from=STREAM_FROM, per_day=per_day)
    source = corpus.write_jsonl(records, out / f"probe-{start}-{start + n}.jsonl")
    big, empty = out / "probe-big.duckdb", out / "probe-empty.duckdb"
    for path in (big, empty):
        _fresh(path)
    shutil.copyfile(store, big)
    wal = store.with_name(store.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, big.with_name(big.name + ".wal"))
    with db.connect(str(big), read_only=True) as conn:
        before = db.table_counts(conn)["documents"]
    if workers <= 1:  # in-process: load the model and tables before either timed run, not in the first
        scratch = out / "probe-warm.duckdb"
        timed_ingest(corpus.write_jsonl(records[:1], out / "probe-warm.jsonl"), scratch, workers, batch_size)
        _fresh(scratch)
        (out / "probe-warm.jsonl").unlink()
    rows = []
    for label, target in (("empty", empty), (f"{before:,}-article", big)):
        row = {"experiment": "probe", "into": label, "stored_before": before if target == big else 0,
               "probe": n, "workers": workers, **timed_ingest(source, target, workers, batch_size)}
        _save(out, row)
        rows.append(row)
    print(f"| {n:,} new articles into | wall time | of which incident refresh | the rest |")
    print("|---|---:|---:|---:|")
    for row in rows:
        rest = row["seconds"] - row["refresh_seconds"]
        print(f"| {row['into']} store | {row['seconds']:.1f} s | {row['refresh_seconds']:.1f} s | {rest:.1f} s |")
    small, large = rows
    print(f"ratio (into {before:,} / into empty): {large['seconds'] / small['seconds']:.2f} with the refresh, "
          f"{(large['seconds'] - large['refresh_seconds']) / (small['seconds'] - small['refresh_seconds']):.2f} without")
    for path in (big, empty):
        _fresh(path)
    source.unlink()


def prefill(store: Path, n: int, chunk: int = 2000) -> float:
    """Write ``n`` synthetic documents through the Arrow writer; returns seconds."""
    t0 = time.perf_counter()
    with db.connect(str(store)) as conn:
        for start in range(0, n, chunk):
            docs = [synthetic.synthetic_doc(i) for i in range(start, min(n, start + chunk))]
            db.write_batch(conn, docs)
    return time.perf_counter() - t0


def store_ops(store: Path, rng: random.Random, rounds: int = 50) -> dict[str, float]:
    """Mean ms of the per-batch store operations: key lookup (32 keys) and a 32-document write."""
    with db.connect(str(store)) as conn:
        stored = [r[0] for r in conn.execute("SELECT doc_key FROM documents USING SAMPLE 64 ROWS").fetchall()]
        t0 = time.perf_counter()
        for _ in range(rounds):
            keys = rng.sample(stored, min(16, len(stored))) + [f"{rng.getrandbits(96):024x}" for _ in range(16)]
            db.existing_keys(conn, keys)
        lookup = (time.perf_counter() - t0) / rounds * 1000
        docs = [synthetic.synthetic_doc(10_000_000 + i, seed=rng.randint(1, 10**9)) for i in range(32)]
        t0 = time.perf_counter()
        db.write_batch(conn, docs)
        write = (time.perf_counter() - t0) * 1000
    return {"lookup_ms": round(lookup, 2), "write_32_ms": round(write, 1)}


def prefill_run(n: int, probe: int, workers: int, batch_size: int, out: Path, seed: int) -> None:
    source = corpus.write_jsonl(corpus.build(probe, seed + 1), out / f"probe-{probe}.jsonl")
    rng = random.Random(seed)
    big, empty = out / f"prefilled-{n}.duckdb", out / "empty.duckdb"
    _fresh(big)
    _fresh(empty)
    fill_seconds = prefill(big, n)
    fill_mb = store_bytes(big) / MB
    print(f"prefill: {n:,} synthetic documents in {fill_seconds:.0f} s ({n / fill_seconds:.0f} docs/s), "
          f"store {fill_mb:.0f} MB ({fill_mb * 1024 / n:.1f} KB/doc)", flush=True)
    with db.connect(str(empty)):
        pass  # an empty, migrated store
    ops_empty, ops_big = store_ops(empty, rng), store_ops(big, rng)
    print(f"store ops, empty store: {ops_empty}; {n:,}-document store: {ops_big}", flush=True)
    rows = []
    for label, store in (("empty", empty), (f"{n:,} docs", big)):
        row = {"experiment": "prefill", "into": label, "prefill": n if store == big else 0, "probe": probe,
               "workers": workers, "incident_refresh": "off",
               **timed_ingest(source, store, workers, batch_size, refresh=False)}
        row.update({"prefill_seconds": round(fill_seconds, 1)} if store == big else {})
        _save(out, row)
        rows.append(row)
    print(f"| {probe:,} new articles into | wall time | articles/s | store after |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print(f"| {row['into']} store | {row['seconds']:.0f} s | {row['articles_per_s']:.1f} | {row['store_mb']:.0f} MB |")
    print(f"ratio (into {n:,} / into empty): {rows[1]['seconds'] / rows[0]['seconds']:.2f}")
    _save(out, {"experiment": "store_ops", "prefill": n, "empty": ops_empty, "big": ops_big})
    for store in (big, empty):
        _fresh(store)
    source.unlink()


def _fresh(store: Path) -> None:
    for p in (store, store.with_name(store.name + ".wal")):
        p.unlink(missing_ok=True)
    shutil.rmtree(store.with_name(store.name + ".staging"), ignore_errors=True)


def _save(out: Path, row: dict[str, Any]) -> None:
    with (out / "results.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"at": time.strftime("%Y-%m-%dT%H:%M:%S"), **row}) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="flashpoint scale runs")
    parser.add_argument("--sizes", help="comma-separated corpus sizes, e.g. 1000,10000")
    parser.add_argument("--grow", help="comma-separated checkpoints one store is grown to, e.g. 1000,10000,100000")
    parser.add_argument("--per-day", type=int, default=2000, help="--grow: articles published per day of the stream")
    parser.add_argument("--prefill", type=int, help="synthetic documents to pre-fill a store with")
    parser.add_argument("--probe", type=int, default=1000,
                        help="real articles ingested into the pre-filled (--prefill) or grown (--grow) store")
    parser.add_argument("--probe-into", help="an existing store to probe (a copy is used) with --probe new articles")
    parser.add_argument("--probe-from", type=int, help="--probe-into: the stream number of the first new article "
                        "(default: the store's document count)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", default="bench-out/scale", help="folder for stores and results.jsonl")
    parser.add_argument("--quick", action="store_true", help="sizes 100 and a 5k prefill with a 50-article probe")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.quick:
        sizes_run([100], args.workers, args.batch_size, out, args.seed)
        prefill_run(5000, 50, args.workers, args.batch_size, out, args.seed)
        return 0
    if not args.sizes and not args.prefill and not args.grow and not args.probe_into:
        parser.error("give --sizes, --grow, --prefill and/or --probe-into (or --quick)")
    if args.grow:
        grow_run([int(s) for s in args.grow.split(",")], args.workers, args.batch_size, out, args.seed, args.per_day,
                 probe=args.probe)
    if args.probe_into:
        store = Path(args.probe_into)
        if args.probe_from is None:
            with db.connect(str(store), read_only=True) as conn:
                args.probe_from = db.table_counts(conn)["documents"]
        probe_run(store, args.probe_from, args.probe, args.workers, args.batch_size, out, args.seed, args.per_day)
    if args.sizes:
        sizes_run([int(s) for s in args.sizes.split(",")], args.workers, args.batch_size, out, args.seed)
    if args.prefill:
        prefill_run(args.prefill, args.probe, args.workers, args.batch_size, out, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
