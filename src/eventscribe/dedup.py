"""Cross-report de-duplication: which mentions report the same event, and why.

ACLED's unit of analysis is one event type, by one actor, at one place, on one day. Two
mentions with the same such key (from the same article or from different ones) are one
event. The key is hashed into the event id, so the merge is a pure function of each
mention: it needs no global state, gives the same ids in one process, a pool or a Dask
cluster, and re-loading the same reports adds nothing.
"""

from __future__ import annotations

from .types import Event, EventMention, content_hash

__all__ = ["event_id", "group_events", "merge_key", "merge_reason"]


def _place_key(m: EventMention) -> str:
    p = m.place
    if p is None:
        return "unknown"
    if p.geonameid is not None:
        return f"gn:{p.geonameid}"
    if p.latitude is not None and p.longitude is not None:
        # ~10 km cells: two spellings of one town geocoded to slightly different points agree.
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
