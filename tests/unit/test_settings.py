"""Settings declared once as data: defaults, environment, validation, and docs that cannot drift."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from eventscribe.errors import ConfigError, EventscribeError
from eventscribe.settings import SETTINGS, Setting, Settings, settings_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for s in SETTINGS:
        monkeypatch.delenv(s.env, raising=False)
    return monkeypatch


def test_settings_docs_match_code() -> None:
    assert DOCS.read_text("utf-8") == settings_markdown(), (
        "docs/settings.md is stale: regenerate it from eventscribe.settings.settings_markdown()")


def test_settings_declared_once_matches_dataclass() -> None:
    fields = dataclasses.fields(Settings)
    assert [f.name for f in fields] == [s.name for s in SETTINGS]
    assert {f.name: f.default for f in fields} == {s.name: s.default for s in SETTINGS}


def test_settings_every_setting_documented() -> None:
    for s in SETTINGS:
        assert isinstance(s, Setting)
        assert s.env == "EVENTSCRIBE_" + s.name.upper()
        assert s.help.strip()
        assert f"`{s.name}`" in settings_markdown()


def test_settings_from_env_defaults(clean_env: pytest.MonkeyPatch) -> None:
    assert Settings.from_env() == Settings()


@pytest.mark.parametrize(("env", "raw", "name", "value"), [
    ("EVENTSCRIBE_BATCH_SIZE", "8", "batch_size", 8),
    ("EVENTSCRIBE_MIN_CONFIDENCE", "0.5", "min_confidence", 0.5),
    ("EVENTSCRIBE_DB", ":memory:", "db", ":memory:"),
    ("EVENTSCRIBE_BACKGROUND_DAYS", "7", "background_days", 7),
])
def test_settings_from_env_typed(clean_env: pytest.MonkeyPatch, env: str, raw: str, name: str,
                                 value: object) -> None:
    clean_env.setenv(env, raw)
    got = getattr(Settings.from_env(), name)
    assert got == value and type(got) is type(value)


def test_settings_overrides_beat_env_and_none_ignored(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("EVENTSCRIBE_BATCH_SIZE", "8")
    assert Settings.from_env(batch_size=16).batch_size == 16
    assert Settings.from_env(batch_size=None).batch_size == 8


@pytest.mark.parametrize(("env", "raw"), [
    ("EVENTSCRIBE_BATCH_SIZE", "lots"),
    ("EVENTSCRIBE_MIN_CONFIDENCE", "high"),
])
def test_settings_bad_env_names_variable(clean_env: pytest.MonkeyPatch, env: str, raw: str) -> None:
    clean_env.setenv(env, raw)
    with pytest.raises(ConfigError, match=env):
        Settings.from_env()


@pytest.mark.parametrize("kwargs", [
    {"batch_size": 0},
    {"min_confidence": -0.1},
    {"min_confidence": 1.5},
    {"max_chars": 0},
])
def test_settings_validated_at_load(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError) as info:
        Settings(**kwargs)  # type: ignore[arg-type]
    assert next(iter(kwargs)) in str(info.value)
    assert isinstance(info.value, EventscribeError)


def test_settings_gazetteer_path() -> None:
    assert Settings().gazetteer_path is None
    assert Settings(gazetteer="/tmp/g.sqlite").gazetteer_path == Path("/tmp/g.sqlite")


def test_settings_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().batch_size = 2  # type: ignore[misc]


def test_settings_markdown_one_row_per_setting() -> None:
    rows = [line for line in settings_markdown().splitlines() if line.startswith("| `")]
    assert len(rows) == len(SETTINGS)


def test_settings_negative_background_days_rejected() -> None:
    with pytest.raises(ConfigError):
        Settings(background_days=-1)
