"""Shared helpers of the readers: reading bytes, decoding them, and reading publication dates."""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dateparser

from eventscribe.errors import InputError
from eventscribe.ingest.guard import os_problem, read_regular

__all__ = ["ACCEPTED_DATE_FORMS", "EARLIEST_DATE", "date_problem", "decode", "os_problem",
           "parse_iso_date", "read_bytes"]

EARLIEST_DATE = dt.date(1900, 1, 1)  # an earlier publication date is a placeholder or a typo
ACCEPTED_DATE_FORMS = ('2024-03-06, 2024-03-06T08:00:00Z, "Wed, 06 Mar 2024 08:00:00 GMT", '
                       '"6 March 2024", "March 6, 2024" or an unambiguous 21/10/2015')

_WRITTEN_SETTINGS: dict[str, Any] = {
    "PARSERS": ["absolute-time"],  # no "yesterday" or timestamps: they would depend on the clock
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def read_bytes(path: Path, *, origin: str | None = None) -> bytes:
    """The file's bytes through the guarded read (:func:`eventscribe.ingest.guard.read_regular`):
    a missing, unreadable, non-regular or over-large path raises :class:`InputError`."""
    return read_regular(path, origin=origin)


def decode(data: bytes, *, origin: str) -> str:
    """Decode UTF-8 text, dropping a leading byte-order mark and nothing else.

    Line endings and every other character are kept, so character offsets computed on the
    result point into the file's text. Bytes that are not UTF-8 raise :class:`InputError`
    naming the first bad byte's offset (the fix: re-save the file as UTF-8).
    """
    try:
        return data.decode("utf-8")[1:] if data.startswith(b"\xef\xbb\xbf") else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            origin, f"not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8"
        ) from None


def date_problem(day: dt.date, *, today: dt.date | None = None) -> str | None:
    """Why ``day`` cannot be a publication date, or None when it can.

    Rejected: a day before :data:`EARLIEST_DATE` (``0001-01-01`` is an exporter's empty
    value, and relative-date arithmetic such as "on Monday" would run off the calendar),
    and a day more than one day after ``today`` (default: the clock's date; one day of
    slack because a report dated in a time zone ahead of ours may already be "tomorrow").
    """
    if day < EARLIEST_DATE:
        return f"before {EARLIEST_DATE.year} (a placeholder or a typo?)"
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    if day > latest:
        return f"in the future (after {latest.isoformat()})"
    return None


def _iso(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _rfc2822(value: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _written(value: str) -> dt.date | None:
    """dateparser's reading, or None; ValueError when day-first and month-first readings differ."""
    days: list[dt.date] = []
    for order in ("DMY", "MDY"):
        parsed = dateparser.parse(value, languages=["en"], settings={**_WRITTEN_SETTINGS, "DATE_ORDER": order})
        if parsed is not None and parsed.date() not in days:
            days.append(parsed.date())
    if len(days) > 1:
        readings = " or ".join(f"{d.day} {d:%B %Y}" for d in days)
        raise ValueError(f"ambiguous ({readings}?); write it as YYYY-MM-DD")
    return days[0] if days else None


# Ordered strategies, first valid result wins: the strict standard forms before the lenient reader.
_STRATEGIES: tuple[tuple[str, Callable[[str], dt.date | None]], ...] = (
    ("iso8601", _iso), ("rfc2822", _rfc2822), ("written", _written),
)


def parse_iso_date(value: str, *, today: dt.date | None = None) -> dt.date:
    """A publication date from ISO 8601, RFC 2822 or a common written form; ValueError otherwise.

    Tried in order, the first that reads the whole value wins:

    1. ISO 8601 date or datetime (``datetime.fromisoformat``): ``2024-03-06``,
       ``2024-03-06T08:00:00Z``, ``2024-03-06 08:00``.
    2. RFC 2822 (``email.utils``): ``Wed, 06 Mar 2024 08:00:00 GMT``.
    3. A written date read by ``dateparser`` (English, absolute dates only, so ``yesterday``
       is refused): ``8 May 2019``, ``May 8, 2019``, ``Wednesday, 8 May 2019``, ``21/10/2015``.

    A datetime gives the calendar day written in its own time zone, not converted to UTC:
    the publisher's day is the one its "on Tuesday" counts from.

    Numeric dates are accepted only when unambiguous: ``21/10/2015`` and ``10/21/2015`` both
    mean 21 October, but ``08/05/2019`` (8 May or 5 August?) raises. Unlike a dateline in
    the text (read day first, see :func:`eventscribe.ingest.text.find_dateline`), a date
    field is written by one exporter for a whole corpus: a wrong day-first guess would
    silently shift every record of a month-first corpus, while an error shows at the first
    record and names the fix.

    Days rejected by :func:`date_problem` (before 1900, after tomorrow) raise too. The
    ValueError's message says what is wrong and what is accepted, for the caller to put
    after the input's name.
    """
    text = value.strip()
    day = None
    for _name, strategy in _STRATEGIES if text else ():
        day = strategy(text)
        if day is not None:
            break
    if day is None:
        raise ValueError(f"not a date in a known form; write it as YYYY-MM-DD (accepted: {ACCEPTED_DATE_FORMS})")
    problem = date_problem(day, today=today)
    if problem:
        raise ValueError(f"{problem}; write the publication date as YYYY-MM-DD")
    return day
