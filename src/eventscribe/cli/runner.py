"""The work behind the CLI commands, kept out of the argument parsing so it can be tested."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .. import __version__
from ..dedup import event_id
from ..export import write_records
from ..errors import InputError
from ..ingest import read_inputs
from ..ingest.guard import DocIds, printable
from ..parallel import pipe_parallel
from ..settings import Settings
from ..store import EventFilter, open_store
from ..store.base import RunCounts
from ..types import Article, DocResult

__all__ = ["configure_logging", "output", "report", "run_extract", "run_geoparse", "stored_records",
           "store_stats"]

FLUSH = 256  # documents per store transaction (and per hold of the database's write lock)


@contextlib.contextmanager
def output(path: Path | None) -> Iterator[TextIO]:
    """A text stream to ``path`` (created with its folder), or standard output."""
    if path is None:
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        yield f


@dataclass
class Summary:
    """A run's documents by outcome and what was stored (the store counts them), and the
    records written."""

    counts: RunCounts = field(default_factory=RunCounts)
    records: int = 0
    renamed: int = 0  # documents whose doc_id named another text: stored under id~hash

    @property
    def errors(self) -> int:
        return self.counts.errors


def result_records(result: DocResult) -> Iterator[dict[str, Any]]:
    """One record per event per article: the mention record plus its cross-report event id."""
    for m in result.mentions:
        rec = m.to_record()
        rec["event_id"] = event_id(m)
        yield rec


def report(console: Console, message: str, *, level: str = "error") -> None:
    """One line on ``console``, whatever the message holds (no wrapping, no markup, no breaks)."""
    style = "red" if level == "error" else "yellow"
    console.print(Text.assemble((f"{level}:", style), " ", printable(message)), soft_wrap=True,
                  highlight=False)


class OneLineHandler(logging.Handler):
    """Log records as one line each on a console. A record with an exception (a document the
    pipeline could not process) is left out: that document's error line already says it."""

    def __init__(self, console: Console) -> None:
        super().__init__(level=logging.WARNING)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            return
        try:
            report(self.console, record.getMessage(), level=record.levelname.lower())
        except Exception:  # noqa: BLE001 - logging must never stop the run
            self.handleError(record)


def configure_logging(console: Console) -> None:
    """eventscribe's log records as one-line messages, no tracebacks (see OneLineHandler)."""
    logger = logging.getLogger("eventscribe")
    logger.handlers = [h for h in logger.handlers if not isinstance(h, OneLineHandler)]
    logger.addHandler(OneLineHandler(console))
    logger.propagate = False


Pipe = Callable[[Iterable[Article | InputError]], Iterable[DocResult]]


def _unique_ids(items: Iterable[Article | InputError], ids: DocIds, console: Console,
                summary: Summary, *, chunk: int = 64) -> Iterator[Article | InputError]:
    """``items`` with each doc_id naming one text (see DocIds); store lookups one chunk at a time."""
    it = iter(items)
    while block := list(islice(it, chunk)):
        ids.prefetch(a for a in block if isinstance(a, Article))
        for item in block:
            if isinstance(item, Article):
                item, note = ids.claim(item)
                if note:
                    summary.renamed += 1
                    report(console, note, level="warning")
            yield item


def run_extract(inputs: list[str], *, settings: Settings, fmt: str, out: Path | None,
                published: dt.date | None, workers: int = 1, console: Console | None,
                quiet: bool = False, pipe: Pipe | None = None) -> Summary:
    """Read, extract, store and write; every input document is counted in the summary.

    Errors go to ``console`` one line each, also with ``quiet`` (which hides the progress
    bar and the summary table). The store is written ``FLUSH`` documents at a time, each
    batch one transaction: a run stopped half-way keeps the batches written, and running it
    again adds the rest (ids are content hashes), giving the database a clean run gives.
    ``pipe`` replaces the pipeline (tests).
    """
    summary = Summary()
    console = console or Console(stderr=True, soft_wrap=True)
    store = open_store(settings.db)
    run_id = store.start_run(inputs=[str(i) for i in inputs], version=__version__,
                             settings={k: getattr(settings, k) for k in settings.__dataclass_fields__})
    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.fields[last]}"), console=console,
                        disable=quiet or not console.is_terminal, transient=True)
    ids = DocIds(known=store.content_hashes)
    process = pipe or (lambda items: pipe_parallel(items, settings=settings, workers=workers))

    def results() -> Iterator[DocResult]:
        task = progress.add_task("extract", total=None, last="")
        pending: list[DocResult] = []
        items = _unique_ids(read_inputs(inputs, published=published), ids, console, summary)
        for r in process(items):
            if r.error:
                report(console, r.error)
            pending.append(r)
            if len(pending) >= FLUSH:
                summary.counts += store.add_results(run_id, pending)
                pending.clear()
            progress.update(task, advance=1, last=printable(r.origin[-40:]))
            yield r
        if pending:
            summary.counts += store.add_results(run_id, pending)

    try:
        with progress, output(out) as stream:
            summary.records = write_records((rec for r in results() for rec in result_records(r)), fmt, stream)  # type: ignore[arg-type]
        store.finish_run(run_id)
    finally:
        store.close()
    if not quiet:
        table = Table(title=f"eventscribe {__version__}: run {run_id}", show_header=True)
        for col in ("documents", "with events", "no event", "errors", "already stored", "event records",
                    "new events stored"):
            table.add_column(col, justify="right")
        c = summary.counts
        table.add_row(*(str(v) for v in (c.documents, c.with_events, c.no_event, c.errors,
                                         c.documents - c.documents_added, summary.records, c.events_added)))
        console.print(table)
    return summary


def stored_records(settings: Settings, *, level: str, event_type: str | None, country: str | None
                   ) -> list[dict[str, Any]]:
    store = open_store(settings.db)
    try:
        if level == "mentions":
            recs = store.mentions()
            return [r for r in recs if (not event_type or r.get("event_type") == event_type)
                    and (not country or r.get("country") == country)]
        return store.events(filters=EventFilter(event_type=event_type, country=country))
    finally:
        store.close()


def stored_duplicates(settings: Settings, *, within_km: float, days: int) -> list[dict[str, Any]]:
    from ..dedup import likely_duplicates
    store = open_store(settings.db)
    try:
        return likely_duplicates(store.events(), within_km=within_km, days=days)
    finally:
        store.close()


def store_stats(settings: Settings) -> dict[str, Any]:
    store = open_store(settings.db)
    try:
        return store.stats()
    finally:
        store.close()


def run_geoparse(path: Path, *, out: Path | None, given_spans: bool, settings: Settings) -> int:
    from ..geo.gazetteer import load_gazetteer
    from ..geo.geoparse import geoparse_jsonl
    from ..nlp import load_nlp

    n = 0
    with output(out) as stream:
        for line in geoparse_jsonl(path, given_spans=given_spans, nlp=load_nlp(settings.model),
                                   gazetteer=load_gazetteer(settings.gazetteer_path)):
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
            n += 1
    return n


def build_gazetteer_index(path: Path | None, *, settings: Settings) -> Path:
    from ..geo.gazetteer import build_gazetteer, default_gazetteer_path

    target = path or settings.gazetteer_path or default_gazetteer_path()
    return build_gazetteer(target)
