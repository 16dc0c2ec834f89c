"""Run the pipeline in this process or in a local process pool, results in input order.

The unit of work is ``pipeline.process_batch`` (a pure function over a list of Articles), so
the same function can be mapped by Dask (``dask.bag.from_sequence(batches).map(process_batch)``)
when one machine is not enough; results are keyed by content hashes and merge without duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from .errors import EventscribeError
from .pipeline import Pipeline, process_batch
from .settings import Settings
from .types import Article, DocResult

__all__ = ["pipe_parallel"]


def pipe_parallel(items: Iterable[Article | EventscribeError], *, settings: Settings,
                  workers: int = 1) -> Iterator[DocResult]:
    """DocResults for ``items`` (articles or input errors), in input order."""
    if workers <= 1:
        yield from Pipeline.load(settings).pipe(items)
        return
    it = iter(items)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while True:
            chunk = list(islice(it, settings.batch_size * workers * 2))
            if not chunk:
                return
            batches = [chunk[i: i + settings.batch_size] for i in range(0, len(chunk), settings.batch_size)]
            for results in pool.map(_batch, batches, [settings] * len(batches)):
                yield from results


def _batch(items: list[Article | EventscribeError], settings: Settings) -> list[DocResult]:
    articles = [i for i in items if isinstance(i, Article)]
    done = iter(process_batch(articles, settings)) if articles else iter(())
    out: list[DocResult] = []
    for item in items:  # keep input order, errors in place
        if isinstance(item, Article):
            out.append(next(done))
        else:
            out.append(DocResult(article=None, origin=getattr(item, "origin", "input"), error=str(item)))
    return out
