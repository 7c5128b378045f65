"""A short bounded load test: ``bench/load.py`` against ``flashpoint serve`` on loopback, no errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from failures import record

REPO = Path(__file__).resolve().parents[1]


def test_serve_under_concurrent_clients_has_no_errors(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_DB"}
    cmd = [sys.executable, str(REPO / "bench" / "load.py"), "--quick", "--seconds", "3", "--clients", "4", "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["requests"] >= 20, out
    assert out["errors"] == 0, out["error_examples"]
    assert done.returncode == 0
    assert set(out["endpoints"]) >= {"/api/events?limit=100", "/api/documents/{doc}", "/api/map", "/"}
    assert out["p95_ms"] < 5000, out
    record(
        "load",
        "concurrent clients against `flashpoint serve`",
        f"bench/load.py --quick: {out['clients']} clients for {out['seconds']} s on 127.0.0.1, 15 dashboard/API endpoints, a 24-article ingested store",
        f"{out['requests']} requests ({out['rps']} req/s), {out['errors']} errors; p50 {out['p50_ms']} ms, "
        f"p95 {out['p95_ms']} ms, p99 {out['p99_ms']} ms on a shared 2-core machine",
    )
