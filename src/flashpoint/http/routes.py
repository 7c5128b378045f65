"""Read endpoints over the store: documents, events, actors, incidents, and the
aggregates the dashboard draws (map points, signed network, dyad timeline)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from . import reads
from .context import json_response, read
from .errors import ERROR_RESPONSES, ApiError
from .filters import CODE, EventFilter, check_date, split_list

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

MAX_PAGE = 500
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]
Text = Annotated[str | None, Query(max_length=200)]


def event_filter(
    actor: Annotated[str | None, Query(max_length=400, description="comma-separated country codes, names or entity ids; source or target")] = None,
    source: Annotated[str | None, Query(max_length=200, description="source actor country codes, comma-separated")] = None,
    target: Annotated[str | None, Query(max_length=200, description="target actor country codes, comma-separated")] = None,
    country: Annotated[str | None, Query(max_length=200, description="country codes of where the event happened")] = None,
    type: Annotated[str | None, Query(max_length=400, description="PLOVER types, comma-separated (e.g. ASSAULT,MOBILIZE)")] = None,  # noqa: A002
    cameo: Annotated[str | None, Query(max_length=4, description="CAMEO code prefix (e.g. 19)")] = None,
    modality: Annotated[str | None, Query(max_length=200, description="asserted, reported, claimed, intended, hypothetical, negated")] = None,
    quad: Annotated[str | None, Query(max_length=20, description="quad classes: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict")] = None,
    since: Annotated[str | None, Query(max_length=10, description="event date on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(max_length=10, description="event date on or before (YYYY[-MM[-DD]])")] = None,
    place: Annotated[str | None, Query(max_length=200, description="substring of the event location's name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="substring of the evidence sentence or article title")] = None,
    doc: Annotated[str | None, Query(max_length=2000, description="only events of this document (doc_key or doc)")] = None,
    located: Annotated[bool, Query(description="only events with coordinates")] = False,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventFilter:
    return EventFilter.parse(
        actor=actor, source=source, target=target, country=country, type=type, cameo=cameo, modality=modality,
        quad=quad, since=since, until=until, place=place, q=q, doc=doc, located=located,
        min_confidence=min_confidence,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


@router.get("/stats", summary="What is in the store")
def get_stats(request: Request) -> Response:
    with read(request) as conn:
        return json_response(reads.stats(conn))


@router.get("/facets", summary="Values to filter on: event types, modalities, countries, date span")
def get_facets(request: Request) -> Response:
    with read(request) as conn:
        return json_response(reads.facets(conn))


@router.get("/documents", summary="Stored articles, newest first")
def list_documents(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> Response:
    with read(request) as conn:
        return json_response(reads.documents(conn, q=q, limit=limit, offset=offset))


@router.get("/documents/{doc:path}", summary="One article: text, and actors, places, dates, quantities, equipment, events with offsets")
def get_document(request: Request, doc: str) -> Response:
    if len(doc) > 2000:
        raise ApiError(422, "invalid_request", "doc: at most 2000 characters")
    with read(request) as conn:
        found = reads.document(conn, doc)
    if found is None:
        raise ApiError(404, "not_found", f"no document {doc[:200]!r}")
    return json_response(found)


@router.get("/events", summary="Events (exported records) matching the filters, newest first, paged")
def list_events(request: Request, flt: Filter, limit: Limit = 100, offset: Offset = 0) -> Response:
    with read(request) as conn:
        body = reads.events_json(conn, flt, limit=limit, offset=offset)
    return Response(body, media_type="application/json")


@router.get("/events/{event_id:path}", summary="One event by id (doc_key:index)")
def get_event(request: Request, event_id: str) -> Response:
    if len(event_id) > 200:
        raise ApiError(422, "invalid_request", "event id: at most 200 characters")
    with read(request) as conn:
        found = reads.event(conn, event_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return json_response(found)


@router.get("/map", summary="Located events grouped by place, for the map")
def get_map(request: Request, flt: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> Response:
    with read(request) as conn:
        return json_response({"points": reads.map_points(conn, flt, limit=limit)})


@router.get("/network", summary="Signed actor network: country-to-country event counts by cooperation and conflict")
def get_network(request: Request, flt: Filter, limit: Annotated[int, Query(ge=1, le=2000)] = 300) -> Response:
    with read(request) as conn:
        return json_response(reads.network(conn, flt, limit=limit))


@router.get("/timeline", summary="Events per dyad and period (counts and Goldstein sum), for the tension chart")
def get_timeline(
    request: Request,
    flt: Filter,
    dyad: Annotated[str | None, Query(max_length=200, description="dyads as AAA-BBB, comma-separated; default the busiest")] = None,
    bucket: Annotated[str, Query(pattern="^(day|month)$")] = "day",
    top: Annotated[int, Query(ge=1, le=20)] = 5,
) -> Response:
    pairs = []
    for item in split_list(dyad, "dyad"):
        a, _, b = item.upper().partition("-")
        if not (CODE.match(a) and CODE.match(b)):
            raise ApiError(422, "invalid_request", f"dyad: expected AAA-BBB country codes, got {item[:20]!r}")
        pairs.append((a, b))
    with read(request) as conn:
        return json_response({"bucket": bucket, "series": reads.timeline(conn, flt, dyads=pairs, bucket=bucket, top=top)})


@router.get("/actors", summary="Coded actors with mention and document counts")
def list_actors(
    request: Request,
    country: Annotated[str | None, Query(pattern="^[A-Z]{3}$")] = None,
    q: Text = None,
    limit: Limit = 100,
) -> Response:
    with read(request) as conn:
        return json_response({"items": reads.actors(conn, country=country, q=q, limit=limit)})


@router.get("/incidents", summary="Incidents: one real-world event reported by one or more articles")
def list_incidents(
    request: Request,
    actor: Annotated[str | None, Query(max_length=200, description="country codes, source or target")] = None,
    type: Annotated[str | None, Query(max_length=400, description="PLOVER types")] = None,  # noqa: A002
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    flt = EventFilter.parse(source=actor, type=type, since=since, until=until)
    with read(request) as conn:
        return json_response(reads.incidents(
            conn, actor=list(flt.source), types=list(flt.type), since=check_date(since, "since"),
            until=check_date(until, "until"), limit=limit, offset=offset,
        ))
