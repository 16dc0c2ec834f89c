"""One engine for every convention table: the first row whose condition holds decides.

A :class:`Convention` reads like the codebook line it encodes and carries the sentences it was
written for; those examples are its tests (``tests/unit/test_conventions.py`` runs every row's
examples). Which row decided is kept in the provenance, and :data:`FIRED` counts the rows that
fired in this process, so ``make eval`` can list rows that fire and rows that never do.
"""

from __future__ import annotations

import atexit
import collections
import enum
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["FIRED", "Convention", "Strength", "decide", "trace_to"]

S = TypeVar("S")
T = TypeVar("T")


class Strength(enum.Enum):
    FIRM = "firm"  # the codebook says so outright
    WEAK = "weak"  # a default: a more specific reading (or the classifier) may overrule it


@dataclass(frozen=True)
class Convention(Generic[S, T]):
    """``when`` the subject looks like this, ``then`` decide this (a value or a function of the subject)."""

    name: str
    decides: str
    when: Callable[[S], object]
    then: T | Callable[[S], T]
    strength: Strength = Strength.FIRM
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    note: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)

    def apply(self, subject: S) -> T:
        return self.then(subject) if callable(self.then) else self.then  # type: ignore[operator,return-value]


FIRED: collections.Counter[str] = collections.Counter()


def decide(table: Sequence[Convention[S, T]], subject: S, default: T) -> tuple[T, Convention[S, T] | None]:
    """The first row of ``table`` whose condition holds for ``subject``, and its value; else ``default``."""
    for row in table:
        if row.when(subject):
            FIRED[f"{row.decides}:{row.name}"] += 1
            return row.apply(subject), row
    return default, None


_TRACES: set[str] = set()


def trace_to(path: str) -> None:
    """Write :data:`FIRED` to ``path`` (JSON) when the process exits (once per path)."""
    if not path or path in _TRACES:
        return
    _TRACES.add(path)

    def dump() -> None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(dict(FIRED), f, indent=1, sort_keys=True)

    atexit.register(dump)
