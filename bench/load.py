"""A bounded load test of ``flashpoint serve`` on loopback: every endpoint the dashboard uses.

    python bench/load.py [--quick] [--seconds 10] [--clients 8] [--db FILE] [--json]

Builds a store by ingesting generated articles through the real pipeline (or uses
``--db``), starts ``flashpoint serve`` on 127.0.0.1 and a free port in its own
process, and runs ``--clients`` concurrent HTTP clients for ``--seconds`` (bounded
in time and in requests: at most ``--max-requests``) over a weighted mix of
dashboard and API requests. Reports requests, throughput, error rate and
p50/p95/p99 latency overall and per endpoint. Exits 1 when any request failed.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

# (weight, path template); {doc} and {event} are filled from the store
MIX = [
    (10, "/api/events?limit=100"),
    (6, "/api/events?type=ASSAULT&limit=50"),
    (4, "/api/events?actor=RUS&since=2020-01-01&limit=50"),
    (6, "/api/documents?limit=50"),
    (8, "/api/documents/{doc}"),
    (4, "/api/events/{event}"),
    (5, "/api/map"),
    (4, "/api/network"),
    (4, "/api/timeline"),
    (4, "/api/actors?limit=50"),
    (3, "/api/incidents?limit=50"),
    (3, "/api/stats"),
    (3, "/api/facets"),
    (2, "/"),
    (2, "/static/js/main.js"),
]
PLACES = [("Kharkiv", "Ukraine", "Russian"), ("Gaza", "the Gaza Strip", "Israeli"), ("Aleppo", "Syria", "Turkish"),
          ("Khartoum", "Sudan", "Sudanese"), ("Goma", "Congo", "Rwandan"), ("Sanaa", "Yemen", "Saudi")]
MEETINGS = [("Iran", "Turkey", "Ankara"), ("France", "Germany", "Berlin"), ("China", "Russia", "Moscow"),
            ("India", "Pakistan", "Islamabad"), ("Egypt", "Qatar", "Doha")]


def article(i: int) -> str:
    city, country, force = PLACES[i % len(PLACES)]
    a, b, capital = MEETINGS[i % len(MEETINGS)]
    return (
        f"Dispatch {i}: {force} forces shelled {city} in {country} on March {1 + i % 28}, 2024, killing {3 + i} "
        f"civilians, local officials said.\n\nThe foreign minister of {a} met his counterpart from {b} in {capital} "
        f"to discuss a ceasefire. {a} accused {b} of supplying {10 + i} drones to armed groups."
    )


def build_store(db_file: Path, n: int) -> None:
    from flashpoint.config import Settings
    from flashpoint.ingest.run import ingest

    with tempfile.TemporaryDirectory(prefix="fp-load-") as tmp:
        for i in range(n):
            (Path(tmp) / f"dispatch_{i:03d}.txt").write_text(article(i), encoding="utf-8")
        ingest([tmp], Settings(db=str(db_file)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db_file: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "flashpoint.cli", "serve", "--db", str(db_file), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.latencies.setdefault(name, []).append(ms)
            if error:
                self.errors[name] = self.errors.get(name, 0) + 1
                if len(self.examples) < 5:
                    self.examples.append(f"{name}: {error}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def sample_ids(base: str) -> tuple[list[str], list[str]]:
    docs = [d["doc_key"] for d in httpx.get(f"{base}/api/documents?limit=200", timeout=30).json()["items"]]
    events = [e["id"] for e in httpx.get(f"{base}/api/events?limit=200", timeout=30).json()["items"]]
    return docs or ["none"], events or ["none:0"]


def client_loop(base: str, seed: int, until: float, budget: list[int], docs: list[str], events: list[str], results: Results) -> None:
    rng = random.Random(seed)
    weights = [w for w, _ in MIX]
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            with results.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            template = rng.choices([p for _, p in MIX], weights)[0]
            path = template.format(doc=rng.choice(docs), event=rng.choice(events))
            t0 = time.perf_counter()
            error = None
            try:
                response = client.get(path)
                response.read()
                if response.status_code != 200:
                    error = f"HTTP {response.status_code} {response.text[:120]}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            results.add(template, (time.perf_counter() - t0) * 1000, error)


def run(db_file: Path, clients: int, seconds: float, max_requests: int) -> dict[str, object]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db_file, port)
    try:
        docs, events = sample_ids(base)
        results = Results()
        budget = [max_requests]
        until = time.monotonic() + seconds
        t0 = time.perf_counter()
        threads = [
            threading.Thread(target=client_loop, args=(base, i, until, budget, docs, events, results), daemon=True)
            for i in range(clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=seconds + 60)
        elapsed = time.perf_counter() - t0
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    every = [ms for v in results.latencies.values() for ms in v]
    errors = sum(results.errors.values())
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": len(every),
        "errors": errors,
        "error_rate": round(errors / len(every), 4) if every else 0.0,
        "rps": round(len(every) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(every, 0.50), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "p99_ms": round(percentile(every, 0.99), 1),
        "max_ms": round(max(every), 1) if every else 0.0,
        "endpoints": {
            name: {"n": len(v), "errors": results.errors.get(name, 0), "p50_ms": round(percentile(v, 0.5), 1),
                   "p95_ms": round(percentile(v, 0.95), 1)}
            for name, v in sorted(results.latencies.items())
        },
        "error_examples": results.examples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 s, 4 clients, a 24-article store")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests in all")
    parser.add_argument("--articles", type=int, default=60, help="articles in the generated store")
    parser.add_argument("--db", help="use this store instead of generating one")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.clients, args.articles = min(args.seconds, 3.0), min(args.clients, 4), min(args.articles, 24)
    with tempfile.TemporaryDirectory(prefix="fp-load-db-") as tmp:
        db_file = Path(args.db) if args.db else Path(tmp) / "load.duckdb"
        if not args.db:
            t0 = time.perf_counter()
            build_store(db_file, args.articles)
            if not args.json:
                print(f"store: {args.articles} articles ingested in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        out = run(db_file, args.clients, args.seconds, args.max_requests)
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{out['requests']} requests in {out['seconds']} s from {out['clients']} clients on 127.0.0.1: "
              f"{out['rps']} req/s, errors {out['errors']} ({out['error_rate']:.2%})")
        print(f"latency p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms, p99 {out['p99_ms']} ms, max {out['max_ms']} ms")
        for name, e in out["endpoints"].items():  # type: ignore[union-attr]
            print(f"  {name:<50} n={e['n']:<6} p50 {e['p50_ms']:>7} ms  p95 {e['p95_ms']:>7} ms  errors {e['errors']}")
        for example in out["error_examples"]:  # type: ignore[union-attr]
            print(f"  error: {example}")
    return 1 if out["errors"] else 0


if __name__ == "__main__":
    os.environ.pop("FLASHPOINT_DB", None)
    sys.exit(main())
