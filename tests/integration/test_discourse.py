"""The document model on short reports we wrote: events, background, claims, occurrences."""

from __future__ import annotations

import pytest
from unidecode import unidecode

from eventscribe.pipeline import extract

pytestmark = pytest.mark.slow


def _records(pipeline, text: str, published: str = "2024-05-08"):
    return [e.to_record() for e in extract(text, published=published, pipeline=pipeline)]


def test_discourse_two_strikes_in_two_towns_are_two_events(pipeline):
    recs = _records(pipeline, "Warplanes struck a fuel depot near Saraqib in Idlib province on Tuesday, killing "
                              "three guards. Later that day, jets bombed a bridge in Maarat al-Numan, the monitor said.")
    assert len(recs) == 2 and recs[0]["location"] == "Saraqib" and recs[1]["location"].startswith("Maar")


def test_discourse_recap_of_last_month_is_background(pipeline):
    recs = _records(pipeline, "Gunmen killed four farmers near Jos on Monday, police said. "
                              "Last month, militants attacked a church in the same district, killing nine.")
    assert len(recs) == 1 and recs[0]["fatalities"] == 4


def test_discourse_each_event_keeps_its_own_claimant(pipeline):
    recs = _records(pipeline, "The Russian defence ministry said its jets destroyed an ammunition depot in Raqqa on "
                              "Monday. Separately, shelling killed six civilians in Deir ez-Zor on Monday, "
                              "the Syrian Observatory for Human Rights said.")
    claims = {r["location"]: r["claimed_by"] for r in recs}
    assert "Observatory" in (claims.get("Deir ez-Zor") or "")
    assert "Ministry of Defence" in (claims.get("Ar Raqqah") or "")


def test_discourse_elaboration_of_the_strike_is_one_occurrence(pipeline):
    recs = _records(pipeline, "At least 12 people were killed in an air strike on a market in Kafr Nabl on Monday, "
                              "rescuers said. The strike destroyed dozens of stalls. Witnesses said the strike "
                              "left a crater in the square.")
    assert len(recs) == 1 and recs[0]["fatalities"] == 12


def test_discourse_threats_plans_and_denials_are_not_events(pipeline):
    text = ("The rebel commander vowed to storm the provincial capital. "
            "Army chiefs met to plan a final assault on the militants. "
            "The army denied shelling the market.")
    assert _records(pipeline, text) == []


def test_discourse_quoted_bystanders_place_is_not_the_events(pipeline):
    recs = _records(pipeline, "Shelling hit a crowded market in Sennar on Sunday, killing 21 people, the doctors' "
                              "union said. A trader from Kassala told reporters that the shells fell without warning.")
    assert [r["location"] for r in recs] == ["Sennar"]


def test_discourse_one_sentence_joining_reports_in_two_towns_is_two_events(pipeline):
    text = ("The defence ministry issued its weekly summary on Monday. "
            "Jets carried out 40 sorties over the week, a military source said. "
            "The source said the sorties killed 12 fighters in Saraqib, destroying fuel depots in Ariha. "
            "Officials gave no other figures. "
            "The ministry did not name the units involved. "
            "Further details were expected later in the week.")
    recs = _records(pipeline, text)
    towns = [r for r in recs if r["geo_precision"] in (1, 2)]
    assert sorted(unidecode(r["location"]) for r in towns) == ["Ariha", "Saraqib"]
    assert {r["sub_event_type"] for r in towns} == {"Air/drone strike"}


def test_discourse_a_summary_sentence_stays_one_event(pipeline):
    recs = _records(pipeline, "On 8 May 2024, 9 militants were killed when soldiers repulsed their attack in "
                              "Chora district, Urozgan.")
    assert len(recs) == 1
