"""End to end: the dashboard in headless Chromium (Debian's chromium + chromium-driver, via Selenium).

The store holds the seed corpus and a few news-like JSON articles ingested through the
real pipeline, the synthetic records of ``test_http_support`` (so the map has located
events whatever the extraction quality of the day), articles whose titles and bodies
carry ``<script>`` and ``<img onerror>`` payloads, and the synthetic articles of
:func:`test_http_support.scenario_docs`: an armed group without a country, one incident reported by two
outlets and denied by a third, what was only intended or hypothetical, a place near
the date line, a date without a year. Incidents are refreshed as after an ingest.

Each test drives one part of the page as a user would, checks what it shows, and
saves screenshots to ``tests/screenshots/`` (read them: they are the review).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from flashpoint.config import Settings
from test_http_support import build_store, scenario_docs

CHROMIUM = os.environ.get("FLASHPOINT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FLASHPOINT_CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = Path(__file__).resolve().parent / "screenshots"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1500,1150")

XSS_ARTICLES = [
    {"id": "xss-title", "published": "2021-10-06", "outlet": "Hostile Wire",
     "title": "<script>window.__xss=1</script>Border clash <img src=x onerror=\"window.__xss=1\">",
     "text": "Azerbaijan accused Iran of violating its airspace near Baku on Tuesday. "
             "The ministry said <script>window.__xss=1</script> it would respond."},
    {"id": "xss-body", "published": "2021-10-07", "outlet": "Hostile Wire", "title": "Plain title",
     "text": "Armenia <img src=x onerror=\"window.__xss=1\"> condemned Azerbaijan after shelling near Stepanakert. "
             "<svg onload=\"window.__xss=1\"></svg> Officials in Yerevan said talks would go on."},
]
NEWS_ARTICLES = [
    {"id": "news-1", "published": "2022-03-02", "outlet": "Example Wire", "title": "Shelling reported in Kharkiv",
     "text": "KYIV — Russian forces shelled Kharkiv on Tuesday, Ukraine's defence ministry said. "
             "Ukraine's army repelled an attack near Izium, the ministry added."},
    {"id": "news-2", "published": "2021-10-22", "outlet": "Example Wire", "title": "Foreign ministers meet in Yerevan",
     "text": "Armenian Foreign Minister Ararat Mirzoyan met Iranian Foreign Minister Hossein Amir-Abdollahian in "
             "Yerevan on Thursday. Iran and Armenia signed an agreement on transit through the Syunik province."},
    {"id": "no-events", "published": "2021-05-01", "outlet": "Quiet Gazette", "title": "Harvest festival draws crowds",
     "text": "The annual harvest festival drew large crowds to the market square this weekend. "
             "Stalls sold apples, honey and bread until late in the evening."},
]
def chromium_or_reason() -> str | None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (shutil.which(p) or os.path.exists(p))]
    if missing:
        return f"headless browser not installed: {', '.join(missing)} missing (apt-get install chromium chromium-driver; .ci/system-deps does it)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> str:
    from flashpoint.analysis.incident_store import refresh_incidents
    from flashpoint.ingest.run import ingest
    from flashpoint.store import db

    folder = tmp_path_factory.mktemp("e2e")
    path = str(folder / "store.duckdb")
    articles = folder / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in NEWS_ARTICLES + XSS_ARTICLES), encoding="utf-8")
    report = ingest([str(seeds_dir), str(articles)], Settings(db=path))
    assert report.stored == len(list(seeds_dir.glob("*.txt"))) + len(NEWS_ARTICLES) + len(XSS_ARTICLES), report.skipped
    build_store(path)  # adds the synthetic located events and the synthetic payload document
    with db.connect(path) as conn:
        db.write_batch(conn, scenario_docs())
        conn.execute("DELETE FROM incidents WHERE incident_id = 'inc-1'")  # build_store's hand-made row
        refresh_incidents(conn)  # as an ingest does
    return path


@contextmanager
def running(path: str) -> Iterator[str]:
    import uvicorn

    from flashpoint.http import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(db=path)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(store: str) -> Iterator[str]:
    with running(store) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    reason = chromium_or_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run in CI: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which(CHROMIUM) or CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which(CHROMEDRIVER) or CHROMEDRIVER),
                              options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def wait(driver, condition, timeout: float = 15.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition(driver)
        except Exception:  # noqa: BLE001 - elements come and go while the page renders
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def ready(driver) -> bool:
    return driver.execute_script("return document.body.dataset.ready") == "1"


def load(driver, url: str) -> None:
    driver.get(url)
    wait(driver, ready, what=f"dashboard loaded: {url}")


def css(driver, selector: str) -> list:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def texts(driver, selector: str) -> list[str]:
    return [e.text for e in css(driver, selector)]


def table_ids(driver) -> list[str]:
    return [r.get_attribute("data-id") for r in css(driver, "#table tbody tr[data-id]")]


def api(server: str, path: str, **params: str) -> dict:
    response = httpx.get(server + path, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def query(driver) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(driver.current_url).query).items()}


def shot(driver, name: str, focus: str | None = None) -> None:
    """Save a screenshot, scrolled so that ``focus`` (a CSS selector) is in view."""
    if focus:
        driver.execute_script("const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'center'});", focus)
        time.sleep(0.2)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


# ---------------------------------------------------------------- the core loop


def test_dashboard_map_filter_event_evidence(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    load(driver, server + "/")
    markers = wait(driver, lambda d: css(d, "path.event-marker"), what="map markers")
    assert len(markers) >= 3
    assert css(driver, "path.country"), "country shapes drawn"
    assert css(driver, "#network .node"), "network nodes drawn"
    assert css(driver, "#timeline path.series"), "tension lines drawn"
    assert css(driver, "#table tbody tr")
    shot(driver, "dashboard")

    actor = driver.find_element(By.NAME, "actor")
    actor.clear()
    actor.send_keys("ARM")
    driver.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait(driver, lambda d: "actor=ARM" in d.current_url and ready(d), what="filter applied")
    assert "Armenia (ARM)" in driver.find_element(By.ID, "applied-text").text
    rows = css(driver, "#table tbody tr")
    assert rows
    for row in rows:
        cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        assert "ARM" in (cells[1], cells[3]), cells
    evidence = rows[0].find_elements(By.TAG_NAME, "td")[6].text
    shot(driver, "filtered")

    rows[0].find_elements(By.TAG_NAME, "td")[6].click()
    mark = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#article-text mark.evidence"), what="evidence mark")
    assert mark.is_displayed()
    assert " ".join(mark.text.split()) == " ".join(evidence.split())
    assert "doc=" in driver.current_url and "event=" in driver.current_url
    assert css(driver, "#article-text .m-actor")
    shot(driver, "evidence")

    driver.get(driver.current_url)  # the view is restored from the URL
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#article-text mark.evidence"), what="restored view")
    assert driver.find_element(By.NAME, "actor").get_attribute("value") == "ARM"


# ---------------------------------------------------------------- one filter model


def test_names_and_codes_select_the_same_events_in_every_panel(browser, server: str) -> None:
    driver = browser
    seen = {}
    for value in ("ARM", "Armenia", "armenian"):
        load(driver, f"{server}/?actor={value}")
        seen[value] = (table_ids(driver), driver.find_element("id", "applied-count").text,
                       sorted(e.get_attribute("data-id") for e in css(driver, "#network .node")),
                       driver.find_element("id", "map-hint").text)
        assert "Armenia (ARM)" in driver.find_element("id", "applied-text").text
    assert seen["ARM"] == seen["Armenia"] == seen["armenian"]
    assert seen["ARM"][0], "Armenia has events"

    # an actor without a country, in every panel: the events, the incidents, the network
    load(driver, f"{server}/?actor=Hezbollah")
    ids = table_ids(driver)
    listed = {e["id"] for e in api(server, "/api/events", actor="Hezbollah", limit="500")["items"]}
    assert ids and set(ids) <= listed and any(i.startswith("k-north") for i in ids), ids
    assert "Hezbollah" in [e.get_attribute("data-id") for e in css(driver, "#network .node")]
    load(driver, f"{server}/?actor=Hezbollah&tab=incidents")
    incidents = css(driver, "#table tbody tr.incident")
    assert incidents and len(incidents) == api(server, "/api/incidents", actor="Hezbollah")["total"]
    assert len(incidents) < api(server, "/api/incidents", happened="all")["total"]
    shot(driver, "filter-hezbollah-incidents", "#table-panel")


def test_a_bad_value_is_one_plain_message_and_no_panel_loads(browser, server: str) -> None:
    driver = browser
    load(driver, f"{server}/?actor=Iran&since=2024-99-99")
    status = driver.find_element("id", "status")
    assert status.is_displayed()
    assert status.text.startswith("These filters cannot be applied: since: '2024-99-99' is not a real date")
    assert "invalid_request" not in status.text and "[" not in status.text  # plain words, no codes
    assert len([e for e in css(driver, "[role=alert]") if e.is_displayed() and e.text]) == 1  # said once
    assert not css(driver, "#table tbody tr"), "no panel shows unfiltered data"
    assert not css(driver, "path.event-marker")
    assert len(css(driver, ".panel.blocked")) == 5
    shot(driver, "bad-filter")
    for url in ("/api/events", "/api/map", "/api/tension", "/api/incidents", "/api/documents", "/api/weeks"):
        body = httpx.get(server + url, params={"since": "2024-99-99"}).json()
        assert body["error"]["code"] == "invalid_request", url
    load(driver, f"{server}/?type=NOTATYPE")
    assert "is not a PLOVER type" in driver.find_element("id", "status").text


# ---------------------------------------------------------------- map


def test_map_has_no_date_line_bands_and_is_fitted_clustered_labelled(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    load(driver, server + "/")
    wait(driver, lambda d: len(css(d, "path.country")) > 100, what="country shapes")
    # the artefact: a ring jumping from +180 to -180 draws a segment across the whole map
    widest = driver.execute_script("""
        const width = document.getElementById('map').getBoundingClientRect().width;
        let worst = 0;
        for (const p of document.querySelectorAll('path.country')) {
          for (const part of (p.getAttribute('d') || '').split(/[Mm]/)) {
            const xs = (part.match(/-?[0-9.]+/g) || []).map(Number).filter((_, i) => i % 2 === 0);
            for (let i = 1; i < xs.length; i++) worst = Math.max(worst, Math.abs(xs[i] - xs[i - 1]) / width);
          }
        }
        return worst;""")
    assert widest < 0.3, f"a country outline jumps across {widest:.0%} of the map"
    clusters = css(driver, "path.event-marker.cluster")
    assert clusters, "near places are grouped at the world view"
    assert css(driver, ".leaflet-tooltip.cluster-count")
    assert css(driver, ".leaflet-tooltip.place-label"), "the busiest places are labelled"
    legend = texts(driver, "#map-legend .legend-item")
    assert any(t.startswith("ASSAULT") for t in legend), legend
    colours = driver.execute_script(
        "return [...document.querySelectorAll('path.event-marker')].map(p => p.getAttribute('fill'))")
    assert len(set(colours)) >= 2, "markers are coloured by type"
    hint = driver.find_element(By.ID, "map-hint").text
    data = api(server, "/api/map")
    assert f"{data['unlocated']} events without a place" in hint and "1 events" not in hint
    shot(driver, "map-world")

    clusters[0].click()  # a cluster opens: the map zooms in and the group splits
    wait(driver, lambda d: len(css(d, "path.event-marker")) > len(clusters), what="cluster opened")

    # after a filter the markers are fitted into view
    load(driver, f"{server}/?place=Suva")
    marker = wait(driver, lambda d: css(d, "path.event-marker"), what="Suva marker")[0]
    box = driver.find_element(By.ID, "map").rect
    pos = marker.rect
    assert box["x"] < pos["x"] and pos["x"] + pos["width"] < box["x"] + box["width"]
    assert box["y"] < pos["y"] and pos["y"] + pos["height"] < box["y"] + box["height"]
    shot(driver, "map-fitted-dateline")

    # a table row's place opens its marker
    load(driver, f"{server}/?actor=Hezbollah")
    driver.find_element(By.CSS_SELECTOR, "#table .place-link").click()
    popup = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".leaflet-popup-content"), what="marker popup")
    wait(driver, lambda d: "Kiryat Shmona" in popup.text or "Naqoura" in popup.text, what="popup names the place")
    shot(driver, "map-row-opens-marker")


def test_partial_dates_read_as_dates(browser, server: str) -> None:
    driver = browser
    load(driver, f"{server}/?actor=JPN")
    dates = [r.find_element("tag name", "td").text for r in css(driver, "#table tbody tr[data-id]")]
    assert "21 Oct, year unknown" in dates, dates
    assert not any(d.startswith("--") for d in dates)
    load(driver, f"{server}/?since=2022-03-04&until=2022-03-04")
    assert "4 Mar 2022" in [r.find_element("tag name", "td").text for r in css(driver, "#table tbody tr[data-id]")]
    shot(driver, "readable-dates", "#table-panel")


# ---------------------------------------------------------------- timeline


def test_timeline_lines_weeks_brush_and_stable_colours(browser, server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    driver = browser
    load(driver, server + "/")
    assert css(driver, "#timeline path.series") and not css(driver, "#timeline circle"), "lines, not a dot per week"
    ticks = texts(driver, "#timeline text.tick")
    numbers = [t for t in ticks if t.replace(".", "").isdigit()]
    assert numbers and all(t.isdigit() and int(t) % 5 == 0 for t in numbers), numbers  # rounded values
    inside = driver.execute_script("""
        const box = document.getElementById('timeline').getBoundingClientRect();
        return [...document.querySelectorAll('#timeline text.tick, #weeks text.tick')].every(t => {
          const r = t.getBoundingClientRect(); return r.left >= box.left - 1 && r.right <= box.right + 1; });""")
    assert inside, "no axis label is cut at the edge"
    bars = css(driver, "#weeks rect.bar")
    assert bars, "events per week drawn"
    note = driver.find_element("id", "undated-note").text
    assert "Not placed in any week" in note and "undated" in note
    colour = {c.get_attribute("data-dyad"): c.find_element("css selector", ".swatch").value_of_css_property("background-color")
              for c in css(driver, "#dyads .chip")}
    shot(driver, "timeline", "#timeline-panel")

    area = css(driver, "#weeks rect.brush-area")[0]
    width = area.rect["width"]
    ActionChains(driver).move_to_element_with_offset(area, int(width * 0.05), 0).click_and_hold() \
        .move_by_offset(int(width * 0.43), 0).release().perform()
    wait(driver, lambda d: "since" in query(d) and "until" in query(d) and ready(d), what="the brush set a range")
    q = query(driver)
    assert driver.find_element("name", "since").get_attribute("value") == q["since"]
    assert f"dated {q['since']} to {q['until']}" in driver.find_element("id", "applied-text").text
    assert css(driver, "#weeks rect.range"), "the chosen range is shown on the bars"
    for chip in css(driver, "#dyads .chip"):  # the same pair keeps its colour in another view
        name = chip.get_attribute("data-dyad")
        if name in colour:
            assert chip.find_element("css selector", ".swatch").value_of_css_property("background-color") == colour[name]
    shot(driver, "timeline-brushed", "#timeline-panel")
    driver.find_element("id", "clear-range").click()
    wait(driver, lambda d: "since" not in query(d) and ready(d), what="range cleared")


# ---------------------------------------------------------------- happened or not


def test_what_did_not_happen_is_a_toggle_drawn_hollow_or_dashed(browser, server: str) -> None:
    driver = browser
    load(driver, server + "/")
    assert not css(driver, "path.event-marker.hollow") and not css(driver, "#network line.edge.unreal")
    assert not css(driver, "#table tr.unreal")
    before = driver.find_element("id", "applied-count").text
    assert "only what happened" in driver.find_element("id", "applied-text").text
    driver.find_element("name", "happened").click()
    wait(driver, lambda d: query(d).get("happened") == "all" and ready(d), what="toggle applied")
    assert driver.find_element("id", "applied-count").text != before
    wait(driver, lambda d: css(d, "path.event-marker"), what="markers")
    driver.execute_script("document.querySelector('#map').scrollIntoView()")
    hollow = [m for m in css(driver, "path.event-marker.hollow")]
    assert hollow, "places where nothing happened are hollow"
    assert hollow[0].get_attribute("stroke-dasharray")
    assert css(driver, "#network line.edge.unreal[stroke-dasharray]"), "an edge of what did not happen is dashed"
    rows = css(driver, "#table tr.unreal")
    assert rows and all(r.find_elements("css selector", ".mod")[0].text in ("intended", "hypothetical", "negated") for r in rows)
    shot(driver, "happened-toggle")


# ---------------------------------------------------------------- exports and citations


def test_downloads_follow_the_filters_and_events_can_be_cited(browser, server: str) -> None:
    import csv
    import io

    driver = browser
    load(driver, f"{server}/?actor=Hezbollah&happened=all")
    total = api(server, "/api/events", actor="Hezbollah", happened="all")["total"]
    links = {f: driver.find_element("id", f"dl-{f}").get_attribute("href") for f in ("csv", "geojson", "jsonl", "brief")}
    for fmt, href in links.items():
        q = parse_qs(urlparse(href).query)
        assert q["actor"] == ["Hezbollah"] and q["happened"] == ["all"], href
        assert q["format"] == ["html" if fmt == "brief" else fmt], href
    response = httpx.get(links["csv"])
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total and {r["source_name"] for r in rows} | {r["target_name"] for r in rows} >= {"Hezbollah"}
    geo = httpx.get(links["geojson"]).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) + geo["flashpoint"]["unlocated"] == total
    assert len(httpx.get(links["jsonl"]).text.splitlines()) == total
    brief = httpx.get(links["brief"])
    assert brief.status_code == 200 and brief.headers["content-type"].startswith("text/html")
    assert "Hezbollah" in brief.text

    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    row = css(driver, "#table tbody tr[data-id]")[0]
    evidence = row.find_elements("tag name", "td")[6].text
    row.find_element("css selector", "button.cite").click()
    toast = wait(driver, lambda d: d.find_element("id", "toast") if d.find_element("id", "toast").is_displayed() else None,
                 what="citation toast")
    assert toast.text.startswith("Citation copied:") and " ".join(evidence.split()) in " ".join(toast.text.split())
    copied = driver.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, (e) => done('unreadable: ' + e));")
    assert " ".join(evidence.split()) in " ".join(copied.split()), copied
    assert row.get_attribute("data-id") in copied
    assert any(outlet in copied for outlet in ("North Desk", "Harbour Post", "Cedar Radio")), copied
    shot(driver, "citation", "#table-panel")


# ---------------------------------------------------------------- alerts, incidents, articles


def test_alerts_strip_links_to_the_events_behind_each_alert(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    load(driver, server + "/")
    chips = css(driver, "#alerts-list .alert-chip")
    alerts = api(server, "/api/alerts")
    assert chips and len(chips) == min(12, alerts["total"])
    contested = next(c for c in chips if "contested" in c.get_attribute("class"))
    contested.click()
    detail = driver.find_element(By.ID, "alert-detail")
    assert detail.is_displayed() and "denied" in detail.text
    links = detail.find_elements(By.CSS_SELECTOR, "button[data-event]")
    assert len(links) >= 2
    shot(driver, "alerts")
    links[0].click()
    mark = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#article-text mark.evidence"), what="alert event opened")
    assert "Kiryat Shmona" in mark.text


def test_incidents_show_every_report_outlet_side_and_place(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    load(driver, f"{server}/?tab=incidents&actor=Hezbollah&happened=all")
    row = next(r for r in css(driver, "#table tbody tr.incident") if "Kiryat Shmona" in r.text)
    assert "3 reports in 3 articles" in row.text and "contested" in row.text
    for outlet in ("North Desk", "Harbour Post", "Cedar Radio"):
        assert outlet in row.text
    row.click()
    detail = wait(driver, lambda d: next(e for e in css(d, "#table tr.detail") if e.is_displayed()), what="reports")
    reports = detail.find_elements(By.CSS_SELECTOR, "ol.reports li")
    assert len(reports) == 3 and "denied by" in detail.text and "reported by" in detail.text
    assert any("denial" in r.get_attribute("class") for r in reports)
    shot(driver, "incidents", "#table tr.detail:not([hidden])")
    reports[1].find_element(By.CSS_SELECTOR, "button").click()
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#article-text mark.evidence"), what="report opened")


def test_articles_tab_reaches_articles_without_events(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    load(driver, f"{server}/?tab=articles")
    assert len(css(driver, "#table tbody tr[data-doc]")) == api(server, "/api/documents")["total"]
    driver.find_element(By.NAME, "q").send_keys("harvest")
    driver.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait(driver, lambda d: query(d).get("q") == "harvest" and ready(d), what="article search")
    rows = css(driver, "#table tbody tr[data-doc]")
    assert len(rows) == 1 and "Harvest festival" in rows[0].text and "0 events" in rows[0].text
    shot(driver, "articles", "#table-panel")
    rows[0].click()
    title = wait(driver, lambda d: d.find_element(By.ID, "article-title").text, what="article opened")
    assert title.startswith("Harvest festival")


# ---------------------------------------------------------------- loading state, favicon, empty store


def test_each_panel_shows_its_loading_state(browser, server: str) -> None:
    driver = browser
    slow = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        const fetchNow = window.fetch.bind(window);
        window.fetch = (url, opts) => String(url).includes('/api/') && !String(url).includes('/api/filters')
          ? new Promise((ok) => setTimeout(ok, 1500)).then(() => fetchNow(url, opts)) : fetchNow(url, opts);"""})
    try:
        driver.get(server + "/")
        busy = wait(driver, lambda d: css(d, ".panel.loading[aria-busy=true]"), what="panels loading")
        ids = {p.get_attribute("id") for p in busy}
        assert {"map-panel", "network-panel", "timeline-panel", "table-panel", "alerts"} <= ids, ids
        shot(driver, "loading")
        wait(driver, ready, timeout=30, what="loaded")
        assert not css(driver, ".panel.loading")
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": slow["identifier"]})


def test_favicon_and_no_console_errors(browser, server: str) -> None:
    driver = browser
    driver.get_log("browser")  # drop what earlier tests logged
    load(driver, server + "/")
    icon = httpx.get(server + "/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert css(driver, "link[rel=icon]")
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_empty_store_renders_every_panel(browser, tmp_path: Path) -> None:
    from flashpoint.store import db

    path = str(tmp_path / "empty.duckdb")
    with db.connect(path):
        pass  # the schema, no articles
    driver = browser
    with running(path) as url:
        load(driver, url + "/")
        assert not driver.find_element("id", "status").is_displayed()
        assert "0 events match" in driver.find_element("id", "applied-count").text
        assert "no events match" in driver.find_element("id", "table").text
        assert "no dated incidents" in driver.find_element("id", "timeline").text
        assert "No located events" in driver.find_element("id", "map").text
        assert not css(driver, ".panel-error")
        shot(driver, "empty-store")


# ---------------------------------------------------------------- untrusted text


@pytest.mark.parametrize("doc", ["xss-title", "xss-body", "k-xss"])
def test_untrusted_articles_do_not_run(browser, server: str, doc: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{server}/?q=&doc={doc}")
    title = wait(driver, lambda d: d.find_element(By.ID, "article-title").text, what="article view")
    body = driver.find_element(By.ID, "article-text").text
    assert "window.__xss=1" in title + body  # the payload is shown, as text
    time.sleep(0.3)
    assert driver.execute_script("return typeof window.__xss") == "undefined"
    assert not driver.find_elements(By.CSS_SELECTOR, "#article-text img, #article-text script, #article-text svg, "
                                                       "#article-title img, #article-title script")
    shot(driver, f"xss-{doc}")
    for tab in ("events", "articles"):  # the table, map popups and the article list show the same titles and evidence
        driver.get(f"{server}/?q=xss&tab={tab}&happened=all")
        wait(driver, ready, what="search results")
        time.sleep(0.3)
        assert driver.execute_script("return typeof window.__xss") == "undefined"
        assert not driver.find_elements(By.CSS_SELECTOR, "#table img, #table script")
