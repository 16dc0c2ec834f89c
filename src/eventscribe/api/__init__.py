"""The HTTP API and map page (``eventscribe serve``): FastAPI over an event store.

    >>> from eventscribe.store import MemoryStore
    >>> app = create_app(MemoryStore())          # tests: fastapi.testclient.TestClient(app)

``create_app`` builds the app; ``serve`` opens the configured store and runs it with uvicorn.
Needs the ``fastapi`` and ``uvicorn`` packages.
"""

from __future__ import annotations

from .app import ExtractRequest, create_app
from .server import serve
from .service import AuthError, Explorer, Extractor, RequestError

__all__ = ["AuthError", "Explorer", "ExtractRequest", "Extractor", "RequestError", "create_app",
           "serve"]
