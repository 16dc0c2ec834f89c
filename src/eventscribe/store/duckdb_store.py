"""DuckDBStore: the EventStore contract in one DuckDB file (or in memory).

Tables: ``schema_migrations`` (the migrations applied), ``runs``, ``articles`` (every input
document, whatever its outcome), ``mentions`` (one row per EventMention, its record as
columns and as JSON) and ``events`` (one row per dedup.event_id, denormalised from its
head mention for fast filtering). Rows are keyed by content hashes and inserted with
ON CONFLICT DO NOTHING, so re-loading the same results adds nothing. Schema and SQL are in
:mod:`eventscribe.store._duckdb_sql`.

A file is never held open: each read opens a read-only connection and each batch written a
read-write one (see :mod:`eventscribe.store._duckdb_conn`), so ``eventscribe serve`` and
``extract``/``export``/``stats`` in other processes share the file, each waiting at most a
batch's write for the lock.

Rows go in column-wise (one ``unnest(?)`` per column): DuckDB's executemany prepares and runs
one statement per row (~3 ms each), which would make 10,000 mentions take half a minute.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from ..ingest.guard import printable
from ..types import Article, DocResult
from . import _common as c
from ._duckdb_conn import BusyError, Connector
from ._duckdb_sql import (
    ARTICLE_COLUMNS,
    MENTION_COLUMNS,
    MIGRATIONS,
    ORDER_COLUMNS,
    UPSERT_EVENTS,
    batches,
    columns,
    insert_sql,
    mention_row,
    where_sql,
)
from .base import EventFilter, RunCounts

__all__ = ["MIGRATIONS", "DuckDBStore"]


class DuckDBStore:
    """An EventStore in DuckDB. ``path`` is a file (created with its tables) or ":memory:".

    ``batch_size`` documents go in per transaction; ``clock`` (default UTC now) stamps runs
    and migrations; ``busy_timeout`` is how long (seconds) an open waits while another
    process writes. A file store opens a connection per call (or per :meth:`session`) and is
    safe to share across threads; a ":memory:" store keeps one connection, so share it across
    threads only with your own lock.
    """

    def __init__(
        self,
        path: str | Path = ":memory:",
        *,
        batch_size: int = 1000,
        clock: Callable[[], dt.datetime] | None = None,
        busy_timeout: float = 30.0,
    ) -> None:
        self.path = str(path)
        self._batch_size = batch_size
        self._clock = clock or c.utcnow
        self._closed = False
        self._db = Connector(self.path, busy_timeout=busy_timeout)
        self._migrate()

    # -- plumbing --------------------------------------------------------------------------
    @contextmanager
    def _errors(self, doing: str, *, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection (read-only, or read-write in a transaction) with DuckDB's errors as
        StoreError naming the database and what was being done."""
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed; open it again")
        try:
            with (self._db.write() if write else self._db.read()) as con:
                yield con
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: {doing} failed: {e}") from e

    def _transaction(self, doing: str) -> Any:
        return self._errors(doing, write=True)

    @contextmanager
    def session(self) -> Iterator[DuckDBStore]:
        """Read through one connection inside the block (an API request's several queries)."""
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed; open it again")
        with self._db.session():
            yield self

    @property
    def connections_opened(self) -> int:
        """Connections opened so far (a file store opens one per call or session)."""
        return self._db.opens

    def _migrate(self) -> None:
        def applied(con: duckdb.DuckDBPyConnection) -> set[int]:
            found = con.execute("SELECT count(*) FROM information_schema.tables "
                                "WHERE table_name = 'schema_migrations'").fetchone()
            if not found or not found[0]:
                return set()
            return {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}

        wanted = {v for v, _, _ in MIGRATIONS}
        if not self._db.memory and Path(self.path).exists():
            with self._errors("reading the schema version") as con:
                if wanted <= applied(con):
                    return  # up to date: no write lock needed
        with self._transaction("migrating the schema") as con:
            con.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        "version INTEGER PRIMARY KEY, description VARCHAR, "
                        "applied_at TIMESTAMP NOT NULL)")
            done = applied(con)
            for version, description, steps in MIGRATIONS:
                if version in done:
                    continue
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
        with self._transaction("starting a run") as con:
            con.execute(
                "INSERT INTO runs (id, started_at, version, inputs, settings) VALUES (?,?,?,?,?)",
                # printable: a file name that is not UTF-8 (a lone surrogate) stays storable
                [run_id, now, version, json.dumps([printable(str(i)) for i in inputs], ensure_ascii=False),
                 json.dumps(settings, ensure_ascii=False, default=str, sort_keys=True)])
        return run_id

    def add_results(self, run_id: str, results: Iterable[DocResult]) -> RunCounts:
        """Store results ``batch_size`` at a time, one transaction (and one lock) per batch.

        A batch DuckDB refuses (a value it cannot store) is stored again document by
        document; a document still refused is stored as an error with the reason.
        """
        with self._errors("checking the run") as con:
            self._require_run(con, run_id)
        total = RunCounts()
        for batch in batches(results, self._batch_size):
            try:
                total += self._add_batch(run_id, batch)
            except BusyError:
                raise
            except StoreError:
                if len(batch) == 1:
                    total += self._add_batch(run_id, [_unstorable(batch[0])])
                    continue
                for one in batch:
                    try:
                        total += self._add_batch(run_id, [one])
                    except BusyError:
                        raise
                    except StoreError:
                        total += self._add_batch(run_id, [_unstorable(one)])
        return total

    def _add_batch(self, run_id: str, batch: list[DocResult]) -> RunCounts:
        counts = RunCounts()
        docs: dict[str, tuple[Any, ...]] = {}
        mentions: dict[str, tuple[Any, ...]] = {}
        for result in batch:
            counts.count(result)
            row = c.document_row(result, run_id)
            row["seq"] = len(docs)  # offset by the table's max below: documents() keeps input order
            docs.setdefault(row["id"], tuple(row[name] for name, _ in ARTICLE_COLUMNS))
            for m in result.mentions:
                mid = m.id
                if mid not in mentions:
                    mentions[mid] = mention_row(m, run_id)
        with self._transaction(f"storing {len(batch)} documents") as con:
            self._require_run(con, run_id)
            (base,), = con.execute("SELECT coalesce(max(seq) + 1, 0) FROM articles").fetchall()
            article_cols = columns(list(docs.values()), len(ARTICLE_COLUMNS))
            article_cols[-1] = [base + i for i in article_cols[-1]]
            added_docs = con.execute(insert_sql("articles", ARTICLE_COLUMNS, returning="id"),
                                     article_cols).fetchall()
            counts.documents_added = len(added_docs)
            if mentions:
                added = con.execute(
                    insert_sql("mentions", MENTION_COLUMNS, returning="event_id"),
                    columns(list(mentions.values()), len(MENTION_COLUMNS))).fetchall()
                counts.mentions_added = len(added)
                touched = sorted({eid for (eid,) in added})
                if touched:
                    row = con.execute("SELECT count(*) FROM events WHERE id IN "
                                      "(SELECT unnest(?::VARCHAR[]))", [touched]).fetchone()
                    counts.events_added = len(touched) - (row[0] if row else 0)
                    con.execute(UPSERT_EVENTS, {"ids": touched})
            sets = ", ".join(f"{f.name} = {f.name} + ?" for f in fields(RunCounts))
            con.execute(f"UPDATE runs SET {sets} WHERE id = ?",
                        [*asdict(counts).values(), run_id])
        return counts

    def finish_run(self, run_id: str) -> None:
        with self._transaction("finishing the run") as con:
            self._require_run(con, run_id)
            con.execute("UPDATE runs SET finished_at = ? WHERE id = ?", [self._clock(), run_id])

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The content hash of each stored document among ``ids`` (for :class:`DocIds`)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        with self._errors("reading document hashes") as con:
            rows = con.execute("SELECT id, content_hash FROM articles WHERE content_hash IS NOT NULL "
                               "AND id IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
        return dict(rows)

    # -- reading ---------------------------------------------------------------------------
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
        where, params = where_sql(filters)
        order = f"{ORDER_COLUMNS[key]} {'DESC' if desc else 'ASC'} NULLS LAST, e.id"
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
        names = [name for name, _ in ARTICLE_COLUMNS]
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
        where, params = where_sql(f)
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
        names = [name for name, _ in ARTICLE_COLUMNS]
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
                self._db.close()
            except duckdb.Error as e:
                raise StoreError(f"{self.path}: closing failed: {e}") from e

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DuckDBStore({self.path!r})"


def _unstorable(result: DocResult) -> DocResult:
    """The result as an error document: DuckDB refused its text or one of its values."""
    origin = printable(result.origin)
    why = f"{origin}: could not be stored (a value the database refuses, such as a lone surrogate)"
    article = (Article(id=printable(result.article.id), text="", origin=origin)
               if result.article is not None else None)
    return DocResult(article=article, origin=origin, error=why)
