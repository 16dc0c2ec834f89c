"""Benchmark: the explorer API and page with 100,000 events, on loopback.

    .venv/bin/python bench/bench_api.py [--events 100000] [--requests 200] [--out out/bench]

Builds a temp DuckDB of synthetic events through DuckDBStore.add_results (one mention per
event, spread over 6 event types, 12 countries, 2 years), serves it with uvicorn in this
process, and measures with httpx (one keep-alive connection, sequential requests):

* /api/events: p50/p95/max over --requests filtered pages of 100 (type, country, actor,
  dates, bbox, evidence text, mixed sorts and offsets). Target: p95 < 200 ms.
* /api/stats, /api/points (the map's 20,000 markers), /api/events/{id}: p95 over 20 each.
* the page in headless Chromium (when /usr/bin/chromium and chromedriver exist): time from
  navigation to "usable" (table, counts, timeline drawn; markers handed to the map) and to
  the last marker chunk added. Target: usable < 2 s.

Prints one line per measurement and writes them as JSON to --out/bench_api.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from eventscribe.events.taxonomy import EVENT_TYPES
from eventscribe.store import DuckDBStore
from eventscribe.types import Article, DocResult, EventMention, Place, Provenance, Span

COUNTRIES = [  # (country, admin1s, lat, lon)
    ("Ukraine", ["Donetsk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast"], 48.5, 36.0),
    ("Syria", ["Idlib", "Aleppo", "Hama"], 35.5, 37.0),
    ("Iraq", ["Duhok", "Nineveh", "Baghdad"], 35.0, 43.5),
    ("Nigeria", ["Borno", "Lagos", "Kaduna"], 10.0, 8.0),
    ("Mali", ["Mopti", "Gao", "Timbuktu"], 15.5, -2.0),
    ("Somalia", ["Lower Shabelle", "Banadir", "Bay"], 3.0, 45.0),
    ("Colombia", ["Arauca", "Cauca", "Antioquia"], 5.0, -73.0),
    ("Sudan", ["Khartoum", "North Darfur", "Kordofan"], 14.0, 30.0),
    ("Myanmar", ["Shan", "Rakhine", "Sagaing"], 21.0, 96.0),
    ("Yemen", ["Sanaa", "Taizz", "Marib"], 15.5, 45.0),
    ("Afghanistan", ["Kabul", "Helmand", "Kandahar"], 33.0, 66.0),
    ("Democratic Republic of Congo", ["North Kivu", "Ituri", "South Kivu"], -1.0, 28.0),
]
ACTORS = [f"Military Forces of {c}" for c, *_ in COUNTRIES] + [
    "Wagner Group", "Islamic State", "Al Shabaab", "ELN: National Liberation Army", "Hamas",
    "Protesters", "Rioters", "Unidentified Armed Group", "Civilians", "Police Forces"]
CLAIMANTS = [None, None, "Ministry of Defence of Russia", "General Staff of Ukraine",
             "Turkish Ministry of National Defence", "local officials", "witnesses"]
WORDS = ("shelled struck attacked clashed protested marched detonated seized killed wounded "
         "village town checkpoint convoy market base bridge drone artillery mortar").split()
PAGE_TARGET_MS, USABLE_TARGET_S = 200.0, 2.0


def synthetic_results(n_events: int, *, per_doc: int = 10, seed: int = 7) -> list[DocResult]:
    """n_events mentions, each its own event (distinct place ids), per_doc to an article."""
    rng = random.Random(seed)
    subs = [(t, s) for t, ss in EVENT_TYPES.items() for s in ss]
    start = dt.date(2023, 1, 1)
    out = []
    for d in range(0, n_events, per_doc):
        sentences, mentions = [], []
        pos = 0
        for i in range(d, min(d + per_doc, n_events)):
            country, admin1s, lat, lon = COUNTRIES[rng.randrange(len(COUNTRIES))]
            etype, sub = subs[rng.randrange(len(subs))]
            sentence = (f"Event {i}: forces {' '.join(rng.sample(WORDS, 6))} near "
                        f"place {i} in {country}.")
            span = Span(pos, pos + len(sentence), sentence)
            sentences.append(sentence)
            pos += len(sentence) + 1
            place = Place(f"Place {i}", country, None, rng.choice(admin1s),
                          round(lat + rng.uniform(-2.5, 2.5), 5), round(lon + rng.uniform(-3, 3), 5),
                          geo_precision=rng.choice((1, 1, 2, 3)), geonameid=10_000_000 + i)
            mentions.append(EventMention(
                doc_id=f"bench-{d}", event_type=etype, sub_event_type=sub, evidence=span,
                date=start + dt.timedelta(days=rng.randrange(730)), time_precision=1,
                actor1=rng.choice(ACTORS), actor2=rng.choice([None, *ACTORS]), place=place,
                fatalities=rng.choice([None, 0, 1, 2, 5, 12]), claimed_by=rng.choice(CLAIMANTS),
                confidence=round(rng.uniform(0.35, 0.95), 3),
                provenance={"event_type": Provenance(span, "bench", "0")}))
        text = " ".join(sentences)
        out.append(DocResult(Article(f"bench-{d}", text, start + dt.timedelta(days=730),
                                     f"Synthetic report {d}", "bench", f"bench:{d}"),
                             f"bench:{d}", mentions))
    return out


def filtered_queries(n: int, *, seed: int = 11) -> list[dict[str, str]]:
    """n realistic filtered page requests (page of 100, mixed sorts and offsets)."""
    rng = random.Random(seed)
    types = list(EVENT_TYPES)
    out = []
    for k in range(n):
        country, admin1s, lat, lon = COUNTRIES[rng.randrange(len(COUNTRIES))]
        kind = k % 8
        q: dict[str, str] = {"limit": "100",
                             "order_by": rng.choice(["-date", "-date", "date", "-fatalities",
                                                     "-confidence"])}
        if kind == 0:
            q["event_type"] = rng.choice(types)
        elif kind == 1:
            q["country"] = country
        elif kind == 2:
            q.update(event_type=rng.choice(types), country=country)
        elif kind == 3:
            d0 = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700))
            q.update(date_from=d0.isoformat(), date_to=(d0 + dt.timedelta(days=30)).isoformat())
        elif kind == 4:
            q["actor"] = rng.choice(["wagner", "islamic", "russia", "police", "protesters"])
        elif kind == 5:
            q["bbox"] = f"{lon - 2},{lat - 2},{lon + 2},{lat + 2}"
        elif kind == 6:
            q.update(admin1=rng.choice(admin1s), claimed_by="ministry")
        else:
            q["q"] = rng.choice(WORDS)
        if rng.random() < 0.3:
            q["offset"] = str(100 * rng.randrange(1, 5))
        out.append(q)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _timed(client, url: str, params: dict | None = None) -> float:
    t0 = time.perf_counter()
    r = client.get(url, params=params)
    ms = (time.perf_counter() - t0) * 1000
    r.raise_for_status()
    return ms


def page_timing(url: str, profile: Path) -> dict[str, float] | None:
    """Seconds from navigation to usable, and to the last marker chunk, in headless Chromium."""
    if not (Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists()):
        return None
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        return None
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", "--window-size=1440,900",
                 f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        runs = []
        for _ in range(3):  # the first load also fills the HTTP cache, as a returning user's
            t0 = time.perf_counter()
            driver.get(url)
            WebDriverWait(driver, 30, poll_frequency=0.02).until(
                lambda d: d.execute_script("return document.body.dataset.ready") == "1")
            usable = time.perf_counter() - t0
            WebDriverWait(driver, 60, poll_frequency=0.02).until(
                lambda d: d.execute_script("return document.body.dataset.mapDone") == "1")
            runs.append((usable, time.perf_counter() - t0,
                         int(driver.execute_script("return document.body.dataset.markers"))))
        return {"usable_first_s": round(runs[0][0], 3),
                "usable_s": round(statistics.median(r[0] for r in runs), 3),
                "markers_done_s": round(statistics.median(r[1] for r in runs), 3),
                "markers": runs[-1][2]}
    finally:
        driver.quit()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--out", type=Path, default=Path("out/bench"))
    args = ap.parse_args(argv)

    import httpx
    import uvicorn

    from eventscribe.api import create_app

    results: dict[str, object] = {"events": args.events}
    with tempfile.TemporaryDirectory() as tmp:
        store = DuckDBStore(Path(tmp) / "bench.duckdb", batch_size=5000)
        t0 = time.perf_counter()
        docs = synthetic_results(args.events)
        run = store.start_run(inputs=["bench"], version="bench", settings={})
        store.add_results(run, docs)
        store.finish_run(run)
        results["load_s"] = round(time.perf_counter() - t0, 1)
        assert store.count_events() == args.events, store.count_events()
        print(f"loaded {args.events:,} events in {results['load_s']} s")

        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port,
                                               log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                queries = filtered_queries(args.requests)
                for q in queries[:10]:  # warm-up: DuckDB caches, Python imports
                    _timed(client, "/api/events", q)
                times = [_timed(client, "/api/events", q) for q in queries]
                results["events_page"] = {
                    "requests": len(times), "p50_ms": round(_pct(times, 50), 1),
                    "p95_ms": round(_pct(times, 95), 1), "max_ms": round(max(times), 1)}
                print(f"/api/events filtered page of 100 x{len(times)}: "
                      f"p50 {_pct(times, 50):.1f} ms, p95 {_pct(times, 95):.1f} ms, "
                      f"max {max(times):.1f} ms (target p95 < {PAGE_TARGET_MS:.0f} ms)")
                ids = [e["event_id"] for e in client.get(
                    "/api/events", params={"limit": 20, "order_by": "-confidence"}).json()["events"]]
                for name, url, params in (
                        ("stats", "/api/stats", queries[:20]),
                        ("stats_unfiltered", "/api/stats", [{}] * 5),
                        ("points_20000", "/api/points", [{}] * 5),
                        ("event_detail", None, ids)):
                    ts = ([_timed(client, f"/api/events/{p}") for p in params] if url is None
                          else [_timed(client, url, {k: v for k, v in p.items()
                                                     if k not in ("limit", "offset", "order_by")})
                                for p in params])
                    results[name] = {"requests": len(ts), "p95_ms": round(_pct(ts, 95), 1)}
                    print(f"{url or '/api/events/{id}'} ({name}) x{len(ts)}: "
                          f"p95 {_pct(ts, 95):.1f} ms")
            with tempfile.TemporaryDirectory() as profile:
                page = page_timing(base + "/", Path(profile))
            results["page"] = page
            if page is None:
                print("page: skipped (no /usr/bin/chromium + chromedriver, or no selenium)")
            else:
                print(f"page usable in {page['usable_s']:.2f} s (first load "
                      f"{page['usable_first_s']:.2f} s; target < {USABLE_TARGET_S:.0f} s); "
                      f"all {page['markers']:,} markers on the map at {page['markers_done_s']:.2f} s")
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            store.close()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_api.json").write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {args.out / 'bench_api.json'}")
    ok = results["events_page"]["p95_ms"] < PAGE_TARGET_MS and (  # type: ignore[index]
        page is None or page["usable_s"] < USABLE_TARGET_S)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
