"""Marketing's insight reports in the window: pick a report, set its window, read its tables, export CSV.

A standalone page for the marketing workspace. Every report runs in the background on the sync lane,
behind any pull of reps' usage, because it first counts newly ingested events into the rollups (two
refreshes at once would be wasted work); only the newest request's answer is shown. The tables are the
same ``report_views`` the command line prints, so the page and `enablement report` never disagree. An
empty report says what is missing and how to get it, instead of showing an empty table.

The monthly alignment report opens as a dashboard of charts ("Charts | Table" switches to its tables),
drawn from the same tables; each chart exports a PNG, and as CSV the table it is drawn from.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from enablement_app.analytics.report_views import (
    MISSING_CRM,
    MISSING_LIBRARY,
    MISSING_USAGE,
    REPORTS,
    SHARE,
    Column,
    ReportParams,
    ReportTable,
    ReportView,
)
from enablement_app.analytics.top_reps import METRIC_LABELS, METRICS, TopRepSettings
from enablement_app.store import Store
from ui.marketing.alignment_dashboard import CSV_TABLES, AlignmentDashboard
from ui.marketing.chart_export import PNG_FILTER, ask_save_path
from ui.marketing.report_table_model import KIND_ROLE, RAW_ROLE, ReportTableModel
from ui.marketing.workspace_view import ViewSwitch
from ui.tasks import TaskRunner
from ui.theme import ACCENT

if TYPE_CHECKING:
    from ui.marketing.crm_import_dialog import CrmImportDialog

log = logging.getLogger(__name__)

# What the page says an empty report lacks, and how to get it in the app.
APP_HINTS = {
    MISSING_USAGE: "Pull reps' usage from the hub: “Pull reps' usage” in the menu under your name.",
    MISSING_CRM: "Import reps' results from your CRM with “Import CRM results…” above.",
    MISSING_LIBRARY: "Index the collateral folder and approve assets in its catalog.",
}
PARAMETER_DELAY_MS = 350  # a spin box held down asks for one report, not one per step
ALIGNMENT = "alignment"
CHARTS, TABLE = "charts", "table"
DASHBOARD_VIEWS = (
    (CHARTS, "Charts", "The monthly alignment as charts, each with its own exports"),
    (TABLE, "Table", "The figures the charts draw, as tables"),
)


def _hidden(column: Column) -> bool:
    """Paths are for the CSV and the terminal; the page names assets by title."""
    return column.detail and column.label == "Path"


def _choose_csv(parent: QWidget | None, suggested: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, "Export the table as CSV", suggested, "CSV files (*.csv)")
    return Path(chosen) if chosen else None


def _choose_png(parent: QWidget | None, suggested: str) -> Path | None:
    return ask_save_path(parent or QWidget(), "Export the chart as a picture", Path(suggested), PNG_FILTER)


class ShareBarDelegate(QStyledItemDelegate):
    """Paints a share (0 to 100%) as a thin bar under its text, so a column of shares reads at a glance."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        value = index.data(RAW_ROLE)
        if index.data(KIND_ROLE) != SHARE or not isinstance(value, int | float):
            return
        rect: QRect = option.rect.adjusted(4, 0, -4, -3)
        width = int(rect.width() * max(0.0, min(1.0, float(value))))
        painter.save()
        colour = QColor(ACCENT)
        colour.setAlpha(150)
        painter.fillRect(rect.left(), rect.bottom() - 2, width, 3, colour)
        painter.restore()


class ReportsPage(QWidget):
    report_shown = Signal(str)  # a report's figures (or its empty state) are on screen: its name
    report_failed = Signal(str)  # the sentence the page shows
    csv_exported = Signal(str)  # the file written
    csv_failed = Signal(str)
    png_exported = Signal(str)  # the file written
    png_failed = Signal(str)

    def __init__(
        self,
        store: Store,
        tasks: TaskRunner,
        *,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        choose_csv: Callable[[QWidget | None, str], Path | None] = _choose_csv,
        choose_png: Callable[[QWidget | None, str], Path | None] = _choose_png,
        choose_crm_file: Callable[[QWidget | None], Path | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._clock = clock
        self._choose_csv = choose_csv
        self._choose_png = choose_png
        self._choose_crm_file = choose_crm_file
        self._request = 0
        self._stop = threading.Event()
        self.view: ReportView | None = None
        self.models: dict[str, ReportTableModel] = {}
        self.crm_dialog: CrmImportDialog | None = None
        self._shown = False

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        controls = QHBoxLayout()
        self.picker = QComboBox()
        for kind in REPORTS.values():
            self.picker.addItem(kind.title, kind.name)
        self.picker.setAccessibleName("Report")
        controls.addWidget(self.picker)
        self.days, self.days_label = self._spin(controls, "Last", 1, 3660, 90, " days")
        self.months, self.months_label = self._spin(controls, "Last", 1, 60, 6, " months")
        self.limit, self.limit_label = self._spin(controls, "Show", 1, 10_000, 50, " searches")
        self.fraction_label = QLabel("Top")
        self.fraction = QDoubleSpinBox()
        self.fraction.setRange(1, 100)
        self.fraction.setDecimals(0)
        self.fraction.setSuffix(" %")
        self.metric_choice = QComboBox()
        for metric in METRICS:
            self.metric_choice.addItem(f"by {METRIC_LABELS[metric]}", metric)
        for widget in (self.fraction_label, self.fraction, self.metric_choice):
            controls.addWidget(widget)
        self.deals_only = QCheckBox("Used in a deal only")
        controls.addWidget(self.deals_only)
        controls.addStretch(1)
        self.import_button = QPushButton("Import CRM results…")
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setEnabled(False)
        self.view_switch = ViewSwitch(segments=DASHBOARD_VIEWS)
        self.view_switch.setVisible(False)
        controls.addWidget(self.import_button)
        controls.addWidget(self.view_switch)
        controls.addWidget(self.export_button)
        layout.addLayout(controls)

        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setEnabled(False)  # the muted colour of a hint
        layout.addWidget(self.description)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.body = QStackedWidget()
        self.empty_state = QLabel()
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setStyleSheet("font-size: 13pt; padding: 32px;")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.dashboard = AlignmentDashboard()
        self.body.addWidget(self.empty_state)
        self.body.addWidget(self.tabs)
        self.body.addWidget(self.dashboard)
        layout.addWidget(self.body, 1)
        self._delegate = ShareBarDelegate(self)

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(PARAMETER_DELAY_MS)
        self._load_top_rep_settings()

        self.picker.currentIndexChanged.connect(self.on_picker_current_index_changed)
        for spin in (self.days, self.months, self.limit):
            spin.valueChanged.connect(self.on_parameter_changed)
        self.fraction.valueChanged.connect(self.on_parameter_changed)
        self.metric_choice.currentIndexChanged.connect(self.on_parameter_changed)
        self.deals_only.toggled.connect(self.on_parameter_changed)
        self._delay.timeout.connect(self.refresh)
        self.import_button.clicked.connect(self.on_import_button_clicked)
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.view_switch.view_chosen.connect(self.on_view_switch_view_chosen)
        self.dashboard.png_export_chosen.connect(self.on_dashboard_png_export_chosen)
        self.dashboard.csv_export_chosen.connect(self.on_dashboard_csv_export_chosen)
        self._show_parameters()

    def _spin(
        self, row: QHBoxLayout, label: str, low: int, high: int, value: int, suffix: str
    ) -> tuple[QSpinBox, QLabel]:
        caption = QLabel(label)
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setAccessibleName(f"{label}{suffix}")
        row.addWidget(caption)
        row.addWidget(spin)
        return spin, caption

    def _load_top_rep_settings(self) -> None:
        """The stored top-rep choice (publishing uses the same), read once: a tiny settings read."""
        from enablement_app.analytics.top_reps import load_top_rep_settings

        settings = load_top_rep_settings(self._store)
        self._top_period = settings.period
        self.fraction.setValue(round(settings.fraction * 100))
        self.metric_choice.setCurrentIndex(max(0, self.metric_choice.findData(settings.metric)))

    def _today(self) -> dt.date:
        """The day reports end on, the same one the rollups count days back from (UTC)."""
        return self._clock().date()

    @property
    def report_name(self) -> str:
        return str(self.picker.currentData())

    def show_report(self, name: str) -> None:
        """Show the report called ``name`` (a key of ``REPORTS``) and compute it."""
        index = self.picker.findData(name)
        if index < 0:
            raise KeyError(name)
        if index == self.picker.currentIndex():
            self.refresh()
        else:
            self.picker.setCurrentIndex(index)  # refreshes through the slot

    def params(self) -> ReportParams:
        return ReportParams(
            days=self.days.value(),
            months=self.months.value(),
            limit=self.limit.value(),
            used_in_deal_only=self.deals_only.isChecked(),
            top_reps=TopRepSettings(
                fraction=self.fraction.value() / 100,
                metric=str(self.metric_choice.currentData()),
                period=self._top_period,
            ),
        )

    # -- slots -------------------------------------------------------------------------------------

    def on_picker_current_index_changed(self, _index: int) -> None:
        self._show_parameters()
        self.refresh()

    def on_parameter_changed(self) -> None:
        self._delay.start()

    def on_import_button_clicked(self) -> None:
        from ui.marketing.crm_import_dialog import CrmImportDialog

        kwargs = {"choose_file": self._choose_crm_file} if self._choose_crm_file is not None else {}
        dialog = CrmImportDialog(self._store, self._tasks, clock=self._clock, parent=self, **kwargs)
        dialog.import_finished.connect(self.on_crm_dialog_import_finished)
        self.crm_dialog = dialog
        dialog.open()
        dialog.choose_file()

    def on_crm_dialog_import_finished(self, _imported: object) -> None:
        self.refresh()

    def on_export_button_clicked(self) -> None:
        view = self.view
        if view is None or view.missing:
            return
        index = self.tabs.currentIndex()
        self._export_csv(view, view.tables[index] if 0 <= index < len(view.tables) else view.tables[0])

    def on_view_switch_view_chosen(self, _view: str) -> None:
        self._show_body()

    def on_dashboard_csv_export_chosen(self, chart: str) -> None:
        """A chart's figures: the report's table it is drawn from, as the table's own export writes it."""
        view = self.view
        if view is None or view.missing:
            return
        self._export_csv(view, view.table(CSV_TABLES[chart]))

    def on_dashboard_png_export_chosen(self, chart: str) -> None:
        view = self.view
        if view is None or view.missing:
            return
        path = self._choose_png(self, f"{view.name}-{chart}-{self._today().isoformat()}.png")
        if path is None:
            return
        image = self.dashboard.image(chart)  # painted here (it reads the widgets); encoded and written off it

        def work() -> Path:
            from ui.marketing.chart_export import write_png

            write_png(path, image)
            return path

        self._tasks.run(work, on_success=self._on_png_exported, on_failure=self._on_png_failed)

    def _export_csv(self, view: ReportView, table: ReportTable) -> None:
        suffix = "" if table is view.tables[0] else f"-{table.name}"
        path = self._choose_csv(self, f"{view.name}{suffix}-{self._today().isoformat()}.csv")
        if path is None:
            return

        def work() -> Path:
            from enablement_app.analytics.report_views import write_csv

            with path.open("w", encoding="utf-8-sig", newline="") as file:  # a BOM: Excel reads UTF-8
                write_csv(table, file)
            return path

        self._tasks.run(work, on_success=self._on_exported, on_failure=self._on_export_failed)

    # -- running a report --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the chosen report now, in the background; an older request still running is dropped."""
        self._delay.stop()
        self._stop.set()  # a refresh of the rollups still waiting for the lane need not finish its work
        self._stop = stop = threading.Event()
        self._request += 1
        request = self._request
        name, params, today, store = self.report_name, self.params(), self._today(), self._store
        self.export_button.setEnabled(False)
        self.summary.setText("Counting the newest usage…" if self.view is None else self.summary.text())

        def work() -> ReportView | None:
            from enablement_app.analytics.report_views import build_report
            from enablement_app.analytics.rollups import refresh_rollups
            from enablement_app.analytics.top_reps import load_top_rep_settings, save_top_rep_settings

            if stop.is_set():
                return None
            refresh_rollups(store, should_stop=stop.is_set)
            if params.top_reps is not None and params.top_reps != load_top_rep_settings(store):
                save_top_rep_settings(store, params.top_reps)  # what publishing uses from now on
            return build_report(store, name, today, params)

        self._tasks.run(
            work,
            on_success=lambda view: self._on_report_ready(request, view, today, params),
            on_failure=lambda error: self._on_report_failed(request, error),
            lane="sync",
        )

    def _on_report_ready(
        self, request: int, view: ReportView | None, today: dt.date, params: ReportParams
    ) -> None:
        if request != self._request or view is None:
            return  # a newer request is on its way
        self.view = view
        kind = REPORTS[view.name]
        self.description.setText(kind.description)
        if view.missing:
            self.summary.setText("")
            self.empty_state.setText(f"<b>{view.empty}.</b><br>{APP_HINTS.get(view.missing, '')}")
            self.body.setCurrentWidget(self.empty_state)
            self.view_switch.setVisible(False)
            self.export_button.setVisible(True)
            self.models = {}
            self.tabs.clear()
            self.report_shown.emit(view.name)
            return
        self.summary.setText("\n".join(view.summary))
        self._show_tables(view)
        if view.name == ALIGNMENT:
            from enablement_app.analytics.alignment_charts import alignment_figures

            self.dashboard.show_figures(alignment_figures(view, today=today, days=params.days))
        self._show_body()
        self.export_button.setEnabled(True)
        self.report_shown.emit(view.name)

    def _show_body(self) -> None:
        """The alignment's charts or its tables, as the switch says; every other report's tables. The
        charts carry their own exports, so the tables' "Export CSV…" shows with the tables only."""
        view = self.view
        if view is None or view.missing:
            return
        dashboard = view.name == ALIGNMENT
        charts = dashboard and self.view_switch.view == CHARTS
        self.view_switch.setVisible(dashboard)
        self.export_button.setVisible(not charts)
        self.body.setCurrentWidget(self.dashboard if charts else self.tabs)

    def _show_tables(self, view: ReportView) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.models = {}
        for table in view.tables:
            model = ReportTableModel(table)
            self.models[table.name] = model
            stack = QStackedWidget()
            grid = QTableView()
            grid.setModel(model)
            grid.setItemDelegate(self._delegate)
            grid.setAlternatingRowColors(True)
            grid.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            grid.verticalHeader().setVisible(False)
            grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            shown = [spec for spec in table.columns if not _hidden(spec)]
            # a last column of words (a note, a comment) takes the spare width; a number stays beside its
            # neighbours instead of being pushed to the far edge of the table (Qt stretches the last shown)
            grid.horizontalHeader().setStretchLastSection(bool(shown) and not shown[-1].numeric)
            for column, spec in enumerate(table.columns):
                grid.setColumnHidden(column, _hidden(spec))
            empty = QLabel(f"{table.empty}.")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setWordWrap(True)
            stack.addWidget(grid)
            stack.addWidget(empty)
            stack.setCurrentWidget(grid if table.rows else empty)
            self.tabs.addTab(stack, table.title if len(view.tables) > 1 else view.title)
        self.tabs.tabBar().setVisible(len(view.tables) > 1)
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def _on_report_failed(self, request: int, error: BaseException) -> None:
        if request != self._request:
            return
        from enablement_app.disk_full import disk_full_sentence

        message = disk_full_sentence(error, self._store.folder, "The report could not be made")
        if message is None:  # the rollups' refresh writes; a full disk stops it, anything else is a bug
            log.error("report failed: %s\n%s", error, getattr(error, "__traceback_text__", ""))
            message = f"The report could not be made: {error}"
        self.summary.setText("")
        self.empty_state.setText(message)
        self.body.setCurrentWidget(self.empty_state)
        self.report_failed.emit(message)

    def _on_exported(self, path: Path) -> None:
        self.summary.setText(f"{self.summary.text()}\nExported to {path}".strip())
        self.csv_exported.emit(str(path))

    def _on_export_failed(self, error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        message = f"Could not export the CSV: {reason}"
        self.summary.setText(message)
        self.csv_failed.emit(message)

    def _on_png_exported(self, path: Path) -> None:
        self.summary.setText(f"{self.summary.text()}\nExported to {path}".strip())
        self.png_exported.emit(str(path))

    def _on_png_failed(self, error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        message = f"Could not export the picture: {reason}"
        self.summary.setText(message)
        self.png_failed.emit(message)

    def _show_parameters(self) -> None:
        """Only the parameters the chosen report reads."""
        wanted = set(REPORTS[self.report_name].parameters)
        # the alignment's days are the window of the funnel stages' use; its months the usage's
        self.days_label.setText("Stages used in the last" if "months" in wanted else "Last")
        for name, widgets in (
            ("days", (self.days, self.days_label)),
            ("months", (self.months, self.months_label)),
            ("limit", (self.limit, self.limit_label)),
            ("top_reps", (self.fraction_label, self.fraction, self.metric_choice)),
            ("used_in_deal_only", (self.deals_only,)),
        ):
            for widget in widgets:
                widget.setVisible(name in wanted)
        self.import_button.setVisible("top_reps" in wanted)

    def showEvent(self, event: QShowEvent) -> None:
        """Open on the monthly alignment dashboard (the page both teams read) the first time marketing opens
        the page, not when the window starts: the first report on a big store reads its rollups from disk."""
        super().showEvent(event)
        if self.view is None and not self._shown:
            self._shown = True
            self.show_report(ALIGNMENT)

    def stop(self) -> None:
        """The window is closing: a refresh of the rollups still running stops between ranges."""
        self._stop.set()
