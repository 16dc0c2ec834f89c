"""Write event or mention records as JSON Lines, CSV or GeoJSON, streaming.

Reads records in the shape of ``EventMention.to_record()`` / ``Event.to_record()`` (the
evaluation contract, ../shared/eval/README.md); writes them to an open text stream one at a
time, so a store query or a pipeline generator is never held twice in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Iterable
from typing import Any, Literal, TextIO

__all__ = ["CSV_COLUMNS", "FORMATS", "Format", "flatten_record", "write_records"]

Format = Literal["jsonl", "csv", "geojson"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "geojson")

#: CSV columns, in order: the evaluation contract's fields first (evidence flattened), then
#: the event/mention ids and extras. Lists are joined with "; ", an aggregate claim's counts
#: written "targets=83; sorties=46"; provenance is left out.
CSV_COLUMNS: tuple[str, ...] = (
    "doc_id", "event_type", "sub_event_type", "date", "time_precision", "actor1", "actor2",
    "location", "admin1", "country", "latitude", "longitude", "geo_precision", "fatalities",
    "weapons", "claimed_by", "evidence_text", "evidence_start", "evidence_end", "confidence",
    "event_id", "n_mentions", "mention_id", "merge_reason", "doc_ids", "aggregate",
    "quantities", "provinces",
)

_LIST_SEPARATOR = "; "
_NOT_FLAT = frozenset({"provenance", "evidence"})


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def flatten_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record without provenance, its evidence as evidence_text/start/end (lists kept)."""
    flat = {k: v for k, v in record.items() if k not in _NOT_FLAT}
    ev = record.get("evidence")
    if isinstance(ev, dict):
        flat["evidence_text"] = ev.get("text")
        flat["evidence_start"] = ev.get("start")
        flat["evidence_end"] = ev.get("end")
    else:  # already flat (or no evidence): keep what is there
        for key in ("evidence_text", "evidence_start", "evidence_end"):
            flat.setdefault(key, None)
    return flat


def _write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False, default=_json_default))
        out.write("\n")
        n += 1
    return n


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dict):  # quantities: kind -> count
        return _LIST_SEPARATOR.join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return _LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        flat = flatten_record(rec)
        writer.writerow({k: _csv_cell(flat.get(k)) for k in CSV_COLUMNS})
        n += 1
    return n


def _point(rec: dict[str, Any]) -> list[float] | None:
    lat, lon = rec.get("latitude"), rec.get("longitude")
    if lat is None or lon is None:
        return None
    try:
        lon_f, lat_f = float(lon), float(lat)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lon_f) and math.isfinite(lat_f)):
        return None
    return [lon_f, lat_f]  # GeoJSON (RFC 7946) is [longitude, latitude]


def _write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    # Written piecewise so features stream; the skipped count goes last, as a foreign member
    # (RFC 7946 section 6.1), because it is only known at the end.
    out.write('{"type": "FeatureCollection", "features": [')
    n = skipped = 0
    for rec in records:
        coords = _point(rec)
        if coords is None:
            skipped += 1
            continue
        feature = {
            "type": "Feature",
            "id": rec.get("event_id") or rec.get("mention_id"),
            "geometry": {"type": "Point", "coordinates": coords},
            "properties": flatten_record(rec),
        }
        out.write("\n" if n == 0 else ",\n")
        out.write(json.dumps(feature, ensure_ascii=False, default=_json_default))
        n += 1
    out.write(f'\n], "skipped_without_coordinates": {skipped}}}\n')
    return n


def write_records(records: Iterable[dict[str, Any]], fmt: Format, out: TextIO) -> int:
    """Write ``records`` to ``out`` as ``fmt``; return how many were written.

    jsonl: one JSON object per line, non-ASCII kept. csv: a header then one row per record in
    :data:`CSV_COLUMNS` order (open the file with ``newline=""``). geojson: a FeatureCollection
    of Point features for records with coordinates; the others are counted in its top-level
    ``skipped_without_coordinates`` member and not in the returned number.
    """
    if fmt == "jsonl":
        return _write_jsonl(records, out)
    if fmt == "csv":
        return _write_csv(records, out)
    if fmt == "geojson":
        return _write_geojson(records, out)
    raise ValueError(f"fmt={fmt!r}: expected one of {', '.join(FORMATS)}")
