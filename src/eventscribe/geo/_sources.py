"""Optional data sources the gazetteer builder reads from installed packages (no network).

* countryinfo (MIT): a country's conventional centre point ("latlng"), its border
  polygons, demonym and alternative spellings.
* iso3166-2 (MIT): each ISO 3166-2 subdivision's reference point ("latLng").
* us (BSD): US state postal and AP-style abbreviations ("W.Va.", "Fla.").

Each loader returns an empty mapping when its package is missing, so the build degrades
to the points it derives from towns instead of failing.
"""

from __future__ import annotations

import ast
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "country_point",
    "countryinfo_records",
    "polygon_centre",
    "subdivision_points",
    "us_state_abbreviations",
]

Point = tuple[float, float]

# Beyond this distance the conventional point and the shape's centroid disagree about
# what the country is (overseas parts, long curved shapes), and the conventional one wins.
_AGREE_KM = 300.0


def _package_dir(name: str) -> Path | None:
    try:
        module = __import__(name)
    except ImportError:
        return None
    return Path(module.__file__).parent


def countryinfo_records() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO2, or {} when the package is not installed."""
    root = _package_dir("countryinfo")
    out: dict[str, dict[str, Any]] = {}
    if root is None:
        return out
    for path in sorted((root / "data").glob("*.json")):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # one unreadable record must not stop the build
        cc = (rec.get("ISO") or {}).get("alpha2")
        if cc:
            out[cc] = rec
    return out


def _rings(geojson: object) -> Iterator[list[list[float]]]:
    """Outer rings of every polygon in a GeoJSON FeatureCollection (dict or its repr)."""
    if isinstance(geojson, str):
        try:
            geojson = ast.literal_eval(geojson)
        except (ValueError, SyntaxError):
            return
    if not isinstance(geojson, dict):
        return
    for feature in geojson.get("features") or ():
        geom = feature.get("geometry") or {}
        coords = geom.get("coordinates") or []
        polygons = [coords] if geom.get("type") == "Polygon" else coords
        for polygon in polygons:
            if polygon and len(polygon[0]) >= 3:
                yield polygon[0]


def polygon_centre(geojson: object) -> Point | None:
    """Equal-area centroid of the largest polygon (the mainland), in degrees; None without shapes.

    The area is taken on the cylindrical equal-area projection (x = longitude, y =
    sin(latitude)), so high latitudes weigh what they cover on the globe: a centroid in
    plain degrees drifts poleward for large northern countries (Russia's Arctic, Canada).
    """
    best: tuple[float, float, float] | None = None
    for ring in _rings(geojson):
        pts = [(float(x), math.sin(math.radians(float(y)))) for x, y in ring]
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(area) < 1e-12:
            continue
        if best is None or abs(area) > best[0]:
            best = (abs(area), cy / (3 * area), cx / (3 * area))
    if best is None:
        return None
    lat = math.degrees(math.asin(max(-1.0, min(1.0, best[1]))))
    return round(lat, 5), round(best[2], 5)


def _km(a: Point, b: Point) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _whole_degrees(point: Point) -> bool:
    return all(abs(v - round(v)) < 1e-6 for v in point)


def country_point(record: dict[str, Any]) -> Point | None:
    """The point a reader expects for a country.

    countryinfo's "latlng" is mostly rounded to whole degrees and sometimes off-centre
    (the US at 38 N 97 W); the mainland's area centroid is what atlases and GeoNames come
    close to. So: a conventional point given finer than whole degrees was placed with care
    and is kept (Vietnam's, which the curved shape's centroid misses); else the centroid
    is taken when the two agree to within a few hundred km; when they do not, the shape is
    misleading (archipelagos, overseas parts), and the conventional point is kept.
    """
    latlng = record.get("latlng")
    conventional = ((float(latlng[0]), float(latlng[1]))
                    if isinstance(latlng, list) and len(latlng) == 2 else None)
    centre = polygon_centre(record.get("geoJSON"))
    if conventional is None:
        return centre
    if not _whole_degrees(conventional):
        return conventional
    if centre is not None and _km(conventional, centre) < _AGREE_KM:
        return centre
    return conventional


def subdivision_points() -> dict[str, Point]:
    """ISO 3166-2 code ("CA-ON") -> reference point, from the iso3166-2 package, or {}."""
    root = _package_dir("iso3166_2")
    if root is None:
        return {}
    try:
        data = json.loads((root / "iso3166-2.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out: dict[str, Point] = {}
    for subs in data.values():
        for code, rec in subs.items():
            ll = rec.get("latLng") if isinstance(rec, dict) else None
            if isinstance(ll, list) and len(ll) == 2 and all(isinstance(v, (int, float)) for v in ll):
                out[code] = (float(ll[0]), float(ll[1]))
    return out


def us_state_abbreviations() -> dict[str, list[str]]:
    """US state postal code ("WV") -> the AP-style abbreviations news prints ("W.Va."), or {}.

    Postal codes themselves are left out: "IN", "OR", "ME" are English words.
    """
    try:
        import us
    except ImportError:
        return {}
    out: dict[str, list[str]] = {}
    for state in us.states.STATES_AND_TERRITORIES:
        ap = getattr(state, "ap_abbr", None)
        if not ap or ap == state.name:
            continue
        out[state.abbr] = [ap]  # name keys ignore dots and spaces: "W. Va." meets "W.Va."
    return out
