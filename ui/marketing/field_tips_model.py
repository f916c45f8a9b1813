"""Every rep's field tips as a table model for marketing: newest first, with the author, the asset and
page, and where each stands (promoted, withdrawn by its author, or neither)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from enablement_app.tips.marketing_tips import IngestedTip
from ui import theme

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("text", "Tip"),
    ("author", "Author"),
    ("team", "Team"),
    ("asset", "Asset"),
    ("page", "Page"),
    ("written", "Written"),
    ("status", "Status"),
)
STATUS_WORDS = {
    "promoted": "Promoted",
    "not promoted": "New",
    "withdrawn by the author": "Withdrawn",
    "withdrawn by the author, still promoted": "Withdrawn, still promoted",
}


class FieldTipRole(IntEnum):
    TIP = Qt.ItemDataRole.UserRole + 1  # the IngestedTip


class FieldTipsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tips: list[IngestedTip] = []

    def reset(self, tips: Sequence[IngestedTip]) -> None:
        self.beginResetModel()
        self._tips = list(tips)
        self.endResetModel()

    def tip_at(self, row: int) -> IngestedTip | None:
        return self._tips[row] if 0 <= row < len(self._tips) else None

    def row_of(self, tip_id: str) -> int | None:
        return next((row for row, tip in enumerate(self._tips) if tip.tip_id == tip_id), None)

    @property
    def promoted_count(self) -> int:
        return sum(1 for tip in self._tips if tip.promoted is not None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._tips)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        tip = self.tip_at(index.row()) if index.isValid() else None
        if tip is None or not 0 <= index.column() < len(COLUMNS):
            return None
        column = COLUMNS[index.column()][0]
        if role == FieldTipRole.TIP:
            return tip
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(tip, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "text" and tip.promoted is not None and tip.promoted.text != tip.text:
                return f"{tip.text}\n\nPromoted as: {tip.promoted.text}"
            if column == "status" and tip.promoted is not None:
                return f"Promoted by {tip.promoted.promoted_by} on {tip.promoted.promoted_at:%d %b %Y}"
            return self._text(tip, column) if column == "text" else None
        if role == Qt.ItemDataRole.FontRole and column == "status" and tip.promoted is not None:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and tip.withdrawn and column != "status":
            return theme.muted_text_colour(QApplication.palette())
        if role == Qt.ItemDataRole.ForegroundRole and column == "status" and tip.withdrawn and tip.promoted:
            return QApplication.palette().color(QPalette.ColorRole.Highlight)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "page":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(tip: IngestedTip, column: str) -> str:
        if column == "text":
            return tip.text
        if column == "author":
            return tip.author
        if column == "team":
            return tip.author_team
        if column == "asset":
            return tip.asset_title
        if column == "page":
            return str(tip.page) if tip.page else "whole asset"
        if column == "written":
            return f"{tip.written_at.astimezone():%d %b %Y}"
        return STATUS_WORDS.get(tip.status, tip.status)
