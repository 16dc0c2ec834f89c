"""Shared helpers of the readers: reading bytes and decoding them, with errors as InputError."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from eventscribe.errors import InputError
from eventscribe.ingest.guard import os_problem, read_regular

__all__ = ["decode", "os_problem", "parse_iso_date", "read_bytes"]

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")


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


def parse_iso_date(value: str) -> dt.date:
    """``YYYY-MM-DD`` (optionally followed by an ISO time) as a date; ValueError otherwise."""
    m = _ISO_DATE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"expected YYYY-MM-DD, got {value!r}")
    return dt.date(int(m[1]), int(m[2]), int(m[3]))
