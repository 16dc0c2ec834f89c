"""Geocoding: find toponyms in text and resolve them to places, offline.

The gazetteer sits behind :class:`Gazetteer` (SQLite index or in-memory double); the
finder reads a spaCy ``Doc``; the resolver ranks candidates for all toponyms of a
document together; :func:`geoparse_jsonl` runs both over a JSON Lines file.
"""

from __future__ import annotations

from eventscribe.geo._text import ADMIN_WORDS, CITY_WORDS
from eventscribe.geo.finder import find_toponyms
from eventscribe.geo.gazetteer import (
    Gazetteer,
    InMemoryGazetteer,
    SqliteGazetteer,
    build_gazetteer,
    default_gazetteer_path,
    load_gazetteer,
)
from eventscribe.geo.geoparse import geoparse_jsonl
from eventscribe.geo.resolver import Resolver, geo_precision

__all__ = [
    "ADMIN_WORDS",
    "CITY_WORDS",
    "Gazetteer",
    "InMemoryGazetteer",
    "Resolver",
    "SqliteGazetteer",
    "build_gazetteer",
    "default_gazetteer_path",
    "find_toponyms",
    "geo_precision",
    "geoparse_jsonl",
    "load_gazetteer",
]
