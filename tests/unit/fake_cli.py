"""The ``eventscribe`` CLI with the model replaced by ``bad_inputs.fake_pipe`` (for tests that
need a separate process: kill -9 mid-run, extract while serving). ``FAKE_DELAY`` (seconds per
document) slows the fake reading down so a test can stop a run half-way.

    python -m tests.unit.fake_cli extract corpus.jsonl --db x.duckdb
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator

import eventscribe.cli.runner as runner
from eventscribe.cli import app

from .bad_inputs import fake_pipe


def _pipe(items: Iterable, settings, workers) -> Iterator:  # type: ignore[no-untyped-def]
    delay = float(os.environ.get("FAKE_DELAY", "0"))
    for result in fake_pipe(settings)(items):
        if delay:
            time.sleep(delay)
        yield result


if __name__ == "__main__":
    runner.pipe_parallel = _pipe  # type: ignore[assignment]
    app()
