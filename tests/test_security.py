"""API security from an attacker's side: every query and path parameter of every read
route gets injection payloads; file-serving routes get raw (un-normalised) traversal
paths over a real socket; hostile article text stays data; bodies and headers have
limits; writes need the flag and the token; no CORS; loopback by default.

The HTTP engineer's ``test_http_security.py`` checks each mechanism once; this file
sweeps the whole surface (routes discovered from the OpenAPI spec).
"""

from __future__ import annotations

import http.client
import inspect
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
import uvicorn

from failures import record
from flashpoint.config import Settings
from flashpoint.http.app import create_app, serve
from test_http_support import XSS_BODY, XSS_TITLE, TestClient, build_store

REPO = Path(__file__).resolve().parents[1]
WEB = REPO / "src" / "flashpoint" / "web"
PAYLOADS = [
    "' OR 1=1 --",
    '"; DROP TABLE events; --',
    "1; DELETE FROM documents",
    "') UNION SELECT doc_key, text, NULL FROM documents --",
    "%",
    "_",
    "\\",
    "%' OR '%'='",
    "IRN' OR country IS NOT NULL --",
    "\x00",
    "\u202e\u200b😀ﾟДﾟ",
    "A" * 5000,
    "-1",
    "99999999999999999999999",
    "NaN",
    "1e309",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    "{{7*7}}${7*7}",
    "',),(); COPY documents TO '/tmp/flashpoint-pwned.csv'; --",
]
LEAKS = ("root:x:", "[build-system]", "import duckdb", "Traceback", "duckdb.", "Binder Error", "Parser Error")
SQLISH = re.compile(r"(?i)\b(or|union|drop|delete|copy)\b")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(str(tmp_path_factory.mktemp("security") / "store.duckdb"))


@pytest.fixture(scope="module")
def client(store: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store)), raise_server_exceptions=False) as c:
        yield c


def counts(path: str) -> dict[str, int]:
    with duckdb.connect(path, read_only=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}  # noqa: S608


def assert_safe(response, where: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code in (200, 400, 404, 413, 414, 422), f"{where}: {response.status_code} {response.text[:300]}"
    assert response.headers["content-type"].startswith("application/json"), where
    assert "access-control-allow-origin" not in response.headers
    body = response.text
    assert not any(leak in body for leak in LEAKS), f"{where}: leaked {body[:300]}"
    if response.status_code != 200:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "status"} and error["status"] == response.status_code


def read_routes(client: TestClient) -> list[tuple[str, list[str], list[str]]]:
    """(path, query parameter names, path parameter names) of every GET /api route."""
    spec = client.get("/openapi.json").json()
    out = []
    for path, ops in sorted(spec["paths"].items()):
        if "get" in ops and path.startswith("/api"):
            params = ops["get"].get("parameters", [])
            out.append((path, [p["name"] for p in params if p["in"] == "query"], [p["name"] for p in params if p["in"] == "path"]))
    return out


def test_injection_payloads_in_every_parameter(client: TestClient, store: str) -> None:
    before = counts(store)
    routes = read_routes(client)
    assert len(routes) >= 8, routes
    tried = statuses = 0
    seen: dict[int, int] = {}
    for path, query, path_params in routes:
        for payload in PAYLOADS:
            if path_params:
                url = path
                for name in path_params:
                    url = url.replace("{" + name + "}", quote(payload, safe=""))
                response = client.get(url)
                assert_safe(response, f"{path} <- {payload[:40]!r}")
                assert response.status_code != 200 or payload in ("%", "_"), f"{url} found something"
                seen[response.status_code] = seen.get(response.status_code, 0) + 1
                tried += 1
                continue
            for name in query:
                response = client.get(path, params={name: payload})
                assert_safe(response, f"{path}?{name}={payload[:40]!r}")
                if response.status_code == 200 and name in ("q", "actor", "place", "doc") and SQLISH.search(payload):
                    data = response.json()
                    items = data.get("items", data.get("points", data.get("series", [])))
                    assert not items, f"{path}?{name}={payload!r} matched rows: the payload was not taken literally"
                seen[response.status_code] = seen.get(response.status_code, 0) + 1
                tried += 1
        statuses += 1
    assert counts(store) == before, "the store changed"
    assert not Path("/tmp/flashpoint-pwned.csv").exists()
    record(
        "api",
        "SQL injection and junk in every query and path parameter",
        f"{len(PAYLOADS)} payloads (' OR 1=1 --, \"; DROP TABLE events; --, UNION SELECT, COPY TO, NUL, 5,000 chars, "
        f"huge numbers, NaN, bidi, template syntax) × every parameter of {len(routes)} GET routes from /openapi.json",
        f"{tried} requests: statuses {dict(sorted(seen.items()))}, never a 500, no SQL error text, every error in the envelope; "
        "text parameters matched literally (no rows); every table's row count unchanged",
    )


@pytest.mark.parametrize(
    "query",
    ["limit=-1", "limit=0", "limit=501", f"limit={10**12}", "limit=abc", "offset=-1", f"offset={10**12}", "offset=1.5", "limit=1&limit=2"],
)
def test_paging_parameters_are_bounded(client: TestClient, query: str) -> None:
    for path in ("/api/documents", "/api/events", "/api/incidents"):
        response = client.get(f"{path}?{query}")
        assert_safe(response, f"{path}?{query}")
        if response.status_code == 200:
            assert response.json()["limit"] <= 500
    record("api", f"paging out of range: {query}", "/api/documents, /api/events, /api/incidents", "422 in the error envelope (or a clamped page), never a 500 or an unbounded page")


@contextmanager
def live_server(settings: Settings, **options: object) -> Iterator[int]:
    """A real uvicorn server on 127.0.0.1 and a free port, in a thread; yields the port."""
    app = create_app(settings, **options)  # type: ignore[arg-type]
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def raw_get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """GET exactly ``path`` (no client-side normalisation of ../ or %2e)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


TRAVERSALS = [
    "/static/../../pyproject.toml",
    "/static/../../../../../../etc/passwd",
    "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static/..%252f..%252f..%252fpyproject.toml",
    "/static/..%5c..%5c..%5cpyproject.toml",
    "/static/..\\..\\..\\pyproject.toml",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/pyproject.toml",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/js/../../../store/db.py",
    "/static/js/main.js/../../../http/app.py",
    "/static/.hidden",
    "/static/index.html%00.png",
    "/static/%00",
    "/..%2f..%2fetc/passwd",
    "/../../pyproject.toml",
    "/%2e%2e/%2e%2e/pyproject.toml",
    "/docs/../../pyproject.toml",
    "/api/documents/..%2f..%2f..%2fetc%2fpasswd",
    "/api/events/../../../../etc/passwd",
]


def test_path_traversal_over_a_real_socket(store: str) -> None:
    results = []
    with live_server(Settings(db=store)) as port:
        ok_status, ok_body = raw_get(port, "/static/js/main.js")
        assert ok_status == 200 and ok_body, "the static route serves its own files"
        for path in TRAVERSALS:
            status, body = raw_get(port, path)
            assert status in (400, 404, 422), f"{path}: {status} {body[:200]}"
            assert not any(leak in body for leak in LEAKS), f"{path} leaked: {body[:300]}"
            results.append(status)
    record(
        "api",
        "path traversal on file-serving routes",
        f"{len(TRAVERSALS)} raw paths over a socket (no client normalisation): ../, %2f, %2e%2e, double-encoded %252f, "
        "backslashes, overlong UTF-8 %c0%ae, absolute paths, NUL, hidden files, on /static, /, /docs and /api path parameters",
        f"statuses {sorted(set(results))}: nothing outside the web folder served (no /etc/passwd, pyproject.toml or source)",
    )


def test_hostile_article_text_is_inert(client: TestClient) -> None:
    found = client.get("/api/documents/k-xss")
    assert found.status_code == 200
    assert found.headers["content-type"] == "application/json"
    assert found.headers["x-content-type-options"] == "nosniff"
    csp = found.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    doc = found.json()
    assert doc["title"] == XSS_TITLE and doc["text"] == XSS_BODY, "returned verbatim, as data"
    page = client.get("/")
    assert page.status_code == 200 and "<script>" not in page.text.replace("<script src", ""), "no inline script in the dashboard"
    sinks = re.compile(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*[\"']on")
    offenders = [f"{p.name}:{n}" for p in sorted((WEB / "js").glob("*.js")) for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if sinks.search(line) and not line.lstrip().startswith("//")]
    assert not offenders, f"HTML sinks in the dashboard code: {offenders}"
    record(
        "api",
        "hostile article text in the dashboard",
        "a stored article whose title and body hold <script>, <img onerror>, onmouseover",
        "served verbatim as application/json with nosniff and a CSP without unsafe-inline; the dashboard has no inline script and "
        "its code has no innerHTML/insertAdjacentHTML/document.write/eval sink (text nodes only)",
    )


def test_request_size_limits(store: str) -> None:
    from flashpoint.http.analyze import MAX_BODY

    with live_server(Settings(db=store)) as port:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        big = b'{"text": "' + b"a" * (MAX_BODY + 10) + b'"}'
        conn.request("POST", "/api/analyze", body=big, headers={"Content-Type": "application/json"})
        declared = conn.getresponse()
        declared_status = declared.status
        declared.read()
        conn.close()
        assert declared_status == 413

        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range((MAX_BODY // 65536) + 2):
                yield b"a" * 65536
            yield b'"}'

        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("POST", "/api/analyze", body=chunks(), headers={"Content-Type": "application/json"}, encode_chunked=True)
        chunked = conn.getresponse()
        chunked_status = chunked.status
        chunked.read()
        conn.close()
        assert chunked_status == 413

        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 2_000_000 + b"\r\n\r\n")
            reply = sock.recv(200)
        long_url_status, _ = raw_get(port, "/api/documents?q=" + "a" * 100_000)
        alive, _ = raw_get(port, "/api/stats")
    assert reply == b"" or reply.split(b" ")[1][:1] == b"4", reply[:100]
    assert long_url_status in (400, 414, 422, 431)
    assert alive == 200, "the server still answers"
    record(
        "api",
        "oversized requests",
        f"POST /api/analyze with {MAX_BODY + 20:,} bytes declared, the same chunked without Content-Length, a 2 MB header, a 100 KB URL",
        f"413, 413 (counted while streaming), header refused ({(reply.split(b' ')[1].decode() if reply else 'connection closed')}), "
        f"{long_url_status} for the URL; the server kept answering",
    )


def test_writes_need_the_flag_and_the_token(store: str, pipeline) -> None:  # noqa: ARG001 - pipeline: spaCy loaded once
    body = {"text": "Iran's army shelled positions near the Azerbaijan border on Monday, officials said."}
    with TestClient(create_app(Settings(db=store)), raise_server_exceptions=False) as read_only:
        refused = read_only.post("/api/analyze?store=true", json=body)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "writes_disabled"
    before = counts(store)
    with TestClient(create_app(Settings(db=store), allow_writes=True, token="s3cret"), raise_server_exceptions=False) as c:
        outcomes = {}
        for label, headers in [
            ("no token", {}),
            ("wrong token", {"Authorization": "Bearer nope"}),
            ("token with no scheme", {"Authorization": "s3cret"}),
            ("basic scheme", {"Authorization": "Basic s3cret"}),
            ("prefix of the token", {"Authorization": "Bearer s3cre"}),
            ("token plus junk", {"Authorization": "Bearer s3cret'--"}),
        ]:
            response = c.post("/api/analyze?store=true", json=body, headers=headers)
            outcomes[label] = response.status_code
            assert response.status_code == 401, (label, response.text)
        assert counts(store) == before, "a refused write stored nothing"
        accepted = c.post("/api/analyze?store=true", json=body, headers={"Authorization": "Bearer s3cret"})
        assert accepted.status_code == 200, accepted.text[:300]
        assert accepted.json()["stored"] is True
        for method in ("PUT", "DELETE", "PATCH"):
            assert c.request(method, "/api/documents").status_code == 405
    record(
        "api",
        "writes without permission",
        "POST /api/analyze?store=true on a read-only server; then with --allow-writes and a token: none, wrong, no scheme, Basic, a prefix, token+junk; PUT/DELETE/PATCH on reads",
        "403 writes_disabled on the read-only server; 401 for every bad token and nothing stored; 200 and stored only with the right bearer token; 405 for other methods",
    )


def test_no_cors_and_loopback_by_default(client: TestClient) -> None:
    from flashpoint.cli import build_parser

    origin = {"Origin": "http://evil.example"}
    for path in ("/api/stats", "/api/documents", "/"):
        response = client.get(path, headers=origin)
        assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/analyze", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers and preflight.status_code in (404, 405)
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    serve_args = build_parser().parse_args(["serve"])
    assert serve_args.host == "127.0.0.1" and not serve_args.allow_writes and serve_args.token is None
    record(
        "api",
        "cross-origin reads and exposed binding",
        "GET with Origin: http://evil.example, a CORS preflight; `flashpoint serve` defaults",
        f"no Access-Control-Allow-Origin anywhere (preflight {preflight.status_code}); binds 127.0.0.1 by default, read-only, no token",
    )
