"""POST /api/analyze through the real clean + pipeline; storing only when allowed."""

from __future__ import annotations

import pytest

from flashpoint.config import Settings
from flashpoint.http import create_app
from test_http_support import TestClient, build_store

TEXT = (
    "Iran's armed forces launched military exercises on the border with Azerbaijan on October 1, 2021. "
    "Azerbaijan's foreign ministry condemned the drills in Baku."
)


def client_for(store: str, pipeline, **kwargs) -> TestClient:
    app = create_app(Settings(db=store), **kwargs)
    app.state.flashpoint.cache["pipeline"] = pipeline  # the session's pipeline: spaCy loads once
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture()
def store(tmp_path) -> str:
    return build_store(str(tmp_path / "store.duckdb"))


def test_analyze_text_returns_facts_without_storing(store: str, pipeline) -> None:
    client = client_for(store, pipeline)
    response = client.post("/api/analyze", json={"text": TEXT, "published": "2021-10-02", "title": "Drills"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] is None
    text = body["article"]["text"]
    assert "Azerbaijan" in text
    countries = {a["country"] for a in body["actors"]}
    assert {"IRN", "AZE"} <= countries
    for kind in ("actors", "places", "dates", "quantities", "equipment"):
        for fact in body[kind]:
            assert text[fact["start"]:fact["end"]] == fact["text"], kind
    assert set(body) >= {"events", "places", "dates", "quantities", "equipment", "sentences", "timings"}
    assert client.get(f"/api/documents/{body['article']['key']}").status_code == 404


def test_analyze_html(store: str, pipeline) -> None:
    html = f"<html><head><title>Drills</title></head><body><article><p>{TEXT}</p></article></body></html>"
    response = client_for(store, pipeline).post("/api/analyze", json={"html": html})
    assert response.status_code == 200, response.text
    assert "Azerbaijan" in response.json()["article"]["text"]


def test_analyze_empty_text_is_rejected_in_the_envelope(store: str, pipeline) -> None:
    response = client_for(store, pipeline).post("/api/analyze", json={"text": "   \n  "})
    assert response.status_code == 422
    assert response.json()["error"]["status"] == 422


def test_analyze_can_store_when_writes_and_token_allow(store: str, pipeline) -> None:
    client = client_for(store, pipeline, allow_writes=True, token="s3cret")
    response = client.post("/api/analyze?store=true", json={"text": TEXT, "id": "pasted-1"},
                           headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 200, response.text
    assert response.json()["stored"] is True
    doc = client.get("/api/documents/pasted-1")
    assert doc.status_code == 200 and doc.json()["doc"] == "pasted-1"
    again = client.post("/api/analyze?store=true", json={"text": TEXT, "id": "pasted-1"},
                        headers={"Authorization": "Bearer s3cret"})
    assert again.json()["stored"] is False  # same content: already present
