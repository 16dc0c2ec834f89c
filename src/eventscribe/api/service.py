"""What the HTTP API does, as a library: reads over an ExploreStore, and extraction.

The routes in :mod:`eventscribe.api.app` only parse the request and call one method here,
so everything the server answers can be tested (and reused) without HTTP.

The server answers requests from a thread pool. A DuckDB file store opens a read-only
connection per request (:meth:`DuckDBStore.session`) and is safe across threads, so requests
run side by side and the file stays free for other processes between them; a store with one
connection (":memory:", MemoryStore) is used under one lock.
"""

from __future__ import annotations

import datetime as dt
import hmac
import io
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any, Protocol

from .. import __version__
from ..dedup import group_events
from ..errors import EventscribeError
from ..export import write_records
from ..ingest.guard import DocIds, clean_text
from ..store.base import EventFilter, ExploreStore, RunCounts
from ..types import Article, DocResult

__all__ = [
    "BBOX",
    "AuthError",
    "Explorer",
    "ExtractResult",
    "Extractor",
    "PipelineLike",
    "RequestError",
    "parse_bbox",
]


class RequestError(EventscribeError):
    """A request the API cannot answer as asked; ``status`` is the HTTP status to send."""

    def __init__(self, message: str, *, status: int = 422) -> None:
        self.status = status
        super().__init__(message)


class AuthError(RequestError):
    """Writing was asked for without the right token (401) or is disabled (403)."""


_LON = r"-?(?:180(?:\.0+)?|(?:1[0-7]\d|[1-9]?\d)(?:\.\d+)?)"
_LAT = r"-?(?:90(?:\.0+)?|[1-8]?\d(?:\.\d+)?)"
#: A bbox as the OpenAPI document states it: four plain decimals within their ranges.
BBOX = rf"^(?:{_LON},{_LAT},{_LON},{_LAT})?$"  # empty: any place
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``"min_lon,min_lat,max_lon,max_lat"`` as floats; RequestError says what is wrong."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    box = tuple(float(p) for p in parts) if all(_NUMBER.fullmatch(p) for p in parts) else ()
    if len(box) == 4 and not re.fullmatch(BBOX, value):
        box = (999.0,) * 4  # numbers, but out of range or oddly written: the range message
    if len(box) != 4:
        raise RequestError(f"bbox={value!r}: expected four numbers min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = box
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90 and -180 <= min_lon <= 180
            and -180 <= max_lon <= 180):
        raise RequestError(f"bbox={value!r}: longitudes must be within -180..180 and "
                           "latitudes within -90..90")
    return min_lon, min_lat, max_lon, max_lat


class Explorer:
    """Read-only questions the map page asks, answered from ``store`` under one lock."""

    def __init__(self, store: ExploreStore) -> None:
        self.store = store
        self.lock = threading.Lock()
        # A file store opens a connection per session and may be read from many threads.
        self._shared = callable(getattr(store, "session", None)) and getattr(store, "path", ":memory:") != ":memory:"

    @contextmanager
    def reading(self) -> Iterator[ExploreStore]:
        """The store for one request's reads: one connection (file), or the lock (memory)."""
        if self._shared:
            with self.store.session():  # type: ignore[attr-defined]
                yield self.store
        else:
            with self.lock:
                yield self.store

    def writing(self) -> Any:
        """Around a write: nothing for a file store (it locks per batch), else the lock."""
        return nullcontext() if self._shared else self.lock

    def page(self, filters: EventFilter, *, limit: int, offset: int, order_by: str
             ) -> tuple[int, list[dict[str, Any]]]:
        """(total matching, one page of event records)."""
        with self.reading():
            try:
                rows = self.store.events(filters=filters, limit=limit, offset=offset,
                                         order_by=order_by)
            except ValueError as exc:  # order_by / paging: the store names the accepted values
                raise RequestError(str(exc)) from None
            # A short page that starts at 0 is the whole answer: skip the count.
            total = (len(rows) if offset == 0 and len(rows) < limit
                     else self.store.count_events(filters=filters))
        return total, rows

    def detail(self, event_id: str) -> dict[str, Any]:
        """The event, its mentions (evidence spans, claimants) and the articles they are in."""
        with self.reading():
            event = self.store.event(event_id)
            if event is None:
                raise RequestError(f"no event {event_id!r}; ids come from /api/events",
                                   status=404)
            mentions = self.store.mentions(event_id=event_id)
            articles = self.store.articles(m["doc_id"] for m in mentions)
        return {"event": event, "mentions": mentions, "articles": articles}

    def summary(self, filters: EventFilter, *, top: int) -> dict[str, Any]:
        with self.reading():
            return self.store.summary(filters=filters, top=top)

    def points(self, filters: EventFilter, *, limit: int) -> dict[str, Any]:
        """Map markers as compact rows [id, lat, lon, type index, date] (most recent first)."""
        with self.reading():
            pts = self.store.points(filters=filters, limit=limit + 1)
            truncated = len(pts) > limit
            total = self.store.count_events(filters=filters) if truncated else None
        types: dict[str | None, int] = {}
        rows = [[eid, round(lat, 5), round(lon, 5), types.setdefault(etype, len(types)), day]
                for eid, lat, lon, etype, day in pts[:limit]]
        return {"returned": len(rows), "truncated": truncated, "total": total,
                "types": list(types), "points": rows}


def render(records: list[dict[str, Any]], fmt: str) -> str:
    """Records as GeoJSON or CSV text (the export module's formats)."""
    buf = io.StringIO()
    write_records(records, fmt, buf)  # type: ignore[arg-type]
    return buf.getvalue()


class PipelineLike(Protocol):
    """What Extractor needs of a pipeline: Articles in, DocResults out (Pipeline, or a double)."""

    def pipe(self, items: Iterable[Article]) -> Iterable[DocResult]: ...


@dataclass(frozen=True, slots=True)
class ExtractResult:
    doc_id: str
    events: list[dict[str, Any]]
    stored: RunCounts | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "n_events": len(self.events),
            "events": self.events,
            "stored": None if self.stored is None else {
                "mentions_added": self.stored.mentions_added,
                "events_added": self.stored.events_added,
            },
        }


class Extractor:
    """Text in, events out; stores them only for a caller holding ``token``.

    ``pipeline_factory`` is called once, at the first request (loading the model takes
    seconds); pipeline runs are serialised because spaCy pipelines are not thread-safe.
    """

    def __init__(self, explorer: Explorer, *, pipeline_factory: Callable[[], PipelineLike],
                 token: str | None, max_chars: int) -> None:
        self._explorer = explorer
        self._factory = pipeline_factory
        self._pipeline: PipelineLike | None = None
        self._lock = threading.Lock()
        self.token = token or None
        self.max_chars = max_chars

    @property
    def write_enabled(self) -> bool:
        return self.token is not None

    def authorize(self, authorization: str | None) -> None:
        """Check an ``Authorization: Bearer <token>`` header before a write."""
        if self.token is None:
            raise AuthError("writing to the database is disabled on this server; start it with "
                            "--token (or EVENTSCRIBE_API_TOKEN) to allow store=true", status=403)
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                                 self.token.encode()):
            raise AuthError("store=true needs the header 'Authorization: Bearer <token>' with "
                            "the server's token", status=401)

    def check_text(self, text: str) -> None:
        if not text.strip():
            raise RequestError("text is empty: send the article's text")
        if len(text) > self.max_chars:
            raise RequestError(f"text has {len(text):,} characters; this server accepts at most "
                               f"{self.max_chars:,} (split the article)", status=413)

    def extract(self, text: str, *, published: dt.date | None = None, doc_id: str | None = None,
                title: str | None = None, source: str | None = None, store: bool = False
                ) -> ExtractResult:
        """Run the pipeline on one text; with ``store`` (authorised first) add it to the store."""
        self.check_text(text)
        text = clean_text(text)  # the guarded read's repairs, as for files
        article = Article.from_text(text, doc_id=doc_id, published=published, title=title,
                                    source=source, origin=f"api:{doc_id or 'text'}")
        if store:  # a doc_id stored before for another text gets a content-hash suffix
            with self._explorer.writing():
                ids = DocIds(known=getattr(self._explorer.store, "content_hashes", None))
                article, _ = ids.claim(article)
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            result = next(iter(self._pipeline.pipe([article])))
        if result.error:
            raise RequestError(result.error)
        stored = None
        if store:
            stored = self._store(result)
        events = [e.to_record() for e in group_events(result.mentions)]
        return ExtractResult(doc_id=article.id, events=events, stored=stored)

    def _store(self, result: DocResult) -> RunCounts:
        s = self._explorer.store
        with self._explorer.writing():
            run = s.start_run(inputs=[result.origin], version=__version__,
                              settings={"via": "api"})
            counts = s.add_results(run, [result])
            s.finish_run(run)
        return counts
