"""eventscribe: conflict news in, sourced and geocoded ACLED-style events out.

    >>> import eventscribe
    >>> events = eventscribe.extract(text, published="2015-10-21")
    >>> events[0].to_record()["sub_event_type"]
    'Air/drone strike'

``Pipeline`` streams many documents (``Pipeline.load().pipe(articles)``); ``read_inputs``
reads files, directories, JSON Lines and stdin; ``open_store`` opens the event database.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ConfigError, EventscribeError, GazetteerError, InputError, StoreError
from .ingest import read_inputs
from .pipeline import Pipeline, extract, process_batch
from .settings import Settings
from .store import open_store
from .types import Article, DocResult, Event, EventMention, Place, Provenance, Span, Toponym

__all__ = [
    "Article",
    "ConfigError",
    "DocResult",
    "Event",
    "EventMention",
    "EventscribeError",
    "GazetteerError",
    "InputError",
    "Pipeline",
    "Place",
    "Provenance",
    "Settings",
    "Span",
    "StoreError",
    "Toponym",
    "__version__",
    "extract",
    "open_store",
    "process_batch",
    "read_inputs",
]
