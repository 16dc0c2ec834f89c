"""Where an event happened: the place of one event sentence, chosen among the article's toponyms.

Reads: the sentence, its detection, the article's resolved toponyms and context (topic country,
dominant province, the town the report opened with), the event before. Writes: a ``Place``
with its ACLED geo-precision and the characters it was read from.

The order of preference, each step general and explained where applied: a place named in the
sentence (not a dateline, a group's acronym, a weapon model, a country named as a qualifier, a
place a statement was made, a part of a town, nor a town's bracketed containers), the most
specific first; a name the gazetteer lacks, kept as written, in the division the text gives it;
else the previous event's place, the town the report opened with, its province, its country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span as SpacySpan

from .events.detect import Detection
from .extract import actors as actors_mod
from .geo import ADMIN_WORDS, CITY_WORDS
from .geo.resolver import contains_gap, geo_precision
from .nlp import doc_text
from .types import EventMention, Place, Span, Toponym

__all__ = ["PlaceContext", "TOWN_LEVEL", "choose_place", "event_toponyms"]

# A dateline city: "MOGADISHU, Jan. 16 —" / "KYIV (Reuters) -" at the start of a paragraph.
_DATELINE = re.compile(r"(?:^|\n)\s*[*_]*(?P<city>[A-Z][A-Z .'-]{2,40})(?:,[^\n]{0,40}?)?\s*(?:\(|—|–|-{1,2}|:)")
_SAID_AT = re.compile(r"\b(?:briefing|conference|statement|told|said|speaking|interview|addressing|summit|visit)\b"
                      r"[^,;.]{0,25}\b(?:in|at|from)\s+(?:the\s+)?$", re.I)
# "Akinci drones", "Grad rockets": a capitalised word naming a weapon model, not a place
_MODEL_NAME = re.compile(r"\b([A-Z][a-z]+) (?:drones?|jets?|missiles?|rockets?|tanks?|helicopters?|rifles?|"
                         r"launchers?|bombers?|fighters? jets?|howitzers?|systems?)\b")
_COUNTRY_AS_MODIFIER = re.compile(r"(?:'s|’s)?(?:-led|-backed|-based|-made|\s+(?:dollars?|currency|embassy|consulate|"
                                  r"government|forces|troops|army|military|officials?|authorities|president|"
                                  r"ambassador|envoy|ministry|defen[cs]e ministry|-led|-backed))\b", re.I)
# A capitalised word, or a Romance/Arabic connector and one ("Colonia del Parque")
_RUNS_ON = re.compile(r" (?:(?:de|del|de la|da|do|dos|das|al|el)[ -])?([A-Z][a-z]+)\b")
_FACILITY = re.compile(r"(?:Airport|Airbase|Station|Port|Harbou?r|Bridge|Dam|Factory|Plant|Base|Camp|University|"
                       r"Hospital|Prison|Jail|Road|Street|Highway|Market|Square|Stadium|Checkpoint|Crossing|"
                       r"Filtration|Refinery|Mine|Mosque|Church|Cathedral|Barracks|Court|Palace)$")
_FOREIGN_MIN_SCORE = 0.7  # a lone place abroad resolved less surely is likelier a slip
_SUBLOCALITY = re.compile(r"\s*(?:neighbou?rhood|colony|suburb|street|road|avenue|square|market|station|metro|"
                          r"camp|checkpoint|bridge|roundabout|quarter|ward|sector|block|area|community)\b", re.I)
# "Colonia Centenario", "fraccionamiento El Roble": a part of a town
# (a barangay is not among them: it is the village itself)
_SUBLOCALITY_BEFORE = re.compile(r"\b(?:colonia|barrio|fraccionamiento|bairro|sector|quartier|poblado)\s+$", re.I)
# Developments that concern a group or a country as a whole, not a spot on the map
_NATIONAL = {"Change to group/activity", "Agreement", "Other"}
# a place name as written: capitalised letters, spaces, hyphens, apostrophes (the NER also tags
# lower-case slogans and mis-decoded text "vhpâ€" as places)
_NAME_LIKE = re.compile(r"^[A-Z][^\W\d_]*(?:[ '’-][^\W\d_]+)*(?:-\d{1,2})?$")  # "Zolote-5": a numbered settlement
TOWN_LEVEL = {"PPL", "PPLA", "PPLA2", "PPLC", "PPLX", "NEAR"}
_COARSE = {"PCLI", "ADM1", "RGN", "CONT", "ADM2"}  # a named place the gazetteer lacks is more precise
# "NEAR": a place the gazetteer lacks, put by the text inside a known one ("Tieba (Bankass,
# Mopti)"): more precise than its container, so it comes first
_FEATURE_RANK = {"NEAR": -1, "PPL": 0, "ADM2": 1, "ADM1": 2, "PCLI": 3, "CONT": 4}


@dataclass
class PlaceContext:
    """What the article says about where it is."""

    toponyms: list[Toponym]  # the article's toponyms that can place an event (see event_toponyms)
    country: Place | None  # its topic country
    region: Place | None  # its dominant first-level division, when it has one
    lead_place: Place | None  # the town its first sentence names, if any


def _sublocality(text: str, span: Span) -> bool:
    """The name is a part of a town ("Grama neighbourhood", "Colonia Golondrinas"), which ACLED
    codes as the town."""
    return bool(_SUBLOCALITY.match(text[span.end: span.end + 25])
                or _SUBLOCALITY_BEFORE.search(text[max(0, span.start - 25): span.start])
                or _SUBLOCALITY_BEFORE.match(span.text.split(" ", 1)[0] + " "))


def _depth(sent: SpacySpan, t: Toponym) -> int:
    """How many prepositions stand between the name and its sentence's root: among places of one
    level, the one the event's clause names most directly ("struck areas around X ... west of
    Y": X)."""
    span = sent.doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    if span is None:
        return 0
    tok, n = span.root, 0
    while tok.head.i != tok.i and sent.start <= tok.head.i < sent.end:
        n += tok.dep_ == "prep"
        tok = tok.head
    return n


def event_toponyms(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """Toponyms that can place an event: not a dateline city, not a group's acronym ("ELN")."""
    datelines = [(m.start("city"), m.end("city")) for m in _DATELINE.finditer(doc_text(doc))]
    groups = [(s, e) for s, e, _ in actors_mod.load_groups().finditer(doc_text(doc))]
    models = [(m.start(1), m.end(1)) for m in _MODEL_NAME.finditer(doc_text(doc))]

    def overlaps(t: Toponym, ranges: list[tuple[int, int]]) -> bool:
        return any(s < t.span.end and t.span.start < e for s, e in ranges)

    text = doc_text(doc)
    starts = {t.span.start for t in toponyms if t.place is not None}

    def modifier(t: Toponym) -> bool:
        # "the US dollar", "US-led coalition", "Russia's Defence Ministry": a country named as
        # an owner or qualifier of something, not where the event happened
        return bool(t.place and t.place.feature == "PCLI" and _COUNTRY_AS_MODIFIER.match(text, t.span.end))

    def runs_on(t: Toponym) -> bool:
        # "Jardim Catarina", "Colonia San Jeronimo": the match is the head of a longer name the
        # gazetteer lacks, another place. An admin word after it ("Idlib Province") is the same
        # name; a facility of a big place ("Donetsk Airport") is at that place.
        m = _RUNS_ON.match(text, t.span.end)
        if not m or m.group(1).lower() in ADMIN_WORDS | CITY_WORDS:
            return False
        if m.start(1) in starts:
            return False  # "near Deir ez-Zor Syria" (commas lost): the next word is a place of its own
        if _FACILITY.match(m.group(1)) and t.place is None:
            return False  # "near Butovka-Donetskaya Mine": a named facility the gazetteer lacks, kept by its name
        big = t.place is not None and (t.place.feature != "PPL" or t.place.population >= 100_000)
        return not (big and _FACILITY.match(m.group(1)))

    return [t for t in toponyms if not overlaps(t, datelines) and not overlaps(t, groups)
            and not overlaps(t, models) and not modifier(t) and not runs_on(t)]


def choose_place(sent: SpacySpan, paragraph: int, det: Detection, ctx: PlaceContext,
                 last: tuple[int, EventMention] | None) -> tuple[Place | None, Span | None]:
    """Where the event the sentence ``sent`` reports happened, and the characters that say so
    (None when the place is inherited). ``last`` is the previous event (its paragraph)."""
    inside = [t for t in ctx.toponyms if t.place is not None
              and sent.start_char <= t.span.start < sent.end_char]
    if det.aggregate:
        # A summary over several provinces: the country it covers, at precision 3.
        countries = [t for t in inside if t.place and t.place.feature == "PCLI"]
        chosen = countries[0].place if countries else (ctx.country or (inside[0].place if inside else None))
        if chosen is None:
            return None, None
        p = replace(chosen, geo_precision=3)
        return p, countries[0].span if countries else None
    # "told the weekly briefing in Ankara": where it was said, not where it happened
    inside = [t for t in inside if not _SAID_AT.search(doc_text(sent.doc)[max(sent.start_char, t.span.start - 40): t.span.start])]
    topic = ctx.country.country_code if ctx.country else None

    text = doc_text(sent.doc)

    def rank(t: Toponym) -> tuple[int, int, int, int, int, float]:
        assert t.place is not None  # a place abroad in a one-country report is likelier a resolver slip
        # "Grama neighbourhood", "Uskhod metro station": a part of the town ACLED codes as the town
        part = _sublocality(text, t.span)
        # "Nawabshah city (Shaheed Benazirabad, Sindh)": the bracket holds the town's containers,
        # however precisely the gazetteer places them
        container = any(o is not t and o.span.end <= t.span.start and o.place is not None
                        and _FEATURE_RANK.get(o.place.feature, 0) <= max(0, _FEATURE_RANK.get(t.place.feature, 0))
                        and contains_gap(text[o.span.end: t.span.start]) for o in inside)
        return (int(topic is not None and t.place.country_code != topic), int(part), int(container),
                _FEATURE_RANK.get(t.place.feature, 0), _depth(sent, t), -t.score)

    best = min(inside, key=rank) if inside else None
    # A name the gazetteer lacks, in this sentence: the name as written, in the article's
    # province or country (precision 3), is what an ACLED coder would record.
    unknown = [t for t in ctx.toponyms if t.place is None and sent.start_char <= t.span.start < sent.end_char
               and _NAME_LIKE.match(t.span.text) and not _sublocality(text, t.span)]
    if best is not None and best.place is not None and unknown and best.place.feature in ("ADM1", "ADM2"):
        # "shells fell near Kolyvanka ... Donetsk region": the village, somewhere in the division
        coarse = best.place.feature == "ADM1"
        return replace(best.place, name=unknown[0].span.text, feature="NEAR", geonameid=None, population=0,
                       geo_precision=3 if coarse else 2), unknown[0].span
    if best is not None and best.place is not None and not (
            topic is not None and best.place.country_code != topic and best.score < _FOREIGN_MIN_SCORE):
        return replace(best.place, geo_precision=geo_precision(doc_text(sent.doc), best.span, best.place)), best.span
    area = ctx.region if ctx.region is not None and det.sub_event_type not in _NATIONAL else ctx.country
    if unknown and (best is None or best.place is None or best.place.feature in _COARSE):
        named = unknown[0].span
        if area is None:  # not even the country is known: the name alone, unplaced
            return Place(name=named.text, country=None, country_code=None, admin1=None, latitude=None,
                         longitude=None, geo_precision=3, feature="NEAR"), named
        return replace(area, name=named.text, feature="NEAR", geonameid=None, population=0, geo_precision=3), named
    # No place named (or only a lone, weakly resolved place abroad, likelier a local name the
    # gazetteer lacks): continue the previous event's report, else the province, else the country.
    if (last is not None and paragraph - last[0] <= 1 and last[1].place is not None and not last[1].aggregate
            and last[1].event_type == det.event_type):
        return last[1].place, None
    if ctx.lead_place is not None and det.sub_event_type not in _NATIONAL:
        # "In Niteroi, police went to the community ... . A shoot-out followed.": the town the
        # report opened with
        return ctx.lead_place, None
    if ctx.region is not None and det.sub_event_type not in _NATIONAL:
        # The place is unknown to the gazetteer; the article's province is the best ACLED
        # can code (precision 3), better than the whole country.
        return replace(ctx.region, geo_precision=3), None
    if ctx.country is not None:
        return replace(ctx.country, geo_precision=3), None
    return None, None
