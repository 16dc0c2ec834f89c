"""End to end in headless Chromium: the seed article through the real pipeline into a temp
DuckDB, served by uvicorn on loopback; the page shows its markers, filters by type, and opens
an event's evidence (by mouse and by keyboard). A screenshot goes to out/test-artifacts/.

Needs Debian's chromium and chromium-driver (scripts/install-browser.sh, run by `make test`)
and the selenium package; skips, saying which is missing, without them.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventscribe.ingest import read_inputs
from eventscribe.store import DuckDBStore, EventFilter

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "out" / "test-artifacts"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1440,900")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def seed_store(shared: Path, pipeline, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[DuckDBStore]:
    store = DuckDBStore(tmp_path_factory.mktemp("web") / "seed.duckdb")
    run = store.start_run(inputs=["seed"], version="test", settings={})
    results = list(pipeline.pipe(read_inputs([shared / "data" / "seed" / "article.txt"])))
    assert results and results[0].error is None
    store.add_results(run, results)
    store.finish_run(run)
    assert store.count_events() > 0
    yield store
    store.close()


@pytest.fixture(scope="module")
def server(seed_store: DuckDBStore) -> Iterator[str]:
    import uvicorn

    from eventscribe.api import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(seed_store), host="127.0.0.1", port=port,
                                       log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 15 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("Debian chromium and chromium-driver are not installed "
                    "(run scripts/install-browser.sh as root)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1440, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    yield driver
    driver.quit()


def _wait_ready(driver, timeout: float = 20) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.body.dataset.ready") in ("1", "error"))
    assert driver.execute_script("return document.body.dataset.ready") == "1", \
        driver.find_element("id", "status").text


def test_web_browser_map_filter_and_evidence(server: str, seed_store: DuckDBStore, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = browser
    driver.get(server)
    _wait_ready(driver)

    # Markers: one per seed event with coordinates, drawn as markers or type-coloured clusters.
    n_points = len(seed_store.points())
    assert n_points > 0
    assert driver.execute_script("return document.body.dataset.markers") == str(n_points)
    assert driver.find_elements(By.CSS_SELECTOR, ".ev-marker, .ev-cluster")
    assert int(driver.execute_script("return document.body.dataset.rows")) == min(
        100, seed_store.count_events())

    # Filter by the seed's most frequent event type: the table and the map follow.
    by_type = seed_store.summary()["by_event_type"]
    etype = next(iter(by_type))
    Select(driver.find_element(By.ID, "f-event_type")).select_by_value(etype)
    WebDriverWait(driver, 10).until(lambda d: "event_type=" in d.current_url)
    _wait_ready(driver)
    rows = driver.find_elements(By.CSS_SELECTOR, "#events-body tr[data-id]")
    assert len(rows) == by_type[etype]
    assert {r.get_attribute("data-type") for r in rows} == {etype}
    assert driver.execute_script("return document.body.dataset.markers") == str(
        len(seed_store.points(filters=EventFilter(event_type=etype))))

    # Open the first event: its evidence sentence is highlighted in its article.
    rows[0].click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "mark.evidence"))
    event = seed_store.event(rows[0].get_attribute("data-id"))
    assert event is not None
    mark = driver.find_element(By.CSS_SELECTOR, "mark.evidence")
    assert " ".join(mark.get_attribute("textContent").split()) == " ".join(
        event["evidence"]["text"].split())
    panel = driver.find_element(By.ID, "detail-body").text
    assert event["sub_event_type"] in panel
    assert "time precision" in panel and "geo precision" in panel and "Confidence" in panel
    if event["claimed_by"]:
        assert event["claimed_by"] in panel

    # By keyboard: focus another row, Enter opens that event.
    if len(rows) > 1:
        second = rows[1].get_attribute("data-id")
        rows[1].send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "detail-body")
                                        .get_attribute("data-event-id") == second)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rows[0].click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "detail-body")
                                    .get_attribute("data-event-id") == event["event_id"])
    driver.execute_script("const p = document.getElementById('detail');"
                          "p.scrollTop = p.querySelector('.mention').offsetTop - 60;")
    time.sleep(0.5)  # let the map finish its zoom animation for the picture
    shot = ARTIFACTS / "web_browser.png"
    assert driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
