"""Resolve the toponyms of one document jointly, and grade how precisely they place an event.

Reads: the document text, its toponym spans, an optional country hint. Writes: one
:class:`~eventscribe.types.Toponym` per span (``place`` None when nothing fits).

Ranking is a sum of named evidence terms (see :data:`WEIGHTS`), computed in two passes:
the first uses only the text (population, feature level, containers like "Town
(Province)", the document's countries, the caller's country hint); the second adds

* closeness to the other places as the first pass placed them ("Paris" next to "Lamar
  County"), and the share of them in each country (a US local story keeps its towns in
  the US, a Caucasus story its "Georgia" in the Caucasus);
* a cluster term: how many other names have a *likely* reading (not only the chosen one)
  near this candidate, so small namesakes that lie together win over a famous one abroad.

A spelling guess (consonant-skeleton match) is kept only in a country the document
already names, and people's names ("Ontarians") resolve to the region they derive from.
Names listed as peers ("Idaho, Illinois, Indiana and Iowa") are kept at one level (the
``peer`` term) and never read as containing each other. Optionally (``place_unknown``), a
name the gazetteer lacks is placed near the document's focus town, at geo-precision 2.
"""

from __future__ import annotations

import collections
import functools
import math
import re
from dataclasses import dataclass, field

from eventscribe.geo._text import ADMIN_WORDS, CITY_WORDS, name_key, split_generic
from eventscribe.geo.gazetteer import Gazetteer
from eventscribe.types import Place, Span, Toponym

__all__ = ["AREA_FEATURES", "Resolver", "contains_gap", "geo_precision", "km"]

AREA_FEATURES = ("PCLI", "ADM1", "RGN", "CONT")  # a country, province, world region or continent

WEIGHTS = {
    "population": 3.0,  # x log10(population) / 7: a city of 10M scores 3
    "country_name": 1.0,  # the span is the exact name of a country: take the country
    "admin_word": 2.0,  # "X province" / "X county" -> the division, not the town
    "city_word": 1.0,  # "X city" / "town of X" -> the populated place
    "bare_district": -0.2,  # a bare name shared by a town and its district reads as the town
    "division": 0.6,  # a bare name shared by a province and its capital: mild preference for
    # the town would be wrong for country/province names in news, so divisions get a nudge
    "container": 3.0,  # inside the province/country named next to it: "Town (Province)"
    "topic_country": 0.5,  # x share of the document's country evidence
    "same_admin1": 0.8,  # another toponym of the document has a candidate in the same admin1
    "nearby": 1.2,  # close to the other toponyms as first resolved (decays over ~300 km)
    "doc_country": 1.5,  # x share of the other toponyms first resolved into this country
    "cluster": 3.5,  # x share of the other names with a likely reading close to this one
    "hint": 2.0,  # in the country the caller says the document is about
    "fuzzy": -1.5,  # matched only through the transliteration skeleton
    "alias_only": -0.3,  # matched an alternate name only (GeoNames lists odd ones: "Paris")
    "alias_smaller": -2.0,  # ... and a place bearing the name as its own is larger: an old
    # name of Fort Wayne is "Miami", but "Miami" is the Florida city; "Bombay" stays Mumbai
    "demonym": 2.0,  # "Syrian", "Americans": the country, not a town spelt alike
    "peer": 2.0,  # x share of an enumeration's other names first placed at the same level
    "world": 1.5,  # a continent, world region or sea: no country, so the country terms that
    # lift a US local story's towns can never support it ("the Pacific" vs Pacific, Missouri)
}

# "A, B" / "A (B" / "A-B" / "A village in B"; not "A and in B", nor "the Hollywood actress
# in Athens": only a word for a kind of place may stand between the names.
_PLACE_NOUNS = ADMIN_WORDS | CITY_WORDS | frozenset(
    "area neighbourhood neighborhood suburb quarter camp hill hills valley settlement".split())
# An alias in square brackets may come first: "Zibane [Ziban] (Anzourou, Tillaberi)".
# "Kolyvanka, a village in Donetsk region" says so too.
_CONTAINER_GAP = re.compile(r"^\s*(?:\[[^\]\n]{1,40}\]\s*)?(?:(?:%(n)s)\s+)?(?:,|\(|-|in)\s*$|"
                            r"^\s*,\s*(?:an?|the)\s+(?:[a-z-]+\s+)?(?:%(n)s)\s+(?:in|of|near)\s+(?:the\s+)?$"
                            % {"n": "|".join(sorted(_PLACE_NOUNS))}, re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)$")
_LIST_END = re.compile(r"\b(?:and|or)\s+$")
# Words after a name that say which level it is: a state is a first-level division,
# never a county named like one ("a Washington state farm").
_ADM1_WORDS = frozenset({"state"})
_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_PRECISION2_BEFORE = re.compile(
    r"\b(near|nearby|outskirts?|vicinity|countryside|environs|surroundings|around|outside|"
    r"area of|areas of|district of|region of|suburbs? of|(?:north|south|east|west)(?:ern)? of|"
    r"km (?:from|of)|kilomet(?:er|re)s? (?:from|of)|miles? (?:from|of)|close to|between)\b[^.;]*$",
    re.IGNORECASE,
)
_PRECISION2_AFTER = re.compile(r"^\W{0,3}(countryside|outskirts|area|areas|environs|suburbs|district|"
                               r"region|rural)\b", re.IGNORECASE)


# (suffix of a people's name, endings its place name may have), most specific first.
_ADJECTIVE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ians", ("ia", "io", "o", "a", "")), ("ans", ("a", "")), ("ns", ("",)),
    ("ian", ("ia", "io", "o", "a", "")), ("an", ("a", "e", "")), ("n", ("",)), ("i", ("",)),
    ("ese", ("", "a")), ("s", ("",)), ("", ("ia", "a")),
)
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


class Resolver:
    """Resolve a document's toponym spans to places with one gazetteer."""

    def __init__(self, gazetteer: Gazetteer, *, weights: dict[str, float] | None = None,
                 place_unknown: bool = False) -> None:
        """With ``place_unknown``, a name the gazetteer does not know is placed *near* the
        document's focus (see :func:`_near_focus`) instead of being left unresolved."""
        self.gazetteer = gazetteer
        self.weights = {**WEIGHTS, **(weights or {})}
        self.place_unknown = place_unknown

    def resolve(self, text: str, spans: list[Span], *, country_hint: str | None = None) -> list[Toponym]:
        """Resolve ``spans`` of ``text`` together; one :class:`Toponym` per span, in order."""
        mentions = [self._mention(text, s) for s in spans]
        self._link_enumerations(text, mentions)
        self._link_containers(text, mentions)
        countries = self._country_evidence(text, mentions, country_hint)
        hinted = self.gazetteer.country(country_hint) if country_hint else None
        hint_cc = hinted.country_code if hinted else None
        for m in mentions:  # a spelling guess is only trusted inside the document's countries
            if m.fuzzy:
                m.candidates = [c for c in m.candidates if countries.get(c.country_code or "", 0.0) > 0]
        admin_support = self._admin_support(mentions)
        ranked: list[list[Place]] = [[] for _ in mentions]
        support: list[dict[int, float]] = [{} for _ in mentions]
        for pass_no in (1, 2):
            first = [o.choice for o in mentions]  # pass 2 reads pass 1's choices only
            for i, m in enumerate(mentions):
                others = [c for j, (o, c) in enumerate(zip(mentions, first))
                          if j != i and c is not None and pass_no == 2
                          and o.key != m.key]
                anchors = [c for c in others if c.feature not in ("PCLI", "CONT", "RGN")]
                placed = collections.Counter(c.country_code for c in others if c.country_code)
                doc_countries = {cc: n / len(others) for cc, n in placed.items()}
                scored = []
                for c in m.candidates:
                    context = (self.weights["doc_country"] * doc_countries.get(c.country_code or "", 0.0)
                               + self.weights["peer"] * _peer_share(c, m, first)
                               + self.weights["cluster"] * support[i].get(id(c), 0.0)
                               + (self.weights["hint"] if hint_cc and c.country_code == hint_cc else 0.0))
                    text_score = self._score(i, c, mentions, countries, admin_support, anchors)
                    scored.append((text_score + context, c))
                if scored:
                    scored.sort(key=lambda sc: -sc[0])
                    best = scored[0][0]
                    m.choice = scored[0][1]
                    runner_up = scored[1][0] if len(scored) > 1 else best - 3.0
                    m.score = 1 / (1 + math.exp(-(best - runner_up)))  # margin -> 0.5..1
                    ranked[i] = [c for sc, c in scored[:_CLUSTER_TOP] if sc >= best - _CLUSTER_MARGIN]
            if pass_no == 1:
                support = _cluster_support(mentions, ranked)
        _one_sense(mentions)
        for m in mentions:  # "Kashtanove, Donetsk": a namesake far from where the text puts it
            if m.choice is not None and self._outside_container(m, mentions):
                m.choice = None  # placed inside the container below
        out = []
        focus = _focus([m.choice for m in mentions]) if self.place_unknown else None
        if focus is not None:
            _isolated_to_focus(mentions, focus)
        for m in mentions:
            place = m.choice
            if place is not None:
                place.geo_precision = geo_precision(text, m.span, place)
            elif (inside := _inside(m, mentions)) is not None:
                place, m.score = inside, _CONTAINED_SCORE
            elif focus is not None:
                place, m.score = _near_focus(m.base, focus), _GUESS_SCORE
            out.append(Toponym(span=m.span, place=place, score=m.score if place else 0.0))
        return out

    # -- gathering -----------------------------------------------------------------------

    def _mention(self, text: str, span: Span) -> _Mention:
        name = re.sub(r"^(?:the|The|THE)\s+", "", span.text.strip())
        base, generic = split_generic(name)
        if generic is None:  # "Idlib province": the word may follow the span
            after = text[span.end: span.end + 15].split()
            if after and after[0].casefold().strip(".,;)") in ADMIN_WORDS | CITY_WORDS:
                generic = after[0].casefold().strip(".,;)")
        if generic is None:  # "the city of Aleppo"
            before = re.search(r"\b(\w+)\s+of\s+(?:the\s+)?$", text[max(0, span.start - 25): span.start])
            if before and before.group(1).casefold() in ADMIN_WORDS | CITY_WORDS:
                generic = before.group(1).casefold()
        m = _Mention(span=span, base=base, generic=generic)
        # the whole name first: "Mexico City" and "Kansas City" are not Mexico and Kansas
        m.candidates = self.gazetteer.candidates(name) or self.gazetteer.candidates(base)
        named = any(c.feature == "PCLI" or (c.country_code is None and name_key(c.name) == name_key(base))
                    for c in m.candidates)  # "the Americas" is no people of America
        # "Mexico City" and "Gaza City" are towns: a name written with a generic word is
        # no people's name, whatever the name before the word is
        adjective = None if named or base != name else (
            self.gazetteer.country(base) or self.gazetteer.country(re.sub(r"s$", "", base)))
        if adjective is not None:  # "Syrian(s)" names the country it derives from
            m.demonym = True
            m.candidates.append(adjective)
        if not m.candidates:  # "Ontarians", "Dagestani", "European": a region's people
            m.candidates = self._region_of_adjective(base)
            m.demonym = bool(m.candidates)
        numbered = re.match(r"^(.+?)[- ]\d{1,2}$", base)
        if not m.candidates and numbered:  # "Zolote-5": a numbered part of Zolote, at its point
            m.candidates = self.gazetteer.candidates(numbered.group(1))
        if not m.candidates:
            m.candidates = self.gazetteer.candidates(base, fuzzy=True)
            m.fuzzy = bool(m.candidates)
        return m

    def _region_of_adjective(self, word: str) -> list[Place]:
        """Divisions, regions, countries or continents a people's name derives from, by
        English suffix rules ("Minnesotans" -> Minnesota, "Ontarian" -> Ontario)."""
        if " " in word.strip() and not word.istitle():
            return []
        for suffix, stems in _ADJECTIVE_RULES:
            if not word.endswith(suffix) or len(word) - len(suffix) < 4:
                continue
            for add in stems:
                found = [p for p in self.gazetteer.candidates(word[: len(word) - len(suffix)] + add)
                         if p.feature in AREA_FEATURES]
                if found:
                    return found
        return []

    @staticmethod
    def _link_enumerations(text: str, mentions: list[_Mention]) -> None:
        """Names listed as peers: "Alaska, Alabama, Arizona and Arkansas". A run of names
        joined by commas counts when it closes with "and"/"or" or has four or more
        names; three joined by commas alone are more often a chain of containers
        ("Sarmin, Idlib, Syria")."""
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].span.start)
        runs: list[list[int]] = []
        closed: list[bool] = []
        for a, b in zip(order, order[1:]):
            gap = text[mentions[a].span.end: mentions[b].span.start]
            if not _LIST_GAP.match(gap):
                continue
            if runs and runs[-1][-1] == a:
                runs[-1].append(b)
            else:
                runs.append([a, b])
                closed.append(False)
            closed[-1] = closed[-1] or bool(_LIST_END.search(gap))
        for run, ends in zip(runs, closed):
            if len(run) >= 4 or (len(run) == 3 and ends):
                for i in run:
                    mentions[i].peers = [j for j in run if j != i]

    @staticmethod
    def _link_containers(text: str, mentions: list[_Mention]) -> None:
        """"A, B" / "A (B)" / "A district (B, C)": B (and C) may contain A, unless both
        are names of one enumeration."""
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].span.start)
        for a, b in zip(order, order[1:]):
            gap = text[mentions[a].span.end: mentions[b].span.start]
            if _CONTAINER_GAP.match(gap) and b not in mentions[a].peers:
                mentions[a].containers.append(b)
        for i in reversed(order):  # transitive: "(Shikarpur, Sindh)" places the town in Sindh too
            for j in list(mentions[i].containers):
                mentions[i].containers.extend(k for k in mentions[j].containers if k not in mentions[i].containers)

    def _country_evidence(self, text: str, mentions: list[_Mention], hint: str | None) -> dict[str, float]:
        """Shares of country evidence: country names, adjectives ("Syrian"), the hint,
        and places that are unambiguous (one candidate country)."""
        votes: collections.Counter[str] = collections.Counter()
        if hint:
            hinted = self.gazetteer.country(hint)
            if hinted and hinted.country_code:
                votes[hinted.country_code] += 3
        for m in mentions:
            ccs = {c.country_code for c in m.candidates if c.country_code}
            if any(c.feature == "PCLI" for c in m.candidates):
                votes.update(c.country_code for c in m.candidates if c.feature == "PCLI" and c.country_code)
            elif len(ccs) == 1 and not m.fuzzy:
                votes[ccs.pop()] += 0.5
        for word in set(_WORD.findall(text)):
            if word.endswith(("an", "i", "ese", "ish")) and len(word) > 4:
                c = self.gazetteer.country(word)
                if c and c.country_code and name_key(c.name) != name_key(word):
                    votes[c.country_code] += 1
        total = sum(votes.values())
        return {cc: v / total for cc, v in votes.items()} if total else {}

    @staticmethod
    def _admin_support(mentions: list[_Mention]) -> list[collections.Counter[tuple[str, str]]]:
        """For each mention, how many *other* mentions have a candidate in each admin1."""
        sets = [{(c.country_code or "", c.admin1 or "") for c in m.candidates if c.admin1}
                for m in mentions]
        totals: collections.Counter[tuple[str, str]] = collections.Counter()
        for s in sets:
            totals.update(s)
        return [totals - collections.Counter(s) for s in sets]

    # -- scoring ---------------------------------------------------------------------------

    def _score(self, idx: int, c: Place, mentions: list[_Mention], countries: dict[str, float],
               admin_support: list[collections.Counter[tuple[str, str]]], anchors: list[Place]) -> float:
        w, m = self.weights, mentions[idx]
        s = w["population"] * math.log10(max(c.population, 1)) / 7
        if c.feature == "PCLI" and name_key(c.name) == m.key:
            s += w["country_name"]
        elif c.feature == "PCLI":
            s += w["country_name"] / 2  # an alias ("UK", "Britain") still names the country
        if m.generic in _ADM1_WORDS:
            s += w["admin_word"] if c.feature == "ADM1" else 0.0
        elif m.generic in ADMIN_WORDS:
            s += w["admin_word"] if c.feature in ("ADM1", "ADM2") else 0.0
        elif m.generic in CITY_WORDS:
            s += w["city_word"] if c.feature.startswith("PPL") else 0.0
        elif c.feature in AREA_FEATURES:
            s += w["division"]
        elif c.feature == "ADM2":
            s += w["bare_district"]
        if c.country_code is None and c.feature in ("RGN", "CONT"):
            s += w["world"]
        if m.fuzzy:
            s += w["fuzzy"]
        if m.demonym and c.feature == "PCLI":
            s += w["demonym"]
        if (own := name_key(c.name)) != m.key and c.feature != "PCLI":
            s += w["alias_only"]
            # "Municipio Sucre" is Sucre with a generic word, not an old name
            if c.population < m.own_name_population and not own.startswith(m.key) and not own.endswith(m.key):
                s += w["alias_smaller"]
        for j in m.containers:
            inner = mentions[j].candidates
            if any(self._contains(k, c) for k in inner):
                s += w["container"]
                break
        s += w["topic_country"] * countries.get(c.country_code or "", 0.0)
        if c.admin1 and admin_support[idx][(c.country_code or "", c.admin1)]:
            s += w["same_admin1"]
        if anchors and c.latitude is not None and c.longitude is not None:
            d = min(km(c.latitude, c.longitude, a.latitude, a.longitude)  # type: ignore[arg-type]
                    for a in anchors if a.latitude is not None)
            s += w["nearby"] * math.exp(-d / 300)
        return s

    def _outside_container(self, m: _Mention, mentions: list[_Mention]) -> bool:
        """The chosen reading of a small place lies in none of the places the text says
        contain it: the gazetteer has only a namesake elsewhere, and the real place is one
        it lacks. Large towns and divisions keep their reading ("Aleppo, Idlib" may be a
        list of two)."""
        c = m.choice
        if c is None or c.feature in AREA_FEATURES or c.population >= _MAJOR_TOWN:
            return False
        outer = [mentions[j].choice for j in m.containers if mentions[j].choice is not None]
        return bool(outer) and not any(self._contains(o, c) for o in outer if o is not None)

    @staticmethod
    def _contains(outer: Place, inner: Place) -> bool:
        if outer is inner or outer.country_code != inner.country_code or outer.country_code is None:
            return False
        if outer.feature == "PCLI":
            return inner.feature != "PCLI"
        if outer.feature == "ADM1":
            return inner.admin1 == outer.admin1 and inner.feature != "ADM1"
        if outer.feature == "ADM2" and outer.latitude is not None and inner.latitude is not None:
            return km(outer.latitude, outer.longitude, inner.latitude, inner.longitude) < 60  # type: ignore[arg-type]
        # A district named after its town ("Shikarpur, Sindh" with Shikarpur a town too)
        return (outer.admin1 == inner.admin1 and outer.latitude is not None and inner.latitude is not None
                and km(outer.latitude, outer.longitude, inner.latitude, inner.longitude) < 60)  # type: ignore[arg-type]


def geo_precision(text: str, span: Span, place: Place) -> int:
    """ACLED geo-precision for an event placed at ``place`` through ``span``.

    3 for a province, country or continent; 2 when the text places the event near, around
    or in the area/countryside of the place (read from the ~40 characters before and the
    word after the span), or for a second-level division or a very small place; else 1.
    """
    if place.feature in AREA_FEATURES:
        return 3
    if place.feature == "NEAR":  # placed by its container or the story's focus
        return max(place.geo_precision, 2)
    if place.feature == "ADM2":
        return 2
    before = text[max(0, span.start - 40): span.start]
    if _PRECISION2_BEFORE.search(before) or _PRECISION2_AFTER.match(text[span.end: span.end + 20]):
        return 2
    return 1
