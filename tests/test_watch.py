"""flashpoint watch --once: picks up new files, emits each alert once across runs."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from flashpoint.analysis.watch import watch
from flashpoint.config import Settings
from flashpoint.store import db

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("incident_testset_watch", REPO / "tests/data/incidents/testset.py")
testset = importlib.util.module_from_spec(_spec)
sys.modules["incident_testset_watch"] = testset
_spec.loader.exec_module(testset)

ARTICLE = (
    "Border guards reported calm along the frontier.\n\n"
    "Officials in Yerevan said on Monday that talks with Baku would resume next week in Brussels."
)
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire</title>
<item><title>Talks resume</title><guid>tw-1</guid><pubDate>Mon, 16 Mar 2026 09:00:00 GMT</pubDate>
<description>Armenian and Azerbaijani negotiators met in Brussels on Monday for a new round of talks.</description></item>
</channel></rss>"""


def run(source: Path, settings: Settings, log: Path) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = watch(str(source), settings, interval=0.1, once=True, alert_log=str(log), emit=lines.append)
    return code, lines


def _count(settings: Settings, table: str) -> int:
    with db.connect(settings.db, read_only=True) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_watch_once_picks_up_new_files_and_never_repeats_alerts(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "store.duckdb"))
    testset.write_store(settings.db)  # a store with history: the test set's incidents raise alerts
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    log = tmp_path / "alerts.jsonl"

    code, first = run(inbox, settings, log)
    assert code == 0
    alerts = [json.loads(line) for line in first]
    assert alerts, "the stored incidents raise alerts on the first poll"
    assert {"id", "kind", "period", "score", "threshold", "message", "events", "docs"} <= set(alerts[0])
    assert any(a["kind"] == "contested" for a in alerts)
    assert log.read_text(encoding="utf-8").splitlines() == first
    assert _count(settings, "incidents") == 12, "watch refreshed the incidents of the stored events"

    (inbox / "calm.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "wire.rss").write_text(FEED, encoding="utf-8")
    docs_before = _count(settings, "documents")
    code, second = run(inbox, settings, log)
    assert code == 0
    assert _count(settings, "documents") == docs_before + 2, "the new file and the feed item were ingested"
    assert second == [], "no alert is emitted twice"
    assert _count(settings, "watch_state") == 2

    code, third = run(inbox, settings, log)  # a restart with nothing new: no read, no alert
    assert code == 0 and third == []
    assert len(log.read_text(encoding="utf-8").splitlines()) == len(first)


class _Feeds:
    """A loopback HTTP server whose paths serve whatever bytes the test puts in ``pages``."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        pages: dict[str, bytes] = {}
        self.pages = pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                body = pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                self.wfile.write(body or b"not found")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_watch_a_feed_url_on_loopback(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "store.duckdb"), max_bytes=50_000)
    feeds = _Feeds()
    try:
        feeds.pages["/wire.rss"] = FEED.encode()
        url, log = feeds.url("/wire.rss"), tmp_path / "alerts.jsonl"
        code = watch(url, settings, interval=0.1, once=True, alert_log=str(log), emit=lambda line: None)
        assert code == 0 and _count(settings, "documents") == 1

        code = watch(url, settings, interval=0.1, once=True, alert_log=str(log), emit=lambda line: None)
        assert code == 0 and _count(settings, "documents") == 1, "the same feed is not read again"

        second = FEED.replace("</channel>", "<item><title>Drills</title><guid>tw-2</guid><description>"
                              "Iranian forces held drills near the Azerbaijani border on Tuesday."
                              "</description></item></channel>")
        feeds.pages["/wire.rss"] = second.encode()
        code = watch(url, settings, interval=0.1, once=True, alert_log=str(log), emit=lambda line: None)
        assert code == 0 and _count(settings, "documents") == 2, "only the new entry is stored"

        feeds.pages["/huge.rss"] = b"<rss>" + b"x" * 200_000 + b"</rss>"
        for path, reason in (("/missing.rss", "fetch_failed"), ("/huge.rss", "too_large")):
            code = watch(feeds.url(path), settings, interval=0.1, once=True, alert_log=str(log), emit=lambda line: None)
            assert code == 1
            with db.connect(settings.db, read_only=True) as conn:
                rows = conn.execute("SELECT code FROM skipped WHERE item = ?", [feeds.url(path)]).fetchall()
            assert rows == [(reason,)]
        assert _count(settings, "documents") == 2, "nothing stored is lost or duplicated"
    finally:
        feeds.close()
