"""HTML pages: the main text and metadata, extracted by trafilatura.

Reads: an HTML file (bytes; trafilatura detects the character set, so pages in a declared
non-UTF-8 charset read too). Writes: one :class:`~eventscribe.types.Article` whose ``text`` is
the page's *main text only* (navigation, footers and comments dropped), one paragraph per line;
offsets found later point into that text, not into the HTML.

``published`` comes from the page metadata (``<meta property="article:published_time">``,
JSON-LD, ...) when present, else from a dateline at the top of the extracted text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import trafilatura

from eventscribe.errors import InputError
from eventscribe.ingest._common import parse_iso_date, read_bytes
from eventscribe.ingest.text import find_dateline, find_title
from eventscribe.types import Article

__all__ = ["parse_html", "read_html_file"]

# Dates only from the page's own metadata: no guessing from URLs or body text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _extract(html: str | bytes, *, origin: str) -> dict[str, Any] | None:
    """trafilatura's JSON output (text + metadata) as a dict, or None when no main text."""
    try:
        out = trafilatura.extract(
            html,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,  # news pages are short; keep every paragraph of the story
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted bytes
        raise InputError(origin, f"the HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    return json.loads(out) if out else None


def parse_html(
    html: str | bytes,
    *,
    doc_id: str,
    published: dt.date | None = None,
    origin: str | None = None,
) -> Article:
    """Build an :class:`Article` from an HTML page; ``published`` overrides the page's date.

    Raises :class:`InputError` when the page holds no main text.
    """
    where = origin or doc_id
    if not html.strip():
        raise InputError(where, "empty file (no HTML to read)")
    meta = _extract(html, origin=where)
    text = (meta or {}).get("text") or ""
    if not text.strip():
        raise InputError(where, "no main text found in the HTML page (is it an article page?)")
    assert meta is not None
    if published is None:
        published = _meta_date(meta.get("date"))
    if published is None:
        found = find_dateline(text)
        published = found.date if found else None
    title = meta.get("title") or None
    if title is None:
        span = find_title(text)
        title = span.text if span else None
    source = meta.get("sitename") or meta.get("source-hostname") or meta.get("hostname")
    return Article(id=doc_id, text=text, published=published, title=title,
                   source=source, origin=origin)


def _meta_date(value: object) -> dt.date | None:
    """trafilatura's ``YYYY-MM-DD`` date, or None when absent or malformed."""
    if not isinstance(value, str):
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


def read_html_file(path: str | Path, *, published: dt.date | None = None) -> Article:
    """Read an HTML article; its id is the file name without extension.

    Raises :class:`InputError` naming the path when the file is missing, unreadable,
    empty, or has no main text.
    """
    path = Path(path)
    return parse_html(read_bytes(path), doc_id=path.stem, published=published, origin=str(path))
