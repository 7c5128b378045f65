"""What every route needs: the server's settings, access to the store, a JSON response."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
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


def json_response(data: Any, status: int = 200) -> Response:
    """JSON without FastAPI's per-field encoder: faster on large pages; NaN becomes null."""
    try:
        body = json.dumps(data, ensure_ascii=False, default=_finite, allow_nan=False, separators=(",", ":"))
    except ValueError:
        body = json.dumps(_clean(data), ensure_ascii=False, default=_finite, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json")
