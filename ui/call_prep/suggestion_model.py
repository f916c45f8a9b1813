"""The call-prep list as a Qt model, and the delegate that paints each asset with its best pages as links.

A page link is hit-tested by the delegate (``page_at``) so a click opens the preview at that page; Enter or
a double click opens the asset at its best page, so the keyboard reaches the same place."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui import theme
from ui.search.results_model import page_word

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

    from enablement_app.recommendations.call_prep import Suggestion

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 78
PADDING = 10


class SuggestionRole(IntEnum):
    SUGGESTION = Qt.ItemDataRole.UserRole + 1
    ASSET_ID = Qt.ItemDataRole.UserRole + 2
    BEST_PAGES = Qt.ItemDataRole.UserRole + 3
    REASON = Qt.ItemDataRole.UserRole + 4
    RANK = Qt.ItemDataRole.UserRole + 5


def best_pages_label(kind: str, pages: Sequence[int]) -> str:
    """ "Best pages:" / "Best slides:" before the links."""
    return f"Best {page_word(kind, len(pages))}:"


class SuggestionModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Suggestion] = []

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        self.beginResetModel()
        self._rows = list(suggestions)
        self.endResetModel()

    def suggestion_at(self, row: int) -> Suggestion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        suggestion = self._rows[index.row()]
        card = suggestion.card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return card.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            pages = ", ".join(str(page) for page in suggestion.best_pages)
            best = (
                f"; {best_pages_label(card.kind, suggestion.best_pages).lower()[:-1]} {pages}"
                if pages
                else ""
            )
            return f"{suggestion.reason()}{best}"
        if role == SuggestionRole.SUGGESTION:
            return suggestion
        if role == SuggestionRole.ASSET_ID:
            return card.id
        if role == SuggestionRole.BEST_PAGES:
            return list(suggestion.best_pages)
        if role == SuggestionRole.REASON:
            return suggestion.reason()
        if role == SuggestionRole.RANK:
            return index.row() + 1
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({role.value: QByteArray(role.name.lower().encode()) for role in SuggestionRole})
        return names


class SuggestionDelegate(QStyledItemDelegate):
    """Rank, title, why it is listed, and "Best pages: 4 7 2" as links."""

    page_clicked = Signal(int, int)  # row, page

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(option.rect.width() or 400, ROW_HEIGHT)

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        title.setPointSizeF(title.pointSizeF() * 1.05)
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.92)
        return title, small

    def page_rects(self, option: QStyleOptionViewItem, index: Index) -> list[tuple[int, QRect]]:
        """Where each best page's link is painted, for clicks."""
        suggestion: Suggestion | None = index.data(SuggestionRole.SUGGESTION)
        if suggestion is None or not suggestion.best_pages:
            return []
        _, small = self._fonts(option)
        metrics = QFontMetrics(small)
        rect: QRect = option.rect
        x = (
            rect.left()
            + PADDING
            + 28
            + metrics.horizontalAdvance(best_pages_label(suggestion.card.kind, suggestion.best_pages) + " ")
        )
        y = rect.top() + 54
        found = []
        for page in suggestion.best_pages:
            width = metrics.horizontalAdvance(str(page)) + 12
            found.append((page, QRect(x, y, width, metrics.height() + 4)))
            x += width + 4
        return found

    def page_at(self, option: QStyleOptionViewItem, index: Index, position: QPoint) -> int | None:
        return next((page for page, rect in self.page_rects(option, index) if rect.contains(position)), None)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        suggestion: Suggestion | None = index.data(SuggestionRole.SUGGESTION)
        if suggestion is None:
            return
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected or state & QStyle.StateFlag.State_MouseOver:
            fill = palette.color(QPalette.ColorRole.Highlight)
            fill.setAlphaF(0.16 if selected else 0.07)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(rect.adjusted(2, 2, -2, -2)), 8, 8)
        title_font, small = self._fonts(option)
        text = palette.color(QPalette.ColorRole.Text)
        muted = theme.muted_text_colour(palette)
        left = rect.left() + PADDING
        width = rect.width() - 2 * PADDING
        painter.setFont(title_font)
        painter.setPen(muted)
        painter.drawText(
            QRectF(left, rect.top() + 8, 24, 22), Qt.AlignmentFlag.AlignVCenter, f"{index.row() + 1}."
        )
        painter.setPen(text)
        title_metrics = QFontMetrics(title_font)
        painter.drawText(
            QRectF(left + 28, rect.top() + 8, width - 28, 22),
            Qt.AlignmentFlag.AlignVCenter,
            title_metrics.elidedText(suggestion.card.title, Qt.TextElideMode.ElideRight, width - 28),
        )
        painter.setFont(small)
        metrics = QFontMetrics(small)
        painter.setPen(muted)
        painter.drawText(
            QRectF(left + 28, rect.top() + 31, width - 28, 20),
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(suggestion.reason(), Qt.TextElideMode.ElideRight, width - 28),
        )
        links = self.page_rects(option, index)
        if links:
            label = best_pages_label(suggestion.card.kind, suggestion.best_pages)
            painter.drawText(
                QRectF(left + 28, rect.top() + 54, width, metrics.height() + 4),
                Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            link_font = QFont(small)
            link_font.setUnderline(True)
            link_font.setBold(True)
            painter.setFont(link_font)
            painter.setPen(palette.color(QPalette.ColorRole.Link))
            for page, link in links:
                painter.drawText(QRectF(link), Qt.AlignmentFlag.AlignCenter, str(page))
        painter.restore()

    def editorEvent(
        self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            page = self.page_at(option, index, event.position().toPoint())
            if page is not None and event.button() == Qt.MouseButton.LeftButton:
                self.page_clicked.emit(index.row(), page)
                return True
        return super().editorEvent(event, model, option, index)
