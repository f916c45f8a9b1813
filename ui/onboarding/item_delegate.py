"""Paints one playlist item: a state mark (its number, a tick when done, "!" when overdue), the title with
why it matters under it, and on the right the due day and the state. Overdue rows get a red edge and a
faint red tint: visible at a glance, without shouting at a new hire."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui import theme
from ui.onboarding.items_model import ItemRole

ROW_HEIGHT = 68
MARK_SIZE = 26
PADDING = 12
RIGHT_WIDTH = 190


def state_colour(state: str, palette: QPalette) -> QColor:
    """Done green and overdue red, as the library's approved and expired standings."""
    return theme.standing_colour("approved" if state == "done" else "expired", palette)


class PlaylistItemDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width() or 400, ROW_HEIGHT)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        item = index.data(ItemRole.ITEM)
        if item is None:
            return
        state: str = index.data(ItemRole.STATE)
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect).adjusted(4, 3, -4, -3)
        accent = palette.color(QPalette.ColorRole.Highlight)
        # the card's own fill: the view's Base is the window's colour, so the cards stand out on it
        painter.setBrush(QGuiApplication.palette().color(QPalette.ColorRole.Base))
        painter.setPen(QColor(accent if selected else palette.color(QPalette.ColorRole.Mid)))
        painter.drawRoundedRect(card, 8, 8)
        if state == "overdue" or selected:
            tint = QColor(state_colour("overdue", palette) if state == "overdue" else accent)
            tint.setAlphaF(0.07 if state == "overdue" else 0.12)
            painter.setBrush(tint)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(card, 8, 8)
        if state == "overdue":
            painter.setBrush(state_colour("overdue", palette))
            painter.drawRoundedRect(QRectF(card.left(), card.top() + 8, 3, card.height() - 16), 1.5, 1.5)

        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = theme.muted_text_colour(palette)
        base = QFont(option.font)
        inner = card.adjusted(PADDING + 2, 10, -PADDING, -10)

        # the state mark
        mark = QRectF(inner.left(), inner.top() + 4, MARK_SIZE, MARK_SIZE)
        bold = QFont(base)
        bold.setBold(True)
        painter.setFont(bold)
        if state == "done":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(state_colour("done", palette))
            painter.drawEllipse(mark)
            painter.setPen(QPen(QColor("white"), 2.2))
            c = mark.center()
            painter.drawPolyline(
                [QPointF(c.x() - 5, c.y()), QPointF(c.x() - 1.5, c.y() + 4), QPointF(c.x() + 5.5, c.y() - 4)]
            )
        else:
            ring = state_colour("overdue", palette) if state == "overdue" else muted
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(ring, 1.6))
            painter.drawEllipse(mark.adjusted(1, 1, -1, -1))
            painter.setPen(ring if state == "overdue" else text_colour)
            painter.drawText(
                mark, Qt.AlignmentFlag.AlignCenter, "!" if state == "overdue" else str(item.position)
            )

        left = mark.right() + 12
        right_column = QRectF(inner.right() - RIGHT_WIDTH, inner.top(), RIGHT_WIDTH, inner.height())
        width = right_column.left() - 12 - left

        title_font = QFont(base)
        title_font.setBold(True)
        title_font.setPointSizeF(base.pointSizeF() * 1.05)
        painter.setFont(title_font)
        painter.setPen(muted if state == "done" else text_colour)
        title = QFontMetrics(title_font).elidedText(item.title, Qt.TextElideMode.ElideRight, int(width))
        painter.drawText(QRectF(left, inner.top(), width, 22), Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(base)
        painter.setPen(muted)
        note = QFontMetrics(base).elidedText(
            index.data(ItemRole.NOTE) or "", Qt.TextElideMode.ElideRight, int(width)
        )
        painter.drawText(QRectF(left, inner.top() + 24, width, 20), Qt.AlignmentFlag.AlignVCenter, note)

        # the due day and the state, right-aligned
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.92)
        painter.setFont(small)
        painter.setPen(state_colour("overdue", palette) if state == "overdue" else muted)
        painter.drawText(
            QRectF(right_column.left(), inner.top(), RIGHT_WIDTH, 22), right, index.data(ItemRole.DUE_TEXT)
        )
        state_font = QFont(small)
        state_font.setBold(state in ("done", "overdue"))
        painter.setFont(state_font)
        painter.setPen(
            state_colour(state, palette)
            if state in ("done", "overdue")
            else (text_colour if item.pages_read else muted)
        )
        painter.drawText(
            QRectF(right_column.left(), inner.top() + 24, RIGHT_WIDTH, 20),
            right,
            index.data(ItemRole.STATE_TEXT),
        )
        painter.restore()
