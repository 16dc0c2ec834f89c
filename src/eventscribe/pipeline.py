"""The pipeline: a pure function from a batch of Articles to a batch of DocResults.

Stages, each its own module (read top to bottom to see where a fact enters):

1. ``nlp``            spaCy parse: sentences, entities, dependencies (``nlp.pipe``, batched)
2. ``geo.finder``     toponyms in the text; ``geo.resolver`` resolves them jointly per document
3. ``read``           sentence units; each typed unit (``events.detect``) read as a frame from its parse
4. ``discourse``      the document model: temporal status, claim scope, event coreference, context
5. ``code``           ACLED's conventions as tables (actors; status); ``code.reading`` codes each frame
6. ``compose``        the stages run per document; one immutable ``EventMention`` per occurrence

Models load once per process (``load_nlp``/``load_gazetteer`` are cached), so the same
``process_batch`` runs in one process, in a local pool or on Dask workers; the output is
keyed by content hashes, so merging results from many workers makes no duplicates.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .code.engine import trace_to
from .compose import compose_document
from .read.units import body_units, typing_candidates
from .errors import EventscribeError
from .events.classifier import TypeClassifier, load_classifier
from .extract.actors import load_groups
from .geo.finder import find_toponyms
from .geo.gazetteer import Gazetteer, load_gazetteer
from .geo.resolver import Resolver
from .nlp import EVENT_PIPES, doc_text, load_nlp
from .settings import Settings
from .types import Article, DocResult, Event

__all__ = ["Pipeline", "extract", "process_batch"]

log = logging.getLogger(__name__)


@dataclass
class _Parsed:
    """A parsed batch waiting for its classifier verdicts."""

    prepared: list[tuple[Doc | None, Article, list | None, str | None]]
    keys: list[tuple[int, Any]]  # (document index, sentence unit) per classified sentence
    typing: Future[list[dict[str, float]]] | None


@dataclass
class Pipeline:
    """Articles in, DocResults out. Pass ``nlp``/``gazetteer`` to use doubles or shared models."""

    settings: Settings
    nlp: Language
    gazetteer: Gazetteer
    classifier: TypeClassifier | None = None

    @classmethod
    def load(cls, settings: Settings | None = None, *, nlp: Language | None = None,
             gazetteer: Gazetteer | None = None, classifier: TypeClassifier | None = None) -> Pipeline:
        """The pipeline with its models (each loaded once per process)."""
        settings = settings or Settings.from_env()
        trace_to(settings.trace_conventions)
        return cls(
            settings=settings,
            nlp=nlp if nlp is not None else load_nlp(settings.model),
            gazetteer=gazetteer if gazetteer is not None else load_gazetteer(settings.gazetteer_path),
            classifier=classifier if classifier is not None else load_classifier(settings.typing),
        )

    @property
    def version(self) -> str:
        return f"eventscribe {__version__}"

    def pipe(self, items: Iterable[Article | EventscribeError]) -> Iterator[DocResult]:
        """Stream results in input order; input errors pass through as error results.

        While one batch's sentences are embedded (in a worker thread: torch leaves the
        interpreter lock while it computes), the next batch is parsed, so the typing
        classifier costs little more than the parser alone. Results do not depend on how
        the input is batched.
        """
        pending: list[Article] = []
        inflight: _Parsed | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventscribe-typing") as typing_pool:
            for item in items:
                if isinstance(item, Article):
                    problem = self._check(item)
                    if problem is None:
                        pending.append(item)
                        if len(pending) >= self.settings.batch_size:
                            started = self._start(pending, typing_pool)
                            yield from self._finish(inflight)
                            inflight, pending = started, []
                        continue
                    yield from self._finish(inflight)
                    inflight = None
                    yield DocResult(article=item, origin=item.origin or item.id, error=problem)
                    continue
                started = self._start(pending, typing_pool)
                yield from self._finish(inflight)
                yield from self._finish(started)
                inflight, pending = None, []
                origin = getattr(item, "origin", "input")
                yield DocResult(article=None, origin=origin, error=str(item))
            started = self._start(pending, typing_pool)
            yield from self._finish(inflight)
            yield from self._finish(started)

    def _check(self, article: Article) -> str | None:
        if not article.text.strip():
            return f"{article.origin or article.id}: empty text"
        if len(article.text) > self.settings.max_chars:
            return (f"{article.origin or article.id}: {len(article.text):,} characters exceeds max_chars "
                    f"{self.settings.max_chars:,} (raise EVENTSCRIBE_MAX_CHARS to accept it)")
        return None

    def _start(self, batch: list[Article], pool: ThreadPoolExecutor) -> _Parsed | None:
        """Parse a batch and hand its candidate sentences to the classifier (in ``pool``)."""
        if not batch:
            return None
        prepared: list[tuple[Doc | None, Article, list | None, str | None]] = []
        for doc, article, error in self._parse(batch):
            if doc is None:
                prepared.append((None, article, None, error))
                continue
            try:
                prepared.append((doc, article, body_units(doc, article), None))
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                prepared.append((doc, article, None, f"{type(exc).__name__}: {exc}"))
        keys: list[tuple[int, Any]] = []
        typing: Future[list[dict[str, float]]] | None = None
        if self.classifier is not None:
            short = self.settings.typing_short
            keys = [(i, u) for i, (_, _, units, _) in enumerate(prepared) if units
                    for u in typing_candidates(units, short=short)]
            typing = pool.submit(self.classifier.predict, [u.text for _, u in keys])
        return _Parsed(prepared, keys, typing)

    def _parse(self, batch: list[Article]) -> list[tuple[Doc | None, Article, str | None]]:
        """(doc, article, error) per article. ``nlp.pipe`` parses the batch; when it raises (one
        text can: a lone surrogate fails the tokenizer), each article is parsed alone, so only
        the one that fails becomes an error and the rest of its batch goes on."""
        unread = [p for p in self.nlp.pipe_names if p not in EVENT_PIPES]
        try:
            return [(doc, a, None) for doc, a in self.nlp.pipe(
                ((a.text, a) for a in batch), as_tuples=True, batch_size=self.settings.batch_size,
                disable=unread)]
        except Exception:  # noqa: BLE001 - retried document by document below
            log.debug("nlp.pipe failed on a batch of %d; parsing one by one", len(batch))
        out: list[tuple[Doc | None, Article, str | None]] = []
        for a in batch:
            try:
                out.append((self.nlp(a.text, disable=unread), a, None))
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                out.append((None, a, f"{type(exc).__name__}: {exc}"))
        return out

    def _verdicts(self, parsed: _Parsed) -> list[dict[str, float] | None]:
        """The classifier's verdict per key; when the batch call fails, each document's
        sentences are classified alone and a document that still fails gets None verdicts."""
        out: list[dict[str, float] | None] = [None] * len(parsed.keys)
        if parsed.typing is None or self.classifier is None:
            return out
        try:
            return list(parsed.typing.result())
        except Exception:  # noqa: BLE001 - retried document by document below
            log.debug("typing failed on a batch; classifying document by document")
        for i in sorted({i for i, _ in parsed.keys}):
            idx = [k for k, (j, _) in enumerate(parsed.keys) if j == i]
            try:
                texts = [parsed.keys[k][1].text for k in idx]
                for k, probs in zip(idx, self.classifier.predict(texts), strict=True):
                    out[k] = probs
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                doc, article, _, _ = parsed.prepared[i]
                parsed.prepared[i] = (doc, article, None, f"{type(exc).__name__}: {exc}")
        return out

    def _finish(self, parsed: _Parsed | None) -> Iterator[DocResult]:
        """Compose a parsed batch once its classifier verdicts are in."""
        if parsed is None:
            return
        typing: list[dict[int, dict[str, float]]] = [{} for _ in parsed.prepared]
        if parsed.typing is not None:
            for (i, u), probs in zip(parsed.keys, self._verdicts(parsed), strict=True):
                if probs is not None:
                    typing[i][u.span.start_char] = probs
        for (doc, article, units, error), probs in zip(parsed.prepared, typing, strict=True):
            if error is not None:
                origin = article.origin or article.id
                yield DocResult(article=article, origin=origin, error=f"{origin}: {error}")
                continue
            yield self.process_doc(doc, article, units=units, typing=probs)

    def process_doc(self, doc: Doc, article: Article, *, units: list | None = None,
                    typing: dict[int, dict[str, float]] | None = None) -> DocResult:
        """One parsed article to its result; an unexpected failure becomes that document's error."""
        origin = article.origin or article.id
        try:
            spans = find_toponyms(doc, self.gazetteer, unknown=True)
            text = doc_text(doc)
            hint = load_groups().home_country(text)  # "pro-Houthi forces ...": Yemen, unnamed
            toponyms = Resolver(self.gazetteer).resolve(text, spans, country_hint=hint)
            mentions = compose_document(doc, article, toponyms, gazetteer=self.gazetteer,
                                        settings=self.settings, units=units, typing=typing)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            log.exception("failed on %s", origin)
            return DocResult(article=article, origin=origin, error=f"{origin}: {type(exc).__name__}: {exc}")
        return DocResult(article=article, origin=origin, mentions=mentions)


def process_batch(articles: list[Article], settings: Settings | None = None) -> list[DocResult]:
    """The pure batch function for pools and Dask: models load once per worker process."""
    return list(Pipeline.load(settings).pipe(articles))


def extract(text: str, *, published: dt.date | str | None = None, doc_id: str | None = None,
            pipeline: Pipeline | None = None) -> list[Event]:
    """Events reported in one text, each with its mentions (see ``Event.to_record()``)."""
    from .dedup import group_events

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    article = Article.from_text(text, doc_id=doc_id, published=published, origin=doc_id or "text")
    result = next((pipeline or Pipeline.load()).pipe([article]))
    if result.error:
        raise EventscribeError(result.error)
    return group_events(result.mentions)
