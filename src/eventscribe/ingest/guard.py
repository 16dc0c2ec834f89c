"""The guarded read every input goes through, so that no single document can stop or hang a batch.

Every reader of :mod:`eventscribe.ingest` (files, directory entries, JSON Lines lines, stdin)
and the HTTP API's ``POST /api/extract`` body pass through these checks:

- **regular files only** (:func:`check_regular`): a FIFO, a device (also behind a symlink, such
  as a ``.txt`` link to ``/dev/zero``), a socket or a directory is refused with its kind named,
  before anything is read, so a named pipe cannot hang the run and a device cannot fill memory;
- **size bounded before reading** (:data:`LIMITS`): a file over ``file_bytes`` is refused from
  its ``stat`` size, and no more than the limit is ever read; a JSON Lines line over
  ``line_bytes`` is skipped (and reported) without being held in memory;
- **JSON depth bounded** (:func:`loads_json`): nesting deeper than ``json_depth`` is refused
  before :func:`json.loads` runs, so 100,000 nested arrays are one bad line, not a RecursionError;
- **text repaired** (:func:`clean_text`): lone surrogates (from ``"\\ud800"`` escapes), NULs and
  other control characters, terminal escapes and mojibake (``â€™`` for ``’``) are fixed by
  ``ftfy``. Only broken text changes: line breaks, quotes, widths and Unicode normalisation are
  kept as written, so valid text reads byte for byte as before;
- **one id, one text** (:class:`DocIds`): a second document with an id already used for another
  text gets the id ``<doc_id>~<8 hex digits of its content hash>`` instead of being dropped.

Everything refused becomes an :class:`~eventscribe.errors.InputError` naming the input.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

import ftfy

from eventscribe.errors import InputError
from eventscribe.types import Article, content_hash

__all__ = [
    "LIMITS",
    "DocIds",
    "Limits",
    "bounded_lines",
    "check_regular",
    "clean_article",
    "clean_strings",
    "clean_text",
    "json_depth",
    "loads_json",
    "open_regular",
    "printable",
    "read_regular",
    "read_stream",
]

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds of one read. ``file_bytes``: a whole file (text, HTML, ``.json``) or stdin;
    ``line_bytes``: one JSON Lines record; ``json_depth``: nesting of one JSON value."""

    file_bytes: int = 64 * MiB
    line_bytes: int = 16 * MiB
    json_depth: int = 64


#: The bounds in force (tests replace it with smaller ones).
LIMITS = Limits()

# What a path is, when it is not a regular file: (stat test, words for the message).
_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _limits() -> Limits:
    return LIMITS


def _size(n: int) -> str:
    return f"{n / MiB:,.1f} MiB" if n >= MiB else f"{n:,} bytes"


def os_problem(exc: OSError) -> str:
    """What went wrong opening a path, phrased for an :class:`InputError`."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory where a file was expected"
    if isinstance(exc, PermissionError):
        return "permission denied (check the file's read permission)"
    return f"cannot be read: {exc.strerror or exc}"


def _not_regular(path: Path, mode: int, origin: str) -> InputError:
    kind = next((words for test, words in _KINDS if test(mode)), "not a regular file")
    via = ""
    if path.is_symlink():
        try:
            via = f" (a symlink to {os.readlink(path)})"
        except OSError:
            via = " (a symlink)"
    return InputError(origin, f"is {kind}{via}, not a regular file (eventscribe reads regular "
                              "files only)")


def check_regular(path: str | Path, *, origin: str | None = None) -> os.stat_result:
    """The ``stat`` of a regular file (symlinks followed); InputError for anything else.

    Nothing is opened, so a FIFO cannot block and a device cannot be read.
    """
    path = Path(path)
    where = origin or str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(where, os_problem(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(path, st.st_mode, where)
    return st


def _too_big(where: str, size: int, limit: int) -> InputError:
    return InputError(where, f"{_size(size)} is over the limit of {_size(limit)} for one file "
                             "(split it, or give a corpus as JSON Lines, which is read line by line)")


def open_regular(path: str | Path, *, origin: str | None = None) -> BinaryIO:
    """Open a regular file for reading bytes; InputError (naming the kind) for anything else.

    The path is checked before it is opened, and the opened file again (``fstat``), so a
    file swapped for a FIFO in between is refused too; ``O_NONBLOCK`` keeps that open from
    waiting for a writer.
    """
    path = Path(path)
    where = origin or str(path)
    check_regular(path, origin=where)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(where, os_problem(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode, where)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | Path, *, origin: str | None = None,
                 max_bytes: int | None = None) -> bytes:
    """A regular file's bytes, refused before reading when over ``max_bytes``
    (default ``LIMITS.file_bytes``); never reads more than that even if the file grows."""
    where = origin or str(path)
    limit = _limits().file_bytes if max_bytes is None else max_bytes
    with open_regular(path, origin=where) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise _too_big(where, size, limit)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(where, os_problem(exc)) from None
    if len(data) > limit:
        raise _too_big(where, len(data), limit)
    return data


def read_stream(stream: BinaryIO, *, origin: str, max_bytes: int | None = None) -> bytes:
    """At most ``max_bytes`` (default ``LIMITS.file_bytes``) of a stream such as stdin."""
    limit = _limits().file_bytes if max_bytes is None else max_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(origin, f"more than {_size(limit)} on standard input; give a large "
                                 "corpus as a JSON Lines file")
    return data


def bounded_lines(stream: BinaryIO, *, origin: str, max_bytes: int | None = None,
                  chunk: int = MiB, first: bytes = b"") -> Iterator[bytes | InputError]:
    """The lines of a byte stream (without their ``\\n``), one item per line.

    A line longer than ``max_bytes`` (default ``LIMITS.line_bytes``) is never held whole: it
    is skipped to its end and stands as an InputError at ``origin:lineno``, so the line
    numbers of the lines after it stay right. ``first`` is data already read from the stream.
    """
    limit = _limits().line_bytes if max_bytes is None else max_bytes
    buf, pos = bytes(first), 0
    lineno = 0
    skipped = 0  # bytes of an over-long line dropped so far
    eof = False
    while True:
        nl = buf.find(b"\n", pos)
        if nl >= 0:
            line, pos = buf[pos:nl], nl + 1
            lineno += 1
            if skipped or len(line) > limit:
                yield InputError(f"{origin}:{lineno}", _line_too_long(skipped + len(line), limit))
                skipped = 0
            else:
                yield line
            continue
        rest = buf[pos:]
        if len(rest) > limit:  # no end in sight: drop what we have and look further
            skipped += len(rest)
            rest = b""
        if eof:
            if rest or skipped:
                lineno += 1
                yield (InputError(f"{origin}:{lineno}", _line_too_long(skipped + len(rest), limit))
                       if skipped else rest)
            return
        data = stream.read(chunk)
        eof = not data
        buf, pos = rest + data, 0


def _line_too_long(size: int, limit: int) -> str:
    return f"a line of {_size(size)} is over the limit of {_size(limit)} for one record; skipped"


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (brackets in strings ignored)."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(_STRING.sub('""', text) if '"' in text else text):
        if m[0] in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads_json(text: str, *, origin: str, max_depth: int | None = None, multiline: bool = False) -> Any:
    """``json.loads`` that can only fail with an InputError naming ``origin``.

    Nesting deeper than ``max_depth`` (default ``LIMITS.json_depth``) is refused before parsing;
    integers too long to convert, and any other ValueError or RecursionError of the parser, are
    bad input too. String values of the top-level object (or of the objects of a top-level
    list) are repaired with :func:`clean_text`.
    """
    limit = _limits().json_depth if max_depth is None else max_depth
    if "[" in text or "{" in text:
        depth = json_depth(text)
        if depth > limit:
            raise InputError(origin, f"JSON nested {depth:,} levels deep; at most {limit} are read")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if multiline else f"column {exc.colno}"
        raise InputError(origin, f"not valid JSON: {exc.msg} ({where})") from None
    except (ValueError, RecursionError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "integer string conversion" in why:  # Python's guard against quadratic int parsing
            why = "a number of more than 4,300 digits"
        raise InputError(origin, f"not valid JSON: {why}") from None
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    return clean_strings(value)


def clean_strings(value: Any) -> Any:
    """An object with its string values (one level) repaired; anything else unchanged."""
    if isinstance(value, dict):
        return {k: clean_text(v) if isinstance(v, str) else v for k, v in value.items()}
    return value


# ftfy's repairs of broken text only: mojibake, lone surrogates (to U+FFFD), control characters
# (NUL and the like; tab and line breaks are kept), terminal escapes. Its rewrites of valid text
# (straight quotes, half-width forms, ligatures, line breaks, NFC, HTML entities) are off, so the
# offsets of valid text do not move and the pipeline reads what was written.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, normalization=None, explain=False,
)
_SUSPECT = re.compile(r"[^\t\n\r\x20-\x7e]")  # pure printable ASCII needs no repair


def clean_text(text: str) -> str:
    """``text`` with broken Unicode repaired (see the module docstring); valid text unchanged."""
    if not _SUSPECT.search(text):
        return text
    return ftfy.fix_text(text, _FTFY)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` safe for one line of a log and for the database: control characters and line
    breaks escaped (``\\n``), lone surrogates (undecodable bytes of a file name) as U+FFFD."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: "\ufffd" if "\ud800" <= m[0] <= "\udfff"
                            else m[0].encode("unicode_escape").decode("ascii"), text)


def clean_article(article: Article) -> Article:
    """The article with its text, title and source repaired and its id and origin printable
    (the same object when all were valid)."""
    text, title, source = (clean_text(v) if v else v for v in (article.text, article.title, article.source))
    doc_id = printable(article.id)
    origin = printable(article.origin) if article.origin else article.origin
    if (text, title, source, doc_id, origin) == (article.text, article.title, article.source,
                                                 article.id, article.origin):
        return article
    return replace(article, id=doc_id, text=text, title=title, source=source, origin=origin)


class DocIds:
    """Keeps document ids unique per text: the same id for a different text is renamed.

    ``known`` looks ids up where documents were stored before (the event store), so a rename
    holds across runs: re-reading the same corpus gives the same ids, and nothing is dropped.
    """

    def __init__(self, known: Callable[[list[str]], Mapping[str, str]] | None = None) -> None:
        self._known = known
        self._hashes: dict[str, tuple[str, str]] = {}  # id -> (content hash, where first read)
        self._looked: set[str] = set()  # ids already looked up in ``known``

    def prefetch(self, articles: Iterable[Article]) -> None:
        """Look the ids of ``articles`` up in ``known`` at once (one query per batch)."""
        wanted = list(dict.fromkeys(a.id for a in articles if a.id not in self._hashes
                                    and a.id not in self._looked))
        self._looked.update(wanted)
        if self._known is not None and wanted:
            for doc_id, digest in self._known(wanted).items():
                self._hashes.setdefault(doc_id, (digest, "the database"))

    def claim(self, article: Article) -> tuple[Article, str | None]:
        """(the article, possibly renamed; a one-line note when it was renamed)."""
        digest = content_hash(article.text)
        where = article.origin or article.id
        doc_id = article.id
        self.prefetch([article])
        seen = self._hashes.get(doc_id)
        if seen is None or seen[0] == digest:
            self._hashes.setdefault(doc_id, (digest, where))
            return article, None
        new_id = f"{doc_id}~{digest[:8]}"
        self._hashes.setdefault(new_id, (digest, where))
        note = (f"{where}: doc_id {doc_id!r} already names another text (in {seen[1]}); "
                f"this one is stored as {new_id!r}")
        return replace(article, id=new_id), note
