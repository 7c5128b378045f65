"""Read endpoints over the store: documents, events (and their exports), actors, incidents, and
the aggregates the dashboard draws (map points, signed network, events per week).

Every endpoint that shows events takes the same filter (``filters.py``), parsed once by
:func:`event_filter`; an unknown query parameter is a 422, like a bad value.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from . import reads
from .context import json_response, json_text, kept, read, state
from .errors import ERROR_RESPONSES, ApiError
from .filters import EventFilter, invalid, resolver, resolver_loaded, split_list

MAX_PAGE = 500
EXPORT_MAX = 500_000  # events in one export
EXPORT_CHUNK = 2_000  # events read per turn on the store (the writer can get in between)
EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "geojson": "application/geo+json",
}
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]
Text = Annotated[str | None, Query(max_length=200)]


def _allowed(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _allowed(sub)
    return names


async def known_params(request: Request) -> None:
    """A query parameter the endpoint does not take is a 422, not silently ignored.

    ``async``: it runs on the event loop, not on a worker thread (a hop there and back
    costs more than the check), as :func:`event_filter` does."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _allowed(dependant)
    unknown = [k for k in dict.fromkeys(request.query_params.keys()) if k not in allowed]
    if unknown:
        takes = ", ".join(sorted(allowed)) or "no parameters"
        raise invalid(f"{unknown[0][:40]!r} is not a parameter of {request.url.path}; it takes {takes}")


router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, dependencies=[Depends(known_params)])


async def event_filter(
    request: Request,
    actor: Annotated[str | None, Query(max_length=400, description="actors on either side, comma-separated: country codes (IRN), country names (Iran, Iranian), named bodies (Hezbollah, NATO) or any part of an actor's name")] = None,
    source: Annotated[str | None, Query(max_length=400, description="the source actor, as for `actor`")] = None,
    target: Annotated[str | None, Query(max_length=400, description="the target actor, as for `actor`")] = None,
    country: Annotated[str | None, Query(max_length=200, description="country codes of where the event happened")] = None,
    type: Annotated[str | None, Query(max_length=400, description="PLOVER types, comma-separated (e.g. ASSAULT,MOBILIZE)")] = None,  # noqa: A002
    cameo: Annotated[str | None, Query(max_length=4, description="CAMEO code prefix (e.g. 19)")] = None,
    modality: Annotated[str | None, Query(max_length=200, description="asserted, reported, claimed, intended, hypothetical, negated (replaces the `happened` default)")] = None,
    quad: Annotated[str | None, Query(max_length=20, description="quad classes: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict")] = None,
    happened: Annotated[str | None, Query(max_length=10, description="yes (default: asserted, reported, claimed), all, or no (intended, hypothetical, negated)")] = None,
    since: Annotated[str | None, Query(max_length=10, description="event date on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(max_length=10, description="event date on or before (YYYY[-MM[-DD]])")] = None,
    place: Annotated[str | None, Query(max_length=200, description="substring of the event location's name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="substring of the evidence sentence or article title")] = None,
    doc: Annotated[str | None, Query(max_length=2000, description="only events of this document (doc_key or doc)")] = None,
    located: Annotated[bool, Query(description="only events with coordinates")] = False,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventFilter:
    actors_file = state(request).settings.actors_file
    if not resolver_loaded(actors_file):  # the first request reads the knowledge base (seconds): not on the loop
        await run_in_threadpool(resolver, actors_file)
    # Parsing takes ~0.1 ms: done on the event loop, it spares each request a trip to a worker thread.
    return EventFilter.parse(
        actor=actor, source=source, target=target, country=country, type=type, cameo=cameo, modality=modality,
        quad=quad, happened=happened, since=since, until=until, place=place, q=q, doc=doc, located=located,
        min_confidence=min_confidence, actors_file=actors_file,
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


@router.get("/filters", summary="The filter as understood: canonical parameters, the 'filters applied' phrases, "
                                "how actor names resolved, and how many events match")
def get_filters(request: Request, flt: Filter) -> Response:
    with read(request) as conn:
        matching = reads.count_events(conn, flt)
    return json_response({**flt.summary(), "events": matching})


@router.get("/documents", summary="Stored articles, newest first, with their event counts (the same filters)")
def list_documents(request: Request, flt: Filter, limit: Limit = 50, offset: Offset = 0) -> Response:
    with read(request) as conn:
        page = reads.documents(conn, flt, limit=limit, offset=offset)
    return json_response({**page, "filters": flt.summary()})


@router.get("/documents/{doc:path}", summary="One article: text, and actors, places, dates, quantities, equipment, events with offsets")
def get_document(request: Request, doc: str) -> Response:
    if len(doc) > 2000:
        raise invalid("doc: at most 2000 characters")
    with read(request) as conn:
        found = reads.document(conn, doc)
    if found is None:
        raise ApiError(404, "not_found", f"no document {doc[:200]!r}")
    return json_response(found)


@router.get("/events", summary="Events (exported records) matching the filters, newest first: a JSON page, "
                               "or every match as CSV, GeoJSON or JSON lines")
def list_events(
    request: Request,
    flt: Filter,
    limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE, description="rows per page (default 100; exports: all rows)")] = None,
    offset: Offset = 0,
    format: Annotated[str, Query(max_length=10, description="json (a page), csv, geojson or jsonl (a download)")] = "json",  # noqa: A002
) -> Response:
    if format == "json":
        size = limit or 100
        access = state(request).access
        body = kept(request, ("events", flt, size, offset),
                    lambda conn: reads.events_json(conn, flt, limit=size, offset=offset, extra={"filters": flt.summary()},
                                                   kept=access.rows()))
        return Response(body, media_type="application/json")
    if format not in EXPORT_FORMATS:
        raise invalid(f"format: {format[:20]!r} is not one of json, csv, geojson, jsonl")
    with read(request) as conn:
        ids = reads.event_ids(conn, flt, limit=limit, offset=offset)
    if len(ids) > EXPORT_MAX:
        raise invalid(f"{len(ids):,} events match; one export holds at most {EXPORT_MAX:,}: narrow the filters "
                      "or page with limit and offset")
    body = _export(request, ids, format, flt)
    headers = {"Content-Disposition": f'attachment; filename="flashpoint-events.{format}"',
               "X-Flashpoint-Events": str(len(ids))}
    return StreamingResponse(body, media_type=EXPORT_FORMATS[format], headers=headers)


def _export(request: Request, ids: list[str], fmt: str, flt: EventFilter) -> Iterator[str]:
    """The export, read in chunks, each on its own short turn on the store."""
    chunks = [ids[i:i + EXPORT_CHUNK] for i in range(0, len(ids), EXPORT_CHUNK)]
    if fmt == "csv":
        yield _csv_line(reads.EXPORT_COLUMNS)
        for chunk in chunks:
            with read(request) as conn:
                rows = reads.export_rows(conn, chunk)
            yield "".join(_csv_line([row[c] for c in reads.EXPORT_COLUMNS]) for row in rows)
        return
    if fmt == "jsonl":
        for chunk in chunks:
            with read(request) as conn:
                records = reads.export_records(conn, chunk)
            yield "".join(r + "\n" for r in records)
        return
    yield '{"type":"FeatureCollection","features":['
    first, unlocated = True, 0
    for chunk in chunks:
        with read(request) as conn:
            records = reads.export_records(conn, chunk)
        parts = []
        for text in records:
            record = json.loads(text)
            loc = record.get("location") or {}
            if loc.get("lat") is None or loc.get("lon") is None:
                unlocated += 1
                continue
            feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                       "properties": {**record, "place": loc.get("name")}}
            parts.append(("" if first else ",") + json.dumps(feature, ensure_ascii=False))
            first = False
        yield "".join(parts)
    meta = {"filters": flt.summary(), "events": len(ids), "unlocated": unlocated}
    yield f'],"flashpoint":{json.dumps(meta, ensure_ascii=False)}}}\n'


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_line(values: Any) -> str:
    """One CSV row; a text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    out = io.StringIO()
    cells = []
    for v in values:
        if isinstance(v, str) and v.startswith(FORMULA_START):
            v = "'" + v
        cells.append("" if v is None else v)
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


@router.get("/events/{event_id:path}", summary="One event by id (doc_key:index)")
def get_event(request: Request, event_id: str) -> Response:
    if len(event_id) > 200:
        raise invalid("event id: at most 200 characters")
    with read(request) as conn:
        found = reads.event(conn, event_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return json_response(found)


@router.get("/map", summary="Located events grouped by place (counts by type and quad class), and how many "
                            "matching events have no place")
def get_map(request: Request, flt: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> Response:
    body = kept(request, ("map", flt, limit),
                lambda conn: json_text({**reads.map_points(conn, flt, limit=limit), "filters": flt.summary()}))
    return Response(body, media_type="application/json")


@router.get("/network", summary="Signed actor network: actor-to-actor event counts by cooperation and conflict")
def get_network(request: Request, flt: Filter, limit: Annotated[int, Query(ge=1, le=2000)] = 300) -> Response:
    body = kept(request, ("network", flt, limit),
                lambda conn: json_text({**reads.network(conn, flt, limit=limit), "filters": flt.summary()}))
    return Response(body, media_type="application/json")


@router.get("/weeks", summary="Events per week (Monday to Sunday) for the time brush; events dated only by "
                              "month or year, and undated ones, counted apart")
def get_weeks(request: Request, flt: Filter) -> Response:
    body = kept(request, ("weeks", flt), lambda conn: json_text({**reads.weeks(conn, flt), "filters": flt.summary()}))
    return Response(body, media_type="application/json")


@router.get("/timeline", summary="Events per dyad and period (counts and Goldstein sum)")
def get_timeline(
    request: Request,
    flt: Filter,
    dyad: Annotated[str | None, Query(max_length=400, description="dyads as A-B (country codes or actor names), comma-separated; default the busiest")] = None,
    bucket: Annotated[str, Query(pattern="^(day|month)$")] = "day",
    top: Annotated[int, Query(ge=1, le=20)] = 5,
) -> Response:
    pairs = []
    for item in split_list(dyad, "dyad"):
        a, sep, b = item.partition("-")
        if not sep or not a.strip() or not b.strip():
            raise invalid(f"dyad: expected two actors as A-B (for example ARM-AZE), got {item[:40]!r}")
        pairs.append((a.strip(), b.strip()))
    with read(request) as conn:
        series = reads.timeline(conn, flt, dyads=pairs, bucket=bucket, top=top)
    return json_response({"bucket": bucket, "series": series, "filters": flt.summary()})


@router.get("/actors", summary="Coded actors with mention and document counts")
def list_actors(
    request: Request,
    country: Annotated[str | None, Query(pattern="^[A-Z]{3}$")] = None,
    q: Text = None,
    limit: Limit = 100,
) -> Response:
    with read(request) as conn:
        return json_response({"items": reads.actors(conn, country=country, q=q, limit=limit)})


@router.get("/incidents", summary="Incidents (one real-world event reported by one or more articles) with a "
                                  "report that matches the filters; each with all its reports")
def list_incidents(request: Request, flt: Filter, limit: Limit = 100, offset: Offset = 0) -> Response:
    with read(request) as conn:
        page = reads.incidents(conn, flt, limit=limit, offset=offset)
    return json_response({**page, "filters": flt.summary()})
