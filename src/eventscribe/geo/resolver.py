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
import math
import re

from eventscribe.geo._text import ADMIN_WORDS, CITY_WORDS, name_key, split_generic
from eventscribe.geo._resolver_terms import (_CLUSTER_MARGIN, _CLUSTER_TOP, _CONTAINED_SCORE, _CONTAINER_GAP,
                                             _GUESS_SCORE, _MAJOR_TOWN, AREA_FEATURES, _cluster_support, _focus,
                                             _inside, _isolated_to_focus, _Mention, _near_focus, _one_sense,
                                             _peer_share, contains_gap, km)
from eventscribe.geo.gazetteer import Gazetteer
from eventscribe.types import Place, Span, Toponym

__all__ = ["AREA_FEATURES", "Resolver", "contains_gap", "geo_precision", "km"]


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
