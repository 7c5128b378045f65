"""Partitioned Parquet export: a Hive dataset other engines can read, partial dates included."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from flashpoint.cli import main
from flashpoint.errors import InputError
from flashpoint.records import ActorRef, Article, Doc, Event
from flashpoint.store import db
from flashpoint.store.export import export

# (event date, the partition it belongs in)
DATES = [
    ("2021-09-14", "2021-09"),
    ("2021-09", "2021-09"),
    ("2021-10-01", "2021-10"),
    ("2021", "2021"),
    ("--10-21", "unknown"),
    (None, "unknown"),
    ("", "unknown"),
]


def stored(tmp_db: str) -> None:
    docs = []
    for i, (date, _) in enumerate(DATES):
        text = f"Iran shelled positions near the border, report {i}. Azerbaijan protested."
        article = Article(key=hashlib.sha256(text.encode()).hexdigest()[:24], doc=f"doc-{i}", text=text,
                          published="2021-10-02" if i % 2 else None)
        event = Event(0, 40, text[:40], ActorRef("IRN", "MIL", text="Iran"), ActorRef("AZE", text="Azerbaijan"),
                      plover="ASSAULT" if i % 3 else "PROTEST", date=date, reason="test")
        docs.append(Doc(article=article, events=(event,)))
    with db.connect(tmp_db) as conn:
        db.write_batch(conn, docs)


def read_back(folder: Path) -> list[tuple[str, int]]:
    with duckdb.connect() as conn:
        return conn.execute(
            "SELECT CAST(date_part AS VARCHAR), count(*) FROM read_parquet(?, hive_partitioning = true) "
            "GROUP BY 1 ORDER BY 1",
            [str(folder / "**" / "*.parquet")],
        ).fetchall()


def expected() -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for _, part in DATES:
        counts[part] = counts.get(part, 0) + 1
    return sorted(counts.items())


def test_events_partitioned_by_date_read_back_by_duckdb(tmp_db: str, tmp_path: Path) -> None:
    stored(tmp_db)
    out = tmp_path / "events"
    n = export("events", "parquet", path=str(out), partition_by="date", db_file=tmp_db)
    assert n == len(DATES)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"date_part={p}" for p, _ in expected())
    assert read_back(out) == expected()
    with duckdb.connect() as conn:  # the original columns survive, partial dates intact
        dates = conn.execute(
            "SELECT date FROM read_parquet(?, hive_partitioning = true) WHERE date_part = 'unknown' ORDER BY date",
            [str(out / "**" / "*.parquet")],
        ).fetchall()
    assert sorted(d[0] or "" for d in dates) == ["", "", "--10-21"]


def test_dataset_is_readable_by_arrow_as_hive(tmp_db: str, tmp_path: Path) -> None:
    """What Spark/Trino see: plain Hive folders of Parquet files."""
    stored(tmp_db)
    out = tmp_path / "events"
    export("events", "parquet", path=str(out), partition_by="date", db_file=tmp_db)
    table = ds.dataset(str(out), format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(DATES)
    parts = table.column("date_part").to_pylist()
    assert sorted(str(p) for p in parts) == sorted(p for _, p in DATES)


def test_cli_re_export_replaces_the_dataset_without_duplicates(tmp_db: str, tmp_path: Path) -> None:
    stored(tmp_db)
    out = tmp_path / "events"
    args = ["export", "--db", tmp_db, "--table", "events", "--format", "parquet", "--partition-by", "date", "-o", str(out)]
    assert main(args) == 0
    assert main(args) == 0
    assert read_back(out) == expected()


def test_documents_by_published_and_events_by_plover(tmp_db: str, tmp_path: Path) -> None:
    stored(tmp_db)
    docs_out, by_type = tmp_path / "docs", tmp_path / "by_type"
    export("documents", "parquet", path=str(docs_out), partition_by="published", db_file=tmp_db)
    assert sorted(p.name for p in docs_out.iterdir()) == ["published_part=2021-10", "published_part=unknown"]
    export("events", "parquet", path=str(by_type), partition_by="plover", db_file=tmp_db)
    assert sorted(p.name for p in by_type.iterdir()) == ["plover_part=ASSAULT", "plover_part=PROTEST"]


def test_refuses_unknown_column_and_a_folder_with_other_files(tmp_db: str, tmp_path: Path) -> None:
    stored(tmp_db)
    with pytest.raises(InputError, match="cannot partition"):
        export("events", "parquet", path=str(tmp_path / "x"), partition_by="nope", db_file=tmp_db)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="other files"):
        export("events", "parquet", path=str(busy), partition_by="date", db_file=tmp_db)
    assert (busy / "notes.txt").read_text(encoding="utf-8") == "keep me"
