"""merge_key / event_id / group_events on hand-built EventMention records."""

from __future__ import annotations

import dataclasses

import dataclasses
import datetime as dt

import pytest

from eventscribe.dedup import event_id, group_events, likely_duplicates, merge_key, merge_reason
from eventscribe.types import EventMention, Place, Span, content_hash

DAY = dt.date(2024, 3, 12)


def _place(name: str = "Kalo", *, geonameid: int | None = 101, lat: float | None = 36.21,
           lon: float | None = 37.15) -> Place:
    return Place(name=name, country="Syria", country_code="SY", admin1="Aleppo", latitude=lat, longitude=lon,
                 geonameid=geonameid)


def _mention(doc_id: str = "a", **changes: object) -> EventMention:
    m = EventMention(
        doc_id=doc_id, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        evidence=Span(0, 30, "Warplanes struck the market."), date=DAY, time_precision=1,
        actor1="Military Forces of Russia", place=_place(), confidence=0.8,
    )
    return dataclasses.replace(m, **changes)


def test_dedup_same_event_across_articles_merges() -> None:
    events = group_events([_mention("a"), _mention("b", confidence=0.9)])
    assert len(events) == 1
    (e,) = events
    assert [m.doc_id for m in e.mentions] == ["a", "b"]
    assert e.head.doc_id == "b"  # the most confident mention represents the event
    assert e.merge_reason is not None
    assert "2024-03-12" in e.merge_reason and "Explosions/Remote violence" in e.merge_reason


def test_dedup_single_mention_has_no_merge_reason() -> None:
    (e,) = group_events([_mention()])
    assert e.merge_reason is None
    assert e.id == event_id(e.mentions[0])


@pytest.mark.parametrize("change", [
    {"date": DAY + dt.timedelta(days=1)},
    {"event_type": "Battles"},
    {"actor1": "Military Forces of Syria"},
    {"actor1": None},
    {"place": _place("Tal Rifaat", geonameid=202)},
    {"aggregate": True},  # a summary claim never merges with a single occurrence
])
def test_dedup_differing_key_field_splits(change: dict[str, object]) -> None:
    assert len(group_events([_mention("a"), _mention("b", **change)])) == 2


def test_dedup_sub_type_and_fatalities_do_not_split() -> None:
    # ACLED's key is the event type, not the sub-type; counts are merged, not keyed.
    other = _mention("b", sub_event_type="Shelling/artillery/missile attack", fatalities=4)
    assert len(group_events([_mention("a", fatalities=9), other])) == 1


def test_dedup_actor_case_insensitive() -> None:
    assert merge_key(_mention(actor1="MILITARY FORCES OF RUSSIA")) == merge_key(_mention())


def test_dedup_undated_merges_only_within_article() -> None:
    same_doc = [_mention("a", date=None), _mention("a", date=None)]
    other_doc = [_mention("a", date=None), _mention("b", date=None)]
    assert len(group_events(same_doc)) == 1
    assert len(group_events(other_doc)) == 2


def test_dedup_coordinates_within_a_cell_merge() -> None:
    a = _mention("a", place=_place(geonameid=None, lat=36.21, lon=37.11))
    b = _mention("b", place=_place("Kallo", geonameid=None, lat=36.23, lon=37.13))
    assert merge_key(a) == merge_key(b)


def _event(eid: str, *, day: str = "2024-03-03", lat: float = 36.21, lon: float = 37.14,
           actor: str = "Military Forces of Syria", sub: str = "Armed clash") -> dict[str, object]:
    return {"event_id": eid, "event_type": "Battles", "sub_event_type": sub, "actor1": actor, "date": day,
            "latitude": lat, "longitude": lon, "location": eid, "aggregate": False}


def test_dedup_nearby_events_across_a_cell_edge_are_listed_for_review() -> None:
    """Two points ~3 km apart either side of a key's cell edge get different keys; the review
    list pairs them and says why."""
    a = _mention("a", place=_place(geonameid=None, lat=36.21, lon=37.14))
    b = _mention("b", place=_place("Kallo", geonameid=None, lat=36.23, lon=37.16))
    assert merge_key(a) != merge_key(b)
    (pair,) = likely_duplicates([_event("e1"), _event("e2", lat=36.23, lon=37.16)])
    assert pair["event_ids"] == ["e1", "e2"] and pair["km"] < 5 and pair["days"] == 0
    assert "same Armed clash by Military Forces of Syria" in pair["reason"]


@pytest.mark.parametrize("other", [
    _event("e2", actor="Islamic State"),  # another actor
    _event("e2", sub="Attack"),  # another kind of event
    _event("e2", day="2024-03-06"),  # days apart
    _event("e2", lat=37.5, lon=38.5),  # far apart
    {**_event("e2"), "date": None},  # undated
])
def test_dedup_review_list_needs_same_kind_actor_day_and_place(other: dict[str, object]) -> None:
    assert likely_duplicates([_event("e1"), other]) == []


def test_dedup_unresolved_place_keys_on_casefolded_name() -> None:
    a = _mention("a", place=_place("KALO", geonameid=None, lat=None, lon=None))
    b = _mention("b", place=_place("kalo", geonameid=None, lat=None, lon=None))
    assert merge_key(a) == merge_key(b)
    assert merge_key(a)[3] == "name:kalo"


def test_dedup_no_place_is_unknown() -> None:
    assert merge_key(_mention(place=None))[3] == "unknown"


def test_dedup_geonameid_beats_coordinates() -> None:
    a = _mention("a", place=_place(geonameid=101, lat=36.0, lon=37.0))
    b = _mention("b", place=_place(geonameid=101, lat=36.9, lon=37.9))
    assert event_id(a) == event_id(b)


def test_dedup_event_id_is_content_hash_of_key() -> None:
    m = _mention()
    assert event_id(m) == content_hash(*merge_key(m))
    assert len(event_id(m)) == 16


def test_dedup_event_id_stable_over_copies() -> None:
    m = _mention()
    assert event_id(m) == event_id(dataclasses.replace(m, evidence=Span(99, 120, "other words")))


def test_dedup_groups_in_first_mention_order() -> None:
    ms = [_mention("a", date=DAY), _mention("b", date=DAY - dt.timedelta(days=3)), _mention("c", date=DAY)]
    events = group_events(ms)
    assert [[m.doc_id for m in e.mentions] for e in events] == [["a", "c"], ["b"]]


def test_dedup_regrouping_is_idempotent() -> None:
    ms = [_mention("a"), _mention("b"), _mention("c", date=None)]
    first = [e.id for e in group_events(ms)]
    again = [e.id for e in group_events(ms + ms)]
    assert first == again


def test_dedup_merge_reason_marks_aggregate_and_unknown_actor() -> None:
    reason = merge_reason(_mention(aggregate=True, actor1=None))
    assert reason.endswith("by unknown actor (aggregate claim)")


def test_dedup_empty_input() -> None:
    assert group_events([]) == []
