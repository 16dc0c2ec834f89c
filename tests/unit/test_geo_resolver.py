"""Fast tests of the gazetteer keys, the in-memory gazetteer and the resolver."""

from __future__ import annotations

import pytest

from eventscribe.geo import InMemoryGazetteer, Resolver, geo_precision
from eventscribe.geo._text import loose_key, name_key, split_generic
from eventscribe.types import Place, Span


def _place(name: str, cc: str, country: str, admin1: str | None, lat: float, lon: float,
           pop: int = 0, feature: str = "PPL") -> Place:
    return Place(name=name, country=country, country_code=cc, admin1=admin1, latitude=lat,
                 longitude=lon, feature=feature, population=pop)


@pytest.fixture
def gazetteer() -> InMemoryGazetteer:
    entries = [
        (_place("Paris", "FR", "France", "Ile-de-France", 48.85, 2.35, 2_138_551, "PPLC"), ["Lutetia"]),
        (_place("Paris", "US", "United States", "Texas", 33.66, -95.56, 24_782), []),
        (_place("Lamar County", "US", "United States", "Texas", 33.67, -95.57, 0, "ADM2"), []),
        (_place("Texas", "US", "United States", "Texas", 31.25, -99.25, 22_000_000, "ADM1"), []),
        (_place("United States", "US", "United States", None, 39.76, -98.5, 327_000_000, "PCLI"),
         ["US", "USA"]),
        (_place("Tripoli", "LY", "Libya", "Tripoli", 32.89, 13.19, 1_150_989, "PPLC"), []),
        (_place("Tripoli", "LB", "Lebanon", "North", 34.44, 35.85, 229_398), []),
        (_place("Libya", "LY", "Libya", None, 28.0, 17.0, 6_000_000, "PCLI"), []),
        (_place("Lebanon", "LB", "Lebanon", None, 33.83, 35.83, 4_000_000, "PCLI"), []),
        (_place("Beirut", "LB", "Lebanon", "Beirut", 33.89, 35.49, 1_916_100, "PPLC"), []),
        (_place("Ayn Zarah", "LY", "Libya", "Tripoli", 32.80, 13.25, 3_000), ["Ain Zara"]),
        (_place("Ayn Zarah", "EG", "Egypt", "Giza", 30.0, 31.0, 5_000), []),
        (_place("Khān Shaykhūn", "SY", "Syria", "Idlib", 35.44, 36.65, 48_975),
         ["Khan Shaykhun", "Khan-Sheikhoun"]),
        (_place("Jisr ash Shughūr", "SY", "Syria", "Idlib", 35.81, 36.32, 39_311),
         ["Jisr ash Shughur", "Jisr Al-Shughour"]),
        (_place("Idlib", "SY", "Syria", "Idlib", 35.93, 36.63, 128_840), ["Idleb"]),
        (_place("Idlib", "SY", "Syria", "Idlib", 35.8, 36.6, 442_917, "ADM1"), ["Idlib Governorate"]),
        (_place("Syria", "SY", "Syria", None, 35.0, 38.0, 16_000_000, "PCLI"), []),
    ]
    return InMemoryGazetteer(entries, admin1_codes={("SY", "12"): "Idlib"},
                             demonyms={"Syrian": "SY", "Libyan": "LY"})


def _spans(text: str, *names: str) -> list[Span]:
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Span(start, start + len(name), name))
        pos = start + len(name)
    return out


@pytest.mark.parametrize("variant", ["Khan Shaykhun", "Khan-Shaykhun", "Khan Sheikhoun", "KHAN SHAYKHUN"])
def test_geo_normalisation_variants_meet(gazetteer: InMemoryGazetteer, variant: str) -> None:
    assert [p.name for p in gazetteer.candidates(variant, fuzzy=True)] == ["Khān Shaykhūn"]


def test_geo_arabic_article_forms_share_a_key() -> None:
    assert name_key("Jisr al-Shugur")[:4] == name_key("Jisr ash Shughur")[:4] == "jisr"
    assert loose_key("Jisr al-Shugur") == loose_key("Jisr ash Shughur")
    assert name_key("Deir al-Zor") == name_key("Deir ez Zor")


def test_geo_fuzzy_only_when_asked(gazetteer: InMemoryGazetteer) -> None:
    assert gazetteer.candidates("Jisr al-Shugur") == []
    assert gazetteer.candidates("Jisr al-Shugur", fuzzy=True)[0].country_code == "SY"


def test_geo_generic_word_split() -> None:
    assert split_generic("Idlib province") == ("Idlib", "province")
    assert split_generic("City of Aleppo") == ("Aleppo", "city")
    assert split_generic("Aleppo") == ("Aleppo", None)


def test_geo_country_by_code_name_and_adjective(gazetteer: InMemoryGazetteer) -> None:
    assert gazetteer.country("SY").name == "Syria"  # type: ignore[union-attr]
    assert gazetteer.country("Syria").country_code == "SY"  # type: ignore[union-attr]
    assert gazetteer.country("Syrian").country_code == "SY"  # type: ignore[union-attr]
    assert gazetteer.country("Kurdish") is None
    assert gazetteer.admin1_name("SY", "12") == "Idlib"
    assert gazetteer.admin1("SY", "Idlib governorate").feature == "ADM1"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "names", "expected_cc"),
    [
        ("A fire in Paris, Texas, near Lamar County, destroyed a barn.", ("Paris", "Texas", "Lamar County"), "US"),
        ("Protesters marched in Paris on Sunday.", ("Paris",), "FR"),
        ("Clashes in Tripoli, Lebanon, near Beirut.", ("Tripoli", "Lebanon", "Beirut"), "LB"),
        ("Militias fought in Tripoli, the Libyan capital.", ("Tripoli",), "LY"),
    ],
)
def test_geo_context_picks_the_namesake(gazetteer: InMemoryGazetteer, text: str,
                                        names: tuple[str, ...], expected_cc: str) -> None:
    top = Resolver(gazetteer).resolve(text, _spans(text, *names))
    assert top[0].place is not None and top[0].place.country_code == expected_cc


def test_geo_country_hint(gazetteer: InMemoryGazetteer) -> None:
    text = "Shelling hit Tripoli."
    top = Resolver(gazetteer).resolve(text, _spans(text, "Tripoli"), country_hint="LB")
    assert top[0].place.country == "Lebanon"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["Clashes in Ayn Zarah (Tripoli) killed 3.",
                                  "Clashes in Ayn Zarah, Tripoli killed 3."])
def test_geo_town_province_pattern(gazetteer: InMemoryGazetteer, text: str) -> None:
    top = Resolver(gazetteer).resolve(text, _spans(text, "Ayn Zarah", "Tripoli"))
    assert top[0].place.country_code == "LY"  # type: ignore[union-attr]
    assert top[0].place.admin1 == "Tripoli"  # type: ignore[union-attr]


def test_geo_province_word_picks_the_division(gazetteer: InMemoryGazetteer) -> None:
    text = "A post was hit in Idlib province. Later, in the city of Idlib, a depot burned."
    spans = _spans(text, "Idlib", "Idlib")
    top = Resolver(gazetteer).resolve(text, spans)
    assert [t.place.feature for t in top] == ["ADM1", "PPL"]  # type: ignore[union-attr]
    assert top[0].place.geo_precision == 3  # type: ignore[union-attr]


def test_geo_unresolved_name_keeps_the_rest(gazetteer: InMemoryGazetteer) -> None:
    text = "Raids near Qwxzyville and in Khan Shaykhun."
    top = Resolver(gazetteer).resolve(text, _spans(text, "Qwxzyville", "Khan Shaykhun"))
    assert len(top) == 2 and top[0].place is None
    assert top[1].place.name == "Khān Shaykhūn" and top[1].place.admin1 == "Idlib"  # type: ignore[union-attr]
    assert top[1].to_dict()["country"] == "Syria"


def test_geo_demonym_resolves_to_country(gazetteer: InMemoryGazetteer) -> None:
    text = "Syrian forces advanced."
    top = Resolver(gazetteer).resolve(text, _spans(text, "Syrian"))
    assert top[0].place.feature == "PCLI" and top[0].place.country_code == "SY"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "name", "feature", "expected"),
    [
        ("An airstrike hit a compound near the city of Khan-Shaykhun.", "Khan-Shaykhun", "PPL", 2),
        ("A meeting in the vicinity of the town of Sarmin was hit.", "Sarmin", "PPL", 2),
        ("Shelling on the outskirts of Aleppo.", "Aleppo", "PPL", 2),
        ("Clashes in the Aleppo countryside.", "Aleppo", "PPL", 2),
        ("A car bomb exploded in Aleppo on Monday.", "Aleppo", "PPL", 1),
        ("Fighting in Idlib province.", "Idlib", "ADM1", 3),
        ("Troops were deployed across Syria.", "Syria", "PCLI", 3),
    ],
)
def test_geo_precision_phrases(text: str, name: str, feature: str, expected: int) -> None:
    start = text.index(name)
    place = _place(name, "SY", "Syria", None, 35.0, 36.0, feature=feature)
    assert geo_precision(text, Span(start, start + len(name), name), place) == expected


@pytest.fixture
def namesakes() -> InMemoryGazetteer:
    """Small towns that share names with bigger ones abroad, in one invented county."""
    entries = [
        (_place("Oakhurst", "GB", "United Kingdom", "England", 52.1, -1.2, 9_000), []),
        (_place("Oakhurst", "US", "United States", "Minnesota", 45.90, -95.50, 500), []),
        (_place("Fenwick", "GB", "United Kingdom", "England", 53.4, -2.9, 20_000), []),
        (_place("Fenwick", "US", "United States", "Minnesota", 45.80, -95.60, 300), []),
        (_place("Dunmore County", "US", "United States", "Minnesota", 45.93, -95.45, 30_000, "ADM2"), []),
        (_place("Dunmore", "IE", "Ireland", "Connacht", 53.6, -8.7, 40_000, "ADM1"), []),
        (_place("Varnia", "XA", "Xandia", "Varnia", 50.0, -85.0, 9_000_000, "ADM1"), []),
        (_place("Xandia", "XA", "Xandia", None, 55.0, -90.0, 30_000_000, "PCLI"), []),
        (_place("Mala", "CN", "China", "Yunnan", 23.1, 104.7, 42_000), []),
        (_place("Mala", "ML", "Mala", None, 17.0, -4.0, 19_000_000, "PCLI"), []),
        (_place("Shanghai", "CN", "China", "Shanghai", 31.2, 121.5, 24_000_000), []),
        (_place("Khān Shaykhūn", "SY", "Syria", "Idlib", 35.44, 36.65, 48_975), ["Khan Shaykhun"]),
        (_place("Syria", "SY", "Syria", None, 35.0, 38.0, 16_000_000, "PCLI"), []),
        (_place("Paris", "FR", "France", "Ile-de-France", 48.85, 2.35, 2_138_551, "PPLC"), []),
        (_place("Paris", "US", "United States", "Texas", 33.66, -95.56, 24_782), []),
        (_place("United States", "US", "United States", None, 39.8, -98.6, 327_000_000, "PCLI"), []),
    ]
    return InMemoryGazetteer(entries)


def test_geo_cluster_picks_namesakes_that_lie_together(namesakes: InMemoryGazetteer) -> None:
    text = "Roads near Oakhurst and Fenwick in Dunmore County are closed."
    top = Resolver(namesakes).resolve(text, _spans(text, "Oakhurst", "Fenwick", "Dunmore County"))
    assert [t.place.country_code for t in top] == ["US", "US", "US"]  # type: ignore[union-attr]


def test_geo_country_hint_outweighs_a_bigger_namesake(namesakes: InMemoryGazetteer) -> None:
    text = "A rally was held in Fenwick."
    top = Resolver(namesakes).resolve(text, _spans(text, "Fenwick"), country_hint="United States")
    assert top[0].place.country_code == "US"  # type: ignore[union-attr]


def test_geo_people_name_resolves_to_their_region(namesakes: InMemoryGazetteer) -> None:
    text = "Many Varnians voted."
    top = Resolver(namesakes).resolve(text, _spans(text, "Varnians"))
    assert top[0].place.name == "Varnia" and top[0].place.feature == "ADM1"  # type: ignore[union-attr]


def test_geo_candidates_list_the_country_first(namesakes: InMemoryGazetteer) -> None:
    assert [p.feature for p in namesakes.candidates("Mala")] == ["PCLI", "PPL"]


def test_geo_fuzzy_needs_a_close_spelling(namesakes: InMemoryGazetteer) -> None:
    assert namesakes.candidates("Khan Sheikhoun", fuzzy=True)[0].country_code == "SY"
    assert namesakes.candidates("Songho", fuzzy=True) == []  # same skeleton as Shanghai


@pytest.mark.parametrize(("text", "expected"), [
    ("Shelling in Syria hit Khan Sheikhoun.", "SY"),  # the guess lies in the document's country
    ("Talks in Paris were about Khan Sheikhoun.", None),  # no evidence for Syria: no guess
])
def test_geo_fuzzy_only_inside_the_documents_countries(namesakes: InMemoryGazetteer, text: str,
                                                       expected: str | None) -> None:
    names = ("Syria", "Khan Sheikhoun") if "Syria" in text else ("Paris", "Khan Sheikhoun")
    top = Resolver(namesakes).resolve(text, _spans(text, *names))
    assert (top[1].place.country_code if top[1].place else None) == expected


@pytest.fixture
def states() -> InMemoryGazetteer:
    return _states()


def _states() -> InMemoryGazetteer:
    us = ("US", "United States")
    entries = [
        (_place("Washington", *us, "Washington", 47.5, -120.5, 7_000_000, "ADM1"), []),
        (_place("Washington County", *us, "Iowa", 41.3, -91.7, 21_000, "ADM2"), []),
        (_place("Iowa", *us, "Iowa", 42.0, -93.5, 3_000_000, "ADM1"), []),
        (_place("Ames", *us, "Iowa", 42.03, -93.62, 66_000), []),
        (_place("Wisconsin", *us, "Wisconsin", 44.5, -90.0, 5_800_000, "ADM1"), []),
        (_place("Oregon", *us, "Oregon", 44.0, -120.5, 4_000_000, "ADM1"), []),
        (_place("Oregon", *us, "Wisconsin", 42.93, -89.38, 11_000), []),
        (_place("Ohio", *us, "Ohio", 40.25, -83.0, 11_000_000, "ADM1"), []),
        (_place("Idaho", *us, "Idaho", 45.0, -114.0, 1_700_000, "ADM1"), []),
        (_place("Norfolk", *us, "Nebraska", 42.03, -97.42, 24_000), []),
    ]
    return InMemoryGazetteer(entries)


def test_geo_state_word_means_the_first_level_division(states: InMemoryGazetteer) -> None:
    text = "Tests at Ames, Iowa traced it to a cow from a Washington state farm."
    tops = Resolver(states).resolve(text, _spans(text, "Ames", "Iowa", "Washington"))
    assert tops[2].place.feature == "ADM1"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "names", "peers"),
    [
        ("Cases in Ohio, Wisconsin, Idaho and Oregon.", ("Ohio", "Wisconsin", "Idaho", "Oregon"),
         [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]]),
        ("Clashes in Ames, Iowa, Ohio.", ("Ames", "Iowa", "Ohio"), [[], [], []]),  # a chain, not a list
    ],
)
def test_geo_enumerations_are_peers(states: InMemoryGazetteer, text: str, names: tuple[str, ...],
                                    peers: list[list[int]]) -> None:
    resolver = Resolver(states)
    mentions = [resolver._mention(text, s) for s in _spans(text, *names)]
    resolver._link_enumerations(text, mentions)
    assert [m.peers for m in mentions] == peers


def test_geo_enumeration_keeps_its_names_at_one_level(states: InMemoryGazetteer) -> None:
    text = "Cases in Ohio, Wisconsin, Idaho and Oregon."
    tops = Resolver(states, weights={"population": 0.5}).resolve(
        text, _spans(text, "Ohio", "Wisconsin", "Idaho", "Oregon"))
    assert [t.place.feature for t in tops] == ["ADM1"] * 4  # type: ignore[union-attr]


def test_geo_unknown_name_placed_near_the_focus_only_when_asked(states: InMemoryGazetteer) -> None:
    text = "Fire near Meadow Grove. Norfolk crews came; Norfolk police said so."
    spans = _spans(text, "Meadow Grove", "Norfolk", "Norfolk")
    assert Resolver(states).resolve(text, spans)[0].place is None
    guess = Resolver(states, place_unknown=True).resolve(text, spans)[0]
    assert guess.place is not None and guess.place.feature == "NEAR"
    assert (guess.place.latitude, guess.place.admin1, guess.place.geo_precision) == (42.03, "Nebraska", 2)
    only_countries = "Talks in Zamalek between Iowa officials."  # no town: the division is the focus
    spans = _spans(only_countries, "Zamalek", "Iowa")
    tops = Resolver(states, place_unknown=True).resolve(only_countries, spans)
    assert tops[0].place is not None and tops[0].place.admin1 == "Iowa"


def test_geo_unknown_name_placed_inside_its_bracketed_container(gazetteer: InMemoryGazetteer) -> None:
    text = "Gunmen raided Qwarza village (Idlib province) at dawn."
    tops = Resolver(gazetteer).resolve(text, _spans(text, "Qwarza", "Idlib"))
    inside = tops[0].place
    assert inside is not None and inside.name == "Qwarza" and inside.feature == "NEAR"
    # the province's point, admin1 and country; precision 3: only the province is known
    assert (inside.admin1, inside.country, inside.latitude, inside.geo_precision) == ("Idlib", "Syria", 35.8, 3)
    town = "Gunmen raided Qwarza (Jisr ash Shughur)."
    near = Resolver(gazetteer).resolve(town, _spans(town, "Qwarza", "Jisr ash Shughur"))[0].place
    assert near is not None and near.geo_precision == 2 and near.latitude == 35.81


def test_geo_bare_name_reads_as_the_town_not_its_district() -> None:
    g = InMemoryGazetteer([
        (_place("Corvo", "XX", "Testland", "North", 10.0, 10.0, 230_000, "ADM2"), []),
        (_place("Corvo", "XX", "Testland", "North", 10.01, 10.01, 160_000), []),
        (_place("North", "XX", "Testland", "North", 10.5, 10.5, 3_000_000, "ADM1"), []),
    ])
    text = "Two men were shot in Corvo, North, and in Corvo district."
    tops = Resolver(g).resolve(text, _spans(text, "Corvo", "North", "Corvo"))
    assert [t.place.feature for t in tops] == ["PPL", "ADM1", "ADM2"]  # type: ignore[union-attr]


def test_geo_small_namesake_outside_its_container_is_the_unknown_local_place() -> None:
    g = InMemoryGazetteer([
        (_place("Korvane", "AA", "Aland", "West", 10.0, 10.0, 5_000), []),  # a namesake far away
        (_place("Ostmark", "BB", "Bland", "Ostmark", 40.0, 40.0, 2_000_000, "ADM1"), []),
        (_place("Bigtown", "AA", "Aland", "West", 10.5, 10.5, 900_000), []),
        (_place("Ostmark", "BB", "Bland", "Ostmark", 40.1, 40.1, 300_000), []),
    ])
    text = "Shells fell on Korvane, Ostmark province, and on Bigtown, Ostmark province."
    tops = Resolver(g).resolve(text, _spans(text, "Korvane", "Ostmark", "Bigtown", "Ostmark"))
    korvane, bigtown = tops[0].place, tops[2].place
    assert korvane is not None and (korvane.feature, korvane.country, korvane.admin1) == ("NEAR", "Bland", "Ostmark")
    assert bigtown is not None and bigtown.country == "Aland"  # a large town keeps its own reading


@pytest.fixture
def discourse() -> InMemoryGazetteer:
    entries = [
        (_place("Corinth", "GR", "Greece", "Peloponnese", 37.94, 22.93, 60_000), []),
        (_place("Corinth", "US", "United States", "Mississippi", 34.93, -88.52, 14_000), []),
        (_place("Greece", "GR", "Greece", None, 39.0, 22.0, 10_000_000, "PCLI"), []),
        (_place("Kinder", "US", "United States", "Mississippi", 34.95, -88.50, 2_000), ["Starlight"]),
        (_place("Starlight", "US", "United States", "California", 34.1, -118.3, 150_000), []),
        (_place("Lagos City", "NG", "Nigeria", "Lagos", 6.45, 3.39, 9_000_000), ["Lagos City"]),
        (_place("Lagos", "PT", "Portugal", "Faro", 37.1, -8.67, 31_000), []),
        (_place("Mobile Bay", "US", "United States", "Alabama", 30.5, -88.0, 0), ["Pacifica"]),
        (_place("Pacifica Ocean", None, None, None, 0.0, -160.0, 10_000_000, "RGN"), ["Pacifica"]),
        (_place("Kinder", "US", "United States", "Mississippi", 34.95, -88.50, 0, "ADM2"), []),
    ]
    return InMemoryGazetteer(entries)


def test_geo_repeated_bare_name_keeps_one_sense(discourse: InMemoryGazetteer) -> None:
    """The mention that says "Corinth, Greece" decides for the later bare ones, even when a
    namesake cluster (Corinth and Kinder, Mississippi) pulls them the other way."""
    text = ("The festival opened in Corinth, Greece. Visitors to Corinth met the Starlight actress "
            "in Corinth. Later Corinth hosted a concert.")
    spans = _spans(text, "Corinth", "Greece", "Corinth", "Starlight", "Corinth", "Corinth")
    top = Resolver(discourse).resolve(text, spans)
    assert {t.place.country_code for i, t in enumerate(top) if spans[i].text == "Corinth"} == {"GR"}  # type: ignore[union-attr]


def test_geo_container_needs_a_place_word_between(discourse: InMemoryGazetteer) -> None:
    """"the Starlight actress in Corinth" does not put Starlight inside Corinth."""
    text = "The Starlight actress in Corinth, Greece spoke."
    top = Resolver(discourse, place_unknown=True).resolve(text, _spans(text, "Starlight", "Corinth", "Greece"))
    assert top[0].place is not None and top[0].place.feature != "NEAR"


def test_geo_whole_name_before_its_generic_part(discourse: InMemoryGazetteer) -> None:
    text = "Traffic stopped in Lagos City."
    top = Resolver(discourse).resolve(text, _spans(text, "Lagos City"))
    assert top[0].place.country_code == "NG"  # type: ignore[union-attr]


def test_geo_world_region_outranks_a_small_namesake_in_a_local_story(discourse: InMemoryGazetteer) -> None:
    text = "Hunters in Kinder, Mississippi watch birds that cross the Pacifica."
    top = Resolver(discourse).resolve(text, _spans(text, "Kinder", "Pacifica"))
    assert top[1].place.name == "Pacifica Ocean"  # type: ignore[union-attr]


@pytest.fixture
def capitals() -> InMemoryGazetteer:
    entries = [
        (_place("Ruritania", "RU", "Ruritania", None, 10.0, 10.0, 20_000_000, "PCLI"), []),
        (_place("Ruritania City", "RU", "Ruritania", "Capital", 11.0, 12.0, 3_000_000, "PPLC"), []),
        (_place("Zenda", "US", "United States", "Ohio", 40.0, -83.0, 400_000), []),
        (_place("Hentzau", "US", "United States", "Indiana", 41.0, -85.0, 250_000), ["Zenda"]),
        (_place("Tarlenheim", "US", "United States", "Michigan", 42.5, -86.5, 20_000), []),
    ]
    return InMemoryGazetteer(entries, demonyms={"Ruritanian": "RU"})


def test_geo_town_named_after_its_country_is_the_town(capitals: InMemoryGazetteer) -> None:
    """"Ruritania City" is no people's name for Ruritania: the town, not the country."""
    text = "Flights to Ruritania City resumed."
    top = Resolver(capitals).resolve(text, _spans(text, "Ruritania City"))
    assert top[0].place.name == "Ruritania City"  # type: ignore[union-attr]


def test_geo_old_alias_of_a_smaller_place_loses_to_the_name_bearer(capitals: InMemoryGazetteer) -> None:
    """Hentzau was once called Zenda; "Zenda" is the larger town that bears the name today,
    even in a story that also names a town nearer the old bearer."""
    text = "Police in Zenda said the suspect fled toward Tarlenheim."
    top = Resolver(capitals).resolve(text, _spans(text, "Zenda", "Tarlenheim"))
    assert top[0].place.admin1 == "Ohio"  # type: ignore[union-attr]


@pytest.fixture
def local() -> InMemoryGazetteer:
    entries = [
        (_place("Alden", "US", "United States", "Minnesota", 45.9, -95.5, 12_000), []),
        (_place("Brandt", "US", "United States", "Minnesota", 45.8, -95.3, 4_000), []),
        (_place("Corley", "US", "United States", "Minnesota", 46.0, -95.7, 3_000), []),
        (_place("Dunmore", "US", "United States", "Vermont", 44.0, -72.5, 2_000), []),
        (_place("Dunmore", "US", "United States", "Oregon", 44.5, -121.0, 1_500), []),
    ]
    return InMemoryGazetteer(entries)


def test_geo_isolated_small_namesake_in_a_local_story_is_placed_near_the_focus(local: InMemoryGazetteer) -> None:
    """Three Minnesota towns and a "Dunmore" the gazetteer knows only far away: most likely
    a local place it lacks, so it goes near the story's town, at geo-precision 2."""
    text = "Alden police met Brandt and Corley officials; Alden and Dunmore schools closed."
    spans = _spans(text, "Alden", "Brandt", "Corley", "Alden", "Dunmore")
    top = Resolver(local, place_unknown=True).resolve(text, spans)
    dunmore = top[-1].place
    assert dunmore is not None and dunmore.feature == "NEAR" and dunmore.admin1 == "Minnesota"
    assert dunmore.geo_precision == 2
    kept = Resolver(local).resolve(text, spans)[-1].place  # without place_unknown: the reading stands
    assert kept is not None and kept.admin1 in ("Vermont", "Oregon")
