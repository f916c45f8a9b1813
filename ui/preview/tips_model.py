"""The preview's field tips as a list model: marketing's promoted tips with their authors, then the rep's
own, each row knowing its page so the delegate can mark the tips about the page on screen."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from enablement_app.catalog.field_tips import PromotedTip
from enablement_app.tips.rep_tips import RepTip
from ui.search.results_model import page_word


class TipRole(enum.IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the TipRow
    BYLINE = Qt.ItemDataRole.UserRole + 2  # "— Dana Reyes, Enterprise West · slide 4"
    PAGE = Qt.ItemDataRole.UserRole + 3  # int, or None for the whole asset
    OWN = Qt.ItemDataRole.UserRole + 4  # bool: the rep's own tip (they may withdraw it)
    ON_PAGE = Qt.ItemDataRole.UserRole + 5  # bool: about the page on screen


@dataclass(frozen=True, slots=True)
class TipRow:
    tip_id: str
    text: str
    page: int | None
    author: str  # the byline for a promoted tip, "" for the rep's own
    own: RepTip | None = None

    @classmethod
    def promoted(cls, tip: PromotedTip) -> TipRow:
        return cls(tip.tip_id, tip.text, tip.page, tip.byline)

    @classmethod
    def mine(cls, tip: RepTip) -> TipRow:
        return cls(tip.tip_id, tip.text, tip.page, "", tip)


class TipsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TipRow] = []
        self._kind = "pdf"
        self._current_page = 0

    def reset(self, promoted: Sequence[PromotedTip], own: Sequence[RepTip], kind: str) -> None:
        """Promoted tips first (what the company vouches for), then the rep's own that are not promoted."""
        shown = {tip.tip_id for tip in promoted}
        self.beginResetModel()
        self._kind = kind
        self._rows = [TipRow.promoted(tip) for tip in promoted]
        self._rows += [TipRow.mine(tip) for tip in own if tip.tip_id not in shown]
        self.endResetModel()

    def set_current_page(self, page: int) -> None:
        """Mark the tips about ``page`` as the rep pages through."""
        if page == self._current_page:
            return
        self._current_page = page
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [TipRole.ON_PAGE])

    def row_at(self, row: int) -> TipRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def promoted_count(self) -> int:
        return sum(1 for row in self._rows if row.own is None)

    @property
    def own_count(self) -> int:
        return sum(1 for row in self._rows if row.own is not None)

    def byline(self, row: TipRow) -> str:
        where = f"{page_word(self._kind)} {row.page}" if row.page else ""
        who = f"— {row.author}" if row.own is None else "Your tip"
        return " · ".join(part for part in (who, where) if part)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            hint = f"Click to go to {page_word(self._kind)} {row.page}" if row.page else ""
            return "\n".join(part for part in (row.text, self.byline(row), hint) if part)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.text} {self.byline(row)}"
        if role == TipRole.ROW:
            return row
        if role == TipRole.BYLINE:
            return self.byline(row)
        if role == TipRole.PAGE:
            return row.page
        if role == TipRole.OWN:
            return row.own is not None
        if role == TipRole.ON_PAGE:
            return row.page is not None and row.page == self._current_page
        return None
