"""Short-lived DuckDB connections, so that a reader and a writer in two processes can share a file.

DuckDB lets one process open a database file read-write, or any number of processes open it
read-only, never both at once ("Could not set lock on file"). A connection held for a
process's whole life would lock everyone else out: ``eventscribe serve`` kept the map's
database locked, so ``extract``, ``export`` and ``stats`` failed while it ran. Here instead:

- every read opens a **read-only** connection and closes it when done (a few milliseconds
  for an API request; :meth:`Connector.session` keeps one open across the calls of one request);
- every write opens a **read-write** connection for one transaction (one batch of documents)
  and closes it, which also checkpoints the write-ahead log;
- an open refused because another process holds the lock is **retried** with backoff for up
  to ``busy_timeout`` seconds, then raises :class:`~eventscribe.errors.StoreError` saying the
  database is busy.

Within one process DuckDB refuses read-only and read-write connections to the same file at
the same time, so a per-file readers-writer lock orders them (readers share it).

``":memory:"`` has nothing to share and would vanish on close: it keeps one connection.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import BusyError, StoreError

__all__ = ["BusyError", "Connector"]


class _RWLock:
    """Many readers or one writer (writers wait for readers to leave, and go first)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


_LOCKS: dict[str, _RWLock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(path: str) -> _RWLock:
    key = str(Path(path).resolve())
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, _RWLock())


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Could not set lock" in text or "Conflicting lock" in text)


class Connector:
    """Opens connections to one database the way the module docstring says."""

    def __init__(self, path: str, *, busy_timeout: float = 30.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.memory = path == ":memory:"
        self._held: duckdb.DuckDBPyConnection | None = None
        self._local = threading.local()  # this thread's session connection, if any
        self._lock = None if self.memory else _lock_for(path)
        if self.memory:
            self._held = self._open(read_only=False)
        self.opens = 0  # connections opened (for tests and measurements)
        self.waited = 0.0  # seconds spent waiting for another process's lock

    def _open(self, *, read_only: bool) -> duckdb.DuckDBPyConnection:
        """A new connection, retrying while another process holds the file's lock."""
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.005
        started = time.monotonic()
        while True:
            try:
                con = duckdb.connect(self.path, read_only=read_only)
            except duckdb.Error as exc:
                if not _is_lock_conflict(exc):
                    raise StoreError(f"{self.path}: cannot open the database ({_first_line(exc)}); "
                                     "check that its directory exists and that it is a DuckDB "
                                     "file") from None
                if time.monotonic() + pause > deadline:
                    raise BusyError(f"{self.path}: the database is busy (another process is "
                                    f"writing to it) for more than {self.busy_timeout:g} s; "
                                    "try again") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
                continue
            if not self.memory:
                self.opens += 1
                self.waited += time.monotonic() - started
            return con

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to read with: the held one, this thread's session's, or a new read-only one."""
        if self._held is not None:
            yield self._held
            return
        session = getattr(self._local, "con", None)
        if session is not None:
            yield session
            return
        assert self._lock is not None
        with self._lock.read():
            con = self._open(read_only=True)
            try:
                yield con
            finally:
                con.close()

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection for one transaction (committed on success, else rolled back)."""
        if self._held is not None:
            yield from _transaction(self._held)
            return
        if getattr(self._local, "con", None) is not None:
            raise StoreError(f"{self.path}: cannot write inside a read session")
        assert self._lock is not None
        with self._lock.write():
            con = self._open(read_only=False)
            try:
                yield from _transaction(con)
            finally:
                con.close()

    @contextmanager
    def session(self) -> Iterator[None]:
        """Keep one read-only connection open for this thread's reads inside the block."""
        if self._held is not None or getattr(self._local, "con", None) is not None:
            yield
            return
        with self.read() as con:
            self._local.con = con
            try:
                yield
            finally:
                self._local.con = None

    def close(self) -> None:
        if self._held is not None:
            self._held.close()
            self._held = None


def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
