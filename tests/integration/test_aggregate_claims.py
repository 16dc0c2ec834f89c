"""End to end: a ministry's tally keeps its numbers and is placed at the provinces it names."""

from __future__ import annotations

import pytest

from eventscribe.pipeline import extract

pytestmark = pytest.mark.slow


def _records(pipeline, text: str) -> list[dict]:  # noqa: ANN001 - the conftest fixture
    return [e.to_record() for e in extract(text, published="2016-02-10", pipeline=pipeline)]


def test_aggregate_claim_over_several_provinces_keeps_counts_at_the_country(pipeline) -> None:  # noqa: ANN001
    (rec,) = _records(pipeline, "Russian bombers destroyed 64 terrorist targets in 31 sorties over the past day, "
                                "striking militants in four provinces: Idlib, Hama, Homs and Aleppo.")
    assert rec["aggregate"] is True
    assert rec["quantities"] == {"targets": 64, "sorties": 31}
    assert rec["provinces"] == ["Idlib", "Hamah", "Homs", "Aleppo"]
    assert (rec["location"], rec["admin1"], rec["geo_precision"]) == ("Syria", None, 3)
    assert rec["provenance"]["quantities"]["span"]["text"] == "64 terrorist targets in 31 sorties"


def test_aggregate_claim_in_one_province_is_placed_there(pipeline) -> None:  # noqa: ANN001
    (rec,) = _records(pipeline, "Government aircraft flew 18 sorties over the past day, hitting 40 militant "
                                "targets in Hama province, the army said.")
    assert rec["aggregate"] is True and rec["quantities"] == {"sorties": 18, "targets": 40}
    assert (rec["location"], rec["admin1"], rec["country"], rec["geo_precision"]) == ("Hamah", "Hamah", "Syria", 3)
    assert rec["provenance"]["place"]["note"] == "the one province an aggregate claim names"
