"""The ``flashpoint`` command: parse arguments, call the library, render.

Exit codes: 0 success; 1 some input items were skipped (the rest was stored) or
an alert/check failed; 2 usage, configuration or input errors; 3 store errors
(missing, locked, failed write); 4 an internal error (a bug: one line on stderr,
the traceback with ``FLASHPOINT_DEBUG=1``); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from . import __version__
from .config import Settings, load_settings
from .errors import FlashpointError, StoreError

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_STORE, EXIT_INTERNAL = 0, 1, 2, 3, 4


def _settings(args: argparse.Namespace) -> Settings:
    flags = {
        "db": getattr(args, "db", None),
        "workers": getattr(args, "workers", None),
        "actors_file": getattr(args, "actors_file", None),
        "max_bytes": getattr(args, "max_bytes", None),
        "batch_size": getattr(args, "batch_size", None),
    }
    return load_settings(getattr(args, "config", None), **flags)


def _err(message: str) -> None:
    print(f"flashpoint: {message}", file=sys.stderr)


# ---------------------------------------------------------------- commands


def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest.run import ingest

    settings = _settings(args)
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(desc="ingest", unit="doc", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)

    def progress(event: str, count: int) -> None:
        if bar is not None:
            bar.update(count)

    try:
        if args.engine == "dask":
            from .scale.dask_engine import ingest_dask

            report = ingest_dask(args.paths, settings, scheduler=args.scheduler, progress=progress)
        else:
            report = ingest(args.paths, settings, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    for skip in report.skipped:
        print(f"skipped {skip.message()}", file=sys.stderr)
    print(report.summary())
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .store.export import export

    settings = _settings(args)
    n = export(
        args.table,
        args.format,
        path=args.output,
        out=None if args.format == "parquet" else sys.stdout,  # parquet is binary: it needs -o
        partition_by=args.partition_by,
        db_file=settings.db,
        lock_timeout=settings.lock_timeout,
    )
    if args.output:
        print(f"wrote {n} {args.table} rows to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from .store import db

    settings = _settings(args)
    with db.connect(settings.db, read_only=True, lock_timeout=settings.lock_timeout) as conn:
        counts = db.table_counts(conn)
    if args.json:
        print(json.dumps(counts))
    else:
        print(f"store: {db.db_path(settings.db)}")
        for table, n in counts.items():
            print(f"  {table:<12} {n:>8}")
    return EXIT_OK


def cmd_actors(args: argparse.Namespace) -> int:
    from .store import queries

    settings = _settings(args)
    rows = queries.actor_counts(settings.db, limit=args.limit, lock_timeout=settings.lock_timeout)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return EXIT_OK
    print(f"{'mentions':>8}  {'country':<7} {'sector':<6} {'name':<40} entity")
    for r in rows:
        print(f"{r['mentions']:>8}  {r['country'] or '-':<7} {r['sector'] or '-':<6} {str(r['name'])[:40]:<40} {r['entity'] or ''}")
    return EXIT_OK


def cmd_events(args: argparse.Namespace) -> int:
    from .report.tables import format_events_table
    from .store import queries

    settings = _settings(args)
    rows = queries.events(
        settings.db, actor=args.actor, plover=args.type, limit=args.limit, lock_timeout=settings.lock_timeout
    )
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))
        return EXIT_OK
    print(format_events_table(rows))
    return EXIT_OK


def cmd_removed(args: argparse.Namespace) -> int:
    from .store import queries

    settings = _settings(args)
    found = queries.removed(settings.db, args.doc, lock_timeout=settings.lock_timeout)
    if found is None:
        _err(f"no document {args.doc!r} in the store [no_document]")
        return EXIT_USAGE
    pieces = [p for p in found["removed"] if not args.reason or args.reason.casefold() in str(p.get("reason", "")).casefold()]
    if args.json:
        print(json.dumps({**found, "removed": pieces}, ensure_ascii=False))
        return EXIT_OK
    print(f"{found['doc']}  (key {found['doc_key']})")
    for label in ("title", "byline", "published", "dateline"):
        if found[label]:
            print(f"  {label:<9} {found[label]}")
    print(f"  removed   {len(pieces)} piece{'s' if len(pieces) != 1 else ''}")
    for p in pieces:
        line = p.get("line")
        text = " ".join(str(p.get("text", "")).split())
        print(f"{line if line is not None else '-':>6}  {text[:100]}")
        print(f"{'':>6}  ({p.get('reason', '')})")
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from .report.brief import render_brief

    settings = _settings(args)
    actors = [a.strip().upper() for a in args.actors.split(",") if a.strip()] if args.actors else None
    text = render_brief(settings, actors=actors, since=args.since, fmt=args.format)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote brief to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from .analysis.watch import watch

    settings = _settings(args)
    return watch(
        args.source,
        settings,
        interval=args.interval,
        once=args.once,
        alert_log=args.alert_log or settings.alert_log,
        emit=lambda line: print(line, flush=True),
    )


def cmd_serve(args: argparse.Namespace) -> int:
    from .http.app import serve

    settings = _settings(args)
    serve(settings, host=args.host, port=args.port, allow_writes=args.allow_writes, token=args.token)
    return EXIT_OK


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flashpoint",
        description="Read news articles and build an evidence-linked picture of the geopolitical situation.",
    )
    parser.add_argument("--version", action="version", version=f"flashpoint {__version__}")
    parser.add_argument("--config", help="settings file (TOML); default ./flashpoint.toml or $FLASHPOINT_CONFIG")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument("--db", help="store file (default ./flashpoint.duckdb or $FLASHPOINT_DB)")
        return p

    p = add("ingest", cmd_ingest, "ingest articles: files, folders, JSON/JSONL, feeds, or - for stdin")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--workers", type=int, help="worker processes on this machine (default 1)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="run on this machine or a Dask cluster")
    p.add_argument("--scheduler", help="Dask scheduler address (default: a local cluster)")
    p.add_argument("--batch-size", type=int, help="documents per write transaction")
    p.add_argument("--max-bytes", type=int, help="largest input item in bytes")
    p.add_argument("--actors-file", help="TSV of actor entries that add to or override the packaged dictionary")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    from .store.export import FORMATS, TABLES

    p = add("export", cmd_export, "export a table as JSONL, CSV, Parquet or GeoJSON")
    p.add_argument("--table", choices=TABLES, default="events")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("-o", "--output", help="output file (parquet: file or folder); default stdout")
    p.add_argument("--partition-by", help="with --format parquet: partition the dataset by this column (e.g. date)")

    p = add("stats", cmd_stats, "what is in the store")
    p.add_argument("--json", action="store_true")

    p = add("actors", cmd_actors, "coded actors with mention counts")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")

    p = add("events", cmd_events, "a readable table of events")
    p.add_argument("--actor", help="country code or name of the source or target actor")
    p.add_argument("--type", help="PLOVER event type (e.g. ASSAULT)")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true", help="JSON lines instead of a table")

    p = add("removed", cmd_removed, "what cleaning removed from a document, with the reason and input line of each piece")
    p.add_argument("doc", metavar="DOC", help="the document's id, URL, file path or key")
    p.add_argument("--reason", help="only pieces whose reason contains this text (e.g. 'furniture model')")
    p.add_argument("--json", action="store_true")

    p = add("brief", cmd_brief, "the disposition of the conflict, every statement cited")
    p.add_argument("--actors", help="comma-separated country codes, e.g. IRN,AZE,ARM")
    p.add_argument("--since", help="only events on or after this date (YYYY-MM-DD)")
    p.add_argument("--format", choices=("md", "html", "json"), default="md")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")

    p = add("watch", cmd_watch, "ingest new files or feed items as they arrive and emit alerts")
    p.add_argument("source", metavar="DIR|FEED")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between polls")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--alert-log", help="JSONL file that alerts are appended to")

    p = add("serve", cmd_serve, "HTTP API and web dashboard over the store")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--allow-writes", action="store_true", help="enable write endpoints (POST /api/analyze?store=1)")
    p.add_argument("--token", help="bearer token required by write endpoints")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except StoreError as exc:
        _err(f"{exc.detail} [{exc.code}]")
        return EXIT_STORE
    except FlashpointError as exc:
        _err(f"{exc.detail} [{exc.code}]")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err("interrupted; whatever was stored before is intact")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a bug must reach the user as one line, not a traceback
        if os.environ.get("FLASHPOINT_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''} "
             "(set FLASHPOINT_DEBUG=1 for the traceback)")
        return EXIT_INTERNAL


def run() -> Any:  # pragma: no cover - console entry point alias
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
