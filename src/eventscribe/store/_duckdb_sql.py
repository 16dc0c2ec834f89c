"""DuckDBStore's schema and SQL: migrations, column lists, the event upsert, filters as SQL.

Kept apart from :mod:`eventscribe.store.duckdb_store` (the class: connections and queries) so
each stays short; nothing here touches a connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from ..dedup import event_id as _event_id
from ..dedup import merge_reason as _merge_reason
from ..types import DocResult, EventMention
from .base import EventFilter

__all__ = ["ARTICLE_COLUMNS", "MENTION_COLUMNS", "MIGRATIONS", "ORDER_COLUMNS", "UPSERT_EVENTS",
           "batches", "columns", "insert_sql", "mention_row", "where_sql"]

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
    (2, "runs count the documents they added (the rest were stored before)", (
        "ALTER TABLE runs ADD COLUMN documents_added BIGINT DEFAULT 0",
    )),
    (3, "mentions keep an aggregate claim's counts (kind -> value) and the provinces it names", (
        "ALTER TABLE mentions ADD COLUMN quantities JSON DEFAULT '{}'",
        "ALTER TABLE mentions ADD COLUMN provinces VARCHAR[] DEFAULT []",
        # records stored before have neither key; give them the empty values a new record has
        """UPDATE mentions SET record = json_merge_patch(record, '{"quantities": {}, "provinces": []}')
           WHERE json_extract(record, '$.quantities') IS NULL""",
    )),
]

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"), ("text", "VARCHAR"), ("title", "VARCHAR"), ("published", "DATE"),
    ("source", "VARCHAR"), ("origin", "VARCHAR"), ("outcome", "VARCHAR"),
    ("n_events", "INTEGER"), ("error", "VARCHAR"), ("run_id", "VARCHAR"),
    ("content_hash", "VARCHAR"), ("seq", "BIGINT"),
)

MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"), ("event_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("run_id", "VARCHAR"),
    ("event_type", "VARCHAR"), ("sub_event_type", "VARCHAR"), ("date", "DATE"),
    ("time_precision", "INTEGER"), ("actor1", "VARCHAR"), ("actor2", "VARCHAR"),
    ("location", "VARCHAR"), ("admin1", "VARCHAR"), ("country", "VARCHAR"),
    ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("geo_precision", "INTEGER"),
    ("fatalities", "INTEGER"), ("weapons", "VARCHAR[]"), ("claimed_by", "VARCHAR"),
    ("evidence_text", "VARCHAR"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
    ("confidence", "DOUBLE"), ("aggregate", "BOOLEAN"), ("merge_reason", "VARCHAR"),
    ("provenance", "VARCHAR"), ("record", "VARCHAR"), ("quantities", "VARCHAR"),
    ("provinces", "VARCHAR[]"),
)

_HEAD = ", ".join(f"h.{col}" for col in _EVENT_HEAD_COLUMNS)
# Recompute the events of the given ids from all their mentions: count, documents, and the
# head (most confident; ties go to the smaller mention id so the choice is load-order free).
UPSERT_EVENTS = f"""
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

ORDER_COLUMNS = {
    "date": "e.date", "confidence": "e.confidence", "n_mentions": "e.n_mentions",
    "fatalities": "e.fatalities", "event_type": "e.event_type", "country": "e.country",
    "id": "e.id",
}


def insert_sql(table: str, columns: Sequence[tuple[str, str]], *, returning: str = "") -> str:
    """INSERT ... SELECT unnest(?::T[]), ...: one list parameter per column, zipped by DuckDB."""
    names = ", ".join(name for name, _ in columns)
    values = ", ".join(f"unnest(?::{sqltype}[])" for _, sqltype in columns)
    tail = f" RETURNING {returning}" if returning else ""
    return f"INSERT INTO {table} ({names}) SELECT {values} ON CONFLICT DO NOTHING{tail}"


def columns(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    return [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def mention_row(m: EventMention, run_id: str) -> tuple[Any, ...]:
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
        json.dumps(rec["quantities"], ensure_ascii=False), list(m.provinces),
    )


def batches(items: Iterable[DocResult], size: int) -> Iterator[list[DocResult]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def where_sql(f: EventFilter | None) -> tuple[str, list[Any]]:
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
