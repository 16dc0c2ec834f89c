"""Fatalities under ACLED's conservative rules.

A count is a number (digits or words) or a vague quantity tied to a death word: "12 killed",
"killing at least 12 soldiers", "the bodies of three men", "1 fatality". Vague counts take
ACLED's fixed values (several/many -> 10, dozens -> 12, hundreds -> 100); where reports
conflict, the lowest count stands. Counts of the wounded or of targets are not deaths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["FatalityCount", "find_fatalities", "parse_number"]

VERSION = "fatalities-2"

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a dozen": 12, "dozen": 12,
}
# ACLED's fixed values for vague reports.
_VAGUE = {"several": 10, "many": 10, "scores of": 12, "dozens of": 12, "dozens": 12, "a few": 3,
          "some": 3, "hundreds of": 100, "hundreds": 100, "numerous": 10}

_NUM = (r"(?P<num>\d{1,5}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
        r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozens of|dozens|scores of|hundreds of|"
        r"several|many|a few|numerous)")
_QUAL = r"(?:at least |more than |over |up to |about |around |nearly |almost |some |an estimated )?"
_NOUN = r"(?:[\w-]+ ){0,3}?"
_DEATH = (r"(?:killed|dead|died|slain|lost their lives|lost his life|lost her life|were executed|"
          r"shot dead|beheaded|massacred|murdered|bodies|fatalit(?:y|ies)|deaths?|casualties? \(dead\))")

_PERSON = (r"(?:soldier|civilian|man|woman|child|boy|girl|farmer|officer|policeman|police officer|fighter|militant|"
           r"person|student|journalist|worker|member|resident|villager|teacher|driver|commander|leader|guard|"
           r"trader|herder|rebel|insurgent|gunman|suspect|priest|imam|chief)")
PATTERNS = [
    re.compile(rf"\b(?P<num>an?) (?:[\w-]+ ){{0,2}}?{_PERSON} (?:was |were )?(?:reportedly )?(?:killed|shot dead|"
               rf"died|slain|beheaded|murdered|executed)\b|\b(?:killed|killing|shot dead|murdered) (?P<num2>an?) "
               rf"(?:[\w-]+ ){{0,2}}?{_PERSON}\b", re.I),
    re.compile(rf"(?<!\bno )\b{_QUAL}{_NUM} {_NOUN}(?:(?:were|was|have been|had been|are|being) )?(?:reportedly |all )?{_DEATH}\b", re.I),
    re.compile(rf"\b(?:killing|killed|kill|leaving|left|claimed the lives of|death of|deaths of) {_QUAL}{_NUM}\b", re.I),
    re.compile(rf"\b(?:death toll|toll) (?:\w+ ){{0,3}}(?:rose to|to|of|at|stands at|reached) {_QUAL}{_NUM}\b", re.I),
    re.compile(rf"\bbod(?:y|ies) of {_QUAL}{_NUM}\b", re.I),
]
# Wounded/injured counts and targets look like deaths to the patterns above but are not.
_NOT_DEATH = re.compile(r"\b(?:injur|wound|hurt|targets?\b|sorties?|arrest|detain|abduct|kidnap)", re.I)
_NONE = re.compile(r"\bno (?:one|deaths?|fatalities|casualties)\b|\bnobody (?:was|were) (?:killed|hurt|injured)\b|\bneither (?:injuries|casualties) nor fatalities\b|"
                   r"\bno (?:injuries|casualties) (?:or|and|nor) (?:deaths|fatalities)\b|\bwithout (?:casualties|fatalities)\b", re.I)


@dataclass(frozen=True, slots=True)
class FatalityCount:
    """A death count with its characters (document offsets); ``vague`` when ACLED's fixed value."""

    count: int
    start: int
    end: int
    text: str
    vague: bool = False
    number_at: int = field(default=-1, compare=False)  # document offset of the number itself


def parse_number(token: str) -> tuple[int, bool] | None:
    """``("dozens of") -> (12, True)``, ``("twenty-one") -> (21, False)``, ``("17") -> (17, False)``."""
    t = token.lower().strip()
    if t.isdigit():
        return int(t), False
    if t in _VAGUE:
        return _VAGUE[t], True
    if t in _UNITS:
        return _UNITS[t], False
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] == "hundred":
        return _UNITS[parts[0]] * 100, False
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]], False
    return None


def find_fatalities(text: str, *, offset: int = 0, sent=None) -> list[FatalityCount]:  # noqa: ANN001
    """Every death count in ``text`` (document offsets). An explicit "no fatalities" gives a 0.
    With ``sent`` (the text's spaCy span) the parse confirms each count (see ``read_in_parse``)
    and adds the counts whose noun a death verb governs ("53 civilians, including 21 children, died")."""
    out: list[FatalityCount] = []
    confirm = _confirmer(sent) if sent is not None else None
    if sent is not None:
        out.extend(_parsed_counts(sent))
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            after = text[m.end(): m.end() + 25]
            if _NOT_DEATH.search(m.group(0)) or re.match(r"\s*(?:people |persons |others )?(?:injured|wounded|hurt)", after, re.I):
                continue
            num = m.groupdict().get("num") or m.groupdict().get("num2") or ""
            parsed = parse_number(num)
            if parsed is None or parsed[0] > 5000:
                continue
            at = m.start("num") if m.groupdict().get("num") else m.start("num2")
            count = FatalityCount(parsed[0], offset + m.start(), offset + m.end(), m.group(0), parsed[1], offset + at)
            if confirm is None:
                if any(f.start < count.end and count.start < f.end for f in out):
                    continue  # the first pattern to read these characters wins
            elif not confirm(count) or any(f.number_at == count.number_at for f in out):
                continue  # the parse says which of overlapping readings are deaths
            out.append(count)
    if not out:
        m = _NONE.search(text)
        if m:
            out.append(FatalityCount(0, offset + m.start(), offset + m.end(), m.group(0)))
    return out


_DEATH_WORDS = frozenset({"killed", "killing", "kill", "kills", "dead", "died", "die", "dies", "slain", "executed",
                          "beheaded", "massacred", "murdered", "deaths", "death", "fatalities", "fatality", "bodies",
                          "lives", "toll", "perished", "eliminated", "lost", "left", "leaving", "claimed", "shot"})
_SUBSET = frozenset({"including", "among", "of"})


def _number(sent, at: int):  # noqa: ANN001, ANN202
    return next((t for t in sent if t.idx <= at < t.idx + len(t.text)), None)


def _confirmer(sent):  # noqa: ANN001, ANN202
    """A check that the parse reads a count as deaths of the event: a number counting things a
    non-death verb acted on ("destroyed two vehicles and killed 10 fighters": 10, not 2) or a
    part of a count told beside it ("53 civilians, including 21 children": 53) is not."""
    def confirm(c: FatalityCount) -> bool:
        num = _number(sent, c.number_at) if c.number_at >= 0 else None
        if num is None:
            return True
        noun = num.head if num.dep_ in ("nummod", "quantmod", "amod", "compound") else num
        if any(t.dep_ == "pobj" and t.head.lower_ in ("including", "among") for t in (noun, noun.head)):
            return False  # a subset of a count told beside it
        gov = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and gov.tag_.startswith("VB") and gov.lower_ not in _DEATH_WORDS \
                and not any(w.lower_ in _DEATH_WORDS for w in noun.subtree):
            return False  # "destroyed two vehicles"
        return True
    return confirm


def _parsed_counts(sent) -> list[FatalityCount]:  # noqa: ANN001
    """Counts whose noun is the subject or object of a death verb, read from the parse."""
    out = []
    for tok in sent:
        if tok.dep_ != "nummod":
            continue
        noun, gov = tok.head, tok.head.head
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or gov.lower_ not in _DEATH_VERBS:
            continue
        if any(t.dep_ == "pobj" and t.head.lower_ in ("including", "among") for t in (noun, noun.head)):
            continue
        if re.match(r"(?:injur|wound|hurt)", gov.lower_) or _NOT_DEATH.match(noun.text) or noun.lower_ in _THINGS:
            continue  # "eliminated 83 targets", "destroyed 5 tanks": no one counted
        words = " ".join(t.text for t in tok.subtree if t.i <= tok.i and t.dep_ in ("advmod", "quantmod") or t.i == tok.i)
        parsed = parse_number(tok.text) or parse_number(words.split()[-1])
        if parsed is None or parsed[0] > 5000:
            continue
        end = max(noun.idx + len(noun.text), tok.idx + len(tok.text))
        out.append(FatalityCount(parsed[0], tok.idx, end, sent.doc.text[tok.idx:end], parsed[1], tok.idx))
    return out


_THINGS = frozenset({"targets", "positions", "facilities", "depots", "vehicles", "tanks", "posts", "installations",
                     "compounds", "sites", "buildings", "launchers", "strongpoints", "bases", "trucks", "weapons",
                     "systems", "pieces", "hideouts", "camps", "tunnels", "drones", "missiles", "rockets"})
_DEATH_VERBS = frozenset({"killed", "killing", "kill", "kills", "died", "die", "dies", "slain", "executed", "beheaded",
                          "massacred", "murdered", "perished", "eliminated"})
