"""Onboarding days are working days, Monday to Friday.

"Due on day 3" means the third working day of a new hire's onboarding: one who starts on a Thursday has
day 3 on the Monday after, not on the Saturday, and a weekend never makes an item overdue nor counts in
the days a new hire took to finish. Day 1 is the day onboarding started, whatever weekday that was.
Public holidays differ by country and are not known here; they count as working days.
"""

from __future__ import annotations

import datetime as dt

_SATURDAY = 5  # date.weekday(): Monday is 0


def _is_working_day(day: dt.date) -> bool:
    return day.weekday() < _SATURDAY


def _working_days_after(start: dt.date, end: dt.date) -> int:
    """Working days d with start < d <= end (0 when end is not after start)."""
    days = (end - start).days
    if days <= 0:
        return 0
    weeks, extra = divmod(days, 7)
    tail = start + dt.timedelta(weeks=weeks)
    return weeks * 5 + sum(
        1 for offset in range(1, extra + 1) if _is_working_day(tail + dt.timedelta(offset))
    )


def date_of_day(start: dt.date, day: int) -> dt.date:
    """The date of onboarding day ``day`` for onboarding that started on ``start`` (day 1)."""
    date = start
    for _ in range(max(0, day - 1)):
        date += dt.timedelta(days=1)
        while not _is_working_day(date):
            date += dt.timedelta(days=1)
    return date


def day_of(start: dt.date, today: dt.date) -> int:
    """Which onboarding day ``today`` is (1 on ``start``); a weekend day is still the Friday's day."""
    return 1 + _working_days_after(start, today)


def is_past(start: dt.date, due_day: int, today: dt.date) -> bool:
    """Whether ``due_day`` is over on ``today``: what makes an item not done by then overdue."""
    return today > date_of_day(start, due_day)
