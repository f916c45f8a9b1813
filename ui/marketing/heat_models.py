"""The usage heatmaps as Qt models: assets by week, searches by week, and the pages of one asset.

The grids put each row's name (an asset's title, a query) in the vertical header, so it stays in view when
many weeks scroll sideways; cells carry their exact count (``HeatRole.VALUE``), where it sits on the colour
ramp (``HeatRole.HEAT``) and a sentence for the tooltip. ``export_rows`` is what "Export CSV…" writes:
the same figures, exact, with ids a spreadsheet can join on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.icons import kind_icon
from ui.marketing.heat_ramp import heat_fraction

if TYPE_CHECKING:  # the core's modules import SQLAlchemy: kept off the window's start-up path
    from enablement_app.analytics.heatmaps import (
        AssetWeekGrid,
        AssetWeekRow,
        PageAttentionMap,
        PageFigures,
        SearchTermGrid,
    )

Index = QModelIndex | QPersistentModelIndex
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PAGE_WORDS = {"pptx": ("slide", "slides")}


class HeatRole(IntEnum):
    HEAT = Qt.ItemDataRole.UserRole + 1  # 0..1 on the colour ramp; None for cells off the ramp (totals)
    VALUE = Qt.ItemDataRole.UserRole + 2  # the exact count
    ASSET_ID = Qt.ItemDataRole.UserRole + 3
    FLAG = Qt.ItemDataRole.UserRole + 4  # a search cell where some searches found nothing
    TOTAL = Qt.ItemDataRole.UserRole + 5  # True for the total columns, drawn as plain numbers


def count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


def week_label(week: dt.date, *, year: bool = False) -> str:
    """ "2 Nov", or "29 Dec 2025" when the year must be said."""
    text = f"{week.day} {MONTHS[week.month - 1]}"
    return f"{text} {week.year}" if year else text


def weeks_label(weeks: Sequence[dt.date]) -> str:
    """ "12 weeks to 2 Nov 2026", "week of 2 Nov 2026"."""
    if not weeks:
        return "no weeks"
    if len(weeks) == 1:
        return f"week of {week_label(weeks[0], year=True)}"
    first = week_label(weeks[0], year=weeks[0].year != weeks[-1].year)
    return f"{len(weeks)} weeks, {first} to {week_label(weeks[-1] + dt.timedelta(days=6), year=True)}"


def page_word(kind: str, number: int = 1) -> str:
    one, many = PAGE_WORDS.get(kind, ("page", "pages"))
    return one if number == 1 else many


def seconds(ms: int) -> str:
    """A dwell time as people say it: "7 s", "1 min 5 s"."""
    total = round(ms / 1000)
    if total < 60:
        return f"{total} s"
    minutes, rest = divmod(total, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


_NUMBER_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, HeatRole.VALUE, HeatRole.HEAT, HeatRole.TOTAL))


class _WeekGridModel(QAbstractTableModel):
    """Weeks as columns, then totals; subclasses name the rows and say what a cell means."""

    extra_columns: tuple[str, ...] = ("Total",)

    def __init__(self) -> None:
        super().__init__()
        self._weeks: tuple[dt.date, ...] = ()
        self._highest = 0

    @property
    def weeks(self) -> tuple[dt.date, ...]:
        return self._weeks

    @property
    def highest(self) -> int:
        return self._highest

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._weeks) + len(self.extra_columns)

    def week_at(self, column: int) -> dt.date | None:
        return self._weeks[column] if 0 <= column < len(self._weeks) else None

    def _week_text(self, week: dt.date) -> str:
        return week_label(week, year=bool(self._weeks) and week.year != self._weeks[-1].year)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < self.rowCount():
                return self._row_header(section, role)
            return None
        if not 0 <= section < self.columnCount():
            return None
        week = self.week_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self._week_text(week) if week is not None else self.extra_columns[section - len(self._weeks)]
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            if week is not None:
                return f"Week of Monday {week_label(week, year=True)}"
            return self._extra_tip(section - len(self._weeks))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _row_header(self, row: int, role: int) -> Any:
        raise NotImplementedError

    def _tooltips_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.ToolTipRole])

    def _extra_tip(self, extra: int) -> str:
        return "Over every week shown"

    def _number_data(self, role: int, value: int, week: dt.date | None) -> Any:
        """What a cell says from its number alike in every grid: a week's cell is tinted by it, a total not."""
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}"
        if role == HeatRole.VALUE:
            return value
        if role == HeatRole.HEAT:
            return heat_fraction(value, self._highest) if week is not None else None
        return week is None  # HeatRole.TOTAL


class AssetWeekModel(_WeekGridModel):
    """Assets by week: the grid's measure (opens, shares, or both) in each cell."""

    def __init__(self) -> None:
        super().__init__()
        self._grid: AssetWeekGrid | None = None
        self._rows: tuple[AssetWeekRow, ...] = ()

    def set_grid(self, grid: AssetWeekGrid | None) -> None:
        self.beginResetModel()
        self._grid = grid
        self._rows = () if grid is None else grid.rows
        self._weeks = () if grid is None else grid.weeks
        self._highest = 0 if grid is None else grid.highest
        self.endResetModel()

    def set_reps(self, grid: AssetWeekGrid) -> None:
        """The same grid with its reps counted: only the tooltips change."""
        if self._grid is None or [r.asset_id for r in grid.rows] != [r.asset_id for r in self._rows]:
            return
        self._grid, self._rows = grid, grid.rows
        self._tooltips_changed()

    @property
    def measure(self) -> str:
        return "opens" if self._grid is None else self._grid.measure

    def row(self, row: int) -> AssetWeekRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def _row_header(self, row: int, role: int) -> Any:
        asset = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return asset.title
        if role == Qt.ItemDataRole.ToolTipRole:
            details = [asset.title]
            if asset.stage:
                details.append(f"stage: {asset.stage}")
            if asset.removed:
                details.append("no longer in the collateral folder")
            return " · ".join(details) + "\nClick to see which pages reps read"
        if role == Qt.ItemDataRole.DecorationRole and asset.kind:
            return kind_icon(asset.kind, 14)
        if role == HeatRole.ASSET_ID:
            return asset.asset_id
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        asset = self._rows[index.row()]
        column = index.column()
        week = self.week_at(column)
        value = asset.values[column] if week is not None else asset.total
        if role in _NUMBER_ROLES:
            return self._number_data(role, value, week)
        if role == HeatRole.ASSET_ID:
            return asset.asset_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if week is None:
                return self._sentence(asset, weeks_label(self._weeks), asset.total_opens, asset.total_shares)
            return self._sentence(
                asset,
                f"week of {self._week_text(week)}",
                asset.opens[column],
                asset.shares[column],
                None if asset.reps is None else asset.reps[column],
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    @staticmethod
    def _sentence(asset: AssetWeekRow, when: str, opens: int, shares: int, reps: int | None = None) -> str:
        """ "Pricing sheet 2026 · week of 2 Nov: 14 opens, 3 shares by 9 reps"; reps are counted by week
        only (a count over many weeks would cost the grid more than all its cells)."""
        if not opens and not shares:
            return f"{asset.title} · {when}: no opens or shares"
        text = f"{asset.title} · {when}: {count(opens, 'open')}, {count(shares, 'share')}"
        return text if reps is None else f"{text} by {count(reps, 'rep')}"

    def export_rows(self) -> list[list[object]]:
        header: list[object] = ["Asset", "Asset id", "Stage", "Kind"]
        header += [week.isoformat() for week in self._weeks]
        header += [f"Total {self.measure.replace('both', 'opens and shares')}", "Opens", "Shares"]
        rows: list[list[object]] = [header]
        for asset in self._rows:
            rows.append(
                [
                    asset.title,
                    asset.asset_id,
                    asset.stage,
                    asset.kind,
                    *asset.values,
                    asset.total,
                    asset.total_opens,
                    asset.total_shares,
                ]
            )
        return rows


class SearchWeekModel(_WeekGridModel):
    """Queries by week: searches in each cell, flagged where some of them found nothing."""

    extra_columns = ("Total", "No results")

    def __init__(self) -> None:
        super().__init__()
        self._grid: SearchTermGrid | None = None

    def set_grid(self, grid: SearchTermGrid | None) -> None:
        self.beginResetModel()
        self._grid = grid
        self._weeks = () if grid is None else grid.weeks
        self._highest = 0 if grid is None else grid.highest
        self.endResetModel()

    def set_reps(self, grid: SearchTermGrid) -> None:
        """The same grid with its reps counted: only the tooltips change."""
        if self._grid is None or [r.key for r in grid.rows] != [r.key for r in self._grid.rows]:
            return
        self._grid = grid
        self._tooltips_changed()

    @property
    def queries(self) -> int:
        return 0 if self._grid is None else self._grid.queries

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else len(self._grid.rows)

    def _extra_tip(self, extra: int) -> str:
        if extra == 0:
            return "Searches over every week shown"
        return "Searches that found nothing: what reps look for and the library lacks"

    def _row_header(self, row: int, role: int) -> Any:
        assert self._grid is not None
        query = self._grid.rows[row].query
        if role == Qt.ItemDataRole.DisplayRole:
            return query
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"“{query}”, as reps typed it most: searches with the same words in any case, order or "
                "punctuation count here too"
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._grid is None or not index.isValid() or not 0 <= index.row() < len(self._grid.rows):
            return None
        query = self._grid.rows[index.row()]
        column = index.column()
        week = self.week_at(column)
        extra = column - len(self._weeks)
        if week is not None:
            value = query.searches[column]
        else:
            value = query.total if extra == 0 else query.total_no_results
        if role in _NUMBER_ROLES:
            return self._number_data(role, value, week)
        if role == HeatRole.FLAG:
            return week is not None and query.no_results[column] > 0
        if role == Qt.ItemDataRole.ToolTipRole:
            if week is None:
                return self._sentence(
                    query.query,
                    weeks_label(self._weeks),
                    query.total,
                    query.total_no_results,
                    query.total_not_opened,
                    None,
                )
            return self._sentence(
                query.query,
                f"week of {self._week_text(week)}",
                query.searches[column],
                query.no_results[column],
                query.not_opened[column],
                None if query.reps is None else query.reps[column],
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    @staticmethod
    def _sentence(query: str, when: str, searches: int, nothing: int, unopened: int, reps: int | None) -> str:
        """ "“pricing retail” · week of 2 Nov: 3 searches by 2 reps; 1 found nothing, 2 opened nothing"."""
        if not searches:
            return f"“{query}” · {when}: no searches"
        text = f"“{query}” · {when}: {count(searches, 'search', 'searches')}"
        if reps is not None:
            text += f" by {count(reps, 'rep')}"
        outcomes = []
        if nothing:
            outcomes.append(f"{nothing:,} found nothing")
        if unopened:
            outcomes.append(f"{unopened:,} opened nothing")
        return text + ("; " + ", ".join(outcomes) if outcomes else "")

    def export_rows(self) -> list[list[object]]:
        """The grid as shown, with the key each query is grouped by next to it (as the assets' export has
        their ids): the same searches keep their key in every export, however reps type them most."""
        header: list[object] = ["Query", "Grouped as", *(week.isoformat() for week in self._weeks)]
        header += ["Total searches", "Found nothing", "Opened nothing"]
        rows: list[list[object]] = [header]
        for query in () if self._grid is None else self._grid.rows:
            rows.append(
                [
                    query.query,
                    query.key,
                    *query.searches,
                    query.total,
                    query.total_no_results,
                    query.total_not_opened,
                ]
            )
        return rows


class AttentionRole(IntEnum):
    PAGE = Qt.ItemDataRole.UserRole + 11
    VIEWS = Qt.ItemDataRole.UserRole + 12
    HEAT = Qt.ItemDataRole.UserRole + 13  # views on the colour ramp, 0..1
    DWELL = Qt.ItemDataRole.UserRole + 14  # average dwell, 0..1 of the longest average
    CAPTION = Qt.ItemDataRole.UserRole + 15  # the line under the tile: "10 views · 7 s"
    SKIPPED = Qt.ItemDataRole.UserRole + 16  # in a run of pages reps pass over


class PageAttentionModel(QAbstractListModel):
    """The pages of one asset version, in order, with their views, dwell and thumbnails as they arrive."""

    def __init__(self) -> None:
        super().__init__()
        self._map: PageAttentionMap | None = None
        self._pages: tuple[PageFigures, ...] = ()
        self._images: dict[int, Any] = {}  # page -> QPixmap
        self._longest_dwell = 0
        self._skipped: set[int] = set()

    @property
    def attention(self) -> PageAttentionMap | None:
        return self._map

    def set_map(self, attention: PageAttentionMap | None) -> None:
        self.beginResetModel()
        self._map = attention
        self._pages = () if attention is None else attention.pages
        self._images.clear()
        self._longest_dwell = max((page.average_dwell_ms for page in self._pages), default=0)
        self._skipped = (
            set()
            if attention is None
            else {n for run in attention.skipped for n in range(run.first, run.last + 1)}
        )
        self.endResetModel()

    def set_image(self, page: int, pixmap: Any) -> None:
        if not 1 <= page <= len(self._pages):
            return
        self._images[page] = pixmap
        index = self.index(page - 1)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._map is None or not index.isValid() or not 0 <= index.row() < len(self._pages):
            return None
        page = self._pages[index.row()]
        word = page_word(self._map.kind).capitalize()
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{word} {page.page}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._images.get(page.page)
        if role == AttentionRole.PAGE:
            return page.page
        if role == AttentionRole.VIEWS:
            return page.views
        if role == AttentionRole.HEAT:
            return heat_fraction(page.views, self._map.highest_views)
        if role == AttentionRole.DWELL:
            return page.average_dwell_ms / self._longest_dwell if self._longest_dwell else 0.0
        if role == AttentionRole.CAPTION:
            if not page.views:
                return "not viewed"
            return f"{count(page.views, 'view')} · {seconds(page.average_dwell_ms)} avg"
        if role == AttentionRole.SKIPPED:
            return page.page in self._skipped
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(word, page)
        return None

    def _tooltip(self, word: str, page: PageFigures) -> str:
        if not page.views:
            return f"{word} {page.page}: nobody viewed it"
        text = (
            f"{word} {page.page}: {count(page.views, 'view')} by {count(page.reps, 'rep')}, "
            f"{seconds(page.average_dwell_ms)} on average"
        )
        if page.reach is not None:
            text += f"; reached on {page.reach:.0%} of opens"
        return text

    def export_rows(self) -> list[list[object]]:
        word = "Page" if self._map is None else page_word(self._map.kind).capitalize()
        rows: list[list[object]] = [
            [word, "Views", "Reps", "Dwell total (ms)", "Average dwell (ms)", "Share of opens reaching it"]
        ]
        for page in self._pages:
            reach = "" if page.reach is None else round(page.reach, 4)
            rows.append([page.page, page.views, page.reps, page.dwell_ms, page.average_dwell_ms, reach])
        return rows
