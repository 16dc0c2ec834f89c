"""read_inputs: dispatch by suffix, directories, stdin; every input yields an Article or an InputError."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from pathlib import Path

import pytest

import eventscribe.ingest as ingest
from eventscribe.errors import InputError
from eventscribe.ingest import read_inputs
from eventscribe.types import Article

HTML = ("<html><head><title>Clash in Tame</title></head><body><article><p>Army troops and ELN "
        "fighters clashed near Tame in Arauca on Sunday, and at least 12 people were killed in "
        "the fighting, officials said.</p></article></body></html>")


def _tree(root: Path) -> Path:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.txt").write_text("Title B\n21/10/2015\nBody B.", encoding="utf-8")
    (root / "a.md").write_text("# Title A\nBody A.", encoding="utf-8")
    (root / "sub" / "c.html").write_text(HTML, encoding="utf-8")
    (root / "sub" / "deeper" / "d.jsonl").write_text(
        '{"doc_id": "d1", "text": "x"}\n{"doc_id": "d2", "text": "y"}\n', encoding="utf-8")
    (root / "sub" / "e.json").write_text('{"text": "Arrests in Sevare."}', encoding="utf-8")
    (root / "sub" / "expected.json").write_text('{"a.md": {"events": []}}', encoding="utf-8")
    (root / "NOTES").write_text("Untitled note\nBody.", encoding="utf-8")
    (root / ".hidden" / "z.txt").write_text("hidden", encoding="utf-8")
    (root / ".dotfile.txt").write_text("hidden", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG")
    return root


def _ids(items: list[Article | InputError]) -> list[str]:
    return [i.id if isinstance(i, Article) else f"ERR {i.origin}" for i in items]


def test_ingest_public_api() -> None:
    assert "read_inputs" in ingest.__all__
    assert all(hasattr(ingest, name) for name in ingest.__all__)


def test_ingest_directory_recursive_sorted_skips_hidden_and_unknown(tmp_path: Path) -> None:
    root = _tree(tmp_path / "docs")
    items = list(read_inputs([root]))
    assert _ids(items) == ["NOTES", "a", "b", "c", "d1", "d2", "e"]  # sorted by path
    origins = [i.origin for i in items]
    assert origins[2] == str(root / "b.txt")
    assert origins[4] == f"{root / 'sub' / 'deeper' / 'd.jsonl'}:1"


def test_ingest_directory_broken_link_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody.", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    items = list(read_inputs([tmp_path]))
    assert _ids(items) == ["a", f"ERR {tmp_path / 'b.txt'}"]


def test_ingest_dispatch_by_suffix(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    items = list(read_inputs([root / "sub" / "c.html", str(root / "b.txt"), root / "sub" / "deeper" / "d.jsonl"]))
    assert _ids(items) == ["c", "b", "d1", "d2"]
    assert isinstance(items[0], Article) and "at least 12 people were killed" in items[0].text


def test_ingest_bad_inputs_reported_and_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Title\nBody.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Sévaré".encode("latin-1"))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF")
    missing = tmp_path / "missing.txt"
    items = list(read_inputs([missing, empty, latin1, pdf, good]))
    assert _ids(items) == [f"ERR {missing}", f"ERR {empty}", f"ERR {latin1}", f"ERR {pdf}", "good"]
    problems = [i.problem for i in items if isinstance(i, InputError)]
    assert "no such file" in problems[0] and "empty" in problems[1]
    assert "UTF-8" in problems[2] and "unsupported file type '.pdf'" in problems[3]


def test_ingest_empty_directory_reported(tmp_path: Path) -> None:
    (tmp_path / "only.png").write_bytes(b"x")
    (err,) = read_inputs([tmp_path])
    assert isinstance(err, InputError) and err.origin == str(tmp_path)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions as non-root")
def test_ingest_unreadable_file_in_directory_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Title\nBody.", encoding="utf-8")
    locked.chmod(0)
    (tmp_path / "ok.txt").write_text("Title\nBody.", encoding="utf-8")
    try:
        items = list(read_inputs([tmp_path]))
    finally:
        locked.chmod(0o644)
    assert _ids(items) == [f"ERR {locked}", "ok"]
    assert isinstance(items[0], InputError) and "permission denied" in items[0].problem


def test_ingest_published_override_applies_to_every_format(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    day = dt.date(2001, 2, 3)
    items = list(read_inputs([root], published=day))
    assert items and all(isinstance(i, Article) and i.published == day for i in items)


def test_ingest_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Title\n\nOct. 21, 2015 \u2014 Shelling hit Nikopol.\n"))
    (art,) = read_inputs(["-"])
    assert isinstance(art, Article)
    assert (art.id, art.origin, art.title, art.published) == ("stdin", "<stdin>", "Title", dt.date(2015, 10, 21))


def test_ingest_stdin_jsonl_with_bad_line(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["", json.dumps({"doc_id": "a", "text": "x\u2028y"}), "{oops", json.dumps({"doc_id": "b", "text": "z"})]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines)))
    items = list(read_inputs(["-"]))
    assert _ids(items) == ["a", "ERR <stdin>:3", "b"]
    assert isinstance(items[0], Article) and items[0].text == "x\u2028y"


def test_ingest_stdin_bytes_buffer_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"Title\nBody \xff"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    (err,) = read_inputs(["-"])
    assert isinstance(err, InputError) and err.origin == "<stdin>" and "UTF-8" in err.problem


def test_ingest_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    (err,) = read_inputs(["-"])
    assert isinstance(err, InputError) and "empty" in err.problem
