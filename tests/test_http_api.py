"""The HTTP API, in-process, over a synthetic store written through the real writer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from flashpoint.config import Settings
from flashpoint.http import create_app
from test_http_support import XSS_TITLE, TestClient, build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(str(tmp_path_factory.mktemp("api") / "store.duckdb"))


@pytest.fixture(scope="module")
def client(store: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store)), raise_server_exceptions=False) as c:
        yield c  # leaving runs the app's shutdown, which releases the store file


def ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def test_events_page_has_exported_records_newest_first(client: TestClient) -> None:
    page = client.get("/api/events").json()
    assert page["total"] == 6
    dates = [item["date"] for item in page["items"]]
    assert dates == sorted(dates, reverse=True)
    first = page["items"][0]
    assert {"id", "doc", "doc_key", "title", "source", "target", "plover", "evidence", "start", "end"} <= set(first)
    assert first["source"]["country"] == "ARM" and first["location"]["name"] == "Yerevan"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=ARM", {"k-border:2", "k-strike:0"}),
        ("actor=azerbaijan&type=ACCUSE", {"k-border:1"}),
        ("source=IRN&target=AZE", {"k-border:0", "k-xss:0"}),
        ("type=ASSAULT,SUPPORT", {"k-strike:0", "k-strike:1", "k-xss:0"}),
        ("modality=claimed", {"k-strike:0"}),
        ("since=2021-10-04&until=2021-10-05", {"k-border:1", "k-xss:0"}),
        ("until=2020", {"k-strike:0", "k-strike:1"}),
        ("place=jolf", {"k-border:0"}),
        ("country=ARM", {"k-border:2"}),
        ("q=welcomed", {"k-border:2"}),
        ("q=drone", {"k-strike:0", "k-strike:1"}),  # matches the article title
        ("doc=strike.txt", {"k-strike:0", "k-strike:1"}),
        ("located=true&quad=4", {"k-border:0", "k-strike:0", "k-xss:0"}),
        ("cameo=19", {"k-strike:0", "k-xss:0"}),
        ("q=100%25", set()),  # a literal percent sign is not a wildcard
    ],
)
def test_event_filters(client: TestClient, query: str, expected: set[str]) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    assert set(ids(response.json())) == expected


def test_paging_is_bounded_and_consistent(client: TestClient) -> None:
    a = client.get("/api/events?limit=4&offset=0").json()
    b = client.get("/api/events?limit=4&offset=4").json()
    assert len(a["items"]) == 4 and len(b["items"]) == 2 and a["total"] == b["total"] == 6
    assert not set(ids(a)) & set(ids(b))
    assert client.get("/api/events?limit=500").status_code == 200
    assert client.get("/api/events?limit=501").status_code == 422
    assert client.get("/api/events?offset=-1").status_code == 422
    beyond = client.get("/api/events?offset=100").json()
    assert beyond["items"] == [] and beyond["total"] == 6


def test_document_has_text_and_facts_at_their_offsets(client: TestClient) -> None:
    doc = client.get("/api/documents/k-border").json()
    assert doc["doc"] == "border.txt" and doc["title"].startswith("Iran drills")
    text = doc["text"]
    for kind in ("actors", "places", "dates"):
        assert doc[kind], kind
        for fact in doc[kind]:
            assert text[fact["start"]:fact["end"]] == fact["text"]
    for event in doc["events"]:
        assert text[event["start"]:event["end"]] == event["evidence"]
    assert client.get("/api/documents/border.txt").json()["doc_key"] == "k-border"
    listing = client.get("/api/documents?q=drone").json()
    assert [d["doc"] for d in listing["items"]] == ["strike.txt"] and listing["items"][0]["events"] == 2


def test_one_event_and_aggregates(client: TestClient) -> None:
    assert client.get("/api/events/k-strike:0").json()["plover"] == "ASSAULT"
    points = client.get("/api/map").json()["points"]
    assert {p["name"] for p in points} == {"Jolfa", "Yerevan", "Ganja", "Baku"}
    ganja = next(p for p in points if p["name"] == "Ganja")
    assert ganja["conflict"] == 1 and ganja["sample"] == ["k-strike:0"]
    net = client.get("/api/network").json()
    edge = next(e for e in net["edges"] if (e["source"], e["target"]) == ("IRN", "AZE"))
    assert edge["events"] == 2 and edge["conflict"] == 2 and edge["cooperation"] == 0
    assert net["nodes"][0]["id"] == "AZE"
    series = client.get("/api/timeline?dyad=AZE-IRN").json()["series"]
    assert series[0]["dyad"] == ["AZE", "IRN"]
    assert [p["period"] for p in series[0]["points"]] == ["2021-10-03", "2021-10-04", "2021-10-05"]
    monthly = client.get("/api/timeline?dyad=IRN-AZE&bucket=month").json()["series"][0]["points"]
    assert monthly == [{"period": "2021-10", "events": 3, "conflict": 3, "cooperation": 0, "goldstein": -19.2}]


def test_actors_incidents_stats_facets(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["items"]
    assert actors[0]["country"] == "AZE" and actors[0]["mentions"] >= 3
    assert [a["country"] for a in client.get("/api/actors?country=TUR").json()["items"]] == ["TUR"]
    incidents = client.get("/api/incidents?actor=AZE").json()
    assert incidents["total"] == 1 and incidents["items"][0]["contested"] is True
    assert client.get("/api/incidents?actor=IRN").json()["total"] == 0
    stats = client.get("/api/stats").json()
    assert stats["counts"]["events"] == 6 and stats["located_events"] == 4
    facets = client.get("/api/facets").json()
    assert facets["types"][0] == {"value": "ASSAULT", "events": 2}
    assert facets["dates"] == {"min": "2020-10-11", "max": "2021-10-21"}


def test_untrusted_text_is_returned_as_data(client: TestClient) -> None:
    response = client.get("/api/documents/k-xss")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["title"] == XSS_TITLE


def test_openapi_and_docs_need_no_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc}", "/api/events", "/api/actors", "/api/incidents",
                 "/api/dyads", "/api/tension", "/api/triads", "/api/alerts", "/api/brief", "/api/analyze"):
        assert path in spec["paths"], path
    assert "requestBody" in spec["paths"]["/api/analyze"]["post"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    for page in ("/docs", "/"):
        html = client.get(page).text
        assert "http://" not in html and "https://" not in html and "cdn" not in html.lower()
        assert "<script>" not in html  # no inline script: the CSP can stay strict
    assert client.get("/redoc").status_code == 404
    assert client.get("/static/js/docs.js").headers["content-type"].startswith("text/javascript")


def test_dashboard_assets_are_self_hosted(client: TestClient) -> None:
    html = client.get("/").text
    for asset in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/topojson-client/topojson-client.min.js",
                  "/static/js/main.js", "/static/css/app.css"):
        assert asset in html
        assert client.get(asset).status_code == 200, f"{asset} missing: run `make web-assets`"
    atlas = client.get("/static/vendor/world-atlas/countries-110m.json").json()
    assert atlas["type"] == "Topology" and "countries" in atlas["objects"]
