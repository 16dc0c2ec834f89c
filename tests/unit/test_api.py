"""The HTTP API over both store backends, with hand-built results and a fake pipeline."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import eventscribe.api as api_pkg
from eventscribe.api import create_app
from eventscribe.store import DuckDBStore, MemoryStore
from eventscribe.types import Article, DocResult, EventMention, Place, Provenance, Span
from eventscribe.web import STATIC_DIR

KHARKIV = Place("Kharkiv", "Ukraine", "UA", "Kharkiv Oblast", 49.98, 36.25, geonameid=706483)
BAKHMUT = Place("Bakhmut", "Ukraine", "UA", "Donetsk Oblast", 48.60, 38.00, geonameid=712451)
TBILISI = Place("Tbilisi", "Georgia", "GE", "Tbilisi", 41.69, 44.83, geonameid=611717)
RUSSIA = "Military Forces of Russia (2000-)"

TEXT_A1 = "Kharkiv report\n\nRussian forces shelled Kharkiv on Monday, killing two, the governor said."
TEXT_A2 = ("Front report\n\nUkrainian troops fought Wagner fighters near Bakhmut on Tuesday. "
           "Thousands marched peacefully in Tbilisi.")


def _mention(doc_id: str, text: str, sentence: str, *, place: Place | None, day: dt.date | None,
             etype: str, sub: str, actor1: str | None, actor2: str | None = None,
             claimed_by: str | None = None, confidence: float = 0.7,
             fatalities: int | None = None) -> EventMention:
    start = text.index(sentence)
    span = Span(start, start + len(sentence), sentence)
    where = text.index(place.name) if place else start
    return EventMention(
        doc_id=doc_id, event_type=etype, sub_event_type=sub, evidence=span, date=day,
        time_precision=1, actor1=actor1, actor2=actor2, place=place, fatalities=fatalities,
        claimed_by=claimed_by, confidence=confidence,
        provenance={"place": Provenance(Span(where, where + len(place.name), place.name)
                                        if place else None, "geo", "1")},
    )


def results() -> list[DocResult]:
    a1 = Article("a1", TEXT_A1, dt.date(2024, 3, 5), "Kharkiv report", "wire", "a1.txt")
    a2 = Article("a2", TEXT_A2, dt.date(2024, 3, 6), "Front report", "paper", "a2.txt")
    return [
        DocResult(a1, "a1.txt", [_mention(
            "a1", TEXT_A1, "Russian forces shelled Kharkiv on Monday, killing two, the governor said.",
            place=KHARKIV, day=dt.date(2024, 3, 4), etype="Explosions/Remote violence",
            sub="Shelling/artillery/missile attack", actor1=RUSSIA, actor2="Civilians (Ukraine)",
            claimed_by="Governor of Kharkiv", confidence=0.8, fatalities=2)]),
        DocResult(a2, "a2.txt", [
            _mention("a2", TEXT_A2, "Ukrainian troops fought Wagner fighters near Bakhmut on Tuesday.",
                     place=BAKHMUT, day=dt.date(2024, 3, 5), etype="Battles", sub="Armed clash",
                     actor1="Military Forces of Ukraine (2019-)", actor2="Wagner Group"),
            _mention("a2", TEXT_A2, "Thousands marched peacefully in Tbilisi.", place=TBILISI,
                     day=dt.date(2024, 2, 10), etype="Protests", sub="Peaceful protest",
                     actor1="Protesters (Georgia)", confidence=0.6),
        ]),
        DocResult(None, "bad.jsonl:3", error="bad.jsonl:3: not valid JSON"),
    ]


class FakePipeline:
    """Stands in for Pipeline: one Battles mention per text naming Bakhmut, else none."""

    def __init__(self) -> None:
        self.calls = 0

    def pipe(self, items: Iterable[Article]) -> Iterator[DocResult]:
        for a in items:
            self.calls += 1
            if "explode" in a.text:
                yield DocResult(a, a.origin or a.id, error=f"{a.origin}: ValueError: boom")
                continue
            ms = []
            if "Bakhmut" in a.text:
                ms.append(_mention(a.id, a.text, a.text.strip(), place=BAKHMUT, day=a.published,
                                   etype="Battles", sub="Armed clash", actor1="Wagner Group"))
            yield DocResult(a, a.origin or a.id, ms)


def load(store: DuckDBStore | MemoryStore) -> None:
    run = store.start_run(inputs=["test"], version="0", settings={})
    store.add_results(run, results())
    store.finish_run(run)


@pytest.fixture(params=["duckdb", "memory"])
def store(request: pytest.FixtureRequest) -> Iterator[DuckDBStore | MemoryStore]:
    s = DuckDBStore(":memory:") if request.param == "duckdb" else MemoryStore()
    load(s)
    yield s
    s.close()


@pytest.fixture
def fake() -> FakePipeline:
    return FakePipeline()


@pytest.fixture
def client(store: DuckDBStore | MemoryStore, fake: FakePipeline) -> TestClient:
    app = create_app(store, extract_token="s3cret", pipeline_factory=lambda: fake,
                     max_chars=500, basemap=None)
    return TestClient(app)


def ids_of(body: dict) -> list[str]:
    return [e["location"] for e in body["events"]]


# -- GET /api/events ------------------------------------------------------------------------
def test_api_events_page_with_total(client: TestClient) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 3 and r.headers["x-total-count"] == "3"
    assert ids_of(body) == ["Bakhmut", "Kharkiv", "Tbilisi"]  # default: most recent first
    assert body["events"][0]["event_id"] and body["events"][0]["evidence"]["text"]


@pytest.mark.parametrize(("query", "expected"), [
    ("event_type=battles", ["Bakhmut"]),
    ("sub_event_type=Peaceful protest", ["Tbilisi"]),
    ("actor=wagner", ["Bakhmut"]),
    ("actor=civilians", ["Kharkiv"]),
    ("country=Ukraine", ["Bakhmut", "Kharkiv"]),
    ("admin1=kharkiv oblast", ["Kharkiv"]),
    ("claimed_by=governor", ["Kharkiv"]),
    ("q=marched", ["Tbilisi"]),
    ("date_from=2024-03-01&date_to=2024-03-04", ["Kharkiv"]),
    ("bbox=35,48,39,50.5", ["Bakhmut", "Kharkiv"]),
    ("country=Ukraine&event_type=Battles", ["Bakhmut"]),
    ("country=", ["Bakhmut", "Kharkiv", "Tbilisi"]),  # empty means any
])
def test_api_events_filters(client: TestClient, query: str, expected: list[str]) -> None:
    body = client.get(f"/api/events?{query}").json()
    assert sorted(ids_of(body)) == expected
    assert body["total"] == len(expected)


def test_api_events_sorts_and_pages(client: TestClient) -> None:
    asc = client.get("/api/events?order_by=date&limit=2").json()
    assert ids_of(asc) == ["Tbilisi", "Kharkiv"] and asc["total"] == 3
    rest = client.get("/api/events?order_by=date&limit=2&offset=2").json()
    assert ids_of(rest) == ["Bakhmut"] and rest["total"] == 3
    by_conf = client.get("/api/events?order_by=-confidence").json()
    assert ids_of(by_conf)[0] == "Kharkiv"


@pytest.mark.parametrize(("query", "message"), [
    ("bbox=1,2,3", "four numbers"),
    ("bbox=0,95,1,96", "latitudes"),
    ("order_by=colour", "order_by"),
    ("date_from=2024-13-01", "date_from"),
    ("date_from=2024-03-05&date_to=2024-03-01", "after date_to"),
    ("limit=100001", "limit"),
    ("offset=-1", "offset"),
    ("format=xml", "format"),
])
def test_api_events_rejects_bad_queries(client: TestClient, query: str, message: str) -> None:
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 422
    assert message in json.dumps(r.json())


def test_api_events_geojson(client: TestClient) -> None:
    r = client.get("/api/events?format=geojson&country=Ukraine")
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    assert {tuple(f["geometry"]["coordinates"]) for f in fc["features"]} == {(36.25, 49.98), (38.0, 48.6)}


def test_api_events_csv(client: TestClient) -> None:
    r = client.get("/api/events?format=csv&order_by=date")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["location"] for row in rows] == ["Tbilisi", "Kharkiv", "Bakhmut"]
    assert rows[1]["claimed_by"] == "Governor of Kharkiv"


# -- GET /api/events/{id} -------------------------------------------------------------------
def test_api_event_detail_has_mentions_evidence_and_articles(client: TestClient) -> None:
    eid = client.get("/api/events?admin1=Kharkiv Oblast").json()["events"][0]["event_id"]
    r = client.get(f"/api/events/{eid}")
    assert r.status_code == 200
    body = r.json()
    assert body["event"]["event_id"] == eid and body["event"]["claimed_by"] == "Governor of Kharkiv"
    assert len(body["mentions"]) == 1 and [a["id"] for a in body["articles"]] == ["a1"]
    ev, text = body["mentions"][0]["evidence"], body["articles"][0]["text"]
    assert text[ev["start"]:ev["end"]] == ev["text"]  # the page highlights exactly this
    assert body["articles"][0]["title"] == "Kharkiv report"


def test_api_event_detail_unknown_is_404(client: TestClient) -> None:
    r = client.get("/api/events/nope")
    assert r.status_code == 404 and "no event 'nope'" in r.json()["detail"]


# -- GET /api/stats, /api/points, /api/config -----------------------------------------------
def test_api_stats_counts(client: TestClient) -> None:
    s = client.get("/api/stats").json()
    assert s["events"] == 3 and s["fatalities"] == 2
    assert s["by_day"] == {"2024-02-10": 1, "2024-03-04": 1, "2024-03-05": 1}
    assert s["by_event_type"] == {"Battles": 1, "Explosions/Remote violence": 1, "Protests": 1}
    assert s["by_admin1"] == {"Donetsk Oblast": 1, "Kharkiv Oblast": 1, "Tbilisi": 1}
    assert s["by_actor"][RUSSIA] == 1 and s["by_actor"]["Wagner Group"] == 1
    assert s["date_range"] == {"min": "2024-02-10", "max": "2024-03-05"}


def test_api_stats_filtered_and_top(client: TestClient) -> None:
    s = client.get("/api/stats?country=Ukraine&top=1").json()
    assert s["events"] == 2 and len(s["by_actor"]) == 1 and len(s["by_admin1"]) == 1


def test_api_points_compact_rows(client: TestClient) -> None:
    p = client.get("/api/points").json()
    assert p["returned"] == 3 and not p["truncated"]
    first = p["points"][0]
    assert p["types"][first[3]] == "Battles" and first[1:3] == [48.6, 38.0] and first[4] == "2024-03-05"
    cut = client.get("/api/points?limit=2").json()
    assert cut["truncated"] and cut["total"] == 3 and cut["returned"] == 2


def test_api_config(client: TestClient) -> None:
    c = client.get("/api/config").json()
    assert c["write_enabled"] is True and c["tiles"] is None and c["max_chars"] == 500
    assert "Air/drone strike" in c["event_types"]["Explosions/Remote violence"]


# -- POST /api/extract ----------------------------------------------------------------------
BAKHMUT_TEXT = "Wagner fighters attacked Bakhmut."


def test_api_extract_returns_events_without_storing(client: TestClient, fake: FakePipeline) -> None:
    r = client.post("/api/extract", json={"text": BAKHMUT_TEXT, "published": "2024-03-09"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["n_events"] == 1 and body["stored"] is None
    assert body["events"][0]["sub_event_type"] == "Armed clash"
    assert body["events"][0]["date"] == "2024-03-09"
    assert client.get("/api/events").json()["total"] == 3


def test_api_extract_text_plain(client: TestClient) -> None:
    r = client.post("/api/extract?published=2024-03-09", content=BAKHMUT_TEXT,
                    headers={"Content-Type": "text/plain; charset=utf-8"})
    assert r.status_code == 200 and r.json()["n_events"] == 1


def test_api_extract_stores_with_token(client: TestClient) -> None:
    r = client.post("/api/extract", json={"text": BAKHMUT_TEXT, "published": "2024-03-09",
                                          "store": True},
                    headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == {"mentions_added": 1, "events_added": 1}
    assert client.get("/api/events?date_from=2024-03-09").json()["total"] == 1


@pytest.mark.parametrize(("headers", "status", "message"), [
    ({}, 401, "Authorization: Bearer"),
    ({"Authorization": "Bearer wrong"}, 401, "Authorization: Bearer"),
    ({"Authorization": "Basic s3cret"}, 401, "Authorization: Bearer"),
])
def test_api_extract_store_needs_the_token(client: TestClient, headers: dict, status: int,
                                           message: str) -> None:
    r = client.post("/api/extract", json={"text": BAKHMUT_TEXT, "store": True}, headers=headers)
    assert r.status_code == status and message in r.json()["detail"]
    assert r.headers.get("www-authenticate") == "Bearer"
    assert client.get("/api/events").json()["total"] == 3


def test_api_extract_store_disabled_without_token(store: DuckDBStore | MemoryStore,
                                                  fake: FakePipeline) -> None:
    c = TestClient(create_app(store, pipeline_factory=lambda: fake, basemap=None))
    r = c.post("/api/extract", json={"text": BAKHMUT_TEXT, "store": True},
               headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "--token" in r.json()["detail"]
    assert c.get("/api/config").json()["write_enabled"] is False
    assert c.post("/api/extract", json={"text": BAKHMUT_TEXT}).status_code == 200


@pytest.mark.parametrize(("kwargs", "status", "message"), [
    ({"json": {"text": "x" * 501}}, 413, "at most 500"),
    ({"content": "x" * 10_000, "headers": {"Content-Type": "text/plain"}}, 413, "limit"),
    ({"json": {"text": "   "}}, 422, "text is empty"),
    ({"json": {"published": "2024-01-01"}}, 422, "text"),
    ({"json": {"text": BAKHMUT_TEXT, "published": "yesterday"}}, 422, "published"),
    ({"content": "{not json", "headers": {"Content-Type": "application/json"}}, 422, "invalid"),
    ({"content": "<p>hi</p>", "headers": {"Content-Type": "text/html"}}, 415, "text/plain"),
    ({"json": {"text": "please explode"}}, 422, "boom"),
])
def test_api_extract_clear_errors(client: TestClient, kwargs: dict, status: int,
                                  message: str) -> None:
    r = client.post("/api/extract", **kwargs)
    assert r.status_code == status, r.text
    assert message in r.json()["detail"]


def test_api_extract_loads_pipeline_once(client: TestClient) -> None:
    built = []

    def factory() -> FakePipeline:
        built.append(1)
        return FakePipeline()

    c = TestClient(create_app(MemoryStore(), pipeline_factory=factory, basemap=None))
    assert built == []  # not at start-up: the model takes seconds to load
    for _ in range(2):
        assert c.post("/api/extract", json={"text": BAKHMUT_TEXT}).status_code == 200
    assert built == [1]


# -- the page, static files and tiles -------------------------------------------------------
def test_api_serves_the_page_and_its_assets(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for ref in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(ref).status_code == 200, ref
    assert client.get("/static/vendor/countries-110m.json").json()["type"] == "Topology"
    assert client.get("/docs").status_code == 200
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_api_page_loads_nothing_from_outside() -> None:
    for path in STATIC_DIR.glob("*.*"):
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(src|href|url)\s*[=(]\s*[\"']?(https?:)?//", text), path.name


def _mbtiles(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name text, value text)")
    con.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
                "tile_data blob)")
    con.executemany("INSERT INTO metadata VALUES (?, ?)",
                    [("minzoom", "0"), ("maxzoom", "1"), ("attribution", "test tiles")])
    # TMS rows: XYZ y=0 at zoom 1 is TMS row 1.
    con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                    [(0, 0, 0, b"\x89PNG-z0"), (1, 1, 1, b"\x89PNG-z1-x1-y0")])
    con.commit()
    con.close()
    return path


def test_api_tiles_from_mbtiles(tmp_path: Path) -> None:
    c = TestClient(create_app(MemoryStore(), basemap=_mbtiles(tmp_path / "t.mbtiles")))
    assert c.get("/tiles/0/0/0.png").content == b"\x89PNG-z0"
    r = c.get("/tiles/1/1/0.png")
    assert r.content == b"\x89PNG-z1-x1-y0" and r.headers["content-type"] == "image/png"
    assert c.get("/tiles/1/0/0.png").status_code == 404
    assert c.get("/tiles/7/0/0.png").status_code == 404
    assert c.get("/api/config").json()["tiles"]["max_zoom"] == 1


def test_api_tiles_absent_without_basemap() -> None:
    c = TestClient(create_app(MemoryStore(), basemap=None))
    assert c.get("/tiles/0/0/0.png").status_code == 404


def test_api_public_names() -> None:
    assert sorted(api_pkg.__all__) == ["AuthError", "Explorer", "ExtractRequest", "Extractor",
                                       "RequestError", "create_app", "serve"]
    for name in api_pkg.__all__:
        assert hasattr(api_pkg, name)
