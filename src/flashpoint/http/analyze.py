"""``POST /api/analyze``: run the pipeline on pasted text or HTML.

Nothing is stored unless the server was started with writes enabled and the
request says ``?store=true`` (with the bearer token, when one is set).
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from pydantic import BaseModel, Field, ValidationError, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from ..records import Doc, Item, Skip, to_dict
from ..store import db
from .context import ServerState, json_response, state
from .errors import ERROR_RESPONSES, ApiError
from .security import check_token

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
MAX_BODY = 1_000_000  # bytes
_pipeline_lock = threading.Lock()  # one analysis at a time: bounded CPU, and stages need not be thread-safe


class AnalyzeRequest(BaseModel):
    """Exactly one of ``text`` or ``html``; the rest is optional metadata."""

    text: str | None = Field(None, description="plain article text")
    html: str | None = Field(None, description="an HTML page; the main text is extracted")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40, description="publication date, e.g. 2021-10-01")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    id: str | None = Field(None, max_length=500, description="document id to store it under")

    @model_validator(mode="after")
    def one_body(self) -> AnalyzeRequest:
        if bool(self.text) == bool(self.html):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise ApiError(413, "too_large", f"request body over {MAX_BODY} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ApiError(413, "too_large", f"request body over {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _pipeline(st: ServerState) -> Any:
    """The standard pipeline, built once per server (loading spaCy takes a second)."""
    found = st.cache.get("pipeline")
    if found is None:
        try:
            from ..pipeline import build_pipeline

            found = build_pipeline(st.settings)
        except ImportError as exc:
            raise ApiError(503, "pipeline_unavailable", f"the pipeline cannot be built: {exc}") from exc
        st.cache["pipeline"] = found
    return found


def _run(st: ServerState, req: AnalyzeRequest) -> Doc:
    from ..stages.clean import clean_item

    item = Item(origin=req.id or req.url or "analyze", text=req.text, html=req.html, id=req.id, url=req.url,
                title=req.title, published=req.published, outlet=req.outlet)
    article = clean_item(item, st.settings)
    if isinstance(article, Skip):
        raise ApiError(422, article.code, article.detail)
    with _pipeline_lock:
        doc: Doc = _pipeline(st)(article)
    return doc


def _store(st: ServerState, doc: Doc) -> bool:
    with st.access.writing() as conn:
        stored, _ = db.write_batch(conn, [doc])
    return stored == 1


def result(doc: Doc, stored: bool | None) -> dict[str, Any]:
    a = doc.article
    return {
        "article": {"key": a.key, "doc": a.doc, "title": a.title, "text": a.text, "url": a.url, "outlet": a.outlet,
                    "published": a.published, "dateline": a.dateline, "byline": a.byline, "removed": to_dict(a.removed)},
        "sentences": to_dict(list(doc.sentences)),
        "actors": to_dict(list(doc.mentions)),
        "places": to_dict(list(doc.places)),
        "dates": to_dict(list(doc.dates)),
        "quantities": to_dict(list(doc.quantities)),
        "equipment": to_dict(list(doc.equipment)),
        "events": to_dict(list(doc.events)),
        "timings": {name: round(seconds, 4) for name, seconds in doc.timings},
        "stored": stored,
    }


@router.post(
    "/analyze",
    summary="Analyse pasted text or HTML: actors, events, places, dates, quantities, equipment",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": AnalyzeRequest.model_json_schema(ref_template="#/components/schemas/{model}")}}}},
)
async def analyze(
    request: Request,
    store: Annotated[bool, Query(description="also store the document (needs --allow-writes)")] = False,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    st = state(request)
    if store:
        if not st.allow_writes:
            raise ApiError(403, "writes_disabled", "this server is read-only; start it with --allow-writes to store")
        check_token(authorization, st.token)
    if "json" not in request.headers.get("content-type", ""):
        raise ApiError(415, "unsupported_media_type", "send JSON: Content-Type: application/json")
    raw = await _body(request)
    try:
        req = AnalyzeRequest.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        raise ApiError(422, "invalid_request", f"{where + ': ' if where else ''}{first.get('msg', 'invalid body')}") from exc
    doc = await run_in_threadpool(_run, st, req)
    stored = await run_in_threadpool(_store, st, doc) if store else None
    return json_response(result(doc, stored))
