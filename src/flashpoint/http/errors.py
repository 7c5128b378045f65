"""One JSON error shape for every error the server sends.

::

    {"error": {"code": "not_found", "message": "no document 'x'", "status": 404}}

FastAPI's own handlers (404/405 from routing, 422 from validation) are replaced so
that nothing reaches a client in another shape, and an unexpected exception
becomes a 500 in the same envelope without leaking a traceback.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from ..errors import FlashpointError, InputError, StoreBusy, StoreError

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    code: str
    message: str
    status: int


class ErrorEnvelope(BaseModel):
    """The shape of every error response."""

    error: ErrorBody


# Documented on every route so the OpenAPI spec says what errors look like.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": STATUS_CODES[status].replace("_", " ")}
    for status in (400, 404, 422, 500, 503)
}


class ApiError(Exception):
    """An error raised by a route, rendered in the envelope."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    body = {"error": {"code": code, "message": message, "status": status}}
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def flashpoint_status(exc: FlashpointError) -> tuple[int, str]:
    """HTTP status and code for a library error."""
    if isinstance(exc, StoreBusy):
        return 503, exc.code
    if isinstance(exc, StoreError):
        return (503, exc.code) if exc.code == "store_missing" else (500, exc.code)
    if isinstance(exc, InputError):
        return 422, exc.code
    return 400, exc.code


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Replace FastAPI's default handlers with the envelope."""

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        code = STATUS_CODES.get(status, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if status == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if status == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(status, code, message, dict(exc.headers or {}))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(422, "invalid_request", _validation_message(exc))

    async def on_api(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    async def on_flashpoint(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, FlashpointError)
        status, code = flashpoint_status(exc)
        headers = {"Retry-After": "2"} if status == 503 else None
        return error_response(status, code, exc.detail, headers)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        return error_response(500, "internal_error", f"unexpected {type(exc).__name__}; see the server log")

    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(ApiError, on_api)
    app.add_exception_handler(FlashpointError, on_flashpoint)
    app.add_exception_handler(Exception, on_unexpected)
