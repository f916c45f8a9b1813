"""What each insight report shows, the same in the terminal, in CSV and in the app: a title, summary
lines, tables of typed columns, and an empty state that says why there is nothing yet.

The reports (``reports``) compute; this module only shapes their rows into tables, so the command line's
table, its CSV and the app's Reports page never disagree. An empty state names what is missing (usage,
CRM results, the library) and each front end says how to get it in its own words.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from enablement_app.analytics import reports
from enablement_app.analytics.top_reps import TopRepSettings
from enablement_app.store import Store

Cell = str | int | float | dt.date | None

# What an empty report lacks; the command line and the app each say how to get it.
MISSING_USAGE = "usage"  # no rep's usage was ingested
MISSING_CRM = "crm"  # no CRM results were imported
MISSING_LIBRARY = "library"  # the library has no approved asset

# Column kinds: how a value is shown and written to CSV.
TEXT, COUNT, SHARE, LIFT, STARS, DATE, DAYS = "text", "count", "share", "lift", "stars", "date", "days"


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    kind: str = TEXT
    detail: bool = False  # in CSV and the app, left out of the terminal's narrower table

    @property
    def numeric(self) -> bool:
        return self.kind in (COUNT, SHARE, LIFT, STARS, DAYS)


@dataclass(frozen=True, slots=True)
class ReportTable:
    name: str  # "assets", "comments", "months", "stages": what ``--table`` and the page's tabs name
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str  # said instead of a table without rows

    def column(self, label: str) -> tuple[Cell, ...]:
        """Every row's cell in the column called ``label``, in the table's order."""
        for number, column in enumerate(self.columns):
            if column.label == label:
                return tuple(row[number] for row in self.rows)
        raise KeyError(label)


@dataclass(frozen=True, slots=True)
class ReportView:
    name: str
    title: str
    summary: tuple[str, ...]
    tables: tuple[ReportTable, ...]
    missing: str | None = None  # MISSING_*: the report cannot say anything until this comes in
    empty: str = ""  # why the report is empty, when ``missing`` is set

    def table(self, name: str | None = None) -> ReportTable:
        """The table called ``name`` (default the first, the report's main one)."""
        if name is None:
            return self.tables[0]
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class ReportParams:
    """Every report's parameters; each report reads the ones it has."""

    days: int = reports.DEFAULT_DAYS
    months: int = reports.DEFAULT_MONTHS
    limit: int = reports.DEFAULT_GAPS
    min_top_reps: int = 1
    used_in_deal_only: bool = False
    top_reps: TopRepSettings | None = None  # None: the stored settings


def display(value: Cell, kind: str) -> str:
    """A cell as a reader sees it: "87%", "6.0×", "4.5", "1,234", "never"."""
    if value is None:
        return "never" if kind == DAYS else "–"
    if kind == SHARE and isinstance(value, int | float):
        return f"{value:.0%}"
    if kind == LIFT and isinstance(value, int | float):
        return f"{value:.1f}×"
    if kind == STARS and isinstance(value, int | float):
        return f"{value:.1f}"
    if kind in (COUNT, DAYS) and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_value(value: Cell, kind: str) -> str:
    """A cell as CSV holds it, for spreadsheets: plain numbers (shares in percent, one decimal), ISO
    dates, and nothing for a missing value."""
    if value is None:
        return ""
    if kind == SHARE and isinstance(value, int | float):
        return f"{value * 100:.1f}"
    if kind in (LIFT, STARS) and isinstance(value, int | float):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_header(column: Column) -> str:
    return f"{column.label} (%)" if column.kind == SHARE else column.label


def write_csv(table: ReportTable, out: TextIO) -> None:
    """The table as CSV (a header row, then its rows), as Excel and LibreOffice open it."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_header(column) for column in table.columns])
    for row in table.rows:
        writer.writerow(
            [csv_value(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
        )


# -- the reports as views -------------------------------------------------------------------------------


def top_reps_view(store: Store, today: dt.date, params: ReportParams) -> ReportView:
    report = reports.top_reps_report(
        store, today, days=params.days, settings=params.top_reps, min_top_reps=params.min_top_reps
    )
    top = report.top
    title = "Assets top reps use"
    columns = (
        Column("Asset"),
        Column("Top reps", SHARE),
        Column("Other reps", SHARE),
        Column("Lift", LIFT),
        Column("Top reps who used it", COUNT),
        Column("Other reps who used it", COUNT),
        Column("Top reps in all", COUNT, detail=True),
        Column("Other reps in all", COUNT, detail=True),
        Column("Note"),
        Column("Path", detail=True),
    )
    rows = tuple(
        (
            row.title,
            row.top_share,
            row.other_share,
            row.lift,
            row.top_reps_used,
            row.other_reps_used,
            row.top_reps,
            row.other_reps,
            row.lift_note,
            row.path,
        )
        for row in report.rows
    )
    summary = [top.describe()]
    if top.top_unmatched:
        shown = ", ".join(top.top_unmatched[:5]) + (" …" if len(top.top_unmatched) > 5 else "")
        summary.append(f"Top reps whose CRM e-mail no rep of the app announced: {shown}")
    summary.append(
        f"Compared: {report.top_reps} top reps and {report.other_reps} other reps of the CRM import who use "
        f"the app, by what they opened, paged through or shared since {report.since.isoformat()} (the last "
        f"{params.days} days)."
    )
    summary.append(
        "Top reps, Other reps: the share of each who used the asset; Lift: how many times more likely a "
        "top rep used it."
    )
    table = ReportTable(
        "assets",
        title,
        columns,
        rows,
        f"No top rep used an asset in the last {params.days} days"
        if report.top_reps
        else "No top rep uses the app: their CRM e-mails match no rep's profile",
    )
    view = ReportView("top-reps", title, tuple(summary), (table,))
    if not reports.usage_ingested(store):
        return _missing(view, MISSING_USAGE, "No usage ingested yet")
    if top.period is None:
        return _missing(view, MISSING_CRM, "No CRM results imported yet, so there are no top reps")
    return view


def dead_content_view(store: Store, today: dt.date, params: ReportParams) -> ReportView:
    report = reports.dead_content_report(store, today, days=params.days)
    title = "Dead content"
    rows = tuple(
        (
            row.title,
            row.last_opened_at.date() if row.last_opened_at else None,
            row.days_unopened(today),
            ", ".join(row.stages),
            row.approved_at.date() if row.approved_at else None,
            row.path,
        )
        for row in report.rows
    )
    table = ReportTable(
        "assets",
        f"Approved assets nobody opened in the last {params.days} days",
        (
            Column("Asset"),
            Column("Last opened", DATE),
            Column("Days unopened", DAYS),
            Column("Stage"),
            Column("Approved", DATE),
            Column("Path", detail=True),
        ),
        rows,
        f"Every approved asset was opened in the last {params.days} days",
    )
    summary = [report.summary()]
    view = ReportView("dead-content", title, tuple(summary), (table,))
    if not report.approved:
        return _missing(view, MISSING_LIBRARY, "No approved assets in the library")
    if not reports.usage_ingested(store):
        return _missing(view, MISSING_USAGE, "No usage ingested yet, so no asset can be told used or unused")
    return view


def content_gaps_view(store: Store, today: dt.date, params: ReportParams) -> ReportView:
    report = reports.content_gaps_report(store, today, days=params.days, limit=params.limit)
    title = "Content gaps"
    rows = tuple(
        (gap.query, gap.reps, gap.searches, gap.no_results, gap.not_opened, gap.last_week)
        for gap in report.rows
    )
    table = ReportTable(
        "queries",
        "Searches that found nothing, or nothing anyone opened",
        (
            Column("Search"),
            Column("Reps", COUNT),
            Column("Searches", COUNT),
            Column("Found nothing", COUNT),
            Column("Nothing opened", COUNT),
            Column("Last week", DATE),
        ),
        rows,
        f"Every search of the last {params.days} days found something a rep opened"
        if report.searches
        else f"No searches in the last {params.days} days",
    )
    summary = (
        (
            f"{report.searches:,} searches since {report.since.isoformat()} (the last {params.days} days), "
            "grouped whatever their case, word order and punctuation and shown as reps typed them most; "
            "most reps first."
        ),
    )
    view = ReportView("content-gaps", title, summary, (table,))
    if not reports.usage_ingested(store):
        return _missing(view, MISSING_USAGE, "No usage ingested yet")
    return view


def ratings_view(store: Store, today: dt.date, params: ReportParams) -> ReportView:
    report = reports.ratings_report(
        store, today, days=params.days, used_in_deal_only=params.used_in_deal_only
    )
    title = "Ratings and comments"
    assets = ReportTable(
        "assets",
        "Lowest rated first, then the most used",
        (
            Column("Asset"),
            Column("Average rating", STARS),
            Column("Ratings", COUNT),
            Column("Used in a deal", COUNT),
            Column("Opens lately", COUNT),
            Column("Comments", COUNT),
            Column("Path", detail=True),
        ),
        tuple(
            (row.title, row.average, row.ratings, row.used_in_deal, row.opens, len(row.comments), row.path)
            for row in report.rows
        ),
        "No rating says an asset was used in a deal" if params.used_in_deal_only else "No asset is rated yet",
    )
    comments = ReportTable(
        "comments",
        "Comments, by asset as ranked above, newest first",
        (
            Column("Asset"),
            Column("Rep"),
            Column("Stars", COUNT),
            Column("Used in a deal"),
            Column("Comment"),
            Column("Rated", DATE),
        ),
        tuple(
            (
                row.title,
                comment.rep,
                comment.stars,
                "yes" if comment.used_in_deal else "",
                comment.comment,
                comment.rated_at.date(),
            )
            for row in report.rows
            for comment in row.comments
        ),
        "No comments",
    )
    summary = (
        (
            f"{len(report.rows)} rated assets, {report.ratings} ratings (each rep's newest of each asset); "
            f"opens in the last {params.days} days."
        ),
    )
    view = ReportView("ratings", title, summary, (assets, comments))
    if not reports.usage_ingested(store):
        return _missing(view, MISSING_USAGE, "No usage ingested yet")
    return view


def alignment_view(store: Store, today: dt.date, params: ReportParams) -> ReportView:
    report = reports.alignment_report(store, today, months=params.months, days=params.days)
    title = "Monthly alignment"
    months = ReportTable(
        "months",
        "Usage and ratings by month",
        (
            Column("Month"),
            Column("Opens", COUNT),
            Column("Shares", COUNT),
            Column("Active reps", COUNT),
            Column("Assets used", COUNT),
            Column("Ratings", COUNT),
            Column("Average rating", STARS),
        ),
        tuple(
            (
                month.month.strftime("%Y-%m"),
                month.opens,
                month.shares,
                month.active_reps,
                month.assets_used,
                month.ratings,
                month.average_rating,
            )
            for month in report.months
        ),
        "No months",
    )
    stages = ReportTable(
        "stages",
        f"Funnel stages: approved assets, and the share opened in the last {params.days} days",
        (
            Column("Stage"),
            Column("Approved assets", COUNT),
            Column("Used", COUNT),
            Column("Share used", SHARE),
        ),
        tuple((stage.stage, stage.approved, stage.used, stage.share_used) for stage in report.stages),
        "No approved assets in the library",
    )
    summary = (f"The last {params.months} months; a week's usage counts in the month its Monday falls in.",)
    view = ReportView("alignment", title, summary, (months, stages))
    if not reports.usage_ingested(store):
        return _missing(view, MISSING_USAGE, "No usage ingested yet")
    return view


def _missing(view: ReportView, missing: str, empty: str) -> ReportView:
    return ReportView(view.name, view.title, view.summary, view.tables, missing, empty)


ReportBuilder = Callable[[Store, dt.date, ReportParams], ReportView]


@dataclass(frozen=True, slots=True)
class ReportKind:
    name: str
    title: str
    description: str
    build: ReportBuilder
    parameters: tuple[str, ...] = field(default=())  # the ReportParams fields it reads


REPORTS: Mapping[str, ReportKind] = {
    kind.name: kind
    for kind in (
        ReportKind(
            "top-reps",
            "Top reps' assets",
            "Assets the CRM's top reps open, with the lift over the other reps",
            top_reps_view,
            ("days", "min_top_reps", "top_reps"),
        ),
        ReportKind(
            "dead-content",
            "Dead content",
            "Approved assets nobody opened lately, and how much of the library is used",
            dead_content_view,
            ("days",),
        ),
        ReportKind(
            "content-gaps",
            "Content gaps",
            "Searches that found nothing, or nothing anyone opened, by how many reps met them",
            content_gaps_view,
            ("days", "limit"),
        ),
        ReportKind(
            "ratings",
            "Ratings and comments",
            "Each asset's rating, lowest first, with its comments and deals",
            ratings_view,
            ("days", "used_in_deal_only"),
        ),
        ReportKind(
            "alignment",
            "Monthly alignment",
            "Usage by month, funnel stage coverage and the rating trend, for marketing and sales",
            alignment_view,
            ("months", "days"),
        ),
    )
}


def build_report(store: Store, name: str, today: dt.date, params: ReportParams | None = None) -> ReportView:
    """The report called ``name`` (a key of ``REPORTS``) as of ``today``; read the rollups, so bring them
    up to date first (``refresh_rollups``)."""
    return REPORTS[name].build(store, today, params or ReportParams())
