"""The store methods behind the API (ExploreStore), on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from eventscribe.store import DuckDBStore, EventFilter, MemoryStore
from eventscribe.store.base import ExploreStore
from eventscribe.types import Article, DocResult, EventMention, Place, Span

PLACES = [
    Place("Kharkiv", "Ukraine", "UA", "Kharkiv Oblast", 49.98, 36.25, geonameid=1),
    Place("Bakhmut", "Ukraine", "UA", "Donetsk Oblast", 48.60, 38.00, geonameid=2),
    Place("Tbilisi", "Georgia", "GE", None, 41.69, 44.83, geonameid=3),
    Place("Nowhere", None, None, None, None, None, geonameid=4),
]
TYPES = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"),
         ("Explosions/Remote violence", "Air/drone strike")]
ACTORS = ["Wagner Group", "Military Forces of Russia", None, "Protesters (Georgia)"]


def many(n_docs: int, per_doc: int) -> list[DocResult]:
    out = []
    for d in range(n_docs):
        text = " ".join(f"Sentence {k} of document {d}." for k in range(per_doc))
        ms = []
        for k in range(per_doc):
            i = d * per_doc + k
            sentence = f"Sentence {k} of document {d}."
            start = text.index(sentence)
            etype, sub = TYPES[i % 3]
            ms.append(EventMention(
                doc_id=f"d{d}", event_type=etype, sub_event_type=sub,
                evidence=Span(start, start + len(sentence), sentence),
                date=None if i % 7 == 0 else dt.date(2024, 1, 1) + dt.timedelta(days=i % 11),
                actor1=ACTORS[i % 4], actor2=ACTORS[(i + 1) % 4], place=PLACES[i % 4],
                fatalities=i % 5 or None, confidence=0.4 + (i % 6) / 10))
        out.append(DocResult(Article(f"d{d}", text, dt.date(2024, 2, 1), f"title {d}"), f"f:{d}", ms))
    return out


@pytest.fixture(params=["duckdb", "memory"])
def store(request: pytest.FixtureRequest) -> Iterator[DuckDBStore | MemoryStore]:
    s = DuckDBStore(":memory:", batch_size=9) if request.param == "duckdb" else MemoryStore()
    run = s.start_run(inputs=["x"], version="0", settings={})
    s.add_results(run, many(40, 3))
    yield s
    s.close()


def test_api_store_implements_explore_protocol(store: ExploreStore) -> None:
    assert isinstance(store, ExploreStore)


@pytest.mark.parametrize("filters", [
    None, EventFilter(event_type="Battles"), EventFilter(actor="wagner"),
    EventFilter(date_from="2024-01-03", date_to="2024-01-05"), EventFilter(text="document 1"),
    EventFilter(bbox=(30, 45, 40, 52)),
])
def test_api_store_count_matches_events(store: ExploreStore, filters: EventFilter | None) -> None:
    assert store.count_events(filters=filters) == len(store.events(filters=filters))


def test_api_store_event_by_id(store: ExploreStore) -> None:
    first = store.events(limit=1)[0]
    assert store.event(first["event_id"]) == first
    assert store.event("missing") is None


def test_api_store_articles_in_order_with_text(store: ExploreStore) -> None:
    arts = store.articles(["d3", "missing", "d1", "d3"])
    assert [a["id"] for a in arts] == ["d3", "d1"]
    assert arts[0]["text"].startswith("Sentence 0 of document 3.") and arts[0]["title"] == "title 3"


def test_api_store_summary_counts(store: ExploreStore) -> None:
    events = store.events()
    s = store.summary()
    assert s["events"] == len(events)
    assert s["undated"] == sum(1 for e in events if e["date"] is None)
    assert sum(s["by_day"].values()) == s["events"] - s["undated"]
    assert list(s["by_day"]) == sorted(s["by_day"])
    assert sum(s["by_event_type"].values()) == s["events"]
    assert s["fatalities"] == sum(e["fatalities"] or 0 for e in events)
    assert "unknown" in s["by_admin1"] and "unknown" in s["by_country"]
    n_wagner = sum(1 for e in events if "Wagner Group" in (e["actor1"], e["actor2"]))
    assert s["by_actor"]["Wagner Group"] == n_wagner
    assert len(store.summary(top=2)["by_actor"]) == 2


def test_api_store_points_most_recent_first(store: ExploreStore) -> None:
    pts = store.points()
    assert all(lat is not None and lon is not None for _, lat, lon, _, _ in pts)
    dated = [d for *_, d in pts if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert store.points(limit=5) == pts[:5]
    assert len(pts) == sum(1 for e in store.events() if e["latitude"] is not None)


def test_api_store_backends_agree() -> None:
    duck, mem = DuckDBStore(":memory:", batch_size=7), MemoryStore()
    for s in (duck, mem):
        run = s.start_run(inputs=["x"], version="0", settings={})
        s.add_results(run, many(60, 4))
    for f in (None, EventFilter(country="Ukraine"), EventFilter(text="document 2")):
        assert duck.summary(filters=f, top=3) == mem.summary(filters=f, top=3)
        assert duck.points(filters=f) == mem.points(filters=f)
        assert duck.count_events(filters=f) == mem.count_events(filters=f)
    eid = mem.events()[5]["event_id"]
    assert duck.event(eid) == mem.event(eid)
    def no_run(arts: list[dict]) -> list[dict]:
        return [{k: v for k, v in a.items() if k != "run_id"} for a in arts]

    assert no_run(duck.articles(["d2", "d9"])) == no_run(mem.articles(["d2", "d9"]))


def test_api_store_rejects_bad_top(store: ExploreStore) -> None:
    with pytest.raises(ValueError, match="top"):
        store.summary(top=0)
