"""The Reports page's monthly alignment dashboard on a real analytics store: the charts hold the report's
figures, in its order, with gaps where a month has no ratings; each chart exports a PNG and its table as
CSV; and charts with nothing to draw say so."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from enablement_app.analytics.report_views import write_csv
from enablement_app.store import Store
from tests.analytics.team_usage import DAY, EVE, PRICES, TODAY, build_team
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import FIXED_NOW, Clock
from ui.marketing.alignment_charts import MAX_BAR, AlignmentChart
from ui.marketing.alignment_dashboard import RATINGS, STAGES, USAGE
from ui.marketing.chart_export import MARGIN, SCALE
from ui.marketing.report_table_model import RAW_ROLE
from ui.marketing.reports_page import ReportsPage
from ui.tasks import TaskRunner
from ui.theme import ACCENT_DARK, chart_colour

WAIT = 15_000
MONTH_KEYS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]


class Files:
    """Stands in for the save dialogs: what the marketer would choose, and what they were offered."""

    def __init__(self, tmp_path: Path) -> None:
        self.csv: Path | None = tmp_path / "figures.csv"
        self.png: Path | None = tmp_path / "chart.png"
        self.suggested: list[str] = []

    def choose_csv(self, _parent: object, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.csv

    def choose_png(self, _parent: object, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.png


def make_page(
    qtbot: QtBot,
    store: Store,
    tasks: TaskRunner,
    files: Files,
    *,
    now: dt.datetime = FIXED_NOW,
    months: int = 6,
) -> ReportsPage:
    page = ReportsPage(
        store,
        tasks,
        clock=Clock(now),
        choose_csv=files.choose_csv,
        choose_png=files.choose_png,
    )
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.months.setValue(months)
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show()  # opens on the alignment dashboard
    return page


def column(page: ReportsPage, table: str, number: int) -> list[object]:
    model = page.models[table]
    return [model.index(row, number).data(RAW_ROLE) for row in range(model.rowCount())]


@pytest.fixture
def team(store: Store, tmp_path: Path) -> Store:
    """The known team, and one more rating in August: ratings in Aug, Oct and Nov, none in Sep."""
    build_team(store, Clock(), tmp_path)
    ingest(store, [EVE.event("rate", PRICES.asset_id, -80 * DAY, stars=4, comment="", used_in_deal=False)])
    return store


def test_the_charts_hold_the_reports_figures(
    qtbot: QtBot, team: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    page = make_page(qtbot, team, tasks, Files(tmp_path))
    assert page.body.currentWidget() is page.dashboard
    assert page.view_switch.isVisible() and not page.export_button.isVisible()
    assert column(page, "months", 0) == MONTH_KEYS

    usage = page.dashboard.chart(USAGE).plot()
    opens, shares, reps = usage.series("opens"), usage.series("shares"), usage.series("reps")
    assert [m.key for m in opens] == MONTH_KEYS
    assert [m.value for m in opens] == column(page, "months", 1) == [0, 0, 0, 0, 14, 0]
    assert [m.value for m in shares] == column(page, "months", 2) == [0, 0, 0, 0, 1, 0]
    assert [m.value for m in reps] == column(page, "months", 3) == [0, 0, 0, 0, 8, 0]
    # bars stand on one baseline, as tall as their figures on one scale; an empty month has none
    assert {m.rect.bottom() for m in opens + shares} == {usage.area.bottom()}
    october_opens, october_shares = opens[4], shares[4]
    assert october_opens.rect.height() == pytest.approx(14 * october_shares.rect.height())
    assert [m.rect.height() for m in opens[:4]] == [0, 0, 0, 0]
    assert reps[4].rect.center().y() < reps[3].rect.center().y()
    assert usage.segments == list(itertools.pairwise(MONTH_KEYS))

    stages = page.dashboard.chart(STAGES).plot()
    assert [g.key for g in stages.groups] == column(page, "stages", 0)
    assert [g.key for g in stages.groups] == ["awareness", "consideration", "decision", "(no stage)"]
    approved, used = stages.series("approved"), stages.series("used")
    assert [m.value for m in approved] == column(page, "stages", 1) == [2, 1, 2, 1]
    assert [m.value for m in used] == column(page, "stages", 2) == [0, 1, 2, 0]
    assert [m.rect.width() for m in approved] == pytest.approx(
        [stages.area.width() * n / 2 for n in (2, 1, 2, 1)]
    )
    assert [u.rect.width() <= a.rect.width() for u, a in zip(used, approved, strict=True)] == [True] * 4

    ratings = page.dashboard.chart(RATINGS).plot()
    stars = ratings.series("stars")
    assert [m.key for m in stars] == ["2026-08", "2026-10", "2026-11"]  # Jun, Jul and Sep had none
    assert [m.value for m in stars] == pytest.approx([4.0, 18 / 7, 3.0])
    assert [m.value for m in stars] == pytest.approx([v for v in column(page, "months", 6) if v is not None])
    assert ratings.segments == [("2026-10", "2026-11")]  # no line across September
    assert [m.value for m in ratings.series("ratings")] == column(page, "months", 5) == [0, 0, 1, 0, 7, 1]
    # a higher average stands higher
    assert stars[0].rect.center().y() < stars[2].rect.center().y() < stars[1].rect.center().y()


# the offscreen platform cannot raise the tooltip's window; nothing to fix
@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
def test_hovering_a_month_or_a_stage_says_its_figures(
    qtbot: QtBot, team: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    page = make_page(qtbot, team, tasks, Files(tmp_path))
    usage = page.dashboard.chart(USAGE)
    plot = usage.plot()
    october = plot.series("opens")[4].rect.center()
    assert usage.tooltip_at(october) == "October 2026\n14 opens · 1 share\n8 active reps · 3 assets used"
    november = plot.series("shares")[5].rect.center()
    assert usage.tooltip_at(november) == "November 2026 (so far)\nNo opens or shares"

    ratings = page.dashboard.chart(RATINGS)
    september = ratings.plot().series("ratings")[3].rect.center()
    assert ratings.tooltip_at(september) == "September 2026\nNo ratings"
    stages = page.dashboard.chart(STAGES)
    decision = stages.plot().series("approved")[2].rect.center()
    assert stages.tooltip_at(decision) == "decision\n2 of 2 approved assets opened in the last 90 days (100%)"

    assert usage.accessibleDescription().startswith("June 2026, No opens or shares; July 2026, No opens")
    assert "October 2026, 14 opens · 1 share, 8 active reps · 3 assets used" in usage.accessibleDescription()

    # the pointer resting there shows it
    point = october.toPoint()
    QApplication.sendEvent(usage, QHelpEvent(QEvent.Type.ToolTip, point, usage.mapToGlobal(point)))
    assert QToolTip.text() == "October 2026\n14 opens · 1 share\n8 active reps · 3 assets used"
    QToolTip.hideText()
    qtbot.mouseMove(usage, point)
    qtbot.waitUntil(lambda: usage._hover == "2026-10", timeout=WAIT)


def test_the_table_switch_shows_the_tables_the_charts_are_drawn_from(
    qtbot: QtBot, team: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    page = make_page(qtbot, team, tasks, Files(tmp_path))
    qtbot.mouseClick(page.view_switch.buttons["table"], Qt.MouseButton.LeftButton)
    assert page.body.currentWidget() is page.tabs
    assert page.export_button.isVisible() and page.export_button.isEnabled()
    assert [page.tabs.tabText(n) for n in range(page.tabs.count())] == [
        "Usage and ratings by month",
        "Funnel stages: approved assets, and the share opened in the last 90 days",
    ]
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("ratings")
    assert not page.view_switch.isVisible() and page.body.currentWidget() is page.tabs
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("alignment")
    assert page.body.currentWidget() is page.tabs  # the marketer's choice holds
    qtbot.mouseClick(page.view_switch.buttons["charts"], Qt.MouseButton.LeftButton)
    assert page.body.currentWidget() is page.dashboard and not page.export_button.isVisible()


def test_a_chart_exports_its_picture_and_its_tables_csv(
    qtbot: QtBot, team: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    files = Files(tmp_path)
    page = make_page(qtbot, team, tasks, files)
    card = page.dashboard.cards[USAGE]
    chart = card.chart
    with qtbot.waitSignal(page.png_exported, timeout=WAIT) as exported:
        qtbot.mouseClick(card.png_button, Qt.MouseButton.LeftButton)
    assert exported.args == [str(files.png)]
    assert files.suggested == [f"alignment-usage-{TODAY.isoformat()}.png"]
    image = QImage(str(files.png))
    assert not image.isNull()
    assert image.width() == (chart.width() + 2 * MARGIN) * SCALE
    assert image.height() > (chart.height() + MARGIN) * SCALE
    # October's opens bar is where the chart draws it, in the opens colour
    bar = chart.plot().series("opens")[4].rect.center()
    top = image.height() // SCALE - MARGIN - chart.height()
    pixel = image.pixelColor(round((MARGIN + bar.x()) * SCALE), round((top + bar.y()) * SCALE))
    assert pixel.name() == chart_colour("opens", chart.palette()).name()

    files.csv = tmp_path / "stages.csv"
    with qtbot.waitSignal(page.csv_exported, timeout=WAIT):
        qtbot.mouseClick(page.dashboard.cards[STAGES].csv_button, Qt.MouseButton.LeftButton)
    with files.csv.open(encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file)) == [  # as `enablement report alignment --csv --table stages` writes
            ["Stage", "Approved assets", "Used", "Share used (%)"],
            ["awareness", "2", "0", "0.0"],
            ["consideration", "1", "1", "100.0"],
            ["decision", "2", "2", "100.0"],
            ["(no stage)", "1", "0", "0.0"],
        ]
    files.csv = tmp_path / "ratings.csv"
    with qtbot.waitSignal(page.csv_exported, timeout=WAIT):
        qtbot.mouseClick(page.dashboard.cards[RATINGS].csv_button, Qt.MouseButton.LeftButton)
    assert page.view is not None
    expected = io.StringIO(newline="")
    write_csv(page.view.table("months"), expected)  # what `enablement report alignment --csv` writes
    assert files.csv.read_bytes().decode("utf-8-sig") == expected.getvalue()
    rows = list(csv.reader(io.StringIO(expected.getvalue())))
    assert rows[0] == ["Month", "Opens", "Shares", "Active reps", "Assets used", "Ratings", "Average rating"]
    assert rows[5] == ["2026-10", "14", "1", "8", "3", "7", "2.57"]
    assert files.suggested[1:] == [
        f"alignment-stages-{TODAY.isoformat()}.csv",
        f"alignment-{TODAY.isoformat()}.csv",
    ]

    files.png = tmp_path / "no-such-folder" / "chart.png"
    with qtbot.waitSignal(page.png_failed, timeout=WAIT) as failed:
        qtbot.mouseClick(card.png_button, Qt.MouseButton.LeftButton)
    assert failed.args == ["Could not export the picture: No such file or directory"]


def test_the_dark_theme_paints_with_its_own_colours(
    qtbot: QtBot, team: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    page = make_page(qtbot, team, tasks, Files(tmp_path))
    chart: AlignmentChart = page.dashboard.chart(USAGE)
    dark = QPalette(chart.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e1f22"),
        (QPalette.ColorRole.Base, "#26272b"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
    ):
        dark.setColor(role, QColor(colour))
    chart.setPalette(dark)
    image = chart.image("Usage by month", "")
    bar = chart.plot().series("opens")[4].rect.center()
    top = image.height() // SCALE - MARGIN - chart.height()
    assert image.pixelColor(round((MARGIN + bar.x()) * SCALE), round((top + bar.y()) * SCALE)) == ACCENT_DARK
    assert image.pixelColor(2, 2).name() == "#26272b"


def test_charts_with_nothing_to_draw_say_so(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    # usage long ago only, no library, no ratings
    ingest(store, [Rep("Early Rep").event("open", "f" * 32, -400 * DAY)])
    page = make_page(qtbot, store, tasks, Files(tmp_path))
    assert page.body.currentWidget() is page.dashboard
    cards = page.dashboard.cards
    assert not any(card.shows_chart for card in cards.values())
    assert cards[USAGE].empty.text() == (
        "Reps opened and shared nothing in the last 6 months (Jun – Nov 2026).\n"
        "Choose more months above to see earlier usage."
    )
    assert cards[STAGES].empty.text() == (
        "No approved assets in the library, so no funnel stage to cover yet.\n"
        "Index the collateral folder and approve assets (with their stage) in its catalog."
    )
    assert cards[RATINGS].empty.text() == (
        "Nobody rated an asset in the last 6 months (Jun – Nov 2026).\n"
        "Reps rate an asset in one click as its preview closes: “How useful was this?”"
    )
    assert not any(card.png_button.isEnabled() for card in cards.values())
    # the months' table still has its (empty) months; the stages' has no row to export
    assert cards[USAGE].csv_button.isEnabled() and not cards[STAGES].csv_button.isEnabled()
    assert cards[USAGE].empty.isVisible()


def test_one_month_draws_one_pair_of_bars_and_a_lone_rating(
    qtbot: QtBot, team: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    page = make_page(
        qtbot, team, tasks, Files(tmp_path), now=dt.datetime(2026, 10, 31, 12, tzinfo=dt.UTC), months=1
    )
    cards = page.dashboard.cards
    assert all(card.shows_chart for card in cards.values())
    assert cards[USAGE].subtitle.text().endswith("· Oct 2026 (so far)")
    chart = page.dashboard.chart(USAGE)
    plot = chart.plot()
    (opens,) = plot.series("opens")
    (shares,) = plot.series("shares")
    assert (opens.key, opens.value, shares.value) == ("2026-10", 14, 1)
    assert opens.rect.width() == MAX_BAR  # a pair of bars, not a slab as wide as the chart
    assert opens.rect.right() < plot.area.center().x() < shares.rect.left()
    assert plot.segments == []
    ratings = page.dashboard.chart(RATINGS).plot()
    assert [(m.key, round(m.value, 2)) for m in ratings.series("stars")] == [("2026-10", 2.57)]
    assert ratings.segments == []
    assert chart.tooltip_at(QPointF(QPoint(1, 1))) == ""  # outside every month
