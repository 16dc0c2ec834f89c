"""The resolver's document-context terms and its per-name record.

``_Mention`` (one toponym and its candidate readings), the cluster and peer terms, the
document's focus town and what is placed near it, the one-sense-per-name rule, and the small
geometry the resolver ranks with (``km``, ``contains_gap``). :mod:`eventscribe.geo.resolver`
ranks readings with them.
"""

from __future__ import annotations

import collections
import functools
import math
import re
from dataclasses import dataclass, field

from eventscribe.geo._text import ADMIN_WORDS, CITY_WORDS, name_key
from eventscribe.types import Place, Span

AREA_FEATURES = ("PCLI", "ADM1", "RGN", "CONT")  # a country, province, world region or continent

# "A, B" / "A (B" / "A-B" / "A village in B"; not "A and in B", nor "the Hollywood actress
# in Athens": only a word for a kind of place may stand between the names.
_PLACE_NOUNS = ADMIN_WORDS | CITY_WORDS | frozenset(
    "area neighbourhood neighborhood suburb quarter camp hill hills valley settlement".split())
# An alias in square brackets may come first: "Zibane [Ziban] (Anzourou, Tillaberi)".
# "Kolyvanka, a village in Donetsk region" says so too.
_CONTAINER_GAP = re.compile(r"^\s*(?:\[[^\]\n]{1,40}\]\s*)?(?:(?:%(n)s)\s+)?(?:,|\(|-|in)\s*$|"
                            r"^\s*,\s*(?:an?|the)\s+(?:[a-z-]+\s+)?(?:%(n)s)\s+(?:in|of|near)\s+(?:the\s+)?$"
                            % {"n": "|".join(sorted(_PLACE_NOUNS))}, re.IGNORECASE)

_CLUSTER_TOP = 8  # readings per name, from pass 1, that the cluster term compares
_CLUSTER_KM = 100.0  # closeness decays over this distance
_CLUSTER_MARGIN = 1.5  # readings scoring this much below a name's best do not support others
_CLUSTER_CANDIDATES = 200  # bounds the cost for names with hundreds of namesakes


def _close(a: Place, b: Place) -> float:
    """How strongly reading ``b`` of another name supports reading ``a``: 1 when ``b`` is
    the province or country ``a`` lies in, else decaying with distance between towns."""
    if a.country_code != b.country_code or a.country_code is None:
        return 0.0
    if b.feature in ("PCLI", "CONT", "RGN"):
        return 0.0  # the topic-country terms already count countries
    if b.feature == "ADM1" or a.feature == "ADM1":  # less: a town named like a state
        return 0.75 if a.admin1 == b.admin1 else 0.0  # ("Illinois, Missouri") is rare
    if a.latitude is None or b.latitude is None:
        return 0.0
    d = km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
    return math.exp(-d / _CLUSTER_KM)


def _cluster_support(mentions: list[_Mention], ranked: list[list[Place]]) -> list[dict[int, float]]:
    """For each mention, candidate id -> share of the *other* names (each name once) that
    have one of their likely readings next to that candidate: "Brandon" and "Kensington"
    next to "Douglas County" pick the Minnesota ones together. Names whose first reading is
    one place ("Louisiana" and "La.") count once: a place written twice is not twice the
    evidence."""
    group: dict[str, tuple[object, ...]] = {}
    for m in mentions:
        group.setdefault(m.key, _reading_key(m.choice) if m.choice is not None else ("name", m.key))
    by_name: dict[tuple[object, ...], list[Place]] = {}
    for m, top in zip(mentions, ranked):
        readings = by_name.setdefault(group[m.key], [])
        readings.extend(p for p in top if p not in readings)
    out: list[dict[int, float]] = []
    for m in mentions:
        own = group[m.key]
        names = [top for key, top in by_name.items() if key != own and top]
        scores: dict[int, float] = {}
        if names:
            for c in m.candidates[:_CLUSTER_CANDIDATES]:
                total = sum(max((_close(c, k) for k in top), default=0.0) for top in names)
                scores[id(c)] = total / len(names)
        out.append(scores)
    return out


_LEVELS = {"PCLI": "country", "ADM1": "division", "RGN": "division", "CONT": "continent",
           "ADM2": "district"}


def _level(p: Place) -> str:
    return _LEVELS.get(p.feature, "town")


def _peer_share(c: Place, m: _Mention, first: list[Place | None]) -> float:
    """Share of the other names of ``m``'s enumeration that pass 1 placed at ``c``'s level:
    in "Idaho, Illinois, Indiana and Iowa" each is a state, not a town named after one."""
    placed = [first[j] for j in m.peers if first[j] is not None]
    if not placed:
        return 0.0
    return sum(_level(p) == _level(c) for p in placed if p is not None) / len(placed)


_GUESS_SCORE = 0.2  # a placement near the focus is a guess


def _focus(choices: list[Place | None]) -> Place | None:
    """The document's focus: the town (or district) it names most often, else the
    first-level division it names most often; None for a story about countries only."""
    for level in ("town", "district", "division"):
        placed = [p for p in choices if p is not None and _level(p) == level and p.latitude is not None]
        if placed:
            counts = collections.Counter(id(p) for p in placed)
            return max(placed, key=lambda p: counts[id(p)])  # ties: the first named
    return None


def _near_focus(name: str, focus: Place) -> Place:
    """An unknown name placed near the document's focus (ACLED geo-precision 2): in local
    news the streets, parks, rivers and hamlets a gazetteer of towns lacks lie near the
    story's main town."""
    return Place(name=name, country=focus.country, country_code=focus.country_code,
                 admin1=focus.admin1, latitude=focus.latitude, longitude=focus.longitude,
                 geo_precision=2, feature="NEAR", population=0)


_ISOLATED_KM = 300.0  # farther than this from every other name's reading ...
_ISOLATED_POP = 300_000  # ... and smaller than this: likely a namesake of a place the gazetteer lacks
_LOCAL_KM = 150.0  # a local story: at least half its other towns lie this close to its focus
_UNIQUE_POP = 10_000  # the only place of its name, this large, is taken at its word


def _isolated_to_focus(mentions: list[_Mention], focus: Place) -> None:
    """In a local story, a small town read far from every other name of the document, in a
    province no other name is placed in, and with no container the text gives, is most
    likely a namesake of a place the gazetteer lacks ("Kensington" read in New Hampshire in
    a Minnesota story): it is placed near the story's focus instead, at geo-precision 2."""
    if focus.latitude is None or any(m.choice is not None and m.choice.feature == "PCLI"
                                     and m.choice.country_code != focus.country_code for m in mentions):
        return  # a story that names foreign countries is no local story
    moved = []
    for m in mentions:
        c = m.choice
        if (c is None or c.latitude is None or c.feature in AREA_FEATURES
                or c.population >= _ISOLATED_POP or m.containers):
            continue
        if not m.fuzzy and c.population >= _UNIQUE_POP and len({_reading_key(k) for k in m.candidates}) == 1:
            continue
        others = [o.choice for o in mentions if o.key != m.key and o.choice is not None and o.choice.latitude is not None]
        towns = [a for a in others if a.feature not in AREA_FEATURES]
        if len(towns) < 2 or any((a.country_code, a.admin1) == (c.country_code, c.admin1) for a in others):
            continue
        if min(km(c.latitude, c.longitude, a.latitude, a.longitude) for a in towns) <= _ISOLATED_KM:  # type: ignore[arg-type]
            continue
        near = sum(km(a.latitude, a.longitude, focus.latitude, focus.longitude) <= _LOCAL_KM  # type: ignore[arg-type]
                   for a in towns)
        if near / len(towns) >= 0.5:
            moved.append(m)
    for m in moved:
        m.choice, m.score = _near_focus(m.base, focus), _GUESS_SCORE


_MAJOR_TOWN = 100_000  # a town this large is not mistaken for a village the gazetteer lacks
_CONTAINED_SCORE = 0.5  # the text names the container; the place itself is not known


def _inside(m: _Mention, mentions: list[_Mention]) -> Place | None:
    """An unknown name the text places in a known one ("Muturirwa hill (Burambi, Rumonge)"):
    the name as written, in the nearest resolved container, at that container's point
    with geo-precision 2 (near a town or district) or 3 (somewhere in a province)."""
    for j in m.containers:
        c = mentions[j].choice
        if c is not None:
            coarse = c.feature in AREA_FEATURES
            return Place(name=m.base, country=c.country, country_code=c.country_code,
                         admin1=c.admin1, latitude=c.latitude, longitude=c.longitude,
                         geo_precision=3 if coarse else 2, feature="NEAR", population=0)
    return None


def _reading_key(p: Place) -> tuple[object, ...]:
    return (p.geonameid, p.name, p.feature, p.latitude, p.longitude)


def _one_sense(mentions: list[_Mention]) -> None:
    """A name repeated bare in one document means one place: its mentions take the reading
    of the mention that decided most clearly (the widest margin), so the one that says
    "Athens, Greece" decides for the later bare "Athens". A name written with a level word
    ("Idlib province") is its own group: a province and its town may both be meant."""
    groups: dict[tuple[str, str | None], list[_Mention]] = collections.defaultdict(list)
    for m in mentions:
        if m.choice is not None and not m.demonym:
            groups[(m.key, m.generic)].append(m)
    for group in groups.values():
        lead = max(group, key=lambda m: m.score)
        key = _reading_key(lead.choice)  # type: ignore[arg-type]
        for m in group:
            same = [c for c in m.candidates if _reading_key(c) == key]
            if same:
                m.choice = same[0]


def contains_gap(gap: str) -> bool:
    """The text between two names says the second contains the first: "A, B", "A (B",
    "A village in B", "A, a village in B"."""
    return bool(_CONTAINER_GAP.match(gap))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class _Mention:
    span: Span
    base: str  # the name without a leading "the" or generic word
    generic: str | None  # "province", "city", ... written with the name
    candidates: list[Place] = field(default_factory=list)
    fuzzy: bool = False
    demonym: bool = False
    containers: list[int] = field(default_factory=list)  # indexes of mentions that contain it
    peers: list[int] = field(default_factory=list)  # the other names of its enumeration
    choice: Place | None = None
    score: float = 0.0

    @functools.cached_property
    def key(self) -> str:
        """The name's key, computed once: pairs of mentions compare it often."""
        return name_key(self.base)

    @functools.cached_property
    def own_name_population(self) -> int:
        """The population of the largest candidate whose own name this is (0 if none)."""
        return max((c.population for c in self.candidates if name_key(c.name) == self.key), default=0)
