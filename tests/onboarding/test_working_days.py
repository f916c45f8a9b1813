"""Onboarding days count Monday to Friday: a due day never falls on a weekend, and a weekend neither makes
an item overdue nor lengthens the days a new hire took."""

from __future__ import annotations

import datetime as dt

import pytest

from enablement_app.onboarding.working_days import date_of_day, day_of, is_past

MONDAY = dt.date(2026, 11, 2)
THURSDAY = dt.date(2026, 11, 5)
SATURDAY = dt.date(2026, 11, 7)


@pytest.mark.parametrize(
    ("start", "day", "expected"),
    [
        (MONDAY, 1, MONDAY),
        (MONDAY, 5, dt.date(2026, 11, 6)),  # Friday
        (MONDAY, 6, dt.date(2026, 11, 9)),  # the Monday after
        (MONDAY, 11, dt.date(2026, 11, 16)),
        (THURSDAY, 3, dt.date(2026, 11, 9)),  # Thu, Fri, then Monday
        (SATURDAY, 1, SATURDAY),  # day 1 is the start, whatever the weekday
        (SATURDAY, 2, dt.date(2026, 11, 9)),
    ],
)
def test_date_of_day_skips_weekends(start: dt.date, day: int, expected: dt.date) -> None:
    assert date_of_day(start, day) == expected


@pytest.mark.parametrize("start", [MONDAY, THURSDAY, SATURDAY])
def test_day_of_is_the_inverse_of_date_of_day(start: dt.date) -> None:
    for day in range(1, 40):
        assert day_of(start, date_of_day(start, day)) == day


def test_a_weekend_day_is_still_the_friday_s_day_and_nothing_falls_due_on_it() -> None:
    assert day_of(THURSDAY, SATURDAY) == day_of(THURSDAY, dt.date(2026, 11, 6)) == 2
    assert day_of(THURSDAY, dt.date(2026, 11, 9)) == 3
    # due on day 2 (Friday): overdue from Saturday; due on day 3 (Monday): not overdue over the weekend
    assert is_past(THURSDAY, 2, SATURDAY)
    assert not is_past(THURSDAY, 3, dt.date(2026, 11, 8))
    assert is_past(THURSDAY, 3, dt.date(2026, 11, 10))
    assert day_of(MONDAY, MONDAY - dt.timedelta(days=3)) == 1  # before the start: still day 1
