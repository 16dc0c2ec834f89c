"""One frame's fields, coded: when, where, who, with what, how many.

Reads: a current :class:`~eventscribe.read.frames.Frame`, the article's
:class:`~eventscribe.discourse.context.DocContext`, the dates of its sentence, its claim, and
the reading before it (for a place or a day a sentence leaves to the one before). Writes an
immutable :class:`Reading`: every field with its provenance, and whether its place and day
were read from its own sentence (the event coreference stage needs to know).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from ..events import detect
from ..extract import actors as actors_mod
from ..extract import claims as claims_mod
from ..extract import dates as dates_mod
from ..extract import fatalities as fat_mod
from ..extract import weapons as weapons_mod
from ..extract.claims import Claim
from ..extract.dates import DateMention
from ..extract.fatalities import FatalityCount, find_fatalities
from ..extract.weapons import find_weapons
from ..nlp import doc_text
from ..places import PlaceContext, choose_place
from ..read.frames import Frame
from ..geo import ADMIN_WORDS
from ..lexicon import REPORT_VERBS
from ..geo.gazetteer import Gazetteer
from ..geo.resolver import geo_precision
from ..geo.resolver import AREA_FEATURES as _AREAS
from ..types import Place, Provenance, Span, Toponym
from ..extract.actors import ActorMention
from .actors import ActorCase, code_actors
from ..discourse.context import DocContext

__all__ = ["Reading", "bare_city", "doc_span", "lowest_count", "prov", "read_fields"]

# A weapon being made or stored ("a workshop producing IEDs") is the target, not the means.
_NOT_MEANS = re.compile(r"\b(?:producing|making|manufacturing|storing|stored|storage|depots?|caches?|workshops?|"
                        r"factor(?:y|ies)|stockpiles?|seized|found|recovered)\b[^,;.]*$", re.I)


@dataclass(frozen=True)
class Reading:
    """A frame's event with every field coded (one sentence's account; ``compose`` merges them)."""

    frame: Frame
    event_type: str
    sub_event_type: str
    date: dt.date | None
    time_precision: int | None
    place: Place | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    weapons: tuple[str, ...]
    claimed_by: str | None
    confidence: float
    aggregate: bool
    own_place: bool  # the place was named in this sentence
    own_date: bool  # the day was named in this sentence
    provenance: dict[str, Provenance] = field(default_factory=dict)

    @property
    def paragraph(self) -> int:
        return self.frame.paragraph


def prov(extractor: str, version: str, span: Span | None = None, note: str | None = None) -> Provenance:
    return Provenance(span=span, extractor=extractor, version=version, note=note)


def doc_span(doc: Doc, start: int, end: int) -> Span:
    return Span(start, end, doc_text(doc)[start:end])


def lowest_count(text: str, offset: int, sent: object = None) -> FatalityCount | None:
    """The lowest death count in ``text`` (ACLED keeps the lowest of conflicting reports); with
    ``sent`` (its spaCy span) only counts the parse confirms as deaths."""
    counts = find_fatalities(text, offset=offset, sent=sent)
    return min(counts, key=lambda c: c.count) if counts else None


def _date(frame: Frame, dates: list[DateMention], ctx: DocContext, last: Reading | None,
          doc: Doc) -> tuple[dt.date | None, int | None, Provenance | None, bool]:
    lo, hi = frame.clause
    own = [d for d in dates if lo <= d.start < hi] or dates
    published = ctx.article.published
    if own:
        d = own[0]
        return d.date, d.precision, prov("extract.dates", dates_mod.VERSION, doc_span(doc, d.start, d.end), d.pattern), True
    if (last is not None and frame.paragraph - last.paragraph <= 1 and last.event_type == frame.detection.event_type
            and last.date is not None):
        # a sentence continuing the previous event's report keeps its day
        p = last.provenance.get("date")
        p = replace(p, note="continues the previous event sentence") if p else prov(
            "extract.dates", dates_mod.VERSION, None, "previous event")
        return last.date, last.time_precision, p, False
    if ctx.lead is not None:
        return ctx.lead.date, ctx.lead.precision, prov("extract.dates", dates_mod.VERSION,
                                                        doc_span(doc, ctx.lead.start, ctx.lead.end),
                                                        "article's lead date"), False
    if published is not None:
        return published, 2, prov("extract.dates", dates_mod.VERSION, None, "publication date"), False
    return None, None, None, False


def _guessed_abroad(t: Toponym, home: str | None, gazetteer: Gazetteer | None) -> bool:
    """A town abroad that the gazetteer knows under no name as written: a spelling guess
    ("Khiam" read as a German town), never where a report's event happened."""
    p = t.place
    if p is None or gazetteer is None or home is None or p.country_code == home or p.feature in _AREAS:
        return False
    return not any(c.geonameid == p.geonameid for c in gazetteer.candidates(t.span.text))


# nouns a place name qualifies without saying where anything happened ("Pakistan-China
# friendship", "the Gaza ceasefire talks", "the US dollar")
_RELATIONS = frozenset({
    "friendship", "ties", "relations", "relationship", "talks", "ceasefire", "truce", "deal", "agreement", "accord",
    "war", "conflict", "crisis", "policy", "policies", "envoy", "ambassador", "dollar", "currency", "economy",
    "team", "league", "cooperation", "alliance", "partnership", "summit", "negotiations", "dispute", "rivalry",
    "border", "peace", "process", "question", "issue", "file", "dossier", "market", "markets", "investment"})
_LOCATIVE = frozenset({"in", "at", "near", "on", "around", "outside", "inside", "across", "into", "over", "throughout",
                       "along", "to", "towards", "toward", "onto", "off", "west", "east", "north", "south", "within",
                       "by", "through", "of", "upon", "beyond", "past", "behind"})


def _detached(t: Toponym, doc: Doc, home: str | None) -> bool:
    """The place name does not say where the sentence's event happened: an owner ("Islamabad's
    ties", "Russia's ministry"), a qualifier of something other than a place ("Pakistan-China
    friendship"), a partner ("ties with Beijing"); a country abroad must be where things happened
    ("strikes in Syria"), not any mention of it."""
    span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "poss" or any(c.dep_ == "case" for c in root.children):
        return True
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in _RELATIONS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in ("with", "for", "against", "between", "among", "about", "than"):
        return True
    if t.place is not None and t.place.feature == "PCLI" and home is not None and t.place.country_code != home:
        return not ((root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE) or root.dep_ in ("dobj", "conj", "appos"))
    return False


def bare_city(place: Place | None, span: Span | None, doc: Doc, gazetteer: Gazetteer | None) -> Place | None:
    """A province named bare, with no word for a province after it, where a town of the same
    name lies in it ("shelling in Kharkiv"): the event is in the town, as ACLED codes it."""
    if place is None or span is None or gazetteer is None or place.feature != "ADM1":
        return None
    after = doc_text(doc)[span.end: span.end + 20].lower().split()
    before = doc_text(doc)[max(0, span.start - 20): span.start].lower().split()
    if before and re.match(r"(?:north|south|east|west|central|centre|center|upper|lower)", before[-1]):
        return None  # "southern Gaza", "north-western Syria": the region, not the town
    if (after and after[0].strip(".,;:") in ADMIN_WORDS) or span.text.split()[-1].lower() in ADMIN_WORDS:
        return None
    towns = [c for c in gazetteer.candidates(span.text) if c.feature.startswith("PPL")
             and c.country_code == place.country_code and c.admin1 == place.admin1]
    if not towns:
        return None
    town = max(towns, key=lambda c: c.population)
    return replace(town, geo_precision=geo_precision(doc_text(doc), span, town))


def _governed(a: ActorMention, frame: Frame) -> bool:
    """The actor phrase is an argument of the frame's own verb (its first verb above is it)."""
    doc = frame.unit.span.doc
    span = doc.char_span(a.start, a.end, alignment_mode="expand")
    if span is None:
        return False
    verb = next((t for t in span.root.ancestors if t.tag_.startswith("VB")), None)
    return verb is not None and verb.i == frame.predicate


def _self_report(frame: Frame, ctx: DocContext) -> ActorMention | None:
    """The agent the parse names without a force word: a country as the subject ("Ukraine
    launched drone attacks"), or a source reporting its own act ("Russia said it struck areas
    around X", "the group said they attacked")."""
    doc = frame.unit.span.doc
    pred = doc[frame.predicate]
    subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.ent_type_ == "GPE" and pred.lower_ not in REPORT_VERBS:
        # "Ukraine launched drone attacks on Russia": a country acting is its forces
        country = ctx.finder.country_of(subj.text)
        if country:
            return ActorMention(f"Military Forces of {country}", "state", subj.idx, subj.idx + len(subj.text), "agent")
    if frame.reported_by is None:
        return None
    verb = doc[frame.reported_by]
    if not any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we") for c in pred.children):
        return None
    src = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if src is None:
        return None
    phrase = doc[src.left_edge.i: src.right_edge.i + 1]
    actor = next((a for a in ctx.finder.find(phrase, country=None) if a.kind in ("state", "group", "police")), None)
    if actor is None and src.ent_type_ == "GPE":
        country = ctx.finder.country_of(src.text)
        actor = ActorMention(f"Military Forces of {country}", "state", src.idx, src.idx + len(src.text)) if country else None
    return replace(actor, role="agent") if actor is not None else None


def read_fields(frame: Frame, ctx: DocContext, *, dates: list[DateMention], claim: Claim | None,
                last: Reading | None, exclude: tuple[tuple[int, int], ...] = (),
                gazetteer: Gazetteer | None = None) -> Reading:
    """Code one current frame's fields. ``exclude``: character ranges whose place names are
    not where the event happened (a source's description, a person's origin)."""
    det, u = frame.detection, frame.unit
    sent, doc = u.span, u.span.doc
    provenance: dict[str, Provenance] = {
        "event_type": prov(f"events.detect:{det.rule}", detect.VERSION, doc_span(doc, frame.start, frame.end)),
    }
    date, precision, date_prov, own_date = _date(frame, dates, ctx, last, doc)
    if date_prov is not None:
        provenance["date"] = date_prov
    def excluded(t) -> bool:  # noqa: ANN001
        return any(s <= t.span.start < e for s, e in exclude)

    in_sentence = [t for t in ctx.toponyms if u.start <= t.span.start < u.end and t.place is not None]
    if in_sentence and all(excluded(t) for t in in_sentence):
        # the only places named describe the source ("journalists in Kharkiv said"): where the
        # source is, when that is in the article's country, is the best the sentence gives
        home = ctx.country.country_code if ctx.country else None
        exclude = tuple(r for r in exclude if not any(
            r[0] <= t.span.start < r[1] and t.place is not None and t.place.country_code == home
            and not doc_text(doc)[max(0, t.span.start - 6): t.span.start].strip().endswith("from")  # an origin
            for t in in_sentence))
    home_cc = ctx.country.country_code if ctx.country else None
    # a town abroad the gazetteer knows under no name as written is a name it lacks ("Khiam" is
    # no German town): kept as written, placed in the article's area
    toponyms = [replace(t, place=None) if _guessed_abroad(t, home_cc, gazetteer) else t
                for t in ctx.toponyms if not excluded(t)]
    attached = [t for t in toponyms if not (u.start <= t.span.start < u.end) or not _detached(t, doc, home_cc)]
    if not any(u.start <= t.span.start < u.end for t in attached):
        # every place the sentence names is detached: those at home may still be the best it gives
        attached += [t for t in toponyms if u.start <= t.span.start < u.end and t.place is not None
                     and t.place.country_code == home_cc and t.place.feature != "PCLI"]
    toponyms = attached
    place, place_span = choose_place(sent, u.paragraph, det,
                                     PlaceContext(toponyms, ctx.country, ctx.region, ctx.lead_place),
                                     (last.paragraph, last) if last is not None else None)  # type: ignore[arg-type]
    city = bare_city(place, place_span, doc, gazetteer)
    if city is not None:
        place = city
    if place is not None:
        provenance["place"] = prov("geo.resolver", "geo-1", place_span, None if place_span else
                                   "inherited: previous event sentence, the article's lead town, province or country")
    country = place.country if place else (ctx.country.country if ctx.country else None)
    case = ActorCase(sent=sent, event_type=det.event_type, sub_event_type=det.sub_event_type, finder=ctx.finder,
                     country=country, state_actor=ctx.state_actor, found=tuple(ctx.finder.find(sent, country=country)),
                     a1=None, rest=())
    # the agent of the event's own verb before the agent of another clause ("... against forces
    # surrounded by the group")
    agents = sorted((a for a in case.found if a.role == "agent"), key=lambda a: not _governed(a, frame))
    a1 = agents[0] if agents else _self_report(frame, ctx)
    case = replace(case, a1=a1, rest=tuple(a for a in agents[1:] + [a for a in case.found if a.role != "agent"]
                                           if a1 is None or a.name != a1.name))
    actor1, actor2, rows = code_actors(case)
    for key, a in (("actor1", actor1), ("actor2", actor2)):
        if a is not None:
            span = doc_span(doc, a.start, a.end) if a.start >= 0 else None
            provenance[key] = prov("extract.actors", actors_mod.VERSION, span,
                                   ("rows: " + ", ".join(rows)) if rows else None)
    weapons = [w for w in find_weapons(u.text, offset=u.start)
               if not _NOT_MEANS.search(doc_text(doc)[max(u.start, w.start - 40): w.start])]
    if weapons:
        provenance["weapons"] = prov("extract.weapons", weapons_mod.VERSION, doc_span(doc, weapons[0].start, weapons[-1].end))
    count = lowest_count(u.text, u.start, sent)
    if count:
        provenance["fatalities"] = prov("extract.fatalities", fat_mod.VERSION, doc_span(doc, count.start, count.end))
    if claim:
        provenance["claimed_by"] = prov("extract.claims", claims_mod.VERSION, doc_span(doc, claim.start, claim.end))
    return Reading(
        frame=frame, event_type=det.event_type, sub_event_type=det.sub_event_type, date=date,
        time_precision=precision, place=place, actor1=actor1.name if actor1 else None,
        actor2=actor2.name if actor2 else None, fatalities=count.count if count else None,
        weapons=tuple(dict.fromkeys(w.name for w in weapons)), claimed_by=claim.claimant if claim else None,
        confidence=det.confidence, aggregate=det.aggregate, own_place=place_span is not None, own_date=own_date,
        provenance=provenance,
    )
