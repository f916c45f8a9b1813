"""Calendar quarters, and which weekly rollup rows belong to one.

Rollups count by week (weeks start on Monday, UTC) and a week can straddle two quarters; like ISO weeks and
years, a week belongs to the quarter its Thursday falls in, so every week counts in exactly one quarter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_THURSDAY = dt.timedelta(days=3)


@dataclass(frozen=True, slots=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def of(cls, day: dt.date | dt.datetime) -> Quarter:
        if isinstance(day, dt.datetime):
            day = day.astimezone(dt.UTC).date()
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the quarter."""
        return (
            dt.date(self.year + 1, 1, 1) if self.number == 4 else dt.date(self.year, 3 * self.number + 1, 1)
        )

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def first_week(self) -> dt.date:
        """The Monday of the first week counted in this quarter (its Thursday is in the quarter)."""
        return self.start - _THURSDAY

    @property
    def end_week(self) -> dt.date:
        """Weeks starting on or after this Monday-bound belong to the next quarter."""
        return self.end - _THURSDAY

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"
