"""JSON Lines and .json readers: records in, bad lines reported with path:line, reading goes on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventscribe.errors import InputError
from eventscribe.ingest.jsonl import parse_jsonl, read_json_file, read_jsonl_file
from eventscribe.types import Article, content_hash


def _write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_jsonl_reads_records_and_ignores_extra_keys(tmp_path: Path) -> None:
    rec = {"doc_id": "d1", "text": "Clashes in Tame.", "published": "2020-05-09", "title": "T",
           "source": "Mareb Press", "events": [{"event_type": "Battles"}], "toponyms": []}
    path = _write_lines(tmp_path / "c.jsonl", [json.dumps(rec)])
    (art,) = read_jsonl_file(path)
    assert isinstance(art, Article)
    assert (art.id, art.text, art.published, art.title, art.source) == (
        "d1", "Clashes in Tame.", dt.date(2020, 5, 9), "T", "Mareb Press")
    assert art.origin == f"{path}:1"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "not an object"),
        ('{"doc_id": "x"}', 'no "text" key'),
        ('{"doc_id": "x", "text": 42}', '"text" is a number'),
        ('{"doc_id": "x", "text": "   "}', '"text" is empty'),
        ('{"doc_id": "x", "text": "ok", "published": "09/05/2020"}', 'bad "published" date'),
        ('{"doc_id": "x", "text": "ok", "published": "2020-02-30"}', 'bad "published" date'),
        ('{"doc_id": ["x"], "text": "ok"}', '"doc_id" is a array'),
    ],
)
def test_ingest_jsonl_bad_line_reported_and_reading_goes_on(tmp_path: Path, line: str, problem: str) -> None:
    good = json.dumps({"doc_id": "good", "text": "Protest in Kano."})
    path = _write_lines(tmp_path / "c.jsonl", [good, line, "", good.replace("good", "good2")])
    items = list(read_jsonl_file(path))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    err = items[1]
    assert isinstance(err, InputError)
    assert err.origin == f"{path}:2" and problem in err.problem
    assert isinstance(items[2], Article) and items[2].origin == f"{path}:4"


def test_ingest_jsonl_undecodable_line_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "a\xff"}\n{"doc_id": "ok", "text": "fine"}\n')
    first, second = read_jsonl_file(path)
    assert isinstance(first, InputError) and first.origin == f"{path}:1" and "UTF-8" in first.problem
    assert isinstance(second, Article) and second.id == "ok"


def test_ingest_jsonl_missing_doc_id_gets_content_hash() -> None:
    (art,) = parse_jsonl(['{"text": "Shelling in Nikopol."}'], origin="x")
    assert isinstance(art, Article) and art.id == content_hash("Shelling in Nikopol.")


def test_ingest_jsonl_published_override_and_empty_date() -> None:
    lines = ['{"doc_id": "a", "text": "t", "published": "2020-05-09"}', '{"doc_id": "b", "text": "t", "published": null}']
    items = list(parse_jsonl(lines, origin="x", published=dt.date(2021, 1, 1)))
    assert [i.published for i in items if isinstance(i, Article)] == [dt.date(2021, 1, 1)] * 2
    (b,) = parse_jsonl(lines[1:], origin="x")
    assert isinstance(b, Article) and b.published is None


def test_ingest_jsonl_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "e.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    (err,) = read_jsonl_file(empty)
    assert isinstance(err, InputError) and "empty" in err.problem
    (err,) = read_jsonl_file(tmp_path / "missing.jsonl")
    assert isinstance(err, InputError) and "no such file" in err.problem


def test_ingest_json_single_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "story.json"
    one.write_text('{"text": "Arrests in Sevare.", "published": "2023-05-17"}', encoding="utf-8")
    (art,) = read_json_file(one)
    assert isinstance(art, Article) and art.id == "story" and art.origin == str(one)
    many = tmp_path / "many.json"
    many.write_text('[{"doc_id": "a", "text": "x"}, {"doc_id": "b"}]', encoding="utf-8")
    a, b = read_json_file(many)
    assert isinstance(a, Article) and a.origin == f"{many}[0]"
    assert isinstance(b, InputError) and b.origin == f"{many}[1]"


def test_ingest_json_metadata_object_skipped_only_when_asked(tmp_path: Path) -> None:
    meta = tmp_path / "expected.json"
    meta.write_text('{"a.txt": {"events": []}}', encoding="utf-8")
    assert list(read_json_file(meta, skip_metadata=True)) == []
    (err,) = read_json_file(meta)
    assert isinstance(err, InputError)
