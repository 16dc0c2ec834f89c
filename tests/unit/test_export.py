"""write_records: JSON Lines, CSV and GeoJSON from hand-built records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

import eventscribe.export as export
from eventscribe.export import CSV_COLUMNS, flatten_record, write_records
from eventscribe.store import MemoryStore
from eventscribe.types import (
    Article,
    DocResult,
    Event,
    EventMention,
    Place,
    Provenance,
    Span,
)

EVAL_FIELDS = [
    "doc_id", "event_type", "sub_event_type", "date", "time_precision", "actor1", "actor2",
    "location", "admin1", "country", "latitude", "longitude", "geo_precision", "fatalities",
    "weapons", "claimed_by", "evidence_text", "evidence_start", "evidence_end", "confidence",
]


def _mention(doc_id: str, place: Place | None, weapons: list[str]) -> EventMention:
    text = "Su-25SM jets dropped KAB-500 bombs on Avdiivka, Донецька область."
    span = Span(5, 5 + len(text), text)
    return EventMention(
        doc_id=doc_id, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        evidence=span, date=dt.date(2024, 2, 1), time_precision=1,
        actor1="Military Forces of Russia (2000-)", place=place, fatalities=3, weapons=weapons,
        claimed_by=None, confidence=0.75,
        provenance={"weapons": Provenance(span, "weapons", "1")},
    )


AVDIIVKA = Place("Avdiivka", "Ukraine", "UA", "Donetsk Oblast", 48.14, 37.74, geonameid=713174)


def records() -> list[dict[str, Any]]:
    m1 = _mention("d1", AVDIIVKA, ["Su-25SM", "KAB-500"])
    m2 = _mention("d2", None, [])
    return [Event("e1", [m1]).to_record(), m2.to_record()]


def _write(recs: Any, fmt: Any) -> tuple[int, str]:
    out = io.StringIO()
    n = write_records(recs, fmt, out)
    return n, out.getvalue()


def test_export_jsonl_round_trip() -> None:
    recs = records()
    n, text = _write(recs, "jsonl")
    assert n == 2
    lines = text.splitlines()
    assert len(lines) == 2
    assert [json.loads(line) for line in lines] == recs
    assert "Донецька" in text  # ensure_ascii=False


def test_export_jsonl_serialises_dates() -> None:
    _, text = _write([{"date": dt.date(2024, 1, 2)}], "jsonl")
    assert json.loads(text) == {"date": "2024-01-02"}


def test_export_csv_header_and_rows() -> None:
    n, text = _write(records(), "csv")
    assert n == 2
    rows = list(csv.DictReader(io.StringIO(text)))
    with io.StringIO(text) as f:
        header = next(csv.reader(f))
    assert header[:len(EVAL_FIELDS)] == EVAL_FIELDS
    assert header[len(EVAL_FIELDS):len(EVAL_FIELDS) + 3] == ["event_id", "n_mentions",
                                                             "mention_id"]
    assert "provenance" not in header and "evidence" not in header
    first, second = rows
    assert first["weapons"] == "Su-25SM; KAB-500"
    assert first["evidence_start"] == "5" and first["evidence_text"].startswith("Su-25SM")
    assert first["event_id"] == "e1" and first["n_mentions"] == "1"
    assert first["latitude"] == "48.14" and first["doc_ids"] == "d1"
    assert second["weapons"] == "" and second["latitude"] == "" and second["event_id"] == ""


def test_export_csv_empty_still_has_header() -> None:
    n, text = _write([], "csv")
    assert n == 0
    assert text.splitlines() == [",".join(CSV_COLUMNS)]


def test_export_geojson_structure() -> None:
    n, text = _write(records(), "geojson")
    doc = json.loads(text)
    assert n == 1
    assert doc["type"] == "FeatureCollection"
    assert doc["skipped_without_coordinates"] == 1
    (feature,) = doc["features"]
    assert feature["type"] == "Feature" and feature["id"] == "e1"
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.74, 48.14]}  # [lon, lat]
    props = feature["properties"]
    assert "provenance" not in props and "evidence" not in props
    assert props["evidence_start"] == 5 and props["weapons"] == ["Su-25SM", "KAB-500"]
    assert props["location"] == "Avdiivka"


def test_export_geojson_empty() -> None:
    n, text = _write([], "geojson")
    assert n == 0
    assert json.loads(text) == {"type": "FeatureCollection", "features": [],
                                "skipped_without_coordinates": 0}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson"])
def test_export_streams_generators(fmt: str) -> None:
    consumed = []

    def gen() -> Iterator[dict[str, Any]]:
        for i in range(3):
            rec = dict(records()[0], event_id=f"e{i}")
            consumed.append(i)
            yield rec

    n, _ = _write(gen(), fmt)
    assert n == 3 and consumed == [0, 1, 2]


def test_export_flatten_keeps_flat_records() -> None:
    flat = flatten_record(records()[0])
    assert flatten_record(flat) == flat


def test_export_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="jsonl"):
        write_records([], "xml", io.StringIO())  # type: ignore[arg-type]


def test_export_public_api() -> None:
    assert sorted(export.__all__) == ["CSV_COLUMNS", "FORMATS", "Format", "flatten_record",
                                      "write_records"]


def test_export_store_events_round_trip() -> None:
    m = _mention("d1", AVDIIVKA, ["KAB-500"])
    with MemoryStore() as s:
        run = s.start_run(inputs=[], version="0", settings={})
        s.add_results(run, [DocResult(Article("d1", "x"), "f:1", [m])])
        recs = s.events()
    n, text = _write(iter(recs), "jsonl")
    assert n == 1 and [json.loads(line) for line in text.splitlines()] == recs
