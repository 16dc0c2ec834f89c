"""The EventStore contract, run against both backends, plus DuckDB-only behaviour."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

import eventscribe.store as store_pkg
from eventscribe.dedup import event_id, merge_reason
from eventscribe.errors import StoreError
from eventscribe.store import (
    DuckDBStore,
    EventFilter,
    EventStore,
    MemoryStore,
    RunCounts,
    open_store,
)
from eventscribe.store.duckdb_store import MIGRATIONS
from eventscribe.types import (
    Article,
    DocResult,
    Event,
    EventMention,
    Place,
    Provenance,
    Span,
    content_hash,
)

KHARKIV = Place("Kharkiv", "Ukraine", "UA", "Kharkiv Oblast", 49.98, 36.25, geonameid=706483)
BAKHMUT = Place("Bakhmut", "Ukraine", "UA", "Donetsk Oblast", 48.60, 38.00, geonameid=712451)
TBILISI = Place("Tbilisi", "Georgia", "GE", "Tbilisi", 41.69, 44.83, geonameid=611717)
RUSSIA = "Military Forces of Russia (2000-)"


def mention(doc_id: str, start: int, text: str, *, place: Place | None, day: dt.date | None,
            etype: str = "Explosions/Remote violence",
            sub: str = "Shelling/artillery/missile attack", actor1: str | None = RUSSIA,
            actor2: str | None = None, confidence: float = 0.5, claimed_by: str | None = None,
            weapons: tuple[str, ...] = ()) -> EventMention:
    span = Span(start, start + len(text), text)
    return EventMention(
        doc_id=doc_id, event_type=etype, sub_event_type=sub, evidence=span, date=day,
        time_precision=1, actor1=actor1, actor2=actor2, place=place, fatalities=2,
        weapons=list(weapons), claimed_by=claimed_by, confidence=confidence,
        provenance={"event_type": Provenance(span, "test", "0")},
    )


M1 = mention("a1", 0, "Russian forces shelled Kharkiv, killing two.", place=KHARKIV,
             day=dt.date(2024, 3, 4), actor2="Civilians (Ukraine)", confidence=0.8,
             weapons=("artillery", "MLRS"))
M2 = mention("a2", 10, "Kharkiv came under Russian artillery fire.", place=KHARKIV,
             day=dt.date(2024, 3, 4), confidence=0.9, claimed_by="General Staff of Ukraine")
M3 = mention("a2", 80, "Ukrainian troops fought Wagner fighters near Bakhmut.", place=BAKHMUT,
             day=dt.date(2024, 3, 5), etype="Battles", sub="Armed clash",
             actor1="Military Forces of Ukraine (2019-)", actor2="Wagner Group", confidence=0.6)
M4 = mention("a3", 0, "Thousands marched peacefully in Tbilisi.", place=TBILISI,
             day=dt.date(2024, 2, 10), etype="Protests", sub="Peaceful protest",
             actor1="Protesters (Georgia)", confidence=0.7)


def article(doc_id: str, text: str = "text") -> Article:
    return Article(id=doc_id, text=text, published=dt.date(2024, 3, 6), title=f"t {doc_id}",
                   source="wire", origin=f"feed.jsonl:{doc_id}")


def results() -> list[DocResult]:
    return [
        DocResult(article("a1"), "feed.jsonl:1", [M1]),
        DocResult(article("a2"), "feed.jsonl:2", [M2, M3]),
        DocResult(article("a3"), "feed.jsonl:3", [M4]),
        DocResult(article("a4"), "feed.jsonl:4", []),
        DocResult(None, "feed.jsonl:7", error="invalid JSON at column 3"),
    ]


@pytest.fixture(params=["duckdb", "memory"])
def store(request: pytest.FixtureRequest) -> Iterator[EventStore]:
    s: EventStore = DuckDBStore(":memory:") if request.param == "duckdb" else MemoryStore()
    yield s
    s.close()


def load(s: EventStore, items: list[DocResult] | None = None) -> RunCounts:
    run = s.start_run(inputs=["feed.jsonl"], version="0.1.0", settings={"k": 1})
    counts = s.add_results(run, results() if items is None else items)
    s.finish_run(run)
    return counts


def by_location(records: list[dict]) -> list[str]:
    return sorted(r["location"] for r in records)


# -- the contract, both backends -----------------------------------------------------------
def test_store_implements_protocol(store: EventStore) -> None:
    assert isinstance(store, EventStore)


def test_store_accounts_for_every_document(store: EventStore) -> None:
    counts = load(store)
    assert counts == RunCounts(documents=5, with_events=3, no_event=1, errors=1,
                               mentions_added=4, events_added=3, documents_added=5)
    docs = {d["id"]: d for d in store.documents()}
    assert len(docs) == 5
    assert [d["id"] for d in store.documents()] == ["a1", "a2", "a3", "a4",
                                                    content_hash("feed.jsonl:7")]
    assert docs["a2"]["n_events"] == 2 and docs["a2"]["outcome"] == "events"
    assert docs["a4"]["outcome"] == "no_event" and docs["a4"]["n_events"] == 0
    assert docs["a1"]["published"] == "2024-03-06" and docs["a1"]["title"] == "t a1"
    assert docs["a1"]["origin"] == "feed.jsonl:1"


def test_store_records_error_documents(store: EventStore) -> None:
    load(store)
    (err,) = store.documents(outcome="error")
    assert err["id"] == content_hash("feed.jsonl:7")
    assert err["origin"] == "feed.jsonl:7"
    assert err["error"] == "invalid JSON at column 3"
    assert err["n_events"] == 0 and err["run_id"]
    assert [d["id"] for d in store.documents(outcome="no_event")] == ["a4"]


def test_store_reload_is_idempotent(store: EventStore) -> None:
    load(store)
    before = (store.events(), store.mentions(), store.stats())
    again = load(store)
    assert again.mentions_added == 0 and again.events_added == 0
    assert again.documents == 5  # still accounted for, just not new
    after = (store.events(), store.mentions(), store.stats())
    assert after[0] == before[0] and after[1] == before[1]
    assert after[2] == {**before[2], "runs": 2}


def test_store_merges_same_key_across_articles(store: EventStore) -> None:
    load(store)
    (ev,) = store.events(filters=EventFilter(country="Ukraine", event_type=M1.event_type))
    expected = Event(event_id(M1), [M1, M2], merge_reason(M1)).to_record()
    assert ev == expected
    assert ev["n_mentions"] == 2 and ev["doc_ids"] == ["a1", "a2"]
    assert ev["mention_id"] == M2.id  # the more confident mention is the head
    assert ev["merge_reason"] == merge_reason(M1) and "Explosions" in ev["merge_reason"]
    lone = store.events(filters=EventFilter(event_type="Protests"))
    assert lone[0]["n_mentions"] == 1 and lone[0]["merge_reason"] is None


@pytest.mark.parametrize("order", [[0, 1], [1, 0]])
def test_store_merge_is_load_order_free(store: EventStore, order: list[int]) -> None:
    items = [DocResult(article("a1"), "f:1", [M1]), DocResult(article("a2"), "f:2", [M2])]
    run = store.start_run(inputs=[], version="0", settings={})
    first = store.add_results(run, [items[order[0]]])
    second = store.add_results(run, [items[order[1]]])  # joins the existing event
    assert (first.events_added, second.events_added) == (1, 0)
    assert second.mentions_added == 1
    (ev,) = store.events()
    assert ev["n_mentions"] == 2 and ev["mention_id"] == M2.id
    assert ev["claimed_by"] == "General Staff of Ukraine"


def test_store_mentions_by_doc_and_event(store: EventStore) -> None:
    load(store)
    assert [m["mention_id"] for m in store.mentions(doc_id="a2")] == [M2.id, M3.id]
    by_event = store.mentions(event_id=event_id(M1))
    assert {m["mention_id"] for m in by_event} == {M1.id, M2.id}
    assert by_event[0] == {**M1.to_record(), "event_id": event_id(M1)}
    assert len(store.mentions()) == 4
    assert store.mentions(doc_id="a2", event_id=event_id(M1))[0]["mention_id"] == M2.id


@pytest.mark.parametrize(("filters", "expected"), [
    (EventFilter(event_type="battles"), ["Bakhmut"]),
    (EventFilter(sub_event_type="Peaceful protest"), ["Tbilisi"]),
    (EventFilter(country="ukraine"), ["Bakhmut", "Kharkiv"]),
    (EventFilter(admin1="Donetsk Oblast"), ["Bakhmut"]),
    (EventFilter(actor="wagner"), ["Bakhmut"]),  # actor2
    (EventFilter(actor="forces of"), ["Bakhmut", "Kharkiv"]),
    (EventFilter(claimed_by="general staff"), ["Kharkiv"]),
    (EventFilter(date_from=dt.date(2024, 3, 1)), ["Bakhmut", "Kharkiv"]),
    (EventFilter(date_from="2024-03-04", date_to="2024-03-04"), ["Kharkiv"]),
    (EventFilter(date_to=dt.date(2024, 3, 1)), ["Tbilisi"]),
    (EventFilter(bbox=(35.0, 49.0, 37.0, 51.0)), ["Kharkiv"]),
    (EventFilter(bbox=(30.0, 40.0, 50.0, 50.0)), ["Bakhmut", "Kharkiv", "Tbilisi"]),
    (EventFilter(bbox=(170.0, -10.0, -170.0, 10.0)), []),  # across the antimeridian
    (EventFilter(text="ARTILLERY FIRE"), ["Kharkiv"]),  # the head's evidence
    (EventFilter(text="marched"), ["Tbilisi"]),
    (EventFilter(country="Ukraine", actor="russia", text="kharkiv"), ["Kharkiv"]),
    (EventFilter(country="Russia"), []),
    (None, ["Bakhmut", "Kharkiv", "Tbilisi"]),
])
def test_store_filters(store: EventStore, filters: EventFilter | None,
                       expected: list[str]) -> None:
    load(store)
    assert by_location(store.events(filters=filters)) == expected


def test_store_filters_skip_unknown_values(store: EventStore) -> None:
    vague = mention("a5", 0, "Shelling was reported.", place=None, day=None, actor1=None)
    load(store, [DocResult(article("a5"), "f:5", [vague])])
    assert len(store.events()) == 1
    for f in (EventFilter(actor="x"), EventFilter(date_from="2000-01-01"),
              EventFilter(bbox=(-180, -90, 180, 90)), EventFilter(country="Ukraine")):
        assert store.events(filters=f) == []


@pytest.mark.parametrize(("order_by", "expected"), [
    ("date", ["Tbilisi", "Kharkiv", "Bakhmut"]),
    ("-date", ["Bakhmut", "Kharkiv", "Tbilisi"]),
    ("-confidence", ["Kharkiv", "Tbilisi", "Bakhmut"]),
])
def test_store_orders_events(store: EventStore, order_by: str, expected: list[str]) -> None:
    load(store)
    assert [r["location"] for r in store.events(order_by=order_by)] == expected


def test_store_orders_ties_by_event_id(store: EventStore) -> None:
    load(store)
    recs = store.events(order_by="-n_mentions")
    assert recs[0]["location"] == "Kharkiv"
    assert [r["event_id"] for r in recs[1:]] == sorted([event_id(M3), event_id(M4)])


def test_store_pages_events(store: EventStore) -> None:
    load(store)
    assert [r["location"] for r in store.events(limit=2)] == ["Tbilisi", "Kharkiv"]
    assert [r["location"] for r in store.events(limit=2, offset=2)] == ["Bakhmut"]
    assert store.events(limit=0) == []
    assert [r["location"] for r in store.events(offset=1)] == ["Kharkiv", "Bakhmut"]


def test_store_stats(store: EventStore) -> None:
    load(store)
    assert store.stats() == {
        "events": 3, "mentions": 4, "documents": 5, "runs": 1,
        "by_event_type": {"Battles": 1, "Explosions/Remote violence": 1, "Protests": 1},
        "by_country": {"Ukraine": 2, "Georgia": 1},
        "by_outcome": {"events": 3, "error": 1, "no_event": 1},
        "date_range": {"min": "2024-02-10", "max": "2024-03-05"},
    }


def test_store_stats_empty(store: EventStore) -> None:
    s = store.stats()
    assert s["events"] == 0 and s["by_country"] == {}
    assert s["date_range"] == {"min": None, "max": None}


def test_store_rejects_bad_calls(store: EventStore) -> None:
    with pytest.raises(StoreError, match="no run"):
        store.add_results("nope", results())
    with pytest.raises(StoreError, match="no run"):
        store.finish_run("nope")
    with pytest.raises(ValueError, match="order_by"):
        store.events(order_by="location; DROP TABLE events")
    with pytest.raises(ValueError, match="outcome"):
        store.documents(outcome="failed")
    with pytest.raises(ValueError, match="limit"):
        store.events(limit=-1)


def test_store_closed_raises(store: EventStore) -> None:
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.events()


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"date_from": "March 4"}, "YYYY-MM-DD"),
    ({"bbox": (0.0, 10.0, 1.0)}, "min_lon"),
    ({"bbox": (0.0, 10.0, 1.0, 5.0)}, "min_lat"),
])
def test_store_event_filter_validates(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        EventFilter(**kwargs)


def _many(n_docs: int, per_doc: int) -> list[DocResult]:
    out = []
    for d in range(n_docs):
        ms = [mention(f"d{d}", 50 * k, f"shelling {d}-{k}", confidence=(d + k) % 4 / 4,
                      place=Place(f"P{(d + k) % 37}", "Ukraine", "UA", "X", 48.0, 37.0,
                                  geonameid=(d + k) % 37),
                      day=dt.date(2024, 1, 1) + dt.timedelta(days=(d * k) % 9))
              for k in range(per_doc)]
        out.append(DocResult(article(f"d{d}"), f"f:{d}", ms))
    return out


def test_store_backends_agree() -> None:
    items = _many(120, 4)
    duck, mem = DuckDBStore(":memory:", batch_size=7), MemoryStore()
    for s in (duck, mem):
        load(s, items)
    for order_by in ("date", "-date", "-confidence", "n_mentions", "id"):
        assert duck.events(order_by=order_by) == mem.events(order_by=order_by)
    assert duck.mentions() == mem.mentions()
    assert duck.stats() == mem.stats()
    assert {e["n_mentions"] for e in duck.events()} != {1}  # the data really merges


# -- DuckDB only ---------------------------------------------------------------------------
def test_store_duckdb_persists_across_open_close(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with closing(open_store(path)) as s:
        load(s)
        expected = s.events()
    with DuckDBStore(path) as s:
        assert s.events() == expected
        assert len(s.documents()) == 5
        assert s.stats()["runs"] == 1
        assert load(s).mentions_added == 0


def test_store_duckdb_migrations_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    DuckDBStore(path).close()
    with DuckDBStore(path) as s:
        applied = s.migrations()
    assert [m["version"] for m in applied] == [v for v, _, _ in MIGRATIONS]
    assert all(m["applied_at"] is not None for m in applied)


def test_store_duckdb_error_names_path(tmp_path: Path) -> None:
    bad = tmp_path / "missing-dir" / "x.duckdb"
    with pytest.raises(StoreError, match="missing-dir"):
        DuckDBStore(bad)


def test_store_duckdb_bulk_insert_is_fast() -> None:
    items = _many(2000, 5)  # 10,000 mentions
    with DuckDBStore(":memory:") as s:
        t0 = time.perf_counter()
        counts = load(s, items)
        elapsed = time.perf_counter() - t0
        assert counts.mentions_added == 10_000
        assert s.stats()["mentions"] == 10_000
    assert elapsed < 10, f"10,000 mentions took {elapsed:.1f}s"


@pytest.mark.parametrize(("name", "kind"), [
    (":memory:", DuckDBStore), ("memory://", MemoryStore),
])
def test_store_open_store(name: str, kind: type) -> None:
    s = open_store(name)
    assert isinstance(s, kind)
    s.close()


def test_store_open_store_rejects_unknown(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"\.duckdb"):
        open_store(tmp_path / "events.sqlite")


def test_store_public_api() -> None:
    assert sorted(store_pkg.__all__) == ["DuckDBStore", "EventFilter", "EventStore",
                                         "MemoryStore", "ORDER_BY", "RunCounts", "open_store"]
    for name in store_pkg.__all__:
        assert hasattr(store_pkg, name)


def test_store_duckdb_not_a_database_names_path(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    with pytest.raises(StoreError, match="junk.duckdb"):
        DuckDBStore(junk)


def test_store_duckdb_small_batches_match_one_batch() -> None:
    items = _many(30, 3)
    with DuckDBStore(":memory:", batch_size=1) as small, DuckDBStore(":memory:") as big:
        assert load(small, items) == load(big, items)
        assert small.events() == big.events()
        assert small.documents()[0]["id"] == "d0"
