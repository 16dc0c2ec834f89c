"""JSON corpora: JSON Lines (one document per line) and ``.json`` files (one object or a list).

Reads: records ``{"doc_id", "text", "published", "title", "source"}``; any other key (gold
``events``, ``toponyms``, ``label``, ...) is ignored. Writes: one
:class:`~eventscribe.types.Article` per record, or an :class:`~eventscribe.errors.InputError`
naming ``path:line`` and the problem for a record that cannot be read, after which reading
goes on. Blank lines are not records and are skipped.

A record without ``doc_id`` gets :meth:`Article.from_text`'s content-hash id, so re-reading
the same corpus gives the same ids.

``published`` is read by :func:`~eventscribe.ingest._common.parse_iso_date`: ISO 8601
(``2024-03-06``, ``2024-03-06T08:00:00Z``), RFC 2822 (``Wed, 06 Mar 2024 08:00:00 GMT``) or a
written date (``8 May 2019``, ``May 8, 2019``); an ambiguous numeric date (``08/05/2019``), a
date before 1900 or after tomorrow is an error for that record. A record without
``published`` (or with an empty one) is dated by a dateline near the top of its text, as a
plain-text file is (:func:`~eventscribe.ingest.text.find_dateline`); an explicit
``published`` always wins over the dateline, and the caller's ``published`` over both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventscribe.errors import InputError
from eventscribe.ingest._common import decode, parse_iso_date, read_bytes
from eventscribe.ingest.guard import bounded_lines, loads_json, open_regular
from eventscribe.ingest.text import find_dateline
from eventscribe.types import Article

__all__ = ["article_from_record", "parse_jsonl", "read_json_file", "read_jsonl_file"]


def _optional_str(record: dict[str, object], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(origin, f'"{key}" is a {_kind(value)}, not a string')


def _kind(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean",
             int: "number", float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def article_from_record(
    record: object,
    *,
    origin: str,
    default_id: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """Validate one JSON record and build its :class:`Article`.

    ``default_id`` is used when the record has no ``doc_id`` (else a content hash).
    The date is ``published`` when given, else the record's ``"published"``, else the
    text's dateline, else None. Raises :class:`InputError` at ``origin``, for a bad
    ``"published"`` too (it is not replaced by the dateline: a wrong field should be seen).
    """
    if not isinstance(record, dict):
        raise InputError(origin, f"a JSON {_kind(record)}, not an object with a \"text\" key")
    if "text" not in record:
        raise InputError(origin, 'no "text" key (each record needs the document text)')
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(origin, f'"text" is a {_kind(text)}, not a string')
    if not text.strip():
        raise InputError(origin, '"text" is empty')
    doc_id = record.get("doc_id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is not None and not isinstance(doc_id, str):
        raise InputError(origin, f'"doc_id" is a {_kind(doc_id)}, not a string')
    if published is None:
        published = _record_date(record.get("published"), origin)
    if published is None:
        found = find_dateline(text)
        published = found.date if found else None
    return Article.from_text(
        text,
        doc_id=doc_id or default_id,
        published=published,
        title=_optional_str(record, "title", origin),
        source=_optional_str(record, "source", origin),
        origin=origin,
    )


def _record_date(raw: object, origin: str) -> dt.date | None:
    """The record's ``"published"`` as a date; None when absent, null or blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if not isinstance(raw, str):
        raise InputError(origin, f'"published" is a {_kind(raw)}, not a date string such as "2024-03-06"')
    try:
        return parse_iso_date(raw)
    except ValueError as exc:
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        raise InputError(origin, f'bad "published" date {shown!r}: {exc}') from None


def parse_jsonl(
    lines: Iterable[str | bytes | InputError],
    *,
    origin: str,
    published: dt.date | None = None,
) -> Iterator[Article | InputError]:
    """One Article (or InputError at ``origin:lineno``) per non-blank line of ``lines``.

    An InputError among ``lines`` (a line the guarded read refused) is passed on in its place.
    """
    for lineno, raw in enumerate(lines, start=1):
        where = f"{origin}:{lineno}"
        if isinstance(raw, InputError):
            yield raw
            continue
        try:
            line = decode(raw, origin=where) if isinstance(raw, bytes) else raw
            if lineno == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            record = loads_json(line, origin=where)
            yield article_from_record(record, origin=where, published=published)
        except InputError as err:
            yield err


def read_jsonl_file(path: str | Path, *, published: dt.date | None = None) -> Iterator[Article | InputError]:
    """Stream a JSON Lines corpus; a file that cannot be opened yields one InputError."""
    path = Path(path)
    origin = str(path)
    try:
        handle = open_regular(path, origin=origin)
    except InputError as err:
        yield err
        return
    with handle:
        seen = False
        for item in parse_jsonl(bounded_lines(handle, origin=origin), origin=origin, published=published):
            seen = True
            yield item
        if not seen:
            yield InputError(origin, "empty file (no JSON lines to read)")


def read_json_file(
    path: str | Path,
    *,
    published: dt.date | None = None,
    skip_metadata: bool = False,
) -> Iterator[Article | InputError]:
    """A ``.json`` file: one record (id defaults to the file name) or a list of records.

    List items are reported at ``path[index]`` (0-based). With ``skip_metadata`` (used when
    walking a directory) an object without a ``"text"`` key yields nothing: it is a sidecar
    such as ``gold.json`` or ``expected.json``, not a document.
    """
    path = Path(path)
    origin = str(path)
    try:
        text = decode(read_bytes(path), origin=origin)
        if not text.strip():
            raise InputError(origin, "empty file (no JSON to read)")
        data = loads_json(text, origin=origin, multiline=True)
    except InputError as err:
        yield err
        return
    if not isinstance(data, list):
        if skip_metadata and isinstance(data, dict) and "text" not in data:
            return
        try:
            yield article_from_record(data, origin=origin, default_id=path.stem, published=published)
        except InputError as err:
            yield err
        return
    if not data:
        yield InputError(origin, "an empty JSON list (no records to read)")
    for i, record in enumerate(data):
        try:
            yield article_from_record(record, origin=f"{origin}[{i}]", published=published)
        except InputError as err:
            yield err
