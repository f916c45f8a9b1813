"""The monthly alignment dashboard's charts: usage by month, funnel stage coverage and the rating trend.

Each chart paints from an ``AlignmentFigures`` (the alignment report's own table rows, never counted again)
with the palette and the theme's series colours, so one piece of painting code draws the screen and the
exported PNG, in the light and the dark theme. A chart lays itself out for a rectangle (``plot``): the
bars, points and hover bands it paints are the ones its tooltips answer from and tests read.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from enablement_app.analytics.alignment_charts import AlignmentFigures, MonthFigures, StageFigures
from ui.marketing.chart_export import chart_image
from ui.marketing.heat_models import MONTHS, count
from ui.theme import chart_colour, muted_text_colour

MAX_BAR = 34.0  # a bar never wider than this, so one month is a pair of bars, not a slab
SWATCH = QSize(12, 12)
STAR_RANGE = (1, 5)


@dataclass(frozen=True, slots=True)
class Mark:
    """One figure as drawn: a bar's rectangle, or a small square around a point."""

    series: str  # "opens", "shares", "reps", "approved", "used", "stars", "ratings"
    key: str  # the month ("2026-10") or the stage
    value: float
    rect: QRectF


@dataclass(frozen=True, slots=True)
class Group:
    """What the pointer can rest on (a month's column, a stage's row) and what its tooltip says."""

    key: str
    band: QRectF
    tip: str


@dataclass(slots=True)
class Plot:
    """A chart laid out for one rectangle: what it draws, where, and the axes' ticks."""

    area: QRectF = field(default_factory=QRectF)  # the marks' area, inside the axes
    marks: list[Mark] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    segments: list[tuple[str, str]] = field(default_factory=list)  # a line joins these two points' keys
    ticks: list[tuple[float, str]] = field(default_factory=list)  # y, label: the left axis
    right_ticks: list[tuple[float, str]] = field(default_factory=list)  # y, label: the right axis

    def series(self, name: str) -> list[Mark]:
        return [mark for mark in self.marks if mark.series == name]


def nice_step(raw: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... at least ``raw``: a whole-number step of an axis."""
    if raw <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def count_axis(highest: int, intervals: int | None = None) -> tuple[int, int]:
    """An axis from 0 for counts up to ``highest``: (step, number of intervals), about four intervals,
    or exactly ``intervals`` (for a second axis whose ticks sit on the first one's grid lines)."""
    if intervals is not None:
        return nice_step(highest / intervals), intervals
    step = nice_step(highest / 4)
    return step, max(1, math.ceil(highest / step))


def month_key(month: MonthFigures) -> str:
    return month.month.strftime("%Y-%m")


def smaller(font: QFont, factor: float = 0.9) -> QFont:
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * factor)
    else:
        small.setPixelSize(max(8, round(font.pixelSize() * factor)))
    return small


def grid_colour(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Midlight)


def hover_colour(palette: QPalette) -> QColor:
    """The band behind the month (stage) under the pointer: the base three quarters of the way to the
    lines' colour, opaque, so figures written on it can sit on the same colour."""
    base, line = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Midlight)
    return QColor(
        round(base.red() + (line.red() - base.red()) * 0.75),
        round(base.green() + (line.green() - base.green()) * 0.75),
        round(base.blue() + (line.blue() - base.blue()) * 0.75),
    )


def paint_figure(
    painter: QPainter,
    centre: QPointF,
    text: str,
    palette: QPalette,
    metrics: QFontMetricsF,
    *,
    muted: bool = False,
    background: QColor | None = None,
) -> None:
    """A figure written on a patch of the chart's background (``background``, default the base), so a
    line passing behind it never hides it."""
    width = metrics.horizontalAdvance(text) + 4
    box = QRectF(centre.x() - width / 2, centre.y() - metrics.height() / 2, width, metrics.height())
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background or palette.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(muted_text_colour(palette) if muted else palette.color(QPalette.ColorRole.Text))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class AlignmentChart(QWidget):
    """A dashboard chart: ``set_figures``, then it paints, answers tooltips and exports itself."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._figures: AlignmentFigures | None = None
        self._hover: str | None = None

    def set_figures(self, figures: AlignmentFigures) -> None:
        self._figures = figures
        self._hover = None
        # what a screen reader says: every month's (stage's) tooltip, laid out at any size
        hint = self.sizeHint()
        groups = self._layout(figures, QRectF(0, 0, hint.width(), hint.height()), self.font()).groups
        self.setAccessibleDescription("; ".join(group.tip.replace("\n", ", ") for group in groups))
        self.updateGeometry()
        self.update()

    def plot(self, rect: QRectF | None = None, font: QFont | None = None) -> Plot:
        """The chart laid out for ``rect`` (default: the widget's own)."""
        figures = self._figures
        if figures is None:
            return Plot()
        return self._layout(figures, QRectF(self.rect()) if rect is None else rect, font or self.font())

    def tooltip_at(self, point: QPointF) -> str:
        group = self._group_at(point)
        return group.tip if group is not None else ""

    def paint(self, painter: QPainter, rect: QRectF, palette: QPalette, font: QFont) -> None:
        """Draw the chart into ``rect`` (the screen and the PNG alike)."""
        figures = self._figures
        if figures is None:
            return
        plot = self._layout(figures, rect, font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        self._paint_legend(painter, rect, palette, font)
        self._paint(painter, plot, palette, font)
        painter.restore()

    def image(self, title: str, subtitle: str) -> QImage:
        """The chart as the marketer sees it, at its size on screen, under ``title`` and ``subtitle``."""
        size = self.size() if self.width() > 0 and self.height() > 0 else self.sizeHint()
        palette, font = self.palette(), self.font()
        return chart_image(
            size,
            palette,
            font,
            title=title,
            subtitle=subtitle,
            paint=lambda painter, rect: self.paint(painter, QRectF(rect), palette, font),
        )

    # -- what each chart says ------------------------------------------------------------------------

    def legend(self) -> Sequence[tuple[str, str, str]]:
        """(kind, series, label) of each legend entry; kind is "bar" or "line", series names its colour."""
        raise NotImplementedError

    def _layout(self, figures: AlignmentFigures, rect: QRectF, font: QFont) -> Plot:
        raise NotImplementedError

    def _paint(self, painter: QPainter, plot: Plot, palette: QPalette, font: QFont) -> None:
        raise NotImplementedError

    @staticmethod
    def _colour(series: str, palette: QPalette) -> QColor:
        """Opens, shares and stars in the theme's chart colours; a stage's opened assets in the opens
        colour and its other ones pale; active reps in the text's colour, the number of ratings muted."""
        if series == "reps":
            return palette.color(QPalette.ColorRole.Text)
        if series == "ratings":
            return muted_text_colour(palette)
        if series == "unused":
            pale = chart_colour("opens", palette)
            pale.setAlphaF(0.25)
            return pale
        return chart_colour("opens" if series == "used" else series, palette)

    # -- the parts every chart shares ------------------------------------------------------------------

    @staticmethod
    def legend_height(font: QFont) -> float:
        return QFontMetricsF(font).height() + 10

    def _paint_legend(self, painter: QPainter, rect: QRectF, palette: QPalette, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        x = rect.left()
        middle = rect.top() + metrics.height() / 2
        for kind, series, label in self.legend():
            colour = self._colour(series, palette)
            swatch = QRectF(x, middle - SWATCH.height() / 2, SWATCH.width(), SWATCH.height())
            if kind == "line":
                swatch = QRectF(x, middle - 1, 18, 2)
                painter.fillRect(swatch, colour)
                self._paint_point(painter, QPointF(swatch.center().x(), middle), colour, palette)
            else:
                painter.fillRect(swatch, colour)
            x = swatch.right() + 6
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            width = metrics.horizontalAdvance(label)
            painter.drawText(
                QRectF(x, rect.top(), width + 2, metrics.height()), Qt.AlignmentFlag.AlignVCenter, label
            )
            x += width + 18

    @staticmethod
    def _paint_point(painter: QPainter, centre: QPointF, colour: QColor, palette: QPalette) -> None:
        painter.setPen(QPen(colour, 2))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawEllipse(centre, 4, 4)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_grid(self, painter: QPainter, plot: Plot, palette: QPalette, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        muted = muted_text_colour(palette)
        for number, (y, label) in enumerate(plot.ticks):
            pen = QPen(palette.color(QPalette.ColorRole.Mid) if number == 0 else grid_colour(palette), 1)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.area.left(), y), QPointF(plot.area.right(), y))
            painter.setPen(muted)
            box = QRectF(plot.area.left() - 200 - 6, y - metrics.height() / 2, 200, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        for y, label in plot.right_ticks:
            painter.setPen(muted)
            box = QRectF(plot.area.right() + 6, y - metrics.height() / 2, 200, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    def _paint_hover(self, painter: QPainter, plot: Plot, palette: QPalette) -> None:
        for group in plot.groups:
            if group.key == self._hover:
                painter.fillRect(group.band, hover_colour(palette))

    def _under(self, key: str, palette: QPalette) -> QColor:
        """What a figure of ``key`` is written on: the hover band, or the chart's base."""
        return hover_colour(palette) if key == self._hover else palette.color(QPalette.ColorRole.Base)

    def _paint_month_labels(
        self,
        painter: QPainter,
        plot: Plot,
        months: Sequence[MonthFigures],
        top: float,
        font: QFont,
        palette: QPalette,
    ) -> None:
        """Month names under the columns ("Oct"), with the year under the first one shown of each year;
        every second (third, ...) month only, counted back from the newest, when the names would not fit."""
        metrics = QFontMetricsF(font)
        width = plot.area.width() / max(1, len(months))
        every = max(1, math.ceil((metrics.horizontalAdvance("May") + 10) / max(1.0, width)))
        last_year: int | None = None
        for number, month in enumerate(months):
            if (len(months) - 1 - number) % every:
                continue
            column = QRectF(plot.area.left() + number * width - 20, top, width + 40, metrics.height())
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(column, Qt.AlignmentFlag.AlignCenter, MONTHS[month.month.month - 1])
            if month.month.year != last_year:
                painter.setPen(muted_text_colour(palette))
                painter.drawText(
                    column.translated(0, metrics.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    str(month.month.year),
                )
                last_year = month.month.year

    # -- pointer ----------------------------------------------------------------------------------

    def _group_at(self, point: QPointF) -> Group | None:
        return next((group for group in self.plot().groups if group.band.contains(point)), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)
            group = self._group_at(QPointF(help_event.pos()))
            if group is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(help_event.globalPos(), group.tip, self, group.band.toAlignedRect())
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        group = self._group_at(event.position())
        key = group.key if group is not None else None
        if key != self._hover:
            self._hover = key
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint(painter, QRectF(self.rect()), self.palette(), self.font())
        painter.end()


class UsageChart(AlignmentChart):
    """Opens and shares per month as pairs of bars (left scale), active reps as a line (right scale)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Usage by month", parent)

    def legend(self) -> Sequence[tuple[str, str, str]]:
        return (
            ("bar", "opens", "Opens"),
            ("bar", "shares", "Shares"),
            ("line", "reps", "Active reps (right)"),
        )

    def sizeHint(self) -> QSize:
        return QSize(720, 190)  # modest: the dashboard's rows stretch the charts into the room there is

    def minimumSizeHint(self) -> QSize:
        return QSize(360, 170)

    def _layout(self, figures: AlignmentFigures, rect: QRectF, font: QFont) -> Plot:
        metrics = QFontMetricsF(font)
        line = metrics.height()
        months = figures.months
        step, intervals = count_axis(max((max(m.opens, m.shares) for m in months), default=0))
        reps_step, _ = count_axis(max((m.active_reps for m in months), default=0), intervals)
        top, reps_top = step * intervals, reps_step * intervals
        left = max(metrics.horizontalAdvance(f"{step * n:,}") for n in range(intervals + 1)) + 10
        right = max(metrics.horizontalAdvance(f"{reps_step * n:,}") for n in range(intervals + 1)) + 10
        area_top = rect.top() + self.legend_height(font) + line  # room for the tallest bar's figure
        area = QRectF(
            rect.left() + left, area_top, rect.width() - left - right, rect.bottom() - 2 * line - 6 - area_top
        )
        plot = Plot(area)
        if area.width() <= 0 or area.height() <= 0 or not months:
            return plot

        def y(value: float, scale: int) -> float:
            return area.bottom() - value / scale * area.height()

        plot.ticks = [(y(step * n, top), f"{step * n:,}") for n in range(intervals + 1)]
        plot.right_ticks = [(y(reps_step * n, reps_top), f"{reps_step * n:,}") for n in range(intervals + 1)]
        width = area.width() / len(months)
        bar = min(MAX_BAR, width * 0.34)
        previous: str | None = None
        for number, month in enumerate(months):
            key = month_key(month)
            centre = area.left() + (number + 0.5) * width
            for series, value, x in (
                ("opens", month.opens, centre - bar - 1.5),
                ("shares", month.shares, centre + 1.5),
            ):
                plot.marks.append(
                    Mark(series, key, value, QRectF(x, y(value, top), bar, area.bottom() - y(value, top)))
                )
            point = QPointF(centre, y(month.active_reps, reps_top))
            plot.marks.append(
                Mark("reps", key, month.active_reps, QRectF(point.x() - 4, point.y() - 4, 8, 8))
            )
            if previous is not None:
                plot.segments.append((previous, key))
            previous = key
            when = f"{month.name} (so far)" if figures.is_running(month) else month.name
            tip = (
                f"{when}\n{count(month.opens, 'open')} · {count(month.shares, 'share')}\n"
                f"{count(month.active_reps, 'active rep')} · {count(month.assets_used, 'asset')} used"
                if month.has_usage
                else f"{when}\nNo opens or shares"
            )
            band = QRectF(
                area.left() + number * width, area.top() - line, width, area.height() + 3 * line + 6
            )
            plot.groups.append(Group(key, band, tip))
        return plot

    def _paint(self, painter: QPainter, plot: Plot, palette: QPalette, font: QFont) -> None:
        figures = self._figures
        if figures is None or plot.area.isEmpty():
            return
        self._paint_hover(painter, plot, palette)
        self._paint_grid(painter, plot, palette, font)
        small = smaller(font)
        metrics = QFontMetricsF(small)
        width = plot.area.width() / max(1, len(figures.months))
        bars = [mark for mark in plot.marks if mark.series in ("opens", "shares")]
        for mark in bars:
            painter.fillRect(mark.rect, self._colour(mark.series, palette))
        # the reps' line over the bars, and the figures over both, each on a patch of the background
        reps = {mark.key: mark for mark in plot.series("reps")}
        colour = self._colour("reps", palette)
        painter.setPen(QPen(colour, 2))
        for first, second in plot.segments:
            painter.drawLine(reps[first].rect.center(), reps[second].rect.center())
        for mark in reps.values():
            self._paint_point(painter, mark.rect.center(), colour, palette)
        painter.setFont(small)
        for mark in bars:
            text = f"{int(mark.value):,}"
            if mark.value and metrics.horizontalAdvance(text) <= mark.rect.width() + 3:
                centre = QPointF(mark.rect.center().x(), mark.rect.top() - metrics.height() / 2 - 1)
                paint_figure(
                    painter, centre, text, palette, metrics, background=self._under(mark.key, palette)
                )
        for number, month in enumerate(figures.months):
            if not month.has_usage and metrics.horizontalAdvance("no usage") + 4 <= width:
                centre = QPointF(
                    plot.area.left() + (number + 0.5) * width, plot.area.bottom() - 1.6 * metrics.height()
                )
                under = self._under(month_key(month), palette)
                paint_figure(painter, centre, "no usage", palette, metrics, muted=True, background=under)
        painter.setFont(font)
        self._paint_month_labels(painter, plot, figures.months, plot.area.bottom() + 4, font, palette)


class StageChart(AlignmentChart):
    """A horizontal bar per funnel stage, in the report's order: its length the approved assets, its solid
    part those opened in the report's window, with "2 of 3 · 67%" beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Funnel stage coverage", parent)

    def legend(self) -> Sequence[tuple[str, str, str]]:
        days = self._figures.days if self._figures is not None else 0
        return (("bar", "used", f"Opened in the last {days} days"), ("bar", "unused", "Not opened"))

    def sizeHint(self) -> QSize:
        rows = len(self._figures.stages) if self._figures is not None else 4
        return QSize(480, int(self.legend_height(self.font()) + max(4, rows) * 26 + 8))

    def minimumSizeHint(self) -> QSize:
        rows = len(self._figures.stages) if self._figures is not None else 4
        return QSize(320, int(self.legend_height(self.font()) + max(4, rows) * 20 + 8))

    @staticmethod
    def figure_text(stage: StageFigures) -> str:
        share = f" · {stage.share_used:.0%}" if stage.share_used is not None else ""
        return f"{stage.used:,} of {stage.approved:,}{share}"

    def _layout(self, figures: AlignmentFigures, rect: QRectF, font: QFont) -> Plot:
        metrics = QFontMetricsF(font)
        stages = figures.stages
        top = rect.top() + self.legend_height(font) + 4
        label_width = min(
            max((metrics.horizontalAdvance(s.stage) for s in stages), default=0) + 14, rect.width() * 0.32
        )
        figure_width = max((metrics.horizontalAdvance(self.figure_text(s)) for s in stages), default=0) + 14
        area = QRectF(
            rect.left() + label_width, top, rect.width() - label_width - figure_width, rect.bottom() - top
        )
        plot = Plot(area)
        if not stages or area.width() <= 0 or area.height() <= 0:
            return plot
        row = max(18.0, min(34.0, area.height() / len(stages)))
        thickness = min(18.0, row - 8)
        widest = max(stage.approved for stage in stages) or 1
        for number, stage in enumerate(stages):
            middle = top + (number + 0.5) * row
            for series, value in (("approved", stage.approved), ("used", stage.used)):
                length = area.width() * value / widest
                plot.marks.append(
                    Mark(
                        series,
                        stage.stage,
                        value,
                        QRectF(area.left(), middle - thickness / 2, length, thickness),
                    )
                )
            share = f" ({stage.share_used:.0%})" if stage.share_used is not None else ""
            tip = (
                f"{stage.stage}\n{stage.used:,} of {count(stage.approved, 'approved asset')} opened in the "
                f"last {figures.days} days{share}"
            )
            plot.groups.append(
                Group(stage.stage, QRectF(rect.left(), top + number * row, rect.width(), row), tip)
            )
        return plot

    def _paint(self, painter: QPainter, plot: Plot, palette: QPalette, font: QFont) -> None:
        figures = self._figures
        if figures is None or plot.area.isEmpty():
            return
        self._paint_hover(painter, plot, palette)
        metrics = QFontMetricsF(font)
        text = palette.color(QPalette.ColorRole.Text)
        stages = {stage.stage: stage for stage in figures.stages}
        for group in plot.groups:
            stage = stages[group.key]
            label = QRectF(
                group.band.left(),
                group.band.top(),
                plot.area.left() - group.band.left() - 10,
                group.band.height(),
            )
            painter.setPen(text)
            name = metrics.elidedText(stage.stage, Qt.TextElideMode.ElideRight, label.width())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            figure = QRectF(
                plot.area.right() + 8,
                group.band.top(),
                group.band.right() - plot.area.right() - 8,
                group.band.height(),
            )
            painter.drawText(
                figure, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.figure_text(stage)
            )
        for mark in plot.marks:
            painter.fillRect(
                mark.rect, self._colour("unused" if mark.series == "approved" else "used", palette)
            )


class RatingChart(AlignmentChart):
    """The average rating per month as a line on a 1 to 5 star scale, broken where a month has no ratings,
    over a strip of bars with how many ratings each month had."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Rating trend", parent)

    def legend(self) -> Sequence[tuple[str, str, str]]:
        return (("line", "stars", "Average rating (1–5 stars)"), ("bar", "ratings", "Ratings given"))

    def sizeHint(self) -> QSize:
        return QSize(480, 190)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 170)

    def _layout(self, figures: AlignmentFigures, rect: QRectF, font: QFont) -> Plot:
        metrics = QFontMetricsF(font)
        line = metrics.height()
        months = figures.months
        low, high = STAR_RANGE
        left = metrics.horizontalAdvance("5") + 12
        top = rect.top() + self.legend_height(font) + line
        bottom = rect.bottom() - 2 * line - 6
        strip = max(28.0, (bottom - top) * 0.24)
        area = QRectF(rect.left() + left, top, rect.width() - left - 8, bottom - top - strip - line)
        plot = Plot(area)
        if area.width() <= 0 or area.height() <= 0 or not months:
            return plot
        plot.ticks = [
            (area.bottom() - (star - low) / (high - low) * area.height(), str(star))
            for star in range(low, high + 1)
        ]
        most = max((month.ratings for month in months), default=0) or 1
        width = area.width() / len(months)
        bar = min(MAX_BAR, width * 0.5)
        previous: str | None = None
        for number, month in enumerate(months):
            key = month_key(month)
            centre = area.left() + (number + 0.5) * width
            height = (strip - 4) * month.ratings / most
            plot.marks.append(
                Mark("ratings", key, month.ratings, QRectF(centre - bar / 2, bottom - height, bar, height))
            )
            average = month.average_rating
            if average is not None:
                y = area.bottom() - (average - low) / (high - low) * area.height()
                plot.marks.append(Mark("stars", key, average, QRectF(centre - 4, y - 4, 8, 8)))
                if previous is not None:
                    plot.segments.append((previous, key))
            previous = key if average is not None else None
            when = f"{month.name} (so far)" if figures.is_running(month) else month.name
            tip = (
                f"{when}\nAverage {average:.1f} stars from {count(month.ratings, 'rating')}"
                if average is not None
                else f"{when}\nNo ratings"
            )
            band = QRectF(
                area.left() + number * width, area.top() - line, width, bottom - area.top() + 3 * line + 6
            )
            plot.groups.append(Group(key, band, tip))
        return plot

    def _paint(self, painter: QPainter, plot: Plot, palette: QPalette, font: QFont) -> None:
        figures = self._figures
        if figures is None or plot.area.isEmpty():
            return
        self._paint_hover(painter, plot, palette)
        self._paint_grid(painter, plot, palette, font)
        small = smaller(font)
        metrics = QFontMetricsF(small)
        bars = plot.series("ratings")
        if bars:
            baseline = bars[0].rect.bottom()
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(QPointF(plot.area.left(), baseline), QPointF(plot.area.right(), baseline))
        painter.setFont(small)
        for mark in bars:
            painter.fillRect(mark.rect, self._colour("ratings", palette))
            figure = f"{int(mark.value):,}"
            crowded = len(figures.months) > 12  # a row of zeros there says less than the gap in the line
            if (mark.value or not crowded) and metrics.horizontalAdvance(figure) <= mark.rect.width() + 16:
                centre = QPointF(mark.rect.center().x(), mark.rect.top() - metrics.height() / 2 - 1)
                under = self._under(mark.key, palette)
                paint_figure(
                    painter, centre, figure, palette, metrics, muted=not mark.value, background=under
                )
        stars = {mark.key: mark for mark in plot.series("stars")}
        colour = self._colour("stars", palette)
        painter.setPen(QPen(colour, 2.5))
        for first, second in plot.segments:
            painter.drawLine(stars[first].rect.center(), stars[second].rect.center())
        width = plot.area.width() / max(1, len(figures.months))
        for mark in stars.values():
            self._paint_point(painter, mark.rect.center(), colour, palette)
        for mark in stars.values():
            value = f"{mark.value:.1f}"
            if metrics.horizontalAdvance(value) + 4 <= width:
                centre = QPointF(mark.rect.center().x(), mark.rect.top() - metrics.height() / 2 - 2)
                paint_figure(
                    painter, centre, value, palette, metrics, background=self._under(mark.key, palette)
                )
        painter.setFont(font)
        if bars:
            self._paint_month_labels(painter, plot, figures.months, bars[0].rect.bottom() + 4, font, palette)
