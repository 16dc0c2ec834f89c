"""find_fatalities / parse_number: ACLED's conservative death counts from hand-written sentences."""

from __future__ import annotations

import pytest

from eventscribe.extract.fatalities import FatalityCount, find_fatalities, parse_number


def _counts(text: str) -> list[int]:
    return [f.count for f in find_fatalities(text)]


@pytest.mark.parametrize(("text", "count"), [
    ("At least 12 people were killed in the attack.", 12),
    ("At least 12 killed as jets pound market.", 12),
    ("The blast killed at least 12.", 12),
    ("Twenty-one people were killed.", 21),
    ("Thirty-five civilians lost their lives.", 35),
    ("The bombing left 30 dead and dozens wounded.", 30),
    ("The attack left 4 soldiers dead.", 4),
    ("The bodies of four men were found in the river.", 4),
    ("The death toll rose to 25 on Friday.", 25),
    ("One policeman died of his wounds.", 1),
    ("The raid killed a dozen militants.", 12),
    ("More than 100 people have been killed since the offensive began.", 100),
    ("12 killed, 30 injured in market bombing.", 12),
])
def test_fatalities_exact_counts(text: str, count: int) -> None:
    assert _counts(text) == [count]


@pytest.mark.parametrize(("text", "count"), [
    ("Dozens were killed when the shells landed.", 12),
    ("Dozens of civilians were killed in the raid.", 12),
    ("The ambush killed dozens of soldiers.", 12),
    ("Scores of people were killed.", 12),
    ("Several people were killed.", 10),
    ("Hundreds of people were killed.", 100),
])
def test_fatalities_vague_counts_take_acled_values(text: str, count: int) -> None:
    found = find_fatalities(text)
    assert [(f.count, f.vague) for f in found] == [(count, True)]


@pytest.mark.parametrize("text", [
    "There were no casualties.",
    "No casualties were reported.",
    "There were no fatalities.",
    "No deaths were reported.",
    "The explosion caused no casualties, police said.",
])
def test_fatalities_explicit_none_is_zero(text: str) -> None:
    assert _counts(text) == [0]


@pytest.mark.parametrize(("text", "count"), [
    ("Five people were injured and two were killed.", 2),
    ("The attack killed three soldiers and wounded 15 others.", 3),
    ("The shelling killed two and injured five.", 2),
    ("The drones struck 40 targets and killed 8 fighters.", 8),
    ("2 people were killed and 30 arrested.", 2),
])
def test_fatalities_ignore_wounded_and_targets(text: str, count: int) -> None:
    assert _counts(text) == [count]


@pytest.mark.parametrize("text", [
    "Seventeen people were injured in the explosion.",
    "Eight people were wounded.",
    "Warplanes struck a market on Tuesday.",
])
def test_fatalities_no_death_count(text: str) -> None:
    assert find_fatalities(text) == []


@pytest.mark.parametrize(("text", "lowest"), [
    ("Officials said 7 people died, while local medics put the death toll at 11.", 7),
    ("The strike killed 9 civilians, a monitor said, though residents said 14 people were killed.", 9),
])
def test_fatalities_conflicting_reports_all_found_lowest_stands(text: str, lowest: int) -> None:
    counts = _counts(text)
    assert len(counts) == 2
    assert min(counts) == lowest


def test_fatalities_offsets_are_document_offsets() -> None:
    text = "Police said 3 people were killed."
    (f,) = find_fatalities(text, offset=50)
    assert f == FatalityCount(3, 62, 82, "3 people were killed")
    assert text[f.start - 50:f.end - 50] == f.text


@pytest.mark.parametrize(("token", "expected"), [
    ("17", (17, False)),
    ("twelve", (12, False)),
    ("Eleven", (11, False)),
    ("twenty-one", (21, False)),
    ("twenty one", (21, False)),
    ("a dozen", (12, False)),
    ("dozens of", (12, True)),
    ("hundreds", (100, True)),
    ("several", (10, True)),
    ("a few", (3, True)),
    ("bogus", None),
    ("", None),
])
def test_fatalities_parse_number(token: str, expected: tuple[int, bool] | None) -> None:
    assert parse_number(token) == expected


def test_fatalities_implausible_count_dropped() -> None:
    assert find_fatalities("Officials said 90000 people were killed.") == []


# --- wrong today --------------------------------------------------------------------------------

def test_fatalities_no_one_killed_is_zero() -> None:
    assert _counts("No one was killed in the blast.") == [0]


def test_fatalities_nobody_killed_is_zero() -> None:
    assert _counts("Nobody was killed in the attack.") == [0]


@pytest.mark.parametrize("text", ["The blast left 5 injured.", "The blast left 12 people injured."])
def test_fatalities_left_injured_is_not_death(text: str) -> None:
    assert find_fatalities(text) == []


@pytest.mark.parametrize("text", ["A soldier was killed.", "Gunmen killed a farmer.", "An officer was shot dead."])
def test_fatalities_single_victim_is_one(text: str) -> None:
    assert _counts(text) == [1]


def test_fatalities_parse_number_one_hundred() -> None:
    assert parse_number("one hundred") == (100, False)


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    ("The sorties destroyed two armoured vehicles and killed 10 fighters in the valley.", 10),
    ("At least 40 villagers, including 12 children, died when the shells hit the market.", 40),
    ("Gunmen killed four farmers near the river.", 4),
])
def test_fatalities_parse_decides_which_count_is_deaths(pipeline, text: str, expected: int) -> None:
    doc = pipeline.nlp(text)
    counts = find_fatalities(text, sent=doc[:])
    assert min(c.count for c in counts) == expected
