"""Exporting a chart: its figures as CSV, and the chart as a PNG at full size, title and legend included.

A heatmap's PNG is painted from the model with the screen's own delegates, every row and column, however
much of the grid the window scrolls: a marketer pastes it into a slide as the whole picture. A chart that
paints itself (the alignment dashboard's) is drawn by its own painting code at its size on screen. Where
files go is asked through a ``SavePathChooser``, so tests answer the dialog without one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QFileDialog, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from enablement_app.atomic_files import write_atomically
from ui.marketing.heat_delegates import CELL_HEIGHT, TILE, paint_legend, paint_page_tile
from ui.theme import muted_text_colour

# (parent, caption, suggested file, filter) -> the chosen file, or None when the marketer cancelled
SavePathChooser = Callable[[QWidget, str, Path, str], Path | None]
PNG_FILTER = "PNG image (*.png)"
CSV_FILTER = "CSV file (*.csv)"
MARGIN = 16
ROW_HEADER_MAX = 320
SCALE = 2  # pixels per point: sharp when pasted into a slide


def ask_save_path(parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    suffix = ".png" if file_filter == PNG_FILTER else ".csv"
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> None:
    """The rows as CSV with a byte-order mark, so Excel reads accents and dashes right; written whole."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    write_atomically(path, buffer.getvalue().encode("utf-8-sig"))


def write_png(path: Path, image: QImage) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"png")).write(image):
        raise OSError(f"the picture could not be encoded as PNG for {path.name}")
    buffer.close()
    write_atomically(path, bytes(data.data()))


class _Canvas:
    """An image of ``size`` points at SCALE, filled with the palette's base, with a title block."""

    def __init__(self, size: QSize, palette: QPalette, font: QFont) -> None:
        self.image = QImage(size * SCALE, QImage.Format.Format_ARGB32_Premultiplied)
        self.image.setDevicePixelRatio(SCALE)
        self.image.fill(palette.color(QPalette.ColorRole.Base))
        self.painter = QPainter(self.image)
        self.painter.setFont(font)
        self.palette = palette
        self.font = font

    def title(self, top: int, title: str, subtitle: str, width: int) -> int:
        big = title_font(self.font)
        self.painter.setFont(big)
        self.painter.setPen(self.palette.color(QPalette.ColorRole.Text))
        height = QFontMetrics(big).height()
        self.painter.drawText(QRect(MARGIN, top, width, height), Qt.AlignmentFlag.AlignLeft, title)
        self.painter.setFont(self.font)
        self.painter.setPen(muted_text_colour(self.palette))
        line = QFontMetrics(self.font).height()
        self.painter.drawText(
            QRect(MARGIN, top + height + 2, width, line), Qt.AlignmentFlag.AlignLeft, subtitle
        )
        return top + height + 2 + line + 10

    def finish(self) -> QImage:
        self.painter.end()
        return self.image


def title_font(font: QFont) -> QFont:
    big = QFont(font)
    if font.pointSizeF() > 0:
        big.setPointSizeF(font.pointSizeF() * 1.3)
    else:
        big.setPixelSize(round(font.pixelSize() * 1.3))
    big.setBold(True)
    return big


def _title_height(font: QFont) -> int:
    big = title_font(font)
    return QFontMetrics(big).height() + 2 + QFontMetrics(font).height() + 10


def _option(rect: QRect, palette: QPalette, font: QFont) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.rect = rect
    option.palette = palette
    option.font = font
    option.fontMetrics = QFontMetrics(font)
    option.state = QStyle.StateFlag.State_Enabled
    return option


def grid_image(
    model: QAbstractItemModel,
    delegate: QStyledItemDelegate,
    palette: QPalette,
    font: QFont,
    *,
    title: str,
    subtitle: str,
    legend: Callable[[QPainter, QRect], None],
) -> QImage:
    """Every row and column of a heat grid, with its row names, column headers, title and legend."""
    metrics = QFontMetrics(font)
    rows, columns = model.rowCount(), model.columnCount()
    names = [str(model.headerData(row, Qt.Orientation.Vertical) or "") for row in range(rows)]
    header_width = min(
        ROW_HEADER_MAX, max((metrics.horizontalAdvance(name) for name in names), default=80) + 16
    )
    widths = [
        delegate.sizeHint(_option(QRect(), palette, font), model.index(0, column)).width() if rows else 48
        for column in range(columns)
    ]
    header_height = metrics.height() + 10
    body_width = header_width + sum(widths)
    width = max(body_width, 560) + 2 * MARGIN
    top_of_grid = MARGIN + _title_height(font)
    height = top_of_grid + header_height + rows * CELL_HEIGHT + 12 + 24 + MARGIN
    canvas = _Canvas(QSize(width, height), palette, font)
    painter = canvas.painter
    top = canvas.title(MARGIN, title, subtitle, width - 2 * MARGIN)
    text = palette.color(QPalette.ColorRole.Text)
    muted = muted_text_colour(palette)
    x = MARGIN + header_width
    painter.setPen(muted)
    for column, column_width in enumerate(widths):
        label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        painter.drawText(QRect(x, top, column_width, header_height), Qt.AlignmentFlag.AlignCenter, label)
        x += column_width
    y = top + header_height
    for row in range(rows):
        painter.setPen(text)
        name = metrics.elidedText(names[row], Qt.TextElideMode.ElideRight, header_width - 12)
        painter.drawText(
            QRect(MARGIN, y, header_width - 8, CELL_HEIGHT),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            name,
        )
        x = MARGIN + header_width
        for column, column_width in enumerate(widths):
            cell = QRect(x, y, column_width, CELL_HEIGHT)
            delegate.paint(painter, _option(cell, palette, font), model.index(row, column, QModelIndex()))
            x += column_width
        y += CELL_HEIGHT
    legend(painter, QRect(MARGIN + header_width, y + 12, width - header_width - 2 * MARGIN, 24))
    return canvas.finish()


def chart_image(
    size: QSize,
    palette: QPalette,
    font: QFont,
    *,
    title: str,
    subtitle: str,
    paint: Callable[[QPainter, QRect], None],
) -> QImage:
    """A chart that paints itself (``paint`` into a rectangle of ``size``) under its title and subtitle."""
    width = size.width() + 2 * MARGIN
    top = MARGIN + _title_height(font)
    canvas = _Canvas(QSize(width, top + size.height() + MARGIN), palette, font)
    canvas.title(MARGIN, title, subtitle, width - 2 * MARGIN)
    paint(canvas.painter, QRect(MARGIN, top, size.width(), size.height()))
    return canvas.finish()


def tiles_image(
    model: QAbstractItemModel,
    palette: QPalette,
    font: QFont,
    *,
    title: str,
    subtitle: str,
    lines: Sequence[str] = (),
    per_row: int = 5,
    unit: str = "views",
    highest: int = 0,
    bar_note: str = "",
) -> QImage:
    """Every page tile of the attention map, ``per_row`` to a row, under the title."""
    count = model.rowCount()
    per_row = max(1, min(per_row, count or 1))
    grid_rows = (count + per_row - 1) // per_row
    metrics = QFontMetrics(font)
    width = max(per_row * TILE.width(), 560) + 2 * MARGIN
    top_of_tiles = MARGIN + _title_height(font) + len(lines) * (metrics.height() + 2)
    height = top_of_tiles + grid_rows * TILE.height() + 36 + MARGIN
    canvas = _Canvas(QSize(width, height), palette, font)
    painter = canvas.painter
    top = canvas.title(MARGIN, title, subtitle, width - 2 * MARGIN)
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    for line in lines:
        painter.drawText(
            QRect(MARGIN, top, width - 2 * MARGIN, metrics.height()), Qt.AlignmentFlag.AlignLeft, line
        )
        top += metrics.height() + 2
    for position in range(count):
        row, column = divmod(position, per_row)
        rect = QRect(MARGIN + column * TILE.width(), top + row * TILE.height(), TILE.width(), TILE.height())
        paint_page_tile(painter, rect, palette, font, model.index(position, 0))
    legend_top = top + grid_rows * TILE.height() + 8
    paint_legend(
        painter,
        QRect(MARGIN + 10, legend_top, width - 2 * MARGIN, 24),
        palette,
        highest,
        unit,
        bar_note=bar_note,
    )
    return canvas.finish()
