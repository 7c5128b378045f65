"""The HTTP API and dashboard: a thin FastAPI adapter over ``store/`` and ``analysis/``.

::

    GET  /                      the dashboard (static files in flashpoint/web/)
    GET  /docs                  the API reference, rendered from /openapi.json (no CDN)
    GET  /api/...               JSON reads (see routes.py and insight.py)
    POST /api/analyze           run the pipeline on pasted text or HTML (analyze.py)

Read-only unless ``allow_writes``; loopback by default; no CORS headers; every
response carries a strict Content-Security-Policy; every error has one shape
(errors.py). The store is held read-only while requests come and let go when an
ingest asks for it, so the ingest waits for the requests in flight only; answers
are kept until the store changes (access.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, Response

from .. import __version__
from ..config import Settings
from . import analyze, errors, insight, routes
from .context import ServerState
from .errors import ApiError
from .security import SecurityHeaders

GZIP_MIN_BYTES = 1024
WEB_ROOT = (Path(__file__).resolve().parent.parent / "web").resolve()
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
DESCRIPTION = (
    "Evidence-linked events, actors and places read from news articles. Every error has the shape "
    '`{"error": {"code": ..., "message": ..., "status": ...}}`. Lists are paged with `limit` (at most 500) '
    "and `offset`. Offsets (`start`/`end`) are character positions in the document's `text`."
)


def web_file(relative: str, root: Path = WEB_ROOT) -> Path:
    """The file under ``root`` that ``relative`` names, or a 404: no traversal, no hidden files."""
    parts = relative.replace("\\", "/").split("/")
    if not relative or "\x00" in relative or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        raise ApiError(404, "not_found", f"no file {relative[:200]!r}")
    target = (root / Path(*parts)).resolve()
    if not target.is_relative_to(root) or not target.is_file() or target.suffix not in MEDIA_TYPES:
        raise ApiError(404, "not_found", f"no file {relative[:200]!r}")
    return target


def _file(path: Path) -> Response:
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers={"Cache-Control": "no-cache"})


def create_app(settings: Settings, *, allow_writes: bool = False, token: str | None = None) -> FastAPI:
    """The application over the store named by ``settings.db``."""
    server_state = ServerState(settings=settings, allow_writes=allow_writes, token=token)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        server_state.access.close()  # release the store file on shutdown

    app = FastAPI(
        lifespan=lifespan,
        title="flashpoint",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # FastAPI's pages load Swagger/ReDoc from a CDN; ours is self-contained
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.flashpoint = server_state
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    # Large JSON (the brief, the map, exports) compresses 5-10x; small answers are sent as they are.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=3)
    app.include_router(routes.router)
    app.include_router(insight.router)
    app.include_router(analyze.router)

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        return _file(web_file("index.html"))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return _file(web_file("favicon.svg"))

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return _file(web_file("docs.html"))

    @app.get("/static/{relative:path}", include_in_schema=False)
    def static(relative: str) -> Response:
        return _file(web_file(relative))

    @app.get("/api", include_in_schema=False)
    def api_index(request: Request) -> Response:
        from .context import json_response

        paths = sorted(p for p in app.openapi()["paths"] if p.startswith("/api/"))
        return json_response({"version": __version__, "writes": allow_writes, "openapi": "/openapi.json",
                              "docs": "/docs", "endpoints": paths})

    return app


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, allow_writes: bool = False,
          token: str | None = None) -> None:
    """Run the server until interrupted (the CLI's ``flashpoint serve``)."""
    import uvicorn

    app = create_app(settings, allow_writes=allow_writes, token=token)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False,
                forwarded_allow_ips="")
