"""Reading and writing one database at once (issue 11): `serve` keeps no lock between requests,
so extract/export/stats run while it serves and the map shows new events after a reload; and a
run killed with SIGKILL half-way, then run again, leaves the database a clean run leaves.

Fast: the model is replaced by ``bad_inputs.fake_pipe`` (in a subprocess via ``fake_cli``).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from typer.testing import CliRunner

import eventscribe.cli.runner as runner_mod
from eventscribe.cli import app
from eventscribe.store import DuckDBStore

from .bad_inputs import GOOD_RECORD, fake_pipe

ROOT = Path(__file__).resolve().parents[2]
cli = CliRunner()


def corpus(path: Path, n: int, *, tag: str = "d") -> Path:
    """``n`` JSON Lines reports; every third has an event, every 50th is bad JSON."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            if i % 50 == 49:
                f.write("{broken\n")
                continue
            text = (GOOD_RECORD["text"].replace("Bakhmut", f"Town{i}") if i % 3 == 0
                    else f"Report {i} from {tag}: a quiet day in Town{i}.")
            f.write(json.dumps({"doc_id": f"{tag}{i}", "published": "2024-03-04", "text": text}) + "\n")
    return path


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_mod, "pipe_parallel",
                        lambda items, settings, workers: fake_pipe(settings)(items))


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.unit.fake_cli", "serve", "--db", str(db),
                             "--port", str(port)], cwd=ROOT, env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/config", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "serve exited")
    proc.kill()
    raise AssertionError("serve did not start within 60 s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)
    if server.stderr:
        server.stderr.close()


def test_store_extract_export_stats_while_serving(tmp_path: Path, fake: None) -> None:
    db = tmp_path / "live.duckdb"
    first = corpus(tmp_path / "first.jsonl", 60, tag="a")
    assert cli.invoke(app, ["extract", str(first), "--db", str(db), "-q"]).exit_code == 1  # bad lines
    port = _free_port()
    server = _serve(db, port)
    base = f"http://127.0.0.1:{port}"
    latencies: list[float] = []
    statuses: list[int] = []
    stop = threading.Event()

    def browse() -> None:  # the map open in a browser: pages, stats and points, over and over
        with httpx.Client(base_url=base, timeout=30) as client:
            paths = ["/api/events?limit=100", "/api/stats", "/api/points", "/api/events?country=Ukraine"]
            i = 0
            while not stop.is_set():
                t0 = time.perf_counter()
                statuses.append(client.get(paths[i % len(paths)]).status_code)
                latencies.append(time.perf_counter() - t0)
                i += 1

    try:
        before = httpx.get(f"{base}/api/events?limit=1").json()["total"]
        reader = threading.Thread(target=browse, daemon=True)
        reader.start()
        second = corpus(tmp_path / "second.jsonl", 1200, tag="b")
        t0 = time.perf_counter()
        res = cli.invoke(app, ["extract", str(second), "--db", str(db), "-q"])
        extract_s = time.perf_counter() - t0
        assert res.exit_code == 1 and "Could not set lock" not in res.output, res.output
        for args in (["stats", "--db", str(db)],
                     ["export", "--db", str(db), "--out", str(tmp_path / "e.jsonl")]):
            r = cli.invoke(app, args)
            assert r.exit_code == 0, r.output
        stop.set()
        reader.join(timeout=30)
        after = httpx.get(f"{base}/api/events?limit=1").json()["total"]  # the map, reloaded
    finally:
        stop.set()
        _stop(server)
    assert after > before, "new events show after a reload"
    assert len((tmp_path / "e.jsonl").read_text().splitlines()) == after
    assert statuses and set(statuses) == {200}, f"no 503 while extract wrote: {set(statuses)}"
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else max(latencies)
    print(f"\nextract of 1,200 documents while serving: {extract_s:.1f} s; {len(latencies)} API "
          f"requests meanwhile, p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms, all 200")


def test_store_serve_starts_during_an_extract(tmp_path: Path) -> None:
    db = tmp_path / "during.duckdb"
    src = corpus(tmp_path / "c.jsonl", 600, tag="c")
    writer = subprocess.Popen([sys.executable, "-m", "tests.unit.fake_cli", "extract", str(src),
                               "--db", str(db), "-q"], cwd=ROOT, env={**_env(), "FAKE_DELAY": "0.01"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while not db.exists() and writer.poll() is None:
            time.sleep(0.05)
        port = _free_port()
        server = _serve(db, port)
        try:
            assert writer.poll() is None, "the extract was still running when serve came up"
            assert httpx.get(f"http://127.0.0.1:{port}/api/stats").status_code == 200
        finally:
            _stop(server)
    finally:
        code = writer.wait(timeout=120)
        err = writer.stderr.read().decode() if writer.stderr else ""
        if writer.stderr:
            writer.stderr.close()
        assert code == 1 and "Traceback" not in err, err


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    """The database's content, without what differs between runs (run ids, times, order)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute("SELECT id, text, title, published, source, origin, outcome, "
                                    "n_events, error, content_hash FROM articles ORDER BY id").fetchall(),
            "mentions": con.execute("SELECT id, event_id, doc_id, record FROM mentions ORDER BY id").fetchall(),
            "events": con.execute("SELECT * EXCLUDE (doc_ids), doc_ids FROM events ORDER BY id").fetchall(),
        }
    finally:
        con.close()


def test_store_kill_9_mid_run_then_rerun_matches_a_clean_run(tmp_path: Path, fake: None) -> None:
    src = corpus(tmp_path / "k.jsonl", 900, tag="k")
    clean = tmp_path / "clean.duckdb"
    assert cli.invoke(app, ["extract", str(src), "--db", str(clean), "-q"]).exit_code == 1
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "tests.unit.fake_cli", "extract", str(src),
                             "--db", str(killed), "-q"], cwd=ROOT, env={**_env(), "FAKE_DELAY": "0.004"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while stored < 256 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
        if killed.exists():
            with DuckDBStore(killed) as s:
                stored = s.stats()["documents"]
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with DuckDBStore(killed) as s:
        partial = s.stats()["documents"]
    assert 0 < partial < 900, partial
    res = cli.invoke(app, ["extract", str(src), "--db", str(killed), "-q"])
    assert res.exit_code == 1, res.output
    assert _snapshot(killed) == _snapshot(clean)
