"""Cross-report de-duplication: which mentions report the same event, and why.

ACLED's unit of analysis is one event type, by one actor, at one place, on one day. Two
mentions with the same such key (from the same article or from different ones) are one
event. The key is hashed into the event id, so the merge is a pure function of each
mention: it needs no global state, gives the same ids in one process, a pool or a Dask
cluster, and re-loading the same reports adds nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

from .geo.resolver import km
from .types import Event, EventMention, content_hash

__all__ = ["event_id", "group_events", "likely_duplicates", "merge_key", "merge_reason"]


def _place_key(m: EventMention) -> str:
    p = m.place
    if p is None:
        return "unknown"
    if p.geonameid is not None:
        return f"gn:{p.geonameid}"
    if p.latitude is not None and p.longitude is not None:
        # ~10 km cells: two spellings of one town geocoded to slightly different points agree,
        # unless a cell edge runs between them; likely_duplicates() finds such pairs
        return f"ll:{round(p.latitude, 1)},{round(p.longitude, 1)}"
    return f"name:{p.name.casefold()}"


def merge_key(m: EventMention) -> tuple[str, ...]:
    """The ACLED event key: type, day, place, primary actor (aggregate claims never merge with
    single occurrences, and an undated mention only merges within its own article)."""
    day = m.date.isoformat() if m.date else f"undated:{m.doc_id}"
    kind = "aggregate" if m.aggregate else "single"
    return (kind, m.event_type, day, _place_key(m), (m.actor1 or "").casefold())


def event_id(m: EventMention) -> str:
    """The id of the event this mention reports: a content hash of its merge key."""
    return content_hash(*merge_key(m))


def merge_reason(m: EventMention) -> str:
    """A human-readable statement of the key this mention shares with its event's others."""
    kind, etype, day, place, actor = merge_key(m)
    return f"same {etype} on {day} at {place} by {actor or 'unknown actor'}" + (
        " (aggregate claim)" if kind == "aggregate" else "")


def group_events(mentions: list[EventMention]) -> list[Event]:
    """Mentions grouped into events by their merge key, in first-mention order."""
    groups: dict[str, list[EventMention]] = {}
    for m in mentions:
        groups.setdefault(event_id(m), []).append(m)
    return [Event(id=eid, mentions=ms, merge_reason=merge_reason(ms[0]) if len(ms) > 1 else None)
            for eid, ms in groups.items()]


def likely_duplicates(events: Iterable[dict[str, Any]], *, within_km: float = 25.0,
                      days: int = 1) -> list[dict[str, Any]]:
    """Pairs of stored events that may be one occurrence the keys kept apart, for an analyst
    to review: same sub-event type and primary actor, dated at most ``days`` apart, placed at
    most ``within_km`` apart (two gazetteer entries for one town, a point either side of a
    key's cell edge, a date read a day off). Each pair says why, closest first. Aggregate
    claims and events without a date or a point are never paired."""
    groups: dict[tuple[str, str], list[tuple[dt.date, dict[str, Any]]]] = {}
    for r in events:
        if r.get("aggregate") or not r.get("date") or r.get("latitude") is None or r.get("longitude") is None:
            continue
        kind = r.get("sub_event_type") or r.get("event_type") or ""
        groups.setdefault((kind, (r.get("actor1") or "").casefold()), []).append(
            (dt.date.fromisoformat(r["date"][:10]), r))
    pairs = []
    for (etype, _), recs in groups.items():
        recs.sort(key=lambda dr: (dr[0], dr[1]["event_id"]))
        for (day_a, a), (day_b, b) in itertools.combinations(recs, 2):
            gap = (day_b - day_a).days
            if gap > days:
                continue
            d = km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
            if d > within_km:
                continue
            where = (a.get("location") if a.get("location") == b.get("location")
                     else f"{a.get('location')} / {b.get('location')}")
            pairs.append({"event_ids": [a["event_id"], b["event_id"]], "km": round(d, 1), "days": gap,
                          "reason": f"same {etype} by {a.get('actor1') or 'unknown actor'}, {gap} day(s) "
                                    f"and {d:.1f} km apart ({where})"})
    return sorted(pairs, key=lambda p: (p["km"], p["days"]))
