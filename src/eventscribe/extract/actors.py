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
from typing import Any

from spacy.tokens import Span as SpacySpan

from ..nlp import doc_text

__all__ = ["ActorFinder", "ActorMention", "load_groups", "load_state_forces"]

VERSION = "actors-3"

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
def _catalogue() -> dict[str, Any]:
    """``data/actors.json``, read once."""
    return json.loads(resources.files("eventscribe.data").joinpath("actors.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def load_state_forces() -> tuple[GroupMatcher, dict[str, tuple[str, str]]]:
    """A matcher for state forces known by an acronym or a proper name ("FARDC", "Tatmadaw"),
    and for each of its names the (country, kind) it stands for."""
    entries = _catalogue().get("state_forces", [])
    what = {f"{e['country']}|{e['kind']}": (e["country"], e["kind"]) for e in entries}
    groups = {"groups": [{"name": f"{e['country']}|{e['kind']}", "aliases": e["aliases"], "exact": e["exact"]}
                         for e in entries]}
    return _matcher(groups), what


@lru_cache(maxsize=1)
def load_groups() -> GroupMatcher:
    """The matcher for the named armed groups of ``data/actors.json``."""
    return _matcher(_catalogue())


def _matcher(raw: dict[str, Any]) -> GroupMatcher:
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
# "Russian air strikes", "an Israeli strike", "Ukrainian drone attacks": the means names who used it
_MEANS_STATE = re.compile(r"\b(?P<adj>[A-Z][\w-]+)(?:'s|’s)? (?:(?:government|regime|military|army|navy|naval|"
                          r"coalition|overnight|deadly|latest|new|heavy|intense|massive) )*(?i:(?:air ?|missile |rocket |"
                          r"drone |artillery |aerial |naval )?(?:strikes?|raids?|attacks?|bombardments?|bombing|"
                          r"shelling|barrages?|shells|missiles?|rockets?|fire))\b")
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


# ACLED's convention for organised crime: an unnamed perpetrator of gang-style violence is an
# "Unidentified Gang", not an armed group
_GANG_CUES = re.compile(r"\b(?:gangs?|gangsters?|cartels?|drug (?:dealers?|traffickers?|trafficking|lords?|gangs?)|"
                        r"narco\w*|drive-by|sicarios?|criminal (?:groups?|gangs?|organi[sz]ations?))\b", re.I)
# identity militias in ACLED's names: "Fulani militiamen" -> "Fulani Ethnic Militia (Nigeria)",
# "Al Badi tribesmen" -> "Al Badi Tribal Militia (Yemen)", "militias from Omor" -> "Omor Communal Militia"
_TRIBAL = re.compile(r"\b(?P<name>(?:[A-Z][\w'’-]+ ){1,2}?)(?:tribesmen|tribal (?:militias?|fighters|gunmen)|clansmen|"
                     r"clan (?:militias?|fighters|gunmen))\b")
_ETHNIC = re.compile(r"\b(?P<name>[A-Z][\w'’-]+) (?:ethnic )?(?:militias?|militiamen|herdsmen|gunmen)\b")
# faiths are not peoples: ACLED names religious groups otherwise
_FAITHS = frozenset("muslim muslims christian christians hindu hindus sikh sikhs buddhist buddhists jewish "
                    "shia shiite shiites sunni sunnis catholic catholics protestant islamist islamic".split())
_COMMUNAL = re.compile(r"\b(?:communal )?militias? from (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)")


class ActorFinder:
    """Finds and normalises the actors of a sentence; ``country_of`` maps "Russian"/"Russia" to "Russia"."""

    def __init__(self, country_of: CountryOf) -> None:
        self.country_of = country_of

    def find(self, sent: SpacySpan, *, country: str | None) -> list[ActorMention]:
        """Actors in ``sent`` in text order; ``country`` names the event's country for generic actors."""
        text, base = sent.text, sent.start_char
        found: list[ActorMention] = []

        def add(name: str, kind: str, s: int, e: int, role: str | None = None) -> None:
            if any(a.start <= base + s < a.end or base + s <= a.start < base + e for a in found):
                return
            found.append(ActorMention(name, kind, base + s, base + e, role or _role(sent, base + s, base + e)))

        for start, end, name in load_groups().finditer(text):
            add(name, "group", start, end)
        forces, what = load_state_forces()
        for start, end, key in forces.finditer(text):  # "FARDC soldiers", "the Tatmadaw"
            where, kind = what[key]
            named = self.country_of(where) or where
            add(f"{'Police' if kind == 'police' else 'Military'} Forces of {named}", kind, start, end)
        for m in _FORCES_OF.finditer(text):
            name = m.group("name")
            add(f"Military Forces of {self.country_of(name) or name}", "state", m.start(), m.end())
            # "military forces of India and Pakistan exchanged fire": both sides
            other = re.match(r" and (?:the )?([A-Z][\w'’-]+)", text[m.end():])
            if other and self.country_of(other.group(1)):
                add(f"Military Forces of {self.country_of(other.group(1))}", "state",
                    m.end() + other.start(1), m.end() + other.end(1))
        for m in _STATE.finditer(text):
            # "Syrian Arab Army", "Israel Defense Forces": the country is the first word
            c = self.country_of(m.group("adj")) or self.country_of(m.group("adj").split()[0])
            if c:
                add(f"Military Forces of {c}", "state", m.start(), m.end())
        for m in _MEANS_STATE.finditer(text):
            # whoever the parse says was hit, the state whose strikes they were acted
            c = self.country_of(m.group("adj"))
            if c:
                add(f"Military Forces of {c}", "state", m.start(), m.end(), role="agent")
        for m in _POLICE.finditer(text):
            c = (self.country_of(m.group("adj")) if m.group("adj") else None) or country
            add(f"Police Forces of {c}" if c else "Police", "police", m.start(), m.end())
        for m in _GOV_FORCE.finditer(text):
            if country:
                add(f"Military Forces of {country}", "state", m.start(), m.end())
        suffix = f" ({country})" if country else ""
        # a people's name as the parse sees it: a nationality/group entity or a proper noun
        # ("Suspected Fulani" may come out as one organisation entity)
        peoples = {t.text for t in sent if (t.ent_type_ in ("NORP", "ORG") or t.tag_ in ("NNP", "NNPS"))
                   and not (t.is_sent_start and not t.ent_type_)}
        for m in _COMMUNAL.finditer(text):
            add(f"{m.group('name')} Communal Militia{suffix}", "group", m.start(), m.end())
        for m in _TRIBAL.finditer(text):
            add(f"{m.group('name').strip()} Tribal Militia{suffix}", "group", m.start(), m.end())
        for m in _ETHNIC.finditer(text):
            # only a people's name ("Fulani", "Dogon"), not a country's ("Nigerian gunmen")
            if (m.group("name") in peoples and not self.country_of(m.group("name"))
                    and m.group("name").casefold() not in _FAITHS):
                add(f"{m.group('name')} Ethnic Militia{suffix}", "group", m.start(), m.end())
        unnamed = list(_UNIDENTIFIED.finditer(text))
        label = self.unidentified(country, sent).name if unnamed else ""  # only when needed: it reads on
        for m in unnamed:
            add(label, "unidentified", m.start(), m.end())
        for m in _RIOTERS.finditer(text):
            add("Rioters" + suffix, "rioters", m.start(), m.end())
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

    def unidentified(self, country: str | None, sent: SpacySpan) -> ActorMention:
        """The unnamed perpetrator, as ACLED names it: an "Unidentified Gang" where the sentence
        or the next one tells of gang-style crime (a drive-by, a cartel, drug dealing), else
        an "Unidentified Armed Group"; the country in brackets. No characters: inferred."""
        after = sent.doc[sent.end: sent.end + 60]
        nxt = next(iter(after.sents), None) if len(after) else None
        gang = _GANG_CUES.search(sent.text) or (nxt is not None and _GANG_CUES.search(nxt.text))
        label = "Unidentified Gang" if gang else "Unidentified Armed Group"
        return ActorMention(f"{label} ({country})" if country else label, "unidentified", -1, -1)

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
