"""Geoparse a JSON Lines file: find (or take) toponyms and resolve them, one line per document.

Reads lines ``{"doc_id", "text", ...}``; with ``given_spans`` also their gold
``"toponyms": [{"start", "end", "phrase"}]``. Yields ``{"doc_id", "toponyms": [...]}``
in the evaluation contract's shape (``Toponym.to_dict()``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventscribe.errors import InputError
from eventscribe.geo.finder import NER_PIPES, find_toponyms
from eventscribe.geo.gazetteer import Gazetteer
from eventscribe.geo.resolver import Resolver
from eventscribe.types import Span

__all__ = ["geoparse_jsonl"]


def _read(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text = obj["text"]
            except (ValueError, KeyError) as exc:
                raise InputError(f"{path}:{n}", f"not a JSON object with a 'text' key ({exc})") from exc
            yield str(text), {"doc_id": str(obj.get("doc_id", f"{path.stem}-{n}")),
                              "toponyms": obj.get("toponyms") or [], "origin": f"{path}:{n}"}


def _gold_spans(text: str, ctx: dict[str, Any]) -> list[Span]:
    spans = []
    for t in ctx["toponyms"]:
        start, end = int(t["start"]), int(t["end"])
        spans.append(Span(start, end, t.get("phrase") or text[start:end]))
    return spans


def geoparse_jsonl(path: Path, *, given_spans: bool, nlp: Any, gazetteer: Gazetteer,
                   batch_size: int = 32) -> Iterator[dict[str, Any]]:
    """Yield ``{"doc_id", "toponyms"}`` for each line of ``path``.

    With ``given_spans`` the gold spans are resolved and spaCy is not run (``nlp`` may be
    None); otherwise the NER finds candidates (only the NER pipes run), national
    adjectives, place names opening organisation names, places the NER called people and
    upper-case datelines included, as the LGL/GeoVirus annotation counts them. A name the
    gazetteer does not know is placed near the document's focus (feature "NEAR").
    """
    resolver = Resolver(gazetteer, place_unknown=True)
    path = Path(path)
    if given_spans:
        for text, ctx in _read(path):
            tops = resolver.resolve(text, _gold_spans(text, ctx))
            yield {"doc_id": ctx["doc_id"], "toponyms": [t.to_dict() for t in tops]}
        return
    disable = [p for p in nlp.pipe_names if p not in NER_PIPES]
    for doc, ctx in nlp.pipe(_read(path), as_tuples=True, batch_size=batch_size, disable=disable):
        spans = find_toponyms(doc, gazetteer, adjectives=True, inside_names=True, mislabelled=True,
                              datelines=True, repeats=True)
        tops = resolver.resolve(doc.text, spans)
        yield {"doc_id": ctx["doc_id"], "toponyms": [t.to_dict() for t in tops]}
