"""The shipped examples read cleanly and agree with examples/expected.json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventscribe.ingest import read_inputs
from eventscribe.types import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPECTED: dict[str, dict[str, object]] = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
ACLED_TYPES = {"Battles", "Protests", "Riots", "Explosions/Remote violence",
               "Violence against civilians", "Strategic developments"}


def _articles() -> dict[str, Article]:
    items = list(read_inputs([EXAMPLES]))
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items]
    return {Path(str(a.origin)).name: a for a in items if isinstance(a, Article)}


def test_ingest_examples_every_file_expected_and_read() -> None:
    assert set(_articles()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ingest_examples_facts_are_in_the_text(name: str) -> None:
    art = _articles()[name]
    entry = EXPECTED[name]
    assert art.title and art.published == dt.date.fromisoformat(str(entry["published"]))
    events = entry["events"]
    assert isinstance(events, list) and events
    for event in events:
        assert event["event_type"] in ACLED_TYPES
        names = event["location"] if isinstance(event["location"], list) else [event["location"]]
        assert any(n in art.text for n in names), names
    for sentence in entry.get("not_events", []):  # type: ignore[attr-defined]
        assert sentence in art.text
