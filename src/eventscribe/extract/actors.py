"""Actors: who acted and on whom, normalised to ACLED-style names.

Finds actor phrases in a sentence (named armed groups from ``data/actors.json``; state forces
"<Country|demonym> army/forces/air force/warplanes" -> "Military Forces of <Country>"; police;
unidentified gunmen; protesters, rioters, civilians -> "<Kind> (<Country>)"), then gives each a
role from the dependency parse (subject or "by" agent -> actor1; object, passive subject,
"on/against" -> actor2). The country comes from a ``country_of`` callable (the gazetteer's
demonym and name lookup) so this module needs no geography of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span as SpacySpan

from ..nlp import doc_text

__all__ = ["ActorFinder", "ActorMention", "load_groups"]

VERSION = "actors-1"

CountryOf = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor phrase: canonical name, kind, document offsets and its role in the sentence."""

    name: str
    kind: str  # state, police, group, unidentified, protesters, rioters, civilians
    start: int
    end: int
    role: str | None = None  # "agent", "patient" or None when the parse does not say


@dataclass(frozen=True)
class GroupMatcher:
    """All aliases of named armed groups in one pass: one alternation for case-insensitive
    names, one for acronyms that must match exactly ("IS" but not "is"); longest alias first."""

    loose: re.Pattern[str]
    exact: re.Pattern[str]
    names: dict[str, str]  # casefolded (loose) or exact alias -> canonical name
    homes: dict[str, str] = field(default_factory=dict)  # canonical name -> the country it mainly fights in

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every alias occurrence, in text order, no overlaps."""
        hits = [(m.start(), m.end(), self.names[m.group(0).casefold()]) for m in self.loose.finditer(text)]
        hits += [(m.start(), m.end(), self.names[m.group(0)]) for m in self.exact.finditer(text)]
        out: list[tuple[int, int, str]] = []
        for h in sorted(hits, key=lambda h: (h[0], -h[1])):
            if not out or h[0] >= out[-1][1]:
                out.append(h)
        return out

    def home_country(self, text: str) -> str | None:
        """The ISO code of the one country the text's named armed groups fight in ("Houthis" ->
        YE), or None when they name none or several: a report that never names its country
        ("pro-Houthi forces shelled Al Jabaliyah") is still read in the right one."""
        homes = {self.homes[name] for _, _, name in self.finditer(text) if name in self.homes}
        return homes.pop() if len(homes) == 1 else None


@lru_cache(maxsize=1)
def load_groups() -> GroupMatcher:
    """The matcher for the named armed groups of ``data/actors.json``."""
    raw = json.loads(resources.files("eventscribe.data").joinpath("actors.json").read_text("utf-8"))
    names: dict[str, str] = {}
    loose: list[str] = []
    exact: list[str] = []
    homes = {g["name"]: g["countries"][0] for g in raw["groups"] if g.get("countries")}
    for g in raw["groups"]:
        for a in g["aliases"]:
            names[a.casefold()] = g["name"]
            loose.append(a)
        for a in g["exact"]:
            names[a] = g["name"]
            exact.append(a)

    def alternation(aliases: list[str], flags: int) -> re.Pattern[str]:
        body = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)

    return GroupMatcher(alternation(loose, re.IGNORECASE), alternation(exact, 0), names, homes)


_FORCE = (r"(?i:army|armed forces|military|troops|soldiers|air ?force|aerospace forces|navy|naval forces|"
          r"forces|warplanes|war planes|jets|fighter jets|aircraft|helicopters|drones|artillery|marines|"
          r"task force|national guard|gendarmerie|military police)")
_STATE = re.compile(rf"\b(?:[Tt]he )?(?!The\b)(?P<adj>[A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:'s|’s)? (?:(?:government|regime|state|"
                    rf"security|armed|special|regular|pro-government|national|coalition|allied) )*{_FORCE}\b")
# "military forces of Artsakh", "the armed forces of Ukraine"
_FORCES_OF = re.compile(r"\b(?:military|armed|security|government|state|regular) forces of (?:the )?"
                        r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})")
_GOV_FORCE = re.compile(rf"\b(?:government(?:al)?|regime|state|security|pro-government) (?:{_FORCE}|positions|posts)\b|\b(?:the )?(?:army|military|"
                        r"soldiers|troops|armed forces)\b(?!\s+(?:administration|court|prosecutors?|spokes\w+|officials?|"
                        r"hospital|sources?|analysts?|experts?|intelligence|governor|council|junta|leaders?|chiefs?))", re.I)
_POLICE = re.compile(r"\b(?:(?P<adj>[A-Z][\w-]+) )?(?i:police(?:men| officers| forces)?|policem[ae]n|gendarmes?|"
                     r"gendarmerie|security personnel|counter-terrorism department)\b")
_UNIDENTIFIED = re.compile(r"\b(?:unidentified|unknown|suspected) (?:armed )?(?:gunmen|men|assailants|attackers|"
                           r"militants|group|persons|individuals)\b|\b(?:gunmen|armed men|assailants|attackers|"
                           r"bandits|militants|insurgents|jihadists?|terrorists?|rebels|extremists|fighters|"
                           r"militiamen|militia)\b", re.I)
_PROTESTERS = re.compile(r"\b(?:protesters|protestors|demonstrators|marchers|strikers|activists|workers|students|"
                         r"farmers|residents|traders|teachers|doctors|nurses|women|supporters|members of)\b", re.I)
_RIOTERS = re.compile(r"\b(?:rioters|mobs?|angry crowds?|crowds?|vigilantes)\b", re.I)
_CIVILIANS = re.compile(r"\b(?:civilians?|villagers?|residents?|farmers?|herders?|wom[ae]n|m[ae]n|child(?:ren)?|"
                        r"boys?|girls?|people|students?|teachers?|journalists?|worshippers?|passengers?|"
                        r"traders?|family|families|aid workers?|doctors?|body|bodies|teenagers?|youths?)\b", re.I)


class ActorFinder:
    """Finds and normalises the actors of a sentence; ``country_of`` maps "Russian"/"Russia" to "Russia"."""

    def __init__(self, country_of: CountryOf) -> None:
        self.country_of = country_of

    def find(self, sent: SpacySpan, *, country: str | None) -> list[ActorMention]:
        """Actors in ``sent`` in text order; ``country`` names the event's country for generic actors."""
        text, base = sent.text, sent.start_char
        found: list[ActorMention] = []

        def add(name: str, kind: str, s: int, e: int) -> None:
            if any(a.start <= base + s < a.end or base + s <= a.start < base + e for a in found):
                return
            found.append(ActorMention(name, kind, base + s, base + e, _role(sent, base + s, base + e)))

        for start, end, name in load_groups().finditer(text):
            add(name, "group", start, end)
        for m in _FORCES_OF.finditer(text):
            name = m.group("name")
            add(f"Military Forces of {self.country_of(name) or name}", "state", m.start(), m.end())
            # "military forces of India and Pakistan exchanged fire": both sides
            other = re.match(r" and (?:the )?([A-Z][\w'’-]+)", text[m.end():])
            if other and self.country_of(other.group(1)):
                add(f"Military Forces of {self.country_of(other.group(1))}", "state",
                    m.end() + other.start(1), m.end() + other.end(1))
        for m in _STATE.finditer(text):
            c = self.country_of(m.group("adj"))
            if c:
                add(f"Military Forces of {c}", "state", m.start(), m.end())
        for m in _POLICE.finditer(text):
            c = (self.country_of(m.group("adj")) if m.group("adj") else None) or country
            add(f"Police Forces of {c}" if c else "Police", "police", m.start(), m.end())
        for m in _GOV_FORCE.finditer(text):
            if country:
                add(f"Military Forces of {country}", "state", m.start(), m.end())
        suffix = f" ({country})" if country else ""
        for pattern, label, kind in ((_UNIDENTIFIED, "Unidentified Armed Group", "unidentified"),
                                     (_RIOTERS, "Rioters", "rioters")):
            for m in pattern.finditer(text):
                add(label + suffix, kind, m.start(), m.end())
        groups = [a for a in found if a.kind == "group"]
        if groups:
            # "fighters of the ELN", "Boko Haram fighters": a generic word next to a named group
            # is that group; "unidentified gunmen" stays another actor.
            def describes_group(a: ActorMention) -> bool:
                explicit = re.match(r"(?:unidentified|unknown|suspected)", full[a.start:a.end], re.I)
                return not explicit and any(abs(a.start - g.end) <= 25 or abs(g.start - a.end) <= 25 for g in groups)

            full = doc_text(sent.doc)
            found = [a for a in found if a.kind != "unidentified" or not describes_group(a)]
        return sorted(found, key=lambda a: a.start)

    def generic(self, kind: str, *, country: str | None, sent: SpacySpan) -> ActorMention | None:
        """The first protesters/civilians phrase of ``sent`` as an actor of that kind, if any."""
        pattern = {"protesters": _PROTESTERS, "civilians": _CIVILIANS}[kind]
        m = pattern.search(sent.text)
        if not m:
            return None
        label = {"protesters": "Protesters", "civilians": "Civilians"}[kind]
        s, e = sent.start_char + m.start(), sent.start_char + m.end()
        return ActorMention(f"{label} ({country})" if country else label, kind, s, e, _role(sent, s, e))


def _role(sent: SpacySpan, start: int, end: int) -> str | None:
    """Agent or patient, from the dependency parse of the phrase's head token."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(4):
        dep = tok.dep_
        if dep in ("nsubj", "csubj"):
            return "agent"
        if dep in ("nsubjpass", "dobj", "attr", "oprd"):
            return "patient"
        if dep == "pobj":
            prep = tok.head.lower_
            if prep == "by":
                return "agent"
            if prep in ("against", "on", "at", "of", "targeting", "upon", "toward", "towards"):
                return "patient"
            if prep in ("between", "with"):
                return None
        if dep in ("compound", "amod", "poss", "conj", "appos", "nmod") and tok.head is not tok:
            tok = tok.head
            continue
        break
    return None
