"""Benchmark: throughput and peak memory of eventscribe vs bare spaCy, and geocoding speed.

    make bench            (or: .venv/bin/python bench/bench.py --shared ../shared)

Each measurement runs in its own child process so its peak RSS is its own. Prints a table
and writes JSON to --out. Corpus: ../shared/data/news (whole articles), first --limit docs.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def _docs(path: Path, limit: int) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
            if len(out) >= limit:
                break
    return out


def child(mode: str, corpus: Path, limit: int) -> dict:
    docs = _docs(corpus, limit)
    chars = sum(len(d["text"]) for d in docs)
    if mode == "spacy":
        from eventscribe.nlp import load_nlp

        nlp = load_nlp()
        t0 = time.perf_counter()
        for _ in nlp.pipe((d["text"] for d in docs), batch_size=64):
            pass
        n_events = 0
    elif mode in ("pipeline", "pipeline_rules"):
        from eventscribe.pipeline import Pipeline
        from eventscribe.settings import Settings
        from eventscribe.types import Article

        pipe = Pipeline.load(Settings.from_env(typing="rules" if mode == "pipeline_rules" else None))
        arts = [Article.from_text(d["text"], doc_id=d["doc_id"]) for d in docs]
        t0 = time.perf_counter()
        n_events = sum(len(r.mentions) for r in pipe.pipe(arts))
    elif mode == "gazetteer":
        from eventscribe.geo.gazetteer import SqliteGazetteer, default_gazetteer_path

        t0 = time.perf_counter()
        gaz = SqliteGazetteer(default_gazetteer_path())
        gaz.candidates("Aleppo")
        open_s = time.perf_counter() - t0
        return {"mode": mode, "open_seconds": round(open_s, 4),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    elif mode == "resolve":
        from eventscribe.geo.gazetteer import load_gazetteer
        from eventscribe.geo.resolver import Resolver
        from eventscribe.types import Span

        gold = _docs(corpus, limit)
        resolver = Resolver(load_gazetteer())
        n = sum(len(g.get("toponyms", [])) for g in gold)
        t0 = time.perf_counter()
        for g in gold:
            spans = [Span(t["start"], t["end"], g["text"][t["start"]:t["end"]]) for t in g.get("toponyms", [])]
            resolver.resolve(g["text"], spans)
        secs = time.perf_counter() - t0
        return {"mode": mode, "spans": n, "seconds": round(secs, 2), "spans_per_s": round(n / secs, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    else:
        raise SystemExit(f"unknown mode {mode}")
    secs = time.perf_counter() - t0
    return {"mode": mode, "documents": len(docs), "chars": chars, "seconds": round(secs, 2),
            "docs_per_s": round(len(docs) / secs, 1), "events": n_events,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("out/bench"))
    ap.add_argument("--limit", type=int, default=100_000, help="documents of the news corpus to use")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.child, a.corpus, a.limit)))
        return 0
    news = a.shared / "data" / "news" / "india_police_events_docs.jsonl"
    lgl = a.shared / "data" / "geo" / "lgl.jsonl"
    if not news.is_file():
        print(f"bench skipped: {news} not found")
        return 0
    results = {}
    for mode, corpus in (("spacy", news), ("pipeline", news), ("pipeline_rules", news), ("gazetteer", news),
                         ("resolve", lgl)):
        if not corpus.is_file():
            continue
        proc = subprocess.run([sys.executable, __file__, "--child", mode, "--corpus", str(corpus),
                               "--limit", str(a.limit)], capture_output=True, text=True, check=True)
        results[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{mode:10s} {results[mode]}")
    if "spacy" in results and "pipeline" in results:
        ratio = results["pipeline"]["docs_per_s"] / results["spacy"]["docs_per_s"]
        results["ratio_pipeline_to_spacy"] = round(ratio, 3)
        print(f"throughput ratio eventscribe / bare spaCy nlp.pipe: {ratio:.3f}")
    if "spacy" in results and "pipeline_rules" in results:
        ratio = results["pipeline_rules"]["docs_per_s"] / results["spacy"]["docs_per_s"]
        results["ratio_rules_only_to_spacy"] = round(ratio, 3)
        print(f"throughput ratio with EVENTSCRIBE_TYPING=rules / bare spaCy: {ratio:.3f}")
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "bench.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
