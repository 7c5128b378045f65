"""An event page built from kept records is the page the straightforward query gives.

``/api/events`` reads the filter, the sort and the count as one narrow query and takes the
page's records from those kept for the store version (``reads._kept_event_page``; the one
page query while nothing is kept); these
tests compare its text, byte for byte, with the one-query page (``reads._event_page``) for a
spread of filters, pages and cache states, and check that kept records never outlive a write.
"""

from __future__ import annotations

import itertools

import pytest

from flashpoint.http import reads
from flashpoint.http.access import KeptRows, StoreAccess
from flashpoint.http.filters import EventFilter
from flashpoint.store import db
from test_http_support import build_store, scenario_docs

FILTERS = [
    {},
    {"happened": "all"},
    {"happened": "no"},
    {"actor": "IRN"},
    {"actor": "Hezbollah,AZE", "happened": "all"},
    {"source": "ARM", "target": "AZE"},
    {"type": "ASSAULT"},
    {"type": "ASSAULT,MOBILIZE", "quad": "4", "happened": "all"},
    {"cameo": "19"},
    {"modality": "intended,hypothetical"},
    {"since": "2021"},
    {"until": "2021-06", "happened": "all"},
    {"since": "2020-10", "until": "2022-12-31"},
    {"country": "ISR,AZE", "located": "true"},
    {"place": "a"},
    {"q": "shell"},
    {"doc": "strike.txt", "happened": "all"},
    {"min_confidence": "0.5"},
    {"min_confidence": "0.9"},
    {"actor": "nobody at all"},
]
PAGES = [(500, 0), (1, 0), (2, 1), (3, 2), (100, 5), (5, 1000)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = build_store(str(tmp_path_factory.mktemp("pages") / "store.duckdb"))
    with db.connect(path) as conn:
        db.write_batch(conn, scenario_docs())
    return path


def _pages(conn, kept: KeptRows) -> list[tuple[str, str]]:
    """(the straightforward page, the page through ``kept``) for every filter and page."""
    out = []
    for params, (limit, offset) in itertools.product(FILTERS, PAGES):
        flt = EventFilter.parse(**params)
        extra = {"filters": flt.summary()}
        plain = reads.events_json(conn, flt, limit=limit, offset=offset, extra=extra)
        out.append((plain, reads.events_json(conn, flt, limit=limit, offset=offset, extra=extra, kept=kept)))
    return out


def test_pages_through_kept_records_are_the_straightforward_pages(store: str) -> None:
    with db.connect(store, read_only=True) as conn:
        n_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert n_events >= 10
        shared = KeptRows(("v",), 1 << 20)
        seeded = KeptRows(("v",), 1 << 20)
        seeded.put_many({-1: "not a row"})  # not empty: every page reads row ids first, then its missing records
        for kept in (shared, shared, seeded, KeptRows(("v",), 600)):  # cold, warm, all missing, evicting
            pairs = _pages(conn, kept)
            for plain, through_kept in pairs:
                assert through_kept == plain
        assert len(shared) == n_events  # every event was on some page and is kept once
        assert any('"total":0' not in plain and '"items":[]' not in plain for plain, _ in pairs)  # not all empty


def test_an_event_without_its_document_is_left_off_both_pages_alike(store: str, tmp_path) -> None:
    path = str(tmp_path / "copy.duckdb")
    with db.connect(store, read_only=True) as conn:
        conn.execute(f"ATTACH '{path}' AS copy")
        conn.execute(f"COPY FROM DATABASE {db.catalog(conn)} TO copy")
        conn.execute("DETACH copy")
    with db.connect(path) as conn:
        gone = conn.execute("SELECT doc_key FROM documents ORDER BY doc_key LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM documents WHERE doc_key = ?", [gone])
    with db.connect(path, read_only=True) as conn:
        kept = KeptRows(("v",), 1 << 20)
        for plain, through_kept in _pages(conn, kept):
            assert through_kept == plain
        assert None in kept.get_many(list(range(100))).values()  # the record without a document is kept as absent


def test_kept_records_are_dropped_when_a_write_finishes(tmp_path) -> None:
    path = build_store(str(tmp_path / "s.duckdb"))
    access = StoreAccess(path, lock_timeout=5, linger=0.0)
    flt = EventFilter.parse(happened="all")

    def page() -> str:
        with access.reading() as conn:
            return reads.events_json(conn, flt, limit=100, offset=0, kept=access.rows())

    before = page()
    with access.reading():
        first = access.rows()
        assert len(first) > 0
    with db.connect(path) as conn:  # a write that changes a record the kept rows hold
        conn.execute("""UPDATE events SET record = json_merge_patch(record, '{"reason": "rewritten"}')
                        WHERE event_id = (SELECT min(event_id) FROM events)""")
    after = page()
    assert after != before and '"reason":"rewritten"' in after
    with access.reading() as conn:
        assert access.rows() is not first
        assert after == reads.events_json(conn, flt, limit=100, offset=0)
    access.close()


def test_rows_are_only_for_a_request_that_reads(tmp_path) -> None:
    access = StoreAccess(build_store(str(tmp_path / "s.duckdb")), lock_timeout=5, linger=0.0)
    with pytest.raises(RuntimeError, match="while reading"):
        access.rows()
