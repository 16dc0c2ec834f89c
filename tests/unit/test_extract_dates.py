"""find_dates: date expressions resolved against the publication day, with ACLED precision."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscribe.extract.dates import DateMention, find_dates, resolve_date

WED = dt.date(2024, 3, 13)  # a Wednesday


def _one(text: str, published: dt.date | None = WED) -> DateMention:
    found = find_dates(text, published=published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("Jets struck the depot on Wednesday.", dt.date(2024, 3, 13)),  # same weekday = that day
    ("Jets struck the depot on Tuesday.", dt.date(2024, 3, 12)),
    ("Jets struck the depot on Monday.", dt.date(2024, 3, 11)),
    ("Jets struck the depot on Thursday.", dt.date(2024, 3, 7)),  # never the day after
    ("Jets struck the depot last Friday.", dt.date(2024, 3, 8)),
    ("Jets struck the depot on Sunday morning.", dt.date(2024, 3, 10)),
    ("Fighting resumed late on Saturday.", dt.date(2024, 3, 9)),
])
def test_dates_weekday_is_latest_such_day_up_to_publication(text: str, expected: dt.date) -> None:
    d = _one(text)
    assert (d.date, d.precision, d.pattern) == (expected, 1, "weekday")


@pytest.mark.parametrize(("published", "expected"), [
    (dt.date(2024, 3, 11), dt.date(2024, 3, 11)),  # Monday article, "on Monday"
    (dt.date(2024, 3, 12), dt.date(2024, 3, 11)),
    (dt.date(2024, 3, 17), dt.date(2024, 3, 11)),  # Sunday article: six days back
    (dt.date(2024, 3, 1), dt.date(2024, 2, 26)),   # across a month end
])
def test_dates_weekday_across_publication_days(published: dt.date, expected: dt.date) -> None:
    assert _one("Shelling hit the town on Monday.", published).date == expected


@pytest.mark.parametrize(("text", "pattern"), [
    ("Drones attacked the port last night.", "last_night"),
    ("Drones attacked the port overnight.", "last_night"),
    ("Drones attacked the port last evening.", "last_night"),
    ("Drones attacked the port yesterday.", "yesterday"),
])
def test_dates_relative_day_before_publication(text: str, pattern: str) -> None:
    d = _one(text)
    assert (d.date, d.precision, d.pattern) == (dt.date(2024, 3, 12), 1, pattern)


def test_dates_yesterday_across_year_boundary() -> None:
    assert _one("Rebels fired rockets yesterday.", dt.date(2024, 1, 1)).date == dt.date(2023, 12, 31)


def test_dates_today_is_publication_day() -> None:
    d = _one("Protesters gathered today in the square.")
    assert (d.date, d.precision) == (WED, 1)


@pytest.mark.parametrize(("text", "expected", "pattern"), [
    ("The attack took place on 5 March 2024.", dt.date(2024, 3, 5), "day_month_year"),
    ("The attack took place on March 5, 2024.", dt.date(2024, 3, 5), "month_day_year"),
    ("The attack took place on the 1st of March 2024.", dt.date(2024, 3, 1), "day_month_year"),
    ("The attack took place on 2024-03-01.", dt.date(2024, 3, 1), "iso"),
    ("The attack took place on 10/03/2024.", dt.date(2024, 3, 10), "numeric"),  # day first
    ("The attack took place on 5 March.", dt.date(2024, 3, 5), "day_month"),
    ("The attack took place on March 5.", dt.date(2024, 3, 5), "month_day"),
    ("The attack took place on 31 December.", dt.date(2023, 12, 31), "day_month"),  # last year
])
def test_dates_explicit_dates_day_precision(text: str, expected: dt.date, pattern: str) -> None:
    d = _one(text)
    assert (d.date, d.precision, d.pattern) == (expected, 1, pattern)


def test_dates_explicit_full_date_resolves_without_publication() -> None:
    assert _one("The attack took place on 5 March 2024.", published=None).date == dt.date(2024, 3, 5)


@pytest.mark.parametrize("text", ["Shelling hit the town on Monday.", "Shelling hit the town yesterday.",
                                  "Shelling hit the town last night.", "Shelling hit the town on 5 March."])
def test_dates_relative_needs_publication(text: str) -> None:
    assert find_dates(text, published=None) == []


@pytest.mark.parametrize(("text", "precision", "pattern"), [
    ("The town has been besieged in March 2024.", 3, "month_year"),
    ("Clashes broke out in 2023.", 3, "year"),
    ("Attacks were reported in the past 24 hours.", 2, "last_24h"),
    ("The convoy was ambushed three days ago.", 1, "days_ago"),
])
def test_dates_precision_codes(text: str, precision: int, pattern: str) -> None:
    d = _one(text)
    assert (d.precision, d.pattern) == (precision, pattern)


def test_dates_days_ago_counts_back() -> None:
    assert _one("The convoy was ambushed three days ago.").date == dt.date(2024, 3, 10)


def test_dates_offsets_are_document_offsets() -> None:
    text = "Shelling hit the town on Monday and again yesterday."
    found = find_dates(text, published=WED, offset=1000)
    assert [d.text for d in found] == ["on Monday", "yesterday"]
    for d in found:
        assert text[d.start - 1000:d.end - 1000] == d.text


def test_dates_results_in_text_order() -> None:
    found = find_dates("Yesterday's raid followed strikes on 5 March 2024.", published=WED)
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert [d.date for d in found] == [dt.date(2024, 3, 12), dt.date(2024, 3, 5)]


def test_dates_no_date_gives_empty() -> None:
    assert find_dates("Warplanes struck a market, killing nine people.", published=WED) == []


@pytest.mark.parametrize("text", ["Talks are scheduled for 20 March 2024.", "Talks are scheduled for 2024-03-25."])
def test_dates_future_explicit_day_not_resolved_to_that_day(text: str) -> None:
    assert all(d.date <= WED + dt.timedelta(days=1) for d in find_dates(text, published=WED))


def test_resolve_date_future_weekday_impossible() -> None:
    assert resolve_date("iso", "2024-04-01", WED) is None


# --- wrong today --------------------------------------------------------------------------------

def test_dates_future_explicit_date_rejected() -> None:
    assert find_dates("Talks are scheduled for 20 March 2024.", published=WED) == []


@pytest.mark.parametrize("text", ["Talks are scheduled for 20 March.", "Talks are scheduled for March 20."])
def test_dates_future_day_month_rejected(text: str) -> None:
    assert find_dates(text, published=WED) == []


@pytest.mark.parametrize("text", ["Drones hit the port this morning.", "Drones hit the port this afternoon."])
def test_dates_this_morning_is_publication_day(text: str) -> None:
    d = _one(text)
    assert (d.date, d.precision) == (WED, 1)


@pytest.mark.parametrize("text", ["Clashes were reported last week.", "Clashes were reported earlier this week."])
def test_dates_last_week_week_precision(text: str) -> None:
    d = _one(text)
    assert d.precision == 2
    assert WED - dt.timedelta(days=14) <= d.date <= WED


# --- vague dates: a month or a year, precision 3, day never borrowed ---------------------------

JAN = dt.date(2024, 1, 17)


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The militia has held the valley since 2011.", WED, dt.date(2011, 1, 1)),
    ("The militia has held the valley since 2011.", JAN, dt.date(2011, 1, 1)),
    ("The border was drawn in 1921.", WED, dt.date(1921, 1, 1)),
    ("Raids were frequent during 2023.", WED, dt.date(2023, 1, 1)),
    ("The border was drawn in 1921.", None, dt.date(1921, 1, 1)),  # needs no publication date
])
def test_dates_year_only_is_first_of_january(text: str, published: dt.date | None, expected: dt.date) -> None:
    d = _one(text, published)
    assert (d.date, d.precision, d.pattern) == (expected, 3, "year")


def test_dates_year_after_publication_not_resolved() -> None:
    assert find_dates("Elections are planned in 2027.", published=WED) == []


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Rebels took the town in December.", JAN, dt.date(2023, 12, 1)),  # the December before
    ("Rebels took the town in December.", WED, dt.date(2023, 12, 1)),
    ("Rebels took the town in March.", WED, dt.date(2024, 3, 1)),  # the publication month
    ("Rebels took the town in April.", WED, dt.date(2023, 4, 1)),  # never a month ahead
    ("Rebels took the town in mid-February.", WED, dt.date(2024, 2, 1)),
    ("Rebels took the town in early January.", WED, dt.date(2024, 1, 1)),
    ("Raids have continued since November.", WED, dt.date(2023, 11, 1)),
    ("Late February saw heavy shelling.", WED, dt.date(2024, 2, 1)),
])
def test_dates_month_only_is_first_of_latest_such_month(text: str, published: dt.date, expected: dt.date) -> None:
    d = _one(text, published)
    assert (d.date, d.precision, d.pattern) == (expected, 3, "month")


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Rebels took the town last month.", WED, dt.date(2024, 2, 1)),
    ("Rebels took the town last month.", JAN, dt.date(2023, 12, 1)),
    ("Rebels took the town last month.", dt.date(2024, 3, 31), dt.date(2024, 2, 1)),
    ("Rebels took the town earlier this month.", WED, dt.date(2024, 3, 1)),
    ("Rebels took the town this month.", JAN, dt.date(2024, 1, 1)),
    ("Rebels took the town in late last month.", WED, dt.date(2024, 2, 1)),
])
def test_dates_last_month_and_this_month(text: str, published: dt.date, expected: dt.date) -> None:
    d = _one(text, published)
    assert (d.date, d.precision, d.pattern) == (expected, 3, "last_month")


@pytest.mark.parametrize("text", [
    "Talks will resume later this month.",  # a plan, not an event
    "Officials say the convoy may arrive soon.",  # "may" the verb, not the month
    "The March on the capital was peaceful.",  # a month name without a lead word
])
def test_dates_not_a_month_expression(text: str) -> None:
    assert find_dates(text, published=WED) == []


@pytest.mark.parametrize("text", ["Rebels took the town in December.", "Rebels took the town last month."])
def test_dates_month_only_needs_publication(text: str) -> None:
    assert find_dates(text, published=None) == []


def test_dates_month_year_still_wins_over_month_only() -> None:
    d = _one("Rebels took the town in December 2022.")
    assert (d.date, d.pattern) == (dt.date(2022, 12, 1), "month_year")


def test_dates_mid_month_year_resolves() -> None:
    assert _one("Rebels took the town in mid-March 2023.").date == dt.date(2023, 3, 1)


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(1, 1, 2)])
def test_dates_calendar_edge_publication_does_not_crash(published: dt.date) -> None:
    text = "Shelling hit the town on Tuesday, yesterday and last week, and in December."
    assert all(d.date >= dt.date(1, 1, 1) for d in find_dates(text, published=published))


def test_dates_last_weekday_is_not_yesterday() -> None:
    # a Wednesday report: "last Tuesday" is the Tuesday of the week before, "last Friday" five days ago
    wed = dt.date(2024, 5, 8)
    (tue,) = find_dates("Police detained him last Tuesday.", published=wed)
    (fri,) = find_dates("She died last Friday.", published=wed)
    assert (tue.date, fri.date) == (dt.date(2024, 4, 30), dt.date(2024, 5, 3))
