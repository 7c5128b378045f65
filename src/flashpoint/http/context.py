"""What every route needs: the server's settings, access to the store, a JSON response."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import duckdb
from starlette.requests import Request
from starlette.responses import Response

from ..config import Settings
from .access import StoreAccess

READ_LOCK_TIMEOUT = 10.0  # seconds a request waits for an ingest batch to release the file


@dataclass(slots=True)
class ServerState:
    settings: Settings
    allow_writes: bool = False
    token: str | None = None
    cache: dict[Any, Any] = field(default_factory=dict)
    access: StoreAccess = field(init=False)

    def __post_init__(self) -> None:
        timeout = min(self.settings.lock_timeout, READ_LOCK_TIMEOUT)
        self.access = StoreAccess(self.settings.db, lock_timeout=timeout)


def state(request: Request) -> ServerState:
    found: ServerState = request.app.state.flashpoint
    return found


@contextmanager
def read(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor for the length of one request (see access.py: shared while requests overlap)."""
    with state(request).access.reading() as conn:
        yield conn


def kept(request: Request, key: Hashable, build: Callable[[duckdb.DuckDBPyConnection], str]) -> str:
    """``build``'s JSON text on a read-only cursor, or the same text kept from an earlier request
    while the store has not changed since (access.py, :meth:`StoreAccess.cached`). ``key`` names
    everything but the store that the answer depends on."""
    return state(request).access.cached(key, build)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def json_text(data: Any) -> str:
    """JSON without FastAPI's per-field encoder: faster on large pages; NaN becomes null."""
    try:
        return json.dumps(data, ensure_ascii=False, default=_finite, allow_nan=False, separators=(",", ":"))
    except ValueError:
        return json.dumps(_clean(data), ensure_ascii=False, default=_finite, separators=(",", ":"))


def json_response(data: Any, status: int = 200) -> Response:
    """:func:`json_text` as a response."""
    return Response(json_text(data), status_code=status, media_type="application/json")
