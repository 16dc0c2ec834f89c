"""The finder's vocabulary and name tests: what a place name looks like in a parsed text.

Constants (labels, locatives, connectors, generic words) and small predicates over tokens
and the gazetteer (``_known``, ``_proper``, ``_prefix_place``, ...) shared by the finder's
passes in :mod:`eventscribe.geo.finder`.
"""

from __future__ import annotations

import re
from typing import Any

from eventscribe.geo._text import ADMIN_WORDS, ARTICLES, CITY_WORDS, name_key
from eventscribe.geo.gazetteer import Gazetteer

# Components the finder reads; the rest of the pipeline may be disabled for speed.
NER_PIPES = ("tok2vec", "tagger", "ner")

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# words after a town's name that make it a facility of that town ("Kramatorsk railway station")
FACILITY_TAIL = frozenset("""air base airbase airport airfield station railway train bus dam refinery port harbour
harbor bridge prison jail hospital market camp barracks depot plant power oil gas field crossing checkpoint
square mosque church cathedral university school stadium military international""".split())
_NOT_PLACE = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
            "northern", "southern", "eastern", "western", "central", "old", "new", "upper", "lower"}
_ALWAYS_KEEP = {"GPE"}  # GPE entities are kept even when the gazetteer cannot place them
_LOCATIVE = {"in", "near", "of", "at", "from", "to", "outside", "around", "towards", "toward",
             "into", "between", "across", "through", "via", "nearby", "inside", "within", "and",
             "(", "outskirts", "east", "west", "north", "south", "rural"}
_CONNECTORS = ARTICLES | {"-", "'", "ibn", "bin", "abu", "bani", "beni", "de", "del", "la", "le",
                           "da", "do", "dos", "das", "di", "du", "des", "los", "las"}
_MAX_TOKENS = 5
_ADMIN_STEMS = frozenset(w.removesuffix("s") for w in ADMIN_WORDS)  # "provinces:", "regions:"
_MIN_POPULATION_ONE_WORD = 1_000  # a lone capitalised word names a place only if it is not tiny
_MAJOR_POPULATION = 100_000
_MISLABELLED = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT"}
# A place name opening a street's name is part of an address, not a toponym ("Washington
# Avenue"); these are vocabulary, like the generic words in ``_text``.
_STREET_WORDS = frozenset("street avenue road boulevard drive lane highway parkway way place court "
                          "st ave rd blvd dr ln hwy pkwy".split())
_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]?\.){2,}$")  # "U.S.", "S.C.", "W.Va."
_MAX_RATIO = 3  # how many times more common as a lower-case word than capitalised, at most


# A facility named after its place ("Donetsk Airport", "Kabul University"): the place is the
# name before the facility word.
_FACILITY_WORDS = frozenset({"airport", "airbase", "station", "port", "harbour", "harbor", "bridge", "dam",
                             "university", "hospital", "prison", "jail", "stadium", "refinery", "barracks",
                             "checkpoint", "crossing", "market"})


def _strip(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Token bounds without a leading "the" or a trailing possessive, generic or facility word."""
    while start < end and doc[start].lower_ in ("the",):
        start += 1
    while end - 1 > start and (doc[end - 1].lower_ in ("'s", "’s", ".", ",")
                               or doc[end - 1].lower_ in ADMIN_WORDS | CITY_WORDS | _FACILITY_WORDS):
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
    if not tok.text[:1].isupper() or tok.is_stop or not _wordlike(tok) or tok.lower_ in _COMPASS:
        return False
    if tok.tag_ and tok.tag_ not in ("NNP", "NNPS"):
        return False
    return not (tok.is_sent_start and tok.lower_ in tok.vocab.strings and not tok.tag_)


_APOSTROPHED = re.compile(r"[^\W\d_]+(?:['’‘`][^\W\d_]+)+")  # "Dar'a", "Ma'arrat"


def _wordlike(tok: Any) -> bool:
    """Letters only, or letters around an apostrophe (hamza/ayn in transliterations)."""
    return tok.is_alpha or bool(_APOSTROPHED.fullmatch(tok.text))


def _surnames(doc: Any) -> set[str]:
    """Surnames the document gives people: the last word of PERSON entities of two or more
    words ("Darren Ripley" -> "Ripley"), which the NER later tags as places on their own.
    One-word PERSON entities are left out: the small NER calls many towns people
    ("near Avdiivka")."""
    out = set()
    for ent in doc.ents:
        words = [t for t in ent if t.is_alpha]
        if ent.label_ == "PERSON" and len(words) > 1:
            out.add(words[-1].text)
    return out


def _major(gazetteer: Gazetteer, name: str) -> bool:
    """A division, country or large town: a reading that outweighs other evidence. A town
    counts under its own name only: GeoNames lists odd alternate names ("Hamas" for Hamm,
    "Passover" for a Tennessee town) that would turn words into places."""
    key = name_key(name)
    return any(p.feature in ("ADM1", "RGN", "PCLI", "CONT")
               or (p.population >= _MAJOR_POPULATION and p.feature.startswith("PPL")
                   and name_key(p.name) == key)
               for p in gazetteer.candidates(name))


def _prefix_place(doc: Any, ent: Any, gazetteer: Gazetteer, people: set[str], *,
                  adjectives: bool) -> int | None:
    """End token of a place name that opens an organisation's name ("the Texas Forest
    Service", "Walker County Fair", "U.S. Department of ..."), or None.

    One word must name a division, a country (or, with ``adjectives``, be its adjective:
    "American Electric Power") or a large town, and not be a person's name ("Taylor
    Street"); generic words ("National", "University") are not proper nouns to the tagger
    often enough, so the gazetteer's size test keeps most of them out.
    """
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    for end in range(min(ent.end - 1, start + _MAX_TOKENS), start, -1):
        words = doc[start:end]
        if not all((t.text[:1].isupper() and t.is_alpha and not t.is_stop) or _ABBREVIATION.match(t.text)
                   for t in words):
            continue
        name = words.text
        if end - start > 1:
            if _known(gazetteer, name, one_word=False):
                return end
            continue
        if name in people or (end < len(doc) and doc[end].text in ("-", "'", "’")):
            return None  # "Taylor Street" after "Greg Taylor"; "Wal-Mart"
        if adjectives and gazetteer.country(name):
            return end
        if _major(gazetteer, name):
            return end
    return None


def _mislabelled_place(doc: Any, ent: Any, gazetteer: Gazetteer, named: set[str],
                       placed: set[str]) -> bool:
    """A one-word entity the small NER calls a person or organisation ("A Rochester man",
    "Alexandria woman charged") that is the name of a division, country or large town, is
    no part of a person's full name in the document, and sits where places do: before a
    common noun it qualifies, after a locative preposition, or is tagged a place elsewhere
    in the document (``placed``)."""
    start, end = _strip(doc, ent.start, ent.end)
    if end - start > 1:  # "Sri Lanka" as a person: a country's or province's full name
        return any(p.feature in ("ADM1", "PCLI") for p in gazetteer.candidates(doc[start:end].text))
    if end - start != 1 or not _proper(doc[start]) or doc[start].text in named:
        return False
    nxt = doc[end] if end < len(doc) else None
    modifier = nxt is not None and nxt.is_lower and nxt.tag_ in ("NN", "NNS", "JJ")  # "a Rochester man"
    # "in Lancaster"; "Elm St., Alexandria" (an address)
    located = start > 0 and doc[start - 1].lower_ in _LOCATIVE | {","}
    return (modifier or located or doc[start].text in placed) and _major(gazetteer, doc[start].text)


def _longer_known(doc: Any, start: int, end: int, gazetteer: Gazetteer) -> int:
    """The end of the longest known name that starts at ``start`` and runs on past ``end``
    over connectors and capitalised words: the NER often stops inside Romance and Arabic
    names ("[Sao Sebastiao] da Boa Vista", "[Jaboatao] dos Guararapes")."""
    best, j = end, end
    while j < len(doc) and j - start < _MAX_TOKENS + 1 and (
            (doc[j].text[:1].isupper() and doc[j].is_alpha) or doc[j].lower_ in _CONNECTORS):
        j += 1
        if doc[j - 1].text[:1].isupper() and gazetteer.candidates(doc[start:j].text):
            best = j
    return best


def _name_run(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """``start:end`` without a trailing generic word, when what is left is a proper name
    (capitalised words, with Arabic/Romance connectors inside), else None."""
    start, end = _strip(doc, start, end)
    if start >= end or not doc[start].text[:1].isupper() or not doc[end - 1].text[:1].isupper():
        return None
    for tok in doc[start:end]:
        if not ((tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text)) or tok.lower_ in _CONNECTORS):
            return None
    return start, end


def _division_or_town(gazetteer: Gazetteer, name: str) -> bool:
    return any(p.feature in ("ADM1", "ADM2") or p.feature.startswith("PPL") for p in gazetteer.candidates(name))


def _before_division(doc: Any, end: int, gazetteer: Gazetteer) -> bool:
    """A comma at ``end`` follows a name and a province, district or country the
    gazetteer knows comes next ("Talcahuano, Biobio")."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return False
    stop = end + 1
    while stop < len(doc) and stop - end <= _MAX_TOKENS and doc[stop].text[:1].isupper() and doc[stop].is_alpha:
        stop += 1
    return stop > end + 1 and any(p.feature in ("ADM1", "ADM2", "PCLI")
                                  for p in gazetteer.candidates(doc[end + 1:stop].text))
