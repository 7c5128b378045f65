"""End to end: the dashboard in headless Chromium (Debian's chromium + chromium-driver, via Selenium).

The store holds the seed corpus and a few news-like JSON articles ingested through the
real pipeline, plus the synthetic records of ``test_http_support`` (so the map has
located events whatever the extraction quality of the day), and articles whose titles
and bodies carry ``<script>`` and ``<img onerror>`` payloads. The test loads the
dashboard, sees map markers, filters by actor, opens an event and its evidence, checks
that no payload ran, and saves screenshots to ``tests/screenshots/``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashpoint.config import Settings
from test_http_support import build_store

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
    from flashpoint.ingest.run import ingest

    folder = tmp_path_factory.mktemp("e2e")
    path = str(folder / "store.duckdb")
    articles = folder / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in NEWS_ARTICLES + XSS_ARTICLES), encoding="utf-8")
    report = ingest([str(seeds_dir), str(articles)], Settings(db=path))
    assert report.stored == len(list(seeds_dir.glob("*.txt"))) + len(NEWS_ARTICLES) + len(XSS_ARTICLES), report.skipped
    return build_store(path)  # adds the synthetic located events and the synthetic payload document


@pytest.fixture(scope="module")
def server(store: str) -> Iterator[str]:
    import uvicorn

    from flashpoint.http import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(db=store)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


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


def test_dashboard_map_filter_event_evidence(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(server + "/")
    wait(driver, ready, what="dashboard loaded")
    markers = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "path.event-marker"), what="map markers")
    assert len(markers) >= 4
    assert driver.find_elements(By.CSS_SELECTOR, "path.country"), "country shapes drawn"
    assert driver.find_elements(By.CSS_SELECTOR, "#network .node"), "network nodes drawn"
    assert driver.find_elements(By.CSS_SELECTOR, "#timeline path.series"), "tension lines drawn"
    assert driver.find_elements(By.CSS_SELECTOR, "#table tbody tr")
    driver.save_screenshot(str(SHOTS / "dashboard.png"))

    actor = driver.find_element(By.NAME, "actor")
    actor.clear()
    actor.send_keys("ARM")
    driver.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait(driver, lambda d: "actor=ARM" in d.current_url and ready(d), what="filter applied")
    rows = driver.find_elements(By.CSS_SELECTOR, "#table tbody tr")
    assert rows
    for row in rows:
        cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        assert "ARM" in (cells[1], cells[3]), cells
    evidence = rows[0].find_elements(By.TAG_NAME, "td")[6].text
    driver.save_screenshot(str(SHOTS / "filtered.png"))

    rows[0].click()
    mark = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#article-text mark.evidence"), what="evidence mark")
    assert mark.is_displayed()
    assert " ".join(mark.text.split()) == " ".join(evidence.split())
    assert "doc=" in driver.current_url and "event=" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, "#article-text .m-actor")
    driver.save_screenshot(str(SHOTS / "evidence.png"))

    driver.get(driver.current_url)  # the view is restored from the URL
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#article-text mark.evidence"), what="restored view")
    assert driver.find_element(By.NAME, "actor").get_attribute("value") == "ARM"


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
    driver.save_screenshot(str(SHOTS / f"xss-{doc}.png"))
    driver.get(f"{server}/?q=xss")  # the table and map popups show the same titles and evidence
    wait(driver, ready, what="search results")
    assert driver.find_elements(By.CSS_SELECTOR, "#table tbody tr")
    time.sleep(0.3)
    assert driver.execute_script("return typeof window.__xss") == "undefined"
    assert not driver.find_elements(By.CSS_SELECTOR, "#table img, #table script")
