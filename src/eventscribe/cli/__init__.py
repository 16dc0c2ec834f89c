"""The ``eventscribe`` command line: thin adapters over the library (see ``eventscribe.app``)."""

from .main import app

__all__ = ["app"]
