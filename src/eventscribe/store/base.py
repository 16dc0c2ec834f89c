"""The event store contract: what every backend (DuckDB, in-memory) reads and writes.

A store keeps three things: the documents it was given (every one, whatever became of it),
the mentions found in them, and the events those mentions report. An event's id is
:func:`eventscribe.dedup.event_id` of its mentions, a content hash, so re-loading the same
results adds nothing and a mention from a second article joins the event it shares a key with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, Protocol, runtime_checkable

from ..types import DocResult

__all__ = ["ORDER_BY", "EventFilter", "EventStore", "ExploreStore", "Point", "RunCounts"]

#: Accepted values of ``order_by`` in :meth:`EventStore.events`; a leading "-" sorts
#: descending. Unknown values (nulls) always sort last; ties are broken by event id.
ORDER_BY: tuple[str, ...] = (
    "date", "-date", "confidence", "-confidence", "n_mentions", "-n_mentions",
    "fatalities", "-fatalities", "event_type", "-event_type", "country", "-country", "id",
)


@dataclass(slots=True)
class RunCounts:
    """What one :meth:`EventStore.add_results` call did.

    ``documents`` counts every result given (by outcome in the next three fields), so the
    input is always accounted for; ``*_added`` count only new rows (0 on a re-load), so
    ``documents - documents_added`` documents were already stored (same id, same text).
    """

    documents: int = 0
    with_events: int = 0
    no_event: int = 0
    errors: int = 0
    mentions_added: int = 0
    events_added: int = 0
    documents_added: int = 0  # new document rows; the rest of ``documents`` were stored before

    def count(self, result: DocResult) -> None:
        """Account for one document by its outcome."""
        self.documents += 1
        if result.outcome == "events":
            self.with_events += 1
        elif result.outcome == "no_event":
            self.no_event += 1
        else:
            self.errors += 1

    def __iadd__(self, other: RunCounts) -> RunCounts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def _as_date(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"EventFilter.{name}={value!r}: expected a date as YYYY-MM-DD") from None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return; every field given must match (None matches anything).

    Matching is on the event's head mention. ``event_type``, ``sub_event_type``, ``country``
    and ``admin1`` compare equal ignoring case; ``actor`` (actor1 or actor2), ``claimed_by``
    and ``text`` (the evidence sentence) are case-insensitive substrings. ``date_from`` and
    ``date_to`` are inclusive (dates or YYYY-MM-DD); an undated event fails a date bound.
    ``bbox`` is (min_lon, min_lat, max_lon, max_lat), edges inclusive; min_lon > max_lon
    means the box crosses the antimeridian.
    """

    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    claimed_by: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        # Frozen, so normalise through object.__setattr__: callers may pass ISO strings.
        object.__setattr__(self, "date_from", _as_date(self.date_from, "date_from"))
        object.__setattr__(self, "date_to", _as_date(self.date_to, "date_to"))
        if self.bbox is not None:
            if len(self.bbox) != 4:
                raise ValueError(f"EventFilter.bbox={self.bbox!r}: expected "
                                 "(min_lon, min_lat, max_lon, max_lat)")
            box = tuple(float(v) for v in self.bbox)
            if box[1] > box[3]:
                raise ValueError(f"EventFilter.bbox={self.bbox!r}: min_lat is above max_lat")
            object.__setattr__(self, "bbox", box)


@runtime_checkable
class EventStore(Protocol):
    """Where runs, documents, mentions and events are kept (see DuckDBStore, MemoryStore)."""

    def start_run(self, *, inputs: list[str], version: str, settings: dict[str, Any]) -> str:
        """Record the start of a run and return its id."""
        ...

    def add_results(self, run_id: str, results: Iterable[DocResult]) -> RunCounts:
        """Store documents with their mentions; idempotent on content-hash ids."""
        ...

    def finish_run(self, run_id: str) -> None:
        """Mark a run finished."""
        ...

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """{id: content hash} of the stored documents among ``ids`` (unknown ids left out)."""
        ...

    def events(
        self,
        *,
        filters: EventFilter | None = None,
        limit: int | None = None,
        offset: int = 0,
        order_by: str = "date",
    ) -> list[dict[str, Any]]:
        """Event records: the head mention's record + event_id, doc_ids, n_mentions and
        merge_reason (None for a lone mention)."""
        ...

    def mentions(
        self, *, doc_id: str | None = None, event_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Mention records (EventMention.to_record()) + event_id."""
        ...

    def documents(self, *, outcome: str | None = None) -> list[dict[str, Any]]:
        """One dict per input document: id, origin, title, published, source, outcome,
        n_events, error, run_id."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts: events, mentions, documents, runs, by_event_type, by_country, by_outcome,
        date_range {"min", "max"}."""
        ...

    def close(self) -> None:
        """Release the backend."""
        ...


#: One event on the map: (event_id, latitude, longitude, event_type, date as YYYY-MM-DD).
Point = tuple[str, float, float, str | None, str | None]


@runtime_checkable
class ExploreStore(EventStore, Protocol):
    """An EventStore that also answers the explorer's questions (``eventscribe serve``).

    Every method reads; filters mean what they mean in :meth:`EventStore.events`.
    """

    def count_events(self, *, filters: EventFilter | None = None) -> int:
        """How many events match (the total behind a page of ``events()``)."""
        ...

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record as ``events()`` gives it, or None when there is no such id."""
        ...

    def articles(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The stored documents with these ids (unknown ids skipped), in ``ids`` order, each as
        ``documents()`` gives it plus ``text``."""
        ...

    def summary(self, *, filters: EventFilter | None = None, top: int = 20) -> dict[str, Any]:
        """Counts over the matching events: events, undated, fatalities (sum), date_range,
        by_day (date order), and the ``top`` most frequent by_event_type, by_sub_event_type,
        by_country, by_admin1 (None as "unknown") and by_actor (actor1 or actor2, an event
        counted once per actor)."""
        ...

    def points(self, *, filters: EventFilter | None = None, limit: int | None = None
               ) -> list[Point]:
        """Matching events with coordinates, most recent first (undated last, then by id)."""
        ...
