"""JSON Lines and .json readers: records in, bad lines reported with path:line, reading goes on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventscribe.errors import InputError
from eventscribe.ingest._common import parse_iso_date
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


# --- "published": the forms read, the ones refused, and the dateline when it is missing ------------

MAR6 = dt.date(2024, 3, 6)


def _published(value: object, text: str = "Gunmen raided a village near Mopti.") -> Article | InputError:
    (item,) = parse_jsonl([json.dumps({"doc_id": "d", "text": text, "published": value})], origin="c.jsonl")
    return item


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-06", MAR6),
    ("  2024-03-06  ", MAR6),
    ("2024-03-06T08:00:00Z", MAR6),
    ("2024-03-06 08:00", MAR6),
    ("2024-03-06T23:30:00-05:00", MAR6),  # the day as written, not converted to UTC
    ("Wed, 06 Mar 2024 08:00:00 GMT", MAR6),
    ("Wed, 6 Mar 2024 23:59:59 -0800", MAR6),
    ("6 March 2024", MAR6),
    ("March 6, 2024", MAR6),
    ("Wednesday, 6 March 2024", MAR6),
    ("6th of March 2024", MAR6),
    ("21/10/2015", dt.date(2015, 10, 21)),  # unambiguous numeric: day first
    ("10/21/2015", dt.date(2015, 10, 21)),  # unambiguous numeric: month first
    ("06/06/2024", dt.date(2024, 6, 6)),  # both readings agree
])
def test_ingest_jsonl_published_forms(value: str, expected: dt.date) -> None:
    art = _published(value)
    assert isinstance(art, Article) and art.published == expected


@pytest.mark.parametrize(("value", "problem"), [
    ("08/05/2019", "ambiguous (8 May 2019 or 5 August 2019?)"),
    ("08-05-2019", "ambiguous"),
    ("0001-01-01", "before 1900"),
    ("1899-12-31", "before 1900"),
    ("2999-01-01", "in the future"),
    ("yesterday", "not a date in a known form"),  # relative: would depend on the clock
    ("March 2024", "not a date in a known form"),  # no day
    ("2024-02-30", "not a date in a known form"),
    ("soon\nafter", "not a date in a known form"),
])
def test_ingest_jsonl_bad_published_is_one_line_input_error(value: str, problem: str) -> None:
    err = _published(value)
    assert isinstance(err, InputError)
    assert err.origin == "c.jsonl:1"
    assert err.problem.startswith('bad "published" date') and problem in err.problem
    assert "\n" not in str(err) and "YYYY-MM-DD" in str(err)


def test_ingest_jsonl_unreadable_published_lists_accepted_forms() -> None:
    err = _published("the sixth")
    assert isinstance(err, InputError)
    for form in ("2024-03-06", "2024-03-06T08:00:00Z", "Wed, 06 Mar 2024 08:00:00 GMT", "6 March 2024"):
        assert form in err.problem


@pytest.mark.parametrize(("value", "kind"), [(20240306, "number"), (["2024-03-06"], "array"), (True, "boolean")])
def test_ingest_jsonl_published_not_a_string(value: object, kind: str) -> None:
    err = _published(value)
    assert isinstance(err, InputError) and f'"published" is a {kind}' in err.problem


def test_ingest_jsonl_published_long_value_shortened_in_message() -> None:
    err = _published("x" * 500)
    assert isinstance(err, InputError) and len(err.problem) < 400


def test_ingest_jsonl_year_one_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    bad = json.dumps({"doc_id": "old", "text": "Shelling hit the town on Tuesday.", "published": "0001-01-01"})
    good = json.dumps({"doc_id": "ok", "text": "Shelling hit the town on Tuesday.", "published": "2024-03-06"})
    path = _write_lines(tmp_path / "c.jsonl", [bad, good])
    err, art = read_jsonl_file(path)
    assert isinstance(err, InputError) and err.origin == f"{path}:1" and "before 1900" in err.problem
    assert isinstance(art, Article) and art.published == MAR6


@pytest.mark.parametrize(("text", "expected"), [
    ("This story is from March 10, 2002\nSoldiers clashed with rebels near the dam.", dt.date(2002, 3, 10)),
    ("This story is from March 10, 2002. Soldiers clashed with rebels near the dam.", dt.date(2002, 3, 10)),
    ("03.10.2017 Soldiers clashed with rebels near the dam on Monday.", dt.date(2017, 10, 3)),
    ("KYIV, Oct. 21, 2015 \u2014 Soldiers clashed with rebels near the dam.", dt.date(2015, 10, 21)),
    ("Dam clashes\nPublished: 2 June 2021\nSoldiers clashed with rebels.", dt.date(2021, 6, 2)),
])
@pytest.mark.parametrize("published", [None, "", "   "])
def test_ingest_jsonl_missing_published_taken_from_dateline(text: str, expected: dt.date, published: str | None) -> None:
    record: dict[str, object] = {"doc_id": "d", "text": text}
    if published is not None:
        record["published"] = published
    (art,) = parse_jsonl([json.dumps(record)], origin="c.jsonl")
    assert isinstance(art, Article) and art.published == expected


@pytest.mark.parametrize("text", [
    "Soldiers clashed with rebels near the dam on 9 May 2020.",  # an event date, not a dateline
    "Soldiers clashed with rebels near the dam.",
])
def test_ingest_jsonl_no_published_no_dateline_is_undated(text: str) -> None:
    (art,) = parse_jsonl([json.dumps({"text": text})], origin="c.jsonl")
    assert isinstance(art, Article) and art.published is None


def test_ingest_jsonl_explicit_published_beats_dateline() -> None:
    art = _published("2024-03-06", text="03.10.2017 Soldiers clashed with rebels near the dam.")
    assert isinstance(art, Article) and art.published == MAR6


def test_ingest_jsonl_caller_published_beats_record_and_dateline() -> None:
    lines = [json.dumps({"text": "03.10.2017 Soldiers clashed.", "published": "2024-03-06"}),
             json.dumps({"text": "03.10.2017 Soldiers clashed."}),
             json.dumps({"text": "Soldiers clashed.", "published": "not a date"})]
    items = list(parse_jsonl(lines, origin="c.jsonl", published=dt.date(2020, 1, 2)))
    assert [getattr(i, "published", None) for i in items] == [dt.date(2020, 1, 2)] * 3


def test_ingest_json_file_dated_by_dateline(tmp_path: Path) -> None:
    one = tmp_path / "story.json"
    one.write_text(json.dumps({"text": "This story is from March 10, 2002\nRebels shelled the port."}), encoding="utf-8")
    (art,) = read_json_file(one)
    assert isinstance(art, Article) and art.published == dt.date(2002, 3, 10)


@pytest.mark.parametrize(("value", "today", "ok"), [
    ("2024-03-07", dt.date(2024, 3, 6), True),  # tomorrow: a publisher's time zone may be ahead
    ("2024-03-08", dt.date(2024, 3, 6), False),
    ("1900-01-01", dt.date(2024, 3, 6), True),
])
def test_ingest_parse_iso_date_range_against_injected_today(value: str, today: dt.date, ok: bool) -> None:
    if ok:
        assert parse_iso_date(value, today=today) == dt.date.fromisoformat(value)
    else:
        with pytest.raises(ValueError, match="in the future"):
            parse_iso_date(value, today=today)
