"""Readers and decoding: every input format, folders, stdin, the doc-key rules, and hostile input.

A reader never raises for a bad item: it yields a Skip naming the item and a stable code.
"""

from __future__ import annotations

import io
import json
import os
import random
import time
from pathlib import Path

import pytest

from flashpoint.config import Settings
from flashpoint.ingest.decode import DecodeError, decode_bytes
from flashpoint.ingest.feeds import feed_items
from flashpoint.ingest.readers import iter_items, parse_bytes, record_item
from flashpoint.records import Item, Skip

ARTICLE = "Iran held drills near the Azerbaijani border on Friday, the defence ministry said.\n"


def items(paths: list[str], settings: Settings | None = None, stdin: bytes | None = None) -> list[Item | Skip]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(iter_items(paths, settings or Settings(), stdin=stream))


def only(results: list[Item | Skip]) -> Item | Skip:
    assert len(results) == 1, results
    return results[0]


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize("suffix", [".txt", ".md", ".text", ".markdown"])
def test_plain_text_files_become_text_items(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_text(ARTICLE, encoding="utf-8")
    item = only(items([str(path)]))
    assert isinstance(item, Item)
    assert item.text == ARTICLE and item.html is None
    assert item.origin == str(path) and item.doc == str(path)


@pytest.mark.parametrize("suffix", [".html", ".htm", ".xhtml"])
def test_html_files_become_html_items(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page{suffix}"
    path.write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    item = only(items([str(path)]))
    assert isinstance(item, Item) and item.html and item.text is None


def test_json_object_carries_all_metadata(tmp_path: Path) -> None:
    record = {
        "id": "rec-1", "url": "https://example.org/a", "title": "Drills", "published": "2021-10-01",
        "outlet": "Example News", "text": ARTICLE,
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    item = only(items([str(path)]))
    assert isinstance(item, Item)
    assert (item.id, item.url, item.title, item.published, item.outlet) == (
        "rec-1", "https://example.org/a", "Drills", "2021-10-01", "Example News")
    assert item.text == ARTICLE and item.doc == "rec-1"


def test_json_list_gives_one_item_per_record_with_numbered_origins(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": ARTICLE}, {"html": f"<p>{ARTICLE}</p>"}]), encoding="utf-8")
    first, second = items([str(path)])
    assert isinstance(first, Item) and isinstance(second, Item)
    assert (first.origin, second.origin) == (f"{path}#0", f"{path}#1")
    assert first.text and second.html


def test_jsonl_lines_are_records_and_blank_lines_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n\n" + json.dumps({"id": "b", "text": ARTICLE}) + "\n")
    got = items([str(path)])
    assert [g.doc for g in got if isinstance(g, Item)] == ["a", "b"]
    assert got[1].origin == f"{path}#3"  # line numbers, counted from 1, blank lines included


@pytest.mark.parametrize(
    ("record", "doc"),
    [
        ({"id": "ID-7", "url": "https://x.org/1", "text": ARTICLE}, "ID-7"),
        ({"url": "https://x.org/1", "text": ARTICLE}, "https://x.org/1"),
        ({"text": ARTICLE}, "PATH"),
        ({"id": 42, "text": ARTICLE}, "42"),  # integer ids are accepted as their decimal string
        ({"id": "  ", "url": "https://x.org/2", "text": ARTICLE}, "https://x.org/2"),  # blank id counts as absent
    ],
)
def test_doc_key_is_id_then_url_then_path(tmp_path: Path, record: dict, doc: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    item = only(items([str(path)]))
    assert isinstance(item, Item)
    assert item.doc == (str(path) if doc == "PATH" else doc)


def test_text_wins_over_html_when_a_record_has_both() -> None:
    item = record_item("r", {"text": ARTICLE, "html": "<p>other</p>"})
    assert isinstance(item, Item) and item.text == ARTICLE and item.html is None


def test_rss_feed_entries_become_items(tmp_path: Path) -> None:
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>One</title><link>https://w.org/1</link><guid>g1</guid><pubDate>Fri, 01 Oct 2021 10:00:00 GMT</pubDate>
    <description>Iran held drills near the border.</description></item>
    <item><title>Two</title><link>https://w.org/2</link><description>&lt;p&gt;Baku protested.&lt;/p&gt;</description></item>
    </channel></rss>"""
    path = tmp_path / "wire.rss"
    path.write_text(feed, encoding="utf-8")
    one, two = items([str(path)])
    assert isinstance(one, Item) and isinstance(two, Item)
    assert (one.doc, one.outlet, one.published, one.text) == ("g1", "Wire", "2021-10-01", "Iran held drills near the border.")
    assert two.doc == "https://w.org/2" and two.html == "<p>Baku protested.</p>"


def test_feed_with_entity_expansion_is_refused() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss><channel><item><description>&b;</description></item></channel></rss>'
    skip = only(list(feed_items("bomb.xml", bomb)))
    assert isinstance(skip, Skip) and skip.code == "unsafe_xml"


# ---------------------------------------------------------------- folders and stdin


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b" / "c.md").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not read")
    got = items([str(tmp_path)])
    assert [g.origin for g in got] == [os.path.join(str(tmp_path), "a.txt"), os.path.join(str(tmp_path), "b", "c.md")]


def test_symlink_loops_are_safe_and_each_file_is_read_once(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(ARTICLE)
    os.symlink(root, root / "sub" / "loop")  # a folder that contains itself
    os.symlink(root / "sub" / "a.txt", root / "alias.txt")  # the same file under two names
    os.symlink(tmp_path / "missing.txt", root / "dangling.txt")
    started = time.monotonic()
    got = items([str(root)])
    assert time.monotonic() - started < 5
    texts = [g for g in got if isinstance(g, Item)]
    assert len(texts) == 1
    assert all(isinstance(g, Item) or g.code == "unreadable" for g in got)


def test_stdin_dash_is_sniffed(tmp_path: Path) -> None:
    text = only(items(["-"], stdin=ARTICLE.encode()))
    assert isinstance(text, Item) and text.text == ARTICLE and text.origin == "-"
    html = only(items(["-"], stdin=b"<!DOCTYPE html><html><body><p>x</p></body></html>"))
    assert isinstance(html, Item) and html.html
    record = only(items(["-"], stdin=json.dumps({"id": "s1", "text": ARTICLE}).encode()))
    assert isinstance(record, Item) and record.doc == "s1"
    lines = items(["-"], stdin=(json.dumps({"id": "l1", "text": ARTICLE}) + "\n" + json.dumps({"id": "l2", "text": ARTICLE})).encode())
    assert [x.doc for x in lines if isinstance(x, Item)] == ["l1", "l2"]


def test_missing_path_is_a_skip_not_an_error(tmp_path: Path) -> None:
    skip = only(items([str(tmp_path / "nope.txt")]))
    assert isinstance(skip, Skip) and (skip.stage, skip.code) == ("read", "not_found")


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"]
)
def test_encodings_are_decoded_correctly(tmp_path: Path, encoding: str) -> None:
    text = "Café in Zürich: Señor Müller said «naïve» things.\nSecond line.\n"
    if encoding == "cp1252":
        text = "The minister’s “red line” — €5 million.\n"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    item = only(items([str(path)]))
    assert isinstance(item, Item)
    assert item.text == text


def test_decoding_folds_newlines_and_strips_controls() -> None:
    prose = b"The ministry said the talks would resume next week. " * 4
    assert decode_bytes(b"a\r\nb\rc\x07d\x1be " + prose) == "a\nb\ncde " + prose.decode()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        (b"%PDF-1.7 binary", "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary"),
        (b"\x1f\x8b\x08\x00" + bytes(50), "binary"),
    ],
)
def test_empty_and_binary_inputs_are_skipped_with_a_code(data: bytes, code: str) -> None:
    skip = only(list(parse_bytes("x.txt", data, ".txt", Settings())))
    assert isinstance(skip, Skip) and skip.code == code and skip.item == "x.txt"


def test_random_bytes_are_refused_as_binary() -> None:
    rng = random.Random(7)
    for _ in range(20):
        data = bytes(rng.randrange(256) for _ in range(2000))
        skip = only(list(parse_bytes("noise.txt", data, ".txt", Settings())))
        assert isinstance(skip, Skip) and skip.code == "binary"


def test_invalid_utf8_text_falls_back_to_a_legacy_encoding_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Good UTF-8 start, then a stray byte: " + b"\xff\xfe\x81 and the rest.\n")
    item = only(items([str(path)]))
    assert isinstance(item, Item) and "and the rest." in (item.text or "")


def test_bom_that_lies_is_a_bad_encoding_skip() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 LE BOM, then a lone high surrogate
    assert info.value.code == "bad_encoding"


def test_a_50_mb_file_is_refused_by_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 50 MB written to disk
        fh.truncate(50 * 1024 * 1024)
    started = time.monotonic()
    skip = only(items([str(path)]))
    assert time.monotonic() - started < 1.0
    assert isinstance(skip, Skip) and skip.code == "too_large" and "max_bytes" in skip.detail


def test_stdin_over_the_limit_is_refused() -> None:
    skip = only(items(["-"], Settings(max_bytes=1000), stdin=b"a" * 5000))
    assert isinstance(skip, Skip) and skip.code == "too_large"


# ---------------------------------------------------------------- JSON hostility


@pytest.mark.parametrize(
    ("record", "code"),
    [
        ({"id": ["a"], "text": ARTICLE}, "bad_field"),
        ({"title": {"x": 1}, "text": ARTICLE}, "bad_field"),
        ({"published": True, "text": ARTICLE}, "bad_field"),
        ({"text": 12345}, "bad_field"),
        ({"html": ["<p>"]}, "bad_field"),
        ({"id": "x"}, "no_body"),
        ({"text": "   "}, "no_body"),
        ("just a string", "bad_record"),
        (7, "bad_record"),
    ],
)
def test_json_records_with_wrong_field_types_are_skipped(record: object, code: str) -> None:
    skip = record_item("r.json#0", record)
    assert isinstance(skip, Skip) and skip.code == code and skip.item == "r.json#0"


def test_broken_jsonl_lines_next_to_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join([
            json.dumps({"id": "good-1", "text": ARTICLE}),
            '{"id": "broken", "text": "unterminated',
            "[1, 2",
            json.dumps({"id": "good-2", "text": ARTICLE}),
            json.dumps({"id": 3.5, "text": ARTICLE}),
        ]),
        encoding="utf-8",
    )
    got = items([str(path)])
    assert [g.doc for g in got if isinstance(g, Item)] == ["good-1", "good-2"]
    skips = {g.item: g.code for g in got if isinstance(g, Skip)}
    assert skips == {f"{path}#2": "bad_json", f"{path}#3": "bad_json", f"{path}#5": "bad_field"}


@pytest.mark.parametrize(
    ("content", "code"),
    [("{not json", "bad_json"), ("[]", "empty"), ('"a string"', "bad_json"), ("[" * 100_000, "bad_json")],
)
def test_bad_json_files(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    skip = only(items([str(path)]))
    assert isinstance(skip, Skip) and skip.code == code


def test_metadata_fields_are_trimmed_and_sanitised() -> None:
    item = record_item("r", {"title": "  A\x00 title \x07 ", "text": "Body with a lone \ud800 surrogate."})
    assert isinstance(item, Item)
    assert item.title == "A title"
    assert "\ud800" not in (item.text or "")


# ---------------------------------------------------------------- JSONL dumps of any size


def _jsonl_dump(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_a_jsonl_dump_over_max_bytes_is_streamed_line_by_line(tmp_path: Path) -> None:
    record = json.dumps({"text": ARTICLE * 20}).encode()
    lines = [json.dumps({"id": f"a{i}", "text": ARTICLE * 20}).encode() for i in range(400)]
    path = _jsonl_dump(tmp_path / "dump.jsonl", lines)
    limit = 50 * len(record)  # the file is ~8x the limit; every line is far below it
    assert path.stat().st_size > 5 * limit
    got = items([str(path)], Settings(max_bytes=limit))
    assert [g.doc for g in got] == [f"a{i}" for i in range(400)]
    assert all(isinstance(g, Item) for g in got)


def test_streamed_and_whole_jsonl_give_the_same_items_and_skips(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "u2028", "text": "Line\u2028separator in a JSON string. " + ARTICLE}, ensure_ascii=False).encode(),
        b'{"id": "broken", "text": "unterminated',
        b"   ",
        json.dumps({"id": 3.5, "text": ARTICLE}).encode(),
    ] + [json.dumps({"id": f"pad{i}", "text": ARTICLE * 10}).encode() for i in range(120)]
    path = _jsonl_dump(tmp_path / "mixed.jsonl", lines)
    assert path.stat().st_size > 65536  # streamed

    def view(results: list[Item | Skip]) -> list[tuple[str, str, str | None]]:
        return [(g.origin, "item", g.text) if isinstance(g, Item) else (g.item, "skip", g.code) for g in results]

    streamed = view(items([str(path)]))
    assert streamed == view(list(parse_bytes(str(path), path.read_bytes(), ".jsonl", Settings())))
    assert (f"{path}#1", "item", "Line\u2028separator in a JSON string. " + ARTICLE) in streamed
    assert (f"{path}#2", "skip", "bad_json") in streamed and (f"{path}#4", "skip", "bad_field") in streamed
    assert len(streamed) == 2 + 1 + 120


def test_a_streamed_dump_decodes_each_line_on_its_own(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"pad{i}", "text": ARTICLE * 10}).encode() for i in range(120)]
    lines.append('{"id": "cafe", "text": "Caf\xe9 owners in Baku said so."}'.encode("cp1252"))  # one legacy line
    path = _jsonl_dump(tmp_path / "legacy-line.jsonl", lines)
    got = items([str(path)])
    assert all(isinstance(g, Item) for g in got) and got[-1].text == "Café owners in Baku said so."


def test_an_overlong_jsonl_line_is_one_skip_and_the_lines_after_it_still_come(tmp_path: Path) -> None:
    good = [json.dumps({"id": f"g{i}", "text": ARTICLE}).encode() for i in range(3)]
    huge = json.dumps({"id": "huge", "text": "x" * 3_000_000}).encode()
    path = _jsonl_dump(tmp_path / "huge-line.jsonl", [good[0], huge, good[1], good[2]])
    got = items([str(path)], Settings(max_bytes=100_000))
    assert [g.doc for g in got if isinstance(g, Item)] == ["g0", "g1", "g2"]
    [skip] = [g for g in got if isinstance(g, Skip)]
    assert skip.item == f"{path}#2" and skip.code == "too_large" and "max_bytes" in skip.detail


def test_a_big_binary_file_named_jsonl_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(random.Random(3).randbytes(300_000))
    skip = only(items([str(path)], Settings(max_bytes=100_000)))
    assert isinstance(skip, Skip) and skip.code == "binary"


def test_a_big_utf16_jsonl_file_is_read_whole_under_the_limit_or_refused(tmp_path: Path) -> None:
    body = "\n".join(json.dumps({"id": f"w{i}", "text": ARTICLE}) for i in range(600)) + "\n"
    path = tmp_path / "wide.jsonl"
    path.write_bytes(body.encode("utf-16"))
    assert len([g for g in items([str(path)]) if isinstance(g, Item)]) == 600
    skip = only(items([str(path)], Settings(max_bytes=70_000)))
    assert isinstance(skip, Skip) and skip.code == "too_large"


def test_a_streamed_jsonl_file_may_start_with_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "late.jsonl"
    path.write_bytes(b"\n" * 70_000 + json.dumps({"id": "late", "text": ARTICLE}).encode() + b"\n")
    item = only(items([str(path)]))
    assert isinstance(item, Item) and item.doc == "late"
