"""Plain-text (and Markdown) articles: a title line, an optional dateline, then the body.

Reads: UTF-8 text. Writes: one :class:`~eventscribe.types.Article` whose ``text`` is the file's
text unchanged (only a byte-order mark is dropped), so every offset found later points into it.

The title is the first line that is not blank or decoration (``---``, ``***``), with Markdown
markup (``#``, ``**``) stripped. The dateline is looked for near the top (the first 10 non-blank
lines starting within 600 characters): a regex only *locates* a candidate, and ``dateparser`` (or
``strptime``-style ISO parsing) reads it. Candidates are tried in order of strength: a labelled
line (``Published: ...``, ``This story is from March 10, 2002``), an unlabelled dateline
(``21/10/2015``, ``KYIV, Oct. 21, 2015 —``, a numeric date opening a line such as
``03.10.2017 Russia's ...``), then an ``Updated: ...`` line. A date inside a sentence
("On 9 May 2020, clashes ...") is an event date, not a dateline, and is ignored; so is a date
no publication can carry (before 1900 or after tomorrow, see
:func:`~eventscribe.ingest._common.date_problem`). Numeric datelines are read day first
(``03/04/2015`` is 3 April) unless the second number can only be a day (``10/21/2015``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dateparser

from eventscribe.errors import InputError
from eventscribe.ingest._common import date_problem, decode, parse_iso_date, read_bytes
from eventscribe.types import Article, Span

__all__ = ["Dateline", "find_dateline", "find_title", "parse_text", "read_text_file"]

HEADER_LINES = 10  # non-blank lines searched for a dateline
HEADER_CHARS = 600  # ... and only those starting this close to the top
MAX_TITLE_CHARS = 200  # a longer first line is body text, not a headline

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<iso>\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<num>(?P<n1>\d{1,2})(?P<sep>[/.-])(?P<n2>\d{1,2})(?P=sep)\d{4})"
    rf"|(?P<mdy>{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+\d{{4}})"
    rf"|(?P<dmy>{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}})"
    r")(?![\w/-])",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"(?P<label>first\s+published|published|posted|dated?|dateline|last\s+updated|updated"
    r"|this\s+(?:story|article|report)\s+(?:is|was)\s+(?:from|published|posted))"
    r"(?:\s+on)?\s*[:\-\u2013\u2014|]?\s*",
    re.IGNORECASE,
)
# Text that may follow an unlabelled date on a dateline ("— The army said", "(Reuters) -").
_AFTER_DATE = re.compile(r"\s*(?:$|[-\u2013\u2014|:(\u2022\u00b7/]|\d{1,2}[:.]\d{2}\b)")
# A date right after these words belongs to a sentence ("On 9 May 2020, ..."), not a dateline.
_SENTENCE_LEAD = re.compile(r"\b(?:on|since|in|from|until|till|before|after|by|of)\s*$", re.I)
_DECORATION = re.compile(r"[\s\-=*_#~`>|]*")
_MARKUP_EDGES = re.compile(r"^[\s#>*_`]+|[\s*_`]+$")

_DATEPARSER_SETTINGS: dict[str, Any] = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DATES_FROM": "past",
}


@dataclass(frozen=True, slots=True)
class Dateline:
    """A publication date found in the text, with the span of the date string it was read from."""

    date: dt.date
    span: Span
    label: str | None = None  # "published", "updated", ... or None for a bare dateline


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line without its line break) for every line of ``text``."""
    out: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        out.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    return out


def _header(text: str) -> list[tuple[int, str]]:
    """The non-blank lines where a dateline may sit."""
    lines = [(s, ln) for s, ln in _lines(text) if ln.strip() and s < HEADER_CHARS]
    return lines[:HEADER_LINES]


def _parse_candidate(m: re.Match[str]) -> dt.date | None:
    """Read one located date string; None when it is not a real calendar date."""
    if m["iso"]:
        try:
            return parse_iso_date(m["iso"])
        except ValueError:
            return None
    order = "DMY"
    if m["num"] and int(m["n1"]) <= 12 < int(m["n2"]):
        order = "MDY"  # 10/21/2015: the second number can only be the day
    parsed = dateparser.parse(m[0], languages=["en"],
                              settings={**_DATEPARSER_SETTINGS, "DATE_ORDER": order})
    return parsed.date() if parsed else None


def _content(line: str) -> tuple[int, str]:
    """The line without Markdown markup at its edges, and where that content starts."""
    lead = re.match(r"[\s#>*_`]*", line)
    start = lead.end() if lead else 0
    return start, _MARKUP_EDGES.sub("", line)


def find_dateline(text: str, *, today: dt.date | None = None) -> Dateline | None:
    """The publication date stated near the top of ``text``, or None.

    ``today`` (default: the clock's date) bounds the dates accepted, see the module docstring.

    >>> find_dateline("Title\\n\\n21/10/2015\\n\\nBody.").date
    datetime.date(2015, 10, 21)
    """
    labelled: list[Dateline] = []
    bare: list[Dateline] = []
    updated: list[Dateline] = []
    for start, line in _header(text):
        offset, content = _content(line)
        label_m = _LABEL.match(content)
        for m in _DATE.finditer(content):
            day = _parse_candidate(m)
            if day is None or date_problem(day, today=today):
                continue
            a, b = start + offset + m.start(), start + offset + m.end()
            span = Span(a, b, text[a:b])
            if label_m and m.start() == label_m.end():
                label = re.sub(r"\s+", " ", label_m["label"].lower())
                target = updated if "updated" in label else labelled
                target.append(Dateline(day, span, label))
            elif m.start() == 0 and (m["num"] or m["iso"]):
                # A numeric date opening a line is a dateline whatever follows ("03.10.2017
                # Russia's ..."): no sentence starts with one. A written date opening a line
                # may be a sentence's subject ("21 October 2015 was calm"), so it is not.
                bare.append(Dateline(day, span))
            elif (m.start() <= 50 and not _SENTENCE_LEAD.search(content[: m.start()])
                  and _AFTER_DATE.match(content, m.end())):
                bare.append(Dateline(day, span))
            break  # one candidate per line: the first real date on it
    for found in (labelled, bare, updated):
        if found:
            return found[0]
    return None


def _is_dateline_only(content: str) -> bool:
    """True for a line that is only a date, possibly labelled ("Published: 21 Oct 2015")."""
    label_m = _LABEL.match(content)
    rest = content[label_m.end():] if label_m else content
    m = _DATE.match(rest.strip())
    return bool(m) and len(rest.strip()) - m.end() <= 20


def find_title(text: str) -> Span | None:
    """The headline: the first non-blank, non-decoration line, markup stripped, or None.

    None when that line is a dateline or longer than ``MAX_TITLE_CHARS`` (body text).
    """
    for start, line in _lines(text):
        if _DECORATION.fullmatch(line):
            continue
        offset, content = _content(line)
        if not content or _is_dateline_only(content):
            continue
        if len(content) > MAX_TITLE_CHARS:
            return None
        a = start + offset
        return Span(a, a + len(content), content)
    return None


def parse_text(
    text: str,
    *,
    doc_id: str,
    published: dt.date | None = None,
    origin: str | None = None,
    source: str | None = None,
) -> Article:
    """Build an :class:`Article` from plain text; ``published`` overrides any dateline.

    Raises :class:`InputError` when the text is empty or blank.
    """
    if not text.strip():
        raise InputError(origin or doc_id, "empty file (no text to read)")
    if published is None:
        found = find_dateline(text)
        published = found.date if found else None
    title = find_title(text)
    return Article(id=doc_id, text=text, published=published,
                   title=title.text if title else None, source=source, origin=origin)


def read_text_file(path: str | Path, *, published: dt.date | None = None) -> Article:
    """Read a plain-text article; its id is the file name without extension.

    Raises :class:`InputError` naming the path when the file is missing, unreadable,
    not UTF-8, or empty.
    """
    path = Path(path)
    origin = str(path)
    text = decode(read_bytes(path), origin=origin)
    return parse_text(text, doc_id=path.stem, published=published, origin=origin)
