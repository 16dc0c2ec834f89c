"""Typed records that flow between the pipeline's stages.

Article -> (spaCy Doc) -> EventMention -> Event -> rows.

Every extracted value keeps where it came from: a :class:`Provenance` holding the
character span in the article text and the extractor (name and version) that produced it.
Records are plain dataclasses so they pickle cheaply across process pools and Dask workers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Article",
    "DocResult",
    "Event",
    "EventMention",
    "Place",
    "Provenance",
    "Span",
    "Toponym",
    "content_hash",
]

Outcome = Literal["events", "no_event", "error"]


def content_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex id from the JSON form of ``parts`` (the key of idempotent loads)."""
    blob = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``text[start:end]`` of an article."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where one field's value came from: its span (None when inferred) and the extractor."""

    span: Span | None
    extractor: str
    version: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict() if self.span else None,
            "extractor": self.extractor,
            "version": self.version,
            "note": self.note,
        }


@dataclass(slots=True)
class Article:
    """One input document. ``origin`` says where it was read (file, file:line, stdin)."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    origin: str | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        doc_id: str | None = None,
        published: dt.date | None = None,
        title: str | None = None,
        source: str | None = None,
        origin: str | None = None,
    ) -> Article:
        """Build an article; without ``doc_id`` the id is a hash of the text (stable across runs)."""
        return cls(
            id=doc_id or content_hash(text),
            text=text,
            published=published,
            title=title,
            source=source,
            origin=origin,
        )


@dataclass(slots=True)
class Place:
    """A resolved place with ACLED's geo precision (1 the place, 2 near it, 3 region/country)."""

    name: str
    country: str | None
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int = 1
    feature: str = "PPL"  # PPL populated place, ADM1, ADM2, PCLI country
    geonameid: int | None = None
    population: int = 0


@dataclass(slots=True)
class Toponym:
    """A place name found in text, with its resolution (``place`` is None when unresolved)."""

    span: Span
    place: Place | None = None
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "start": self.span.start,
            "end": self.span.end,
            "name": self.span.text,
            "lat": p.latitude if p else None,
            "lon": p.longitude if p else None,
            "resolved_name": p.name if p else None,
            "admin1": p.admin1 if p else None,
            "country": p.country if p else None,
            "feature": p.feature if p else None,
            "geonameid": p.geonameid if p else None,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True, slots=True)
class EventMention:
    """One report of one event in one article: a claim-level record.

    ``provenance`` maps field names (``event_type``, ``actor1``, ``place``, ``date``,
    ``fatalities``, ``weapons``, ``claimed_by``, ``quantities``) to where the value came from.
    ``quantities`` (kind -> count: ``{"targets": 83, "sorties": 46}``) and ``provinces`` (the
    first-level divisions named) are the numbers and places a summary claim states; they are
    filled for aggregate mentions and for mentions whose sentence counts targets, sorties or
    strikes (see :mod:`eventscribe.aggregates`).
    """

    doc_id: str
    event_type: str
    sub_event_type: str
    evidence: Span
    date: dt.date | None = None
    time_precision: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: Place | None = None
    fatalities: int | None = None
    weapons: list[str] = field(default_factory=list)
    claimed_by: str | None = None
    confidence: float = 0.5
    aggregate: bool = False  # a summary claim ("83 targets in 46 sorties"), not one occurrence
    provenance: dict[str, Provenance] = field(default_factory=dict)
    quantities: dict[str, int] = field(default_factory=dict)
    provinces: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return content_hash(self.doc_id, self.evidence.start, self.evidence.end, self.sub_event_type,
                            self.place.name if self.place else None)

    def to_record(self) -> dict[str, Any]:
        """The event record of the evaluation contract (../shared/eval/README.md), plus extras."""
        p = self.place
        return {
            "doc_id": self.doc_id,
            "mention_id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.isoformat() if self.date else None,
            "time_precision": self.time_precision,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "location": p.name if p else None,
            "admin1": p.admin1 if p else None,
            "country": p.country if p else None,
            "latitude": p.latitude if p else None,
            "longitude": p.longitude if p else None,
            "geo_precision": p.geo_precision if p else None,
            "fatalities": self.fatalities,
            "weapons": list(self.weapons),
            "claimed_by": self.claimed_by,
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
            "aggregate": self.aggregate,
            "quantities": dict(self.quantities),
            "provinces": list(self.provinces),
            "provenance": {k: v.to_dict() for k, v in self.provenance.items()},
        }


@dataclass(slots=True)
class Event:
    """A real-world occurrence, reported by one or more mentions (possibly across articles).

    ``id`` is a content hash of the merge key, so re-loading the same reports adds nothing.
    ``merge_reason`` explains why the mentions were merged (explainable de-duplication).
    """

    id: str
    mentions: list[EventMention]
    merge_reason: str | None = None

    @property
    def head(self) -> EventMention:
        """The most confident mention; its fields represent the event."""
        return max(self.mentions, key=lambda m: m.confidence)

    def to_record(self) -> dict[str, Any]:
        rec = self.head.to_record()
        rec["event_id"] = self.id
        rec["doc_ids"] = sorted({m.doc_id for m in self.mentions})
        rec["n_mentions"] = len(self.mentions)
        rec["merge_reason"] = self.merge_reason
        return rec


@dataclass(slots=True)
class DocResult:
    """What became of one input document: its events, none, or an error with its reason."""

    article: Article | None
    origin: str
    mentions: list[EventMention] = field(default_factory=list)
    error: str | None = None

    @property
    def outcome(self) -> Outcome:
        if self.error is not None:
            return "error"
        return "events" if self.mentions else "no_event"


