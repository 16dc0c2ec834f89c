"""The bad-input corpus with the real model (issue 11): every kind reported on one line or
repaired, every good document read with its events, the accounting adding up; a lone
surrogate also with --workers 2; a publication date of year 1 without a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventscribe.cli import app
from eventscribe.ingest import guard
from eventscribe.store import open_store

from ..unit.bad_inputs import GOOD_IDS, GOOD_RECORD, good_inputs, kinds

pytestmark = pytest.mark.slow
cli = CliRunner()
LIMIT = 300_000


def test_bad_input_corpus_with_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "LIMITS", guard.Limits(file_bytes=LIMIT, line_bytes=LIMIT))
    monkeypatch.setenv("EVENTSCRIBE_MAX_CHARS", "5000")
    all_kinds = kinds(LIMIT)
    root = tmp_path / "in"
    good = good_inputs(root)
    inputs = [p for k in all_kinds for p in k.make(root / k.name)]
    db = tmp_path / "model.duckdb"
    res = cli.invoke(app, ["extract", good[0], *inputs, good[1], "--db", str(db), "--quiet",
                           "--out", str(tmp_path / "out.jsonl")])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert all(line.startswith(("error: ", "warning: ")) for line in res.stderr.splitlines()), res.stderr
    with open_store(db) as store:  # type: ignore[attr-defined]
        docs = {d["id"]: d for d in store.documents()}
        stats = store.stats()
    assert GOOD_IDS <= set(docs)
    assert docs["good-a"]["outcome"] == "events" and docs["good-b1"]["outcome"] == "events"
    # the repaired documents were read by the model like the good ones
    for doc_id in ("sur", "crlf", "br"):
        assert docs[doc_id]["outcome"] == "events", docs[doc_id]
    expected = 3 + sum(k.documents for k in all_kinds)
    duplicates = sum(1 for k in all_kinds if k.outcome == "duplicate")
    assert stats["documents"] == sum(stats["by_outcome"].values()) == expected - duplicates
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == stats["by_outcome"]["error"]


def test_bad_input_lone_surrogate_with_two_workers(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    lines = [json.dumps({**GOOD_RECORD, "doc_id": f"w{i}"}) for i in range(6)]
    lines[3] = lines[3].replace("Bakhmut in", "Bakhmut \\ud800in")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "EVENTSCRIBE_TYPING": "rules", "EVENTSCRIBE_BATCH_SIZE": "2"}
    proc = subprocess.run([sys.executable, "-c", "from eventscribe.cli import app; app()", "extract",
                           str(src), "--db", str(db), "--workers", "2", "--quiet"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    with open_store(db) as store:  # type: ignore[attr-defined]
        assert [d["outcome"] for d in store.documents()] == ["events"] * 6


def test_bad_input_published_year_one_is_no_traceback(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text("Shelling on Monday\n\nRussian forces shelled Kharkiv on Monday, the governor said.\n")
    res = cli.invoke(app, ["extract", str(src), "--db", str(tmp_path / "y.duckdb"),
                           "--published", "0001-01-01"])
    assert "Traceback" not in res.output and res.exit_code == 2
    (line,) = res.stderr.splitlines()
    assert line.startswith("error: --published: '0001-01-01'") and "1900" in line
