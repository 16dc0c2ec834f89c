"""JSON corpora: JSON Lines (one document per line) and ``.json`` files (one object or a list).

Reads: records ``{"doc_id", "text", "published": "YYYY-MM-DD", "title", "source"}``; any other
key (gold ``events``, ``toponyms``, ``label``, ...) is ignored. Writes: one
:class:`~eventscribe.types.Article` per record, or an :class:`~eventscribe.errors.InputError`
naming ``path:line`` and the problem for a record that cannot be read, after which reading
goes on. Blank lines are not records and are skipped.

A record without ``doc_id`` gets :meth:`Article.from_text`'s content-hash id, so re-reading
the same corpus gives the same ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventscribe.errors import InputError
from eventscribe.ingest._common import decode, parse_iso_date, read_bytes
from eventscribe.ingest.guard import bounded_lines, loads_json, open_regular
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

    ``default_id`` is used when the record has no ``doc_id`` (else a content hash);
    ``published`` overrides the record's date. Raises :class:`InputError` at ``origin``.
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
    raw_date = record.get("published")
    if published is None and raw_date not in (None, ""):
        if not isinstance(raw_date, str):
            raise InputError(origin, f'"published" is a {_kind(raw_date)}, not "YYYY-MM-DD"')
        try:
            published = parse_iso_date(raw_date)
        except ValueError:
            raise InputError(origin, f'bad "published" date {raw_date!r} (expected YYYY-MM-DD)') from None
    return Article.from_text(
        text,
        doc_id=doc_id or default_id,
        published=published,
        title=_optional_str(record, "title", origin),
        source=_optional_str(record, "source", origin),
        origin=origin,
    )


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
