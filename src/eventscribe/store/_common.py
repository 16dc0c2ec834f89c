"""Rules both backends share, so DuckDB and the in-memory double cannot drift apart."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from typing import Any

from ..dedup import event_id as _event_id
from ..types import DocResult, content_hash
from .base import ORDER_BY, EventFilter

OUTCOMES = ("events", "no_event", "error")
UNKNOWN = "unknown"  # the stats() key for a missing country / event type


def utcnow() -> dt.datetime:
    """Naive UTC: DuckDB's TIMESTAMP has no zone and we never want local time in the data."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def new_run_id(now: dt.datetime) -> str:
    """Sortable by start time, unique without coordination."""
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def document_id(result: DocResult) -> str:
    """The article's id, or (no article: it failed before one was built) a hash of its origin."""
    return result.article.id if result.article is not None else content_hash(result.origin)


def document_row(result: DocResult, run_id: str) -> dict[str, Any]:
    """The stored form of one input document, whatever its outcome."""
    a = result.article
    return {
        "id": document_id(result),
        "text": a.text if a else None,
        "title": a.title if a else None,
        "published": a.published if a else None,
        "source": a.source if a else None,
        "origin": result.origin or (a.origin if a else None),
        "outcome": result.outcome,
        "n_events": len({_event_id(m) for m in result.mentions}),
        "error": result.error,
        "run_id": run_id,
        "content_hash": content_hash(a.text) if a else None,
    }


def public_document(row: dict[str, Any]) -> dict[str, Any]:
    """What documents() returns: the row without the text, published as YYYY-MM-DD."""
    pub = row["published"]
    return {
        "id": row["id"],
        "origin": row["origin"],
        "title": row["title"],
        "published": pub.isoformat() if isinstance(pub, dt.date) else pub,
        "source": row["source"],
        "outcome": row["outcome"],
        "n_events": row["n_events"],
        "error": row["error"],
        "run_id": row["run_id"],
    }


def check_outcome(outcome: str | None) -> None:
    if outcome is not None and outcome not in OUTCOMES:
        raise ValueError(f"outcome={outcome!r}: expected one of {', '.join(OUTCOMES)}")


def parse_order_by(order_by: str) -> tuple[str, bool]:
    """(field, descending) from "date" / "-date"; a ValueError lists the accepted values."""
    if order_by not in ORDER_BY:
        raise ValueError(f"order_by={order_by!r}: expected one of {', '.join(ORDER_BY)}")
    return order_by.lstrip("-"), order_by.startswith("-")


def check_paging(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise ValueError(f"limit={limit}: expected a count >= 0 or None")
    if offset < 0:
        raise ValueError(f"offset={offset}: expected >= 0")


def event_record(head: dict[str, Any], *, event_id: str, doc_ids: list[str],
                 n_mentions: int, merge_reason: str | None) -> dict[str, Any]:
    """Event.to_record() from the head mention's record; a lone mention merged nothing,
    so its merge_reason is None."""
    rec = {k: v for k, v in head.items() if k != "event_id"}
    rec["event_id"] = event_id
    rec["doc_ids"] = sorted(doc_ids)
    rec["n_mentions"] = n_mentions
    rec["merge_reason"] = merge_reason if n_mentions > 1 else None
    return rec


def _eq(want: str | None, have: Any) -> bool:
    return want is None or (have is not None and str(have).lower() == want.lower())


def _contains(want: str | None, *have: Any) -> bool:
    if want is None:
        return True
    w = want.lower()
    return any(h is not None and w in str(h).lower() for h in have)


def in_bbox(bbox: tuple[float, float, float, float], lon: float | None,
            lat: float | None) -> bool:
    if lon is None or lat is None:
        return False
    min_lon, min_lat, max_lon, max_lat = bbox
    if not min_lat <= lat <= max_lat:
        return False
    if min_lon <= max_lon:
        return min_lon <= lon <= max_lon
    return lon >= min_lon or lon <= max_lon  # crosses the antimeridian


def matches(f: EventFilter, rec: dict[str, Any]) -> bool:
    """The Python reading of EventFilter over an event record (DuckDBStore does it in SQL)."""
    if not (_eq(f.event_type, rec.get("event_type"))
            and _eq(f.sub_event_type, rec.get("sub_event_type"))
            and _eq(f.country, rec.get("country"))
            and _eq(f.admin1, rec.get("admin1"))
            and _contains(f.actor, rec.get("actor1"), rec.get("actor2"))
            and _contains(f.claimed_by, rec.get("claimed_by"))
            and _contains(f.text, (rec.get("evidence") or {}).get("text"))):
        return False
    if f.date_from is not None or f.date_to is not None:
        if rec.get("date") is None:
            return False
        day = dt.date.fromisoformat(rec["date"])
        if f.date_from is not None and day < f.date_from:
            return False
        if f.date_to is not None and day > f.date_to:
            return False
    return f.bbox is None or in_bbox(f.bbox, rec.get("longitude"), rec.get("latitude"))


def ranked(counter: Counter[str]) -> dict[str, int]:
    """Most frequent first, then by name: stable output for stats()."""
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


# -- exploration (ExploreStore): shared so both backends answer alike ---------------------
def article_record(row: dict[str, Any]) -> dict[str, Any]:
    """What articles() returns: public_document() plus the article's text."""
    return {**public_document(row), "text": row["text"]}


def summarize(recs: list[dict[str, Any]], *, top: int) -> dict[str, Any]:
    """The Python reading of ExploreStore.summary() over event records."""
    if top < 1:
        raise ValueError(f"top={top}: expected a count >= 1")
    days: Counter[str] = Counter(r["date"] for r in recs if r.get("date") is not None)
    actors: Counter[str] = Counter()
    for r in recs:
        actors.update({a for a in (r.get("actor1"), r.get("actor2")) if a is not None})
    dates = sorted(days)

    def top_of(key: str) -> dict[str, int]:
        return dict(list(ranked(Counter(r.get(key) or UNKNOWN for r in recs)).items())[:top])

    return {
        "events": len(recs),
        "undated": sum(1 for r in recs if r.get("date") is None),
        "fatalities": sum(r.get("fatalities") or 0 for r in recs),
        "date_range": {"min": dates[0] if dates else None, "max": dates[-1] if dates else None},
        "by_day": dict(sorted(days.items())),
        "by_event_type": top_of("event_type"),
        "by_sub_event_type": top_of("sub_event_type"),
        "by_country": top_of("country"),
        "by_admin1": top_of("admin1"),
        "by_actor": dict(list(ranked(actors).items())[:top]),
    }


def point_of(rec: dict[str, Any]) -> tuple[str, float, float, str | None, str | None] | None:
    """(event_id, latitude, longitude, event_type, date) of a record with coordinates."""
    lat, lon = rec.get("latitude"), rec.get("longitude")
    if lat is None or lon is None:
        return None
    return (rec["event_id"], float(lat), float(lon), rec.get("event_type"), rec.get("date"))
