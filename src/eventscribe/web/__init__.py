"""The map page served by ``eventscribe serve``: plain HTML, CSS and JavaScript, no build step.

``static/`` holds index.html, app.js, style.css and the vendored Leaflet, Leaflet.markercluster,
topojson-client and world-atlas files (versions and licences in static/LICENSES.md). The page
loads nothing from outside the app: it works offline.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC_DIR"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
