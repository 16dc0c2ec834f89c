"""The public API is what ``__all__`` says, and every name in it exists."""

from __future__ import annotations

import eventscribe


def test_public_api_all_names_exist():
    for name in eventscribe.__all__:
        assert hasattr(eventscribe, name), name


def test_public_api_is_small_and_deliberate():
    assert set(eventscribe.__all__) >= {"extract", "Pipeline", "read_inputs", "open_store", "Event", "EventMention"}
    assert len(eventscribe.__all__) < 30


def test_public_api_exceptions_share_one_base():
    for exc in (eventscribe.InputError, eventscribe.ConfigError, eventscribe.GazetteerError, eventscribe.StoreError):
        assert issubclass(exc, eventscribe.EventscribeError)
