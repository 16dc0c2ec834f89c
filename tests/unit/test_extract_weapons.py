"""find_weapons: designations by shape, generic kinds from a table, no double counting."""

from __future__ import annotations

import pytest

from eventscribe.extract.weapons import Weapon, find_weapons


def _named(text: str) -> list[tuple[str, str]]:
    return [(w.name, w.kind) for w in find_weapons(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("A Su-24M struck the bridge.", [("Su-24M", "aircraft")]),
    ("Two Su-25SM jets attacked the column.", [("Su-25SM", "aircraft")]),
    ("A Su-24M bomber hit the depot.", [("Su-24M", "aircraft")]),
    ("The KAB-500 bomb destroyed a house.", [("KAB-500", "guided bomb")]),
    ("Russian Su-24M aircraft dropped KAB-500 bombs on the town.",
     [("Su-24M", "aircraft"), ("KAB-500", "guided bomb")]),
    ("An MQ-9 drone struck a vehicle.", [("MQ-9", "drone")]),
    ("Bayraktar TB-2 drones hit a convoy.", [("TB-2", "drone")]),
    ("The T-72 tank shelled the village.", [("T-72", "tank")]),
    ("A Mi-8 helicopter fired rockets at the village.", [("Mi-8", "helicopter"), ("rockets", "rocket")]),
    ("The S-300 system intercepted the missile.", [("S-300", "air defence"), ("missile", "missile")]),
])
def test_weapons_designations_by_shape(text: str, expected: list[tuple[str, str]]) -> None:
    assert _named(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Troops used mortars and artillery against the rebels.", [("mortars", "mortar"), ("artillery", "artillery")]),
    ("Attackers threw a hand grenade into the market.", [("hand grenade", "grenade")]),
    ("Police fired tear gas and rubber bullets.", [("tear gas", "crowd control"), ("rubber bullets", "crowd control")]),
    ("The assailants attacked villagers with machetes.", [("machetes", "blade")]),
    ("Rebels fired rocket-propelled grenades at the base.",
     [("rocket-propelled grenades", "rocket-propelled grenade")]),
    ("Armed men planted an IED near the school.", [("ied", "ied")]),
    ("He was killed by a landmine.", [("landmine", "landmine")]),
    ("Warplanes dropped precision-guided bombs on the bridge.",
     [("warplanes", "aircraft"), ("precision-guided bombs", "guided bomb")]),
])
def test_weapons_generic_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert _named(text) == expected


@pytest.mark.parametrize("text", [
    "The COVID-19 pandemic has slowed aid deliveries.",  # unknown prefix
    "Route N-1 was closed after the attack.",
    "The ceasefire held overnight.",
])
def test_weapons_none(text: str) -> None:
    assert find_weapons(text) == []


def test_weapons_offsets_are_document_offsets_and_sorted() -> None:
    text = "Jets dropped KAB-500 bombs and fired rockets."
    found = find_weapons(text, offset=200)
    assert [w.start for w in found] == sorted(w.start for w in found)
    assert [text[w.start - 200:w.end - 200] for w in found] == ["Jets", "KAB-500", "rockets"]


def test_weapons_designation_span_excludes_maker_name() -> None:
    text = "A Sukhoi Su-34 struck the depot."
    (w,) = find_weapons(text)
    assert w == Weapon("Su-34", "aircraft", text.index("Su-34"), text.index("Su-34") + 5)


def test_weapons_noun_after_designation_not_double_counted() -> None:
    assert _named("A Su-25SM aircraft and a KAB-500 bomb were seen.") == [
        ("Su-25SM", "aircraft"), ("KAB-500", "guided bomb")]


# --- wrong today --------------------------------------------------------------------------------

def test_weapons_guided_bomb_after_designation_not_double_counted() -> None:
    assert _named("A KAB-500 guided bomb hit the school.") == [("KAB-500", "guided bomb")]


@pytest.mark.parametrize("text", [
    "Peace talks have begun in the capital.",
    "The militants imposed taxes on traders.",
    "Fighters held the town at knifepoint.",
])
def test_weapons_no_match_inside_words(text: str) -> None:
    assert find_weapons(text) == []


def test_weapons_gunmen_is_not_a_gun() -> None:
    assert _named("Gunmen armed with AK-47 rifles opened fire.") == [("AK-47", "rifle")]


@pytest.mark.parametrize("text", ["A roadside bomb exploded near the convoy.", "Two car bombs exploded in the city."])
def test_weapons_roadside_and_car_bombs_are_ieds(text: str) -> None:
    assert [w.kind for w in find_weapons(text)] == ["ied"]


@pytest.mark.parametrize(("text", "name"), [
    ("Militants fired BM-21 Grad rockets at the town.", "BM-21"),
    ("Sukhoi Su-34 fighter-bombers struck the depot.", "Su-34"),
])
def test_weapons_designation_with_modifier_then_noun_counted_once(text: str, name: str) -> None:
    assert [w.name for w in find_weapons(text)] == [name]
