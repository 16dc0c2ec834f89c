"""DuckDBStore: the EventStore contract in one DuckDB file (or in memory).

Tables: ``schema_migrations`` (the migrations applied), ``runs``, ``articles`` (every input
document, whatever its outcome), ``mentions`` (one row per EventMention, its record as
columns and as JSON) and ``events`` (one row per dedup.event_id, denormalised from its
head mention for fast filtering). Rows are keyed by content hashes and inserted with
ON CONFLICT DO NOTHING, so re-loading the same results adds nothing.

Rows go in column-wise (one ``unnest(?)`` per column): DuckDB's executemany prepares and runs
one statement per row (~3 ms each), which would make 10,000 mentions take half a minute.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, fields
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb

from ..dedup import event_id as _event_id
from ..dedup import merge_reason as _merge_reason
from ..errors import StoreError
from ..types import DocResult, EventMention
from . import _common as c
from .base import EventFilter, RunCounts

__all__ = ["MIGRATIONS", "DuckDBStore"]

_EVENT_HEAD_COLUMNS = (
    "event_type", "sub_event_type", "date", "actor1", "actor2", "location", "admin1",
    "country", "latitude", "longitude", "geo_precision", "fatalities", "claimed_by",
)

#: Ordered schema migrations: (version, description, SQL steps). Each is applied once, in
#: its own transaction, and recorded in schema_migrations. Append; never edit a shipped one.
MIGRATIONS: list[tuple[int, str, tuple[str, ...]]] = [
    (1, "runs, articles, mentions, events", (
        """CREATE TABLE runs (
            id VARCHAR PRIMARY KEY, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
            version VARCHAR, inputs JSON, settings JSON,
            documents BIGINT DEFAULT 0, with_events BIGINT DEFAULT 0, no_event BIGINT DEFAULT 0,
            errors BIGINT DEFAULT 0, mentions_added BIGINT DEFAULT 0,
            events_added BIGINT DEFAULT 0)""",
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, text VARCHAR, title VARCHAR, published DATE,
            source VARCHAR, origin VARCHAR, outcome VARCHAR NOT NULL, n_events INTEGER,
            error VARCHAR, run_id VARCHAR, content_hash VARCHAR,
            seq BIGINT NOT NULL)""",
        """CREATE TABLE mentions (
            id VARCHAR PRIMARY KEY, event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
            run_id VARCHAR, event_type VARCHAR, sub_event_type VARCHAR, date DATE,
            time_precision INTEGER, actor1 VARCHAR, actor2 VARCHAR, location VARCHAR,
            admin1 VARCHAR, country VARCHAR, latitude DOUBLE, longitude DOUBLE,
            geo_precision INTEGER, fatalities INTEGER, weapons VARCHAR[], claimed_by VARCHAR,
            evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
            confidence DOUBLE, aggregate BOOLEAN, merge_reason VARCHAR, provenance JSON,
            record JSON NOT NULL)""",
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY, head_mention_id VARCHAR NOT NULL,
            n_mentions INTEGER NOT NULL, doc_ids VARCHAR[], merge_reason VARCHAR,
            event_type VARCHAR, sub_event_type VARCHAR, date DATE, actor1 VARCHAR,
            actor2 VARCHAR, location VARCHAR, admin1 VARCHAR, country VARCHAR, latitude DOUBLE,
            longitude DOUBLE, geo_precision INTEGER, fatalities INTEGER, claimed_by VARCHAR,
            confidence DOUBLE)""",
        "CREATE INDEX events_date ON events (date)",
        "CREATE INDEX events_event_type ON events (event_type)",
        "CREATE INDEX events_country ON events (country)",
    )),
]

_ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"), ("text", "VARCHAR"), ("title", "VARCHAR"), ("published", "DATE"),
    ("source", "VARCHAR"), ("origin", "VARCHAR"), ("outcome", "VARCHAR"),
    ("n_events", "INTEGER"), ("error", "VARCHAR"), ("run_id", "VARCHAR"),
    ("content_hash", "VARCHAR"), ("seq", "BIGINT"),
)

_MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"), ("event_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("run_id", "VARCHAR"),
    ("event_type", "VARCHAR"), ("sub_event_type", "VARCHAR"), ("date", "DATE"),
    ("time_precision", "INTEGER"), ("actor1", "VARCHAR"), ("actor2", "VARCHAR"),
    ("location", "VARCHAR"), ("admin1", "VARCHAR"), ("country", "VARCHAR"),
    ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("geo_precision", "INTEGER"),
    ("fatalities", "INTEGER"), ("weapons", "VARCHAR[]"), ("claimed_by", "VARCHAR"),
    ("evidence_text", "VARCHAR"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
    ("confidence", "DOUBLE"), ("aggregate", "BOOLEAN"), ("merge_reason", "VARCHAR"),
    ("provenance", "VARCHAR"), ("record", "VARCHAR"),
)

_HEAD = ", ".join(f"h.{col}" for col in _EVENT_HEAD_COLUMNS)
# Recompute the events of the given ids from all their mentions: count, documents, and the
# head (most confident; ties go to the smaller mention id so the choice is load-order free).
_UPSERT_EVENTS = f"""
INSERT INTO events (id, head_mention_id, n_mentions, doc_ids, merge_reason,
                    {", ".join(_EVENT_HEAD_COLUMNS)}, confidence)
SELECT h.event_id, h.id, a.n, a.doc_ids, h.merge_reason, {_HEAD}, round(h.confidence, 3)
FROM (SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY confidence DESC, id) AS rn
      FROM mentions WHERE event_id IN (SELECT unnest($ids::VARCHAR[]))) AS h
JOIN (SELECT event_id, count(*) AS n, list(DISTINCT doc_id ORDER BY doc_id) AS doc_ids
      FROM mentions WHERE event_id IN (SELECT unnest($ids::VARCHAR[])) GROUP BY event_id) AS a
  ON a.event_id = h.event_id
WHERE h.rn = 1
ON CONFLICT (id) DO UPDATE SET
    head_mention_id = excluded.head_mention_id, n_mentions = excluded.n_mentions,
    doc_ids = excluded.doc_ids, merge_reason = excluded.merge_reason,
    {", ".join(f"{col} = excluded.{col}" for col in _EVENT_HEAD_COLUMNS)},
    confidence = excluded.confidence
"""

_ORDER_COLUMNS = {
    "date": "e.date", "confidence": "e.confidence", "n_mentions": "e.n_mentions",
    "fatalities": "e.fatalities", "event_type": "e.event_type", "country": "e.country",
    "id": "e.id",
}


def _insert_sql(table: str, columns: Sequence[tuple[str, str]], *, returning: str = "") -> str:
    """INSERT ... SELECT unnest(?::T[]), ...: one list parameter per column, zipped by DuckDB."""
    names = ", ".join(name for name, _ in columns)
    values = ", ".join(f"unnest(?::{sqltype}[])" for _, sqltype in columns)
    tail = f" RETURNING {returning}" if returning else ""
    return f"INSERT INTO {table} ({names}) SELECT {values} ON CONFLICT DO NOTHING{tail}"


def _columns(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    return [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def _mention_row(m: EventMention, run_id: str) -> tuple[Any, ...]:
    rec = m.to_record()
    p = m.place
    return (
        rec["mention_id"], _event_id(m), m.doc_id, run_id, m.event_type, m.sub_event_type,
        m.date, m.time_precision, m.actor1, m.actor2, p.name if p else None,
        p.admin1 if p else None, p.country if p else None, p.latitude if p else None,
        p.longitude if p else None, p.geo_precision if p else None, m.fatalities,
        list(m.weapons), m.claimed_by, m.evidence.text, m.evidence.start, m.evidence.end,
        m.confidence, m.aggregate, _merge_reason(m),
        json.dumps(rec["provenance"], ensure_ascii=False),
        json.dumps(rec, ensure_ascii=False),
    )


def _batches(items: Iterable[DocResult], size: int) -> Iterator[list[DocResult]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class DuckDBStore:
    """An EventStore in DuckDB. ``path`` is a file (created with its tables) or ":memory:".

    ``batch_size`` documents go in per transaction; ``clock`` (default UTC now) stamps runs
    and migrations. One connection: share a store across threads only with your own lock.
    """

    def __init__(
        self,
        path: str | Path = ":memory:",
        *,
        batch_size: int = 1000,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.path = str(path)
        self._batch_size = batch_size
        self._clock = clock or c.utcnow
        try:
            self._con = duckdb.connect(self.path)
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: cannot open the database ({e}); check that its "
                             "directory exists and no other process holds it") from e
        self._closed = False
        self._migrate()

    # -- plumbing --------------------------------------------------------------------------
    @contextmanager
    def _errors(self, doing: str) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed; open it again")
        try:
            yield self._con
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: {doing} failed: {e}") from e

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._errors(doing) as con:
            con.begin()
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()

    def _migrate(self) -> None:
        with self._errors("migrating the schema") as con:
            con.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        "version INTEGER PRIMARY KEY, description VARCHAR, "
                        "applied_at TIMESTAMP NOT NULL)")
            rows = con.execute("SELECT version FROM schema_migrations").fetchall()
            applied = {v for (v,) in rows}
        for version, description, steps in MIGRATIONS:
            if version in applied:
                continue
            with self._transaction(f"migration {version} ({description})") as con:
                for sql in steps:
                    con.execute(sql)
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                            [version, description, self._clock()])

    def migrations(self) -> list[dict[str, Any]]:
        """The applied migrations, oldest first: version, description, applied_at."""
        with self._errors("reading schema_migrations") as con:
            rows = con.execute("SELECT version, description, applied_at FROM schema_migrations "
                               "ORDER BY version").fetchall()
        return [{"version": v, "description": d, "applied_at": a} for v, d, a in rows]

    def _require_run(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        if con.execute("SELECT 1 FROM runs WHERE id = ?", [run_id]).fetchone() is None:
            raise StoreError(f"{self.path}: no run {run_id!r}; call start_run() first")

    # -- writing ---------------------------------------------------------------------------
    def start_run(self, *, inputs: list[str], version: str, settings: dict[str, Any]) -> str:
        now = self._clock()
        run_id = c.new_run_id(now)
        with self._errors("starting a run") as con:
            con.execute(
                "INSERT INTO runs (id, started_at, version, inputs, settings) VALUES (?,?,?,?,?)",
                [run_id, now, version, json.dumps(list(inputs), ensure_ascii=False),
                 json.dumps(settings, ensure_ascii=False, default=str, sort_keys=True)])
        return run_id

    def add_results(self, run_id: str, results: Iterable[DocResult]) -> RunCounts:
        with self._errors("checking the run") as con:
            self._require_run(con, run_id)
        total = RunCounts()
        for batch in _batches(results, self._batch_size):
            total += self._add_batch(run_id, batch)
        return total

    def _add_batch(self, run_id: str, batch: list[DocResult]) -> RunCounts:
        counts = RunCounts()
        docs: dict[str, tuple[Any, ...]] = {}
        mentions: dict[str, tuple[Any, ...]] = {}
        for result in batch:
            counts.count(result)
            row = c.document_row(result, run_id)
            row["seq"] = len(docs)  # offset by the table's max below: documents() keeps input order
            docs.setdefault(row["id"], tuple(row[name] for name, _ in _ARTICLE_COLUMNS))
            for m in result.mentions:
                mid = m.id
                if mid not in mentions:
                    mentions[mid] = _mention_row(m, run_id)
        with self._transaction(f"storing {len(batch)} documents") as con:
            (base,), = con.execute("SELECT coalesce(max(seq) + 1, 0) FROM articles").fetchall()
            article_cols = _columns(list(docs.values()), len(_ARTICLE_COLUMNS))
            article_cols[-1] = [base + i for i in article_cols[-1]]
            con.execute(_insert_sql("articles", _ARTICLE_COLUMNS), article_cols)
            if mentions:
                added = con.execute(
                    _insert_sql("mentions", _MENTION_COLUMNS, returning="event_id"),
                    _columns(list(mentions.values()), len(_MENTION_COLUMNS))).fetchall()
                counts.mentions_added = len(added)
                touched = sorted({eid for (eid,) in added})
                if touched:
                    row = con.execute("SELECT count(*) FROM events WHERE id IN "
                                      "(SELECT unnest(?::VARCHAR[]))", [touched]).fetchone()
                    counts.events_added = len(touched) - (row[0] if row else 0)
                    con.execute(_UPSERT_EVENTS, {"ids": touched})
            sets = ", ".join(f"{f.name} = {f.name} + ?" for f in fields(RunCounts))
            con.execute(f"UPDATE runs SET {sets} WHERE id = ?",
                        [*asdict(counts).values(), run_id])
        return counts

    def finish_run(self, run_id: str) -> None:
        with self._errors("finishing the run") as con:
            self._require_run(con, run_id)
            con.execute("UPDATE runs SET finished_at = ? WHERE id = ?", [self._clock(), run_id])

    # -- reading ---------------------------------------------------------------------------
    @staticmethod
    def _where(f: EventFilter | None) -> tuple[str, list[Any]]:
        if f is None:
            return "", []
        clauses: list[str] = []
        params: list[Any] = []
        for name in ("event_type", "sub_event_type", "country", "admin1"):
            value = getattr(f, name)
            if value is not None:
                clauses.append(f"lower(e.{name}) = lower(?)")
                params.append(value)
        if f.actor is not None:
            clauses.append("(contains(lower(e.actor1), lower(?)) "
                           "OR contains(lower(e.actor2), lower(?)))")
            params += [f.actor, f.actor]
        if f.claimed_by is not None:
            clauses.append("contains(lower(e.claimed_by), lower(?))")
            params.append(f.claimed_by)
        if f.text is not None:
            clauses.append("contains(lower(m.evidence_text), lower(?))")
            params.append(f.text)
        if f.date_from is not None:
            clauses.append("e.date >= ?")
            params.append(f.date_from)
        if f.date_to is not None:
            clauses.append("e.date <= ?")
            params.append(f.date_to)
        if f.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            clauses.append("e.latitude BETWEEN ? AND ?")
            params += [min_lat, max_lat]
            if min_lon <= max_lon:
                clauses.append("e.longitude BETWEEN ? AND ?")
            else:  # crosses the antimeridian
                clauses.append("(e.longitude >= ? OR e.longitude <= ?)")
            params += [min_lon, max_lon]
        # contains()/= on NULL is NULL, i.e. not a match: the same as the Python reading.
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def events(
        self,
        *,
        filters: EventFilter | None = None,
        limit: int | None = None,
        offset: int = 0,
        order_by: str = "date",
    ) -> list[dict[str, Any]]:
        key, desc = c.parse_order_by(order_by)
        c.check_paging(limit, offset)
        where, params = self._where(filters)
        order = f"{_ORDER_COLUMNS[key]} {'DESC' if desc else 'ASC'} NULLS LAST, e.id"
        page = " LIMIT ? OFFSET ?" if limit is not None else " OFFSET ?"
        params += [limit, offset] if limit is not None else [offset]
        sql = (f"SELECT m.record, e.id, e.doc_ids, e.n_mentions, e.merge_reason FROM events e "
               f"JOIN mentions m ON m.id = e.head_mention_id {where} ORDER BY {order}{page}")
        with self._errors("reading events") as con:
            rows = con.execute(sql, params).fetchall()
        return [c.event_record(json.loads(rec), event_id=eid, doc_ids=doc_ids,
                               n_mentions=n, merge_reason=reason)
                for rec, eid, doc_ids, n, reason in rows]

    def mentions(
        self, *, doc_id: str | None = None, event_id: str | None = None
    ) -> list[dict[str, Any]]:
        clauses, params = [], []
        if doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        if event_id is not None:
            clauses.append("event_id = ?")
            params.append(event_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self._errors("reading mentions") as con:
            rows = con.execute(f"SELECT record, event_id FROM mentions {where} "
                               "ORDER BY doc_id, evidence_start, id", params).fetchall()
        return [{**json.loads(rec), "event_id": eid} for rec, eid in rows]

    def documents(self, *, outcome: str | None = None) -> list[dict[str, Any]]:
        c.check_outcome(outcome)
        names = [name for name, _ in _ARTICLE_COLUMNS]
        where, params = ("WHERE outcome = ?", [outcome]) if outcome else ("", [])
        with self._errors("reading documents") as con:
            rows = con.execute(f"SELECT {', '.join(names)} FROM articles {where} ORDER BY seq",
                               params).fetchall()
        return [c.public_document(dict(zip(names, row, strict=True))) for row in rows]

    def stats(self) -> dict[str, Any]:
        def counts(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, int]:
            return {k: v for k, v in con.execute(sql).fetchall()}

        unknown = f"coalesce({{}}, '{c.UNKNOWN}')"
        with self._errors("computing stats") as con:
            (n_events, lo, hi), = con.execute(
                "SELECT count(*), min(date), max(date) FROM events").fetchall()
            (n_mentions,), = con.execute("SELECT count(*) FROM mentions").fetchall()
            (n_docs,), = con.execute("SELECT count(*) FROM articles").fetchall()
            (n_runs,), = con.execute("SELECT count(*) FROM runs").fetchall()
            group = ("SELECT {k} AS k, count(*) AS n FROM {t} GROUP BY k "
                     "ORDER BY n DESC, k")
            return {
                "events": n_events,
                "mentions": n_mentions,
                "documents": n_docs,
                "runs": n_runs,
                "by_event_type": counts(con, group.format(
                    k=unknown.format("event_type"), t="events")),
                "by_country": counts(con, group.format(k=unknown.format("country"), t="events")),
                "by_outcome": counts(con, group.format(k="outcome", t="articles")),
                "date_range": {"min": lo.isoformat() if lo else None,
                               "max": hi.isoformat() if hi else None},
            }

    # -- exploring (ExploreStore) -----------------------------------------------------------
    def _source(self, f: EventFilter | None, *extra: str) -> tuple[str, list[Any]]:
        """FROM ... WHERE ... for the matching events (mentions joined only for text search)."""
        where, params = self._where(f)
        clauses = [where[len("WHERE "):]] if where else []
        clauses += list(extra)
        join = (" JOIN mentions m ON m.id = e.head_mention_id"
                if f is not None and f.text is not None else "")
        cond = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return f"FROM events e{join}{cond}", params

    def count_events(self, *, filters: EventFilter | None = None) -> int:
        src, params = self._source(filters)
        with self._errors("counting events") as con:
            (n,), = con.execute(f"SELECT count(*) {src}", params).fetchall()
        return int(n)

    def event(self, event_id: str) -> dict[str, Any] | None:
        sql = ("SELECT m.record, e.id, e.doc_ids, e.n_mentions, e.merge_reason FROM events e "
               "JOIN mentions m ON m.id = e.head_mention_id WHERE e.id = ?")
        with self._errors(f"reading event {event_id}") as con:
            rows = con.execute(sql, [event_id]).fetchall()
        if not rows:
            return None
        rec, eid, doc_ids, n, reason = rows[0]
        return c.event_record(json.loads(rec), event_id=eid, doc_ids=doc_ids, n_mentions=n,
                              merge_reason=reason)

    def articles(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        wanted = list(dict.fromkeys(ids))
        names = [name for name, _ in _ARTICLE_COLUMNS]
        with self._errors("reading articles") as con:
            rows = con.execute(f"SELECT {', '.join(names)} FROM articles "
                               "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
        found = {row[0]: dict(zip(names, row, strict=True)) for row in rows}
        return [c.article_record(found[i]) for i in wanted if i in found]

    def summary(self, *, filters: EventFilter | None = None, top: int = 20) -> dict[str, Any]:
        if top < 1:
            raise ValueError(f"top={top}: expected a count >= 1")
        src, params = self._source(filters)
        dated, dparams = self._source(filters, "e.date IS NOT NULL")
        unknown = c.UNKNOWN

        def ranked(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, int]:
            sql = (f"SELECT coalesce(e.{key}, '{unknown}') AS k, count(*) AS n {src} "
                   "GROUP BY k ORDER BY n DESC, k LIMIT ?")
            return {k: n for k, n in con.execute(sql, [*params, top]).fetchall()}

        with self._errors("summarising events") as con:
            (n, undated, deaths, lo, hi), = con.execute(
                "SELECT count(*), count(*) - count(e.date), coalesce(sum(e.fatalities), 0), "
                f"min(e.date), max(e.date) {src}", params).fetchall()
            days = con.execute(f"SELECT e.date, count(*) {dated} GROUP BY 1 ORDER BY 1",
                               dparams).fetchall()
            actors = con.execute(
                f"SELECT a, count(*) AS n FROM (SELECT DISTINCT e.id, unnest([e.actor1, e.actor2]) "
                f"AS a {src}) WHERE a IS NOT NULL GROUP BY a ORDER BY n DESC, a LIMIT ?",
                [*params, top]).fetchall()
            return {
                "events": int(n),
                "undated": int(undated),
                "fatalities": int(deaths),
                "date_range": {"min": lo.isoformat() if lo else None,
                               "max": hi.isoformat() if hi else None},
                "by_day": {d.isoformat(): k for d, k in days},
                "by_event_type": ranked(con, "event_type"),
                "by_sub_event_type": ranked(con, "sub_event_type"),
                "by_country": ranked(con, "country"),
                "by_admin1": ranked(con, "admin1"),
                "by_actor": {a: k for a, k in actors},
            }

    def points(self, *, filters: EventFilter | None = None, limit: int | None = None
               ) -> list[tuple[str, float, float, str | None, str | None]]:
        c.check_paging(limit, 0)
        src, params = self._source(filters, "e.latitude IS NOT NULL", "e.longitude IS NOT NULL")
        page = " LIMIT ?" if limit is not None else ""
        sql = (f"SELECT e.id, e.latitude, e.longitude, e.event_type, strftime(e.date, '%Y-%m-%d') "
               f"{src} ORDER BY e.date DESC NULLS LAST, e.id{page}")
        with self._errors("reading map points") as con:
            rows = con.execute(sql, [*params, limit] if limit is not None else params).fetchall()
        return [(eid, float(lat), float(lon), etype, day) for eid, lat, lon, etype, day in rows]

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            try:
                self._con.close()
            except duckdb.Error as e:
                raise StoreError(f"{self.path}: closing failed: {e}") from e

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DuckDBStore({self.path!r})"
