"""Event coreference inside one article: which readings tell the same occurrence.

Reads: the article's readings in text order (``code.reading.Reading``). Writes groups of
readings, one group per occurrence, in order of first telling.

A report tells one occurrence over several sentences ("At least 19 people were killed in an
overnight strike ... Witnesses said the strike obliterated an area of tents ..."). A reading
joins an occurrence already told when it is of the same kind and its place and day do not
contradict it, and either it adds no place or day of its own right after it (an elaboration),
or it refers back to it ("the strike", "the blast"), or it names the same town on the same
day. A reading that announces another ("another strike", "separately") never joins, and a
tally never joins a single event.
"""

from __future__ import annotations

import re

from ..code.reading import Reading
from ..geo.resolver import AREA_FEATURES

__all__ = ["Occurrence", "find_occurrence", "same_kind"]

Occurrence = list[Reading]

# "Four other passengers were wounded": the sentence's only cue is a casualty word
_CASUALTY_ONLY = re.compile(r"^(?:wound(?:ed|ing|s)?|injur(?:ed|ing|ies)|kill(?:ed)?|dead|died|shot)$", re.I)
_CROWD = frozenset({"Protests", "Riots"})


def casualty_only(r: Reading) -> bool:
    det = r.frame.detection
    cue = r.frame.unit.text[det.start: det.end]
    return det.rule in ("attack", "explosion", "attack_in_doc_mode") and bool(_CASUALTY_ONLY.search(cue))


def same_kind(a: Reading, b: Reading) -> bool:
    """Both tell the same kind of event: one event type (a demonstration and the riot it
    became are one kind)."""
    return a.event_type == b.event_type or {a.event_type, b.event_type} <= _CROWD


_DEVELOPMENTS = frozenset({"Agreement", "Change to group/activity", "Headquarters or base established",
                           "Non-violent transfer of territory", "Other"})


def _violent(r: Reading) -> bool:
    """Not a political development: talks, an agreement or a change of group is never an
    elaboration of a strike, nor a strike of it (an arrest or looting told after an incident is)."""
    return r.sub_event_type not in _DEVELOPMENTS


def _name(r: Reading) -> str:
    return r.place.name.casefold() if r.place else ""


def _place_agrees(occ: Occurrence, r: Reading) -> bool:
    """``r`` names no place of its own, or the occurrence's place, or an area holding it, or a
    place inside the occurrence's area."""
    if not r.own_place or r.place is None:
        return True
    if r.place.feature in ("RGN", "CONT"):
        return True  # a region wider than any country ("the Middle East") contradicts no place
    for o in occ:
        p, q = o.place, r.place
        if p is None or _name(o) == _name(r):
            return True
        if q.feature in AREA_FEATURES and q.country_code == p.country_code and (
                q.feature == "PCLI" or (q.admin1 and q.admin1 == p.admin1)):
            return True  # the wider area it happened in
        if p.feature in AREA_FEATURES and p.country_code == q.country_code and (
                p.feature == "PCLI" or (p.admin1 and p.admin1 == q.admin1)):
            return True  # the town inside the area told first
    return False


def _same_town(occ: Occurrence, r: Reading) -> bool:
    """``r`` names the place the occurrence was told at again (a town, or a country or province
    when that is all either names)."""
    if not r.own_place or r.place is None:
        return False
    if r.place.feature in AREA_FEATURES and any(o.own_place and o.place is not None and o.place.feature not in AREA_FEATURES
                                               for o in occ):
        return False
    return any(o.own_place and _name(o) == _name(r) for o in occ)


def _refines(occ: Occurrence, r: Reading) -> bool:
    """The occurrence is placed only by a country or province, and ``r`` names a place in it."""
    if r.place is None or any(o.own_place and o.place is not None and o.place.feature not in AREA_FEATURES for o in occ):
        return False
    p = occ[0].place
    return p is not None and p.feature in ("PCLI", "ADM1") and p.country_code == r.place.country_code and (
        p.feature == "PCLI" or (bool(p.admin1) and p.admin1 == r.place.admin1)) and r.place.feature not in AREA_FEATURES


_NIGHT = ("overnight", "night", "midnight", "dawn", "early hours")


def _same_night(occ: Occurrence, r: Reading) -> bool:
    """Dates a day apart that meet at night ("overnight" on Monday, "after midnight on Tuesday")."""
    def night(x: Reading) -> bool:
        p = x.provenance.get("date")
        return p is not None and p.span is not None and any(w in p.span.text.lower() or w in x.frame.unit.text.lower()
                                                             for w in _NIGHT)
    return r.date is not None and any(o.date is not None and abs((o.date - r.date).days) <= 1 and (night(o) or night(r))
                                      for o in occ if o.own_date)


def _date_agrees(occ: Occurrence, r: Reading) -> bool:
    if not r.own_date or r.date is None:
        return True
    dated = [o.date for o in occ if o.own_date and o.date is not None]
    return not dated or any(abs((d - r.date).days) <= 1 for d in dated)


def find_occurrence(occurrences: list[Occurrence], r: Reading) -> Occurrence | None:
    """The occurrence ``r`` tells again, or None when it tells a new one."""
    if r.frame.new_occurrence:
        return None
    for k, occ in enumerate(reversed(occurrences)):
        if occ[0].aggregate != r.aggregate:
            continue
        last = occ[-1].frame.unit
        # right after the occurrence's last telling, with no other event told in between
        adjacent = k == 0 and r.paragraph - last.paragraph <= 1 and r.frame.unit.index - last.index <= 4
        # right after an event, a sentence with no where or when of its own tells more of it,
        # whatever its own type ("Residents were beaten and two were arrested.")
        kind = same_kind(occ[0], r) or (adjacent and _violent(occ[0]) and _violent(r)
                                         and ((not r.own_place and not r.own_date) or casualty_only(r)))
        if not kind or not _place_agrees(occ, r) or not _date_agrees(occ, r):
            continue
        if r.frame.definite or _same_town(occ, r):
            return occ  # referred back to ("the strike"), or the same town again
        if adjacent and casualty_only(r) and not (r.own_date and r.date != occ[0].date):
            return occ  # "Six soldiers were wounded in the area": the count of the event just told
        if r.own_place and adjacent and _refines(occ, r) and r.sub_event_type == occ[0].sub_event_type:
            return occ  # "strikes on an air base in the east of the country ... in the Deir Ezzor air base"
        if r.own_place:
            continue  # a place of its own: another occurrence
        if (adjacent and not r.own_date) or casualty_only(r):
            # an elaboration right after it, or casualties told later ("40 people were killed")
            return occ
        if same_kind(occ[0], r) and not r.frame.indefinite and (
                not r.own_date or r.date == occ[0].date or _same_night(occ, r)):
            # told again later without a place, a day or a new event noun ("suddenly they
            # started shelling"): the latest occurrence of its kind
            return occ
    return None
