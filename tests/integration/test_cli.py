"""The CLI as a user runs it: extract, export, stats, geoparse; bad input reported, batch goes on."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventscribe.cli import app

from ..conftest import EXAMPLES

pytestmark = pytest.mark.slow
runner = CliRunner()


def test_cli_extract_examples_stores_and_writes_jsonl(tmp_path):
    db, out = tmp_path / "ev.duckdb", tmp_path / "ev.jsonl"
    res = runner.invoke(app, ["extract", str(EXAMPLES), "--db", str(db), "--out", str(out)])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and {"doc_id", "event_type", "sub_event_type", "date", "latitude", "evidence", "claimed_by"} <= set(records[0])
    again = runner.invoke(app, ["extract", str(EXAMPLES), "--db", str(db), "--out", str(tmp_path / "again.jsonl")])
    assert again.exit_code == 0
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert stats.exit_code == 0 and "Protests" in stats.output
    # the second run added no events: the same content hashes
    first = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "--out", str(tmp_path / "x.jsonl")])
    assert first.exit_code == 0
    ids = [json.loads(l)["event_id"] for l in (tmp_path / "x.jsonl").read_text().splitlines()]
    assert len(ids) == len(set(ids)) == len({r["event_id"] for r in records})
    review = runner.invoke(app, ["duplicates", "--db", str(db), "--json", "--km", "50"])
    assert review.exit_code == 0
    for line in review.output.splitlines():  # each pair names two stored events and says why
        pair = json.loads(line)
        assert set(pair["event_ids"]) <= set(ids) and pair["reason"].startswith("same ")


def test_cli_extract_bad_line_is_reported_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "mixed.jsonl"
    good = {"doc_id": "ok-1", "published": "2024-02-02",
            "text": "On 1 February 2024, gunmen killed four farmers near Jos in Plateau state, police said."}
    src.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"doc_id": "empty", "text": ""}) + "\n")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(src), "--db", ":memory:", "--out", str(out)])
    assert res.exit_code == 1
    assert f"{src}:2" in res.output
    assert "empty" in res.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["doc_id"] for r in records] == ["ok-1"]
    assert records[0]["sub_event_type"] == "Attack" and records[0]["fatalities"] == 4


def test_cli_extract_missing_file_names_it(tmp_path):
    res = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--db", ":memory:"])
    assert res.exit_code == 1
    assert "nope.txt" in res.output


@pytest.mark.parametrize("fmt,check", [
    ("geojson", lambda text: json.loads(text)["type"] == "FeatureCollection"),
    ("csv", lambda text: text.splitlines()[0].startswith("doc_id,event_type")),
])
def test_cli_extract_formats(tmp_path, fmt, check):
    out = tmp_path / f"ev.{fmt}"
    res = runner.invoke(app, ["extract", str(EXAMPLES), "--db", ":memory:", "--format", fmt, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert check(out.read_text())


def test_cli_geoparse_given_spans(tmp_path):
    text = "Protesters marched in Lagos and Abuja on Monday."
    src = tmp_path / "g.jsonl"
    src.write_text(json.dumps({"doc_id": "g1", "text": text, "toponyms": [
        {"start": text.index("Lagos"), "end": text.index("Lagos") + 5, "phrase": "Lagos"}]}) + "\n")
    out = tmp_path / "topo.jsonl"
    res = runner.invoke(app, ["geoparse", str(src), "--given-spans", "--out", str(out)])
    assert res.exit_code == 0, res.output
    (line,) = [json.loads(l) for l in out.read_text().splitlines()]
    (top,) = line["toponyms"]
    assert top["name"] == "Lagos" and abs(top["lat"] - 6.45) < 0.5


def test_cli_rejects_unknown_format():
    res = runner.invoke(app, ["extract", str(EXAMPLES), "--format", "xml"])
    assert res.exit_code != 0
    assert "xml" in res.output


def test_cli_extract_one_line_from_stdin_is_an_article_not_a_headline():
    text = "Police fired tear gas at hundreds of students protesting fee increases in Nairobi on Monday, witnesses said.\n"
    res = runner.invoke(app, ["extract", "-", "--db", ":memory:", "--published", "2024-05-08", "--quiet"], input=text)
    assert res.exit_code == 0, res.output
    (rec,) = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert (rec["sub_event_type"], rec["date"], rec["country"]) == ("Protest with intervention", "2024-05-06", "Kenya")
    assert rec["claimed_by"] == "witnesses"
