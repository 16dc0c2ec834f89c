"""Compose event mentions for one parsed article: type each sentence unit, read its fields.

Reads: the spaCy ``Doc``, the ``Article`` (publication date), the document's resolved
toponyms. Writes: ``EventMention`` records, one per event per article (repetitions merged),
each field with its provenance (the characters it came from, or a note saying what it was
inherited from).

Context rules, each general and explained where applied:
- a sentence without a place inherits the place of the previous event sentence in the
  same or the previous paragraph (reports elaborate one strike over several sentences);
- without a date, the article's lead date (its first recent date expression), else the
  publication date with precision 2;
- without an attribution, the paragraph's; where most attributed events share one claimant,
  unattributed ones inherit it (a briefing relayed sentence by sentence).
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span as SpacySpan

from .dedup import merge_key
from .events import detect
from .events.detect import Detection, classify, combine, is_candidate
from .events.rules import find as find_cue
from .events.taxonomy import event_type_of
from .extract import actors as actors_mod
from .extract import claims as claims_mod
from .extract import dates as dates_mod
from .extract import fatalities as fat_mod
from .extract import weapons as weapons_mod
from .extract.actors import ActorFinder, ActorMention
from .extract.claims import Claim, ClaimTracker
from .extract.dates import DateMention, find_dates
from .extract.fatalities import FatalityCount, find_fatalities
from .extract.weapons import find_weapons
from .geo.gazetteer import Gazetteer
from .geo.resolver import AREA_FEATURES
from .nlp import doc_text, is_verb
from .places import TOWN_LEVEL, PlaceContext, choose_place, event_toponyms
from .settings import Settings
from .types import Article, EventMention, Place, Provenance, Span, Toponym

__all__ = ["body_units", "compose_document", "sentence_units", "typing_candidates"]

_REMOTE = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"}
_CASUALTY_ONLY = re.compile(r"^(?:wound(?:ed|ing|s)?|injur(?:ed|ing|ies)|kill(?:ed)?|dead|died|shot)$", re.I)
_NOT_MEANS = re.compile(r"\b(?:producing|making|manufacturing|storing|stored|storage|depots?|caches?|workshops?|"
                        r"factor(?:y|ies)|stockpiles?|seized|found|recovered)\b[^,;.]*$", re.I)
_UNCLAIMED_MEANS = {"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"}
# ACLED codes the targets of these as civilians unless the text names another target
_CIVILIAN_TARGETS = {"Attack", "Abduction/forced disappearance", "Sexual violence", "Mob violence",
                     "Looting/property destruction", "Arrests"}
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


@dataclass
class _Unit:
    span: SpacySpan
    paragraph: int

    @property
    def text(self) -> str:
        # a slice of the cached document text: ``Span.text`` rebuilds it from every token
        return doc_text(self.span.doc)[self.span.start_char: self.span.end_char]


def sentence_units(doc: Doc) -> list[_Unit]:
    """spaCy sentences cut at paragraph breaks (blank lines) and re-joined where the parser
    split inside a sentence (after a bracket or an unfinished clause), each tagged with its
    paragraph index. Pieces without a letter (markdown rules, stray quotes) are dropped."""
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", doc_text(doc))] + [len(doc_text(doc))]
    units: list[_Unit] = []
    for sent in doc.sents:
        cuts = [sent.start_char] + [b for b in breaks if sent.start_char < b < sent.end_char] + [sent.end_char]
        for lo, hi in zip(cuts, cuts[1:]):
            piece = doc.char_span(lo, hi, alignment_mode="contract")
            if piece is None or not re.search(r"[A-Za-z]", piece.text):
                continue
            first = piece.start
            while first < piece.end - 1 and (doc[first].is_space or doc[first].text in {"*", "-", "--", "---"}):
                first += 1
            piece = doc[first: piece.end]
            para = bisect.bisect_right(breaks, piece.start_char)
            if units and units[-1].paragraph == para and not re.search(r"[.!?][\"”’*)\]]*\s*$", units[-1].text):
                prev = units[-1].span
                units[-1] = _Unit(doc[prev.start: piece.end], para)
            else:
                units.append(_Unit(piece, para))
    return units


@dataclass
class _Context:
    """What one article says about itself, gathered before events are read."""

    article: Article
    toponyms: list[Toponym]
    country: Place | None  # the article's topic country
    region: Place | None  # the article's dominant first-level division, when it has one
    lead: DateMention | None
    finder: ActorFinder
    claims: ClaimTracker
    doc_mode: str | None = None
    state_actor: str | None = None
    para_claims: dict[int, Claim] = field(default_factory=dict)
    lead_place: Place | None = None  # the town the article's first sentence names, if any


def body_units(doc: Doc, article: Article) -> list[_Unit]:
    """The sentence units of the article's body: the headline, which repeats the lead, trimmed."""
    body = _body_start(doc_text(doc), article)
    return [_trim(u, body) for u in sentence_units(doc) if u.span.end_char > body + 1]


def event_units(units: list[_Unit]) -> list[_Unit]:
    """Units that may report an event: a unit without a verb (a dateline, a caption, a list of
    names) reports none."""
    return [u for u in units if any(is_verb(t) for t in u.span)]


def typing_candidates(units: list[_Unit], *, short: int = 4) -> list[_Unit]:
    """The event units worth a classifier's look. In a short report (at most ``short`` event
    units) every one: the classifier finds events worded without any cue of the rule table
    ("a stash of rifles was found in a dam"). In a longer article only those whose typing it
    could change (an event cue is present and no specific rule settled it): embedding is the
    costly step, and most sentences of an article report no event."""
    candidates = event_units(units)
    if len(candidates) <= short:
        return candidates
    return [u for u in candidates if is_candidate(u.text)]


def compose_document(doc: Doc, article: Article, toponyms: list[Toponym], *, gazetteer: Gazetteer,
                     settings: Settings, units: list[_Unit] | None = None,
                     typing: Mapping[int, Mapping[str, float]] | None = None) -> list[EventMention]:
    """The article's event mentions, repetitions merged, in text order.

    ``typing`` maps a unit's start offset to the classifier's label probabilities (see
    ``events.classifier``); without it the rule table types alone.
    """
    units = units if units is not None else body_units(doc, article)
    toponyms = event_toponyms(doc, toponyms)
    ctx = _context(doc, article, toponyms, gazetteer, units)
    verbal = {id(u) for u in event_units(units)}
    typing = typing or {}

    def decide(u: _Unit, mode: str | None) -> Detection | None:
        if id(u) not in verbal:  # a verbless unit ("1 fatality.") reports no event of its own
            return None
        return combine(classify(u.text, doc_mode=mode), typing.get(u.span.start_char), text=u.text)

    detections: list[tuple[_Unit, Detection | None]] = [(u, decide(u, None)) for u in units]
    modes = collections.Counter(d.sub_event_type for _, d in detections if d and d.sub_event_type in _REMOTE)
    ctx.doc_mode = modes.most_common(1)[0][0] if modes else None
    if ctx.doc_mode:
        detections = [(u, decide(u, ctx.doc_mode)) for u, _ in detections]

    for u in units:  # attributions first: a quote's "he said" may close the paragraph
        claim = ctx.claims.claim_of(u.span)
        if claim and u.paragraph not in ctx.para_claims:
            ctx.para_claims[u.paragraph] = claim

    mentions: list[EventMention] = []
    last: tuple[int, EventMention] | None = None  # (paragraph, mention) for place inheritance
    after_disaster = False  # the unit before reported a disaster or an accident
    for u, det in detections:
        if det is not None and after_disaster and _continues_disaster(u, det):
            det = None  # "A tank at the plant exploded. Four workers were injured.": the same accident
        after_disaster = detect.reports_disaster(u.text) or (after_disaster and det is None)
        if det is None:
            if last is not None:  # "1 fatality." after the event
                _attach_counts(u, last[1])
            continue
        if last is not None and _escalates(u, det, last, ctx):
            continue
        m = _mention(u, det, ctx, settings, last)
        if last is not None and u.paragraph - last[0] <= 1:
            if (det.rule in ("attack", "explosion") and _CASUALTY_ONLY.search(u.text[det.start: det.end])
                    and (m is None or not _moves_on(u, m, last[1]))):
                # "Four other passengers were wounded": more about the event just reported.
                _attach_counts(u, last[1])
                continue
            if m is not None and m.confidence >= settings.min_confidence and _elaborates(u, m):
                _fold(last[1], m)
                continue
        if m is None or m.confidence < settings.min_confidence:
            continue
        mentions.append(m)
        last = (u.paragraph, m)
    _inherit_claims(mentions, list(ctx.para_claims.values()))
    return _merge_repeats(mentions)


def _continues_disaster(u: _Unit, det: Detection) -> bool:
    """After a disaster or accident is reported, a sentence of casualties or a blast with no
    armed party, weapon or word of deliberate violence tells more of that accident."""
    if det.rule.split("+")[0] not in ("explosion", "attack", "classifier"):
        return False
    return not any(find_cue(cue, u.text) for cue in ("armed_party", "armed_weapons", "deliberate"))


def _trim(u: _Unit, start: int) -> _Unit:
    """The unit without any part before ``start`` (a headline run into the first sentence)."""
    if u.span.start_char >= start:
        return u
    doc = u.span.doc
    i = u.span.start
    while i < u.span.end and (doc[i].idx < start or doc[i].is_space):
        i += 1
    return _Unit(doc[i: u.span.end], u.paragraph)


def _body_start(text: str, article: Article) -> int:
    """Where the article's body starts: after its headline, when the headline opens the text.
    A "title" that ends like a sentence, or is all the text there is, is the body itself (a
    one-paragraph report read from a file or stdin)."""
    title = (article.title or "").strip()
    if not title or re.search(r"[.!?][\"”’]?$", title):
        return 0
    i = text.find(title, 0, 600)
    if i < 0 or not text[i + len(title):].strip():
        return 0
    return i + len(title)


def _context(doc: Doc, article: Article, toponyms: list[Toponym], gazetteer: Gazetteer,
             units: list[_Unit]) -> _Context:
    def country_of(word: str) -> str | None:
        if len(word) == 2 and word.isupper():  # "US", "UK" name countries; "AU forces" are the
            # African Union's, not Australia's: initials count as a name, never as an ISO code
            return next((p.country for p in gazetteer.candidates(word) if p.feature == "PCLI"), None)
        p = gazetteer.country(word)
        return p.country if p else None

    # The topic country: confident, specific places count more than a passing country name
    # ("the US dollar") or a weak fuzzy match.
    weights: collections.Counter[str] = collections.Counter()
    for t in toponyms:
        if t.place and t.place.country_code:
            weights[t.place.country_code] += t.score * (1.0 if t.place.feature == "PCLI" else 1.5)
    topic = None
    if weights:
        cc = weights.most_common(1)[0][0]
        topic = gazetteer.country(cc)
    else:  # no place resolved: the country its named armed groups fight in, if one
        home = actors_mod.load_groups().home_country(doc_text(doc))
        topic = gazetteer.country(home) if home else None
    finder = ActorFinder(country_of)
    state = None
    for u in units[:8]:
        for a in finder.find(u.span, country=None):
            if a.kind == "state":
                state = a.name
                break
        if state:
            break
    published = article.published
    lead = None
    for u in [u for u in units if len(u.span) >= 6][:4]:
        recent = [d for d in find_dates(u.text, published=published, offset=u.span.start_char)
                  if published is None or 0 <= (published - d.date).days <= 7]
        if recent:
            lead = recent[0]
            break
    state_country = state.removeprefix("Military Forces of ") if state else (topic.country if topic else None)
    regions = collections.Counter((t.place.country_code, t.place.admin1) for t in toponyms
                                  if t.place and t.place.admin1 and topic and t.place.country_code == topic.country_code)
    region = None
    if regions and topic is not None:
        (cc, admin1), n = regions.most_common(1)[0]
        if n >= 2 and (len(regions) == 1 or n > regions.most_common(2)[1][1]):
            region = gazetteer.admin1(cc, admin1) if cc else None
    first = units[0].span if units else None
    towns = [t.place for t in toponyms if first is not None and t.place is not None
             and first.start_char <= t.span.start < first.end_char and t.place.feature in TOWN_LEVEL
             and (topic is None or t.place.country_code == topic.country_code)]
    return _Context(article, toponyms, topic, region, lead, finder,
                    ClaimTracker(country_of=country_of, state_country=state_country), state_actor=state,
                    lead_place=towns[0] if towns else None)


def _prov(extractor: str, version: str, span: Span | None = None, note: str | None = None) -> Provenance:
    return Provenance(span=span, extractor=extractor, version=version, note=note)


def _doc_span(doc: Doc, start: int, end: int) -> Span:
    return Span(start, end, doc_text(doc)[start:end])


def _mention(u: _Unit, det: Detection, ctx: _Context, settings: Settings,
             last: tuple[int, EventMention] | None) -> EventMention | None:
    sent, doc = u.span, u.span.doc
    published = ctx.article.published
    prov: dict[str, Provenance] = {
        "event_type": _prov(f"events.detect:{det.rule}", detect.VERSION,
                            _doc_span(doc, sent.start_char + det.start, sent.start_char + det.end)),
    }
    # --- when ------------------------------------------------------------------------
    dates = find_dates(sent.text, published=published, offset=sent.start_char)
    date: dt.date | None
    if dates:
        d = dates[0]
        if published is not None and (published - d.date).days > settings.background_days:
            return None  # dated well before publication: background, not a current event
        date, precision = d.date, d.precision
        prov["date"] = _prov("extract.dates", dates_mod.VERSION, _doc_span(doc, d.start, d.end), d.pattern)
    elif (last is not None and u.paragraph - last[0] <= 1 and last[1].event_type == det.event_type
          and last[1].date is not None):
        # a sentence continuing the previous event's report keeps its day
        date, precision = last[1].date, last[1].time_precision
        prov["date"] = replace(last[1].provenance["date"], note="continues the previous event sentence") \
            if "date" in last[1].provenance else _prov("extract.dates", dates_mod.VERSION, None, "previous event")
    elif ctx.lead is not None:
        date, precision = ctx.lead.date, ctx.lead.precision
        prov["date"] = _prov("extract.dates", dates_mod.VERSION, _doc_span(doc, ctx.lead.start, ctx.lead.end),
                             "article's lead date")
    elif published is not None:
        date, precision = published, 2
        prov["date"] = _prov("extract.dates", dates_mod.VERSION, None, "publication date")
    else:
        date, precision = None, None
    # --- where -----------------------------------------------------------------------
    place, place_span = choose_place(u.span, u.paragraph, det, PlaceContext(ctx.toponyms, ctx.country, ctx.region,
                                                                            ctx.lead_place), last)
    if place is not None:
        prov["place"] = _prov("geo.resolver", "geo-1", place_span,
                              None if place_span else
                              "inherited: previous event sentence, the article's lead town, province or country")
    country = place.country if place else (ctx.country.country if ctx.country else None)
    # --- who ---------------------------------------------------------------------------
    actor1, actor2 = _actors(sent, det, ctx, country, prov)
    # --- with what, how many, according to whom ----------------------------------------
    # A weapon being made or stored ("a workshop producing IEDs") is the target, not the means.
    weapons = [w for w in find_weapons(sent.text, offset=sent.start_char)
               if not _NOT_MEANS.search(doc_text(doc)[max(sent.start_char, w.start - 40): w.start])]
    if weapons:
        prov["weapons"] = _prov("extract.weapons", weapons_mod.VERSION,
                                _doc_span(doc, weapons[0].start, weapons[-1].end))
    count = _lowest_count(sent)
    fatalities = count.count if count else None
    if count:
        prov["fatalities"] = _prov("extract.fatalities", fat_mod.VERSION, _doc_span(doc, count.start, count.end))
    claim = ctx.para_claims.get(u.paragraph)
    if claim:
        prov["claimed_by"] = _prov("extract.claims", claims_mod.VERSION, _doc_span(doc, claim.start, claim.end))
    return EventMention(
        doc_id=ctx.article.id, event_type=det.event_type, sub_event_type=det.sub_event_type,
        evidence=_doc_span(doc, sent.start_char, sent.end_char), date=date, time_precision=precision,
        actor1=actor1, actor2=actor2, place=place, fatalities=fatalities,
        weapons=list(dict.fromkeys(w.name for w in weapons)), claimed_by=claim.claimant if claim else None,
        confidence=det.confidence, aggregate=det.aggregate, provenance=prov,
    )


def _police(country: str | None) -> ActorMention:
    """ACLED's default for the force that intervened in a demonstration (inferred: no characters)."""
    return ActorMention(f"Police Forces of {country}" if country else "Police", "police", -1, -1)


def _actors(sent: SpacySpan, det: Detection, ctx: _Context, country: str | None,
            prov: dict[str, Provenance]) -> tuple[str | None, str | None]:
    found = ctx.finder.find(sent, country=country)
    agents = [a for a in found if a.role == "agent"]
    others = [a for a in found if a.role != "agent"]
    a1: ActorMention | None = agents[0] if agents else None
    rest = [a for a in agents[1:] + others if a1 is None or a.name != a1.name]
    etype, sub = det.event_type, det.sub_event_type
    if etype == "Protests" or etype == "Riots":
        kind = "protesters" if etype == "Protests" else "rioters"
        crowd = ctx.finder.generic("protesters", country=country, sent=sent)
        label = "Protesters" if etype == "Protests" else "Rioters"
        name = f"{label} ({country})" if country else label
        a1 = ActorMention(name, kind, crowd.start, crowd.end) if crowd else ActorMention(name, kind, -1, -1)
        rest = [a for a in found if a.kind in ("state", "police", "group")]
        if sub == "Peaceful protest":
            rest = []
    elif etype == "Violence against civilians":
        # the perpetrator is an armed actor, never the victims; victims default to civilians
        armed = [a for a in ([a1] if a1 else []) + rest if a.kind in ("state", "police", "group", "unidentified")]
        a1 = armed[0] if armed else None
        rest = [a for a in rest if a is not a1]
        victims = ctx.finder.generic("civilians", country=country, sent=sent)
        if victims is not None and not any(a.kind in ("state", "group", "police") for a in rest[:1]):
            rest = [victims]
    elif a1 is None and rest and rest[0].role == "patient" and (
            sub in _UNCLAIMED_MEANS or (etype == "Battles" and _ATTACKED.search(sent.text))):
        # "State police were ambushed by armed individuals", "a policeman was killed when a bomb
        # detonated": the police are the target; the unnamed attacker is ACLED's unidentified
        # armed group (a casualty verb alone, "soldiers were killed in clashes", says no more
        # than that a side lost men)
        a1 = ctx.finder.unidentified(country, sent)
    elif a1 is None and rest and sub != "Air/drone strike":
        a1, rest = rest[0], rest[1:]
    repelled = _REPELLED.search(sent.text)
    if repelled and a1 is not None and a1.start < sent.start_char + repelled.start():
        attacker = next((a for a in rest if a.start >= sent.start_char + repelled.end()), None)
        if attacker is not None:  # the defender becomes the target
            a1, rest = attacker, [a1] + [a for a in rest if a is not attacker]
    if a1 is None and sub in _REMOTE and ctx.state_actor:
        # Platforms of a state's task force act for it ("a Su-34 bomber", "the airstrikes").
        a1 = ActorMention(ctx.state_actor, "state", -1, -1)
    if a1 is None and rest and etype != "Violence against civilians":
        a1, rest = rest[0], rest[1:]
    if a1 is None and (etype == "Violence against civilians" or sub in _UNCLAIMED_MEANS):
        # a bomb or an attack nobody is named for: ACLED's unidentified armed group
        a1 = ctx.finder.unidentified(country, sent)
    if not rest and (etype in ("Explosions/Remote violence", "Violence against civilians")):
        victims = ctx.finder.generic("civilians", country=country, sent=sent)
        if victims is not None and _CIVILIAN_PROPERTY.search(sent.text) and not _CIVILIANS_HARMED.search(sent.text):
            victims = None  # shells that hit civilian houses: property, no victims to code
        rest = [victims] if victims is not None else []
    if not rest and sub in _CIVILIAN_TARGETS:
        rest = [ActorMention(f"Civilians ({country})" if country else "Civilians", "civilians", -1, -1)]
    if not rest and sub == "Armed clash" and a1 is not None and _INFIGHTING.search(sent.text):
        rest = [a1]  # ACLED codes fighting within one group with the group on both sides
    if not rest and sub in ("Protest with intervention", "Excessive force against protesters"):
        # the force that intervened, when no sentence names it: ACLED's default is the police
        rest = [_police(country)]
    if a1 is None and sub == "Armed clash":
        # "a shoot-out took place": neither side named
        a1 = ctx.finder.unidentified(country, sent)
    if not rest and sub == "Armed clash":
        # a clash has two sides; an unnamed one is ACLED's unidentified armed group
        rest = [ctx.finder.unidentified(country, sent)]
    if sub == "Change to group/activity":
        # a group's own move (a deployment, a new leader) has no second party, unless another
        # named actor takes part ("IS militants are in talks with the Nusra Front")
        rest = [a for a in rest if a.kind in ("group", "state", "police")]
    a2 = rest[0] if rest else None
    doc = sent.doc
    for key, a in (("actor1", a1), ("actor2", a2)):
        if a is not None:
            span = _doc_span(doc, a.start, a.end) if a.start >= 0 else None
            prov[key] = _prov("extract.actors", actors_mod.VERSION, span,
                              None if span else "inferred from the article's state actor or event type")
    return (a1.name if a1 else None), (a2.name if a2 else None)


def _escalates(u: _Unit, det: Detection, last: tuple[int, EventMention], ctx: _Context) -> bool:
    """A demonstration reported, then what became of it ("They blocked roads with burning tyres",
    "Police dispersed them with tear gas"): one event whose sub-type is the gravest told.
    True when ``u`` was folded into the previous mention."""
    para, m = last
    if m.event_type != "Protests" or det.event_type not in ("Protests", "Riots") or u.paragraph - para > 1:
        return False
    if any(u.span.start_char <= t.span.start < u.span.end_char for t in ctx.toponyms if t.place is not None):
        return False  # a place of its own: another demonstration
    sub = "Violent demonstration" if det.event_type == "Riots" else det.sub_event_type
    if detect.CROWD_SEVERITY.get(sub, 0) > detect.CROWD_SEVERITY.get(m.sub_event_type, 0):
        m.sub_event_type, m.event_type = sub, event_type_of(sub)
        if sub in ("Protest with intervention", "Excessive force against protesters") and m.actor2 is None:
            # "Police dispersed them with tear gas": the force that intervened, else ACLED's default
            country = m.place.country if m.place else None
            force = next((a for a in ctx.finder.find(u.span, country=country) if a.kind in ("police", "state")), None)
            m.actor2 = (force or _police(country)).name
            span = _doc_span(u.span.doc, force.start, force.end) if force else None
            m.provenance["actor2"] = _prov("extract.actors", actors_mod.VERSION, span,
                                           None if span else "inferred from the event type")
        m.provenance["event_type"] = _prov(f"events.detect:{det.rule}", detect.VERSION,
                                           _doc_span(u.span.doc, u.span.start_char + det.start, u.span.start_char + det.end),
                                           "the demonstration reported before escalated")
    return True


def _own(m: EventMention, field_name: str, u: _Unit) -> bool:
    """The mention's ``field_name`` was read from its own sentence, not inherited."""
    prov = m.provenance.get(field_name)
    return prov is not None and prov.span is not None and u.span.start_char <= prov.span.start < u.span.end_char


def _elaborates(u: _Unit, m: EventMention) -> bool:
    """A sentence right after an event that names neither a place nor a day of its own
    ("Residents were beaten and two were arrested.") tells more about that event; a new
    event in a report comes with its own where or when."""
    return not _own(m, "place", u) and not _own(m, "date", u)


def _moves_on(u: _Unit, m: EventMention, head: EventMention) -> bool:
    """The sentence names a day, or a town, other than the event before it's (a country or
    province named is the wider area, not a new place)."""
    def name(p: Place | None) -> str:
        return p.name.casefold() if p else ""
    town = m.place is not None and m.place.feature not in AREA_FEATURES
    return ((_own(m, "place", u) and town and name(m.place) != name(head.place))
            or (_own(m, "date", u) and m.date != head.date))


def _lowest_count(sent: SpacySpan) -> FatalityCount | None:
    """The sentence's lowest death count (ACLED keeps the lowest of conflicting reports)."""
    counts = find_fatalities(sent.text, offset=sent.start_char)
    return min(counts, key=lambda c: c.count) if counts else None


# "3 fatalities.", "20 fatalities split between 3 events.": the reporter's own tally of the event
_TALLY = re.compile(r"^\W*(?P<n>\d+) fatalit(?:y|ies)\b(?: split (?:up )?(?:between|among|across) (?P<k>\d+) events)?",
                    re.I)


def _attach_counts(u: _Unit, m: EventMention) -> None:
    """A death count in a following sentence ("Two more died in hospital.") belongs to the event
    it follows, when that has none; a tally of the event's deaths ("1 fatality.", "20
    fatalities split between 3 events.") is the reporter's final word and replaces it."""
    tally = _TALLY.match(u.text)
    if tally is not None:
        n, k = int(tally.group("n")), int(tally.group("k") or 1)
        m.fatalities = round(n / k) if k > 0 else n
        start = u.span.start_char + tally.start("n")
        m.provenance["fatalities"] = _prov("extract.fatalities", fat_mod.VERSION,
                                           _doc_span(u.span.doc, start, u.span.start_char + tally.end()),
                                           "the report's tally" + (f", split between {k} events" if k > 1 else ""))
        return
    if m.fatalities is not None:
        return
    c = _lowest_count(u.span)
    if c:
        m.fatalities = c.count
        m.provenance["fatalities"] = _prov("extract.fatalities", fat_mod.VERSION,
                                           _doc_span(u.span.doc, c.start, c.end), "sentence after the event")


def _inherit_claims(mentions: list[EventMention], paragraph_claims: list[Claim]) -> None:
    """A briefing relayed paragraph by paragraph: when one claimant speaks in at least two
    paragraphs and in two thirds of all attributed ones, unattributed events are its claims."""
    by_paragraph = collections.Counter(c.claimant for c in paragraph_claims)
    if not by_paragraph:
        return
    top, n = by_paragraph.most_common(1)[0]
    if n < 2 or 3 * n < 2 * sum(by_paragraph.values()):
        return
    for m in mentions:
        if m.claimed_by is None:
            m.claimed_by = top
            m.provenance["claimed_by"] = _prov("extract.claims", claims_mod.VERSION, None,
                                               "inherited: the article's dominant claimant")


def _merge_repeats(mentions: list[EventMention]) -> list[EventMention]:
    """One mention per event per article: sentences elaborating the same event are merged,
    keeping the first sentence as evidence and filling fields the first one lacked."""
    merged: dict[tuple[str, ...], EventMention] = {}
    for m in mentions:
        # Within one article actors fill in rather than split, and a place is its name (the resolver
        # may read "Tame" once as the town and once as its municipality).
        key = (*merge_key(replace(m, actor1=None, place=None)), m.place.name.casefold() if m.place else "")
        head = merged.get(key)
        if head is None:
            merged[key] = m
            continue
        if m.fatalities is not None and head.fatalities is not None:
            head.fatalities = min(head.fatalities, m.fatalities)  # conflicting reports: the lowest
        _fold(head, m)
    return list(merged.values())


def _inferred(m: EventMention, field_name: str) -> bool:
    """The mention's ``field_name`` was inferred (from the event type or the article), not read."""
    prov = m.provenance.get(field_name)
    return prov is not None and prov.span is None


def _fold(head: EventMention, m: EventMention) -> None:
    """Fill what ``head`` lacks from ``m``, a sentence about the same event: weapons it adds,
    actors, claimant and death count where ``head`` has none."""
    head.weapons = list(dict.fromkeys(head.weapons + m.weapons))
    if m.weapons and "weapons" not in head.provenance and "weapons" in m.provenance:
        head.provenance["weapons"] = m.provenance["weapons"]
    for f in ("actor1", "actor2", "claimed_by", "fatalities"):
        # a target the text names beats one inferred from the event type ("Civilians (X)")
        inferred = f == "actor2" and _inferred(head, f) and not _inferred(m, f)
        if f in ("actor1", "actor2") and _inferred(m, f) and m.sub_event_type != head.sub_event_type:
            continue  # "Civilians" inferred for an arrest told after a protest is not the protest's
        if (getattr(head, f) is None or inferred) and getattr(m, f) is not None:
            setattr(head, f, getattr(m, f))
            if f in m.provenance:
                head.provenance[f] = m.provenance[f]
    head.confidence = max(head.confidence, m.confidence)
