"""The counts a claim states, and the first-level divisions it names.

Reads: a parsed sentence (a spaCy span: its text and its document offsets) and, for
provinces, the document's resolved toponyms. Writes: a :class:`Quantity` per count ("83
militant targets", "in 46 sorties", "killing 12 militants", "dozens of positions") and a
:class:`Province` per first-level division named (an ADM1 place, or the division a named
town lies in), all with document character offsets.

A count's kind is decided by the dependency parse: the noun the number modifies ("46
sorties" -> sorties), or the noun after "of" ("dozens of targets"); a person or a bare number
is a death or an injury by its predicate ("12 militants were killed", "wounding five", "five
people killed"). The pipeline runs no lemmatizer, so words are matched by their forms.
Numbers are read by :func:`eventscribe.extract.fatalities.parse_number` (its vague counts
keep ACLED's fixed values: dozens -> 12, several -> 10, hundreds -> 100).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..lexicon import REPORT_VERBS, inflections
from ..nlp import doc_text
from ..types import Place, Toponym
from .fatalities import parse_number

__all__ = ["Kind", "Province", "Quantity", "find_provinces", "find_quantities", "totals"]

VERSION = "quantities-1"


class Kind(enum.StrEnum):
    """What a count counts."""

    TARGETS = "targets"
    SORTIES = "sorties"
    STRIKES = "strikes"
    KILLED = "killed"
    INJURED = "injured"
    VEHICLES = "vehicles"
    DEPOTS = "depots"
    POSITIONS = "positions"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One count with its characters (document offsets: the number through its noun).

    ``vague`` when the number is a word ACLED gives a fixed value ("dozens"); ``group`` is
    the token index of the coordination the count stands in ("three tanks and five trucks"
    share one), so :func:`totals` can add coordinated counts and not a total and its part.
    """

    kind: Kind
    value: int
    start: int
    end: int
    text: str
    vague: bool = False
    group: int = -1


@dataclass(frozen=True, slots=True)
class Province:
    """A first-level division a sentence names: ``place`` is the division itself when the text
    names it ("in Hama province"), None when read from a town's division ("near Saraqib")."""

    name: str
    country_code: str | None
    start: int
    end: int
    place: Place | None = field(default=None, compare=False, hash=False)


def _plurals(*nouns: str) -> frozenset[str]:
    """Each noun and its regular plural ("facility" -> "facilities", "strike" -> "strikes")."""
    out: set[str] = set()
    for n in nouns:
        out.add(n)
        if n.endswith("y") and n[-2:-1] not in "aeiou":
            out.add(n[:-1] + "ies")
        elif n.endswith(("s", "sh", "ch", "x")):
            out.add(n + "es")
        else:
            out.add(n + "s")
    return frozenset(out)


# The noun a number counts decides the kind; a briefing's generic nouns ("facilities") are
# refined by their modifier ("ammunition facilities" are depots).
_NOUN_KINDS: dict[str, Kind] = {
    **{w: Kind.TARGETS for w in _plurals("target", "facility", "object", "installation", "site")},
    **{w: Kind.SORTIES for w in _plurals("sortie", "flight", "mission")},
    **{w: Kind.STRIKES for w in _plurals("strike", "airstrike", "raid", "airraid", "bombing", "bombardment")},
    **{w: Kind.VEHICLES for w in _plurals("vehicle", "tank", "truck", "pickup", "car", "apc", "bmp", "tanker",
                                          "technical", "lorry", "armour", "armor")},
    **{w: Kind.DEPOTS for w in _plurals("depot", "warehouse", "cache", "dump", "stockpile", "arsenal", "storehouse")},
    **{w: Kind.POSITIONS for w in _plurals("position", "stronghold", "fortification", "outpost", "checkpoint",
                                           "post", "bunker", "trench", "strongpoint", "base", "dugout",
                                           "foxhole", "emplacement", "hideout")},
    **{w: Kind.KILLED for w in _plurals("death", "fatality", "body")},
    "dead": Kind.KILLED,
    **{w: Kind.INJURED for w in _plurals("injury")},
}
_GENERIC = _plurals("facility", "object", "installation", "site", "point", "area")
_MODIFIER_KINDS: dict[str, Kind] = {
    **{w: Kind.DEPOTS for w in ("ammunition", "ammo", "storage", "fuel", "weapons", "arms", "munitions")},
    **{w: Kind.POSITIONS for w in ("command", "firing", "observation", "fortified", "defensive", "training")},
}
# What a person (or a bare number) suffered, by its predicate
_KILL_FORMS = frozenset(
    f for v in ("kill", "slay", "execute", "behead", "massacre", "murder", "eliminate", "liquidate", "neutralize",
                "neutralise") for f in inflections(v)) | {"slain"}  # not "shot": the shot may live
_INJURE_FORMS = frozenset(f for v in ("injure", "wound", "hurt", "maim") for f in inflections(v))
_DIED = frozenset({"died", "die", "dies", "dying", "perished", "perish"})  # their subject is the victim
_STATE_KILLED = frozenset({"dead", "killed", "slain"})  # "12 dead", "five people killed"
_STATE_INJURED = frozenset({"injured", "wounded", "hurt"})
# Numbers that measure time, distance or money are not counts of a claim
_MEASURES = _plurals("hour", "day", "week", "month", "year", "minute", "second", "night", "km", "kilometre",
                     "kilometer", "mile", "metre", "meter", "percent", "dollar", "euro", "ton", "tonne", "time",
                     "decade", "century")
_NOT_COUNTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
# Words that are numbers (parse_number reads them); "a", "some", "many" count too loosely to keep
_NUMBER_WORDS = frozenset({"dozen", "dozens", "hundreds", "scores", "several"})


def _is_number(tok: Token) -> bool:
    return tok.tag_ == "CD" or tok.like_num or tok.lower_ in _NUMBER_WORDS


def _number_tokens(n: Token) -> list[Token]:
    """The tokens of one written number: "twenty - one", "two hundred", "a dozen"."""
    toks = [n]
    for c in n.children:
        if c.i < n.i and (_is_number(c) or c.tag_ == "HYPH" or (c.lower_ == "a" and n.lower_ == "dozen")):
            toks.append(c)
    toks.sort(key=lambda t: t.i)
    return toks if all(b.i - a.i == 1 for a, b in zip(toks, toks[1:])) else [n]


def _value(toks: list[Token]) -> tuple[int, bool] | None:
    words = " ".join(t.lower_ for t in toks).replace(" - ", "-").replace(",", "")
    parsed = parse_number(words)
    if parsed is None and len(toks) > 1:
        parsed = parse_number(toks[-1].lower_.replace(",", ""))
    return parsed


def _noun(n: Token) -> Token | None:
    """The noun the number counts: its head ("46 sorties"), or what follows "of" ("dozens of
    targets"); None for a bare number ("killing 12")."""
    if n.dep_ in ("nummod", "quantmod", "amod", "compound") and n.head.tag_.startswith("NN") and n.head.i > n.i:
        return n.head
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.tag_.startswith("NN"):
                return pobj
    return None


def _noun_kind(noun: Token) -> Kind | None:
    word = noun.lower_
    if word in _GENERIC:
        for c in noun.children:
            if c.dep_ in ("compound", "amod") and c.lower_ in _MODIFIER_KINDS:
                return _MODIFIER_KINDS[c.lower_]
    return _NOUN_KINDS.get(word)


def _state(word: str) -> Kind | None:
    return Kind.KILLED if word in _STATE_KILLED else Kind.INJURED if word in _STATE_INJURED else None


def _verb_kind(word: str) -> Kind | None:
    if word in _KILL_FORMS or word in _DIED:
        return Kind.KILLED
    return Kind.INJURED if word in _INJURE_FORMS else None


def _suffered(tok: Token) -> Kind | None:
    """Killed or injured, by the predicate of ``tok`` (a person noun or a bare number)."""
    for c in tok.children:  # "five people killed", "30 wounded"
        if c.dep_ in ("amod", "acl", "oprd", "acomp", "advmod", "npadvmod") and c.i > tok.i and _state(c.lower_):
            return _state(c.lower_)
    if tok.dep_ == "nummod" and _state(tok.head.lower_):  # "14 dead"
        return _state(tok.head.lower_)
    while tok.dep_ in ("conj", "appos") and tok.head.tag_.startswith(("NN", "CD")):
        tok = tok.head  # "killing 12 soldiers and five civilians": the first conjunct's verb
    verb = tok.head
    if tok.dep_ in ("nsubjpass", "dobj", "oprd"):
        # "left 30 people dead": the state the verb leaves its object in
        state = next((_state(c.lower_) for c in verb.children if c.dep_ == "oprd" and _state(c.lower_)), None)
        return state or _verb_kind(verb.lower_)
    if tok.dep_ == "nsubj":
        if verb.lower_ in _DIED:
            return Kind.KILLED
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return _verb_kind(verb.lower_)  # "... and 12 wounded": a participle without its auxiliary
        if verb.lower_ in ("were", "was", "are", "is") and verb.i > tok.i:  # "12 were dead"
            state = next((c for c in verb.children if c.dep_ in ("acomp", "attr") and c.i > verb.i), None)
            return _state(state.lower_) if state is not None else None
    return None


def _group(tok: Token) -> int:
    """The token index of the first conjunct of ``tok``'s coordination (itself if none)."""
    while tok.dep_ == "conj":
        tok = tok.head
    return tok.i


def find_quantities(sent: SpacySpan) -> list[Quantity]:
    """Every count the sentence states, in text order, with document character offsets.

    Counts of time, distance or money ("in the last 24 hours"), dates and ordinals are left
    out; a count whose noun or predicate says nothing known is ``Kind.OTHER``.
    """
    out: list[Quantity] = []
    for n in sent:
        if not _is_number(n) or (n.head.i != n.i and _is_number(n.head) and n.head.i > n.i and n.dep_ in (
                "compound", "nummod", "quantmod")):
            continue  # not a number, or a part of the next token's number ("twenty" of "twenty-one")
        toks = _number_tokens(n)
        parsed = _value(toks)
        if parsed is None:
            continue
        noun = _noun(n)
        if noun is not None and noun.lower_ in _MEASURES:
            continue
        kind = _noun_kind(noun) if noun is not None else None
        if kind is None and n.ent_type_ in _NOT_COUNTS:
            continue  # a date, a time, an ordinal that no counted noun vouches for
        # the token that stands in the clause: the noun ("12 militants were killed"), or the
        # number when it heads the noun ("dozens of civilians were killed", "killing 12")
        role = noun if noun is not None and noun.i == n.head.i else n
        kind = kind or _suffered(role) or Kind.OTHER
        last = noun if noun is not None and noun.i > n.i else toks[-1]
        start, end = toks[0].idx, last.idx + len(last.text)
        out.append(Quantity(kind, parsed[0], start, end, doc_text(sent.doc)[start:end], vague=parsed[1],
                            group=_group(noun if noun is not None else n)))
    return out


def totals(quantities: Iterable[Quantity]) -> dict[str, int]:
    """One value per kind (``Kind.OTHER`` left out: it adds unlike things). Coordinated counts
    add up ("three tanks and five trucks": 8 vehicles); otherwise the largest stands (a
    total and its part: "40 targets, 12 of them positions")."""
    groups: dict[tuple[Kind, int], int] = {}
    for q in quantities:
        if q.kind is not Kind.OTHER:
            groups[(q.kind, q.group)] = groups.get((q.kind, q.group), 0) + q.value
    out: dict[str, int] = {}
    for (kind, _), value in groups.items():
        out[kind.value] = max(out.get(kind.value, 0), value)
    return out


def _describes_source(tok: Token) -> bool:
    """The name stands in a reporting verb's subject ("the command in Damascus said") or in a
    "from" phrase ("jets flying from Latakia"): not where the claim's strikes fell."""
    for a in (tok, *tok.ancestors):
        if a.dep_ in ("nsubj", "nsubjpass") and a.head.lower_ in REPORT_VERBS:
            return True
        if a.dep_ == "prep" and a.lower_ == "from":
            return True
    return False


def find_provinces(sent: SpacySpan, toponyms: Iterable[Toponym], *, country_code: str | None = None
                   ) -> list[Province]:
    """The first-level divisions the sentence names, once each in text order: an ADM1 place,
    or the division of a town named. ``country_code`` keeps those of one country (a claim's
    provinces are in the country it covers; a capital abroad is where it was made)."""
    out: dict[tuple[str | None, str], Province] = {}
    doc = sent.doc
    for t in sorted(toponyms, key=lambda t: t.span.start):
        p = t.place
        if p is None or not (sent.start_char <= t.span.start < sent.end_char) or not p.admin1:
            continue
        if p.feature not in ("ADM1",) and not p.feature.startswith("PPL"):
            continue
        if country_code is not None and p.country_code != country_code:
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is not None and _describes_source(span.root):
            continue
        key = (p.country_code, p.admin1)
        division = p if p.feature == "ADM1" else None
        if key not in out or (out[key].place is None and division is not None):
            out[key] = Province(p.admin1, p.country_code, t.span.start, t.span.end, division)
    return sorted(out.values(), key=lambda pr: pr.start)
