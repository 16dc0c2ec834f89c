"""Every convention row's examples are its tests: each example, read by the real parser, is
decided by that row (the status tables) or makes that row fire (the actor tables)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscribe.code import engine
from eventscribe.compose import dated_long_before
from eventscribe.code.actors import _REPELLED_ROW, ACTOR1_DEFAULTS, ACTOR2_DEFAULTS, ROLE_RULES
from eventscribe.discourse.temporal import STATUS_RULES, TemporalView, status_of
from eventscribe.events.detect import classify
from eventscribe.extract.dates import find_dates
from eventscribe.nlp import doc_text
from eventscribe.pipeline import extract
from eventscribe.read.frames import read_frame
from eventscribe.read.units import body_units
from eventscribe.types import Article

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2024, 5, 8)


def _status_rows(pipeline, text: str):
    """The status row deciding each typed sentence of ``text``."""
    doc = pipeline.nlp(text)
    units = body_units(doc, Article.from_text(text, doc_id="t"))
    rows = []
    lead = None
    for i, u in enumerate(units):
        det = classify(u.text)
        if det is None:
            continue
        dates = find_dates(u.text, published=PUBLISHED, offset=u.start)
        if lead is None and dates:
            lead = dates[0].date
        previous = "dated_long_before" if i and dated_long_before(units[i - 1], PUBLISHED, 31) else None
        view = TemporalView(read_frame(u, det), doc_text(doc), tuple(dates), PUBLISHED, lead, 31, previous)
        rows.append(status_of(view)[1])
    return rows


@pytest.mark.parametrize("row,example", [(r, e) for r in STATUS_RULES for e in r.examples],
                         ids=lambda v: v if isinstance(v, str) else v.name)
def test_conventions_status_row_decides_its_examples(pipeline, row, example):
    rows = _status_rows(pipeline, example)
    assert rows and rows[-1] is row, [r.name if r else None for r in rows]


@pytest.mark.parametrize("row,example", [(r, e) for table in (ROLE_RULES, [_REPELLED_ROW], ACTOR1_DEFAULTS, ACTOR2_DEFAULTS)
                                         for r in table for e in r.examples],
                         ids=lambda v: v if isinstance(v, str) else v.name)
def test_conventions_actor_row_fires_on_its_examples(pipeline, row, example):
    engine.FIRED.clear()
    extract(example, published="2024-05-08", pipeline=pipeline)
    assert engine.FIRED[f"{row.decides}:{row.name}"] >= 1, dict(engine.FIRED)


def test_conventions_current_news_is_decided_by_no_row(pipeline):
    assert _status_rows(pipeline, "Warplanes struck a fuel depot near the town on Tuesday.") == [None]


@pytest.mark.parametrize("row,example", [(r, e) for r in STATUS_RULES for e in r.counter_examples],
                         ids=lambda v: v if isinstance(v, str) else v.name)
def test_conventions_status_row_leaves_its_counter_examples(pipeline, row, example):
    rows = _status_rows(pipeline, example)
    assert rows and rows[-1] is not row, [r.name if r else None for r in rows]
