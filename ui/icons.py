"""Icons drawn in code, so they are crisp at any scale and need no files: kind badges and stars."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap, QPolygonF

from ui import theme

KIND_LABELS = {"pdf": "PDF", "pptx": "PPT", "docx": "DOC", "md": "MD", "txt": "TXT", "html": "WEB"}


def paint_kind_badge(painter: QPainter, rect: QRectF, kind: str) -> None:
    """A page with a folded corner in the kind's colour and its short name, like a file icon."""
    colour = theme.KIND_COLOURS.get(kind, QColor("#64748b"))
    fold = rect.width() * 0.28
    page = QPainterPath()
    page.moveTo(rect.left(), rect.top() + 3)
    page.quadTo(rect.left(), rect.top(), rect.left() + 3, rect.top())
    page.lineTo(rect.right() - fold, rect.top())
    page.lineTo(rect.right(), rect.top() + fold)
    page.lineTo(rect.right(), rect.bottom() - 3)
    page.quadTo(rect.right(), rect.bottom(), rect.right() - 3, rect.bottom())
    page.lineTo(rect.left() + 3, rect.bottom())
    page.quadTo(rect.left(), rect.bottom(), rect.left(), rect.bottom() - 3)
    page.closeSubpath()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(page)
    corner = QPolygonF(
        [
            QPointF(rect.right() - fold, rect.top()),
            QPointF(rect.right() - fold, rect.top() + fold),
            QPointF(rect.right(), rect.top() + fold),
        ]
    )
    painter.setBrush(colour.lighter(150))
    painter.drawPolygon(corner)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(7, int(rect.width() * 0.3)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    label_rect = QRectF(rect.left(), rect.top() + rect.height() * 0.45, rect.width(), rect.height() * 0.4)
    painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, KIND_LABELS.get(kind, kind[:3].upper()))
    painter.restore()


@cache
def kind_icon(kind: str, size: int = 32) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_kind_badge(painter, QRectF(size * 0.3, 0, size * 1.4, size * 2), kind)
    painter.end()
    pixmap.setDevicePixelRatio(2)
    return QIcon(pixmap)


def star_path(centre: QPointF, radius: float) -> QPainterPath:
    import math

    points = []
    for index in range(10):
        angle = math.pi / 2 + index * math.pi / 5
        length = radius if index % 2 == 0 else radius * 0.45
        points.append(QPointF(centre.x() + length * math.cos(angle), centre.y() - length * math.sin(angle)))
    path = QPainterPath()
    path.addPolygon(QPolygonF(points))
    path.closeSubpath()
    return path


def paint_stars(
    painter: QPainter, rect: QRectF, value: float, *, empty: QColor, filled: QColor = theme.STAR
) -> None:
    """Five stars in ``rect``, filled up to ``value`` (fractions fill part of a star)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    size = min(rect.height(), rect.width() / 5)
    for index in range(5):
        centre = QPointF(rect.left() + size * (index + 0.5), rect.center().y())
        path = star_path(centre, size * 0.48)
        painter.setBrush(empty)
        painter.drawPath(path)
        fill = max(0.0, min(1.0, value - index))
        if fill > 0:
            painter.save()
            painter.setClipRect(QRectF(centre.x() - size / 2, rect.top(), size * fill, rect.height()))
            painter.setBrush(filled)
            painter.drawPath(path)
            painter.restore()
    painter.restore()
