"""The Reports page on a real analytics store: a team whose rankings are known by construction, and an
empty store."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStackedWidget, QTableView
from pytestqt.qtbot import QtBot

from enablement_app.analytics.rollups import pending_events
from enablement_app.analytics.top_reps import TopRepSettings, load_top_rep_settings
from enablement_app.store import Store
from tests.analytics.team_usage import CRM_EXPORT, add_assets, build_team, team_events
from tests.analytics.usage_events import ingest
from tests.conftest import FIXED_NOW, Clock
from tests.disk_full import disk_full_after
from ui.marketing.report_table_model import RAW_ROLE, ReportTableModel
from ui.marketing.reports_page import ReportsPage
from ui.tasks import TaskRunner

WAIT = 15_000


class Files:
    """Stands in for the file pickers: what the marketer would choose."""

    def __init__(self, tmp_path: Path) -> None:
        self.csv: Path | None = tmp_path / "export.csv"
        self.crm: Path | None = None
        self.suggested: list[str] = []

    def choose_csv(self, _parent: object, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.csv

    def choose_crm(self, _parent: object) -> Path | None:
        return self.crm


def make_page(qtbot: QtBot, store: Store, tasks: TaskRunner, files: Files, name: str) -> ReportsPage:
    page = ReportsPage(
        store,
        tasks,
        clock=Clock(),
        choose_csv=files.choose_csv,
        choose_crm_file=files.choose_crm,
    )
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report(name)
    return page


def column(model: ReportTableModel, number: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    return [model.index(row, number).data(role) for row in range(model.rowCount())]


def grid(page: ReportsPage, tab: int) -> QTableView:
    stack = page.tabs.widget(tab)
    assert isinstance(stack, QStackedWidget)
    view = stack.widget(0)
    assert isinstance(view, QTableView)
    return view


def headers(model: ReportTableModel) -> list[str]:
    return [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]


def test_each_report_shows_the_known_ranking(
    qtbot: QtBot, qtmodeltester: object, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    build_team(store, Clock(), tmp_path)
    files = Files(tmp_path)
    page = make_page(qtbot, store, tasks, files, "top-reps")
    model = page.models["assets"]
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert headers(model)[:4] == ["Asset", "Top reps", "Other reps", "Lift"]
    assert column(model, 0) == ["Secret weapon", "Champion deck", "Price list"]
    assert column(model, 3) == ["–", "6.0×", "0.5×"]
    assert column(model, 1) == ["50%", "100%", "50%"]
    assert column(model, 8)[0] == "only top reps used it"
    assert model.index(1, 3).data(RAW_ROLE) == pytest.approx(6.0)
    assert page.summary.text().startswith("Top reps of 2026-Q3 (top 25% by quota attainment)")
    assert page.fraction.isVisible() and page.import_button.isVisible() and not page.months.isVisible()

    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("dead-content")
    assert page.summary.text() == "3 of 6 approved assets (50%) used in the last 90 days"
    assert column(page.models["assets"], 0) == ["Industry report", "Onboarding guide", "Old brochure"]
    assert column(page.models["assets"], 2) == ["never", "never", "200"]
    assert not page.import_button.isVisible()

    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("content-gaps")
    assert column(page.models["queries"], 0) == ["SOC 2 report", "roi calculator", "German pricing"]
    assert column(page.models["queries"], 1) == ["3", "2", "1"]

    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("ratings")
    assert [page.tabs.tabText(n) for n in range(page.tabs.count())] == [
        "Lowest rated first, then the most used",
        "Comments, by asset as ranked above, newest first",
    ]
    assert column(page.models["assets"], 0) == [
        "Secret weapon",
        "Old brochure",
        "Price list",
        "Champion deck",
    ]
    assert column(page.models["comments"], 4)[1:3] == ["fixed now", "outdated numbers"]
    # the comment count (before the hidden path) stays beside its neighbours; the comments' words stretch
    assert [grid(page, n).horizontalHeader().stretchLastSection() for n in range(2)] == [False, True]

    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("alignment")
    months = page.models["months"]
    qtmodeltester.check(months)  # type: ignore[attr-defined]
    assert [months.index(4, n).data() for n in range(7)] == ["2026-10", "14", "1", "8", "3", "7", "2.6"]
    assert column(page.models["stages"], 0) == ["awareness", "consideration", "decision", "(no stage)"]
    assert column(page.models["stages"], 3) == ["0%", "100%", "100%", "0%"]


def test_changing_a_parameter_runs_the_report_again(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    build_team(store, Clock(), tmp_path)
    page = make_page(qtbot, store, tasks, Files(tmp_path), "dead-content")
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.days.setValue(1)
    assert page.summary.text() == "1 of 6 approved assets (17%) used in the last 1 days"
    assert column(page.models["assets"], 0)[-2:] == ["Price list", "Champion deck"]

    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("top-reps")
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.fraction.setValue(50)
        page.metric_choice.setCurrentIndex(page.metric_choice.findData("win_rate"))
    assert column(page.models["assets"], 0) == []  # 1 day back: nobody opened anything
    # the choice is kept for publishing and the next time the page opens
    assert load_top_rep_settings(store) == TopRepSettings(fraction=0.5, metric="win_rate")


def test_a_report_stopped_by_a_full_disk_says_so_and_the_next_one_is_made(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    build_team(store, Clock(), tmp_path)
    page = make_page(qtbot, store, tasks, Files(tmp_path), "dead-content")
    ingest(store, team_events())  # more usage pulled: the next report first adds it to the rollups

    with disk_full_after(0), qtbot.waitSignal(page.report_failed, timeout=WAIT) as failed:
        page.refresh()

    assert failed.args[0].startswith(f"The report could not be made: the disk holding {store.folder} is full")
    assert page.empty_state.text() == failed.args[0]
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.refresh()
    assert pending_events(store) == 0


def test_an_empty_store_says_what_to_do(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    page = make_page(qtbot, store, tasks, Files(tmp_path), "alignment")
    assert page.body.currentWidget() is page.empty_state
    assert page.empty_state.text() == (
        "<b>No usage ingested yet.</b><br>Pull reps' usage from the hub: “Pull reps' usage” in the menu under "
        "your name."
    )
    assert not page.export_button.isEnabled()
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("dead-content")
    assert page.empty_state.text().startswith("<b>No approved assets in the library.</b>")

    add_assets(store)
    ingest(store, team_events())
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("top-reps")
    assert page.empty_state.text() == (
        "<b>No CRM results imported yet, so there are no top reps.</b><br>Import reps' results from your CRM "
        "with “Import CRM results…” above."
    )
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.show_report("content-gaps")
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        page.days.setValue(1)  # the team's searches are older than a day
    assert page.body.currentWidget() is page.tabs
    grid_or_label = page.tabs.currentWidget()
    assert grid_or_label.currentWidget().text() == "No searches in the last 1 days."  # type: ignore[attr-defined]


def test_importing_crm_results_from_the_page_shows_the_top_reps(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    add_assets(store)
    ingest(store, team_events())
    files = Files(tmp_path)
    files.crm = tmp_path / "salesforce.csv"
    files.crm.write_text(CRM_EXPORT, encoding="utf-8")
    page = make_page(qtbot, store, tasks, files, "top-reps")
    assert page.body.currentWidget() is page.empty_state

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)  # the dialog reads the chosen file
    dialog = page.crm_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(page.report_shown, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert column(page.models["assets"], 0) == ["Secret weapon", "Champion deck", "Price list"]
    assert "Imported the results of 8 reps for 2026-Q3." in dialog.check.text()
    dialog.close()


def test_export_writes_the_shown_table_as_csv(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    build_team(store, Clock(), tmp_path)
    files = Files(tmp_path)
    page = make_page(qtbot, store, tasks, files, "ratings")
    page.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(page.csv_exported, timeout=WAIT) as exported:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert files.suggested == [f"ratings-comments-{FIXED_NOW.date().isoformat()}.csv"]
    assert exported.args == [str(files.csv)]
    assert files.csv is not None
    with files.csv.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Asset", "Rep", "Stars", "Used in a deal", "Comment", "Rated"]
    assert rows[1] == ["Secret weapon", "Ben Okafor", "2", "", "too long", "2026-10-17"]

    files.csv = tmp_path / "no-such-folder" / "x.csv"
    with qtbot.waitSignal(page.csv_failed, timeout=WAIT) as failed:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert failed.args == ["Could not export the CSV: No such file or directory"]


def test_the_model_is_empty_without_a_table(qtmodeltester: object) -> None:
    model = ReportTableModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 0 and model.data(QModelIndex()) is None
