"""Readers: turn paths, folders and stdin into :class:`Item` records.

Every input is treated as hostile. A reader never raises for a bad item: it
yields a :class:`Skip` naming the item and the reason, and goes on. Limits come
from :class:`~flashpoint.config.Settings` (``max_bytes`` per item).

A JSONL file is a stream of items, so it is read line by line: a dump of any
size works, and ``max_bytes`` holds for each line (a longer line is skipped
without being held in memory). Other files are items, or small lists of
items, and are refused whole above ``max_bytes``.

Supported: ``.txt``/``.md``/``.text`` (plain text), ``.html``/``.htm``/``.xhtml``,
``.json`` (an object or a list of objects), ``.jsonl``/``.ndjson`` (one object a
line), ``.xml``/``.rss``/``.atom`` feeds, folders (recursive; symlink loops are
safe), and ``-`` for stdin (sniffed: JSON, JSONL, HTML or text).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Settings
from ..records import Item, Skip
from .decode import DecodeError, decode_bytes, is_wide, looks_like_html, sanitize

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
STRING_FIELDS = ("id", "url", "title", "published", "outlet")
MAX_JSON_DEPTH = 64


def iter_items(paths: Iterable[str], settings: Settings | None = None, stdin: BinaryIO | None = None) -> Iterator[Item | Skip]:
    """Items (or skips) from every path, in order; folders are walked in sorted order."""
    settings = settings or Settings()
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream("-", stream, settings)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, raw, settings)
        elif path.exists():
            yield from read_file(path, raw, settings)
        else:
            yield Skip(raw, "read", "not_found", "no such file or folder")


def _walk(root: Path, shown: str, settings: Settings) -> Iterator[Item | Skip]:
    """Recursive walk that follows symlinks once: real paths already seen are skipped."""
    seen: set[str] = set()
    stack = [(root, shown)]
    while stack:
        folder, label = stack.pop()
        try:
            real = os.path.realpath(folder)
        except OSError as exc:
            yield Skip(label, "read", "unreadable", f"cannot resolve folder: {exc.strerror or exc}")
            continue
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Skip(label, "read", "unreadable", f"cannot list folder: {exc.strerror or exc}")
            continue
        subfolders = []
        for entry in entries:
            child_label = os.path.join(label, entry.name)
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subfolders.append((Path(entry.path), child_label))
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                yield Skip(child_label, "read", "unreadable", "cannot stat (broken link?)")
                continue
            suffix = Path(entry.name).suffix.lower()
            if suffix not in SUPPORTED:
                continue  # folders hold other files too; only known kinds are read
            if os.path.realpath(entry.path) in seen:
                continue
            seen.add(os.path.realpath(entry.path))
            yield from read_file(Path(entry.path), child_label, settings)
        stack.extend(reversed(subfolders))


def read_file(path: Path, label: str, settings: Settings) -> Iterator[Item | Skip]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Skip(label, "read", "unreadable", f"cannot stat: {exc.strerror or exc}")
        return
    if path.suffix.lower() in JSONL_SUFFIXES and size > STREAM_HEAD:
        yield from _stream_jsonl(path, label, settings)
        return
    if size > settings.max_bytes:
        yield Skip(label, "read", "too_large", f"{size} bytes is over the limit of {settings.max_bytes} (max_bytes)")
        return
    try:
        with path.open("rb") as fh:
            data = fh.read(settings.max_bytes + 1)
    except OSError as exc:
        yield Skip(label, "read", "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    yield from parse_bytes(label, data, path.suffix.lower(), settings)


STREAM_HEAD = 65536  # bytes looked at before a JSONL file is streamed (binary or UTF-16 are refused or read whole)


def _stream_jsonl(path: Path, label: str, settings: Settings) -> Iterator[Item | Skip]:
    """The items of a JSONL file of any size, one line at a time (see the module docstring)."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Skip(label, "read", "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            head = fh.read(STREAM_HEAD)
        except OSError as exc:
            yield Skip(label, "read", "unreadable", f"cannot read: {exc.strerror or exc}")
            return
        if is_wide(head):  # UTF-16/32 lines cannot be cut at b"\n": read whole, under the file limit
            if path.stat().st_size > settings.max_bytes:
                yield Skip(label, "read", "too_large", f"a UTF-16/32 file over the limit of {settings.max_bytes} "
                           "bytes (max_bytes); JSONL is streamed only in UTF-8 or single-byte encodings")
                return
            yield from parse_bytes(label, head + fh.read(), ".jsonl", settings)
            return
        try:
            decode_bytes(head)
        except DecodeError as exc:  # a binary file named .jsonl: one skip, not one per "line"
            if exc.code != "empty":  # blank space first: the lines may still come
                yield Skip(label, "read", exc.code, exc.detail)
                return
        fh.seek(0)
        any_line = False
        try:
            for number, raw in enumerate(_lines(fh, settings.max_bytes), start=1):
                if raw is None:
                    yield Skip(f"{label}#{number}", "read", "too_large",
                               f"line {number} is over the limit of {settings.max_bytes} bytes (max_bytes)")
                    continue
                if not raw.strip():
                    continue
                any_line = True
                try:
                    line = decode_bytes(raw)
                except DecodeError as exc:
                    yield Skip(f"{label}#{number}", "read", exc.code, f"line {number}: {exc.detail}")
                    continue
                yield _jsonl_record(f"{label}#{number}", number, line)
        except OSError as exc:
            yield Skip(label, "read", "unreadable", f"read failed part-way: {exc.strerror or exc}")
            return
    if not any_line:
        yield Skip(label, "read", "empty", "no JSON lines")


def _lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary file; None for a line over ``limit`` bytes, which is read past, never held."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line.rstrip(b"\r\n")) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = fh.readline(1 << 20)
        yield None


def _read_stream(label: str, stream: BinaryIO, settings: Settings) -> Iterator[Item | Skip]:
    try:
        data = stream.read(settings.max_bytes + 1)
    except OSError as exc:
        yield Skip(label, "read", "unreadable", f"cannot read stdin: {exc}")
        return
    yield from parse_bytes(label, data, None, settings)


def parse_bytes(label: str, data: bytes, suffix: str | None, settings: Settings) -> Iterator[Item | Skip]:
    """Items from one blob; ``suffix`` None means sniff the format."""
    if len(data) > settings.max_bytes:
        yield Skip(label, "read", "too_large", f"over the limit of {settings.max_bytes} bytes (max_bytes)")
        return
    if not data.strip():
        yield Skip(label, "read", "empty", "empty input")
        return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield Skip(label, "read", exc.code, exc.detail)
        return
    kind = _kind(suffix, text)
    if kind == "json":
        yield from _json_items(label, text)
    elif kind == "jsonl":
        yield from _jsonl_items(label, text)
    elif kind == "feed":
        from .feeds import feed_items

        yield from feed_items(label, text)
    elif kind == "html":
        yield Item(origin=label, html=text)
    else:
        yield Item(origin=label, text=text)


def _kind(suffix: str | None, text: str) -> str:
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:512]
    if head.startswith(("{", "[")):
        first_line = text.lstrip().split("\n", 1)[0].strip()
        if head.startswith("{") and first_line.endswith("}") and "\n" in text.strip():
            return "jsonl"
        return "json"
    if head.startswith("<?xml") and ("<rss" in head or "<feed" in head):
        return "feed"
    if looks_like_html(head):
        return "html"
    return "text"


def _json_items(label: str, text: str) -> Iterator[Item | Skip]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield Skip(label, "read", "bad_json", f"not valid JSON: {_short(exc)}")
        return
    if isinstance(data, dict):
        yield record_item(label, data)
    elif isinstance(data, list):
        if not data:
            yield Skip(label, "read", "empty", "JSON list is empty")
        for i, record in enumerate(data):
            yield record_item(f"{label}#{i}", record)
    else:
        yield Skip(label, "read", "bad_json", f"JSON top level is {type(data).__name__}, expected an object or a list")


def _jsonl_items(label: str, text: str) -> Iterator[Item | Skip]:
    any_line = False
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): JSON strings may hold U+2028
        if not line.strip():
            continue
        any_line = True
        yield _jsonl_record(f"{label}#{number}", number, line)
    if not any_line:
        yield Skip(label, "read", "empty", "no JSON lines")


def _jsonl_record(label: str, number: int, line: str) -> Item | Skip:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return Skip(label, "read", "bad_json", f"line {number} is not valid JSON: {_short(exc)}")
    return record_item(label, record)


def record_item(label: str, record: Any) -> Item | Skip:
    """An Item from one JSON record, checking every field's type."""
    if not isinstance(record, dict):
        return Skip(label, "read", "bad_record", f"record is {type(record).__name__}, expected an object")
    fields: dict[str, str | None] = {}
    for name in STRING_FIELDS:
        value = record.get(name)
        if value is None:
            fields[name] = None
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            fields[name] = sanitize(str(value)).strip()[:2000] or None
        else:
            return Skip(label, "read", "bad_field", f"field {name!r} is {type(value).__name__}, expected a string")
    body: dict[str, str] = {}
    for name in ("text", "html"):
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return Skip(label, "read", "bad_field", f"field {name!r} is {type(value).__name__}, expected a string")
        if value.strip():
            body[name] = sanitize(value)
    if not body:
        return Skip(label, "read", "no_body", "record has no non-empty 'text' or 'html'")
    origin = label
    return Item(
        origin=origin,
        text=body.get("text"),
        html=None if "text" in body else body.get("html"),
        **fields,
    )


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
