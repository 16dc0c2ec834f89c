"""Context rules of composition, on short reports we wrote: what an analyst would code."""

from __future__ import annotations

import pytest

from eventscribe.pipeline import extract

pytestmark = pytest.mark.slow


def _records(pipeline, text: str, published: str = "2024-05-08"):
    return [e.to_record() for e in extract(text, published=published, pipeline=pipeline)]


def test_compose_country_as_qualifier_does_not_place_the_event(pipeline):
    (rec,) = _records(pipeline, "Protesters angry at the fall of the pound against the US dollar blocked roads "
                                "in Beirut on Monday.")
    assert (rec["location"], rec["country"]) == ("Beirut", "Lebanon")


def test_compose_facility_of_a_city_is_at_the_city(pipeline):
    (rec,) = _records(pipeline, "Artillery shells hit Donetsk Airport on Tuesday, local officials said.")
    assert rec["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rec["location"] == "Donetsk" and rec["country"] == "Ukraine"


def test_compose_protest_then_dispersal_is_one_event(pipeline):
    recs = _records(pipeline, "Hundreds of teachers marched in Accra on Tuesday to demand unpaid salaries. "
                              "Police later fired tear gas to disperse them.")
    assert [r["sub_event_type"] for r in recs] == ["Protest with intervention"]


def test_compose_sentence_without_place_continues_the_strike_before(pipeline):
    recs = _records(pipeline, "Warplanes struck a fuel depot near Saraqib in Idlib province on Tuesday. "
                              "A second strike destroyed two trucks, the monitor said.")
    assert len(recs) == 1 and recs[0]["location"] == "Saraqib"


def test_compose_history_and_threats_are_not_events(pipeline):
    text = ("The two militias have fought over the valley since 2014. "
            "Rebel commanders vowed to storm the provincial capital within a week.")
    assert _records(pipeline, text) == []


def test_compose_one_line_report_is_not_a_headline(pipeline):
    (rec,) = _records(pipeline, "Gunmen killed four farmers near Jos in Plateau state on Sunday, police said.")
    assert (rec["sub_event_type"], rec["fatalities"], rec["claimed_by"]) == ("Attack", 4, "Police Forces of Nigeria")


def test_compose_village_the_gazetteer_lacks_is_coded_in_its_bracketed_province(pipeline):
    (rec,) = _records(pipeline, "On Monday, gunmen killed three farmers in Tamwelo hill (Rumonge province).")
    assert (rec["location"], rec["admin1"], rec["country"]) == ("Tamwelo", "Rumonge", "Burundi")
    assert rec["geo_precision"] == 3 and rec["latitude"] is not None  # the province's point


def test_compose_sentence_without_its_own_where_or_when_elaborates_the_event(pipeline):
    recs = _records(pipeline, "On Monday, police in Accra beat a street vendor for not wearing a mask. "
                              "Bystanders said officers also arrested him and seized his cart.")
    assert len(recs) == 1 and recs[0]["location"] == "Accra"
    two = _records(pipeline, "On Monday, police in Accra beat a street vendor for not wearing a mask. "
                             "On Tuesday, gunmen killed two traders in Kumasi.")
    assert [r["location"] for r in two] == ["Accra", "Kumasi"]


def test_compose_classifier_reads_every_sentence_of_a_short_report_only(pipeline):
    from eventscribe.compose import body_units, typing_candidates
    from eventscribe.types import Article

    text = "Officers found a stash of rifles buried near the dam. They took the weapons to the station."
    article = Article.from_text(text, doc_id="t")
    units = body_units(pipeline.nlp(text), article)
    assert len(typing_candidates(units, short=4)) == 2  # a short report: every sentence
    assert len(typing_candidates(units, short=1)) < 2  # a long article: only sentences with a cue


def test_compose_village_in_a_bracketed_town_is_coded_at_the_village(pipeline):
    (rec,) = _records(pipeline, "On Monday, gunmen killed two farmers in Tamwelo village (Kabale, Uganda).")
    assert (rec["location"], rec["country"], rec["geo_precision"]) == ("Tamwelo", "Uganda", 2)


def test_compose_event_sentence_without_a_place_takes_the_town_the_report_opened_with(pipeline):
    recs = _records(pipeline, "On Monday, in Eldoret, police officers went to a farm to evict squatters. "
                              "Later, armed men opened fire on the officers and wounded two of them.")
    assert recs and recs[-1]["location"] == "Eldoret" and recs[-1]["provenance"]["place"]["note"].startswith("inherited")


@pytest.mark.parametrize(("name", "ok"), [("Zouq Mosbeh", True), ("Issele-Azagba", True), ("Dar'a", True),
                                         ("Zolote-5", True), ("vhpâ€", False), ("jamiat-ulama bihar", False),
                                         ("‘‘and", False)])
def test_places_only_name_like_unknown_toponyms_become_event_places(name, ok):
    from eventscribe.places import _NAME_LIKE

    assert bool(_NAME_LIKE.match(name)) is ok


def test_compose_casualties_after_an_accident_are_no_attack(pipeline):
    text = ("A storage tank at a fertiliser plant near Kaduna exploded on Thursday night. "
            "Four workers were injured and taken to hospital.")
    assert _records(pipeline, text) == []


def test_compose_closing_tally_sets_the_death_count(pipeline):
    (rec,) = _records(pipeline, "On 6 May 2024, gunmen attacked a bus near Jos, Plateau, killing more than 20 "
                                "passengers. 20 fatalities split between 2 events.")
    assert rec["fatalities"] == 10


def test_compose_unknown_village_near_a_known_town_keeps_its_name(pipeline):
    (rec,) = _records(pipeline, "On 6 May 2024, shells fell near Kolyvanka, a village in Donetsk region, "
                                "the monitors said.")
    assert rec["location"] == "Kolyvanka" and rec["country"] == "Ukraine"


def test_compose_town_before_its_bracketed_district_is_the_place(pipeline):
    (rec,) = _records(pipeline, "On 6 May 2024, rioters burned tyres in Nawabshah city (Shaheed Benazirabad, Sindh).")
    assert rec["location"] == "Nawabshah" and rec["admin1"] == "Sindh"


def test_compose_colonia_is_coded_to_its_town(pipeline):
    (rec,) = _records(pipeline, "On 6 May 2024, in Guadalajara, Jalisco, armed men attacked two men in "
                                "Colonia Santa Anita. Both victims died.")
    assert rec["location"] == "Guadalajara"


def _actors(rec):
    return rec["actor1"], rec["actor2"]


def test_compose_attack_victims_default_to_civilians(pipeline):
    """ACLED codes the target of an attack as civilians when the text names no other."""
    (rec,) = _records(pipeline, "On Sunday, gunmen shot dead a shepherd near Jos in Plateau state.")
    assert rec["sub_event_type"] == "Attack"
    assert _actors(rec) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")


def test_compose_ambushed_police_are_the_target(pipeline):
    (rec,) = _records(pipeline, "On Monday, state police were ambushed by armed men near Uruapan, Michoacan.")
    assert _actors(rec) == ("Unidentified Armed Group (Mexico)", "Police Forces of Mexico")


def test_compose_repelled_attack_makes_the_attacker_actor1(pipeline):
    (rec,) = _records(pipeline, "On Tuesday, Afghan security forces repelled an attack by Taliban militants "
                                "in Ghazni province.")
    assert _actors(rec) == ("Taliban", "Military Forces of Afghanistan")


def test_compose_clash_within_one_group_has_it_on_both_sides(pipeline):
    (rec,) = _records(pipeline, "On Friday, two rival factions of the Taliban clashed in Ghazni province.")
    assert rec["sub_event_type"] == "Armed clash" and _actors(rec) == ("Taliban", "Taliban")


def test_compose_shoot_out_with_no_side_named(pipeline):
    (rec,) = _records(pipeline, "On Friday, a shoot-out took place in Sao Goncalo, Rio de Janeiro.")
    assert _actors(rec) == ("Unidentified Armed Group (Brazil)", "Unidentified Armed Group (Brazil)")


def test_compose_dispersed_protest_names_the_police_as_actor2(pipeline):
    (rec,) = _records(pipeline, "Hundreds of teachers marched in Accra on Tuesday to demand unpaid salaries. "
                                "Police later fired tear gas to disperse them.")
    assert _actors(rec) == ("Protesters (Ghana)", "Police Forces of Ghana")


def test_compose_shelled_houses_have_no_victim_actor(pipeline):
    (rec,) = _records(pipeline, "On Monday, artillery shells hit civilian houses in Avdiivka, Donetsk region.")
    assert rec["actor2"] is None


def test_compose_forces_of_two_countries_are_both_sides(pipeline):
    (rec,) = _records(pipeline, "On Wednesday, military forces of India and Pakistan exchanged fire across "
                                "the Line of Control in Poonch district, Jammu and Kashmir.")
    assert _actors(rec) == ("Military Forces of India", "Military Forces of Pakistan")


def test_compose_initials_are_no_country_code(pipeline):
    """"AU" is the African Union here, not Australia's ISO code."""
    recs = _records(pipeline, "On Monday, AU forces clashed with Al Shabaab fighters near Afgooye, Lower Shabelle.")
    assert recs and all("Australia" not in (r["actor1"] or "") + (r["actor2"] or "") for r in recs)
