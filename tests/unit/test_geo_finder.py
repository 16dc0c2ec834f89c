"""Fast tests of the toponym finder on hand-built spaCy docs (no model)."""

from __future__ import annotations

import pytest

from eventscribe.geo import InMemoryGazetteer, find_toponyms
from eventscribe.types import Place

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc  # noqa: E402


def _place(name: str, cc: str, admin1: str | None, pop: int, feature: str = "PPL") -> Place:
    return Place(name=name, country="Testland", country_code=cc, admin1=admin1, latitude=1.0,
                 longitude=2.0, feature=feature, population=pop)


@pytest.fixture
def gazetteer() -> InMemoryGazetteer:
    return InMemoryGazetteer([
        (_place("Tarrant", "US", "Texas", 22_000_000, "ADM1"), []),
        (_place("Ripley", "US", "Ohio", 3_000), []),
        (_place("Rochester", "US", "New York", 200_000), []),
        (_place("Lincoln", "US", "Nebraska", 250_000), []),
    ])


def _doc(words: list[str], ents: list[str], tags: list[str] | None = None) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, ents=ents, tags=tags)


def _names(doc: Doc, gazetteer: InMemoryGazetteer, **options: bool) -> list[str]:
    return [s.text for s in find_toponyms(doc, gazetteer, **options)]


def test_geo_finder_surname_tagged_as_place_is_dropped(gazetteer: InMemoryGazetteer) -> None:
    doc = _doc(["Coach", "Darren", "Ripley", "said", "Ripley", "won", "."],
               ["O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O"])
    assert _names(doc, gazetteer) == []
    alone = _doc(["They", "won", "in", "Ripley", "."], ["O", "O", "O", "B-GPE", "O"])
    assert _names(alone, gazetteer) == ["Ripley"]


def test_geo_finder_place_opening_an_organisation_name(gazetteer: InMemoryGazetteer) -> None:
    doc = _doc(["the", "Tarrant", "Forest", "Service", "said", "so", "."],
               ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O"],
               ["DT", "NNP", "NNP", "NNP", "VBD", "RB", "."])
    assert _names(doc, gazetteer) == []
    assert _names(doc, gazetteer, inside_names=True) == ["Tarrant"]


def test_geo_finder_street_is_not_its_namesake(gazetteer: InMemoryGazetteer) -> None:
    doc = _doc(["A", "crash", "on", "Tarrant", "Avenue", "."], ["O", "O", "O", "B-FAC", "I-FAC", "O"],
               ["DT", "NN", "IN", "NNP", "NNP", "."])
    assert _names(doc, gazetteer, inside_names=True) == []


@pytest.mark.parametrize(
    ("words", "ents", "tags", "expected"),
    [
        (["A", "Rochester", "man", "was", "held", "."], ["O", "B-PERSON", "O", "O", "O", "O"],
         ["DT", "NNP", "NN", "VBD", "VBN", "."], ["Rochester"]),  # qualifies a noun: a place
        (["Lincoln", "said", "so", "."], ["B-PERSON", "O", "O", "O"],
         ["NNP", "VBD", "RB", "."], []),  # a person talking
    ],
)
def test_geo_finder_mislabelled_places(gazetteer: InMemoryGazetteer, words: list[str], ents: list[str],
                                       tags: list[str], expected: list[str]) -> None:
    doc = _doc(words, ents, tags)
    assert _names(doc, gazetteer) == []
    assert _names(doc, gazetteer, mislabelled=True) == expected


def test_geo_finder_upper_case_dateline(gazetteer: InMemoryGazetteer) -> None:
    doc = _doc(["Budget", "passes", ".", "ROCHESTER", ",", "N.Y.", "—", "The", "council", "met", "."],
               ["O"] * 11, ["NNP", "VBZ", ".", "NNP", ",", "NNP", ":", "DT", "NN", "VBD", "."])
    assert _names(doc, gazetteer) == []
    assert _names(doc, gazetteer, datelines=True) == ["ROCHESTER"]
    shout = _doc(["WE", "WON", ",", "said", "Lee", "."], ["O"] * 6)  # not a place: no dateline
    assert _names(shout, gazetteer, datelines=True) == []


@pytest.fixture
def towns() -> InMemoryGazetteer:
    return InMemoryGazetteer([
        (_place("Torrington", "US", "Connecticut", 35_000), []),
        (_place("Hope", "US", "Arkansas", 10_000), []),
        (_place("North", "LB", "North", 800_000, "ADM1"), []),
        (_place("Hamm", "DE", "North Rhine-Westphalia", 180_000), ["Hamas"]),
    ])


def test_geo_finder_repeats_a_found_name_inside_other_names(towns: InMemoryGazetteer) -> None:
    doc = _doc(["Fire", "in", "Torrington", ".", "The", "Torrington", "Fire", "Department", "came",
                ";", "Torrington", "said", "."],
               ["O", "O", "B-GPE", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-PERSON", "O", "O"],
               ["NN", "IN", "NNP", ".", "DT", "NNP", "NNP", "NNP", "VBD", ":", "NNP", "VBD", "."])
    assert _names(doc, towns) == ["Torrington"]
    # The organisation's name opens with the place; the subject of "said" is left alone.
    assert _names(doc, towns, repeats=True) == ["Torrington", "Torrington"]


@pytest.mark.parametrize(
    ("words", "ents"),
    [
        (["Hope", "rose", "in", "Hope", "as", "hope", "grew", "."],
         ["O", "O", "O", "B-GPE", "O", "O", "O", "O"]),  # the text writes it as a common word
        (["Rain", "in", "the", "North", "."], ["O", "O", "O", "B-LOC", "O"]),  # a compass word alone
    ],
)
def test_geo_finder_common_words_are_not_places(towns: InMemoryGazetteer, words: list[str],
                                                ents: list[str]) -> None:
    assert _names(_doc(words, ents), towns) == []


def test_geo_finder_alternate_name_is_not_a_major_place(towns: InMemoryGazetteer) -> None:
    doc = _doc(["Hamas", "fighters", "fired", "."], ["B-ORG", "O", "O", "O"], ["NNP", "NNS", "VBD", "."])
    assert _names(doc, towns, mislabelled=True) == []  # "Hamas" is an alternate name of Hamm


@pytest.fixture
def provinces() -> InMemoryGazetteer:
    return InMemoryGazetteer([
        (_place("Verdania", "VD", "Verdania", 900_000, "ADM1"), []),
        (_place("Lowmark", "VD", "Verdania", 40_000, "ADM2"), []),
        (_place("Kelbor", "VD", "Verdania", 30_000), []),
        (_place("Dar'un", "SY", "Dar'un", 300_000, "ADM1"), []),
    ])


def test_geo_finder_names_placed_by_a_bracket_are_places(provinces: InMemoryGazetteer) -> None:
    # "Tamwe hill (Ostrel, Verdania)": the bracket's last name is a known province, so the
    # unknown names before and in it are places too.
    doc = _doc(["Raiders", "hit", "Tamwe", "hill", "(", "Ostrel", ",", "Verdania", ")", "."],
               ["O", "O", "B-ORG", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"],
               ["NNS", "VBD", "NNP", "NN", "-LRB-", "NNP", ",", "NNP", "-RRB-", "."])
    assert _names(doc, provinces) == ["Tamwe", "Ostrel", "Verdania"]


def test_geo_finder_an_acronym_in_brackets_is_no_container(provinces: InMemoryGazetteer) -> None:
    doc = _doc(["The", "Kelbor", "Front", "(", "KF", ")", "said", "so", "."],
               ["B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O", "O"])
    assert _names(doc, provinces) == []


def test_geo_finder_unknown_name_before_a_province(provinces: InMemoryGazetteer) -> None:
    doc = _doc(["Workers", "marched", "in", "Ostrel", ",", "Verdania", ",", "on", "Monday", "."],
               ["O"] * 10, ["NNS", "VBD", "IN", "NNP", ",", "NNP", ",", "IN", "NNP", "."])
    assert _names(doc, provinces) == ["Ostrel", "Verdania"]
    town = _doc(["Workers", "marched", "in", "Ostrel", ",", "Kelbor", "."], ["O"] * 7,
                ["NNS", "VBD", "IN", "NNP", ",", "NNP", "."])
    assert "Ostrel" not in _names(town, provinces)  # a town after the comma is no container


def test_geo_finder_splits_a_town_and_its_container(provinces: InMemoryGazetteer) -> None:
    doc = _doc(["Rallies", "in", "Kelbor", ",", "Verdania", "."], ["O", "O", "B-GPE", "I-GPE", "I-GPE", "O"])
    assert _names(doc, provinces) == ["Kelbor", "Verdania"]


def test_geo_finder_apostrophe_inside_a_transliterated_name(provinces: InMemoryGazetteer) -> None:
    doc = _doc(["Shelling", "in", "Dar'un", "countryside", "."], ["O"] * 5, ["NN", "IN", "NNP", "NN", "."])
    assert _names(doc, provinces) == ["Dar'un"]


def test_geo_finder_hyphenated_name_the_ner_cut_short(provinces: InMemoryGazetteer) -> None:
    # "Youths from Isseko-Azam (Verdania) rioted.": the NER tags only "Isseko"
    words = ["Youths", "from", "Isseko", "-", "Azam", "(", "Verdania", ")", "rioted", "."]
    spaces = [True, True, False, False, True, False, False, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces,
              ents=["O", "O", "B-GPE", "O", "O", "O", "B-ORG", "O", "O", "O"])
    assert _names(doc, provinces) == ["Isseko-Azam", "Verdania"]


def test_geo_finder_town_naming_a_road_or_spot(provinces: InMemoryGazetteer) -> None:
    doc = _doc(["Protesters", "blocked", "the", "Kelbor", "roundabout", "."], ["O"] * 6,
               ["NNS", "VBD", "DT", "NNP", "NN", "."])
    assert _names(doc, provinces) == ["Kelbor"]
    unknown = _doc(["They", "blocked", "the", "Ostrel", "roundabout", "."], ["O"] * 6,
                   ["PRP", "VBD", "DT", "NNP", "NN", "."])
    assert _names(unknown, provinces) == []  # only names the gazetteer knows


@pytest.mark.parametrize("words,tags,ents,expected", [
    # "near X": a name the gazetteer lacks, where a place's name goes
    (["Shells", "fell", "near", "Mineralne", "."], ["NNS", "VBD", "IN", "NNP", "."],
     ["O", "O", "O", "B-ORG", "O"], ["Mineralne"]),
    # "the village of X"
    (["Gunmen", "raided", "the", "village", "of", "Zibane", "."], ["NNS", "VBD", "DT", "NN", "IN", "NNP", "."],
     ["O"] * 7, ["Zibane"]),
    # the NER's whole name, not its known first word
    (["A", "bomb", "went", "off", "near", "Lincoln", "Bak", "."], ["DT", "NN", "VBD", "RP", "IN", "NNP", "NNP", "."],
     ["O", "O", "O", "O", "O", "B-FAC", "I-FAC", "O"], ["Lincoln Bak"]),
    # institutions and acronyms after "in"/"at" are no places
    (["Debate", "in", "Parliament", "ended", "."], ["NN", "IN", "NNP", "VBD", "."], ["O"] * 5, []),
    (["Monitors", "of", "the", "SMM", "at", "OSCE", "said", "so", "."],
     ["NNS", "IN", "DT", "NNP", "IN", "NNP", "VBD", "RB", "."], ["O"] * 9, []),
    # "of" alone is no locative: "the head of Mesa"
    (["The", "head", "of", "Mesa", "spoke", "."], ["DT", "NN", "IN", "NNP", "VBD", "."], ["O"] * 6, []),
])
def test_geo_finder_unknown_name_in_a_place_slot(gazetteer: InMemoryGazetteer, words: list[str], tags: list[str],
                                                 ents: list[str], expected: list[str]) -> None:
    doc = _doc(words, ents, tags)
    assert _names(doc, gazetteer, unknown=True) == expected
    assert "Mineralne" not in _names(doc, gazetteer)  # only when asked: the geoparse benchmarks count no such names


def test_geo_finder_place_entity_runs_on_to_the_longer_known_name() -> None:
    gaz = InMemoryGazetteer([(_place("Sao Bento", "BR", "Para", 5_000), []),
                             (_place("Sao Bento do Sul", "BR", "Santa Catarina", 80_000), [])])
    doc = _doc(["Riots", "hit", "Sao", "Bento", "do", "Sul", "."], ["O", "O", "B-GPE", "I-GPE", "O", "O", "O"],
               ["NNS", "VBD", "NNP", "NNP", "IN", "NNP", "."])
    assert _names(doc, gaz) == ["Sao Bento do Sul"]


def test_geo_finder_unknown_names_the_text_brackets_after_a_locative(gazetteer: InMemoryGazetteer) -> None:
    doc = _doc(["Shells", "fell", "in", "Qarat", "Bir", "(", "Wadi", "Halfa", ")", "."], ["O"] * 10,
               ["NNS", "VBD", "IN", "NNP", "NNP", "-LRB-", "NNP", "NNP", "-RRB-", "."])
    assert _names(doc, gazetteer) == []
    assert _names(doc, gazetteer, unknown=True) == ["Qarat Bir", "Wadi Halfa"]


def test_geo_finder_road_named_after_its_village(gazetteer: InMemoryGazetteer) -> None:
    doc = _doc(["Protesters", "blocked", "the", "Talbiya", "highway", "."], ["O"] * 6,
               ["NNS", "VBD", "DT", "NNP", "NN", "."])
    assert _names(doc, gazetteer) == []
    assert _names(doc, gazetteer, unknown=True) == ["Talbiya"]


def test_geo_finder_a_person_entity_in_a_place_slot_is_a_place(gazetteer: InMemoryGazetteer) -> None:
    """The NER calls a transliterated village a person; "in" before it and its container
    in brackets after it say it is a place."""
    doc = _doc(["Shells", "fell", "in", "Qasr", "Bin", "Harun", "(", "Tarrant", ")", "."],
               ["O", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "B-GPE", "O", "O"],
               ["NNS", "VBD", "IN", "NNP", "NNP", "NNP", "-LRB-", "NNP", "-RRB-", "."])
    assert _names(doc, gazetteer, unknown=True) == ["Qasr Bin Harun", "Tarrant"]
    person = _doc(["He", "met", "Qasr", "Bin", "Harun", "(", "Tarrant", ")", "."],
                  ["O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "B-GPE", "O", "O"],
                  ["PRP", "VBD", "NNP", "NNP", "NNP", "-LRB-", "NNP", "-RRB-", "."])
    assert _names(person, gazetteer, unknown=True) == ["Tarrant"]


def test_geo_finder_known_name_before_a_place_word(gazetteer: InMemoryGazetteer) -> None:
    """"PD1 of Ripley city": the word "city" says Ripley is a place, though a name's
    tail after "of" usually is not ("the Bank of Ripley city office")."""
    doc = _doc(["shot", "in", "PD1", "of", "Ripley", "city", "."], ["O"] * 7,
               ["VBN", "IN", "NNP", "IN", "NNP", "NN", "."])
    assert _names(doc, gazetteer) == ["Ripley"]
    tail = _doc(["the", "Bank", "of", "Ripley", "city", "office", "."], ["O"] * 7,
                ["DT", "NNP", "IN", "NNP", "NN", "NN", "."])
    assert _names(tail, gazetteer) == []
