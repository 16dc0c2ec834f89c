"""Event dates: find date expressions, resolve them against the publication date.

Finding is a small ordered table of named patterns (what a date expression looks like);
resolving is dateparser's job (``RELATIVE_BASE`` = publication date, past preferred).
Each result carries ACLED's time precision: 1 a day, 2 a few days or a week, 3 a month or vaguer.

A vague expression resolves to the first day of the period it names, never to a day borrowed
from the publication date or the clock: a month ("in December", "last month", "earlier this
month") to the first of that month, the latest such month not after publication (so "in
December" in a January report is the December before); a year ("in 1921", "since 2011") to
1 January of that year. Both carry precision 3.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

__all__ = ["DateMention", "find_dates", "resolve_date"]

VERSION = "dates-2"

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
# A month named alone must be capitalised ("in May", never "it may"), and have a lead word.
_MONTH_NAME = ("(?-i:January|February|March|April|May|June|July|August|September|October"
               "|November|December)")

# (name, pattern, precision); first match at a position wins.
PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    ("day_month_year", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH},? \d{{4}}\b", re.I), 1),
    ("month_day_year", re.compile(rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b", re.I), 1),
    ("iso", re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), 1),
    ("numeric", re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"), 1),
    ("day_month", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH}\b(?! \d)", re.I), 1),
    ("month_day", re.compile(rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b(?!,? \d{{4}})", re.I), 1),
    ("last_night", re.compile(r"\b(?:last|overnight|late on) (?:night|evening)\b|\bovernight\b", re.I), 1),
    ("yesterday", re.compile(r"\byesterday\b", re.I), 1),
    ("today", re.compile(r"\b(?:today|this (?:morning|afternoon|evening)|tonight|earlier today)\b", re.I), 1),
    ("weekday", re.compile(rf"\b(?:on |last |this |early |late )?{_WEEKDAY}(?: (?:morning|afternoon|evening|night))?\b", re.I), 1),
    ("last_24h", re.compile(r"\b(?:in|over|during) the (?:last|past) (?:24|twenty-four|48) hours\b", re.I), 2),
    ("days_ago", re.compile(r"\b(?:\w+|\d+) days? ago\b", re.I), 1),
    ("last_week", re.compile(r"\b(?:last|this|past) week(?:end)?\b|\bearlier this week\b", re.I), 2),
    ("month_year", re.compile(rf"\b(?:in |since |early |late |mid-)?{_MONTH} \d{{4}}\b", re.I), 3),
    ("month", re.compile(rf"\b(?:(?:in|since|during|until|through)\s+(?:(?:early|late)\s+|mid-)?"
                         rf"|(?:early|late)\s+|mid-|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+){_MONTH_NAME}\b"
                         rf"(?!\.?,?\s*\d)|\b{_MONTH_NAME}(?:'s|’s)(?=\s)", re.I), 3),
    # "later this month" is a plan, not a past event.
    ("last_month", re.compile(r"\b(?:(?:early|late|earlier)\s+)?last month\b"
                              r"|\b(?<!later )(?:earlier\s+)?this month\b", re.I), 3),
    ("year", re.compile(r"\b(?:in|since|during) (?:19|20)\d\d\b", re.I), 3),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date expression: characters (document offsets), the day, and its precision."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: int
    pattern: str


def find_dates(text: str, *, published: dt.date | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text`` that resolves, with document offsets (``offset`` added)."""
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for name, pattern, precision in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            day = resolve_date(name, m.group(0), published)
            taken.append((m.start(), m.end()))  # a rejected (future) date is not re-read as its month
            if day is None:
                continue
            out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), day, precision, name))
    return sorted(out, key=lambda d: d.start)


def resolve_date(pattern: str, expression: str, published: dt.date | None) -> dt.date | None:
    """The day an expression names, relative to ``published`` (None if it cannot be resolved)."""
    try:
        return _resolve(pattern, expression, published)
    except OverflowError:
        # Day arithmetic at the calendar's ends (a publication date of 0001-01-01 given by a
        # caller that skipped the readers' date check) has no answer, not a crash.
        return None


def _resolve(pattern: str, expression: str, published: dt.date | None) -> dt.date | None:
    if pattern == "year":
        # The pattern ends with the year. Not dateparser: it takes the month (and so the
        # day) from the publication date or the clock.
        year = int(expression[-4:])
        return dt.date(year, 1, 1) if published is None or year <= published.year else None
    if pattern in ("month", "last_month"):
        if published is None:
            return None
        # dateparser reads "December" as the latest December up to RELATIVE_BASE, and "last
        # month" / "this month" as that month; the day is set to the 1st, as nothing names it.
        name = re.search(_MONTH_NAME, expression)
        phrase = name.group(0) if name else "last month" if "last" in expression.lower() else "this month"
        day = _parse(phrase, published)
        return day.replace(day=1) if day else None
    if pattern in ("last_24h", "today"):
        return published
    if pattern == "last_week" and published is not None:
        return published - dt.timedelta(days=7 if expression.lower().startswith("last") else 2)
    if pattern == "last_night":
        return published - dt.timedelta(days=1) if published else None
    if pattern == "weekday" and published is not None:
        # News convention: "on Wednesday" in a Wednesday report is that day; otherwise the
        # latest such day before publication (dateparser would take the week before).
        name = re.search(_WEEKDAY, expression, re.I)
        if name:
            target = _WEEKDAYS.index(name.group(0).lower())
            back = (published.weekday() - target) % 7
            if expression.lower().startswith("last ") and back <= 1:
                # "last Tuesday" in a Wednesday report is not yesterday (that is "on Tuesday"
                # or "yesterday") but the Tuesday of the week before
                back += 7
            return published - dt.timedelta(days=back)
    expression = re.sub(r"^(?:(?:on|last|this|early|late|in|since|during)\s+|mid-)", "", expression, flags=re.I)
    expression = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", expression, flags=re.I)
    if published is None and pattern not in {"day_month_year", "month_day_year", "iso", "numeric", "month_year", "year"}:
        return None
    day = _parse(expression, published)
    if day is not None and published is not None and pattern in ("day_month", "month_day"):
        # A day and month without a year: this year's, unless that lies ahead; then last
        # year's if recent ("31 December" in a January report), else an announcement.
        try:
            this_year = day.replace(year=published.year)
        except ValueError:
            return None
        if this_year <= published + dt.timedelta(days=1):
            return this_year
        last_year = this_year.replace(year=published.year - 1) if not (this_year.month == 2 and this_year.day == 29) else None
        return last_year if last_year and (published - last_year).days <= 92 else None
    return day


@lru_cache(maxsize=4096)
def _parse(expression: str, published: dt.date | None) -> dt.date | None:
    base = dt.datetime.combine(published, dt.time(12)) if published else None
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(expression, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    day = parsed.date()
    if published is not None and day > published and (day - published).days > 1:
        # "on Friday" in a Wednesday article means the Friday before, never after.
        return None
    return day
