"""Bad input through the CLI: each kind gives its exit code and one line naming the input, every
other document is stored, and the run's accounting adds up (issue 11). Fast: the real Pipeline's
batching over a blank tokenizer stands in for the model (see ``bad_inputs.py``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import eventscribe.cli.runner as runner_mod
from eventscribe.cli import app
from eventscribe.ingest import guard
from eventscribe.settings import Settings
from eventscribe.store import open_store

from .bad_inputs import GOOD_IDS, Kind, fake_pipe, good_inputs, kinds

LIMIT = 300_000
KINDS = kinds(LIMIT)
cli = CliRunner()


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "LIMITS", guard.Limits(file_bytes=LIMIT, line_bytes=LIMIT))
    monkeypatch.setenv("EVENTSCRIBE_MAX_CHARS", "5000")
    monkeypatch.setattr(runner_mod, "pipe_parallel",
                        lambda items, settings, workers: fake_pipe(settings)(items))


def extract(args: list[str]):
    return cli.invoke(app, ["extract", *args])


def run_accounting(db: Path) -> tuple[int, int, int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        (row,) = con.execute("SELECT sum(documents), sum(with_events), sum(no_event), sum(errors), "
                             "sum(documents_added) FROM runs").fetchall()
    finally:
        con.close()
    return tuple(int(v or 0) for v in row)  # type: ignore[return-value]


def check_accounting(db: Path, *, given: int) -> dict:
    docs, with_events, no_event, errors, added = run_accounting(db)
    with open_store(db) as store:  # type: ignore[attr-defined]
        stats, stored = store.stats(), store.documents()
    assert docs == given, "every document given is counted by the run"
    assert docs == with_events + no_event + errors
    assert added == stats["documents"] == len(stored) == sum(stats["by_outcome"].values())
    return {d["id"]: d for d in stored}


def message_lines(stderr: str, where: str) -> list[str]:
    return [line for line in stderr.splitlines() if where in line]


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_cli_bad_input_kind(tmp_path: Path, kind: Kind) -> None:
    root = tmp_path / "in"
    good_a, good_b = good_inputs(root)
    inputs = kind.make(root / kind.name)
    db = tmp_path / "ev.duckdb"
    res = extract([good_a, *inputs, good_b, "--db", str(db), "--out", str(tmp_path / "o.jsonl")])
    assert "Traceback" not in res.output
    assert res.exit_code == (1 if kind.outcome == "error" else 0), res.output

    where = kind.where(root / kind.name) if kind.where else inputs[0]
    lines = message_lines(res.stderr, where)
    if kind.outcome in ("error", "renamed"):
        assert len(lines) == 1, f"one line naming {where!r} in:\n{res.stderr}"
        prefix = "error: " if kind.outcome == "error" else "warning: "
        assert lines[0].startswith(prefix) and kind.message in lines[0], lines[0]
    else:
        assert lines == [] and "error:" not in res.stderr, res.stderr

    stored = check_accounting(db, given=3 + kind.documents)
    assert GOOD_IDS <= set(stored), "the good documents before and after are stored"
    assert stored["good-a"]["outcome"] == "events" and stored["good-b2"]["outcome"] == "no_event"
    outcomes = [d["outcome"] for i, d in stored.items() if i not in GOOD_IDS]
    if kind.outcome == "error":
        assert "error" in outcomes
    elif kind.outcome == "renamed":
        assert sorted(i for i in stored if i.startswith("same")) == ["same", lines[0].split("'")[-2]]
    elif kind.outcome == "duplicate":
        assert len(outcomes) == 1 and run_accounting(db)[4] == 3 + 1
    if kind.stored_text:
        with open_store(db) as store:  # type: ignore[attr-defined]
            texts = [a["text"] for a in store.articles(i for i in stored if i not in GOOD_IDS)]
        assert any(kind.stored_text in t for t in texts), texts


def test_cli_bad_input_whole_corpus_in_one_run(tmp_path: Path) -> None:
    """All kinds at once, beside good documents: one line each, nothing else lost."""
    root = tmp_path / "in"
    good = good_inputs(root)
    inputs = [p for k in KINDS for p in k.make(root / k.name)]
    db = tmp_path / "all.duckdb"
    res = extract([good[0], *inputs, good[1], "--db", str(db), "--quiet"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    for kind in KINDS:
        if kind.outcome in ("error", "renamed"):
            where = kind.where(root / kind.name) if kind.where else kind.make.__name__ and None
            if where is None:
                continue
            assert len(message_lines(res.stderr, where)) == 1, (kind.name, res.stderr)
    n_errors = sum(1 for line in res.stderr.splitlines() if line.startswith("error: "))
    stored = check_accounting(db, given=3 + sum(k.documents for k in KINDS))
    assert GOOD_IDS <= set(stored)
    assert n_errors == sum(1 for d in stored.values() if d["outcome"] == "error")
    assert "extracting" not in res.stderr and "run " not in res.stderr  # quiet: no progress or table


def test_cli_quiet_keeps_errors_on_one_line(tmp_path: Path) -> None:
    long_name = tmp_path / ("very-long-directory-name-" * 6) / "empty.txt"
    long_name.parent.mkdir()
    long_name.write_text("")
    res = extract([str(long_name), "--db", str(tmp_path / "q.duckdb"), "--quiet"])
    assert res.exit_code == 1
    (line,) = res.stderr.splitlines()
    assert line.startswith("error: ") and str(long_name) in line and len(line) > 120


def test_cli_same_id_is_renamed_the_same_way_on_a_rerun(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"doc_id": "x", "text": "First text, shelled."}) + "\n")
    db = str(tmp_path / "r.duckdb")
    assert extract([str(src), "--db", db, "-q"]).exit_code == 0
    other = tmp_path / "b.jsonl"
    other.write_text(json.dumps({"doc_id": "x", "text": "Another text."}) + "\n")
    for _ in range(2):  # the rename is stable: the second run adds nothing
        res = extract([str(other), "--db", db, "-q"])
        assert res.exit_code == 0 and "already names another text (in the database)" in res.stderr
    with open_store(db) as store:  # type: ignore[attr-defined]
        ids = sorted(d["id"] for d in store.documents())
    assert ids[0] == "x" and ids[1].startswith("x~") and len(ids) == 2


def test_cli_stdin_lone_surrogate_and_bad_line(tmp_path: Path) -> None:
    lines = [json.dumps({"doc_id": "s1", "text": "Forces shelled a \ud800 town."}, ensure_ascii=True),
             "[" * 50_000, json.dumps({"doc_id": "s2", "text": "Calm day."})]
    db = tmp_path / "s.duckdb"
    res = extract(["-", "--db", str(db), "--quiet"], ) if False else cli.invoke(
        app, ["extract", "-", "--db", str(db), "--quiet"], input="\n".join(lines) + "\n")
    assert res.exit_code == 1 and "Traceback" not in res.output
    (line,) = message_lines(res.stderr, "<stdin>:2")
    assert "nested" in line
    stored = check_accounting(db, given=3)
    assert {"s1", "s2"} <= set(stored) and stored["s1"]["outcome"] == "events"


def test_cli_log_records_are_one_line_without_traceback(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A document the pipeline fails on: its error line, no traceback from the log."""
    from .bad_inputs import FakeReading

    def explode(self, doc, article, *, units=None, typing=None):  # type: ignore[no-untyped-def]
        import logging
        try:
            raise OverflowError("date value out of range")
        except OverflowError as exc:
            logging.getLogger("eventscribe.pipeline").exception("failed on %s", article.origin)
            return runner_mod.DocResult(article=article, origin=article.origin,
                                        error=f"{article.origin}: OverflowError: {exc}")

    monkeypatch.setattr(FakeReading, "process_doc", explode)
    src = tmp_path / "p.txt"
    src.write_text("Title\n\nShelling on Monday.")
    res = extract([str(src), "--db", str(tmp_path / "l.duckdb")])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert [ln for ln in res.stderr.splitlines() if "p.txt" in ln] == [
        f"error: {src}: OverflowError: date value out of range"]


def test_cli_unwritable_out_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nCalm.")
    res = extract([str(src), "--db", str(tmp_path / "u.duckdb"), "--out", str(tmp_path)])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert res.stderr.startswith("error: ") and len(res.stderr.strip().splitlines()) == 1


def test_settings_env_for_tests_is_sane() -> None:
    assert Settings.from_env().max_chars == 5000 and os.environ["EVENTSCRIBE_MAX_CHARS"] == "5000"
