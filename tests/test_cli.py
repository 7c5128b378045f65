"""The ``flashpoint`` command end to end, in subprocesses, with the real pipeline.

Kept to a few runs (each loads spaCy): the seeds twice, one folder of hostile input plus
stdin, a Ctrl-C, and the error paths that never reach the pipeline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from test_store import wait_for_documents

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "flashpoint.cli"]
GOOD = "Azerbaijan and Iran exchanged warnings on Friday. Baku said the drills were a provocation.\n"


def run(*args: str, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_DB"}
    return subprocess.run(
        [*CLI, *args], input=stdin, capture_output=True, text=True, timeout=timeout, cwd=str(REPO), env=env
    )


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout


def test_seeds_twice_leave_two_documents_that_pass_the_clean_gold(seeds_dir: Path, shared_dir: Path, tmp_db: str) -> None:
    first = run("ingest", str(seeds_dir), "--db", tmp_db, "--quiet")
    assert first.returncode == 0, first.stderr
    assert first.stderr == "", "a quiet ingest that skips nothing prints nothing else (not even at exit)"
    assert "stored 2, already present 0, skipped 0" in first.stdout
    second = run("ingest", str(seeds_dir), "--db", tmp_db, "--quiet")
    assert second.returncode == 0
    assert "stored 0, already present 2, skipped 0" in second.stdout

    stats = run("stats", "--db", tmp_db, "--json")
    assert stats.returncode == 0 and json.loads(stats.stdout)["documents"] == 2

    exported = run("export", "--table", "documents", "--format", "jsonl", "--db", tmp_db)
    assert exported.returncode == 0
    rows = {Path(r["doc"]).stem: r for r in map(json.loads, exported.stdout.splitlines())}
    gold = json.loads((shared_dir / "gold" / "seeds.clean.json").read_text(encoding="utf-8"))
    assert set(rows) == set(gold)
    for name, expect in gold.items():
        row = rows[name]
        assert row["doc"] == str(seeds_dir / f"{name}.txt")
        assert all(t not in row["text"] for t in expect["must_drop"])
        assert all(t in row["text"] for t in expect["must_keep"])
        assert row["title"] == expect["title"] and expect["title"] not in row["text"]
    for fmt in ("csv", "parquet"):
        target = Path(tmp_db).with_suffix(f".{fmt}")
        out = run("export", "--table", "documents", "--format", fmt, "--db", tmp_db, "-o", str(target))
        assert out.returncode == 0 and target.stat().st_size > 0
        assert "wrote 2 documents rows" in out.stderr


def test_hostile_folder_and_stdin(tmp_path: Path, tmp_db: str) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Border talks stall\n\n" + GOOD, encoding="utf-8")
    (corpus / "latin1.txt").write_bytes(("Café talks in Genève\n\nThe délégation left Genève on Friday. " + GOOD).encode("latin-1"))
    (corpus / "utf16.txt").write_bytes(("Talks in Kyiv\n\nKyiv said the talks would resume. " + GOOD).encode("utf-16"))
    (corpus / "random.txt").write_bytes(os.urandom(4096))
    (corpus / "empty.txt").write_bytes(b"")
    with (corpus / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    scripts = "".join(f"<script>var leak{i} = 'SCRIPT-LEAK-{i}'; document.write('SCRIPT-LEAK');</script>" for i in range(300))
    (corpus / "scripts.html").write_text(
        f"<html><head>{scripts}</head><body>{scripts}<article><h1>Drills</h1><p>{GOOD * 3}</p></article>{scripts}</body></html>",
        encoding="utf-8",
    )
    (corpus / "types.json").write_text(json.dumps([{"id": ["x"], "text": GOOD}, {"id": "ok-1", "text": "Moscow " + GOOD}]))
    (corpus / "lines.jsonl").write_text(
        json.dumps({"id": "ok-2", "text": "Ankara " + GOOD}) + "\n{broken json\n" + json.dumps({"id": "ok-3", "text": "Yerevan " + GOOD}) + "\n"
    )
    proc = run("ingest", str(corpus), "-", "--db", tmp_db, stdin="Stdin headline here\n\nTbilisi said the talks went well. " + GOOD)
    no_traceback(proc)
    assert proc.returncode == 1
    expected_skips = {
        f"{corpus / 'random.txt'}": "binary",
        f"{corpus / 'empty.txt'}": "empty",
        f"{corpus / 'huge.txt'}": "too_large",
        f"{corpus / 'types.json'}#0": "bad_field",
        f"{corpus / 'lines.jsonl'}#2": "bad_json",
    }
    for item, code in expected_skips.items():
        assert f"skipped {item}: " in proc.stderr and f"[{code}]" in proc.stderr, (item, proc.stderr)
    assert f"skipped {len(expected_skips)}" in proc.stdout and "stored 8" in proc.stdout

    skipped = run("export", "--table", "skipped", "--format", "jsonl", "--db", tmp_db)
    assert {(r["item"], r["code"]) for r in map(json.loads, skipped.stdout.splitlines())} == set(expected_skips.items())
    docs = {r["doc"]: r for r in map(json.loads, run("export", "--table", "documents", "--db", tmp_db).stdout.splitlines())}
    assert {"ok-1", "ok-2", "ok-3", "-", str(corpus / "good.txt"), str(corpus / "scripts.html")} <= set(docs)
    assert "délégation left Genève" in docs[str(corpus / "latin1.txt")]["text"]
    assert "Kyiv said the talks would resume." in docs[str(corpus / "utf16.txt")]["text"]
    assert all("SCRIPT-LEAK" not in d["text"] and "leak0" not in d["text"] for d in docs.values())


def test_ctrl_c_stops_cleanly_and_keeps_whole_documents(tmp_path: Path, tmp_db: str) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"{i:03d}.txt").write_text(f"Report {i} headline\n\nCheckpoint {i} was shelled on Friday, officials said. {GOOD}")
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_DB"}
    proc = subprocess.Popen(
        [*CLI, "ingest", str(corpus), "--db", tmp_db, "--quiet", "--batch-size", "4"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(REPO), env=env,
    )
    wait_for_documents(tmp_db, 4)  # spaCy has loaded and a batch is written
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (out, err)
    assert "interrupted" in err and "Traceback" not in err
    stats = run("stats", "--db", tmp_db, "--json")
    counts = json.loads(stats.stdout)
    assert counts["documents"] < 400
    if counts["documents"]:
        assert counts["sentences"] >= counts["documents"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("export", "--table", "documents", "--db", "{missing}"), 3, "no store at"),
        (("stats", "--db", "{missing}"), 3, "no store at"),
        (("export", "--table", "documents", "--format", "parquet", "--db", "{missing}"), 2, "needs an output path"),
        ((), 2, "usage"),
    ],
)
def test_error_paths_exit_with_their_codes_and_no_traceback(tmp_path: Path, args: tuple[str, ...], code: int, message: str) -> None:
    proc = run(*(a.format(missing=tmp_path / "missing.duckdb") for a in args))
    no_traceback(proc)
    assert proc.returncode == code
    assert message in (proc.stderr + proc.stdout)
