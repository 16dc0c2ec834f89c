"""Input stage: files, directories and stdin in, :class:`~eventscribe.types.Article` records out.

One entry point, :func:`read_inputs`, streams an Article or an
:class:`~eventscribe.errors.InputError` for every document it is given: nothing is dropped
silently and no bad input stops the batch. One reader per format:

=====================  ======================================  ===========================
suffix                 reader                                  ``Article.id`` / ``origin``
=====================  ======================================  ===========================
.txt .md (or none)     :mod:`eventscribe.ingest.text`          file stem / ``path``
.html .htm             :mod:`eventscribe.ingest.html`          file stem / ``path``
.jsonl .ndjson         :mod:`eventscribe.ingest.jsonl`         ``doc_id`` / ``path:line``
.json                  one object (id: ``doc_id`` or stem),    ``path`` or ``path[i]``
                       or a list of objects
``-``                  stdin: JSON Lines when it starts with   ``stdin`` / ``<stdin>`` or
                       ``{``, else one plain-text article      ``<stdin>:line``
=====================  ======================================  ===========================

A directory is read recursively in sorted order, skipping hidden entries, files of other
suffixes and ``.json`` objects without a ``"text"`` key (sidecars such as ``expected.json``). ``published`` (the CLI's ``--published``) overrides every date found in the inputs.

Every read goes through :mod:`eventscribe.ingest.guard`: regular files only (a FIFO, device or
socket is refused with its kind named), sizes bounded before reading, JSON depth bounded, and
broken text (lone surrogates, NULs, mojibake) repaired with ftfy. A reader that fails in a way
nobody foresaw costs its own input only: the failure is that input's InputError and reading
goes on with the next input.

Example::

    for item in read_inputs(["examples/", "corpus.jsonl"]):
        if isinstance(item, InputError):
            print("skipped", item)
        else:
            process(item)
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from eventscribe.errors import InputError
from eventscribe.ingest import guard
from eventscribe.ingest._common import decode, os_problem
from eventscribe.ingest.html import parse_html, read_html_file
from eventscribe.ingest.jsonl import parse_jsonl, read_json_file, read_jsonl_file
from eventscribe.ingest.text import find_dateline, find_title, parse_text, read_text_file
from eventscribe.types import Article

__all__ = [
    "SUFFIXES",
    "find_dateline",
    "find_title",
    "guard",
    "parse_html",
    "parse_jsonl",
    "parse_text",
    "read_file",
    "read_html_file",
    "read_inputs",
    "read_json_file",
    "read_jsonl_file",
    "read_stdin",
    "read_text_file",
]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
SUFFIXES: dict[str, str] = {
    "": "text", ".txt": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
}

Item = Article | InputError


def read_inputs(
    inputs: Sequence[str | Path],
    *,
    published: dt.date | None = None,
) -> Iterator[Article | InputError]:
    """Every document of ``inputs`` (files, directories, ``"-"`` for stdin), in order.

    Yields an Article per document, or an InputError naming the input and the problem
    (missing path, not a regular file, too large, not UTF-8, empty, bad JSON line, ...);
    reading always goes on.
    """
    for item in inputs:
        if str(item) == STDIN:
            yield from read_stdin(published=published)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_dir(path, published=published)
        else:
            yield from read_file(path, published=published)


def _guarded(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """``items`` with repaired text; an unforeseen failure of the reader becomes ``origin``'s
    InputError (the reader's remaining documents are lost, the next input is read)."""
    try:
        for item in items:
            if isinstance(item, Article):
                yield guard.clean_article(item)
            else:
                yield InputError(guard.printable(item.origin), guard.printable(item.problem))
    except Exception as exc:  # noqa: BLE001 - one input must not stop the run
        yield InputError(guard.printable(origin),
                         guard.printable(f"could not be read ({type(exc).__name__}: {exc})"))


def read_file(
    path: str | Path,
    *,
    published: dt.date | None = None,
    skip_metadata: bool = False,
) -> Iterator[Article | InputError]:
    """The documents of one file, its format chosen by suffix (see :data:`SUFFIXES`).

    ``skip_metadata``: a ``.json`` object without ``"text"`` yields nothing instead of an error.
    """
    path = Path(path)
    yield from _guarded(_read_file(path, published=published, skip_metadata=skip_metadata), str(path))


def _read_file(path: Path, *, published: dt.date | None, skip_metadata: bool) -> Iterator[Item]:
    kind = SUFFIXES.get(path.suffix.lower())
    try:
        if not path.exists() and not path.is_symlink():
            raise InputError(str(path), "no such file or directory")
        if kind is None:
            known = ", ".join(s for s in SUFFIXES if s)
            raise InputError(str(path), f"unsupported file type {path.suffix!r} (use one of {known})")
        guard.check_regular(path)
        if kind == "text":
            yield read_text_file(path, published=published)
        elif kind == "html":
            yield read_html_file(path, published=published)
        elif kind == "jsonl":
            yield from read_jsonl_file(path, published=published)
        else:
            yield from read_json_file(path, published=published, skip_metadata=skip_metadata)
    except InputError as err:
        yield err


def _read_dir(top: Path, *, published: dt.date | None) -> Iterator[Item]:
    """Files under ``top`` with a known suffix, recursively, in sorted path order.

    Hidden files and directories are skipped; so are files of other suffixes. A
    subdirectory that cannot be listed is reported where its files would have been.
    Entries that are not regular files (FIFOs, devices, sockets, links to them) are
    reported, never opened.
    """
    entries: list[tuple[tuple[str, ...], Path | InputError]] = []
    errors: list[OSError] = []
    for root, dirs, files in os.walk(top, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and path.suffix.lower() in SUFFIXES:
                entries.append((path.relative_to(top).parts, path))
    for exc in errors:
        where = Path(exc.filename) if exc.filename else top
        parts = where.relative_to(top).parts if where.is_relative_to(top) else ()
        entries.append((parts, InputError(guard.printable(str(where)), os_problem(exc))))
    found = False
    for _, entry in sorted(entries, key=lambda e: e[0]):
        if isinstance(entry, InputError):
            found = True
            yield entry
            continue
        # A JSON object without "text" beside the documents (gold.json, expected.json)
        # is metadata, not a document: skipped here, but an error when named explicitly.
        for item in read_file(entry, published=published, skip_metadata=True):
            found = True
            yield item
    if not found:
        known = ", ".join(s for s in SUFFIXES if s)
        yield InputError(guard.printable(str(top)), f"no readable documents in the directory (looked for {known})")


def read_stdin(
    stream: TextIO | None = None, *, published: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Standard input: JSON Lines when the first non-blank character is ``{``, else one article.

    The plain-text article's id is ``stdin``; origins are ``<stdin>`` and ``<stdin>:line``.
    JSON Lines are read line by line (each line bounded); one article is bounded as a file is.
    """
    stream = stream if stream is not None else sys.stdin
    yield from _guarded(_read_stdin(stream, published=published), STDIN_ORIGIN)


def _read_stdin(stream: TextIO, *, published: dt.date | None) -> Iterator[Item]:
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text stream (tests, embedding): bounded like bytes
            data = stream.read(guard.LIMITS.file_bytes + 1).encode("utf-8", "surrogatepass")
            buffer = io.BytesIO(data)
        head = buffer.read(65536)
        while head.strip() == b"" and (more := buffer.read(65536)):
            head += more
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            # Split on "\n" only: JSON strings may hold U+2028 and other line separators.
            yield from parse_jsonl(guard.bounded_lines(buffer, origin=STDIN_ORIGIN, first=head),
                                   origin=STDIN_ORIGIN, published=published)
            return
        rest = guard.read_stream(buffer, origin=STDIN_ORIGIN,
                                 max_bytes=max(0, guard.LIMITS.file_bytes - len(head)))
        text = decode(head + rest, origin=STDIN_ORIGIN)
        if not text.strip():
            raise InputError(STDIN_ORIGIN, "empty input (nothing on stdin)")
        yield parse_text(text, doc_id="stdin", published=published, origin=STDIN_ORIGIN)
    except InputError as err:
        yield err
