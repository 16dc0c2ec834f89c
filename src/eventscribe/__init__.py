"""eventscribe: conflict news in, sourced and geocoded ACLED-style events out."""

from __future__ import annotations

__version__ = "0.1.0"
