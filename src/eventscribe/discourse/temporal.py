"""Temporal status of a frame against the publication date: is it news, or something else?

Reads: a :class:`~eventscribe.read.frames.Frame`, the dates found in its sentence, the
publication date and the article's lead date (the day its news is about). Writes a
:class:`Status` and the convention row that decided it.

Only ``Status.CURRENT`` frames become events. Background (history, recaps, earlier incidents),
plans and threats, habits and denials are what a report says around its news; ACLED codes
none of them as events of the report's day.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from ..code.engine import Convention, decide
from ..extract.dates import DateMention
from ..lexicon import REPORT_VERBS
from ..nlp import is_verb
from ..read.frames import Frame, Modality, Tense

__all__ = ["STATUS_RULES", "Status", "TemporalView", "status_of"]


class Status(enum.Enum):
    CURRENT = "current"
    BACKGROUND = "background"
    FUTURE = "future"
    HABITUAL = "habitual"
    UNASSERTED = "unasserted"


# Phrases that place an event in an earlier period without a date a parser resolves to a day.
_PAST_PERIOD = re.compile(
    r"\b(?:(?:weeks|months|years|decades) (?:ago|earlier|before)|(?:last|past|previous) (?:month|year|summer|winter|"
    r"spring|autumn|fall)|earlier (?:this|that|in the) (?:month|year|war|conflict)|in recent (?:weeks|months|years)|"
    r"(?:over|in) the (?:past|last) (?:few )?(?:months|years|decades)|over the years|(?:a|one|two|three|several|"
    r"half a) (?:year|years|months) (?:ago|earlier|later|before)|in the past|at the time|previously|"
    r"since (?:the (?:start|beginning|outbreak) of|(?:19|20)\d\d|(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december))|in (?:19|20)\d\d|(?:19|20)\d\d (?:war|attack|bombing|offensive))\b",
    re.I)


@dataclass(frozen=True)
class TemporalView:
    """What the status rules read about one frame."""

    frame: Frame
    text: str  # the document text
    dates: tuple[DateMention, ...]  # dates in the frame's sentence
    published: dt.date | None
    lead: dt.date | None  # the day the article's news is about (its first recent date)
    background_days: int
    previous: str | None = None  # the row that set the sentence just before aside, when a date did

    @property
    def clause_dates(self) -> tuple[DateMention, ...]:
        lo, hi = self.frame.clause
        return tuple(d for d in self.dates if lo <= d.start < hi)

    @property
    def own_date(self) -> DateMention | None:
        """The date attached to the event's clause, else the sentence's first."""
        return (self.clause_dates or self.dates or (None,))[0]

    @property
    def clause_text(self) -> str:
        lo, hi = self.frame.clause
        return self.text[lo:hi]


def _days_before(v: TemporalView, day: dt.date | None) -> int:
    return (v.published - day).days if v.published is not None and day is not None else 0


def _stale(v: TemporalView) -> bool:
    """Dated days before the news the article leads with ("last week", "on 30 July" in a
    report of Sunday's strikes): told as background."""
    d = v.own_date
    if d is None or v.lead is None or d.precision > 2:
        return False
    gap = (v.lead - d.date).days
    # "last Thursday" marks a day of the week before the news; "on Thursday night" only names it
    return gap > 3 or (gap >= 2 and d.pattern == "weekday" and d.text.lower().startswith("last"))


_WARS = frozenset({"war", "conflict", "insurgency", "uprising", "crisis", "violence", "fighting", "campaign",
                   "revolution", "civil", "hostilities", "bombardment", "bombing", "occupation", "siege"})


def _war_toll(v: TemporalView) -> bool:
    """A perfect-tense clause whose subject is a war, a conflict or a campaign ("the war has
    killed", "the conflict has left 12 million displaced")."""
    if v.frame.tense is not Tense.PERFECT:
        return False
    pred = v.frame.unit.span.doc[v.frame.predicate]
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _WARS for c in pred.children)


def _told_past(v: TemporalView) -> bool:
    """A present told by a source in the past ("the spokesman told journalists that the groups
    are in talks"): the source's present, the report's news."""
    f = v.frame
    quoted = any(q in v.text[f.unit.start: f.start] for q in ('"', "“", "”"))  # a speaker's own words: a view
    return f.reported_by is not None and f.unit.span.doc[f.reported_by].tag_ == "VBD" and not quoted


def _sourced(v: TemporalView) -> bool:
    """The sentence names a source of its own ("..., the army said"): news told anew."""
    return any(t.lower_ in REPORT_VERBS and is_verb(t) and not any(
        c.dep_ == "dobj" and c.lower_ in ("lives", "life") for c in t.children)  # "claimed lives": no source
               for t in v.frame.unit.span) or "according to" in v.frame.unit.text


_RUNNING_TOTAL = re.compile(r"\b(?:bring(?:s|ing)?|brought|rais(?:e|es|ed|ing)|push(?:es|ed|ing)?|tak(?:e|es|ing)|took)"
                            r"\s+the\s+(?:overall\s+|total\s+|death\s+|official\s+)?(?:toll|total|number|tally|count)\b",
                            re.I)
_DATED_ROWS = frozenset({"dated_long_before", "vague_past_period", "stale_against_lead"})

STATUS_RULES: list[Convention[TemporalView, Status]] = [
    Convention("negated", "status", lambda v: v.frame.modality is Modality.NEGATED, Status.UNASSERTED,
               examples=("The rebels did not attack the base.",)),
    Convention("denied", "status", lambda v: v.frame.modality is Modality.DENIED, Status.UNASSERTED,
               examples=("The army denied shelling the market.",)),
    Convention("intended", "status", lambda v: v.frame.modality is Modality.INTENDED, Status.FUTURE,
               examples=("Army chiefs met to plan a final assault on the militants.",)),
    Convention("hypothetical", "status", lambda v: v.frame.modality is Modality.HYPOTHETICAL, Status.UNASSERTED,
               note="most modal sentences are already set aside by the typing rules' hypothetical cue"),
    Convention("future_tense", "status", lambda v: v.frame.tense is Tense.FUTURE, Status.FUTURE,
               examples=("The army will launch air strikes on the valley next week.",)),
    Convention("dated_long_before", "status",
               lambda v: v.own_date is not None and _days_before(v, v.own_date.date) > v.background_days,
               Status.BACKGROUND, examples=("In March 2014, gunmen killed nine farmers in the valley.",)),
    Convention("vague_past_period", "status",
               lambda v: any(d.precision >= 3 for d in v.clause_dates) or bool(_PAST_PERIOD.search(v.clause_text)),
               Status.BACKGROUND, examples=("Weeks ago, the army shelled the capital.",)),
    Convention("stale_against_lead", "status", _stale, Status.BACKGROUND,
               examples=("Drones struck the port on Sunday. Last week, gunmen killed a mayor in the same town.",)),
    Convention("continues_background", "status",
               lambda v: v.previous in _DATED_ROWS and not v.dates and not _sourced(v),
               Status.BACKGROUND, examples=("In March 2019, gunmen stormed the village. They burned forty houses.",),
               note="a sentence with no date and no source of its own goes on with the recap before it"),
    Convention("pluperfect_unreported", "status",
               lambda v: v.frame.tense is Tense.PLUPERFECT and v.frame.reported_by is None and not v.clause_dates,
               Status.BACKGROUND, examples=("The town had fallen to the rebels before the truce.",)),
    Convention("war_toll", "status", _war_toll, Status.BACKGROUND,
               examples=("The conflict has killed thousands of civilians in the region.",),
               note="what a war or a conflict 'has' done is its running toll, not an event"),
    Convention("perfect_undated", "status",
               lambda v: v.frame.tense is Tense.PERFECT and not v.dates and v.frame.unit.index >= 2
               and v.frame.reported_by is None and not _sourced(v),
               Status.BACKGROUND,
               examples=("Drones struck the port on Sunday, officials said. Two fighters died. The rebels have also "
                         "shelled villages along the river.",),
               note="after the lead, an undated perfect ('have also shelled villages') sums up, it reports no occurrence"),
    Convention("running_total", "status", lambda v: bool(_RUNNING_TOTAL.search(v.frame.unit.text)), Status.BACKGROUND,
               examples=("Gunmen shot two farmers on Monday. The attack brought the total number of farmers killed "
                         "this year to 40.",),
               note="a running total sums occurrences told or not; it is no occurrence of its own"),
    Convention("habitual", "status", lambda v: v.frame.habitual, Status.HABITUAL,
               examples=("The group frequently shelled convoys on the highway.",)),
    Convention("present_state", "status",
               lambda v: v.frame.tense is Tense.PRESENT and v.frame.unit.index > 0 and not _told_past(v),
               Status.HABITUAL,
               examples=("Rebels shelled the port on Monday. The militia attacks the coast road.",),
               counter_examples=("Rebels shelled the port on Monday. The commander told reporters that the "
                                 "militia groups are in talks with the rebels.",),
               note="after the lead, the simple present tells states and habits; news is told in the past or perfect"),
]


def status_of(view: TemporalView) -> tuple[Status, Convention[TemporalView, Status] | None]:
    """The frame's temporal status and the row that decided it (None: current by default)."""
    return decide(STATUS_RULES, view, Status.CURRENT)
