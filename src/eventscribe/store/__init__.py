"""Event stores: where runs, documents, mentions and events are kept and queried.

``open_store(":memory:")`` or ``open_store("events.duckdb")`` gives a :class:`DuckDBStore`;
``open_store("memory://")`` the plain-dict :class:`MemoryStore` (for tests).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import ORDER_BY, EventFilter, EventStore, RunCounts
from .duckdb_store import DuckDBStore
from .memory import MemoryStore

__all__ = [
    "ORDER_BY",
    "DuckDBStore",
    "EventFilter",
    "EventStore",
    "MemoryStore",
    "RunCounts",
    "open_store",
]


def open_store(url_or_path: str | Path, *, busy_timeout: float = 30.0) -> EventStore:
    """The store named by ``url_or_path``: ":memory:" or a path ending ``.duckdb`` (DuckDB),
    or "memory://" (MemoryStore). Anything else raises StoreError saying what is accepted.

    ``busy_timeout``: seconds a DuckDB file store waits while another process writes to it.
    """
    name = str(url_or_path)
    if name == "memory://":
        return MemoryStore()
    if name == ":memory:" or name.endswith(".duckdb"):
        return DuckDBStore(name, busy_timeout=busy_timeout)
    raise StoreError(f"{name}: not a store; use a path ending .duckdb, ':memory:' "
                     "(DuckDB in memory) or 'memory://' (plain dicts, for tests)")
