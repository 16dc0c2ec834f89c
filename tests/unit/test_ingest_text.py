"""Plain-text reader: titles, datelines, the published override, offsets kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventscribe.errors import InputError
from eventscribe.ingest.text import find_dateline, find_title, parse_text, read_text_file

OCT21 = dt.date(2015, 10, 21)


@pytest.mark.parametrize(
    "dateline",
    [
        "21/10/2015",
        "21.10.2015",
        "10/21/2015",  # second number > 12: month first
        "2015-10-21",
        "2015-10-21T08:30:00Z",
        "October 21, 2015",
        "Wednesday, October 21, 2015",
        "21 Oct 2015",
        "21st October 2015",
        "Oct. 21, 2015 \u2014 The army said on Tuesday that",
        "KYIV, Oct. 21, 2015 (Reuters) - Officials said",
        "Published: 21 October 2015 14:30 GMT",
        "Posted on October 21, 2015",
        "*By Jane Doe | 21 Oct 2015*",
    ],
)
def test_ingest_text_dateline_formats(dateline: str) -> None:
    text = f"Headline of the story\n\n{dateline}\n\nBody text about events.\n"
    found = find_dateline(text)
    assert found is not None and found.date == OCT21
    assert text[found.span.start : found.span.end] == found.span.text


def test_ingest_text_numeric_dateline_is_day_first_when_ambiguous() -> None:
    found = find_dateline("Title\n03/04/2015\nBody.")
    assert found is not None and found.date == dt.date(2015, 4, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Title\n\nOn 9 May 2020, clashes erupted between pro-Houthi forces and pro-Hadi forces.",
        "Title\n\nSince October 21, 2015, the town has been shelled almost every day by artillery.",
        "Title\n\n31/02/2015\n\nNot a real date.",
        "Title\n\nNo date here at all.",
    ],
)
def test_ingest_text_no_dateline_in_sentences_or_invalid(text: str) -> None:
    assert find_dateline(text) is None


def test_ingest_text_published_label_beats_updated_and_bare_dates() -> None:
    text = "Title\nUpdated: 23 Oct 2015\n22/10/2015\nPublished: 21 Oct 2015\nBody."
    found = find_dateline(text)
    assert found is not None and found.date == OCT21 and found.label == "published"


def test_ingest_text_dateline_only_near_the_top() -> None:
    body = "\n".join(f"Paragraph {i} of the story." for i in range(12))
    assert find_dateline(f"Title\n{body}\n21/10/2015\n") is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n\n---\n\n**ISIS talks \u2013 Russian military**\n\n---\n\n21/10/2015\n\nBody.", "ISIS talks \u2013 Russian military"),
        ("# Shelling hits Nikopol\n2024-07-10\nBody.", "Shelling hits Nikopol"),
        ("21/10/2015\nReal headline\nBody.", "Real headline"),
        ("Published: 21 Oct 2015\n\n## Headline two\n", "Headline two"),
        ("Plain title\nBody.", "Plain title"),
    ],
)
def test_ingest_text_title(text: str, title: str) -> None:
    span = find_title(text)
    assert span is not None and span.text == title
    assert text[span.start : span.end] == title


def test_ingest_text_long_first_line_is_not_a_title() -> None:
    assert find_title("word " * 60 + "\nmore") is None


def test_ingest_text_file_keeps_text_unchanged(tmp_path: Path) -> None:
    raw = "**Title**\r\n\r\n21 Oct 2015\r\n\r\nGunmen attacked a post near Gao.\r\n"
    path = tmp_path / "report.one.txt"
    path.write_bytes(raw.encode("utf-8"))
    art = read_text_file(path)
    assert art.text == raw  # CRLF kept: offsets computed later point into the file's text
    assert art.id == "report.one"
    assert art.origin == str(path)
    assert art.title == "Title" and art.published == OCT21
    start = art.text.index("Gao")
    assert raw[start : start + 3] == "Gao"


def test_ingest_text_bom_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\n2015-10-21\nBody.")
    art = read_text_file(path)
    assert art.text.startswith("Title") and art.published == OCT21


def test_ingest_text_published_override_wins(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n21/10/2015\nBody.", encoding="utf-8")
    assert read_text_file(path, published=dt.date(2020, 1, 2)).published == dt.date(2020, 1, 2)
    assert parse_text("Title\nBody.", doc_id="x", published=OCT21).published == OCT21


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty"), (b"  \n\t\n", "empty"), (b"Title\n\xff\xfe bad", "not UTF-8")],
)
def test_ingest_text_bad_files_raise_input_error(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_text_file(path)
    assert info.value.origin == str(path) and problem in info.value.problem


def test_ingest_text_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "nope.txt")


# --- datelines that open a JSONL text or a page: a "this story is from" note, a leading number ------

@pytest.mark.parametrize(
    ("text", "date", "label"),
    [
        ("This story is from October 21, 2015\nArmy says talks stalled.", OCT21, "this story is from"),
        ("This story is from October 21, 2015. Army says talks stalled.", OCT21, "this story is from"),
        ("Headline\nThis article was published on 21 Oct 2015\nBody.", OCT21, "this article was published"),
        ("21.10.2015 Army says talks stalled near the border.", OCT21, None),
        ("21/10/2015 Army says talks stalled near the border.", OCT21, None),
        ("2015-10-21 Army says talks stalled near the border.", OCT21, None),
        ("03.04.2015 Army says talks stalled.", dt.date(2015, 4, 3), None),  # day first
        ("KYIV, Oct. 21, 2015 \u2014 Army says talks stalled.", OCT21, None),
    ],
)
def test_ingest_text_dateline_opening_forms(text: str, date: dt.date, label: str | None) -> None:
    found = find_dateline(text)
    assert found is not None and (found.date, found.label) == (date, label)
    assert text[found.span.start : found.span.end] == found.span.text


@pytest.mark.parametrize(
    "text",
    [
        "21 October 2015 was the calmest day of the month in the town.",  # a written date as subject
        "Army says talks stalled.\nIt is from 21/10/2015 that the truce dates.",
        "Title\n01/01/1850\nBody.",  # before 1900: not a publication date
        "Title\n0001-01-01\nBody.",
    ],
)
def test_ingest_text_not_a_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(("dateline", "found"), [("2015-10-22", True), ("2015-10-23", False)])
def test_ingest_text_future_dateline_ignored(dateline: str, found: bool) -> None:
    result = find_dateline(f"Title\n{dateline}\nBody.", today=OCT21)
    assert (result is not None) == found


def test_ingest_text_this_story_line_is_not_the_title() -> None:
    span = find_title("This story is from October 21, 2015\nArmy says talks stalled\nBody.")
    assert span is not None and span.text == "Army says talks stalled"
