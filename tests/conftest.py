"""Shared fixtures. Models load once per test session; tests needing them are marked slow."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the project (evaluation data and scorers), or skip."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"../shared not found at {SHARED}: acceptance data and scorers unavailable")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline (spaCy model + compiled gazetteer), loaded once."""
    from eventscribe.pipeline import Pipeline

    return Pipeline.load()
