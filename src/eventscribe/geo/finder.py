"""Find toponym spans in a spaCy ``Doc``: NER places plus gazetteer-known proper names.

Reads ``doc.ents`` (GPE, LOC, FAC) and tokens (text, ``is_stop``, ``tag_`` when a tagger
ran). Returns character spans into ``doc.text``, sorted and non-overlapping.

The small English NER misses many transliterated Arabic/Kurdish names ("the town of
Sarmin", "Jisr al-Shugur"). Those are recovered from where place names sit in English:
after a locative preposition, inside "X (Y)", or continuing a list of places. A recovered
name must be known to the gazetteer, and a one-word name must also look like a proper
noun (tagged so when a tagger ran) and not be a stop word ("May"), nor the tail of an
organisation's name ("Chamber of Commerce").

The NER also tags people's surnames as places ("coach Ripley" after "Darren Ripley"):
a one-word name the document gives a person as surname is dropped unless it names a
division, country or large town. Options for corpora that annotate more (LGL,
GeoVirus): place names opening organisation names, and one-word places the NER called
a person or organisation.

A one-word name the document also writes in lower case ("Police" and "police"), or a
lone compass word ("North"), is not a place.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import IS_ALPHA, IS_LOWER, ORTH, SENT_START

from eventscribe.geo._finder_base import (  # the finder's vocabulary and name tests
    FACILITY_TAIL, NER_PIPES, _ADMIN_STEMS, _ALWAYS_KEEP, _COMPASS, _CONNECTORS, _FACILITY_WORDS, _LOCATIVE,
    _MAX_TOKENS, _MISLABELLED, _NOT_PLACE, _PLACE_LABELS, _STREET_WORDS, _before_division, _division_or_town,
    _known, _longer_known, _major, _mislabelled_place, _name_run, _prefix_place, _proper, _strip, _surnames)
from eventscribe.geo._text import ADMIN_WORDS, CITY_WORDS
from eventscribe.geo.gazetteer import Gazetteer
from eventscribe.nlp import doc_text
from eventscribe.types import Span

__all__ = ["NER_PIPES", "find_toponyms"]

def _bracketed(doc: Any, gazetteer: Gazetteer, *, unknown: bool = False) -> list[tuple[int, int]]:
    """Names written with their district or province in brackets: "Quissanga (Cabo
    Delgado)", "Muturirwa hill (Burambi, Rumonge)", "Kolimigundla town (Kurnool, AP)".
    When the bracket's last name is a division or town the gazetteer knows, every name
    in the bracket and the name before it are places, known to the gazetteer or not: the
    text itself says where they are. A lone abbreviation in brackets ("Islamic State
    (IS)", "BEIRUT (AP)") is an acronym, not a container."""
    out = []
    opens = (doc.char_span(m.start(), m.end()) for m in re.finditer(r"\(", doc_text(doc)))
    for k in (span.start for span in opens if span is not None):  # only the bracket tokens
        if k == 0:
            continue
        close = next((j for j in range(k + 1, min(len(doc), k + 14)) if doc[j].text == ")"), None)
        if close is None:
            continue
        bounds, s = [], k + 1
        for j in range(k + 1, close + 1):
            if doc[j].text in (",", ")"):
                bounds.append((s, j))
                s = j + 1
        parts = [_name_run(doc, a, b) for a, b in bounds]
        if not parts or any(p is None for p in parts):
            continue
        last_start, last_end = parts[-1]  # type: ignore[misc]
        if len(parts) == 1 and last_end - last_start == 1 and doc[last_start].is_upper:
            continue
        located = k >= 2 and any(doc[j].lower_ in _STRONG_LOCATIVE for j in range(max(0, k - 6), k))
        if not any(_division_or_town(gazetteer, doc[a:b].text) for a, b in parts) and not (unknown and located):  # type: ignore[misc]
            continue  # "(Prakasam, AP)": one known name is enough; "in Qaser Bin Ghashir (Aljfara)": the text says so
        end = k - 1 if doc[k - 1].is_lower and doc[k - 1].is_alpha else k  # "Muturirwa hill ("
        start = end
        while start > 0 and end - start < _MAX_TOKENS and (
                (doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha)
                or (doc[start - 1].lower_ in _CONNECTORS and start - 1 > 0 and doc[start - 2].text[:1].isupper())):
            start -= 1
        before = _name_run(doc, start, end) if start < end and not doc[start].is_sent_start else None
        out.extend(p for p in [before, *parts] if p is not None)
    return out


# Lower-case words after a town's name that make it the name of a road or a spot in or by the
# town ("the Zahle roundabout", "the Halba road"); vocabulary, like the generic words of _text.
_SPOT_WORDS = frozenset("roundabout road highway bridge junction intersection crossing square "
                        "checkpoint market airport motorway bypass".split())


def _named_roads(doc: Any, gazetteer: Gazetteer, *, unknown: bool = False) -> list[tuple[int, int]]:
    """Known town names of one or two words between "the" and a road or spot word ("blocked
    the Zahle roundabout"): where protests and checkpoints are reported, with no preposition
    before the name and often no entity tag. With ``unknown``, names the gazetteer lacks
    count too ("blocked the Taalabaya highway"): a road named after its village."""
    out = []
    for k, tok in enumerate(doc):
        if tok.lower_ not in _SPOT_WORDS or not tok.is_lower:
            continue
        for start in (k - 1, k - 2):
            if start < 1 or doc[start - 1].lower_ != "the" or not all(_proper(t) for t in doc[start:k]):
                continue
            if _known(gazetteer, doc[start:k].text, one_word=k - start == 1) or (
                    unknown and (k - start > 1 or _not_common(doc[start]))):
                out.append((start, k))
                break
    return out


def _datelines(doc: Any, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Capitalised place names that open a sentence as a news dateline ("COLUMBUS, Ohio —",
    "BEIRUT (AP) -"), which the NER, trained on mixed case, misses."""
    out = []
    i = 0
    while i < len(doc):
        before = doc[i - 1] if i else None  # the parser may be off: no sentence starts
        opens = (before is None or before.text in (".", "!", "?") or before.like_num
                 or "\n" in before.text_with_ws)
        if not opens or not doc[i].is_upper:
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < _MAX_TOKENS and doc[j].is_upper and doc[j].is_alpha:
            j += 1
        if i < j < len(doc) and doc[j].text in (",", "(", "—", "–", "-", "--", ":"):
            name = " ".join(t.text.title() for t in doc[i:j])
            if _known(gazetteer, name, one_word=j - i == 1):
                out.append((i, j))
        i = max(j, i + 1)
    return out


def _repeats(doc: Any, found: list[tuple[int, int]], people: set[str],
             gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Other occurrences of names already found as places ("one sense per discourse"),
    where place names sit: opening a longer name ("The Torrington Fire Department",
    "Alexandria Police"), joined by a hyphen ("Watertown-ML"), before a common noun they
    qualify ("Gainesville residents") or after a locative preposition. The NER tags
    many of these as organisations or people. Names the document also gives a person as
    surname, and adjectives ("American"), are not repeated."""
    covered = {k for start, end in found for k in range(start, end)}
    opens = set()  # tokens that open a multi-word entity (after "the")
    for ent in doc.ents:
        if len(ent) > 1:
            opens.add(ent.start + (1 if doc[ent.start].lower_ == "the" and len(ent) > 2 else 0))
    names: dict[str, set[str]] = {}  # first word -> full names starting with it
    for start, end in found:
        name = doc[start:end].text
        if not name[:1].isupper() or not gazetteer.candidates(name):
            continue
        if name in people and not _major(gazetteer, name):
            continue
        names.setdefault(doc[start].text, set()).add(name)
    out = []
    for i, tok in enumerate(doc):
        if i in covered or tok.text not in names:
            continue
        for name in sorted(names[tok.text], key=len, reverse=True):
            end = _token_end(doc, i, name)
            if end is None or any(k in covered for k in range(i, end)):
                continue
            if i in opens or _place_slot(doc, i, end):
                out.append((i, end))
                covered.update(range(i, end))
                break
    return out


def _place_slot(doc: Any, start: int, end: int) -> bool:
    """Tokens ``start:end`` sit where a place name does: joined by a hyphen ("Watertown-ML",
    "D-Charleston"), before a common noun they qualify, or after a locative preposition."""
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and (nxt.text == "-" or (nxt.is_lower and nxt.tag_ in ("NN", "NNS"))):
        return True
    return start > 0 and (doc[start - 1].text == "-" or doc[start - 1].lower_ in _LOCATIVE)


def _token_end(doc: Any, start: int, name: str) -> int | None:
    """End token of ``name`` written from token ``start`` on, or None."""
    end = start
    while end < len(doc) and doc[start:end + 1].text != name and len(doc[start:end + 1].text) < len(name):
        end += 1
    return end + 1 if end < len(doc) and doc[start:end + 1].text == name else None


def find_toponyms(doc: Any, gazetteer: Gazetteer, *, adjectives: bool = False,
                  inside_names: bool = False, mislabelled: bool = False,
                  datelines: bool = False, repeats: bool = False, unknown: bool = False) -> list[Span]:
    """Toponym spans of ``doc`` (character offsets into ``doc.text``).

    With ``adjectives``, national adjectives ("Syrian", "Israelis") tagged NORP count too,
    as in the LGL/GeoVirus annotation convention; event extraction leaves them out. With
    ``inside_names``, a place name opening an organisation's name counts as well ("the
    Ohio Department of Development"), as those corpora annotate it. With ``mislabelled``,
    a one-word person or organisation entity that names a division, country or large
    town, and is no part of a person's full name in the text, counts as a place. With
    ``datelines``, an upper-case place name opening a sentence before a comma or dash does.
    With ``repeats``, every other occurrence of a name found as a place counts too (see
    :func:`_repeats`). With ``unknown``, a proper name the gazetteer lacks counts when the
    text itself puts it in a place's slot: right after "in", "near", "at", "outside" or
    "around", or after "the village of" and the like ("near Mineralne", "in the village of
    Zibane"); event extraction keeps such names as written, the geoparse benchmarks do not.

    A one-word name the document also uses as a person's surname ("coach Ripley" after
    "Darren Ripley") is not a place unless it names a division, country or large town.
    """
    people = _surnames(doc)
    found: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        found.append((start, end))
        for k in range(start, end):
            taken[k] = True

    named = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    placed = {ent.text for ent in doc.ents if ent.label_ in _PLACE_LABELS}
    taken = [False] * len(doc)
    place_ents = {_strip(doc, ent.start, ent.end) for ent in doc.ents if ent.label_ in _PLACE_LABELS}
    for ent in doc.ents:  # dates, quantities ("March", "May") and full names of people
        if ent.label_ == "PERSON" and _person_in_place_slot(doc, ent, gazetteer) and (
                unknown or _known(gazetteer, ent.text, one_word=len(ent) == 1)):
            add(ent.start, ent.end)
            continue
        if ent.label_ in _NOT_PLACE or (ent.label_ == "PERSON" and sum(t.is_alpha for t in ent) > 1
                                        and not gazetteer.candidates(ent.text, fuzzy=True)):
            for k in range(ent.start, ent.end):
                taken[k] = True

    for ent in doc.ents:
        if adjectives and ent.label_ == "NORP" and gazetteer.country(ent.text.rstrip("s")):
            add(ent.start, ent.end)
            continue
        if (inside_names and ent.label_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART") and len(ent) > 1
                and ent[-1].lower_.rstrip(".") not in _STREET_WORDS):
            end = _prefix_place(doc, ent, gazetteer, people, adjectives=adjectives)
            if end is not None and not (ent.label_ == "FAC" and _known(gazetteer, ent.text, one_word=False)):
                add(ent.start + (1 if doc[ent.start].lower_ == "the" else 0), end)
                continue
        if (mislabelled and ent.label_ in _MISLABELLED
                and _mislabelled_place(doc, ent, gazetteer, named, placed)):
            add(*_strip(doc, ent.start, ent.end))
            continue
        if ent.label_ not in _PLACE_LABELS:
            continue
        commas = [k for k in range(ent.start, ent.end) if doc[k].text == ","]
        if commas:  # "Nis, Serbia" as one entity: a town and its container
            pieces = [_strip(doc, a, b) for a, b in zip([ent.start] + [c + 1 for c in commas], commas + [ent.end])]
            if all(a < b and _known(gazetteer, doc[a:b].text, one_word=False) for a, b in pieces):
                for a, b in pieces:
                    add(a, b)
                continue
        start, end = _strip(doc, ent.start, ent.end)
        if start >= end:
            continue
        while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
               and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha):
            end += 2  # "Issele-Azagba": the NER stops at the hyphen
        end = _longer_known(doc, start, end, gazetteer)  # "Sao Sebastiao" + "da Boa Vista"
        name = doc[start:end].text
        if end - start == 1 and name in people and not _major(gazetteer, name):
            continue
        if (end - start > 1 and doc[start].lower_ in _COMPASS
                and not _known(gazetteer, name, one_word=False)):  # "Northeast Georgia"
            start += 1
            name = doc[start:end].text
        if ent.label_ in _ALWAYS_KEEP or _known(gazetteer, name, one_word=end - start == 1):
            add(start, end)
        elif unknown and ent.label_ in ("FAC", "LOC") and gazetteer.candidates(name, fuzzy=True):
            # a place to the parser, known to the gazetteer in another spelling ("Deir Ezzor"): the
            # resolver keeps a spelling guess only in a country the document names
            add(start, end)
        elif unknown and ent.label_ in ("FAC", "LOC") and len(ent) > 1:
            # "the Deir Ezzor air base", "Kramatorsk railway station": the town the facility is named for
            head = _prefix_place(doc, ent, gazetteer, people, adjectives=False)
            if head is not None and all(t.lower_ in FACILITY_TAIL for t in doc[head:ent.end]):
                add(ent.start + (1 if doc[ent.start].lower_ == "the" else 0), head)

    for start, end in _bracketed(doc, gazetteer, unknown=unknown):
        if not any(taken[start:end]):
            add(start, end)
    for start, end in _named_roads(doc, gazetteer, unknown=unknown):
        if not any(taken[start:end]):
            add(start, end)

    if datelines:
        for start, end in _datelines(doc, gazetteer):
            if not any(taken[start:end]):
                add(start, end)

    i = 0
    while i < len(doc):
        tok = doc[i]
        prev = doc[i - 1].lower_ if i else ""
        after_place = i >= 2 and doc[i - 1].text in (",", "and") and taken[i - 2]
        # "in five provinces: Idlib, Hama and Aleppo": a colon after a word for divisions opens their list
        listed = i >= 2 and prev == ":" and doc[i - 2].lower_.removesuffix("s") in _ADMIN_STEMS
        if taken[i] or not _proper(tok) or not (prev in _LOCATIVE or after_place or listed or _before_generic(doc, i)):
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
        if unknown and j - i > 1 and (i, j) in place_ents and _unknown_slot(doc, i, j, people) and not _known(
                gazetteer, doc[i:j].text, one_word=False) and doc[j - 1].lower_ not in _FACILITY_WORDS:
            hit = j  # "near Sulayman Bak": the NER's whole unknown name, not the known "Sulayman"
        # "the town of Sarmin": the text itself says it is a place, so size does not matter
        named_place = i >= 2 and prev == "of" and doc[i - 2].lower_ in ADMIN_WORDS | CITY_WORDS
        for end in range(j, i, -1) if hit is None else ():
            if end < len(doc) and doc[end - 1].lower_ in _CONNECTORS:
                continue
            name = doc[i:end].text
            one_word = end - i == 1
            if one_word and (not _not_common(tok) or (name in people and not _major(gazetteer, name))):
                continue
            if (prev == "of" and i >= 2 and doc[i - 2].text[:1].isupper() and not _major(gazetteer, name)
                    and not _before_generic(doc, i)):  # ("PD1 of Lashkargah city" is one)
                continue  # "Chamber of Commerce", "Department of Education": a name's tail
            if (_known(gazetteer, name, one_word=one_word and not named_place)
                    or (not one_word and gazetteer.candidates(name, fuzzy=True))):
                hit = end  # multi-word runs may match through transliteration variants
                break
        if (hit is None and _before_division(doc, j, gazetteer) and (j - i > 1 or _not_common(tok))
                and doc[j - 1].lower_ not in ADMIN_WORDS | CITY_WORDS):  # "LGA, Delta" is no name
            hit = j  # "in Talcahuano, Biobio": an unknown name the text places in a division
        if hit is None and unknown and _unknown_slot(doc, i, j, people):
            hit = j
        if hit:
            add(i, hit)
            i = hit
        else:
            i += 1
    if repeats:
        found.extend(_repeats(doc, found, people, gazetteer))
    common = _lower_words(doc)
    spans = []
    for start, end in sorted(found):
        if end - start == 1 and (doc[start].lower_ in _COMPASS or doc[start].lower_ in common):
            continue  # "North" alone; "Police" where the text also writes "police"
        chars = doc[start:end]
        spans.append(Span(chars.start_char, chars.end_char, chars.text))
    return spans


# Locatives strong enough to say that the proper name after them is a place (not "of", "to",
# "from": "the head of Mesa", "spoke to Reuters"); and place words before "of".
_STRONG_LOCATIVE = frozenset({"in", "near", "at", "outside", "around", "nearby"})
_PLACE_OF = ADMIN_WORDS | CITY_WORDS | frozenset({"outskirts", "vicinity", "area", "suburb", "suburbs",
                                                   "neighbourhood", "neighborhood", "hamlet", "settlement"})
# Capitalised last words that make a name an institution, not a place ("in Parliament",
# "at Kabul University"); vocabulary, like the generic words of _text.
_INSTITUTION_WORDS = frozenset("""university college school academy hospital clinic ministry parliament
    congress senate assembly council court party government office department agency bank company
    corporation church mosque temple cathedral prison jail police army navy forces group hall house
    center centre institute committee commission union league association foundation""".split())


def _person_in_place_slot(doc: Any, ent: Any, gazetteer: Gazetteer) -> bool:
    """"shells fell in Qaser Bin Ghashir (Aljfara)": the NER calls a transliterated name a
    person, but a name right after "in"/"near"/"outside"/"around" and followed by its
    container, in brackets or after a comma ("in Khan Tuman, Aleppo"), is a place."""
    if ent.start == 0 or ent.end + 1 >= len(doc) or doc[ent.start - 1].lower_ not in _STRONG_LOCATIVE - {"at"}:
        return False
    sep, nxt = doc[ent.end], doc[ent.end + 1]
    if sep.text == "(":
        return nxt.text[:1].isupper()
    return sep.text == "," and any(p.feature in ("ADM1", "ADM2", "PCLI") for p in gazetteer.candidates(nxt.text))


def _before_generic(doc: Any, i: int) -> bool:
    """Tokens from ``i`` are a run of proper words followed by a word for a kind of place
    that ends the phrase: "Lashkargah city,", "Helmand province." say they are places
    whatever precedes them ("a Commerce district office" does not)."""
    k = i
    while k < len(doc) and k - i < _MAX_TOKENS and (_proper(doc[k]) or doc[k].lower_ in _CONNECTORS):
        k += 1
    return (i < k < len(doc) and doc[k].lower_ in ADMIN_WORDS | CITY_WORDS
            and (k + 1 == len(doc) or not doc[k + 1].is_alpha or doc[k + 1].lower_ in _LOCATIVE))


def _unknown_slot(doc: Any, start: int, end: int, people: set[str]) -> bool:
    """Tokens ``start:end`` (proper words) are a place name the gazetteer lacks: the word
    before says so ("near Mineralne", "the village of Zibane"), and the name is no person's,
    institution's or acronym's."""
    if end <= start:
        return False
    prev = doc[start - 1].lower_ if start else ""
    slot = prev in _STRONG_LOCATIVE or (prev == "of" and start >= 2 and doc[start - 2].lower_ in _PLACE_OF)
    if not slot:
        return False
    words = doc[start:end]
    if any(t.is_upper and len(t) > 1 for t in words):  # "SMM", "OSCE": acronyms
        return False
    if words[-1].lower_ in _INSTITUTION_WORDS or any(t.text in people for t in words):
        return False
    return end - start > 1 or _not_common(doc[start])


def _lower_words(doc: Any) -> set[str]:
    """Words the document writes in lower case mid-sentence: its common words ("police",
    "street", "hope"), which a capitalised one-word toponym is then unlikely to be."""
    # read as arrays: building a Token object per word cost more than the rest of the finder
    rows = doc.to_array([IS_LOWER, IS_ALPHA, SENT_START, ORTH])
    if not len(rows):
        return set()
    keep = (rows[:, 0] == 1) & (rows[:, 1] == 1) & (rows[:, 2] != 1)
    return {doc.vocab.strings[int(orth)] for orth in set(rows[keep, 3].tolist())}


def _not_common(tok: Any) -> bool:
    """A one-word name is rejected when the word is an English stop word ("Of", "May").
    (The small pipeline ships no word frequencies, so rarer common words such as "Mobile"
    are kept out by the proper-noun tag and the document's own lower-case uses instead.)"""
    return not tok.vocab[tok.lower_].is_stop
