"""Find toponym spans in a spaCy ``Doc``: NER places plus gazetteer-known proper names.

Reads ``doc.ents`` (GPE, LOC, FAC) and tokens (text, ``is_stop``, ``tag_`` when a tagger
ran). Returns character spans into ``doc.text``, sorted and non-overlapping.

The small English NER misses many transliterated Arabic/Kurdish names ("the town of
Sarmin", "Jisr al-Shugur"). Those are recovered from where place names sit in English:
after a locative preposition, inside "X (Y)", or continuing a list of places. A recovered
name must be known to the gazetteer, and a one-word name must also look like a proper
noun and not be a common word, which keeps "May", "Rose" or "Mobile" out.
"""

from __future__ import annotations

from typing import Any

from eventscribe.geo._text import ADMIN_WORDS, ARTICLES, CITY_WORDS
from eventscribe.geo.gazetteer import Gazetteer
from eventscribe.types import Span

__all__ = ["NER_PIPES", "find_toponyms"]

# Components the finder reads; the rest of the pipeline may be disabled for speed.
NER_PIPES = ("tok2vec", "tagger", "ner")

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NOT_PLACE = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
            "northern", "southern", "eastern", "western", "central", "old", "new", "upper", "lower"}
_ALWAYS_KEEP = {"GPE"}  # GPE entities are kept even when the gazetteer cannot place them
_LOCATIVE = {"in", "near", "of", "at", "from", "to", "outside", "around", "towards", "toward",
             "into", "between", "across", "through", "via", "nearby", "inside", "within", "and",
             "(", "outskirts", "east", "west", "north", "south"}
_CONNECTORS = ARTICLES | {"-", "'", "ibn", "bin", "abu", "bani", "beni", "de", "del", "la", "le"}
_MAX_TOKENS = 5
_MIN_POPULATION_ONE_WORD = 1_000  # a lone capitalised word names a place only if it is not tiny
_MAX_RATIO = 3  # how many times more common as a lower-case word than capitalised, at most


def _strip(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Token bounds without a leading "the" or a trailing possessive/generic word."""
    while start < end and doc[start].lower_ in ("the",):
        start += 1
    while end - 1 > start and (doc[end - 1].lower_ in ("'s", "’s", ".", ",")
                               or doc[end - 1].lower_ in ADMIN_WORDS | CITY_WORDS):
        end -= 1
    return start, end


def _known(gazetteer: Gazetteer, name: str, *, one_word: bool) -> bool:
    places = gazetteer.candidates(name)
    if not places:
        return False
    if not one_word:
        return True
    return any(p.feature != "PPL" or p.population >= _MIN_POPULATION_ONE_WORD for p in places)


def _proper(tok: Any) -> bool:
    """Capitalised, not a stop word, and (when tagged) a proper noun."""
    if not tok.text[:1].isupper() or tok.is_stop or not tok.is_alpha or tok.lower_ in _COMPASS:
        return False
    if tok.tag_ and tok.tag_ not in ("NNP", "NNPS"):
        return False
    return not (tok.is_sent_start and tok.lower_ in tok.vocab.strings and not tok.tag_)


def find_toponyms(doc: Any, gazetteer: Gazetteer, *, adjectives: bool = False) -> list[Span]:
    """Toponym spans of ``doc`` (character offsets into ``doc.text``).

    With ``adjectives``, national adjectives ("Syrian", "Israelis") tagged NORP count too,
    as in the LGL/GeoVirus annotation convention; event extraction leaves them out.
    """
    taken = [False] * len(doc)
    for ent in doc.ents:  # names the NER says are dates or quantities ("March", "May")
        if ent.label_ in _NOT_PLACE:
            for k in range(ent.start, ent.end):
                taken[k] = True
    found: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        found.append((start, end))
        for k in range(start, end):
            taken[k] = True

    for ent in doc.ents:
        if adjectives and ent.label_ == "NORP" and gazetteer.country(ent.text.rstrip("s")):
            add(ent.start, ent.end)
            continue
        if ent.label_ not in _PLACE_LABELS:
            continue
        start, end = _strip(doc, ent.start, ent.end)
        if start >= end:
            continue
        name = doc[start:end].text
        if ent.label_ in _ALWAYS_KEEP or _known(gazetteer, name, one_word=end - start == 1):
            add(start, end)

    i = 0
    while i < len(doc):
        tok = doc[i]
        prev = doc[i - 1].lower_ if i else ""
        after_place = i >= 2 and doc[i - 1].text in (",", "and") and taken[i - 2]
        if taken[i] or not _proper(tok) or not (prev in _LOCATIVE or after_place):
            i += 1
            continue
        # Longest run of proper words (with Arabic connectors inside) the gazetteer knows.
        j = i + 1
        while j < len(doc) and j - i < _MAX_TOKENS and not taken[j] and (
                _proper(doc[j]) or (doc[j].lower_ in _CONNECTORS and j + 1 < len(doc)
                                    )):
            j += 1
        while j > i and (doc[j - 1].lower_ in _CONNECTORS):
            j -= 1
        hit = None
        # "the town of Sarmin": the text itself says it is a place, so size does not matter
        named_place = i >= 2 and prev == "of" and doc[i - 2].lower_ in ADMIN_WORDS | CITY_WORDS
        for end in range(j, i, -1):
            if end < len(doc) and doc[end - 1].lower_ in _CONNECTORS:
                continue
            name = doc[i:end].text
            one_word = end - i == 1
            if one_word and not _not_common(tok):
                continue
            if (_known(gazetteer, name, one_word=one_word and not named_place)
                    or (not one_word and gazetteer.candidates(name, fuzzy=True))):
                hit = end  # multi-word runs may match through transliteration variants
                break
        if hit:
            add(i, hit)
            i = hit
        else:
            i += 1
    spans = []
    for start, end in sorted(found):
        chars = doc[start:end]
        spans.append(Span(chars.start_char, chars.end_char, chars.text))
    return spans


def _not_common(tok: Any) -> bool:
    """A one-word name is rejected when the word is ordinary English ("Mobile", "Reading")
    used capitalised only at a sentence start or in a title."""
    lower = tok.vocab[tok.lower_]
    return not (lower.is_stop or (tok.is_sent_start and lower.is_lower and lower.prob > -12))
