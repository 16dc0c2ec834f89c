"""Who acted and on whom: ACLED's actor conventions as tables.

Reads: the actor phrases of the event's sentence with the roles the parse gave them
(``extract.actors``), the event's type, the sentence, the article's state actor. Writes the
actor1/actor2 pair and, for each, the row that decided it.

Three tables, each first-match: ``ROLE_RULES`` (who is the agent, by event type), then
``ACTOR1_DEFAULTS`` and ``ACTOR2_DEFAULTS`` (what ACLED codes when the text names nobody).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan

from ..extract.actors import ActorFinder, ActorMention
from ..nlp import doc_text
from .engine import Convention, decide

__all__ = ["ACTOR1_DEFAULTS", "ACTOR2_DEFAULTS", "ROLE_RULES", "ActorCase", "code_actors"]

REMOTE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"})
_UNCLAIMED_MEANS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})
# ACLED codes the targets of these as civilians unless the text names another target
_CIVILIAN_TARGETS = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence", "Mob violence",
                               "Looting/property destruction", "Arrests"})
_ARMED = frozenset({"state", "police", "group", "unidentified"})
# "two factions of pro-Houthi forces clashed": one actor on both sides
_INFIGHTING = re.compile(r"\b(?:(?:two|rival|competing) (?:factions|wings|groups|branches|commanders)|infighting|"
                         r"internal (?:clash(?:es)?|fighting|dispute)|(?:among|amongst) (?:themselves|each other))\b", re.I)
# "X repelled an attack by Y": Y attacked, X defended
_REPELLED = re.compile(r"\b(?:repel+(?:s|ed|ing)?|repuls(?:e|es|ed|ing)|thwart(?:s|ed|ing)?|foil(?:s|ed|ing)?|"
                       r"fought off|beat back|push(?:ed)? back|fend(?:ed)? off)\s+(?:an?\s+|the\s+|their\s+)?"
                       r"(?:[\w-]+\s+){0,2}?(?:attacks?|assaults?|offensives?|incursions?|advances?|infiltration)"
                       r"\s+(?:by|of|from)\s+", re.I)
_ATTACKED = re.compile(r"\b(?:was|were|been|being|got)\s+(?:\w+\s+)?(?:ambushed|attacked|targeted|assaulted|raided|"
                       r"fired (?:up)?on|shot at|shot dead|shot)\b", re.I)
# victims that are things, not people: no second actor ("hit civilian houses")
_CIVILIANS_HARMED = re.compile(r"\b(?:kill|dead|died|death|injur|wound|casualt|hurt)", re.I)
_CIVILIAN_PROPERTY = re.compile(r"\bcivilian (?:houses|homes|buildings|infrastructure|areas|objects|facilities|"
                                r"property|vehicles?|targets)\b", re.I)


@dataclass(frozen=True)
class ActorCase:
    """The actors of one event as the rules read them so far."""

    sent: SpacySpan
    event_type: str
    sub_event_type: str
    finder: ActorFinder
    country: str | None
    state_actor: str | None  # the article's first state actor (acts through its platforms)
    found: tuple[ActorMention, ...]
    a1: ActorMention | None
    rest: tuple[ActorMention, ...]

    @property
    def text(self) -> str:
        return doc_text(self.sent.doc)[self.sent.start_char: self.sent.end_char]

    def generic(self, kind: str) -> ActorMention | None:
        return self.finder.generic(kind, country=self.country, sent=self.sent)

    def unidentified(self) -> ActorMention:
        return self.finder.unidentified(self.country, self.sent)


def police(country: str | None) -> ActorMention:
    """ACLED's default for the force that intervened in a demonstration (inferred: no characters)."""
    return ActorMention(f"Police Forces of {country}" if country else "Police", "police", -1, -1)


def _crowd(c: ActorCase) -> ActorCase:
    kind = "protesters" if c.event_type == "Protests" else "rioters"
    label = "Protesters" if c.event_type == "Protests" else "Rioters"
    name = f"{label} ({c.country})" if c.country else label
    crowd = c.generic("protesters")
    a1 = ActorMention(name, kind, crowd.start, crowd.end) if crowd else ActorMention(name, kind, -1, -1)
    rest = () if c.sub_event_type == "Peaceful protest" else tuple(a for a in c.found if a.kind in ("state", "police", "group"))
    return replace(c, a1=a1, rest=rest)


def _perpetrator(c: ActorCase) -> ActorCase:
    armed = [a for a in ((c.a1,) if c.a1 else ()) + c.rest if a.kind in _ARMED]
    a1 = armed[0] if armed else None
    rest = tuple(a for a in c.rest if a is not a1)
    victims = c.generic("civilians")
    if victims is not None and not any(a.kind in ("state", "group", "police") for a in rest[:1]):
        rest = (victims,)
    return replace(c, a1=a1, rest=rest)


Rule = Convention[ActorCase, ActorCase]
Pick = Callable[[ActorCase], object]

ROLE_RULES: list[Rule] = [
    Convention("crowd_is_actor1", "actors", lambda c: c.event_type in ("Protests", "Riots"), _crowd,
               examples=("Hundreds of teachers marched in Accra to demand unpaid salaries.",)),
    Convention("perpetrator_is_armed", "actors", lambda c: c.event_type == "Violence against civilians", _perpetrator,
               examples=("Gunmen killed four farmers near Jos.",)),
    Convention("ambushed_is_target", "actors",
               lambda c: c.a1 is None and bool(c.rest) and c.rest[0].role == "patient" and (
                   c.sub_event_type in _UNCLAIMED_MEANS or (c.event_type == "Battles" and _ATTACKED.search(c.text))),
               lambda c: replace(c, a1=c.unidentified()),
               examples=("A police patrol was ambushed on the highway.",)),
    Convention("patient_acts_when_alone", "actors",
               lambda c: c.a1 is None and bool(c.rest) and c.sub_event_type != "Air/drone strike",
               lambda c: replace(c, a1=c.rest[0], rest=c.rest[1:])),
]


def _repelled(c: ActorCase) -> ActorCase:
    """"X repelled an attack by Y": Y is actor1, the defender the target."""
    m = _REPELLED.search(c.text)
    if not m or c.a1 is None or c.a1.start >= c.sent.start_char + m.start():
        return c
    attacker = next((a for a in c.rest if a.start >= c.sent.start_char + m.end()), None)
    if attacker is None:
        return c
    return replace(c, a1=attacker, rest=(c.a1,) + tuple(a for a in c.rest if a is not attacker))


_REPELLED_ROW: Rule = Convention("repelled_attacker_acts", "actors", lambda c: _REPELLED.search(c.text) is not None,
                                 _repelled, examples=("Troops repelled an attack by militants on the base.",))

ACTOR1_DEFAULTS: list[Rule] = [
    Convention("platform_acts_for_state", "actor1",
               lambda c: c.a1 is None and c.sub_event_type in REMOTE and c.state_actor is not None,
               lambda c: replace(c, a1=ActorMention(c.state_actor or "", "state", -1, -1)),
               note="the article's state actor flies the platforms (\"a Su-34 bomber\" in a briefing on Russian strikes)"),
    Convention("other_party_acts", "actor1",
               lambda c: c.a1 is None and bool(c.rest) and c.event_type != "Violence against civilians",
               lambda c: replace(c, a1=c.rest[0], rest=c.rest[1:])),
    Convention("unnamed_perpetrator", "actor1",
               lambda c: c.a1 is None and (c.event_type == "Violence against civilians" or c.sub_event_type in _UNCLAIMED_MEANS),
               lambda c: replace(c, a1=c.unidentified()),
               examples=("A roadside bomb killed two people in the market.",)),
    Convention("clash_unnamed_side", "actor1", lambda c: c.a1 is None and c.sub_event_type == "Armed clash",
               lambda c: replace(c, a1=c.unidentified()), examples=("A shoot-out took place in the village.",)),
]


def _victims(c: ActorCase) -> ActorCase:
    victims = c.generic("civilians")
    if victims is not None and _CIVILIAN_PROPERTY.search(c.text) and not _CIVILIANS_HARMED.search(c.text):
        victims = None  # shells that hit civilian houses: property, no victims to code
    return replace(c, rest=(victims,) if victims is not None else ())


ACTOR2_DEFAULTS: list[Rule] = [
    Convention("named_civilian_victims", "actor2",
               lambda c: not c.rest and c.event_type in ("Explosions/Remote violence", "Violence against civilians")
               and c.generic("civilians") is not None, _victims,
               examples=("Shelling killed three civilians in the town.",)),
    Convention("civilian_target_default", "actor2", lambda c: not c.rest and c.sub_event_type in _CIVILIAN_TARGETS,
               lambda c: replace(c, rest=(ActorMention(f"Civilians ({c.country})" if c.country else "Civilians",
                                                       "civilians", -1, -1),))),
    Convention("infighting_both_sides", "actor2",
               lambda c: not c.rest and c.sub_event_type == "Armed clash" and c.a1 is not None and _INFIGHTING.search(c.text),
               lambda c: replace(c, rest=(c.a1,) if c.a1 else ()),
               examples=("Two factions of the militia clashed in the port.",)),
    Convention("intervening_police", "actor2",
               lambda c: not c.rest and c.sub_event_type in ("Protest with intervention", "Excessive force against protesters"),
               lambda c: replace(c, rest=(police(c.country),))),
    Convention("clash_has_two_sides", "actor2", lambda c: not c.rest and c.sub_event_type == "Armed clash",
               lambda c: replace(c, rest=(c.unidentified(),)),
               examples=("Soldiers clashed with gunmen near the border.",)),
]


def code_actors(case: ActorCase) -> tuple[ActorMention | None, ActorMention | None, list[str]]:
    """actor1, actor2 and the names of the rows that decided them."""
    fired: list[str] = []
    for table in (ROLE_RULES, [_REPELLED_ROW],
                  ACTOR1_DEFAULTS, ACTOR2_DEFAULTS):
        case, row = decide(table, case, case)
        if row is not None:
            fired.append(row.name)
    rest = case.rest
    if case.sub_event_type == "Change to group/activity":
        # a group's own move (a deployment, a new leader) has no second party, unless another
        # named actor takes part ("IS militants are in talks with the Nusra Front")
        rest = tuple(a for a in rest if a.kind in ("group", "state", "police"))
    return case.a1, (rest[0] if rest else None), fired
