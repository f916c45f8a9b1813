"""Painting the heatmaps: grid cells on the colour ramp, the legend, and the tiles of the page attention map.

Everything here paints from the models' roles and the palette, so the same code draws the screen and the
exported PNG, in the light and the dark theme.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.marketing.heat_models import AttentionRole, HeatRole
from ui.marketing.heat_ramp import ramp_colour, text_on
from ui.theme import muted_text_colour

Index = QModelIndex | QPersistentModelIndex
CELL_WIDTH = 54
TOTAL_WIDTH = 84
CELL_HEIGHT = 26
LEGEND_STEPS = 8


def empty_cell_colour(palette: QPalette) -> QColor:
    """Nothing happened: a quiet grey between the base and the lines, so a zero reads as a cell, not a
    hole in the grid, and never as the ramp's palest colour."""
    base, line = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Midlight)
    return QColor(
        (base.red() + line.red()) // 2, (base.green() + line.green()) // 2, (base.blue() + line.blue()) // 2
    )


def paint_flag(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """A corner triangle: some of the cell's searches found nothing (a shape, not a hue, for every eye)."""
    size = min(9.0, rect.height() / 2.5)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(rect.right() - size, rect.top()),
                QPointF(rect.right(), rect.top()),
                QPointF(rect.right(), rect.top() + size),
            ]
        )
    )
    painter.restore()


class HeatCellDelegate(QStyledItemDelegate):
    """A grid cell: filled on the ramp, its number drawn when it fits; totals as plain bold numbers."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        palette = option.palette
        rect = QRectF(option.rect).adjusted(1, 1, -1, -1)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        value = index.data(HeatRole.VALUE) or 0
        painter.save()
        if index.data(HeatRole.TOTAL):
            font = QFont(option.font)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Text) if value else muted_text_colour(palette))
            painter.drawText(
                rect.adjusted(4, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text
            )
            painter.restore()
            return
        fraction = index.data(HeatRole.HEAT) or 0.0
        if fraction > 0:
            fill = ramp_colour(fraction, palette)
            painter.fillRect(rect, fill)
            metrics = option.fontMetrics
            if metrics.horizontalAdvance(text) + 6 <= rect.width():
                painter.setPen(text_on(fill))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            if index.data(HeatRole.FLAG):
                paint_flag(painter, rect, text_on(fill))
        else:
            painter.fillRect(rect, empty_cell_colour(palette))
        if option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = TOTAL_WIDTH if index.data(HeatRole.TOTAL) else CELL_WIDTH
        return QSize(width, CELL_HEIGHT)


def paint_legend(
    painter: QPainter,
    rect: QRect,
    palette: QPalette,
    highest: int,
    unit: str,
    *,
    flag_note: str = "",
    bar_note: str = "",
) -> None:
    """ "1 ▮▮▮▮▮▮▮▮ 118 opens a week" with what an empty cell, the corner flag and the tiles' bar mean."""
    painter.save()
    metrics = painter.fontMetrics()
    muted = muted_text_colour(palette)
    x = rect.left()
    middle = rect.center().y()
    box = QSize(18, 12)

    def words(text: str, colour: QColor) -> None:
        nonlocal x
        width = metrics.horizontalAdvance(text)
        painter.setPen(colour)
        painter.drawText(QRect(x, rect.top(), width + 2, rect.height()), Qt.AlignmentFlag.AlignVCenter, text)
        x += width + 6

    if highest <= 0:
        words("Nothing to colour yet", muted)
        painter.restore()
        return
    words("1", muted)
    for step in range(1, LEGEND_STEPS + 1):
        painter.fillRect(
            QRect(x, middle - box.height() // 2, box.width(), box.height()),
            ramp_colour(step / LEGEND_STEPS, palette),
        )
        x += box.width()
    x += 6
    words(f"{highest:,} {unit}", palette.color(QPalette.ColorRole.Text))
    x += 10
    painter.fillRect(
        QRect(x, middle - box.height() // 2, box.width(), box.height()), empty_cell_colour(palette)
    )
    x += box.width() + 6
    words("none", muted)
    if flag_note:
        x += 10
        flag = QRectF(x, middle - box.height() / 2, box.width(), box.height())
        painter.fillRect(flag, ramp_colour(0.5, palette))
        paint_flag(painter, flag, text_on(ramp_colour(0.5, palette)))
        x += box.width() + 6
        words(flag_note, muted)
    if bar_note:
        x += 10
        painter.fillRect(QRect(x, middle - 2, 12, 4), palette.color(QPalette.ColorRole.Text))
        painter.fillRect(QRect(x + 12, middle - 2, 14, 4), palette.color(QPalette.ColorRole.Midlight))
        x += 26 + 6
        words(bar_note, muted)
    painter.restore()


class HeatLegend(QWidget):
    """The ramp's key under a grid: its colours from the smallest count to the largest, and their unit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._highest = 0
        self._unit = ""
        self._flag_note = ""
        self._bar_note = ""
        self.setMinimumHeight(22)

    def set_scale(self, highest: int, unit: str, flag_note: str = "", bar_note: str = "") -> None:
        self._highest, self._unit, self._flag_note, self._bar_note = highest, unit, flag_note, bar_note
        self.setVisible(highest > 0)  # an empty chart's message says enough
        self.setToolTip(
            f"Cell colours run from 1 to {highest:,} {unit}; the scale is a square root, so small counts "
            "still show"
            if highest
            else ""
        )
        self.update()

    @property
    def unit(self) -> str:
        return self._unit

    def describe(self) -> str:
        """The legend in words, as tests and screen readers read it."""
        return f"1 to {self._highest:,} {self._unit}" if self._highest else "Nothing to colour yet"

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        paint_legend(
            painter,
            self.rect(),
            self.palette(),
            self._highest,
            self._unit,
            flag_note=self._flag_note,
            bar_note=self._bar_note,
        )
        painter.end()

    def sizeHint(self) -> QSize:
        return QSize(520, 22)


# -- the page attention map ---------------------------------------------------------------------------

TILE_IMAGE = QSize(168, 128)
TILE = QSize(188, 192)
TINT_ALPHA = 0.2


class PageTileDelegate(QStyledItemDelegate):
    """One page: its thumbnail (or a numbered placeholder) tinted by views, a bar for its average dwell,
    and its figures underneath; pages reps pass over are faded."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        paint_page_tile(painter, QRect(option.rect), option.palette, option.font, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return TILE


def paint_page_tile(painter: QPainter, rect: QRect, palette: QPalette, font: QFont, index: Index) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    frame = QRectF(rect.left() + 10, rect.top() + 8, TILE_IMAGE.width(), TILE_IMAGE.height())
    fraction = float(index.data(AttentionRole.HEAT) or 0.0)
    skipped = bool(index.data(AttentionRole.SKIPPED))
    views = int(index.data(AttentionRole.VIEWS) or 0)
    pixmap = index.data(Qt.ItemDataRole.DecorationRole)
    muted = muted_text_colour(palette)
    if skipped or not views:
        painter.setOpacity(0.55)
    if isinstance(pixmap, QPixmap) and not pixmap.isNull():
        scaled = pixmap.size().scaled(frame.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(
            frame.center().x() - scaled.width() / 2,
            frame.center().y() - scaled.height() / 2,
            scaled.width(),
            scaled.height(),
        )
        painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
    else:
        target = frame
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(target, 4, 4)
        big = QFont(font)
        big.setPixelSize(34)
        big.setBold(True)
        painter.setFont(big)
        painter.setPen(muted)
        painter.drawText(target, Qt.AlignmentFlag.AlignCenter, str(index.data(AttentionRole.PAGE)))
    if fraction > 0:
        # the heat colour as a mat around the picture and a light wash over it: the page stays readable
        heat = ramp_colour(fraction, palette)
        tint = QColor(heat)
        tint.setAlphaF(TINT_ALPHA)
        painter.fillRect(target, tint)
        pen = QPen(heat, 5)
    else:
        pen = QPen(palette.color(QPalette.ColorRole.Mid), 1)
    if skipped:
        pen = QPen(palette.color(QPalette.ColorRole.Text), 1.5, Qt.PenStyle.DashLine)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(pen)
    painter.drawRect(
        target.adjusted(-pen.widthF() / 2, -pen.widthF() / 2, pen.widthF() / 2, pen.widthF() / 2)
    )
    painter.setOpacity(1.0)
    # the average dwell, as a bar under the picture: longest average = full width
    dwell = float(index.data(AttentionRole.DWELL) or 0.0)
    bar = QRectF(frame.left(), frame.bottom() + 6, frame.width(), 4)
    painter.fillRect(bar, palette.color(QPalette.ColorRole.Midlight))
    if dwell > 0:
        painter.fillRect(
            QRectF(bar.left(), bar.top(), bar.width() * dwell, bar.height()),
            palette.color(QPalette.ColorRole.Text),
        )
    label = QRectF(frame.left(), bar.bottom() + 4, frame.width(), 18)
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(index.data()))
    painter.setFont(font)
    painter.setPen(muted if not views else palette.color(QPalette.ColorRole.Text))
    caption = QRectF(label.left(), label.bottom(), label.width(), 18)
    painter.drawText(
        caption,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        str(index.data(AttentionRole.CAPTION)),
    )
    painter.restore()
