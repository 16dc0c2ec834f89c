"""Aggregate claims keep their numbers and provinces, and are placed where they name them.

Reads: a composed :class:`~eventscribe.types.EventMention`, the sentences that told it (spaCy
spans) and the article's resolved toponyms. Writes: the same mention (a new record, never
mutated) with ``quantities`` (kind -> count, from
:func:`eventscribe.extract.quantities.find_quantities`), ``provinces`` (the first-level
divisions named, in text order) and their provenance under ``"quantities"``; an aggregate
naming exactly one province is placed at that province (geo precision 3), one naming several
stays at its country with the provinces listed.

Filled for aggregate mentions, and for any mention whose sentences count targets, sorties or
strikes ("hit 57 targets in 24 sorties"); other mentions come back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Span as SpacySpan

from .extract import quantities as q_mod
from .extract.quantities import Kind, Province, Quantity, find_provinces, find_quantities, totals
from .nlp import doc_text
from .types import EventMention, Place, Provenance, Span, Toponym

__all__ = ["TALLY_KINDS", "tally_claim"]

#: Counts that make a sentence a summary claim's, whether or not it was flagged aggregate.
TALLY_KINDS = frozenset({Kind.TARGETS.value, Kind.SORTIES.value, Kind.STRIKES.value})


def _span(sent: SpacySpan, start: int, end: int) -> Span:
    return Span(start, end, doc_text(sent.doc)[start:end])


def _sentence_of(sentences: Sequence[SpacySpan], offset: int) -> SpacySpan:
    return next(s for s in sentences if s.start_char <= offset < s.end_char)


def _province_place(province: Province, toponyms: Iterable[Toponym]) -> Place | None:
    """The division itself: as the sentence names it, else as the article names it elsewhere
    ("in Hama province" before, "near Kafr Zita" here)."""
    if province.place is not None:
        return province.place
    return next((t.place for t in toponyms if t.place is not None and t.place.feature == "ADM1"
                 and t.place.country_code == province.country_code and t.place.admin1 == province.name), None)


def tally_claim(mention: EventMention, sentences: Sequence[SpacySpan], toponyms: Sequence[Toponym]
                ) -> EventMention:
    """``mention`` with the counts and provinces its ``sentences`` state (the first sentence
    stating a kind gives its count), placed at its one province when it is an aggregate."""
    sentences = list({s.start_char: s for s in sentences}.values())
    found: list[list[Quantity]] = [find_quantities(s) for s in sentences]
    counts: dict[str, int] = {}
    for qs in found:
        for kind, value in totals(qs).items():
            counts.setdefault(kind, value)
    if not mention.aggregate and not TALLY_KINDS & counts.keys():
        return mention
    cc = mention.place.country_code if mention.place is not None else None
    provinces: dict[str, Province] = {}
    for s in sentences:
        for p in find_provinces(s, toponyms, country_code=cc):
            provinces.setdefault(p.name, p)
    provenance = dict(mention.provenance)
    if counts or provinces:
        # the characters: the counts of the first sentence that states any, else the provinces'
        where = [(q.start, q.end) for qs in found for q in qs if q.kind is not Kind.OTHER] \
            or [(p.start, p.end) for p in provinces.values()]
        sent = _sentence_of(sentences, where[0][0])
        hi = max(e for b, e in where if sent.start_char <= b < sent.end_char)
        note = ", ".join(f"{k}={v}" for k, v in counts.items())
        if provinces:
            note += ("; " if note else "") + "provinces: " + ", ".join(provinces)
        provenance["quantities"] = Provenance(_span(sent, where[0][0], hi), "extract.quantities", q_mod.VERSION, note)
    place = mention.place
    if mention.aggregate and len(provinces) == 1:
        (only,) = provinces.values()
        division = _province_place(only, toponyms)
        if division is not None:
            place = replace(division, geo_precision=3)
            named = _span(_sentence_of(sentences, only.start), only.start, only.end)
            provenance["place"] = Provenance(named, "geo.resolver", "geo-1", "the one province an aggregate claim names")
    return replace(mention, quantities=counts, provinces=list(provinces), place=place, provenance=provenance)
