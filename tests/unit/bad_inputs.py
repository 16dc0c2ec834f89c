"""A corpus of bad inputs, built in a temporary folder, and a stand-in for the reading model.

Each :class:`Kind` makes its files and says what a run over them must give: ``error`` (an
``error:`` line naming the input, exit code 1), ``stored`` (read, perhaps repaired, no
message), ``renamed`` (a ``warning:`` line, stored under ``id~hash``) or ``duplicate`` (the
same document again: stored once). Used by the fast tests (with :func:`fake_pipeline`, the real
``Pipeline`` batching over a blank spaCy tokenizer) and by the slow one (the real model).
"""

from __future__ import annotations

import functools
import json
import os
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventscribe.pipeline import Pipeline
from eventscribe.settings import Settings
from eventscribe.types import Article, DocResult, EventMention, Place, Span, content_hash

GOOD_TEXT = ("Clashes in Bakhmut\n\nOn 3 March 2024, Russian forces shelled Bakhmut in Donetsk "
             "province, killing two civilians, the regional governor said.\n")
GOOD_RECORD = {"published": "2024-03-04", "text": GOOD_TEXT.replace("\n", " ").strip()}


@dataclass
class Kind:
    """One kind of bad input: ``make(folder)`` writes it and returns the paths to give."""

    name: str
    make: Callable[[Path], list[str]]
    outcome: str  # error | stored | renamed | duplicate
    message: str = ""  # a substring of its one-line message
    where: Callable[[Path], str] | None = None  # the input named in the message (default: first path)
    documents: int = 1  # documents the input counts for
    stored_text: str | None = None  # a substring the stored text must hold (repairs)


def _w(path: Path, data: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return str(path)


def _jsonl(path: Path, *lines: str) -> str:
    return _w(path, "".join(line + "\n" for line in lines))


def _rec(**fields: object) -> str:
    return json.dumps({**GOOD_RECORD, **fields})


def _fifo(d: Path) -> list[str]:
    d.mkdir(parents=True, exist_ok=True)
    os.mkfifo(d / "pipe.txt")
    return [str(d)]


def _socket(d: Path) -> list[str]:
    d.mkdir(parents=True, exist_ok=True)
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(d / "s.txt"))
    s.close()
    return [str(d)]


def _link(target: str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        d.mkdir(parents=True, exist_ok=True)
        (d / "link.txt").symlink_to(target)
        return [str(d / "link.txt")]
    return make


def _dup_different(d: Path) -> list[str]:
    return [_jsonl(d / "dup.jsonl", _rec(doc_id="same"),
                   _rec(doc_id="same", text=GOOD_RECORD["text"] + " A second, different text."))]


def kinds(limits_hint: int = 4096) -> list[Kind]:
    """The bad-input kinds (``limits_hint``: the byte limits the tests put in force)."""
    big = "x" * (limits_hint + 10)
    return [
        # -- the six defects of issue 11 ----------------------------------------------------
        Kind("nested_jsonl_line", lambda d: [_jsonl(d / "n.jsonl", _rec(doc_id="n-ok"),
                                                    "[" * 100_000 + "]" * 100_000)],
             "error", "nested 100,000 levels", where=lambda d: f"{d / 'n.jsonl'}:2", documents=2),
        Kind("nested_json_file", lambda d: [_w(d / "n.json", "[" * 100_000 + "]" * 100_000)],
             "error", "nested 100,000 levels"),
        Kind("lone_surrogate", lambda d: [_jsonl(d / "s.jsonl", _rec(doc_id="sur").replace(
            "Bakhmut in", "Bakhmut \\ud800in"))], "stored", stored_text="Bakhmut \ufffdin"),
        Kind("lone_surrogate_no_id", lambda d: [_jsonl(d / "s.jsonl", _rec().replace(
            "Bakhmut in", "Bakhmut \\udfffin"))], "stored", stored_text="\ufffd"),
        Kind("fifo_in_directory", _fifo, "error", "FIFO", where=lambda d: str(d / "pipe.txt")),
        Kind("symlink_to_dev_zero", _link("/dev/zero"), "error", "character device"),
        Kind("same_id_different_text", _dup_different, "renamed", "already names another text",
             where=lambda d: f"{d / 'dup.jsonl'}:2", documents=2),
        Kind("published_year_1", lambda d: [_jsonl(d / "p.jsonl", _rec(published="0001-01-01"))],
             "error", "published", where=lambda d: f"{d / 'p.jsonl'}:1"),
        # -- files that are not documents --------------------------------------------------
        Kind("socket_in_directory", _socket, "error", "socket", where=lambda d: str(d / "s.txt")),
        Kind("symlink_to_dev_null", _link("/dev/null"), "error", "character device"),
        Kind("broken_symlink", _link("/nonexistent/gone.txt"), "error", "no such file"),
        Kind("missing_path", lambda d: [str(d / "missing.txt")], "error", "no such file"),
        Kind("unsupported_suffix", lambda d: [_w(d / "r.pdf", b"%PDF-1.4")], "error", "unsupported"),
        Kind("empty_directory", lambda d: [_w(d / "only.png", b"png") and str(d)], "error",
             "no readable documents", where=lambda d: str(d)),
        # -- text that cannot be read ------------------------------------------------------
        Kind("latin1_text", lambda d: [_w(d / "l.txt", "Sévaré attack".encode("latin-1"))],
             "error", "UTF-8"),
        Kind("binary_garbage", lambda d: [_w(d / "g.txt", bytes(range(256)) * 4)], "error", "UTF-8"),
        Kind("empty_text_file", lambda d: [_w(d / "e.txt", "")], "error", "empty"),
        Kind("blank_text_file", lambda d: [_w(d / "b.txt", " \n\t\n")], "error", "empty"),
        Kind("file_over_size_limit", lambda d: [_w(d / "big.txt", "Title\n" + big)], "error",
             "over the limit"),
        Kind("html_without_text", lambda d: [_w(d / "h.html", "<html><body></body></html>")],
             "error", "", documents=1),
        # -- JSON that cannot be read -------------------------------------------------------
        Kind("empty_jsonl", lambda d: [_w(d / "e.jsonl", "")], "error", "empty"),
        Kind("invalid_json_line", lambda d: [_jsonl(d / "i.jsonl", "{not json")], "error",
             "not valid JSON", where=lambda d: f"{d / 'i.jsonl'}:1"),
        Kind("truncated_last_line", lambda d: [_w(d / "t.jsonl", _rec(doc_id="t1") + "\n"
                                                 + _rec(doc_id="t2")[:40])],
             "error", "not valid JSON", where=lambda d: f"{d / 't.jsonl'}:2", documents=2),
        Kind("array_line", lambda d: [_jsonl(d / "a.jsonl", "[1, 2]")], "error", "array",
             where=lambda d: f"{d / 'a.jsonl'}:1"),
        Kind("null_line", lambda d: [_jsonl(d / "z.jsonl", "null")], "error", "null",
             where=lambda d: f"{d / 'z.jsonl'}:1"),
        Kind("no_text_key", lambda d: [_jsonl(d / "k.jsonl", '{"doc_id": "k"}')], "error",
             '"text" key', where=lambda d: f"{d / 'k.jsonl'}:1"),
        Kind("text_is_number", lambda d: [_jsonl(d / "k.jsonl", '{"text": 5}')], "error",
             '"text" is a number', where=lambda d: f"{d / 'k.jsonl'}:1"),
        Kind("text_is_empty", lambda d: [_jsonl(d / "k.jsonl", '{"text": ""}')], "error",
             '"text" is empty', where=lambda d: f"{d / 'k.jsonl'}:1"),
        Kind("doc_id_is_object", lambda d: [_jsonl(d / "k.jsonl", _rec(doc_id={"a": 1}))], "error",
             '"doc_id"', where=lambda d: f"{d / 'k.jsonl'}:1"),
        Kind("title_is_number", lambda d: [_jsonl(d / "k.jsonl", _rec(title=7))], "error",
             '"title"', where=lambda d: f"{d / 'k.jsonl'}:1"),
        Kind("bad_published_date", lambda d: [_jsonl(d / "k.jsonl", _rec(published="2024-13-45"))],
             "error", "published", where=lambda d: f"{d / 'k.jsonl'}:1"),
        Kind("huge_integer", lambda d: [_jsonl(d / "k.jsonl", '{"doc_id": ' + "9" * 5000
                                               + ', "text": "x"}')],
             "error", "4,300 digits", where=lambda d: f"{d / 'k.jsonl'}:1"),
        Kind("overlong_jsonl_line", lambda d: [_jsonl(d / "o.jsonl", _rec(doc_id="long", text=big),
                                                      _rec(doc_id="after-long"))],
             "error", "over the limit", where=lambda d: f"{d / 'o.jsonl'}:1", documents=2),
        Kind("empty_json_list", lambda d: [_w(d / "l.json", "[]")], "error", "empty JSON list"),
        Kind("json_list_bad_item", lambda d: [_w(d / "l.json", "[" + _rec(doc_id="l0") + ", 3]")],
             "error", "number", where=lambda d: f"{d / 'l.json'}[1]", documents=2),
        # -- names that would break a log line ---------------------------------------------
        Kind("newline_and_markup_in_name", lambda d: [_w(d / "a\n[/b].txt", "")], "error", "empty",
             where=lambda d: str(d / "a\\n[/b].txt")),
        Kind("undecodable_file_name", lambda d: [_w(Path(os.fsdecode(bytes(d) + b"/\xff.txt")), "")],
             "error", "empty", where=lambda d: f"{d}/\ufffd.txt"),
        # -- text that is repaired, not refused ----------------------------------------------
        Kind("nul_characters", lambda d: [_w(d / "nul.txt", GOOD_TEXT.replace("Bakhmut in", "Bakh\x00mut in"))],
             "stored", stored_text="Bakhmut in"),
        Kind("mojibake", lambda d: [_w(d / "m.txt", GOOD_TEXT.replace("governor said",
                                                                      "governorâ€™s office said"))],
             "stored", stored_text="governor\u2019s office"),
        Kind("terminal_escapes", lambda d: [_w(d / "esc.txt", GOOD_TEXT.replace("Bakhmut in", "\x1b[31mBakhmut\x1b[0m in"))],
             "stored", stored_text="Bakhmut in"),
        Kind("bom_and_crlf", lambda d: [_w(d / "c.jsonl", ("\ufeff" + _rec(doc_id="crlf") + "\r\n").encode())],
             "stored"),
        Kind("brackets_inside_strings", lambda d: [_jsonl(d / "br.jsonl", _rec(doc_id="br", title="[" * 500))],
             "stored"),
        Kind("same_document_twice", lambda d: [_jsonl(d / "twice.jsonl", _rec(doc_id="tw"), _rec(doc_id="tw"))],
             "duplicate", documents=2),
        Kind("text_over_max_chars", lambda d: [_jsonl(d / "mc.jsonl", _rec(doc_id="mc", text="word " * 1300))],
             "error", "max_chars", where=lambda d: f"{d / 'mc.jsonl'}:1"),
    ]


GOOD_FILES = ("good-a.txt", "good-b.jsonl")


def good_inputs(root: Path) -> list[str]:
    """Two good inputs (three documents), given before and after the bad one."""
    a = _w(root / "good" / "good-a.txt", GOOD_TEXT)
    b = _jsonl(root / "good" / "good-b.jsonl", _rec(doc_id="good-b1"),
               _rec(doc_id="good-b2", text="Protesters marched peacefully in Tbilisi on Sunday."))
    return [a, b]


GOOD_IDS = {"good-a", "good-b1", "good-b2"}


class FakeReading(Pipeline):
    """The real Pipeline's batching and fallbacks over a blank spaCy tokenizer (no model):
    a text mentioning "shelled" yields one mention, any other none."""

    def process_doc(self, doc, article, *, units=None, typing=None):  # type: ignore[no-untyped-def]
        origin = article.origin or article.id
        if "shelled" not in doc.text:
            return DocResult(article=article, origin=origin)
        start = doc.text.index("shelled")
        spread = int(content_hash(article.id), 16) % 1000  # a place ~10 km apart per document
        place = Place(f"Place of {article.id}", "Ukraine", "UA", "Donetsk Oblast",
                      45.0 + spread / 100, 37.0)
        m = EventMention(doc_id=article.id, event_type="Explosions/Remote violence",
                         sub_event_type="Shelling/artillery/missile attack",
                         evidence=Span(start, start + 7, "shelled"), date=article.published,
                         place=place)
        return DocResult(article=article, origin=origin, mentions=[m])


@functools.lru_cache(maxsize=1)
def _blank() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", name="parser")  # a name the pipeline keeps enabled
    return nlp


def fake_pipeline(settings: Settings | None = None) -> FakeReading:
    nlp = _blank()
    return FakeReading(settings=settings or Settings.from_env(), nlp=nlp,
                       gazetteer=None, classifier=None)  # type: ignore[arg-type]


def fake_pipe(settings: Settings | None = None) -> Callable[[Iterable[Article]], Iterator[DocResult]]:
    pipeline = fake_pipeline(settings)
    return lambda items: pipeline.pipe(items)
