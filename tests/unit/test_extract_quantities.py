"""extract.quantities and aggregates: a claim's counts and provinces, from sentences we wrote.

Fast tests read hand-built parses (``word|tag|dep|head`` per token, heads as token indices,
copied from the model's reading of the same sentence); the slow ones parse with the model.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

from eventscribe.extract.quantities import __all__ as QUANTITIES_ALL
from eventscribe.aggregates import tally_claim
from eventscribe.nlp import EVENT_PIPES
from eventscribe.extract.quantities import Kind, Quantity, find_provinces, find_quantities, totals
from eventscribe.types import EventMention, Place, Provenance, Span, Toponym

_VOCAB = spacy.blank("en").vocab


def parsed(text: str, spec: str) -> Doc:
    """A Doc of ``text`` with the tags, dependencies and heads of ``spec``."""
    rows = [tok.rsplit("|", 3) for tok in spec.split(" ")]
    words, spaces = get_words_and_spaces([r[0] for r in rows], text)
    return Doc(_VOCAB, words=words, spaces=spaces, tags=[r[1] for r in rows], deps=[r[2] for r in rows],
               heads=[int(r[3]) for r in rows])


SORTIES = parsed(
    "Jets hit 57 targets in 24 sorties, killing 12 militants and wounding five.",
    "Jets|NNS|nsubj|1 hit|VBD|ROOT|1 57|CD|nummod|3 targets|NNS|dobj|1 in|IN|prep|1 24|CD|nummod|6 "
    "sorties|NNS|pobj|4 ,|,|punct|1 killing|VBG|advcl|1 12|CD|nummod|10 militants|NNS|dobj|8 and|CC|cc|8 "
    "wounding|VBG|conj|8 five|CD|dobj|12 .|.|punct|1")
STRIKES = parsed(
    "The coalition conducted twenty-one strikes, destroying three tanks and five trucks.",
    "The|DT|det|1 coalition|NN|nsubj|2 conducted|VBD|ROOT|2 twenty|CD|compound|5 -|HYPH|punct|5 "
    "one|CD|nummod|6 strikes|NNS|dobj|2 ,|,|punct|2 destroying|VBG|advcl|2 three|CD|nummod|10 "
    "tanks|NNS|dobj|8 and|CC|cc|10 five|CD|nummod|13 trucks|NNS|conj|10 .|.|punct|2")
DOZENS = parsed(
    "Dozens of positions were shelled in the last 24 hours.",
    "Dozens|NNS|nsubjpass|4 of|IN|prep|0 positions|NNS|pobj|1 were|VBD|auxpass|4 shelled|VBN|ROOT|4 "
    "in|IN|prep|4 the|DT|det|9 last|JJ|amod|9 24|CD|nummod|9 hours|NNS|pobj|5 .|.|punct|4")
LEFT_DEAD = parsed(
    "The raid left 14 dead and dozens injured.",
    "The|DT|det|1 raid|NN|nsubj|2 left|VBD|ROOT|2 14|CD|nummod|4 dead|JJ|dobj|2 and|CC|cc|2 "
    "dozens|NNS|nsubj|7 injured|VBN|conj|2 .|.|punct|2")


def _read(doc: Doc) -> list[tuple[str, int, str]]:
    return [(q.kind.value, q.value, q.text) for q in find_quantities(doc[:])]


@pytest.mark.parametrize(("doc", "expected"), [
    (SORTIES, [("targets", 57, "57 targets"), ("sorties", 24, "24 sorties"), ("killed", 12, "12 militants"),
               ("injured", 5, "five")]),
    (STRIKES, [("strikes", 21, "twenty-one strikes"), ("vehicles", 3, "three tanks"),
               ("vehicles", 5, "five trucks")]),
    # a vague count keeps ACLED's fixed value; a time span is no count
    (DOZENS, [("positions", 12, "Dozens of positions")]),
    (LEFT_DEAD, [("killed", 14, "14"), ("injured", 12, "dozens")]),
], ids=["sorties", "strikes", "dozens", "left-dead"])
def test_quantities_kinds_from_the_parse(doc: Doc, expected: list[tuple[str, int, str]]) -> None:
    assert _read(doc) == expected


def test_quantities_offsets_are_document_offsets() -> None:
    sent = SORTIES[6:]  # "sorties, killing ...": a span starting inside the document
    qs = find_quantities(sent)
    assert [q.text for q in qs] == ["12 militants", "five"]
    text = SORTIES.text
    assert all(text[q.start:q.end] == q.text for q in qs)
    assert qs[0].start == text.index("12 militants")


def test_quantities_vague_flag() -> None:
    (q,) = find_quantities(DOZENS[:])
    assert q.vague and q.kind is Kind.POSITIONS
    assert not any(q.vague for q in find_quantities(SORTIES[:]))


def test_quantities_records_are_frozen() -> None:
    q = find_quantities(SORTIES[:])[0]
    with pytest.raises(AttributeError):
        q.value = 3  # type: ignore[misc]


@pytest.mark.parametrize(("items", "expected"), [
    # coordinated counts add up; a total and its part do not; "other" is left out
    ([Quantity(Kind.VEHICLES, 3, 0, 1, "", group=5), Quantity(Kind.VEHICLES, 5, 2, 3, "", group=5)], {"vehicles": 8}),
    ([Quantity(Kind.TARGETS, 40, 0, 1, "", group=1), Quantity(Kind.TARGETS, 12, 2, 3, "", group=9)], {"targets": 40}),
    ([Quantity(Kind.OTHER, 5, 0, 1, "", group=1)], {}),
    ([], {}),
])
def test_quantities_totals(items: list[Quantity], expected: dict[str, int]) -> None:
    assert totals(items) == expected


def test_quantities_public_api() -> None:
    assert sorted(QUANTITIES_ALL) == ["Kind", "Province", "Quantity", "find_provinces", "find_quantities",
                                              "totals"]
    assert {k.value for k in Kind} == {"targets", "sorties", "strikes", "killed", "injured", "vehicles", "depots",
                                       "positions", "other"}


# -- provinces ------------------------------------------------------------------------------
SYRIA = Place("Syria", "Syria", "SY", None, 35.0, 38.0, geo_precision=3, feature="PCLI")
HAMA = Place("Hamah", "Syria", "SY", "Hamah", 35.29, 37.25, feature="ADM1")
SARAQIB = Place("Saraqib", "Syria", "SY", "Idlib", 35.86, 36.81, feature="PPL")
IDLIB = Place("Idlib", "Syria", "SY", "Idlib", 35.83, 36.69, feature="ADM1")
DAMASCUS = Place("Damascus", "Syria", "SY", "Damascus", 33.51, 36.29, feature="PPLC")
MOSCOW = Place("Moscow", "Russia", "RU", "Moscow", 55.75, 37.62, feature="PPLC")

PROVINCES_TEXT = "Jets hit 30 targets in Hama province and near Saraqib, the command in Damascus said."
PROVINCES = parsed(
    PROVINCES_TEXT,
    "Jets|NNS|nsubj|1 hit|VBD|ccomp|15 30|CD|nummod|3 targets|NNS|dobj|1 in|IN|prep|1 Hama|NNP|compound|6 "
    "province|NN|pobj|4 and|CC|cc|4 near|IN|conj|4 Saraqib|NNP|pobj|8 ,|,|punct|15 the|DT|det|12 "
    "command|NN|nsubj|15 in|IN|prep|12 Damascus|NNP|pobj|13 said|VBD|ROOT|15 .|.|punct|15")


def _toponym(text: str, name: str, place: Place | None) -> Toponym:
    start = text.index(name)
    return Toponym(Span(start, start + len(name), name), place, 0.9)


TOPONYMS = [_toponym(PROVINCES_TEXT, "Hama", HAMA), _toponym(PROVINCES_TEXT, "Saraqib", SARAQIB),
            _toponym(PROVINCES_TEXT, "Damascus", DAMASCUS)]


def test_provinces_divisions_and_towns_divisions_in_text_order() -> None:
    found = find_provinces(PROVINCES[:], TOPONYMS)
    # Damascus describes the source (the subject of "said"), not where the strikes fell
    assert [(p.name, p.place is not None) for p in found] == [("Hamah", True), ("Idlib", False)]
    assert PROVINCES_TEXT[found[0].start:found[0].end] == "Hama"


def test_provinces_of_one_country_and_of_the_sentence_only() -> None:
    abroad = [_toponym(PROVINCES_TEXT, "Saraqib", MOSCOW)]
    assert find_provinces(PROVINCES[:], abroad, country_code="SY") == []
    assert find_provinces(PROVINCES[:5], TOPONYMS) == []  # "Jets hit 30 targets in": none named yet
    assert find_provinces(PROVINCES[:], [*TOPONYMS, _toponym(PROVINCES_TEXT, "Hama", None)])[0].name == "Hamah"


# -- aggregates.tally_claim ------------------------------------------------------------------
def _mention(doc: Doc, *, aggregate: bool, place: Place | None = SYRIA) -> EventMention:
    ev = Span(0, len(doc.text), doc.text)
    return EventMention(doc_id="d", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                        evidence=ev, date=dt.date(2016, 2, 10), place=place, aggregate=aggregate,
                        provenance={"place": Provenance(None, "geo.resolver", "geo-1", "inherited")})


def test_tally_one_province_places_the_claim_there() -> None:
    one = [TOPONYMS[0]]
    m = tally_claim(_mention(PROVINCES, aggregate=True), [PROVINCES[:]], one)
    assert m.quantities == {"targets": 30} and m.provinces == ["Hamah"]
    assert m.place is not None and (m.place.name, m.place.feature, m.place.geo_precision) == ("Hamah", "ADM1", 3)
    assert m.provenance["place"].span == Span(23, 27, "Hama")
    assert m.provenance["quantities"].span == Span(9, 19, "30 targets")
    assert m.provenance["quantities"].note == "targets=30; provinces: Hamah"
    rec = m.to_record()
    assert rec["quantities"] == {"targets": 30} and rec["provinces"] == ["Hamah"] and rec["admin1"] == "Hamah"
    assert "quantities" in rec["provenance"]


def test_tally_several_provinces_stay_at_the_country() -> None:
    m = tally_claim(_mention(PROVINCES, aggregate=True), [PROVINCES[:]], TOPONYMS)
    assert m.provinces == ["Hamah", "Idlib"]
    assert m.place == SYRIA and m.provenance["place"].note == "inherited"


def test_tally_a_town_s_province_is_placed_where_the_article_names_the_province() -> None:
    # the sentence names only Saraqib; the article names Idlib province elsewhere
    elsewhere = Toponym(Span(500, 505, "Idlib"), IDLIB, 0.9)
    m = tally_claim(_mention(PROVINCES, aggregate=True), [PROVINCES[:]], [TOPONYMS[1], elsewhere])
    assert m.provinces == ["Idlib"] and m.place is not None
    assert (m.place.name, m.place.feature, m.place.geo_precision) == ("Idlib", "ADM1", 3)
    lone = tally_claim(_mention(PROVINCES, aggregate=True), [PROVINCES[:]], [TOPONYMS[1]])
    assert lone.provinces == ["Idlib"] and lone.place == SYRIA  # no centre for the province: the country


def test_tally_counts_of_a_single_strike_sentence_fill_but_do_not_move_it() -> None:
    m = _mention(SORTIES, aggregate=False, place=SARAQIB)
    out = tally_claim(m, [SORTIES[:]], [])
    assert out.quantities == {"targets": 57, "sorties": 24, "killed": 12, "injured": 5}
    assert out.place == SARAQIB and out is not m and m.quantities == {}  # a new record; the old one unchanged


def test_tally_leaves_other_mentions_alone() -> None:
    m = _mention(LEFT_DEAD, aggregate=False)
    assert tally_claim(m, [LEFT_DEAD[:]], []) is m
    assert m.to_record()["quantities"] == {} and m.to_record()["provinces"] == []


TWO_DAYS = parsed(
    "Jets hit 57 targets on Monday. On Tuesday they flew 20 sorties and hit 60 targets.",
    "Jets|NNS|nsubj|1 hit|VBD|ROOT|1 57|CD|nummod|3 targets|NNS|dobj|1 on|IN|prep|1 Monday|NNP|pobj|4 "
    ".|.|punct|1 On|IN|prep|10 Tuesday|NNP|pobj|7 they|PRP|nsubj|10 flew|VBD|ROOT|10 20|CD|nummod|12 "
    "sorties|NNS|dobj|10 and|CC|cc|10 hit|VBD|conj|10 60|CD|nummod|16 targets|NNS|dobj|14 .|.|punct|10")


def test_tally_first_sentence_stating_a_kind_gives_its_count() -> None:
    first, second = TWO_DAYS[:7], TWO_DAYS[7:]
    m = tally_claim(_mention(TWO_DAYS, aggregate=True), [first, second, first], [])
    assert m.quantities == {"targets": 57, "sorties": 20}
    assert m.provenance["quantities"].span == Span(9, 19, "57 targets")


# -- with the model ---------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("The air force eliminated 83 militant targets in 46 sorties in the last 24 hours, bombing groups in "
     "five provinces.", {"targets": 83, "sorties": 46}),
    ("Warplanes carried out a dozen air strikes on Tuesday, destroying three tanks and five trucks.",
     {"strikes": 12, "vehicles": 8}),
    ("The jets struck 40 targets, including 12 ammunition storage facilities and 9 command posts.",
     {"targets": 40, "depots": 12, "positions": 9}),
    ("The coalition conducted twenty-one strikes, destroying two weapons depots and 1,200 fighting positions.",
     {"strikes": 21, "depots": 2, "positions": 1200}),
    ("Twelve soldiers were killed and 30 were wounded when the convoy was ambushed on 3 May 2016.",
     {"killed": 12, "injured": 30}),
    ("Dozens of civilians were killed in the raid, and several militant positions were destroyed.",
     {"killed": 12, "positions": 10}),
    ("Eight gunmen killed three soldiers at a checkpoint.", {"killed": 3}),
    ("The bombing left 30 people dead and 12 wounded.", {"killed": 30, "injured": 12}),
])
def test_quantities_with_the_model(pipeline, text: str, expected: dict[str, int]) -> None:  # noqa: ANN001
    doc = pipeline.nlp(text, disable=[p for p in pipeline.nlp.pipe_names if p not in EVENT_PIPES])
    assert totals(find_quantities(doc[:])) == expected
