"""End to end over examples/ (our own texts): each expected event found, no background events."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

import pytest

from eventscribe.ingest import read_inputs
from eventscribe.types import Article

from ..conftest import EXAMPLES

pytestmark = pytest.mark.slow

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text("utf-8"))


def _norm(s: object) -> str:
    s = unicodedata.normalize("NFKD", str(s)).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def _alts(v: object) -> list[object]:
    return v if isinstance(v, list) else [v]


def _agrees(pred: object, accepted: object) -> bool:
    p = _norm(pred)
    return any(a is not None and (p == _norm(a) or _norm(a) in p or (p and p in _norm(a))) for a in _alts(accepted))


@pytest.fixture(scope="module")
def results(pipeline):
    items = list(read_inputs([EXAMPLES]))
    assert all(isinstance(i, Article) for i in items), items
    return {r.article.origin.rsplit("/", 1)[-1]: r for r in pipeline.pipe(items)}


def test_pipeline_examples_every_file_has_a_result(results):
    assert set(results) == set(EXPECTED)
    assert all(r.error is None for r in results.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pipeline_examples_expected_events_found(results, name):
    mentions = results[name].mentions
    for want in EXPECTED[name]["events"]:
        hits = [m for m in mentions if m.event_type == want["event_type"] and m.place is not None
                and (_agrees(m.place.name, want["location"]) or _agrees(m.place.admin1, want.get("admin1"))
                     or _agrees(m.place.country, want["location"]))]
        assert hits, f"{name}: no {want['event_type']} at {want['location']} in {[m.to_record()['location'] for m in mentions]}"
        lo, hi = (_alts(want["date"]) * 2)[:2]
        assert any(dt.date.fromisoformat(lo) - dt.timedelta(days=1) <= h.date <= dt.date.fromisoformat(hi)
                   + dt.timedelta(days=1) for h in hits if h.date), f"{name}: wrong date {[h.date for h in hits]}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pipeline_examples_background_sentences_are_not_events(results, name):
    for sentence in EXPECTED[name].get("not_events", []):
        for m in results[name].mentions:
            assert sentence[:60] not in m.evidence.text, f"{name}: background became an event: {sentence[:60]}"


def test_pipeline_examples_every_field_has_provenance(results):
    for r in results.values():
        for m in r.mentions:
            assert "event_type" in m.provenance
            for field in ("actor1", "fatalities", "claimed_by"):
                if getattr(m, field) is not None:
                    assert field in m.provenance, (field, m.to_record())
            for key, prov in m.provenance.items():
                if prov.span is not None:
                    assert r.article.text[prov.span.start:prov.span.end] == prov.span.text, key
