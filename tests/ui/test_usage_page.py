"""Marketing's Usage page on a real store: an indexed collateral folder, reps' usage ingested and rolled up
as a pull does, and the page's figures read in the background. Each test asserts what a marketer sees:
the cells, their order, the tooltips, the page map, the exported files."""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from enablement_app.analytics.heatmaps import unknown_asset_title
from enablement_app.library.workspace import Workspace
from enablement_app.store import Store
from enablement_app.store.models import Asset
from tests.analytics.heatmap_usage import (
    ANA,
    DECK_TITLE,
    GUIDE_TITLE,
    LAST_WEEK,
    PRICING_TITLE,
    THIS_WEEK,
    TOP_REPS,
    TWO_WEEKS_AGO,
    UNKNOWN,
    ingest_usage,
)
from tests.analytics.usage_events import ingest
from tests.conftest import Clock
from ui.marketing.chart_export import PNG_FILTER
from ui.marketing.heat_models import AttentionRole, HeatRole
from ui.marketing.page_thumbnails import LibraryPageThumbnails
from ui.marketing.usage_page import ASSETS, NO_USAGE, PAGES, SEARCHES, UsagePage
from ui.tasks import TaskRunner

WAIT = 15_000
UNKNOWN_TITLE = unknown_asset_title(UNKNOWN)


@dataclass
class Saves:
    """Answers the page's "Save as" dialogs with files in a folder, and remembers what was asked."""

    folder: Path
    asked: list[tuple[str, str]]
    cancel: bool = False

    def __call__(self, _parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
        self.asked.append((caption, suggested.name))
        return None if self.cancel else self.folder / suggested.name


@dataclass
class Parts:
    store: Store
    tasks: TaskRunner
    thumbnails: LibraryPageThumbnails
    ids: dict[str, str]
    saves: Saves


@pytest.fixture
def parts(workspace: Workspace, library: Path, tmp_path: Path) -> Iterator[Parts]:
    """The store of a marketer who indexed the collateral folder and pulled the reps' usage."""
    workspace.index(library)
    with workspace.store.sessions() as session:
        ids = {asset.title: asset.id for asset in session.scalars(select(Asset))}
    tasks = TaskRunner()
    thumbnails = LibraryPageThumbnails(workspace.store)
    exports = tmp_path / "exports"
    exports.mkdir()
    yield Parts(workspace.store, tasks, thumbnails, ids, Saves(exports, []))
    tasks.shutdown()
    thumbnails.close()


@pytest.fixture
def used(parts: Parts) -> Parts:
    ingest_usage(parts.store, parts.ids)
    return parts


def open_page(qtbot: QtBot, parts: Parts, clock: Clock, *, top_reps: frozenset[str] = TOP_REPS) -> UsagePage:
    page = UsagePage(
        parts.store,
        parts.tasks,
        clock=clock,
        top_reps=lambda: top_reps,
        thumbnails=parts.thumbnails,
        save_path=parts.saves,
    )
    qtbot.addWidget(page)
    page.resize(1300, 760)
    with qtbot.waitSignal(page.reps_counted, timeout=WAIT, check_params_cb=lambda chart: chart == ASSETS):
        page.show()
    return page


def rows(page: UsagePage) -> list[str]:
    model = page.asset_model if page.current_chart() == ASSETS else page.search_model
    return [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]


def column_of(page: UsagePage, week: dt.date) -> int:
    return page.asset_model.weeks.index(week)


def cells(page: UsagePage) -> dict[str, dict[dt.date, int]]:
    """The non-zero week cells of the asset grid as the model gives them to the delegate."""
    model = page.asset_model
    return {
        model.headerData(row, Qt.Orientation.Vertical): {
            week: model.index(row, column).data(HeatRole.VALUE)
            for column, week in enumerate(model.weeks)
            if model.index(row, column).data(HeatRole.VALUE)
        }
        for row in range(model.rowCount())
    }


def refreshed(qtbot: QtBot, page: UsagePage, chart: str = ASSETS) -> object:
    """Waits for the chart's new figures, with the reps of a grid's cells (counted after it shows)."""
    signal = page.figures_shown if chart == PAGES else page.reps_counted
    return qtbot.waitSignal(signal, timeout=WAIT, check_params_cb=lambda shown: shown == chart)


def test_asset_grid_shows_opens_by_week_most_used_first(
    qtbot: QtBot, qtmodeltester: ModelTester, used: Parts, clock: Clock
) -> None:
    page = open_page(qtbot, used, clock)
    qtmodeltester.check(page.asset_model)
    model = page.asset_model
    assert rows(page) == [PRICING_TITLE, DECK_TITLE, UNKNOWN_TITLE, GUIDE_TITLE]
    assert model.columnCount() == 13  # twelve weeks and the total
    assert model.headerData(11, Qt.Orientation.Horizontal) == "2 Nov"
    assert model.headerData(12, Qt.Orientation.Horizontal) == "Total"
    assert cells(page) == {
        PRICING_TITLE: {TWO_WEEKS_AGO: 5, THIS_WEEK: 6},
        DECK_TITLE: {LAST_WEEK: 9, THIS_WEEK: 1},
        UNKNOWN_TITLE: {THIS_WEEK: 1},
        GUIDE_TITLE: {TWO_WEEKS_AGO: 1},
    }
    quiet = model.index(0, column_of(page, LAST_WEEK))  # nobody touched pricing last week: a zero cell
    assert (quiet.data(), quiet.data(HeatRole.VALUE), quiet.data(HeatRole.HEAT)) == ("0", 0, 0.0)
    hottest = model.index(1, column_of(page, LAST_WEEK))
    assert hottest.data(HeatRole.HEAT) == 1.0  # the deck's 9 opens top the ramp
    assert model.index(0, 12).data() == "11" and model.index(0, 12).data(HeatRole.TOTAL)

    this_week = model.index(0, column_of(page, THIS_WEEK))
    assert (
        this_week.data(Qt.ItemDataRole.ToolTipRole)
        == "Pricing sheet 2026 · week of 2 Nov: 6 opens, 1 share by 3 reps"
    )
    assert (
        quiet.data(Qt.ItemDataRole.ToolTipRole) == "Pricing sheet 2026 · week of 26 Oct: no opens or shares"
    )
    assert model.index(0, 12).data(Qt.ItemDataRole.ToolTipRole) == (
        "Pricing sheet 2026 · 12 weeks, 17 Aug to 8 Nov 2026: 11 opens, 3 shares"
    )
    assert page.asset_legend.describe() == "1 to 9 opens a week"
    assert page.summary.text() == "4 assets · 23 opens · 4 shares · 12 weeks, 17 Aug to 8 Nov 2026"
    assert page.asset_stack.currentWidget() is page.asset_table
    assert not page.busy.isVisible()


def test_measure_switch_shows_shares_or_both(
    qtbot: QtBot, qtmodeltester: ModelTester, used: Parts, clock: Clock
) -> None:
    page = open_page(qtbot, used, clock)
    with refreshed(qtbot, page):
        page.measure_buttons["shares"].click()
    qtmodeltester.check(page.asset_model)
    assert cells(page) == {PRICING_TITLE: {TWO_WEEKS_AGO: 2, THIS_WEEK: 1}, DECK_TITLE: {LAST_WEEK: 1}}
    assert page.asset_legend.describe() == "1 to 2 shares a week"
    with refreshed(qtbot, page):
        page.measure_buttons["both"].click()
    assert [page.asset_model.index(row, 12).data() for row in range(4)] == ["14", "11", "1", "1"]


def test_team_tier_and_stage_filters_change_the_cells(qtbot: QtBot, used: Parts, clock: Clock) -> None:
    page = open_page(qtbot, used, clock)
    bar = page.filter_bar
    assert bar.teams.isEnabled() and not bar.clear_button.isVisible()
    with refreshed(qtbot, page):
        bar.teams.action_for("Enterprise").trigger()
    assert bar.teams.text() == "Team: Enterprise ▾"
    assert cells(page) == {PRICING_TITLE: {THIS_WEEK: 3}, DECK_TITLE: {THIS_WEEK: 1}}
    assert bar.clear_button.isVisible()

    with refreshed(qtbot, page):
        bar.clear_button.click()
    assert rows(page) == [PRICING_TITLE, DECK_TITLE, UNKNOWN_TITLE, GUIDE_TITLE]

    assert bar.tier.isEnabled()
    with refreshed(qtbot, page):
        bar.tier.setCurrentIndex(bar.tier.findText("The rest"))
    assert cells(page) == {
        DECK_TITLE: {LAST_WEEK: 9},  # without Ana, the deck leads
        PRICING_TITLE: {TWO_WEEKS_AGO: 5, THIS_WEEK: 3},
        UNKNOWN_TITLE: {THIS_WEEK: 1},
        GUIDE_TITLE: {TWO_WEEKS_AGO: 1},
    }
    with refreshed(qtbot, page):
        bar.stages.action_for("decision").trigger()
    assert cells(page) == {PRICING_TITLE: {TWO_WEEKS_AGO: 5, THIS_WEEK: 3}}
    assert bar.describe() == "The rest · stage Decision"


def test_tier_is_offered_only_with_top_reps(qtbot: QtBot, used: Parts, clock: Clock) -> None:
    page = open_page(qtbot, used, clock, top_reps=frozenset())
    assert not page.filter_bar.tier.isEnabled()
    assert "crm import" in page.filter_bar.tier.toolTip()


def test_an_answer_for_filters_changed_meanwhile_is_dropped(qtbot: QtBot, used: Parts, clock: Clock) -> None:
    page = open_page(qtbot, used, clock)
    shown: list[str] = []
    page.figures_shown.connect(shown.append)
    bar = page.filter_bar
    with refreshed(qtbot, page):
        # both reads start before either answer can be delivered: the first one's is stale
        bar.teams.action_for("Enterprise").trigger()
        assert page.busy.isVisibleTo(page)
        bar.teams.action_for("Enterprise").trigger()
    qtbot.wait(200)  # the stale answer, had it been shown, would have come by now
    assert shown == [ASSETS]
    assert rows(page) == [PRICING_TITLE, DECK_TITLE, UNKNOWN_TITLE, GUIDE_TITLE]
    assert not page.busy.isVisibleTo(page)


def test_switching_charts_while_a_read_is_under_way_shows_both(
    qtbot: QtBot, used: Parts, clock: Clock
) -> None:
    page = open_page(qtbot, used, clock)

    def to_searches(chart: str) -> None:  # the marketer switches as soon as the shares grid shows
        page.figures_shown.disconnect(to_searches)
        page.tabs.setCurrentIndex(1)

    page.figures_shown.connect(to_searches)
    with refreshed(qtbot, page, SEARCHES):
        page.measure_buttons["shares"].click()
    assert rows(page) == ["Pricing retail", "battlecard", "SOC 2"]
    # the shares grid's reps were counted meanwhile: going back needs no read at all
    qtbot.waitUntil(lambda: "by 3 reps" in page.asset_model.index(0, 11).data(Qt.ItemDataRole.ToolTipRole))
    with qtbot.assertNotEmitted(page.figures_shown):
        page.tabs.setCurrentIndex(0)
    assert rows(page) == [PRICING_TITLE, DECK_TITLE]
    assert not page.busy.isVisibleTo(page)


def test_search_grid_ranks_queries_and_flags_searches_that_found_nothing(
    qtbot: QtBot, qtmodeltester: ModelTester, used: Parts, clock: Clock
) -> None:
    page = open_page(qtbot, used, clock)
    with refreshed(qtbot, page, SEARCHES):
        page.tabs.setCurrentIndex(1)
    model = page.search_model
    qtmodeltester.check(model)
    # as reps typed them most ("Pricing retail" twice, "retail pricing" once), equally searched ones
    # alphabetically
    assert rows(page) == ["Pricing retail", "battlecard", "SOC 2"]
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == (
        "“Pricing retail”, as reps typed it most: searches with the same words in any case, order or "
        "punctuation count here too"
    )
    this_week, last_week = model.weeks.index(THIS_WEEK), model.weeks.index(LAST_WEEK)
    pricing = model.index(0, this_week)
    assert (pricing.data(HeatRole.VALUE), pricing.data(HeatRole.FLAG)) == (3, True)
    assert pricing.data(Qt.ItemDataRole.ToolTipRole) == (
        "“Pricing retail” · week of 2 Nov: 3 searches by 2 reps; 1 found nothing, 2 opened nothing"
    )
    assert model.index(2, last_week).data(HeatRole.VALUE) == 1
    assert not model.index(1, this_week).data(HeatRole.FLAG)
    assert [model.index(row, 13).data() for row in range(3)] == ["1", "0", "1"]  # "No results"
    assert model.headerData(13, Qt.Orientation.Horizontal) == "No results"
    assert page.search_legend.describe() == "1 to 3 searches a week"
    assert page.summary.text().startswith("3 queries · 12 weeks")

    with refreshed(qtbot, page, SEARCHES):
        page.filter_bar.roles.action_for("manager").trigger()
    assert rows(page) == ["SOC 2"]


def test_clicking_an_asset_opens_the_page_attention_map(
    qtbot: QtBot, qtmodeltester: ModelTester, used: Parts, clock: Clock
) -> None:
    page = open_page(qtbot, used, clock)
    table = page.asset_table
    deck_cell = page.asset_model.index(1, column_of(page, LAST_WEEK))
    with refreshed(qtbot, page, PAGES):
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(deck_cell).center()
        )
    model = page.page_model
    qtmodeltester.check(model)
    pane = page.attention
    assert pane.title.text() == DECK_TITLE
    assert pane.subtitle.text() == (
        "Version 1 · 10 opens and 71 page views by 2 reps · 12 weeks, 17 Aug to 8 Nov 2026 · All reps"
    )
    assert pane.summary.isVisibleTo(page) and pane.summary.text() == "Reps skip slides 7–9"
    views = [model.index(row).data(AttentionRole.VIEWS) for row in range(model.rowCount())]
    assert views == [10, 10, 10, 10, 10, 10, 1, 0, 0, 10]
    assert [model.index(row).data() for row in (0, 6)] == ["Slide 1", "Slide 7"]
    assert model.index(6).data(AttentionRole.CAPTION) == "1 view · 7 s avg"
    assert model.index(7).data(AttentionRole.CAPTION) == "not viewed"
    assert model.index(6).data(AttentionRole.SKIPPED) and not model.index(5).data(AttentionRole.SKIPPED)
    assert model.index(1).data(Qt.ItemDataRole.ToolTipRole) == (
        "Slide 2: 10 views by 2 reps, 2 s on average; reached on 100% of opens"
    )
    assert model.index(9).data(AttentionRole.DWELL) == 1.0  # slide 10 holds reps longest
    assert page.attention.legend.describe() == "1 to 10 views of a page"
    # a deck has no page pictures without LibreOffice: numbered tiles, nothing waits for pictures
    assert model.index(0).data(Qt.ItemDataRole.DecorationRole) is None

    page.attention.back_button.click()
    assert page.current_chart() == ASSETS
    with refreshed(qtbot, page, PAGES):
        page.asset_table.verticalHeader().sectionClicked.emit(0)  # the row's name is clickable too
    assert pane.title.text() == PRICING_TITLE
    pages = [
        (model.index(r).data(AttentionRole.VIEWS), model.index(r).data(AttentionRole.CAPTION))
        for r in range(2)
    ]
    assert pages == [(4, "4 views · 17 s avg"), (2, "2 views · 30 s avg")]
    assert not pane.summary.isVisibleTo(page)  # too few views to say anything is skipped
    # the PDF's pages are drawn in the background
    qtbot.waitUntil(
        lambda: all(model.index(r).data(Qt.ItemDataRole.DecorationRole) is not None for r in range(2)),
        timeout=WAIT,
    )


def test_an_asset_nobody_paged_through_says_so(qtbot: QtBot, used: Parts, clock: Clock) -> None:
    page = open_page(qtbot, used, clock)
    with refreshed(qtbot, page, PAGES):
        page.open_asset(UNKNOWN, UNKNOWN_TITLE)
    assert page.attention.stack.currentWidget() is page.attention.empty
    assert page.attention.empty.text().startswith("No pages of this asset were viewed in these weeks")
    assert not page.export_png_button.isEnabled()
    with refreshed(qtbot, page, PAGES):
        page.open_asset(used.ids[GUIDE_TITLE], GUIDE_TITLE)
    assert page.page_model.rowCount() == 2  # the guide's two sections: tiles nobody viewed
    assert page.attention.summary.text() == "Nobody paged through this version in these weeks: 1 open."


def test_exports_write_the_grids_figures_and_a_picture_of_the_whole_chart(
    qtbot: QtBot, used: Parts, clock: Clock
) -> None:
    page = open_page(qtbot, used, clock)
    with qtbot.waitSignal(page.exported, timeout=WAIT) as written:
        page.export_csv_button.click()
    path = Path(written.args[0])
    assert path.name == "usage-opens-2026-08-17-to-2026-11-02.csv"
    with path.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert table[0][:4] == ["Asset", "Asset id", "Stage", "Kind"]
    assert table[0][4] == "2026-08-17" and table[0][15] == "2026-11-02"
    assert table[0][16:] == ["Total opens", "Opens", "Shares"]
    assert table[1][:4] == [PRICING_TITLE, used.ids[PRICING_TITLE], "decision", "pdf"]
    assert table[1][4:] == ["0"] * 9 + ["5", "0", "6", "11", "11", "3"]
    assert [row[0] for row in table[1:]] == [PRICING_TITLE, DECK_TITLE, UNKNOWN_TITLE, GUIDE_TITLE]

    with qtbot.waitSignal(page.exported, timeout=WAIT) as written:
        page.export_png_button.click()
    picture = QImage(written.args[0])
    assert not picture.isNull()
    assert used.saves.asked[-1] == (
        "Export the chart as a picture",
        "usage-opens-2026-08-17-to-2026-11-02.png",
    )
    # every row is drawn at full size, with room for the title and the legend
    assert picture.height() >= 2 * (4 * 26 + 60) and picture.width() >= 2 * 600
    assert (
        len(
            {picture.pixel(x, y) for x in range(0, picture.width(), 7) for y in range(0, picture.height(), 7)}
        )
        > 20
    )

    with refreshed(qtbot, page, SEARCHES):
        page.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(page.exported, timeout=WAIT) as written:
        page.export_csv_button.click()
    with Path(written.args[0]).open(encoding="utf-8-sig", newline="") as stream:
        searches = list(csv.reader(stream))
    assert searches[0][:2] == ["Query", "Grouped as"]
    assert searches[1][:2] == ["Pricing retail", "pricing retail"] and searches[1][-3:] == ["3", "1", "2"]

    with refreshed(qtbot, page, PAGES):
        page.open_asset(used.ids[DECK_TITLE], DECK_TITLE)
    with qtbot.waitSignal(page.exported, timeout=WAIT) as written:
        page.export_csv_button.click()
    assert Path(written.args[0]).name == "pages-lumora-forecast-pitch-deck.csv"
    with Path(written.args[0]).open(encoding="utf-8-sig", newline="") as stream:
        pages = list(csv.reader(stream))
    assert pages[0][0] == "Slide" and pages[7] == ["7", "1", "1", "7000", "7000", "0.1"]
    with qtbot.waitSignal(page.exported, timeout=WAIT) as written:
        page.export_png_button.click()
    tiles = QImage(written.args[0])
    assert not tiles.isNull() and tiles.height() >= 2 * 2 * 190  # ten tiles: two rows of five


def test_a_cancelled_save_writes_nothing(qtbot: QtBot, used: Parts, clock: Clock) -> None:
    page = open_page(qtbot, used, clock)
    used.saves.cancel = True
    with qtbot.assertNotEmitted(page.exported):
        page.export_csv_button.click()
        page.export_png_button.click()
    assert list(used.saves.folder.iterdir()) == []
    assert [caption for caption, _ in used.saves.asked] == [
        "Export the figures as CSV",
        "Export the chart as a picture",
    ]
    assert PNG_FILTER.endswith("(*.png)")


def test_no_usage_yet_says_where_it_comes_from(qtbot: QtBot, parts: Parts, clock: Clock) -> None:
    page = open_page(qtbot, parts, clock)
    assert page.asset_stack.currentWidget() is page.asset_empty
    assert page.asset_empty.text() == NO_USAGE
    assert page.asset_empty.text().startswith("No usage ingested yet — pull reps' usage from the hub")
    assert not page.export_png_button.isEnabled() and not page.export_csv_button.isEnabled()
    assert page.asset_legend.describe() == "Nothing to colour yet"
    assert not page.filter_bar.teams.isEnabled()
    with refreshed(qtbot, page, SEARCHES):
        page.tabs.setCurrentIndex(1)
    assert page.search_empty.text() == NO_USAGE


def test_events_not_in_the_figures_yet_are_explained(qtbot: QtBot, parts: Parts, clock: Clock) -> None:
    ingest(parts.store, [ANA.event("open", parts.ids[PRICING_TITLE], target="file")])
    page = open_page(qtbot, parts, clock)
    assert page.asset_empty.text().startswith("1 event pulled from the hub is not in the figures yet")


def test_weeks_without_usage_suggest_more_weeks(qtbot: QtBot, parts: Parts, clock: Clock) -> None:
    # the only usage is 20 weeks old
    ingest_usage(parts.store, parts.ids)
    clock.now += dt.timedelta(weeks=30)
    page = open_page(qtbot, parts, clock)
    assert page.asset_empty.text() == (
        "No asset was opened in 12 weeks, 15 Mar to 6 Jun 2027 (All reps).\nChoose more weeks."
    )
    with refreshed(qtbot, page):
        page.filter_bar.weeks.setCurrentIndex(page.filter_bar.weeks.findText("All time"))
    assert rows(page) == [PRICING_TITLE, DECK_TITLE, GUIDE_TITLE, UNKNOWN_TITLE]
    assert len(page.asset_model.weeks) == 51  # from the guide's first use, 20 weeks before FIXED_NOW


def test_a_failed_read_is_one_sentence_and_a_logged_traceback(
    qtbot: QtBot, used: Parts, clock: Clock, log_warnings: list[logging.LogRecord]
) -> None:
    def broken() -> frozenset[str]:
        raise RuntimeError("the CRM import is damaged")

    page = UsagePage(used.store, used.tasks, clock=clock, top_reps=broken, save_path=used.saves)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.load_failed, timeout=WAIT) as failed:
        page.show()
    assert failed.args[0].startswith(
        "The figures could not be read (RuntimeError: the CRM import is damaged)"
    )
    assert page.asset_empty.text() == failed.args[0]
    assert [record.levelname for record in log_warnings] == ["ERROR"]
    assert "Traceback" in log_warnings[0].getMessage()


def test_the_grid_model_is_empty_before_figures_arrive(qtmodeltester: ModelTester) -> None:
    from ui.marketing.heat_models import AssetWeekModel, PageAttentionModel, SearchWeekModel

    for model in (AssetWeekModel(), SearchWeekModel(), PageAttentionModel()):
        qtmodeltester.check(model)
        assert model.rowCount(QModelIndex()) == 0


def test_tooltips_say_how_many_reps_once_they_are_counted(
    qtmodeltester: ModelTester, used: Parts, clock: Clock
) -> None:
    from enablement_app.analytics.heatmaps import UsageFilter, asset_week_grid, count_reps
    from ui.marketing.heat_models import AssetWeekModel

    grid = asset_week_grid(used.store, UsageFilter.last_weeks(clock), reps=False)
    model = AssetWeekModel()
    model.set_grid(grid)
    qtmodeltester.check(model)
    cell = model.index(0, model.weeks.index(THIS_WEEK))
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Pricing sheet 2026 · week of 2 Nov: 6 opens, 1 share"
    changed: list[object] = []
    model.dataChanged.connect(lambda first, last, roles: changed.append(roles))
    model.set_reps(count_reps(used.store, grid))
    assert changed == [[Qt.ItemDataRole.ToolTipRole]]
    assert (
        cell.data(Qt.ItemDataRole.ToolTipRole)
        == "Pricing sheet 2026 · week of 2 Nov: 6 opens, 1 share by 3 reps"
    )
