"""Exports of the documents table: JSONL, CSV and Parquet carry the contract columns, and
every row's ``doc`` follows the rule: the record's ``id``, else its ``url``, else the path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flashpoint.config import Settings
from flashpoint.errors import InputError, StoreError
from flashpoint.ingest.run import ingest
from flashpoint.pipeline import Pipeline
from flashpoint.store.export import export
from test_store import RegexSentences

REQUIRED = {"doc", "title", "text", "url", "outlet", "published", "dateline"}
BODY = "TEHRAN – Iran held drills near the border on Friday. Baku protested."


@pytest.fixture()
def store(tmp_path: Path, tmp_db: str) -> str:
    records = [
        {"id": "rec-1", "url": "https://news.example/1", "title": "With id", "published": "2021-10-01T09:00:00Z",
         "outlet": "Example News", "text": BODY.replace("Friday", "Monday")},
        {"url": "https://news.example/2", "title": "With url", "text": BODY.replace("Friday", "Tuesday")},
        {"title": "Neither", "text": BODY.replace("Friday", "Wednesday")},
    ]
    (tmp_path / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (tmp_path / "plain.txt").write_text("A headline for the plain file\n\n" + BODY, encoding="utf-8")
    report = ingest(
        [str(tmp_path / "records.jsonl"), str(tmp_path / "plain.txt")],
        Settings(db=tmp_db),
        pipeline=Pipeline([RegexSentences()]),
    )
    assert report.stored == 4 and not report.skipped
    return tmp_db


def expected_docs(tmp_path: Path) -> set[str]:
    return {"rec-1", "https://news.example/2", f"{tmp_path / 'records.jsonl'}#3", str(tmp_path / "plain.txt")}


def test_jsonl_documents_have_the_contract_and_the_doc_rule(store: str, tmp_path: Path) -> None:
    out = io.StringIO()
    assert export("documents", "jsonl", out=out, db_file=store) == 4
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert all(set(r) >= REQUIRED for r in rows)
    assert {r["doc"] for r in rows} == expected_docs(tmp_path)
    by_doc = {r["doc"]: r for r in rows}
    first = by_doc["rec-1"]
    assert (first["title"], first["url"], first["outlet"], first["published"], first["dateline"]) == (
        "With id", "https://news.example/1", "Example News", "2021-10-01", "Tehran")
    assert first["text"].startswith("Iran held drills")
    assert by_doc[str(tmp_path / "plain.txt")]["title"] == "A headline for the plain file"


def test_csv_documents_round_trip(store: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "documents.csv"
    assert export("documents", "csv", path=str(target), db_file=store) == 4
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert set(rows[0]) >= REQUIRED
    assert {r["doc"] for r in rows} == expected_docs(tmp_path)
    assert all("\n" not in r["doc"] and r["text"] for r in rows)


def test_parquet_documents_have_the_contract_columns(store: str, tmp_path: Path) -> None:
    target = tmp_path / "documents.parquet"
    assert export("documents", "parquet", path=str(target), db_file=store) == 4
    table = pq.read_table(target)
    assert set(table.column_names) >= REQUIRED
    assert set(table.column("doc").to_pylist()) == expected_docs(tmp_path)


def test_skipped_table_exports(tmp_path: Path, tmp_db: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    ingest([str(tmp_path / "empty.txt")], Settings(db=tmp_db), pipeline=Pipeline([RegexSentences()]))
    out = io.StringIO()
    assert export("skipped", "jsonl", out=out, db_file=tmp_db) == 1
    row = json.loads(out.getvalue())
    assert (row["item"], row["stage"], row["code"]) == (str(tmp_path / "empty.txt"), "read", "empty")


def test_export_errors_are_library_errors(store: str, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        export("nope", "jsonl", out=io.StringIO(), db_file=store)
    with pytest.raises(InputError):
        export("documents", "xml", out=io.StringIO(), db_file=store)
    with pytest.raises(InputError):
        export("documents", "parquet", db_file=store)
    with pytest.raises(StoreError):
        export("documents", "jsonl", out=io.StringIO(), db_file=str(tmp_path / "missing.duckdb"))
