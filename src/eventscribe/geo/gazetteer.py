"""The gazetteer: name -> candidate places, behind a small interface with two backends.

* :class:`SqliteGazetteer` reads the compiled index (see :func:`build_gazetteer`),
  read-only, so many processes can share one file.
* :class:`InMemoryGazetteer` is the double for tests: a handful of places and names.

Both answer the :class:`Gazetteer` protocol, which is all the finder and resolver use.
Names are compared by :func:`eventscribe.geo._text.name_key`; admin1 and country names
come back as names (not codes), ready for ACLED-style records.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import sqlite3
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from eventscribe.errors import GazetteerError
from eventscribe.geo._build import FORMAT_VERSION, build_gazetteer
from eventscribe.geo._text import loose_key, name_key, split_generic
from eventscribe.types import Place

__all__ = [
    "FORMAT_VERSION",
    "Gazetteer",
    "InMemoryGazetteer",
    "SqliteGazetteer",
    "build_gazetteer",
    "default_gazetteer_path",
    "load_gazetteer",
]

_FUZZY_LIMIT = 200  # a consonant skeleton of a short name can match hundreds of places
_FUZZY_SIMILARITY = 0.7  # difflib ratio of name keys a skeleton match must also reach
_FEATURE_RANK = {"PCLI": 0, "ADM1": 1, "RGN": 2, "CONT": 3, "ADM2": 4}


def _spelt_alike(key: str, matched: str) -> bool:
    """Whether the name key a consonant-skeleton lookup ``matched`` is spelt close to ``key``."""
    return difflib.SequenceMatcher(None, key, matched).ratio() >= _FUZZY_SIMILARITY


@runtime_checkable
class Gazetteer(Protocol):
    """What the geoparser needs from a gazetteer."""

    def candidates(self, name: str, *, fuzzy: bool = False) -> list[Place]:
        """Places whose name or an alternate name has ``name``'s normal form.

        A trailing generic word ("Idlib province") is dropped when the full form is
        unknown. With ``fuzzy``, falls back to transliteration-insensitive matching, kept
        only for places spelt much alike ("Sheikhoun" / "Shaykhun", not "Songho" /
        "Shanghai"). Countries come first, then divisions, then places by population.
        """
        ...

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO2 code, name, alias ("UK") or adjective ("Syrian")."""
        ...

    def admin1(self, country_code: str, name: str) -> Place | None:
        """A first-level division of ``country_code`` by name."""
        ...

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        """The display name of an admin1 code ("SY", "09" -> "Aleppo")."""
        ...


class _KeyedGazetteer:
    """Lookup logic shared by both backends; subclasses supply the key queries."""

    def _by_key(self, key: str) -> list[Place]:
        raise NotImplementedError

    def _by_loose(self, loose: str) -> list[tuple[str, Place]]:
        """(matched name key, place) pairs sharing the consonant skeleton ``loose``."""
        raise NotImplementedError

    def _country_by_code(self, cc: str) -> Place | None:
        raise NotImplementedError

    def _demonym(self, key: str) -> str | None:
        raise NotImplementedError

    def candidates(self, name: str, *, fuzzy: bool = False) -> list[Place]:
        for variant in dict.fromkeys((name, split_generic(name)[0])):
            key = name_key(variant)
            if len(key) < 2:
                continue
            found = self._by_key(key)
            if not found and fuzzy and len(key) >= 4:
                found = []
                for matched, p in self._by_loose(loose_key(key)):
                    if p not in found and _spelt_alike(key, matched):
                        found.append(p)
            if found:
                found = sorted(found, key=lambda p: (_FEATURE_RANK.get(p.feature, len(_FEATURE_RANK)),
                                                     -p.population))
                return [dataclasses.replace(p) for p in found]  # callers may set precision
        return []

    def country(self, code_or_name: str) -> Place | None:
        text = code_or_name.strip()
        if len(text) == 2 and text.isalpha() and text.isupper():
            hit = self._country_by_code(text)
            if hit:
                return hit
        for p in self._by_key(name_key(text)):
            if p.feature == "PCLI":
                return dataclasses.replace(p)
        cc = self._demonym(name_key(text))
        return self._country_by_code(cc) if cc else None

    def admin1(self, country_code: str, name: str) -> Place | None:
        hits = [p for p in self.candidates(name) if p.feature == "ADM1" and p.country_code == country_code]
        return max(hits, key=lambda p: p.population) if hits else None


class SqliteGazetteer(_KeyedGazetteer):
    """The compiled index on disk, opened read-only (safe to share between processes)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerError(f"gazetteer index {self.path} does not exist; build it with "
                                 "`python -m eventscribe.geo._build PATH` or `make gazetteer`")
        try:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
            meta = dict(self._con.execute("SELECT key, value FROM meta"))
            self._admin1 = {(cc, code): name for cc, code, name in
                            self._con.execute("SELECT cc, code, name FROM admin1")}
            self._countries = dict(self._con.execute("SELECT cc, name FROM countries"))
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open gazetteer index {self.path}: {exc}; rebuild it") from exc
        if meta.get("format_version") != str(FORMAT_VERSION):
            raise GazetteerError(f"gazetteer index {self.path} has format {meta.get('format_version')}, "
                                 f"expected {FORMAT_VERSION}; rebuild it")
        self._lock = threading.Lock()  # one connection, shared across threads
        self._cached_key = functools.lru_cache(maxsize=50_000)(self._query_key)

    def _rows_to_places(self, rows: Iterable[tuple[object, ...]]) -> list[Place]:
        out = []
        for pid, name, lat, lon, cc, a1, feature, pop in rows:
            a1_name = self._admin1.get((cc, a1)) if cc and a1 else None
            out.append(Place(name=str(name), country=self._countries.get(cc) if cc else None,
                             country_code=cc, admin1=a1_name, latitude=lat, longitude=lon,
                             geo_precision=3 if feature in ("ADM1", "RGN", "PCLI", "CONT") else 1,
                             feature=str(feature), geonameid=int(pid) if int(pid) > 0 else None,  # type: ignore[call-overload]
                             population=int(pop)))  # type: ignore[call-overload]
        return out

    def _query(self, sql: str, *args: object) -> list[tuple[object, ...]]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def _query_key(self, key: str) -> tuple[Place, ...]:
        rows = self._query("SELECT p.* FROM names n JOIN places p ON p.id = n.place "
                           "WHERE n.key = ? AND p.lat IS NOT NULL", key)
        return tuple(self._rows_to_places(rows))

    def _by_key(self, key: str) -> list[Place]:
        return list(self._cached_key(key))

    def _by_loose(self, loose: str) -> list[tuple[str, Place]]:
        rows = self._query("SELECT n.key, p.* FROM names n JOIN places p ON p.id = n.place "
                           "WHERE n.loose = ? AND p.lat IS NOT NULL "
                           "ORDER BY p.population DESC LIMIT ?", loose, _FUZZY_LIMIT)
        places = self._rows_to_places(row[1:] for row in rows)
        return [(str(row[0]), p) for row, p in zip(rows, places)]

    def _country_by_code(self, cc: str) -> Place | None:
        rows = self._query("SELECT p.* FROM countries c JOIN places p ON p.id = c.place "
                           "WHERE c.cc = ?", cc.upper())
        return self._rows_to_places(rows)[0] if rows else None

    def _demonym(self, key: str) -> str | None:
        rows = self._query("SELECT cc FROM demonyms WHERE key = ?", key)
        return str(rows[0][0]) if rows else None

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        return self._admin1.get((country_code, admin1_code))


class InMemoryGazetteer(_KeyedGazetteer):
    """A test double: ``entries`` are (place, alternate names) pairs.

    ``admin1_codes`` maps (country code, admin1 code) to the admin1 name; ``demonyms``
    maps adjectives ("Syrian") to ISO2 codes.
    """

    def __init__(self, entries: Iterable[tuple[Place, Sequence[str]]], *,
                 admin1_codes: Mapping[tuple[str, str], str] | None = None,
                 demonyms: Mapping[str, str] | None = None) -> None:
        self._keys: dict[str, list[Place]] = {}
        self._loose: dict[str, list[tuple[str, Place]]] = {}
        self._countries: dict[str, Place] = {}
        for place, alternates in entries:
            for alias in {place.name, *alternates}:
                for variant in {alias, split_generic(alias)[0]}:
                    key = name_key(variant)
                    if place not in self._keys.setdefault(key, []):
                        self._keys[key].append(place)
                    if (key, place) not in self._loose.setdefault(loose_key(key), []):
                        self._loose[loose_key(key)].append((key, place))
            if place.feature == "PCLI" and place.country_code:
                self._countries[place.country_code] = place
        self._admin1 = dict(admin1_codes or {})
        self._demonyms = {name_key(k): v for k, v in (demonyms or {}).items()}

    def _by_key(self, key: str) -> list[Place]:
        return list(self._keys.get(key, []))

    def _by_loose(self, loose: str) -> list[tuple[str, Place]]:
        return list(self._loose.get(loose, []))

    def _country_by_code(self, cc: str) -> Place | None:
        hit = self._countries.get(cc.upper())
        return dataclasses.replace(hit) if hit else None

    def _demonym(self, key: str) -> str | None:
        return self._demonyms.get(key)

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        return self._admin1.get((country_code, admin1_code))


def default_gazetteer_path() -> Path:
    """``$EVENTSCRIBE_GAZETTEER``, else ``<sys.prefix>/share/eventscribe/gazetteer-<N>.sqlite``."""
    env = os.environ.get("EVENTSCRIBE_GAZETTEER")
    if env:
        return Path(env)
    return Path(sys.prefix) / "share" / "eventscribe" / f"gazetteer-{FORMAT_VERSION}.sqlite"


_LOADED: dict[Path, SqliteGazetteer] = {}
_LOAD_LOCK = threading.Lock()


def load_gazetteer(path: Path | str | None = None) -> SqliteGazetteer:
    """Open the gazetteer (once per process and path), building the index if it is missing."""
    target = Path(path) if path is not None else default_gazetteer_path()
    with _LOAD_LOCK:
        if target not in _LOADED:
            if not target.exists():
                print(f"eventscribe: building gazetteer index at {target} (once, ~30 s)",
                      file=sys.stderr)
                try:
                    build_gazetteer(target)
                except OSError as exc:
                    raise GazetteerError(f"cannot build gazetteer index at {target}: {exc}; set "
                                         "EVENTSCRIBE_GAZETTEER to a writable path") from exc
            _LOADED[target] = SqliteGazetteer(target)
        return _LOADED[target]
