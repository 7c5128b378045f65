"""Error envelope, security headers, path traversal, read-only default, write token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from flashpoint.config import Settings
from flashpoint.http import create_app
from flashpoint.http.analyze import MAX_BODY
from test_http_support import TestClient, build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(str(tmp_path_factory.mktemp("sec") / "store.duckdb"))


@pytest.fixture(scope="module")
def client(store: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store)), raise_server_exceptions=False) as c:
        yield c  # leaving runs the app's shutdown, which releases the store file


def assert_envelope(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("GET", "/api/nowhere", 404, "not_found"),
        ("GET", "/api/documents/no-such-doc", 404, "not_found"),
        ("GET", "/api/events/no:such", 404, "not_found"),
        ("DELETE", "/api/events", 405, "method_not_allowed"),
        ("POST", "/api/documents", 405, "method_not_allowed"),
        ("GET", "/api/events?limit=0", 422, "invalid_request"),
        ("GET", "/api/events?limit=abc", 422, "invalid_request"),
        ("GET", "/api/events?since=2021-13-99x", 422, "invalid_request"),
        ("GET", "/api/events?modality=certain", 422, "invalid_request"),
        ("GET", "/api/events?happened=maybe", 422, "invalid_request"),
        ("GET", "/api/events?colour=red", 422, "invalid_request"),  # an unknown parameter is an error, not ignored
        ("GET", "/api/events?type=DROP%20TABLE", 422, "invalid_request"),
        ("GET", "/api/timeline?dyad=IRN", 422, "invalid_request"),
        ("GET", "/api/timeline?bucket=year", 422, "invalid_request"),
        ("GET", "/api/actors?country=irn", 422, "invalid_request"),
        ("GET", "/api/dyads?since=2024-99-99", 422, "invalid_request"),
    ],
)
def test_every_error_has_one_shape(client: TestClient, method: str, url: str, status: int, code: str) -> None:
    assert_envelope(client.request(method, url), status, code)


def test_sql_metacharacters_are_bound_not_run(client: TestClient) -> None:
    for value in ("' OR 1=1 --", "%'; DROP TABLE events; --", "IRN') OR ('1'='1"):
        response = client.get("/api/events", params={"actor": value, "q": value, "place": value})
        assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == 6


@pytest.mark.parametrize(
    "path",
    ["/static/..%2f..%2fhttp%2fapp.py", "/static/..%2F..%2F..%2Fpyproject.toml", "/static/%2e%2e/%2e%2e/config.py",
     "/static/js/..%2f..%2fhttp%2fapp.py", "/static/..\\..\\config.py", "/static/vendor/.lock-sha256",
     "/static/%00index.html", "/static/", "/static/js", "/static//etc/passwd"],
)
def test_static_route_cannot_leave_the_web_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "[project]" not in response.text


def test_security_headers_everywhere_and_no_cors(client: TestClient) -> None:
    for url in ("/", "/api/events", "/api/nowhere", "/static/js/main.js", "/openapi.json"):
        response = client.get(url, headers={"Origin": "https://evil.example"})
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert not any(h.lower().startswith("access-control-") for h in response.headers)
    preflight = client.options("/api/events", headers={"Origin": "https://evil.example",
                                                       "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 405 and "access-control-allow-origin" not in preflight.headers


def test_missing_store_is_a_503_in_the_envelope(tmp_path) -> None:
    client = TestClient(create_app(Settings(db=str(tmp_path / "none.duckdb"))), raise_server_exceptions=False)
    assert_envelope(client.get("/api/events"), 503, "store_missing")
    assert not (tmp_path / "none.duckdb").exists()  # a reader never creates the store


def test_read_only_by_default(client: TestClient) -> None:
    response = client.post("/api/analyze?store=true", json={"text": "Iran attacked Azerbaijan."})
    assert_envelope(response, 403, "writes_disabled")


def test_write_token_is_required_when_set(store: str) -> None:
    client = TestClient(create_app(Settings(db=store), allow_writes=True, token="s3cret"),
                        raise_server_exceptions=False)
    body = {"text": "Iran attacked Azerbaijan."}
    assert_envelope(client.post("/api/analyze?store=true", json=body), 401, "unauthorized")
    wrong = client.post("/api/analyze?store=true", json=body, headers={"Authorization": "Bearer nope"})
    assert_envelope(wrong, 401, "unauthorized")


def test_request_body_limits(client: TestClient) -> None:
    big = client.post("/api/analyze", content=b'{"text": "' + b"a" * (MAX_BODY + 10) + b'"}',
                      headers={"Content-Type": "application/json"})
    assert_envelope(big, 413, "too_large")

    def chunks():
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"a" * 65536

    streamed = client.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"})
    assert_envelope(streamed, 413, "too_large")
    assert_envelope(client.post("/api/analyze", json={}), 422, "invalid_request")
    assert_envelope(client.post("/api/analyze", json={"text": "a", "html": "<p>b</p>"}), 422, "invalid_request")
    assert_envelope(client.post("/api/analyze", content=b"{not json", headers={"Content-Type": "application/json"}),
                    422, "invalid_request")
    assert_envelope(client.post("/api/analyze", content=b"text=x", headers={"Content-Type": "text/plain"}),
                    415, "unsupported_media_type")


def test_analysis_endpoints_take_the_event_filter(client: TestClient) -> None:
    paged = {"total", "limit", "offset", "items", "filters"}
    for name, keys in (("dyads", {"as_of", "range"} | paged), ("tension", {"as_of", "latest_day", "range", "undated_incidents", "coarse_incidents", "formula"} | paged),
                       ("triads", {"triads", "open_triads", "relations"}), ("alerts", {"as_of"} | paged)):
        response = client.get(f"/api/{name}")
        assert response.status_code == 200, response.text
        assert set(response.json()) == keys
    tension = client.get("/api/tension?actor=IRN").json()
    assert tension["items"] and all("IRN" in d["actors"] for d in tension["items"])
    brief = client.get("/api/brief?actor=AZE&since=2021-01-01").json()
    assert brief["filters"]["actors"] == ["AZE"] and brief["filters"]["since"] == "2021-01-01"
    assert_envelope(client.get("/api/tension?since=2021-13"), 422)
    assert_envelope(client.get("/api/dyads?actors=AZE"), 422)  # the old parameter name is not silently ignored


def test_analysis_layer_missing_is_a_503(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "flashpoint.report.brief", None)  # import now fails
    monkeypatch.setitem(sys.modules, "flashpoint.analysis.view", None)
    assert_envelope(client.get("/api/dyads?actor=ARM"), 503, "analysis_unavailable")
    assert_envelope(client.get("/api/brief?actor=ARM"), 503, "analysis_unavailable")


def test_loopback_is_the_default_bind() -> None:
    import inspect

    from flashpoint.cli import build_parser
    from flashpoint.http.app import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.allow_writes is False
