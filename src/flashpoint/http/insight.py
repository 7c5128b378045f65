"""Analysis endpoints: dyads, tension, triads, alerts and the whole brief.

They are thin views of :func:`flashpoint.report.brief.build_brief`, imported when
first asked for; while the analysis layer is not installed they answer 503 in the
error envelope. One brief is computed per (store state, actors, since) and reused
by the five endpoints until the store file changes.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from ..store import db
from .context import ServerState, json_response, state
from .errors import ERROR_RESPONSES, ApiError
from .filters import CODE, check_date, split_list

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
CACHE_SIZE = 16
_build_lock = threading.Lock()

Actors = Annotated[str | None, Query(max_length=200, description="comma-separated country codes, e.g. IRN,AZE,ARM")]
Since = Annotated[str | None, Query(max_length=10, description="only events on or after (YYYY[-MM[-DD]])")]


def brief_builder() -> Callable[..., dict[str, Any]]:
    """``build_brief`` from the analysis layer, or a 503 while it is not there."""
    try:
        module = importlib.import_module("flashpoint.report.brief")
        builder: Callable[..., dict[str, Any]] = module.build_brief
    except (ImportError, AttributeError) as exc:
        raise ApiError(503, "analysis_unavailable",
                       f"the analysis layer is not available in this installation ({type(exc).__name__}: {exc})") from exc
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


def _brief(st: ServerState, actors: list[str] | None, since: str | None) -> dict[str, Any]:
    builder = brief_builder()
    path = db.db_path(st.settings.db)
    if not os.path.exists(path):
        raise ApiError(503, "store_missing", f"no store at {path} (run `flashpoint ingest` first)")
    key = ("brief", _store_signature(path), tuple(actors or ()), since)
    with _build_lock:  # one brief at a time; concurrent asks for the same one wait and reuse it
        if key in st.cache:
            return st.cache[key]  # type: ignore[no-any-return]
        with st.access.reading():  # the brief's own read-only connection shares this instance
            result = builder(st.settings.db, actors=actors, since=since,
                             lock_timeout=min(st.settings.lock_timeout, 10.0))
        stale = [k for k in st.cache if isinstance(k, tuple) and k[0] == "brief"]
        for k in stale[: max(0, len(stale) - CACHE_SIZE + 1)]:
            del st.cache[k]
        st.cache[key] = result
        return result


def _params(actors: str | None, since: str | None) -> tuple[list[str] | None, str | None]:
    codes = [a.upper() for a in split_list(actors, "actors")]
    bad = [c for c in codes if not CODE.match(c)]
    if bad:
        raise ApiError(422, "invalid_request", f"actors: expected ISO 3166 alpha-3 codes, got {bad[0][:20]!r}")
    return (codes or None), check_date(since, "since")


async def _section(request: Request, actors: str | None, since: str | None, *keys: str) -> Response:
    codes, day = _params(actors, since)
    brief = await run_in_threadpool(_brief, state(request), codes, day)
    if not keys:
        return json_response(brief)
    return json_response({k: brief.get(k) for k in keys})


@router.get("/dyads", summary="Dyads: pairs of actors with their cooperation/conflict balance")
async def get_dyads(request: Request, actors: Actors = None, since: Since = None) -> Response:
    return await _section(request, actors, since, "as_of", "dyads")


@router.get("/tension", summary="Tension index per dyad over time")
async def get_tension(request: Request, actors: Actors = None, since: Since = None) -> Response:
    return await _section(request, actors, since, "as_of", "tension")


@router.get("/triads", summary="Triads: three-actor configurations (balanced or not)")
async def get_triads(request: Request, actors: Actors = None, since: Since = None) -> Response:
    return await _section(request, actors, since, "triads", "open_triads", "relations")


@router.get("/alerts", summary="Alerts raised by the analysis")
async def get_alerts(request: Request, actors: Actors = None, since: Since = None) -> Response:
    return await _section(request, actors, since, "as_of", "alerts")


@router.get("/brief", summary="The whole brief: actors, dyads, triads, timeline, alerts, tension, incidents, forces, scenarios")
async def get_brief(request: Request, actors: Actors = None, since: Since = None) -> Response:
    return await _section(request, actors, since)
