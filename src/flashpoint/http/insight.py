"""Analysis endpoints: dyads, tension, alerts, triads and the whole brief, for the same filters.

``/api/dyads``, ``/api/tension`` and ``/api/alerts`` are :func:`flashpoint.analysis.view.analyse`
of the incidents the filter selects: the events matching every filter but the dates
are read once, their incidents rebuilt, and the dates only choose the weeks shown (a
week's tension does not depend on ``since``). ``/api/triads`` and ``/api/brief`` are
:func:`flashpoint.report.brief.build_brief` over the same events (``brief`` also as
HTML or Markdown, a download). Results are kept per (store state, filter) until the
store file changes; while the analysis layer is not installed these answer 503.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from ..store import db
from . import reads
from .context import ServerState, json_response, state
from .errors import ERROR_RESPONSES, ApiError
from .filters import CODE, EventFilter, invalid, split_list
from .routes import Filter, known_params

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, dependencies=[Depends(known_params)])
CACHE_SIZE = 16
_build_lock = threading.Lock()
Limit = Annotated[int, Query(ge=1, le=500, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]
BRIEF_FORMATS = {"json": "application/json", "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8"}
# The HTML brief is a self-contained page with its own <style>: it is sent with a policy that allows
# that style and nothing else (no script at all), in place of the dashboard's policy.
BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def _module(name: str, attr: str) -> Any:
    try:
        return getattr(importlib.import_module(name), attr)
    except (ImportError, AttributeError) as exc:
        raise ApiError(503, "analysis_unavailable",
                       f"the analysis layer is not available in this installation ({type(exc).__name__}: {exc})") from exc


def brief_builder() -> Callable[..., dict[str, Any]]:
    """``build_brief`` from the analysis layer, or a 503 while it is not there."""
    builder: Callable[..., dict[str, Any]] = _module("flashpoint.report.brief", "build_brief")
    return builder


def _store_signature(path: str) -> tuple[Any, ...]:
    """Changes whenever the store file (or its write-ahead log) changes."""
    out: list[Any] = []
    for name in (path, path + ".wal"):
        try:
            st = os.stat(name)
            out += [st.st_mtime_ns, st.st_size]
        except FileNotFoundError:
            out += [None, None]
    return tuple(out)


def _cached(st: ServerState, kind: str, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """One result per (kind, store state, key), at most CACHE_SIZE of a kind; built once however many ask."""
    path = db.db_path(st.settings.db)
    if not os.path.exists(path):
        raise ApiError(503, "store_missing", f"no store at {path} (run `flashpoint ingest` first)")
    full = (kind, _store_signature(path), key)
    with _build_lock:  # one build at a time; concurrent asks for the same one wait and reuse it
        if full in st.cache:
            return st.cache[full]
        result = build()
        mine = [k for k in st.cache if isinstance(k, tuple) and len(k) == 3 and k[0] == kind]
        for k in mine:
            if k[1] != full[1]:  # built on an earlier state of the store: never asked for again
                del st.cache[k]
        mine = [k for k in mine if k in st.cache]
        for k in mine[: max(0, len(mine) - CACHE_SIZE + 1)]:  # oldest first
            del st.cache[k]
        st.cache[full] = result
        return result


def _selection(flt: EventFilter, *, keep_since: bool = False) -> EventFilter | None:
    """The events an analysis reads: every filter but the dates (the analysis places incidents in time
    itself), and what did not happen too unless asked otherwise (a denial makes an incident contested).
    None when that is every event."""
    general = flt if keep_since else flt.without_dates()
    if keep_since:
        general = replace(general, since=None)
    if general.happened is None and not general.modality:
        general = replace(general, happened="all")
    return None if general == EventFilter(happened="all") else general


def _selected_ids(st: ServerState, flt: EventFilter | None) -> list[str] | None:
    if flt is None:
        return None
    with st.access.reading() as conn:
        return reads.event_ids(conn, flt)


def _snapshot(st: ServerState, build: Callable[[Any], Any]) -> Any:
    """Every event and the incident membership, read once per store state (the build lock is held)."""
    path = db.db_path(st.settings.db)
    full = ("snapshot", _store_signature(path), ())
    if full not in st.cache:
        for k in [k for k in st.cache if isinstance(k, tuple) and k and k[0] == "snapshot"]:
            del st.cache[k]
        with st.access.reading() as conn:
            st.cache[full] = build(conn)
    return st.cache[full]


def _analysis(st: ServerState, flt: EventFilter) -> dict[str, Any]:
    """The analysis of the events ``flt`` selects, for its date range."""
    _module("flashpoint.analysis.view", "analyse")  # a 503 while the analysis layer is missing
    view = importlib.import_module("flashpoint.analysis.view")

    def build() -> dict[str, Any]:
        snapshot = _snapshot(st, view.snapshot)
        incidents = view.incidents_of(snapshot, _selected_ids(st, _selection(flt)))
        since, until = flt.range
        return view.analyse(snapshot, incidents, since=since, until=until)  # type: ignore[no-any-return]

    return _cached(st, "analysis", flt.key(), build)  # type: ignore[no-any-return]


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


@router.get("/dyads", summary="Dyads: pairs of actors with their cooperation/conflict balance in the date range, paged")
async def get_dyads(
    request: Request,
    flt: Filter,
    limit: Limit = 50,
    offset: Offset = 0,
    windows: Annotated[bool, Query(description="include each dyad's weekly windows (in the range)")] = False,
) -> Response:
    data = await run_in_threadpool(_analysis, state(request), flt)
    rows = data["dyads"] if windows else [{k: v for k, v in r.items() if k != "windows"} for r in data["dyads"]]
    return json_response({"as_of": data["as_of"], "range": data["range"], **_page(rows, limit, offset),
                          "filters": flt.summary()})


@router.get("/tension", summary="Tension index per dyad, one value per week of the date range, paged by dyad")
async def get_tension(
    request: Request,
    flt: Filter,
    limit: Annotated[int, Query(ge=1, le=50, description="dyads per page, highest weekly tension in the range first")] = 8,
    offset: Offset = 0,
    dyad: Annotated[str | None, Query(max_length=400, description="only these dyads, as A-B, comma-separated")] = None,
) -> Response:
    wanted = {"-".join(sorted(x.strip() for x in item.split("-", 1))) for item in split_list(dyad, "dyad")}
    if any("-" not in w or w.startswith("-") or w.endswith("-") for w in wanted):
        raise invalid("dyad: expected two actors as A-B (for example ARM-AZE)")
    data = await run_in_threadpool(_analysis, state(request), flt)
    series = [s for s in data["tension"] if not wanted or s["dyad"] in wanted]
    return json_response({
        "as_of": data["as_of"], "latest_day": data["latest_day"], "range": data["range"],
        "undated_incidents": data["undated_incidents"],
        "coarse_incidents": data["coarse_incidents"],
        "formula": "T = 100 * (1 - exp(-R / 3)); R = sum of decayed incident pressure, half-life 14 days; "
                   "a week counts every incident known to the day up to its end",
        **_page(series, limit, offset), "filters": flt.summary(),
    })


@router.get("/alerts", summary="Alerts raised by the analysis whose period meets the date range, newest first, "
                               "each with the events behind it")
async def get_alerts(request: Request, flt: Filter, limit: Limit = 50, offset: Offset = 0) -> Response:
    data = await run_in_threadpool(_analysis, state(request), flt)
    return json_response({"as_of": data["as_of"], **_page(data["alerts"], limit, offset), "filters": flt.summary()})


def _brief(st: ServerState, flt: EventFilter) -> dict[str, Any]:
    builder = brief_builder()
    codes = [r.country for r in flt.actor if r.country and CODE.match(r.country)]
    focus = codes if codes and len(codes) == len(flt.actor) else None
    chosen = _selection(flt, keep_since=True)

    def build() -> dict[str, Any]:
        ids = _selected_ids(st, chosen)
        with st.access.reading():  # the brief's own read-only connection shares this instance
            return builder(st.settings.db, actors=focus, since=flt.since, event_ids=ids,
                           selection=flt.describe() if chosen is not None else None,
                           lock_timeout=min(st.settings.lock_timeout, 10.0))

    return _cached(st, "brief", flt.key(), build)  # type: ignore[no-any-return]


@router.get("/triads", summary="Triads: three-actor configurations (balanced or not)")
async def get_triads(request: Request, flt: Filter) -> Response:
    brief = await run_in_threadpool(_brief, state(request), flt)
    return json_response({k: brief.get(k) for k in ("triads", "open_triads", "relations")})


@router.get("/brief", summary="The whole brief for the filters: actors, dyads, triads, timeline, alerts, tension, "
                              "incidents, forces, scenarios; as JSON, or as an HTML or Markdown download")
async def get_brief(
    request: Request,
    flt: Filter,
    format: Annotated[str, Query(max_length=10, description="json, html or md")] = "json",  # noqa: A002
) -> Response:
    if format not in BRIEF_FORMATS:
        raise invalid(f"format: {format[:20]!r} is not one of json, html, md")
    brief = await run_in_threadpool(_brief, state(request), flt)
    if format == "json":
        return json_response(brief)
    if format == "html":
        render = _module("flashpoint.report.brief_html", "render_html")
        headers = {"Content-Disposition": 'attachment; filename="flashpoint-brief.html"',
                   "Content-Security-Policy": BRIEF_CSP}
    else:
        render = _module("flashpoint.report.brief_md", "render_markdown")
        headers = {"Content-Disposition": 'attachment; filename="flashpoint-brief.md"'}
    return Response(render(brief), media_type=BRIEF_FORMATS[format], headers=headers)
