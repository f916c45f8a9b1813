"""What the monthly alignment dashboard's charts plot, read from the alignment report's own tables.

The charts are another picture of the rows `enablement report alignment` prints and writes as CSV: every
figure is taken from the ``ReportView``'s "months" and "stages" tables by column, never counted again, so
a chart, the table under its "Table" switch and its CSV cannot disagree. Qt-free like the rest of the core:
the app paints these, and anything else could.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from enablement_app.analytics.report_views import Cell, ReportView

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class MonthFigures:
    month: dt.date  # the first of the month
    opens: int
    shares: int
    active_reps: int
    assets_used: int
    ratings: int
    average_rating: float | None  # None: nobody rated anything that month

    @property
    def has_usage(self) -> bool:
        return bool(self.opens or self.shares or self.active_reps)

    @property
    def name(self) -> str:
        """ "October 2026" (English month names whatever the system's locale, like the rest of the app)."""
        return f"{MONTH_NAMES[self.month.month - 1]} {self.month.year}"


@dataclass(frozen=True, slots=True)
class StageFigures:
    stage: str
    approved: int  # live approved assets reps see with this stage
    used: int  # of them, opened in the report's window of days
    share_used: float | None  # used / approved; None only for a stage without assets (never listed)


@dataclass(frozen=True, slots=True)
class AlignmentFigures:
    today: dt.date  # the day the report was made for: its last month is still running
    days: int  # the window of "used" for the stages
    months: tuple[MonthFigures, ...]  # oldest first, every month of the window, empty ones too
    stages: tuple[StageFigures, ...]  # in the report's (funnel) order

    @property
    def has_usage(self) -> bool:
        return any(month.has_usage for month in self.months)

    @property
    def has_ratings(self) -> bool:
        return any(month.ratings for month in self.months)

    def is_running(self, month: MonthFigures) -> bool:
        """Whether ``month`` is the report's current month, so its figures are only so far."""
        return (month.month.year, month.month.month) == (self.today.year, self.today.month)


def alignment_figures(view: ReportView, *, today: dt.date, days: int) -> AlignmentFigures:
    """The charts' figures of an alignment ``view`` (``report_views.alignment_view``) made for ``today``
    with ``days`` as the stages' window."""
    months = view.table("months")
    stages = view.table("stages")
    month_rows = zip(
        months.column("Month"),
        months.column("Opens"),
        months.column("Shares"),
        months.column("Active reps"),
        months.column("Assets used"),
        months.column("Ratings"),
        months.column("Average rating"),
        strict=True,
    )
    stage_rows = zip(
        stages.column("Stage"),
        stages.column("Approved assets"),
        stages.column("Used"),
        stages.column("Share used"),
        strict=True,
    )
    return AlignmentFigures(
        today,
        days,
        tuple(
            MonthFigures(
                _month(month),
                _count(opens),
                _count(shares),
                _count(reps),
                _count(assets),
                _count(ratings),
                _fraction(average),
            )
            for month, opens, shares, reps, assets, ratings, average in month_rows
        ),
        tuple(
            StageFigures(str(stage), _count(approved), _count(used), _fraction(share))
            for stage, approved, used, share in stage_rows
        ),
    )


def _month(cell: Cell) -> dt.date:
    """A month cell ("2026-10") as its first day."""
    if isinstance(cell, dt.date):
        return cell.replace(day=1)
    year, month = str(cell).split("-")[:2]
    return dt.date(int(year), int(month), 1)


def _count(cell: Cell) -> int:
    if not isinstance(cell, int):
        raise TypeError(f"expected a count, got {cell!r}")
    return cell


def _fraction(cell: Cell) -> float | None:
    if cell is None:
        return None
    if not isinstance(cell, int | float):
        raise TypeError(f"expected a number, got {cell!r}")
    return float(cell)
