"""API latency under a bounded load: p50/p95 of filtered event queries against 100k events.

    python bench/api_latency.py [--quick] [--events 100000] [--clients 8] [--seconds 10] [--no-writer]

Builds a synthetic store (documents, events with actors, types, dates and places,
generated in SQL so it takes seconds), starts the server on 127.0.0.1 in its own
process, runs ``--clients`` concurrent clients issuing filtered ``/api/events``
queries for ``--seconds`` (bounded in time and count), and prints p50/p95/p99 and the
error rate. The baseline in the same run is the same queries straight against DuckDB:
once on a connection kept open (the query alone) and once opening a read-only
connection per query. Meanwhile a writer process opens the store read-write every
0.5 s (as an ingest batch would): its turns and its wait for the file are reported.
Target: p95 < 100 ms. Only loopback is used.

    python bench/api_latency.py --against /tmp/old/src --rounds 3 --both [--distinct]

alternates this code with another checkout's (server and writer both), with and
without the writer, and prints every run and the spread, with the server's CPU per
request (read from /proc: what a request costs, which other jobs on the machine move
much less than the latencies). ``--distinct`` makes every request a question the server has not
answered before (kept answers cannot help).
The server is warmed up (one request) before the clock starts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from flashpoint.http import reads
from flashpoint.http.filters import EventFilter
from flashpoint.store import db

COUNTRIES = [
    "IRN",
    "AZE",
    "ARM",
    "TUR",
    "RUS",
    "UKR",
    "ISR",
    "USA",
    "GEO",
    "SYR",
    "IRQ",
    "SAU",
    "CHN",
    "FRA",
    "GBR",
    "DEU",
    "PAK",
    "IND",
    "AFG",
    "LBN",
    "YEM",
    "EGY",
    "JOR",
    "QAT",
    "ARE",
    "KAZ",
    "TKM",
    "BLR",
    "POL",
    "ROU",
]
TYPES = [
    ("ASSAULT", "190", 4, -10.0),
    ("MOBILIZE", "152", 4, -7.2),
    ("ACCUSE", "112", 3, -2.0),
    ("THREATEN", "138", 3, -7.0),
    ("CONSULT", "040", 1, 1.0),
    ("AGREE", "057", 1, 8.0),
    ("SUPPORT", "051", 1, 3.4),
    ("AID", "070", 2, 7.0),
    ("COERCE", "170", 4, -7.0),
    ("SANCTION", "163", 3, -8.0),
]
MODALITIES = ["asserted", "asserted", "asserted", "reported", "claimed", "intended", "hypothetical", "negated"]
QUERIES = [
    {"actor": "IRN"},
    {"actor": "AZE", "type": "ASSAULT"},
    {"source": "RUS", "target": "UKR"},
    {"type": "MOBILIZE,THREATEN", "since": "2022-01-01"},
    {"actor": "ARM", "since": "2021-06", "until": "2021-12"},
    {"modality": "claimed", "actor": "TUR"},
    {"country": "ISR", "located": "true"},
    {"place": "city 17"},
    {"q": "shelled"},
    {"actor": "GEO", "type": "CONSULT,AGREE", "limit": "50"},
]


def build_store(path: str, n_events: int) -> None:
    """Documents and events generated in SQL (deterministic: hash of the row number)."""
    n_docs = max(1, n_events // 10)
    with db.connect(path) as conn:
        conn.execute(
            "CREATE TEMP TABLE c AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS i",
            [COUNTRIES, COUNTRIES],
        )
        conn.execute(
            "CREATE TEMP TABLE t AS SELECT * FROM (SELECT unnest(?) AS plover, unnest(?) AS cameo, unnest(?) AS quad, "
            "unnest(?) AS goldstein, generate_subscripts(?, 1) - 1 AS i)",
            [
                [t[0] for t in TYPES],
                [t[1] for t in TYPES],
                [t[2] for t in TYPES],
                [t[3] for t in TYPES],
                [t[0] for t in TYPES],
            ],
        )
        conn.execute(
            "CREATE TEMP TABLE m AS SELECT unnest(?) AS modality, generate_subscripts(?, 1) - 1 AS i",
            [MODALITIES, MODALITIES],
        )
        conn.execute(
            """INSERT INTO documents (doc_key, doc, title, text, outlet, published, n_chars)
               SELECT 'k' || i, 'bench/' || i || '.txt', 'Synthetic report ' || i,
                      repeat('Forces shelled positions near the border, officials said. ', 8),
                      'Bench Wire', strftime(DATE '2020-01-01' + CAST(hash(i) % 1460 AS INTEGER), '%Y-%m-%d'), 480
               FROM range(?) r(i)""",
            [n_docs],
        )
        conn.execute(
            f"""INSERT INTO events (event_id, doc_key, idx, start, "end", evidence, source_country, source_name,
                    source_text, target_country, target_name, target_text, plover, cameo, goldstein, quad_class,
                    modality, confidence, reason, date, date_granularity, location, record)
                WITH g AS (
                  SELECT i, i % {n_docs} AS d, i // {n_docs} AS idx,
                         hash(i) % 30 AS s, (hash(i) // 30 + 1 + hash(i * 7) % 29) % 30 AS tg,
                         hash(i * 3) % 10 AS ty, hash(i * 5) % 8 AS mo, hash(i * 11) % 100 AS loc,
                         strftime(DATE '2020-01-01' + CAST(hash(i * 13) % 1460 AS INTEGER), '%Y-%m-%d') AS date
                  FROM range(?) r(i))
                SELECT 'k' || d || ':' || idx, 'k' || d, idx, 0, 56,
                       CASE WHEN ty = 0 THEN 'Forces shelled positions near the border, officials said.'
                            ELSE 'Officials met to discuss the border.' END,
                       sc.code, sc.code, sc.code, tc.code, tc.code, tc.code, t.plover, t.cameo, t.goldstein, t.quad,
                       m.modality, 0.7, 'synthetic', g.date, 'day',
                       CASE WHEN loc < 60 THEN json_object('name', 'City ' || (loc % 40), 'country', sc.code,
                            'lat', 25 + (loc % 40) * 0.7, 'lon', 30 + (hash(loc) % 40) * 0.9) END,
                       json_object('start', 0, 'end', 56, 'evidence', 'Forces shelled positions near the border.',
                                   'source', json_object('country', sc.code, 'text', sc.code),
                                   'target', json_object('country', tc.code, 'text', tc.code),
                                   'plover', t.plover, 'cameo', t.cameo, 'goldstein', t.goldstein,
                                   'quad_class', t.quad, 'modality', m.modality, 'date', g.date)
                FROM g JOIN c sc ON sc.i = g.s JOIN c tc ON tc.i = g.tg JOIN t ON t.i = g.ty JOIN m ON m.i = g.mo""",
            [n_events],
        )
        # the narrow event columns, filled as the writer fills them (the migration's backfill)
        conn.execute(next(sql for version, _, sql in db.migrations() if version == 70))
        conn.execute("CHECKPOINT")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def summary(label: str, ms: list[float], errors: int = 0, seconds: float | None = None) -> str:
    rate = f"  {len(ms) / seconds:7.1f} req/s" if seconds else ""
    err = f"  errors {errors}/{len(ms) + errors} ({100 * errors / max(1, len(ms) + errors):.2f}%)" if seconds else ""
    return (
        f"{label:<42} n={len(ms):<6} p50 {percentile(ms, 50):7.2f} ms  p95 {percentile(ms, 95):7.2f} ms  "
        f"p99 {percentile(ms, 99):7.2f} ms{rate}{err}"
    )


def baseline(path: str, rounds: int) -> tuple[list[float], list[float]]:
    """The same queries straight against DuckDB: kept connection, and one read-only open per query."""
    filters = [
        (
            EventFilter.parse(
                **{k: v for k, v in q.items() if k not in ("limit", "located")}, located=q.get("located") == "true"
            ),
            int(q.get("limit", 100)),
        )
        for q in QUERIES
    ]
    kept, per_query = [], []
    with db.connect(path, read_only=True) as conn:
        for _ in range(rounds):
            for flt, limit in filters:
                t0 = time.perf_counter()
                reads.events(conn, flt, limit=limit, offset=0)
                kept.append((time.perf_counter() - t0) * 1000)
    for _ in range(rounds):
        for flt, limit in filters:
            t0 = time.perf_counter()
            with db.connect(path, read_only=True) as conn:
                reads.events(conn, flt, limit=limit, offset=0)
            per_query.append((time.perf_counter() - t0) * 1000)
    return kept, per_query


async def load(
    base: str, clients: int, seconds: float, max_requests: int, distinct: bool = False
) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    issued = 0

    async def client(worker: int) -> None:
        nonlocal errors, issued
        async with httpx.AsyncClient(base_url=base, timeout=10.0) as http:
            i = worker
            while time.monotonic() < stop and issued < max_requests:
                issued += 1
                params = {"limit": "100", **QUERIES[i % len(QUERIES)]}
                if distinct:  # a confidence floor below every stored one: the same events, a question not asked before
                    params["min_confidence"] = f"{issued / 1e7:.7f}"
                i += 1
                t0 = time.perf_counter()
                try:
                    response = await http.get("/api/events", params=params)
                    ok = response.status_code == 200 and "items" in response.json()
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append((time.perf_counter() - t0) * 1000)
                else:
                    errors += 1

    t0 = time.monotonic()
    await asyncio.gather(*(client(w) for w in range(clients)))
    return latencies, errors, time.monotonic() - t0


WRITER = """
import json, sys, time
from flashpoint.store import db
path, seconds = sys.argv[1], float(sys.argv[2])
stop = time.monotonic() + seconds
waits = []
while time.monotonic() < stop:
    t0 = time.perf_counter()
    with db.connect(path, lock_timeout=60) as conn:
        waits.append((time.perf_counter() - t0) * 1000)
        conn.execute("INSERT INTO skipped (item, stage, code, detail) VALUES ('bench', 'bench', 'bench', 'writer probe')")
    time.sleep(0.5)
print(json.dumps(waits))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Run:
    code: str  # "this" or "against"
    writer: bool
    latencies: list[float]
    errors: int
    elapsed: float
    waits: list[float]
    load_before: float
    load_after: float
    server_cpu: float | None = None  # seconds of CPU the server process used during the load (Linux)

    @property
    def cpu_per_request(self) -> float | None:
        """Server CPU per answered request, in ms: what a request costs, much less moved by other
        jobs on the machine than the latencies are (they wait for the CPU; this counts its use)."""
        n = len(self.latencies) + self.errors
        return self.server_cpu / n * 1000 if self.server_cpu is not None and n else None


def process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` and its threads so far (None where /proc is missing)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def code_env(src: str | None) -> dict[str, str]:
    """The environment that runs the server and the writer from ``src`` (another checkout's src/), if given."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = os.pathsep.join(x for x in (str(Path(src).resolve()), env.get("PYTHONPATH")) if x)
    return env


def measure(path: str, src: str | None, writer: bool, args: argparse.Namespace, seconds: float) -> Run | None:
    """Start a server (from ``src`` if given), warm it up, load it for ``seconds`` (with the writer beside it)."""
    port = free_port()
    env = code_env(src)
    code = (
        "import uvicorn; from flashpoint.config import Settings; from flashpoint.http import create_app; "
        f"uvicorn.run(create_app(Settings(db={path!r})), host='127.0.0.1', port={port}, "
        "log_level='warning', access_log=False)"
    )
    server = subprocess.Popen([sys.executable, "-c", code], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:  # also the warm-up: the actor names load and the store opens before the clock starts
                if httpx.get(base + "/api/events", params={"actor": "Iran", "limit": "1"}, timeout=10).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("server did not start", file=sys.stderr)
                return None
            time.sleep(0.2)
        load_before = os.getloadavg()[0]
        probe = (
            subprocess.Popen([sys.executable, "-c", WRITER, path, str(seconds)], stdout=subprocess.PIPE, text=True,
                             env=env)
            if writer
            else None
        )
        cpu_before = process_cpu(server.pid)
        latencies, errors, elapsed = asyncio.run(load(base, args.clients, seconds, args.max_requests, args.distinct))
        cpu_after = process_cpu(server.pid)
        waits = json.loads(probe.communicate(timeout=120)[0] or "[]") if probe else []
    finally:
        server.terminate()
        server.wait(timeout=10)
    used = cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    return Run("against" if src else "this", writer, latencies, errors, elapsed, waits, load_before,
               os.getloadavg()[0], used)


def describe(run: Run, names: dict[str, str], clients: int) -> list[str]:
    label = f"[{names[run.code]}, {'writer' if run.writer else 'no writer'}] HTTP, {clients} clients"
    cpu = f"  server CPU {run.cpu_per_request:.1f} ms/request" if run.cpu_per_request is not None else ""
    lines = [summary(label, run.latencies, run.errors, run.elapsed) + f"  load {run.load_before:.1f}" + cpu]
    if run.writer:
        if run.waits:
            lines.append(
                f"{'':4}writer: {len(run.waits)} turns, wait to open read-write p50 {percentile(run.waits, 50):.0f} ms, "
                f"max {max(run.waits):.0f} ms"
            )
        else:
            lines.append(f"{'':4}writer: 0 turns (it never got the file)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 s of load instead of 10")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--max-requests", type=int, default=50_000)
    writers = parser.add_mutually_exclusive_group()
    writers.add_argument(
        "--no-writer",
        dest="writer",
        action="store_const",
        const="off",
        default="on",
        help="skip the writer that opens the store read-write every 0.5 s during the load",
    )
    writers.add_argument("--both", dest="writer", action="store_const", const="both",
                         help="each round once with the writer and once without")
    parser.add_argument("--distinct", action="store_true",
                        help="no two requests alike (a different confidence floor each, below every stored one): "
                             "what a question the server has not answered before costs")
    parser.add_argument("--against", metavar="SRC",
                        help="also run the server and the writer from this source folder (the src/ of another "
                             "checkout, e.g. `git archive main src | tar -x -C /tmp/old`: /tmp/old/src), alternating")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the measurements (alternating with --against)")
    parser.add_argument("--db", help="reuse or create the store here (default: a temporary folder)")
    args = parser.parse_args()
    seconds = args.seconds or (3.0 if args.quick else 10.0)
    names = {"this": "this code", "against": f"against {args.against}"}

    with tempfile.TemporaryDirectory(prefix="fp-bench-") as tmp:
        path = args.db or str(Path(tmp) / "bench.duckdb")
        if not os.path.exists(path):
            t0 = time.perf_counter()
            build_store(path, args.events)
            print(f"built store: {args.events} events in {time.perf_counter() - t0:.1f} s ({path})")
        with db.connect(path, read_only=True) as conn:
            n = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        print(
            f"store: {n} events; {args.clients} clients for {seconds:.0f} s on 127.0.0.1; "
            f"{len(QUERIES)} filtered /api/events queries in rotation (limit 100)"
            + ("; every request distinct" if args.distinct else "")
        )
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run (other work slows every figure)")

        kept, per_query = baseline(path, rounds=3 if args.quick else 10)
        t0 = time.perf_counter()
        for _ in range(20):
            with db.connect(path, read_only=True):
                pass
        open_ms = (time.perf_counter() - t0) / 20 * 1000
        print(summary("baseline: DuckDB, connection kept", kept))
        print(summary("baseline: DuckDB, read-only open per query", per_query))
        print(f"{'read-only connect + close alone':<42} mean {open_ms:.2f} ms")

        modes = {"on": [True], "off": [False], "both": [True, False]}[args.writer]
        codes = [None, args.against] if args.against else [None]
        runs: list[Run] = []
        for r in range(args.rounds):
            order = codes if r % 2 == 0 else codes[::-1]  # alternate who goes first
            for writer in modes:
                for src in order:
                    run = measure(path, src, writer, args, seconds)
                    if run is None:
                        return 1
                    runs.append(run)
                    print("\n".join(describe(run, names, args.clients)), flush=True)

        print(f"\nsummary over {args.rounds} round(s), load average {os.getloadavg()[0]:.1f} now:")
        for writer in modes:
            for src in codes:
                mine = [x for x in runs if x.writer == writer and x.code == ("against" if src else "this")]
                p95s = sorted(percentile(x.latencies, 95) for x in mine)
                line = (f"  {names['against' if src else 'this']}, {'with' if writer else 'without'} the writer: "
                        f"p95 {' / '.join(f'{v:.0f}' for v in p95s)} ms (median {statistics.median(p95s):.0f})")
                cpus = sorted(c for c in (x.cpu_per_request for x in mine) if c is not None)
                if cpus:
                    line += f"; server CPU {' / '.join(f'{v:.1f}' for v in cpus)} ms/request"
                if writer:
                    turns = [len(x.waits) for x in mine]
                    p50s = [percentile(x.waits, 50) for x in mine if x.waits]
                    maxes = [max(x.waits) for x in mine if x.waits]
                    line += (f"; writer turns {'/'.join(map(str, turns))}, wait p50 "
                             f"{'/'.join(f'{v:.0f}' for v in p50s)} ms, max {'/'.join(f'{v:.0f}' for v in maxes)} ms")
                print(line)
        for writer in modes:
            mine = [x for x in runs if x.code == "this" and x.writer == writer]
            p95 = statistics.median(percentile(x.latencies, 95) for x in mine)
            print(f"target p95 < 100 ms, this code {'with' if writer else 'without'} the writer (median of "
                  f"{len(mine)} run(s)): {'met' if p95 < 100 else 'NOT met'} ({p95:.1f} ms)")
        print(f"load average {os.getloadavg()[0]:.1f} after the run")
        return 1 if any(x.errors for x in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
