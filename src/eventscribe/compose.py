"""Compose: an article's readings in, one immutable ``EventMention`` per occurrence out.

The document pass (``compose_document``) runs the stages in order for each sentence unit:
detection (``events.detect``, with the classifier's verdict), the frame (``read.frames``), its
temporal status (``discourse.temporal``), its claim (``discourse.claims``), its fields
(``code.reading``), and its occurrence (``discourse.coref``). Each occurrence then becomes one
``EventMention`` (``merge``): the first telling gives the evidence, the most specific place
any telling names wins, and fields the first lacks come from the others.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from .aggregates import tally_claim
from .code.reading import Reading, bare_city, doc_span, lowest_count, prov, read_fields
from .discourse.claims import assign_claims, source_ranges
from .discourse.context import DocContext, build_context
from .discourse.coref import Occurrence, find_occurrence
from .discourse.temporal import Status, TemporalView, status_of
from .events import detect
from .events.detect import Detection, classify, combine
from .events.rules import find as find_cue
from .events.taxonomy import event_type_of
from .extract import fatalities as fat_mod
from .extract.dates import find_dates
from .geo.gazetteer import Gazetteer
from .geo.resolver import geo_precision
from .lexicon import REPORT_VERBS
from .nlp import doc_text
from .places import event_toponyms
from .read.frames import Frame, event_references, origin_ranges, read_frame
from .read.units import Unit, body_units, event_units, typing_candidates
from .settings import Settings
from .types import Article, EventMention, Place, Provenance, Toponym

__all__ = ["body_units", "compose_document", "dated_long_before", "merge", "typing_candidates"]

_NO_MEANS = frozenset({"attack", "attack_in_doc_mode", "classifier", "explosion"})
_REMOTE = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"}
# "3 fatalities.", "20 fatalities split between 3 events.": the reporter's own tally of the event
_TALLY = re.compile(r"^\W*(?P<n>\d+) fatalit(?:y|ies)\b(?: split (?:up )?(?:between|among|across) (?P<k>\d+) events)?",
                    re.I)
_TOWNS = frozenset({"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLX", "NEAR"})
_SPECIFIC = {"NEAR": 0, "PPL": 0, "PPLA": 0, "PPLA2": 0, "PPLC": 0, "PPLX": 0, "ADM2": 1, "ADM1": 2, "RGN": 2,
             "PCLI": 3, "CONT": 4}


@dataclass(frozen=True)
class CountNote:
    """A death count told after an event in a sentence of its own ("Two more died in hospital.")."""

    count: int
    provenance: Provenance
    tally: bool  # the report's own final tally ("1 fatality.")


def _detections(units: list[Unit], typing: Mapping[int, Mapping[str, float]]) -> list[Detection | None]:
    verbal = {id(u) for u in event_units(units)}

    def decide(u: Unit, mode: str | None) -> Detection | None:
        if id(u) not in verbal:  # a verbless unit ("1 fatality.") reports no event of its own
            return None
        return combine(classify(u.text, doc_mode=mode), typing.get(u.start), text=u.text)

    dets = [decide(u, None) for u in units]
    modes = collections.Counter(d.sub_event_type for d in dets if d and d.sub_event_type in _REMOTE)
    # the article's means only when it names it more than once, or in half its events: one air
    # strike told in passing does not make every "attack" in it an air strike
    told = sum(d is not None for d in dets)
    top = modes.most_common(1)[0] if modes else None
    mode = top[0] if top and (top[1] >= 2 or 2 * top[1] >= told) else None
    dets = [decide(u, mode) for u in units] if mode else dets
    means: tuple[object, Detection] | None = None  # (sentence, its first clause's remote detection)
    for i, u in enumerate(units):
        d, sent = dets[i], u.span.sent
        if means is not None and means[0] == sent and u.span.start > sent.start:
            # a clause split from a sentence that named the means ("the sorties killed ..., destroying
            # depots in B"): the same means
            cue = find_cue("attack_verb", u.text)
            if d is None and cue is not None:
                dets[i] = Detection(means[1].sub_event_type, "clause", cue.start(), cue.end(),
                                    means[1].confidence * 0.9, means[1].aggregate)
            elif d is not None and (d.rule in _NO_MEANS or not any(
                    t.dep_ in ("nsubj", "nsubjpass") and t.head.lower_ not in REPORT_VERBS for t in u.span)):
                # with no subject of its own, the clause's "artillery pieces" are what was hit, not the means
                dets[i] = replace(d, sub_event_type=means[1].sub_event_type, rule=f"{d.rule}+clause")
        elif d is not None and d.sub_event_type in _REMOTE:
            means = (sent, d)
    return dets


def compose_document(doc: Doc, article: Article, toponyms: list[Toponym], *, gazetteer: Gazetteer,
                     settings: Settings, units: list[Unit] | None = None,
                     typing: Mapping[int, Mapping[str, float]] | None = None) -> list[EventMention]:
    """The article's event mentions, one per occurrence, in text order.

    ``typing`` maps a unit's start offset to the classifier's label probabilities (see
    ``events.classifier``); without it the rule table types alone.
    """
    units = units if units is not None else body_units(doc, article)
    ctx = build_context(doc, article, event_toponyms(doc, toponyms), gazetteer, units)
    detections = _detections(units, typing or {})
    frames: dict[int, Frame] = {i: read_frame(u, d) for i, (u, d) in enumerate(zip(units, detections)) if d is not None}
    claims = assign_claims(units, frames, ctx.claims)
    published = article.published
    occurrences: list[Occurrence] = []
    notes: dict[int, list[CountNote]] = collections.defaultdict(list)
    refined: dict[int, tuple[Place, Provenance]] = {}  # occurrence id -> a place a later reference names
    last: Reading | None = None
    after_disaster = False  # the unit before reported a disaster or an accident
    for i, u in enumerate(units):
        frame = frames.get(i)
        if frame is not None and after_disaster and _continues_disaster(u, frame.detection):
            frame = None  # "A tank at the plant exploded. Four workers were injured.": the same accident
        after_disaster = detect.reports_disaster(u.text) or (after_disaster and frame is None)
        if frame is None:
            if occurrences:
                note = _count_note(u)
                if note is not None:
                    notes[id(occurrences[-1])].append(note)
                _refine(u, occurrences, ctx, refined)
            continue
        dates = find_dates(u.text, published=published, offset=u.start)
        # the unit before is read for its dates only when this one tells an event (a recap goes on)
        before = units[i - 1] if i > 0 else None
        previous = "dated_long_before" if before is not None and u.paragraph == before.paragraph \
            and u.index - before.index == 1 and dated_long_before(before, published, settings.background_days) else None
        view = TemporalView(frame, doc_text(doc), tuple(dates), published,
                            ctx.lead.date if ctx.lead else None, settings.background_days, previous)
        status, _row = status_of(view)
        if status is not Status.CURRENT or frame.detection.confidence < settings.min_confidence:
            continue
        reading = read_fields(frame, ctx, dates=dates, claim=claims.get(i), last=last, gazetteer=gazetteer,
                              exclude=source_ranges(units, frame) + origin_ranges(u.span))
        for r in (reading, *_coordinated(reading, ctx, gazetteer)):
            occ = find_occurrence(occurrences, r)
            if occ is not None:
                occ.append(r)
            elif not _comment(r):
                occurrences.append([r])
        last = reading
    return [merge(occ, notes.get(id(occ), []), ctx, refined.get(id(occ))) for occ in occurrences]


def _inside(place: Place, area: Place | None) -> bool:
    """``place`` lies in ``area`` (a country, or a province by its name)."""
    if area is None or area.feature not in ("PCLI", "ADM1") or place.country_code != area.country_code:
        return False
    return area.feature == "PCLI" or (bool(area.admin1) and area.admin1 == place.admin1)


def _refine(u: Unit, occurrences: list[Occurrence], ctx: DocContext,
            refined: dict[int, tuple[Place, Provenance]]) -> None:
    """A sentence with no event of its own that refers back to one and says where ("blamed the
    rebels for the attack on the market in Sennar"): the occurrence told only by its province or
    country is placed there."""
    for lo, hi in event_references(u.span):
        named = [t for t in ctx.toponyms if lo <= t.span.start < hi and t.place is not None
                 and t.place.feature not in ("PCLI", "ADM1", "RGN", "CONT")]
        if not named:
            continue
        t = named[0]
        for occ in reversed(occurrences):
            place, _ = _place(occ)
            if occ[0].event_type != "Strategic developments" and place is not None and _inside(t.place, place):
                refined[id(occ)] = (replace(t.place, geo_precision=geo_precision(doc_text(u.span.doc), t.span, t.place)),
                    prov("geo.resolver", "geo-1", t.span, "a later reference to the event names its place"))
                return


def dated_long_before(u: Unit, published: object, days: int) -> bool:
    """The unit is dated long before publication, or to a past month or year, and to no recent
    day ("On 7 October, ...", "in 2014"): what follows it without a date goes on with that recap."""
    if published is None:
        return False
    dates = find_dates(u.text, published=published, offset=u.start)  # type: ignore[arg-type]
    old = [d.precision >= 3 or (published - d.date).days > days for d in dates]  # type: ignore[operator]
    return bool(old) and all(old)  # a recent day beside it ("on Sunday ... since August"): news


def _comment(r: Reading) -> bool:
    """A sentence that refers back to an event ("the attacks were aimed at destabilising the
    country") and says nothing happened: when it joins no occurrence told before, it comments on
    one the article only recalls."""
    f = r.frame
    doc = f.unit.span.doc
    trigger, pred = doc[f.trigger], doc[f.predicate]
    return f.definite and trigger.i != pred.i and find_cue("attack_verb", pred.text) is None \
        and find_cue("clash", pred.text) is None and not r.own_place


def _coordinated(r: Reading, ctx: DocContext, gazetteer: Gazetteer) -> list[Reading]:
    """"Strikes hit Kharkiv and Kramatorsk": ACLED codes one event per town, so the other town of
    a pair coordinated with "and" is read as the same event there (its death count stays with
    the first, which the text does not split)."""
    span = r.provenance.get("place").span if r.provenance.get("place") else None
    if not r.own_place or span is None or r.place is None or r.place.feature not in _TOWNS or r.aggregate:
        return []
    doc = r.frame.unit.span.doc
    head = doc.char_span(span.start, span.end, alignment_mode="expand")
    if head is None:
        return []
    out = []
    anchor = head.root.head if head.root.dep_ == "compound" else head.root  # "Dnipro west of ...": "west"
    people = anchor.head.head if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" else None
    if people is not None and people.conjuncts and not anchor.conjuncts:
        # "A 23-year-old in Urmia and a 16-year-old in Piranshahr were shot": each victim's town
        anchor = people
        group = tuple(g for x in (people, *people.conjuncts) for p in x.children if p.dep_ == "prep"
                      and p.lower_ in ("in", "at", "near") for g in p.children if g.dep_ == "pobj")
        group = group if len(group) == 2 else ()
    else:
        group = (anchor, *anchor.conjuncts)
    if not group:
        return []
    lo, hi = min(t.i for t in group), max(t.i for t in group)
    words = [t.lower_ for t in doc[lo:hi + 1]]
    if len(group) != 2 or (anchor is not people and ("," in words or not ({"and", "or", "&"} & set(words)))):
        return []  # only "X and Y": a list of districts, or "Town, Province", is one event's area
    for conj in group:
        # "Zaporizhzhia and Dnipro west of the Donbas": the name may be a compound of the conjunct
        toks = [conj, *(c for c in conj.children if c.dep_ == "compound")]
        t = next((t for t in ctx.toponyms for tok in toks if t.span.start <= tok.idx < t.span.end and t.place is not None),
                 None)
        if t is None:
            continue
        p = bare_city(t.place, t.span, doc, gazetteer) or t.place
        if p.feature not in _TOWNS or p.country_code != r.place.country_code or p.name == r.place.name \
                or any(o.place is not None and o.place.name == p.name for o in out):
            continue
        p = replace(p, geo_precision=geo_precision(doc_text(doc), t.span, p))
        out.append(replace(r, place=p, fatalities=None, provenance={
            **r.provenance, "place": prov("geo.resolver", "geo-1", doc_span(doc, t.span.start, t.span.end),
                                          "a town coordinated with the event's place")}))
    return out


def _continues_disaster(u: Unit, det: Detection) -> bool:
    """After a disaster or accident is reported, a sentence of casualties or a blast with no
    armed party, weapon or word of deliberate violence tells more of that accident."""
    if det.rule.split("+")[0] not in ("explosion", "attack", "classifier"):
        return False
    return not any(find_cue(cue, u.text) for cue in ("armed_party", "armed_weapons", "deliberate"))


def _count_note(u: Unit) -> CountNote | None:
    """A death count in a sentence with no event of its own, for the event before it."""
    doc = u.span.doc
    tally = _TALLY.match(u.text)
    if tally is not None:
        n, k = int(tally.group("n")), int(tally.group("k") or 1)
        start = u.start + tally.start("n")
        return CountNote(round(n / k) if k > 0 else n,
                         prov("extract.fatalities", fat_mod.VERSION, doc_span(doc, start, u.start + tally.end()),
                              "the report's tally" + (f", split between {k} events" if k > 1 else "")), True)
    c = lowest_count(u.text, u.start)
    if c is None:
        return None
    return CountNote(c.count, prov("extract.fatalities", fat_mod.VERSION, doc_span(doc, c.start, c.end),
                                   "sentence after the event"), False)


def _unnamed(claimant: str) -> bool:
    """A source without a name ("officials", "paramedics and health officials")."""
    return not any(w[:1].isupper() for w in claimant.split())


def _inferred(r: Reading, name: str) -> bool:
    p = r.provenance.get(name)
    return p is not None and p.span is None


def _place(occ: Occurrence) -> tuple[Place | None, Provenance | None]:
    """The most specific place any telling names (the lead says "southern Gaza", the next
    sentence "al-Mawasi"); the first telling's when none names one."""
    named = [r for r in occ if r.own_place and r.place is not None]
    if not named:
        return occ[0].place, occ[0].provenance.get("place")
    best = min(named, key=lambda r: _SPECIFIC.get(r.place.feature if r.place else "", 0))
    return best.place, best.provenance.get("place")


def merge(occ: Occurrence, notes: list[CountNote], ctx: DocContext,
          refinement: tuple[Place, Provenance] | None = None) -> EventMention:
    """One occurrence's readings as one ``EventMention``."""
    head = occ[0]
    provenance = dict(head.provenance)
    fields: dict[str, object] = {}
    place, place_prov = _place(occ)
    if refinement is not None and place is not None and _inside(refinement[0], place):
        place, place_prov = refinement
    if place_prov is not None:
        provenance["place"] = place_prov
    dated = next((r for r in occ if r.own_date), head)
    if "date" in dated.provenance:
        provenance["date"] = dated.provenance["date"]
    for name in ("actor1", "actor2", "claimed_by", "fatalities"):
        value = getattr(head, name)
        for r in occ[1:]:
            other = getattr(r, name)
            if other is None:
                continue
            named_target = name == "actor2" and _inferred(head, name) and not _inferred(r, name) and value is not None
            # "officials say" in the lead, "according to the Red Crescent" after: the named source
            named_source = name == "claimed_by" and value is not None and _unnamed(str(value)) and not _unnamed(str(other))
            named_target = named_target or named_source
            if name in ("actor1", "actor2") and _inferred(r, name) and r.sub_event_type != head.sub_event_type:
                continue  # "Civilians" inferred for an arrest told after a protest is not the protest's
            if value is None or named_target:
                value = other
                if name in r.provenance:
                    provenance[name] = r.provenance[name]
        fields[name] = value
    tallies = [n for n in notes if n.tally]
    if tallies:  # the reporter's final word on the event's deaths
        fields["fatalities"] = tallies[-1].count
        provenance["fatalities"] = tallies[-1].provenance
    elif fields["fatalities"] is None and notes:
        fields["fatalities"] = notes[0].count
        provenance["fatalities"] = notes[0].provenance
    sub = head.sub_event_type
    for r in occ[1:]:  # a demonstration that escalated: the gravest sub-type told
        r_sub = "Violent demonstration" if r.event_type == "Riots" else r.sub_event_type
        if head.event_type == "Protests" and detect.CROWD_SEVERITY.get(r_sub, -1) > detect.CROWD_SEVERITY.get(sub, 0):
            sub = r_sub
            provenance["event_type"] = Provenance(r.provenance["event_type"].span, r.provenance["event_type"].extractor,
                                                  r.provenance["event_type"].version,
                                                  "the demonstration reported before escalated")
            if sub in ("Protest with intervention", "Excessive force against protesters") and fields["actor2"] is None:
                country = place.country if place else None
                force = next((a for a in ctx.finder.find(r.frame.unit.span, country=country)
                              if a.kind in ("police", "state")), None)
                fields["actor2"] = force.name if force else (f"Police Forces of {country}" if country else "Police")
    weapons = list(dict.fromkeys(w for r in occ for w in r.weapons))
    if weapons and "weapons" not in provenance:
        provenance["weapons"] = next(r.provenance["weapons"] for r in occ if "weapons" in r.provenance)
    doc = head.frame.unit.span.doc
    u = head.frame.unit
    return tally_claim(EventMention(
        doc_id=ctx.article.id, event_type=event_type_of(sub), sub_event_type=sub,
        evidence=doc_span(doc, u.start, u.end), date=dated.date, time_precision=dated.time_precision,
        actor1=fields["actor1"], actor2=fields["actor2"], place=place,  # type: ignore[arg-type]
        fatalities=fields["fatalities"], weapons=weapons, claimed_by=fields["claimed_by"],  # type: ignore[arg-type]
        confidence=max(r.confidence for r in occ), aggregate=head.aggregate, provenance=provenance,
    ), [r.frame.unit.span for r in occ], ctx.toponyms)
