"""``make eval``: run the project over ../shared/data through the CLI contract and score it.

Prints each scorer's summary line (and field accuracies / confusions) and writes the full
JSON results to ``--out``. Skips, with a reason, when ../shared is absent.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["convention_report", "geo_breakdown", "main"]


def geo_breakdown(gold_path: Path, pred_path: Path, *, km_limit: float = 161.0,
                  area_km: float = 1500.0) -> dict[str, float]:
    """Sort the gold toponyms missed at ``km_limit`` by cause: not found, unresolved,
    resolved to an area (country, province, region) whose conventional point lies farther
    than ``km_limit`` but within ``area_km`` of the gold's (so, most likely, the same area
    placed by another convention), or resolved to another place. ``ceiling`` is the accuracy if every
    area-point miss counted: how far a gold set's point convention, not the resolver,
    caps the score (GeoVirus puts countries at Wikipedia's points, LGL at GeoNames')."""
    from eventscribe.geo.resolver import AREA_FEATURES, km  # the geo stack only when asked

    def lines(path: Path) -> dict[str, dict[str, object]]:
        with open(path, encoding="utf-8") as f:
            return {str(o["doc_id"]): o for o in map(json.loads, f) if o}

    gold, pred = lines(gold_path), lines(pred_path)
    counts = dict.fromkeys(("toponyms", "within", "not_found", "unresolved", "area_point", "other_place"), 0)
    for doc_id, g in gold.items():
        found = {(t["start"], t["end"]): t for t in pred.get(doc_id, {}).get("toponyms", [])}  # type: ignore[union-attr]
        for t in g["toponyms"]:  # type: ignore[union-attr]
            if t.get("lat") is None:
                continue
            counts["toponyms"] += 1
            p = found.get((t["start"], t["end"]))
            if p is None:
                counts["not_found"] += 1
            elif p.get("lat") is None:
                counts["unresolved"] += 1
            elif (d := km(p["lat"], p["lon"], t["lat"], t["lon"])) <= km_limit:
                counts["within"] += 1
            elif p.get("feature") in AREA_FEATURES and d <= area_km:  # a single point is a convention
                counts["area_point"] += 1
            else:
                counts["other_place"] += 1
    n = counts["toponyms"] or 1
    return {**counts, "ceiling": round((n - counts["area_point"]) / n, 3)}


def convention_report(fired_path: Path, preds_path: Path) -> dict[str, Any]:
    """Which convention rows fired on a set (status and actor tables, from the process's trace;
    typing rules, from the predictions' provenance) and which never did."""
    from eventscribe.code.actors import _REPELLED_ROW, ACTOR1_DEFAULTS, ACTOR2_DEFAULTS, ROLE_RULES
    from eventscribe.discourse.temporal import STATUS_RULES
    from eventscribe.events.detect import RULES

    counts: collections.Counter[str] = collections.Counter()
    if fired_path.is_file():
        counts.update(json.loads(fired_path.read_text("utf-8")))
    with open(preds_path, encoding="utf-8") as f:
        for rec in map(json.loads, f):
            extractor = (rec.get("provenance", {}).get("event_type") or {}).get("extractor", "")
            for rule in extractor.removeprefix("events.detect:").split("+"):
                counts[f"type:{rule}"] += 1
    every = [f"{r.decides}:{r.name}" for table in (STATUS_RULES, ROLE_RULES, [_REPELLED_ROW], ACTOR1_DEFAULTS,
                                                     ACTOR2_DEFAULTS) for r in table]
    every += [f"type:{r[0]}" for r in RULES]
    return {"fired": dict(sorted(counts.items(), key=lambda kv: -kv[1])),
            "never": [name for name in every if not counts[name]]}


def _run(cmd: list[str], env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode not in (0, 1):  # 1: some inputs failed, still scored
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return proc.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("out/eval"))
    ap.add_argument("--only", default="seed,reports,acled,case,lgl,geovirus", help="comma-separated subset")
    a = ap.parse_args(argv)
    if not (a.shared / "eval" / "score.py").is_file():
        print(f"eval skipped: {a.shared}/eval/score.py not found (run beside ../shared)")
        return 0
    a.out.mkdir(parents=True, exist_ok=True)
    cli = str(Path(sys.executable).with_name("eventscribe"))
    data, scorers = a.shared / "data", a.shared / "eval"
    only = set(a.only.split(","))
    py = sys.executable
    results: dict[str, object] = {}

    def extract(name: str, src: Path) -> Path:
        out = a.out / f"{name}.preds.jsonl"
        fired = a.out / f"{name}.fired.json"
        fired.unlink(missing_ok=True)
        t = time.perf_counter()
        _run([cli, "extract", str(src), "--db", ":memory:", "--format", "jsonl", "--out", str(out), "--quiet"],
             env={**os.environ, "EVENTSCRIBE_TRACE_CONVENTIONS": str(fired)})
        print(f"[{name}] extracted in {time.perf_counter() - t:.1f}s")
        results[f"{name}-conventions"] = rows = convention_report(fired, out)
        print(f"[{name}] rows fired: " + ", ".join(f"{k}={v}" for k, v in rows["fired"].items()))
        print(f"[{name}] rows never fired: " + (", ".join(rows["never"]) or "none"))
        return out

    def score(name: str, scorer: str, gold: Path, preds: Path) -> None:
        # Each scorer with --json prints its JSON result, then its one-line summary last.
        lines = _run([py, str(scorers / scorer), str(gold), str(preds), "--json"]).rstrip().splitlines()
        res = json.loads("\n".join(lines[:-1]))
        results[name] = res
        for field, acc in sorted(res.get("field_accuracy", {}).items()):
            print(f"[{name}] field {field}: {acc}")
        for conf in res.get("top_confusions", []):
            print(f"[{name}] confused {conf}")
        print(f"[{name}] {lines[-1]}")

    if "seed" in only:
        score("seed", "score.py", data / "seed" / "gold.json", extract("seed", data / "seed" / "article.txt"))
    if "reports" in only:
        score("reports", "score.py", data / "reports" / "dev.jsonl", extract("reports", data / "reports" / "dev.jsonl"))
    if "acled" in only:
        score("acled", "score.py", data / "acled" / "dev.jsonl", extract("acled", data / "acled" / "dev.jsonl"))
    if "case" in only:
        score("case", "score_types.py", data / "case2021" / "dev.jsonl", extract("case", data / "case2021" / "dev.jsonl"))
    for geo in ("lgl", "geovirus"):
        if geo not in only:
            continue
        for given in (True, False):
            name = f"{geo}{'-given' if given else '-raw'}"
            out = a.out / f"{name}.jsonl"
            t = time.perf_counter()
            _run([cli, "geoparse", str(data / "geo" / f"{geo}.jsonl"), "--out", str(out)] + (["--given-spans"] if given else []))
            print(f"[{name}] geoparsed in {time.perf_counter() - t:.1f}s")
            score(name, "score_geo.py", data / "geo" / f"{geo}.jsonl", out)
            why = geo_breakdown(data / "geo" / f"{geo}.jsonl", out)
            results[f"{name}-misses"] = why
            print(f"[{name}] misses: " + " ".join(f"{k}={v}" for k, v in why.items()))
    (a.out / "results.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
