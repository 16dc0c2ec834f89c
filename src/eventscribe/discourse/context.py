"""What one article says about itself, gathered before its events are read.

Reads: the parsed ``Doc``, the ``Article``, its resolved event toponyms, its sentence units
and the gazetteer. Writes a :class:`DocContext`: the topic country, the dominant province, the
lead date (the day the news is about), the town the report opens with, the first state actor
(who flies the platforms a briefing names) and the actor finder and claim tracker set up
with the gazetteer's country names.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

from spacy.tokens import Doc

from ..extract import actors as actors_mod
from ..extract.actors import ActorFinder
from ..extract.claims import ClaimTracker
from ..extract.dates import DateMention, find_dates
from ..geo.gazetteer import Gazetteer
from ..nlp import doc_text
from ..places import TOWN_LEVEL
from ..read.units import Unit
from ..types import Article, Place, Toponym

__all__ = ["DocContext", "build_context"]


@dataclass(frozen=True)
class DocContext:
    """The article's own setting: where, when and whose report it is."""

    article: Article
    toponyms: tuple[Toponym, ...]
    country: Place | None  # the article's topic country
    region: Place | None  # its dominant first-level division, when it has one
    lead: DateMention | None  # its first recent date expression: the day its news is about
    finder: ActorFinder
    claims: ClaimTracker
    state_actor: str | None = None
    lead_place: Place | None = None  # the town the article's first sentence names, if any


def build_context(doc: Doc, article: Article, toponyms: list[Toponym], gazetteer: Gazetteer,
                  units: list[Unit]) -> DocContext:
    def country_of(word: str) -> str | None:
        if len(word) == 2 and word.isupper():  # "US", "UK" name countries; "AU forces" are the
            # African Union's, not Australia's: initials count as a name, never as an ISO code
            return next((p.country for p in gazetteer.candidates(word) if p.feature == "PCLI"), None)
        p = gazetteer.country(word)
        return p.country if p else None

    # The topic country: confident, specific places count more than a passing country name
    # ("the US dollar") or a weak fuzzy match.
    weights: collections.Counter[str] = collections.Counter()
    for t in toponyms:
        if t.place and t.place.country_code:
            weights[t.place.country_code] += t.score * (1.0 if t.place.feature == "PCLI" else 1.5)
    topic = None
    if weights:
        topic = gazetteer.country(weights.most_common(1)[0][0])
    else:  # no place resolved: the country its named armed groups fight in, if one
        home = actors_mod.load_groups().home_country(doc_text(doc))
        topic = gazetteer.country(home) if home else None
    finder = ActorFinder(country_of)
    # The state whose forces the report names most (as the actor twice over): it flies the
    # platforms a briefing names without saying whose ("a Su-34 bomber destroyed ...").
    states: collections.Counter[str] = collections.Counter()
    for u in units:
        for a in finder.find(u.span, country=None):
            if a.kind == "state":
                states[a.name] += 2 if a.role == "agent" else 1
    state = states.most_common(1)[0][0] if states else None
    published = article.published
    lead = None
    for u in [u for u in units if len(u.span) >= 6][:4]:
        recent = [d for d in find_dates(u.text, published=published, offset=u.span.start_char)
                  if published is None or 0 <= (published - d.date).days <= 7]
        if recent:
            lead = recent[0]
            break
    state_country = state.removeprefix("Military Forces of ") if state else (topic.country if topic else None)
    regions = collections.Counter((t.place.country_code, t.place.admin1) for t in toponyms
                                  if t.place and t.place.admin1 and topic and t.place.country_code == topic.country_code)
    region = None
    if regions and topic is not None:
        (cc, admin1), n = regions.most_common(1)[0]
        if n >= 2 and (len(regions) == 1 or n > regions.most_common(2)[1][1]):
            region = gazetteer.admin1(cc, admin1) if cc else None
    first = units[0].span if units else None
    towns = [t.place for t in toponyms if first is not None and t.place is not None
             and first.start_char <= t.span.start < first.end_char and t.place.feature in TOWN_LEVEL
             and (topic is None or t.place.country_code == topic.country_code)]
    return DocContext(article, tuple(toponyms), topic, region, lead, finder,
                      ClaimTracker(country_of=country_of, state_country=state_country,
                                   home_country=topic.country if topic else None), state_actor=state,
                      lead_place=towns[0] if towns else None)
