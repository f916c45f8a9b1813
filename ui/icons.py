"""Icons drawn in code, so they are crisp at any scale and need no files: kind badges, stars, the app."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

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


@cache
def standing_icon(colour_name: str, warning: bool = False, size: int = 16) -> QIcon:
    """A dot in an asset's standing colour; a warning triangle for what needs marketing's attention."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour_name))
    scale = size * 2
    if warning:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(scale * 0.5, scale * 0.08),
                    QPointF(scale * 0.95, scale * 0.88),
                    QPointF(scale * 0.05, scale * 0.88),
                ]
            )
        )
        painter.setPen(QPen(QColor("white"), scale * 0.1, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(scale * 0.5, scale * 0.38), QPointF(scale * 0.5, scale * 0.58))
        painter.drawPoint(QPointF(scale * 0.5, scale * 0.74))
    else:
        painter.drawEllipse(QPointF(scale * 0.5, scale * 0.5), scale * 0.24, scale * 0.24)
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


def paint_app_icon(painter: QPainter, size: float) -> None:
    """The app's own icon: a page of collateral under a magnifying glass, on the brand colour."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.ACCENT)
    inset = size * 0.04
    painter.drawRoundedRect(QRectF(inset, inset, size - 2 * inset, size - 2 * inset), size * 0.2, size * 0.2)
    page = QRectF(size * 0.2, size * 0.14, size * 0.46, size * 0.62)
    fold = page.width() * 0.3
    outline = QPolygonF(
        [
            page.topLeft(),
            QPointF(page.right() - fold, page.top()),
            QPointF(page.right(), page.top() + fold),
            page.bottomRight(),
            page.bottomLeft(),
        ]
    )
    painter.setBrush(QColor("white"))
    painter.drawPolygon(outline)
    painter.setBrush(QColor("#bfdbfe"))
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(page.right() - fold, page.top()),
                QPointF(page.right() - fold, page.top() + fold),
                QPointF(page.right(), page.top() + fold),
            ]
        )
    )
    line = QColor("#93c5fd")
    painter.setBrush(line)
    for row in range(4):
        width = page.width() * (0.62 if row == 0 else 0.74 - 0.1 * (row % 2))
        top = page.top() + page.height() * (0.36 + 0.14 * row)
        painter.drawRect(QRectF(page.left() + page.width() * 0.13, top, width, max(1.0, size * 0.035)))
    centre = QPointF(size * 0.64, size * 0.63)
    radius = size * 0.15
    ring = QPen(QColor("white"), size * 0.055)
    painter.setPen(ring)
    painter.setBrush(QColor(37, 99, 235, 90))
    painter.drawEllipse(centre, radius, radius)
    handle = QPen(QColor("white"), size * 0.085, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(handle)
    reach = radius * 0.72
    painter.drawLine(
        QPointF(centre.x() + reach + size * 0.03, centre.y() + reach + size * 0.03),
        QPointF(size * 0.86, size * 0.85),
    )
    painter.restore()


def app_icon_image(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_app_icon(painter, size)
    painter.end()
    return image


@cache
def app_icon() -> QIcon:
    """The window's and the About box's icon, at the sizes desktops ask for."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(QPixmap.fromImage(app_icon_image(size)))
    return icon
