"""The one exception tree of eventscribe.

EventscribeError
├── InputError        a document could not be read (names the input and the problem)
├── ConfigError       a setting is invalid or a required resource (model, gazetteer) is missing
├── GazetteerError    the gazetteer index cannot be built or opened
└── StoreError        the database cannot be opened or written
    └── BusyError     another process held the database's lock past the busy timeout
                      (retry later; the API answers 503)
"""

from __future__ import annotations

__all__ = ["BusyError", "ConfigError", "EventscribeError", "GazetteerError", "InputError", "StoreError"]


class EventscribeError(Exception):
    """Base of every error eventscribe raises on purpose."""


class InputError(EventscribeError):
    """An input document is unreadable; ``origin`` names it (path, path:line, <stdin>)."""

    def __init__(self, origin: str, problem: str) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {problem}")


class ConfigError(EventscribeError):
    """A setting is invalid, or a resource it names is missing; the message says the fix."""


class GazetteerError(EventscribeError):
    """The gazetteer index cannot be built or opened."""


class StoreError(EventscribeError):
    """The event store cannot be opened or written."""


class BusyError(StoreError):
    """Another process held the database's lock for longer than the busy timeout."""
