"""MemoryStore: the EventStore contract in plain dicts, for tests of the stages around it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict
from typing import Any

from ..dedup import event_id as _event_id
from ..dedup import merge_reason as _merge_reason
from ..errors import StoreError
from ..types import DocResult
from . import _common as c
from .base import EventFilter, RunCounts

__all__ = ["MemoryStore"]


class MemoryStore:
    """An in-memory EventStore with the same semantics as DuckDBStore (nothing persists).

    ``clock`` (default: UTC now) stamps runs, so tests can fix time.
    """

    def __init__(self, *, clock: Callable[[], dt.datetime] | None = None) -> None:
        self._clock = clock or c.utcnow
        self._runs: dict[str, dict[str, Any]] = {}
        self._docs: dict[str, dict[str, Any]] = {}
        # mention id -> (record, event id, raw confidence, merge reason)
        self._mentions: dict[str, tuple[dict[str, Any], str, float, str]] = {}
        self._events: dict[str, list[str]] = {}  # event id -> mention ids
        self._closed = False

    # -- writing ---------------------------------------------------------------------------
    def start_run(self, *, inputs: list[str], version: str, settings: dict[str, Any]) -> str:
        self._check_open()
        now = self._clock()
        run_id = c.new_run_id(now)
        self._runs[run_id] = {
            "id": run_id, "started_at": now, "finished_at": None, "version": version,
            "inputs": list(inputs), "settings": dict(settings), **asdict(RunCounts()),
        }
        return run_id

    def add_results(self, run_id: str, results: Iterable[DocResult]) -> RunCounts:
        run = self._run(run_id)
        counts = RunCounts()
        for result in results:
            counts.count(result)
            row = c.document_row(result, run_id)
            if row["id"] not in self._docs:
                self._docs[row["id"]] = row
                counts.documents_added += 1
            for m in result.mentions:
                mid = m.id
                if mid in self._mentions:
                    continue
                eid = _event_id(m)
                self._mentions[mid] = (m.to_record(), eid, m.confidence, _merge_reason(m))
                counts.mentions_added += 1
                if eid not in self._events:
                    self._events[eid] = []
                    counts.events_added += 1
                self._events[eid].append(mid)
        for key, value in asdict(counts).items():
            run[key] += value
        return counts

    def finish_run(self, run_id: str) -> None:
        self._run(run_id)["finished_at"] = self._clock()

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        self._check_open()
        return {i: self._docs[i]["content_hash"] for i in dict.fromkeys(ids)
                if i in self._docs and self._docs[i]["content_hash"] is not None}

    # -- reading ---------------------------------------------------------------------------
    def _event_records(self) -> list[dict[str, Any]]:
        out = []
        for eid, mids in self._events.items():
            head_id = min(mids, key=lambda mid: (-self._mentions[mid][2], mid))
            head, _, _, reason = self._mentions[head_id]
            out.append(c.event_record(
                head, event_id=eid, doc_ids=list({self._mentions[m][0]["doc_id"] for m in mids}),
                n_mentions=len(mids), merge_reason=reason))
        return out

    def events(
        self,
        *,
        filters: EventFilter | None = None,
        limit: int | None = None,
        offset: int = 0,
        order_by: str = "date",
    ) -> list[dict[str, Any]]:
        self._check_open()
        key, desc = c.parse_order_by(order_by)
        c.check_paging(limit, offset)
        recs = [r for r in self._event_records() if filters is None or c.matches(filters, r)]
        field = "event_id" if key == "id" else key
        recs.sort(key=lambda r: r["event_id"])
        known = [r for r in recs if r.get(field) is not None]
        unknown = [r for r in recs if r.get(field) is None]
        known.sort(key=lambda r: r[field], reverse=desc)  # stable: ties stay in id order
        recs = known + unknown
        end = None if limit is None else offset + limit
        return recs[offset:end]

    def mentions(
        self, *, doc_id: str | None = None, event_id: str | None = None
    ) -> list[dict[str, Any]]:
        self._check_open()
        out = []
        for rec, eid, _, _ in self._mentions.values():
            if (doc_id in (None, rec["doc_id"])) and (event_id in (None, eid)):
                out.append({**rec, "event_id": eid})
        out.sort(key=lambda r: (r["doc_id"], r["evidence"]["start"], r["mention_id"]))
        return out

    def documents(self, *, outcome: str | None = None) -> list[dict[str, Any]]:
        self._check_open()
        c.check_outcome(outcome)
        return [c.public_document(row) for row in self._docs.values()
                if outcome is None or row["outcome"] == outcome]

    def stats(self) -> dict[str, Any]:
        self._check_open()
        recs = self._event_records()
        dates = sorted(r["date"] for r in recs if r["date"] is not None)
        return {
            "events": len(recs),
            "mentions": len(self._mentions),
            "documents": len(self._docs),
            "runs": len(self._runs),
            "by_event_type": c.ranked(Counter(r["event_type"] or c.UNKNOWN for r in recs)),
            "by_country": c.ranked(Counter(r["country"] or c.UNKNOWN for r in recs)),
            "by_outcome": c.ranked(Counter(d["outcome"] for d in self._docs.values())),
            "date_range": {"min": dates[0] if dates else None,
                           "max": dates[-1] if dates else None},
        }

    # -- exploring (ExploreStore) -----------------------------------------------------------
    def count_events(self, *, filters: EventFilter | None = None) -> int:
        return len(self.events(filters=filters))

    def event(self, event_id: str) -> dict[str, Any] | None:
        self._check_open()
        return next((r for r in self._event_records() if r["event_id"] == event_id), None)

    def articles(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        self._check_open()
        return [c.article_record(self._docs[i]) for i in dict.fromkeys(ids) if i in self._docs]

    def summary(self, *, filters: EventFilter | None = None, top: int = 20) -> dict[str, Any]:
        return c.summarize(self.events(filters=filters), top=top)

    def points(self, *, filters: EventFilter | None = None, limit: int | None = None
               ) -> list[tuple[str, float, float, str | None, str | None]]:
        c.check_paging(limit, 0)
        pts = [p for r in self.events(filters=filters, order_by="-date")
               if (p := c.point_of(r)) is not None]
        return pts if limit is None else pts[:limit]

    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers ---------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("memory://: the store is closed; open a new one")

    def _run(self, run_id: str) -> dict[str, Any]:
        self._check_open()
        try:
            return self._runs[run_id]
        except KeyError:
            raise StoreError(f"memory://: no run {run_id!r}; call start_run() first") from None
