"""New hires' onboarding progress as a table: one row per new hire and playlist, for marketing's Onboarding
page and a manager's "Team onboarding". Overdue items show in the expired colour; a manager's own team is
in bold and listed first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication

from ui import theme
from ui.onboarding.items_model import short_date

if TYPE_CHECKING:
    from enablement_app.onboarding.team_progress import NewHireProgress

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("New hire", "Team", "Playlist", "Done", "Overdue", "Started", "Finished", "Days taken")
DONE_COLUMN, OVERDUE_COLUMN, FINISHED_COLUMN = 3, 4, 6


class NewHiresModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[NewHireProgress] = []
        self._today = dt.date.today()
        self._own_team = ""

    def set_rows(self, rows: Sequence[NewHireProgress], today: dt.date, own_team: str = "") -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self._own_team = own_team.strip().casefold()
        self.endResetModel()

    def row_at(self, row: int) -> NewHireProgress | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ROW_ROLE:
            return row
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == OVERDUE_COLUMN
            and row.overdue_on(self._today)
        ):
            return QBrush(QColor(theme.standing_colour("expired", QGuiApplication.palette())))
        if role == Qt.ItemDataRole.ForegroundRole and column == FINISHED_COLUMN and row.finished:
            return QBrush(QColor(theme.standing_colour("approved", QGuiApplication.palette())))
        if role == Qt.ItemDataRole.FontRole and self._own_team and row.team.casefold() == self._own_team:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{row.name} · {row.email}" if row.email else row.name]
            lines += [f"Item {position}: “{text}”" for position, text in row.confirmations]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= DONE_COLUMN:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: NewHireProgress, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return row.team
        if column == 2:
            return row.playlist_title
        if column == DONE_COLUMN:
            return f"{row.items_done} of {row.items_total}"
        if column == OVERDUE_COLUMN:
            overdue = row.overdue_on(self._today)
            return str(overdue) if overdue else "–"
        if column == 5:
            return short_date(row.started_at)
        if column == FINISHED_COLUMN:
            return short_date(row.finished_at) if row.finished_at else f"not yet, day {row.day(self._today)}"
        taken = row.days_taken
        return f"{taken} day{'s' if taken != 1 else ''}" if taken is not None else ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def summary_text(rows: Sequence[NewHireProgress], median_days: float | None, today: dt.date) -> str:
    """ "4 new hires · 3 finished · median 5 days to finish · 1 with overdue items" """
    if not rows:
        return "No new hire has started yet."
    finished = sum(1 for row in rows if row.finished)
    late = sum(1 for row in rows if row.overdue_on(today))
    parts = [f"{len(rows)} new hire{'s' if len(rows) != 1 else ''}", f"{finished} finished"]
    if median_days is not None:
        days = f"{median_days:g}"
        parts.append(f"median {days} day{'s' if days != '1' else ''} to finish")
    if late:
        parts.append(f"{late} with overdue items")
    return " · ".join(parts)
