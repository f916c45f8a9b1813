"""The monthly alignment dashboard of the Reports page: usage by month, funnel stage coverage and the
rating trend as charts on cards, each with its own "Export PNG…" and "Export CSV…".

A card whose chart would have nothing to draw (no usage in the months shown, no approved assets, nobody
rated anything) says so and what to do instead. The dashboard only shows what it is given: the Reports
page builds the figures from the report it ran in the background, and writes the exports.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from enablement_app.analytics.alignment_charts import AlignmentFigures
from ui.marketing.alignment_charts import AlignmentChart, RatingChart, StageChart, UsageChart
from ui.marketing.heat_models import MONTHS

USAGE, STAGES, RATINGS = "usage", "stages", "ratings"
CHARTS = (USAGE, STAGES, RATINGS)
# The report's table each chart is drawn from, which its "Export CSV…" writes: what
# `enablement report alignment --csv` (the months) and `--csv --table stages` write.
CSV_TABLES = {USAGE: "months", STAGES: "stages", RATINGS: "months"}
TITLES = {USAGE: "Usage by month", STAGES: "Funnel stage coverage", RATINGS: "Rating trend"}


def period(figures: AlignmentFigures, *, so_far: bool = True) -> str:
    """ "Jun – Nov 2026 (Nov so far)", "Dec 2025 – May 2026", "Nov 2026 (so far)"; without the running
    month's note when ``so_far`` is False."""
    if not figures.months:
        return ""
    first, last = figures.months[0].month, figures.months[-1].month
    end = f"{MONTHS[last.month - 1]} {last.year}"
    running = so_far and figures.is_running(figures.months[-1])
    if first == last:
        return f"{end} (so far)" if running else end
    start = MONTHS[first.month - 1] + (f" {first.year}" if first.year != last.year else "")
    return f"{start} – {end}" + (f" ({MONTHS[last.month - 1]} so far)" if running else "")


class ChartCard(QFrame):
    """A chart under its title and what it plots, with its exports; or a sentence when it has nothing."""

    png_export_chosen = Signal()
    csv_export_chosen = Signal()

    def __init__(self, title: str, chart: AlignmentChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.chart = chart
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        header = QHBoxLayout()
        words = QVBoxLayout()
        words.setSpacing(0)
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        words.addWidget(self.title)
        words.addWidget(self.subtitle)
        header.addLayout(words, 1)
        self.png_button = QToolButton()
        self.png_button.setText("Export PNG…")
        self.png_button.setToolTip("Save this chart as a picture, for a slide or an e-mail")
        self.csv_button = QToolButton()
        self.csv_button.setText("Export CSV…")
        self.csv_button.setToolTip(
            "Save the figures this chart draws, the report's own table, for a spreadsheet"
        )
        for button in (self.png_button, self.csv_button):
            button.setAccessibleName(f"{button.text().rstrip('…')} of {title}")
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        self.empty = QLabel()
        self.empty.setObjectName("pageMessage")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(16)
        self.stack = QStackedWidget()
        self.stack.addWidget(chart)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.png_button.clicked.connect(self.png_export_chosen)
        self.csv_button.clicked.connect(self.csv_export_chosen)

    def show_chart(
        self, figures: AlignmentFigures, subtitle: str, empty: str = "", has_rows: bool = True
    ) -> None:
        """Draw ``figures``, or say ``empty`` instead when it is given; CSV only for a table with rows."""
        self.subtitle.setText(subtitle)
        self.chart.set_figures(figures)
        self.empty.setText(empty)
        self.stack.setCurrentWidget(self.empty if empty else self.chart)
        self.png_button.setEnabled(not empty)
        self.csv_button.setEnabled(has_rows)

    @property
    def shows_chart(self) -> bool:
        return self.stack.currentWidget() is self.chart

    def image(self) -> QImage:
        return self.chart.image(self.title.text(), self.subtitle.text())


class AlignmentDashboard(QScrollArea):
    """The three cards: usage across the top, stages and ratings side by side under it."""

    png_export_chosen = Signal(str)  # USAGE, STAGES or RATINGS: the marketer asked for that chart's PNG
    csv_export_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageArea")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inside = QWidget()
        inside.setObjectName("dashboard")
        grid = QGridLayout(inside)
        grid.setContentsMargins(0, 4, 4, 4)
        grid.setSpacing(12)
        self.cards = {
            USAGE: ChartCard(TITLES[USAGE], UsageChart()),
            STAGES: ChartCard(TITLES[STAGES], StageChart()),
            RATINGS: ChartCard(TITLES[RATINGS], RatingChart()),
        }
        grid.addWidget(self.cards[USAGE], 0, 0, 1, 2)
        grid.addWidget(self.cards[STAGES], 1, 0)
        grid.addWidget(self.cards[RATINGS], 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        self.setWidget(inside)
        self.setStyleSheet("QWidget#dashboard { background: transparent; }")
        for name, card in self.cards.items():
            card.png_export_chosen.connect(lambda name=name: self.png_export_chosen.emit(name))
            card.csv_export_chosen.connect(lambda name=name: self.csv_export_chosen.emit(name))

    def chart(self, name: str) -> AlignmentChart:
        return self.cards[name].chart

    def show_figures(self, figures: AlignmentFigures) -> None:
        span = period(figures)
        months = len(figures.months)
        in_months = f"the last {months} months" if months > 1 else "this month"
        in_months += f" ({period(figures, so_far=False)})"
        self.cards[USAGE].show_chart(
            figures,
            f"Opens, shares and the reps who used the library · {span}",
            ""
            if figures.has_usage
            else f"Reps opened and shared nothing in {in_months}.\n"
            "Choose more months above to see earlier usage.",
        )
        self.cards[STAGES].show_chart(
            figures,
            f"Approved assets per stage, and how many of them reps opened in the last {figures.days} days",
            ""
            if figures.stages
            else "No approved assets in the library, so no funnel stage to cover yet.\n"
            "Index the collateral folder and approve assets (with their stage) in its catalog.",
            has_rows=bool(figures.stages),
        )
        self.cards[RATINGS].show_chart(
            figures,
            f"Average stars and ratings given · {span}",
            ""
            if figures.has_ratings
            else f"Nobody rated an asset in {in_months}.\n"
            "Reps rate an asset in one click as its preview closes: “How useful was this?”",
        )

    def image(self, name: str) -> QImage:
        return self.cards[name].image()
