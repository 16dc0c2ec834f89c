"""Weapons and platforms named in a sentence, normalised, with their characters.

Model designations (Su-24M, KAB-500, BM-21) are found by their shape (letters, hyphen,
digits), not from a list of models; generic weapon nouns come from a short table of kinds.
Each weapon carries its kind ("aircraft", "guided bomb", "artillery", ...) so later stages can
use the implication (a Sukhoi implies an air strike).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Weapon", "find_weapons"]

VERSION = "weapons-2"

# Designation prefixes and the kind of platform they name (families, not individual models).
_DESIGNATION_KIND = {
    "su": "aircraft", "mig": "aircraft", "tu": "aircraft", "yak": "aircraft", "l": "aircraft",
    "f": "aircraft", "a": "aircraft", "b": "aircraft", "mi": "helicopter", "ka": "helicopter",
    "ah": "helicopter", "uh": "helicopter", "mq": "drone", "rq": "drone", "tb": "drone",
    "kab": "guided bomb", "fab": "bomb", "ofab": "bomb", "gbu": "guided bomb", "agm": "missile",
    "kh": "missile", "bm": "rocket launcher", "tos": "rocket launcher", "s": "air defence",
    "t": "tank", "bmp": "armoured vehicle", "btr": "armoured vehicle", "ak": "rifle", "m": "weapon",
    "rpg": "rocket-propelled grenade", "zu": "anti-aircraft gun", "d": "artillery", "2s": "artillery",
}
_DESIGNATION = re.compile(r"\b(?:Sukhoi |Mikoyan |Tupolev |Kamov |Mil )?(?P<prefix>[A-Z][A-Za-z]{0,3}|2S)-(?P<num>\d{1,4})(?P<suffix>[A-Z]{0,3}\d?)\b")

_GENERIC: list[tuple[str, str]] = [
    (r"(?:improvised explosive devices?|ieds?|roadside bombs?|car bombs?|vbieds?)", "ied"),
    (r"(?:precision[- ])?guided (?:air )?bombs?", "guided bomb"),
    (r"barrel bombs?", "bomb"),
    (r"cluster (?:bombs?|munitions?)", "bomb"),
    (r"(?:air )?bombs?", "bomb"),
    (r"(?:ballistic |cruise |guided |anti-tank |surface-to-air )?missiles?", "missile"),
    (r"rocket[- ]propelled grenades?|rpgs?", "rocket-propelled grenade"),
    (r"(?:hand )?grenades?", "grenade"),
    (r"rockets?", "rocket"),
    (r"mortars?(?: shells?| rounds?)?", "mortar"),
    (r"artillery", "artillery"),
    (r"(?:armed |attack |combat |kamikaze |suicide )?drones?|uavs?", "drone"),
    (r"(?:attack |military )?helicopters?|gunships?", "helicopter"),
    (r"warplanes?|fighter jets?|bombers?|jets?", "aircraft"),
    (r"tanks?", "tank"),
    (r"(?:land ?mines?|anti-(?:personnel|tank) mines?)", "landmine"),
    (r"(?:heavy |light )?machine[- ]guns?", "machine gun"),
    (r"(?:assault )?rifles?|firearms?|guns?|pistols?", "firearm"),
    (r"knives|knife|machetes?|swords?|axes?", "blade"),
    (r"tear ?gas|water cannons?|rubber bullets?", "crowd control"),
    (r"chlorine|sarin|toxic gas|mustard gas", "chemical"),
    # the means itself, when the report names no weapon more precisely
    (r"air ?strikes?|air ?raids?", "air strike"),
    (r"shelling|artillery fire", "artillery"),
    (r"(?:car|truck|vehicle)s? (?:packed|laden|loaded) with explosives|explosives?-laden (?:car|truck|vehicle)s?", "ied"),
]
_GENERIC_RE = [(re.compile(rf"\b(?:{p})\b", re.I), kind) for p, kind in _GENERIC]


# What may stand between a weapon and a generic noun that only describes it:
# "KAB-500 guided bomb", "BM-21 Grad rockets", "Su-34 fighter-bombers".
_DESCRIBES = re.compile(r"[ -]*(?:[A-Z][a-z]+[ -]+|[a-z]+-)?")


@dataclass(frozen=True, slots=True)
class Weapon:
    """A weapon or platform: its normalised name, kind and characters (document offsets)."""

    name: str
    kind: str
    start: int
    end: int


def find_weapons(text: str, *, offset: int = 0) -> list[Weapon]:
    """Designated models first (Su-25SM), then generic kinds not inside an already found one."""
    out: list[Weapon] = []
    for m in _DESIGNATION.finditer(text):
        prefix = m.group("prefix").lower()
        kind = _DESIGNATION_KIND.get(prefix)
        if kind is None:
            continue
        name = f"{m.group('prefix')}-{m.group('num')}{m.group('suffix')}"
        out.append(Weapon(name, kind, offset + m.start("prefix"), offset + m.end()))
    # Characters already accounted for: a found weapon, or a generic noun describing one
    # ("KAB-500 guided bomb", "BM-21 Grad rockets", "Su-34 fighter-bombers").
    used: list[tuple[int, int]] = [(w.start, w.end) for w in out]
    for pattern, kind in _GENERIC_RE:
        for m in pattern.finditer(text):
            s, e = offset + m.start(), offset + m.end()
            if any(a <= s < b or s <= a < e for a, b in used):
                continue
            if any(0 <= s - b <= 12 and _DESCRIBES.fullmatch(text[b - offset: s - offset]) for a, b in used):
                used.append((s, e))  # describes the weapon just before it
                continue
            used.append((s, e))
            out.append(Weapon(m.group(0).lower(), kind, s, e))
    return sorted(out, key=lambda w: w.start)
