"""An aggregate claim's counts and provinces through the stores, the exports and the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from eventscribe.api import create_app
from eventscribe.dedup import event_id
from eventscribe.export import CSV_COLUMNS, write_records
from eventscribe.store import DuckDBStore, MemoryStore
from eventscribe.store._duckdb_sql import MIGRATIONS, UPSERT_EVENTS
from eventscribe.types import Article, DocResult, EventMention, Place, Provenance, Span

TEXT = ("The air force hit 57 targets in 24 sorties in Hama province over the past day. "
        "Jets struck a depot near Saraqib on Monday.")
HAMA = Place("Hamah", "Syria", "SY", "Hamah", 35.29, 37.25, geo_precision=3, feature="ADM1", geonameid=170015)
SARAQIB = Place("Saraqib", "Syria", "SY", "Idlib", 35.86, 36.81, geonameid=164816)
RUSSIA = "Military Forces of Russia (2000-)"


def _mention(sentence: str, place: Place, *, aggregate: bool, quantities: dict[str, int] | None = None,
             provinces: list[str] | None = None) -> EventMention:
    start = TEXT.index(sentence)
    span = Span(start, start + len(sentence), sentence)
    return EventMention(
        doc_id="syria-1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        evidence=span, date=dt.date(2016, 2, 9), time_precision=1, actor1=RUSSIA, place=place,
        confidence=0.7, aggregate=aggregate, quantities=dict(quantities or {}), provinces=list(provinces or []),
        provenance={"quantities": Provenance(Span(start + 14, start + 41, TEXT[start + 14: start + 41]),
                                             "extract.quantities", "quantities-1", "targets=57, sorties=24")}
        if quantities else {},
    )


CLAIM = _mention("The air force hit 57 targets in 24 sorties in Hama province over the past day.", HAMA,
                 aggregate=True, quantities={"targets": 57, "sorties": 24}, provinces=["Hamah"])
SINGLE = _mention("Jets struck a depot near Saraqib on Monday.", SARAQIB, aggregate=False)


def _results() -> list[DocResult]:
    article = Article("syria-1", TEXT, dt.date(2016, 2, 10), origin="syria-1.txt")
    return [DocResult(article, "syria-1.txt", [CLAIM, SINGLE])]


def _load(store: DuckDBStore | MemoryStore) -> None:
    run = store.start_run(inputs=["test"], version="0", settings={})
    store.add_results(run, _results())
    store.finish_run(run)


@pytest.fixture(params=["duckdb", "memory"])
def store(request: pytest.FixtureRequest) -> Iterator[DuckDBStore | MemoryStore]:
    s = DuckDBStore(":memory:") if request.param == "duckdb" else MemoryStore()
    _load(s)
    yield s
    s.close()


def _by_location(records: list[dict]) -> dict[str, dict]:
    return {r["location"]: r for r in records}


def test_store_quantities_round_trip(store: DuckDBStore | MemoryStore) -> None:
    for records in (store.events(), store.mentions()):
        got = _by_location(records)
        assert got["Hamah"]["quantities"] == {"targets": 57, "sorties": 24}
        assert got["Hamah"]["provinces"] == ["Hamah"] and got["Hamah"]["aggregate"] is True
        assert got["Hamah"]["provenance"]["quantities"]["note"] == "targets=57, sorties=24"
        assert got["Saraqib"]["quantities"] == {} and got["Saraqib"]["provinces"] == []
    rec, stored = CLAIM.to_record(), _by_location(store.events())["Hamah"]
    assert {k: stored[k] for k in rec} == rec  # the whole record, unchanged


def test_store_quantities_duckdb_columns(tmp_path: Path) -> None:
    path = tmp_path / "q.duckdb"
    with DuckDBStore(path) as s:
        _load(s)
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT location, quantities, provinces FROM mentions ORDER BY location").fetchall()
    assert [(loc, json.loads(q), p) for loc, q, p in rows] == [
        ("Hamah", {"targets": 57, "sorties": 24}, ["Hamah"]), ("Saraqib", {}, [])]


def _old_database(path: Path) -> EventMention:
    """A database as the schema before migration 3 left it, holding one mention stored then."""
    old = _mention("Jets struck a depot near Saraqib on Monday.", SARAQIB, aggregate=False)
    rec = old.to_record()
    del rec["quantities"], rec["provinces"]
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
                    "applied_at TIMESTAMP NOT NULL)")
        for version, description, steps in MIGRATIONS[:2]:
            for sql in steps:
                con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, description, dt.datetime(2024, 1, 1)])
        con.execute("INSERT INTO mentions (id, event_id, doc_id, location, confidence, record) VALUES (?, ?, ?, ?, ?, ?)",
                    [rec["mention_id"], event_id(old), old.doc_id, "Saraqib", 0.7, json.dumps(rec)])
        con.execute(UPSERT_EVENTS, {"ids": [event_id(old)]})
    return old


def test_store_quantities_older_database_opens_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _old_database(path)
    with DuckDBStore(path) as s:
        assert [m["version"] for m in s.migrations()] == [v for v, _, _ in MIGRATIONS]
        (before,) = s.events()
        assert before["quantities"] == {} and before["provinces"] == []  # the record gained the empty values
        _load(s)  # and new mentions go in beside the old one
        got = _by_location(s.events())
        assert got["Hamah"]["quantities"] == {"targets": 57, "sorties": 24}
        assert len(s.mentions()) == 2  # SINGLE is the old mention again: not stored twice
    with DuckDBStore(path) as s:  # opening again applies nothing twice
        assert [m["version"] for m in s.migrations()] == [v for v, _, _ in MIGRATIONS]


def test_export_quantities_jsonl_csv_geojson(store: DuckDBStore | MemoryStore) -> None:
    records = store.events(order_by="id")
    out = io.StringIO()
    write_records(records, "jsonl", out)
    lines = _by_location([json.loads(line) for line in out.getvalue().splitlines()])
    assert lines["Hamah"]["quantities"] == {"targets": 57, "sorties": 24} and lines["Hamah"]["provinces"] == ["Hamah"]

    out = io.StringIO()
    write_records(records, "csv", out)
    rows = _by_location(list(csv.DictReader(io.StringIO(out.getvalue()))))
    assert CSV_COLUMNS[-2:] == ("quantities", "provinces")
    assert rows["Hamah"]["quantities"] == "targets=57; sorties=24" and rows["Hamah"]["provinces"] == "Hamah"
    assert rows["Saraqib"]["quantities"] == "" and rows["Saraqib"]["provinces"] == ""

    out = io.StringIO()
    write_records(records, "geojson", out)
    props = _by_location([f["properties"] for f in json.loads(out.getvalue())["features"]])
    assert props["Hamah"]["quantities"] == {"targets": 57, "sorties": 24} and props["Hamah"]["provinces"] == ["Hamah"]


def test_api_returns_quantities(store: DuckDBStore | MemoryStore) -> None:
    client = TestClient(create_app(store, basemap=None))
    events = _by_location(client.get("/api/events").json()["events"])
    assert events["Hamah"]["quantities"] == {"targets": 57, "sorties": 24}
    assert events["Hamah"]["provinces"] == ["Hamah"]
    detail = client.get(f"/api/events/{events['Hamah']['event_id']}").json()
    assert detail["event"]["quantities"] == {"targets": 57, "sorties": 24}
    assert detail["mentions"][0]["provinces"] == ["Hamah"]
    table = client.get("/api/events?format=csv").text
    assert "targets=57; sorties=24" in table
