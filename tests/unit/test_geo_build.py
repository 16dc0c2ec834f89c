"""Fast tests of the gazetteer builder's pure helpers: reference points, regions, codes."""

from __future__ import annotations

import pytest

from eventscribe.geo._build import _country_short_forms, _split_regions, _subdivision_codes
from eventscribe.geo._sources import country_point, polygon_centre


def _square(lon0: float, lat0: float, size: float) -> list[list[float]]:
    return [[lon0, lat0], [lon0 + size, lat0], [lon0 + size, lat0 + size], [lon0, lat0 + size], [lon0, lat0]]


def _collection(*rings: list[list[float]]) -> dict[str, object]:
    polygons = [[ring] for ring in rings]
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": polygons}}]}


def test_geo_build_polygon_centre_takes_the_mainland() -> None:
    shapes = _collection(_square(10, 40, 4), _square(30, 0, 0.5))  # mainland and a far island
    assert polygon_centre(shapes) == pytest.approx((42.0, 12.0))
    assert polygon_centre(repr(shapes)) == pytest.approx((42.0, 12.0))  # countryinfo stores a repr
    assert polygon_centre(None) is None


@pytest.mark.parametrize(
    ("latlng", "expected"),
    [
        ([41, 11], (42.0, 12.0)),  # the two agree: the precise centroid wins
        ([20, -5], (20.0, -5.0)),  # thousands of km apart: the shape misleads, keep the convention
    ],
)
def test_geo_build_country_point_prefers_centroid_when_sources_agree(latlng: list[int],
                                                                     expected: tuple[float, float]) -> None:
    record = {"latlng": latlng, "geoJSON": _collection(_square(10, 40, 4))}
    assert country_point(record) == pytest.approx(expected)


def test_geo_build_country_point_without_shapes_is_conventional() -> None:
    assert country_point({"latlng": [5, 6]}) == (5.0, 6.0)


def test_geo_build_split_regions_joins_compass_halves() -> None:
    level1 = [
        ("XA", "North Varnia", (10.0, 20.0), 100, {"Varnia du Nord"}),
        ("XA", "South Varnia", (8.0, 22.0), 300, set()),
        ("XA", "West Ostrel", (5.0, 5.0), 10, set()),
        ("XA", "Ostrel", (6.0, 6.0), 10, set()),  # "West Ostrel" must not make a second Ostrel
        ("XA", "East Talmar", (1.0, 1.0), 10, set()),
        ("XA", "West Talmar", (1.0, 2.0), 10, set()),  # Talmar is a country: no region
        ("XA", "North East", (0.0, 0.0), 10, set()),
        ("XA", "South East", (0.0, 1.0), 10, set()),
    ]
    regions = _split_regions(level1, exclude={"talmar"})
    assert regions == [("Varnia", "XA", (9.0, 21.0), 400)]


def test_geo_build_subdivision_codes() -> None:
    abbr = {"WV": ["W.Va."]}
    assert _subdivision_codes("AU-NSW", abbr) == ["NSW"]
    assert _subdivision_codes("CA-ON", abbr) == []  # two letters: an English word ("on")
    assert _subdivision_codes("US-WV", abbr) == ["W.Va."]


def test_geo_build_country_short_forms() -> None:
    forms = _country_short_forms({"United States of America", "Democratic Republic of the Congo"})
    assert "America" in forms and "Congo" in forms
    assert "Democratic Republic of Congo" in forms
