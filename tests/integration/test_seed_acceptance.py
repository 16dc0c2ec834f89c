"""Acceptance: the real pipeline on the seed article, scored by the shared scorer."""

from __future__ import annotations

import importlib.util
import json

import pytest

from eventscribe.ingest import read_inputs

pytestmark = pytest.mark.slow


def _scorer(shared):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_acceptance_recall_and_precision(shared, pipeline):
    score = _scorer(shared)
    (result,) = pipeline.pipe(read_inputs([shared / "data" / "seed" / "article.txt"]))
    assert result.error is None
    preds = {"seed": [json.loads(json.dumps(m.to_record())) for m in result.mentions]}
    res = score.score(score.load_gold(shared / "data" / "seed" / "gold.json", "seed"), preds, single_doc="seed")
    assert res["recall"] >= 0.83, res
    assert res["precision"] >= 0.7, res
    assert res["field_mean"] >= 0.8, res


def test_seed_acceptance_every_event_claimed_by_the_ministry(shared, pipeline):
    (result,) = pipeline.pipe(read_inputs([shared / "data" / "seed" / "article.txt"]))
    claimants = {m.claimed_by for m in result.mentions}
    assert claimants == {"Ministry of Defence of Russia"}, claimants


def test_seed_acceptance_background_and_returns_are_not_events(shared, pipeline):
    (result,) = pipeline.pipe(read_inputs([shared / "data" / "seed" / "article.txt"]))
    for m in result.mentions:
        assert "loggerheads" not in m.evidence.text
        assert "returned to Khmeimim" not in m.evidence.text
        assert "830 terrorist targets" not in m.evidence.text
