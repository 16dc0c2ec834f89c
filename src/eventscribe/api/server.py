"""Run the app with uvicorn over the configured store (the body of ``eventscribe serve``)."""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError
from ..settings import Settings
from ..store import open_store

__all__ = ["serve"]

BUSY_TIMEOUT = 10.0  # seconds; past it a request answers 503 with Retry-After


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, echo: Any = print) -> None:
    """Serve the map and API for ``settings.db`` until interrupted; ``echo`` prints the URL."""
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - depends on the environment
        raise ConfigError("eventscribe serve needs uvicorn and fastapi: "
                          "pip install fastapi uvicorn") from None
    from .app import create_app

    # Each request opens the file read-only and closes it, so extract/export/stats in other
    # processes can use it too; a request waits at most this long for another's write.
    store = open_store(settings.db, busy_timeout=BUSY_TIMEOUT)
    try:
        app = create_app(store, extract_token=token)  # type: ignore[arg-type]
        shown = f"[{host}]" if ":" in host else host
        n = store.stats()["events"]
        echo(f"eventscribe: {n} events from {settings.db}; map at http://{shown}:{port}/ "
             f"(API docs at http://{shown}:{port}/docs); Ctrl-C stops")
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
