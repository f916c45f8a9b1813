"""One table of an insight report as a Qt model: the cells as the terminal shows them, numbers to the right,
and the raw values and column kinds as roles for sorting and for the share bars a delegate paints."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from enablement_app.analytics.report_views import SHARE, ReportTable, display

Index = QModelIndex | QPersistentModelIndex

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's value: a number, a date, a text or None
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the column's kind (report_views: "share", "count", ...)


class ReportTableModel(QAbstractTableModel):
    """Rows of a ``ReportTable`` in the report's own order (the ranking is the report's point)."""

    def __init__(self, table: ReportTable | None = None) -> None:
        super().__init__()
        self._table = table

    @property
    def table(self) -> ReportTable | None:
        return self._table

    def set_table(self, table: ReportTable | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self._table is None else len(self._table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        table = self._table
        if table is None or not index.isValid() or index.row() >= len(table.rows):
            return None
        column = table.columns[index.column()]
        value = table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(value, column.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = display(value, column.kind)
            return f"{column.label}: {text}" if column.kind == SHARE else text or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == RAW_ROLE:
            return value
        if role == KIND_ROLE:
            return column.kind
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        table = self._table
        if table is None or orientation != Qt.Orientation.Horizontal or not 0 <= section < len(table.columns):
            return None
        column = table.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None
