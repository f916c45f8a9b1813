"""Marketing's Usage page: which assets reps open and share week by week, what they search for, and which
pages of an asset they actually read.

Every figure is read in the background (``TaskRunner``) from the rollups by
``enablement_app.analytics.heatmaps``; a busy bar shows while a read is under way. Each chart's reads
are numbered and only the newest one's answer is shown, so a slow read for filters the marketer has since
changed never replaces the newer figures. A grid shows first; the reps of its cells are counted in a
second read (as long again on a year of weeks) and reach the tooltips when they come.

The page takes what it needs as arguments, so the marketing workspace adds it with
``add_page("Usage", page)`` and tests build it on a real store::

    thumbnails = LibraryPageThumbnails(workspace.store, paths.root / "previews")  # the preview's conversions
    page = UsagePage(workspace.store, tasks, clock=workspace.clock, top_reps=lambda: top_rep_ids(store),
                     thumbnails=thumbnails)
    marketing.pull_finished.connect(lambda _report: page.reload())  # the pull refreshed the rollups

and on closing: ``page.close_page()``, ``tasks.shutdown()``, then ``thumbnails.close()`` (its PyMuPDF
documents belong to the render lane).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.marketing.attention_pane import DWELL_NOTE, AttentionPane, skip_summary
from ui.marketing.chart_export import (
    CSV_FILTER,
    PNG_FILTER,
    SavePathChooser,
    ask_save_path,
    grid_image,
    tiles_image,
    write_csv,
    write_png,
)
from ui.marketing.heat_delegates import CELL_WIDTH, TOTAL_WIDTH, HeatCellDelegate, HeatLegend, paint_legend
from ui.marketing.heat_models import AssetWeekModel, SearchWeekModel, count, weeks_label
from ui.marketing.page_thumbnails import PageThumbnailSource
from ui.marketing.usage_filters import UsageFilterBar
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from enablement_app.analytics.heatmaps import (
        AssetWeekGrid,
        FilterOptions,
        Measure,
        PageAttentionMap,
        SearchTermGrid,
        UsageFilter,
    )
    from enablement_app.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")
G = TypeVar("G", "AssetWeekGrid", "SearchTermGrid")
ASSETS, SEARCHES, PAGES = "assets", "searches", "pages"
MEASURE_CHOICES: tuple[tuple[str, Measure], ...] = (
    ("Opens", "opens"),
    ("Shares", "shares"),
    ("Both", "both"),
)
SEARCH_LIMIT = 40
THUMBNAIL_WIDTH = 240  # pixels: tiles are 168 wide, drawn sharp on a high-density screen
NO_USAGE = (
    "No usage ingested yet — pull reps' usage from the hub (Profile ▸ Pull reps' usage) to see which "
    "assets they open and share, and what they search for."
)
Index = QModelIndex | QPersistentModelIndex


def _no_top_reps() -> Collection[str]:
    return ()


class _HeatTable(QTableView):
    """A heat grid: row names in the vertical header (they stay in view when weeks scroll), cells painted
    by ``HeatCellDelegate``, hover outlined, a click anywhere on a row meaning that row."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setItemDelegate(HeatCellDelegate(self))
        self.setShowGrid(False)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # headers as plain labels on the page, not raised buttons: the cells carry the colour; the headers'
        # empty ends share the cells' background, so the grid reads as one card below its last row too
        self.setStyleSheet(
            "QHeaderView { border: none; background: palette(base); }"
            "QHeaderView::section { border: none; background: palette(base); padding: 0 6px; }"
            "QHeaderView::section:horizontal { padding: 0 1px; }"
            "QTableCornerButton::section { border: none; background: palette(base); }"
        )
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(CELL_WIDTH)
        columns.setHighlightSections(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(26)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setFixedWidth(300)
        rows.setHighlightSections(False)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)

    def fit_columns(self, extra_columns: int) -> None:
        """Weeks narrow, totals wider."""
        model = self.model()
        weeks = model.columnCount() - extra_columns
        for column in range(model.columnCount()):
            self.setColumnWidth(column, CELL_WIDTH if column < weeks else TOTAL_WIDTH)


class UsagePage(QWidget):
    figures_shown = Signal(str)  # ASSETS, SEARCHES or PAGES: a chart now shows fresh figures
    reps_counted = Signal(str)  # ASSETS or SEARCHES: the grid's tooltips now say how many reps
    load_failed = Signal(str)
    exported = Signal(str)  # the file written

    def __init__(
        self,
        store: Store,
        tasks: TaskRunner,
        *,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        top_reps: Callable[[], Collection[str]] = _no_top_reps,
        thumbnails: PageThumbnailSource | None = None,
        save_path: SavePathChooser = ask_save_path,
        parent: QWidget | None = None,
    ) -> None:
        """``top_reps`` is called on a worker thread (it may read the store); ``thumbnails`` None shows
        numbered tiles instead of page pictures."""
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._clock = clock
        self._top_reps_source = top_reps
        self._thumbnails = thumbnails
        self._save_path = save_path
        self._options: FilterOptions | None = None
        self._top_reps: frozenset[str] = frozenset()
        # Each chart's reads (and the filter options') are numbered; only the newest read of a chart is
        # shown, so a read for filters changed since is dropped, while another chart's reads go on.
        self._numbers = itertools.count(1)
        self._newest: dict[str, int] = {}
        self._pending: set[str] = set()
        self._shown: dict[str, object] = {}  # chart -> the request its figures answer
        self._asset_id: str | None = None
        self._version: int | None = None
        self._closed = False
        self._build()
        self._connect()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        header = QHBoxLayout()
        title = QLabel("Usage")
        title.setObjectName("paneTitle")
        header.addWidget(title)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        header.addWidget(self.summary, 1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Reading figures")
        self.busy.setVisible(False)
        header.addWidget(self.busy)
        self.export_png_button = QPushButton("Export PNG…")
        self.export_png_button.setToolTip(
            "Save this chart as a picture, every row of it, for a slide or an e-mail"
        )
        self.export_csv_button = QPushButton("Export CSV…")
        self.export_csv_button.setToolTip("Save this chart's figures, exact, for a spreadsheet")
        header.addWidget(self.export_png_button)
        header.addWidget(self.export_csv_button)
        outer.addLayout(header)

        self.filter_bar = UsageFilterBar()
        outer.addWidget(self.filter_bar)

        self.views = QStackedWidget()
        outer.addWidget(self.views, 1)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.views.addWidget(self.tabs)

        # assets by week
        assets = QWidget()
        assets_layout = QVBoxLayout(assets)
        assets_layout.setContentsMargins(0, 8, 0, 0)
        measures = QHBoxLayout()
        measures.setSpacing(2)
        self.measure_buttons: dict[Measure, QToolButton] = {}
        self._measure_group = QButtonGroup(self)
        self._measure_group.setExclusive(True)
        for text, measure in MEASURE_CHOICES:
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setObjectName("chip")
            button.setToolTip(
                {
                    "opens": "Times reps opened each asset",
                    "shares": "Times reps sent it to a buyer",
                    "both": "Opens and shares together",
                }[measure]
            )
            self._measure_group.addButton(button)
            self.measure_buttons[measure] = button
            measures.addWidget(button)
        self.measure_buttons["opens"].setChecked(True)
        measures.addSpacing(12)
        hint = QLabel("Click an asset to see which of its pages reps read")
        hint.setObjectName("muted")
        measures.addWidget(hint)
        measures.addStretch(1)
        assets_layout.addLayout(measures)
        self.asset_model = AssetWeekModel()
        self.asset_table = _HeatTable("Assets by week")
        self.asset_table.setModel(self.asset_model)
        self.asset_table.verticalHeader().setCursor(Qt.CursorShape.PointingHandCursor)
        self.asset_table.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.asset_empty = self._empty_label()
        self.asset_stack = QStackedWidget()
        self.asset_stack.addWidget(self.asset_table)
        self.asset_stack.addWidget(self.asset_empty)
        assets_layout.addWidget(self.asset_stack, 1)
        self.asset_legend = HeatLegend()
        assets_layout.addWidget(self.asset_legend)
        self.tabs.addTab(assets, "Assets × weeks")

        # searches by week
        searches = QWidget()
        searches_layout = QVBoxLayout(searches)
        searches_layout.setContentsMargins(0, 8, 0, 0)
        self.search_model = SearchWeekModel()
        self.search_table = _HeatTable("Searches by week")
        self.search_table.setModel(self.search_model)
        self.search_empty = self._empty_label()
        self.search_stack = QStackedWidget()
        self.search_stack.addWidget(self.search_table)
        self.search_stack.addWidget(self.search_empty)
        searches_layout.addWidget(self.search_stack, 1)
        self.search_legend = HeatLegend()
        searches_layout.addWidget(self.search_legend)
        self.tabs.addTab(searches, "Searches × weeks")

        self.attention = AttentionPane()
        self.views.addWidget(self.attention)
        self.page_model = self.attention.model

    @staticmethod
    def _empty_label() -> QLabel:
        label = QLabel()
        label.setObjectName("pageMessage")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMargin(32)
        return label

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self.on_filter_bar_filter_changed)
        self._measure_group.buttonClicked.connect(self.on_measure_group_button_clicked)
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self.asset_table.clicked.connect(self.on_asset_table_clicked)
        self.asset_table.verticalHeader().sectionClicked.connect(self.on_asset_header_section_clicked)
        self.attention.back_clicked.connect(self.show_overview)
        self.attention.version_chosen.connect(self.on_attention_version_chosen)
        self.export_png_button.clicked.connect(self.export_png)
        self.export_csv_button.clicked.connect(self.export_csv)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.attention)
        back.activated.connect(self.show_overview)

    # -- what is shown ---------------------------------------------------------------------------

    def current_chart(self) -> str:
        if self.views.currentWidget() is self.attention:
            return PAGES
        return ASSETS if self.tabs.currentIndex() == 0 else SEARCHES

    def measure(self) -> Measure:
        return next(measure for measure, button in self.measure_buttons.items() if button.isChecked())

    def usage_filter(self) -> UsageFilter:
        first = self._options.first_week if self._options is not None else None
        return self.filter_bar.usage_filter(self._clock, self._top_reps, first)

    # -- reading figures -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read what the filter bar offers and the figures of the chart shown again (after a pull)."""
        store, source = self._store, self._top_reps_source

        def work() -> tuple[FilterOptions, frozenset[str]]:
            from enablement_app.analytics.heatmaps import filter_options

            return filter_options(store), frozenset(source())

        self._shown.clear()
        self._run("options", work, self._on_options_read)

    def _on_options_read(self, result: tuple[FilterOptions, frozenset[str]]) -> None:
        self._options, self._top_reps = result
        self.filter_bar.set_options(self._options, len(self._top_reps))
        self._refresh_chart()

    def _refresh_chart(self) -> None:
        """Read the figures of the chart shown, unless it already shows them for these choices and no
        read for other choices is under way (whose answer would replace them)."""
        if self._options is None:
            return
        chart = self.current_chart()
        usage = self.usage_filter()
        store = self._store
        if chart == ASSETS:
            measure = self.measure()
            request: object = (usage, measure)
            if self._is_shown(chart, request):
                return

            def assets() -> AssetWeekGrid:
                from enablement_app.analytics.heatmaps import asset_week_grid

                return asset_week_grid(store, usage, measure, reps=False)

            self._run(chart, assets, lambda grid: self._show_assets(grid, request))
        elif chart == SEARCHES:
            if self._is_shown(chart, usage):
                return

            def searches() -> SearchTermGrid:
                from enablement_app.analytics.heatmaps import search_term_grid

                return search_term_grid(store, usage, SEARCH_LIMIT, reps=False)

            self._run(chart, searches, lambda grid: self._show_searches(grid, usage))
        else:
            assert self._asset_id is not None
            asset_id, version = self._asset_id, self._version
            request = (asset_id, version, usage)
            if self._is_shown(chart, request):
                return

            def pages() -> PageAttentionMap:
                from enablement_app.analytics.heatmaps import page_attention

                return page_attention(store, asset_id, usage, version)

            self._run(chart, pages, lambda attention: self._show_pages(attention, request))

    def _is_shown(self, chart: str, request: object) -> bool:
        return self._shown.get(chart) == request and chart not in self._pending

    def _run(self, key: str, work: Callable[[], T], show: Callable[[T], None]) -> None:
        """Read in the background for ``key`` (a chart, or "options"); ``show`` the answer unless a newer
        read for the same key started meanwhile."""
        number = next(self._numbers)
        self._newest[key] = number
        self._pending.add(key)
        self.busy.setVisible(True)

        def succeeded(result: T) -> None:
            if self._finish(key, number):
                show(result)

        def failed(error: BaseException) -> None:
            if not self._finish(key, number):
                return
            log.error(
                "the usage figures (%s) could not be read: %s\n%s",
                key,
                error,
                getattr(error, "__traceback_text__", ""),
            )
            message = (
                f"The figures could not be read ({type(error).__name__}: {error}). The log has the details."
            )
            self._show_message(key, message)
            self.load_failed.emit(message)

        self._tasks.run(work, on_success=succeeded, on_failure=failed)

    def _finish(self, key: str, number: int) -> bool:
        """Whether this answer is still wanted: only the newest read's of its key is."""
        newest = self._newest.get(key) == number
        if newest:
            self._pending.discard(key)
        self.busy.setVisible(bool(self._pending))
        return newest and not self._closed

    # -- showing figures -------------------------------------------------------------------------

    def _empty_reason(self, nothing: str) -> str:
        """Why a chart is empty, in a sentence that says what to do."""
        options = self._options
        if options is None or not options.events_ingested:
            return NO_USAGE
        if not options.has_usage:
            pending = options.events_pending
            return (
                f"{count(pending, 'event')} pulled from the hub {'is' if pending == 1 else 'are'} not in the "
                "figures yet: they are added after each pull, so pull reps' usage again."
            )
        weeks = weeks_label(self.usage_filter().weeks)
        whose = self.filter_bar.describe()
        hint = (
            "Choose more weeks or clear the filters."
            if self.filter_bar.is_filtered()
            else "Choose more weeks."
        )
        return f"{nothing} in {weeks} ({whose}).\n{hint}"

    def _show_assets(self, grid: AssetWeekGrid, request: object) -> None:
        self._shown[ASSETS] = request
        self.asset_model.set_grid(grid)
        self.asset_table.fit_columns(1)
        unit = {"opens": "opens a week", "shares": "shares a week", "both": "opens and shares a week"}[
            grid.measure
        ]
        self.asset_legend.set_scale(grid.highest, unit)
        if grid.rows:
            self.asset_stack.setCurrentWidget(self.asset_table)
        else:
            nothing = {
                "opens": "No asset was opened",
                "shares": "No asset was shared",
                "both": "No asset was opened or shared",
            }
            self.asset_empty.setText(self._empty_reason(nothing[grid.measure]))
            self.asset_stack.setCurrentWidget(self.asset_empty)
        self._update_summary()
        self.figures_shown.emit(ASSETS)
        self._count_reps(ASSETS, grid, self.asset_model.set_reps)

    def _show_searches(self, grid: SearchTermGrid, request: object) -> None:
        self._shown[SEARCHES] = request
        self.search_model.set_grid(grid)
        self.search_table.fit_columns(2)
        self.search_legend.set_scale(grid.highest, "searches a week", "some found nothing")
        if grid.rows:
            self.search_stack.setCurrentWidget(self.search_table)
        else:
            self.search_empty.setText(self._empty_reason("Reps searched for nothing"))
            self.search_stack.setCurrentWidget(self.search_empty)
        self._update_summary()
        self.figures_shown.emit(SEARCHES)
        self._count_reps(SEARCHES, grid, self.search_model.set_reps)

    def _count_reps(self, chart: str, grid: G, show: Callable[[G], None]) -> None:
        """Count the reps of every cell for the tooltips once the grid shows: on a year of weeks that
        takes as long again as the grid itself."""
        if not grid.rows:
            self.reps_counted.emit(chart)
            return
        store = self._store

        def work() -> G:
            from enablement_app.analytics.heatmaps import count_reps

            return count_reps(store, grid)

        def counted(result: G) -> None:
            show(result)
            self.reps_counted.emit(chart)

        self._run(chart, work, counted)

    def _show_pages(self, attention: PageAttentionMap, request: object) -> None:
        self._shown[PAGES] = request
        weeks = weeks_label(self.usage_filter().weeks)
        self.attention.show_map(attention, f"{weeks} · {self.filter_bar.describe(stages=False)}")
        self._update_summary()
        self._draw_thumbnails(attention)
        self.figures_shown.emit(PAGES)

    def _show_message(self, key: str, message: str) -> None:
        chart = key if key in (ASSETS, SEARCHES, PAGES) else self.current_chart()
        if chart == ASSETS:
            self.asset_empty.setText(message)
            self.asset_stack.setCurrentWidget(self.asset_empty)
        elif chart == SEARCHES:
            self.search_empty.setText(message)
            self.search_stack.setCurrentWidget(self.search_empty)
        else:
            self.attention.empty.setText(message)
            self.attention.stack.setCurrentWidget(self.attention.empty)

    def _update_summary(self) -> None:
        chart = self.current_chart()
        text = ""
        if chart == ASSETS and self.asset_model.rowCount():
            rows = [self.asset_model.row(n) for n in range(self.asset_model.rowCount())]
            text = (
                f"{count(len(rows), 'asset')} · {count(sum(r.total_opens for r in rows), 'open')} · "
                f"{count(sum(r.total_shares for r in rows), 'share')} · {weeks_label(self.asset_model.weeks)}"
            )
        elif chart == SEARCHES and self.search_model.rowCount():
            shown = self.search_model.rowCount()
            queries = self.search_model.queries
            text = (
                f"the {shown:,} most searched of {count(queries, 'query', 'queries')}"
                if queries > shown
                else count(queries, "query", "queries")
            )
            text += f" · {weeks_label(self.search_model.weeks)}"
        self.summary.setText(text)
        has_chart = (
            (chart == ASSETS and self.asset_model.rowCount() > 0)
            or (chart == SEARCHES and self.search_model.rowCount() > 0)
            or (chart == PAGES and self.page_model.rowCount() > 0)
        )
        self.export_png_button.setEnabled(has_chart)
        self.export_csv_button.setEnabled(has_chart)

    # -- page pictures ---------------------------------------------------------------------------

    def _draw_thumbnails(self, attention: PageAttentionMap) -> None:
        """Draw each page in the background when the library has this version's file; stale pictures
        (the marketer moved on to another asset) are dropped."""
        source = self._thumbnails
        if source is None or not attention.is_current or not attention.pages:
            return
        generation = self._newest.get(PAGES)
        pages = [page.page for page in attention.pages]

        def located(pdf: Path | None) -> None:
            if pdf is None or generation != self._newest.get(PAGES) or self._closed:
                return
            for page in pages:
                self._render_thumbnail(source, pdf, page, generation)

        self._tasks.run(
            lambda: source.pdf_for(attention.asset_id),
            on_success=located,
            on_failure=lambda error: log.info("no page thumbnails for %s: %s", attention.asset_id, error),
            lane="convert",
        )

    def _render_thumbnail(
        self, source: PageThumbnailSource, pdf: Path, page: int, generation: int | None
    ) -> None:
        def work() -> QImage | None:
            return source.render(pdf, page, THUMBNAIL_WIDTH)

        def failed(error: BaseException) -> None:
            log.info("page %d of %s could not be drawn: %s", page, pdf, error)

        self._tasks.run(
            work,
            on_success=lambda image: self._on_thumbnail_rendered(generation, page, image),
            on_failure=failed,
            lane="render",
        )

    def _on_thumbnail_rendered(self, generation: int | None, page: int, image: QImage | None) -> None:
        if image is None or generation != self._newest.get(PAGES) or self._closed:
            return
        self.page_model.set_image(page, QPixmap.fromImage(image))

    # -- navigation ------------------------------------------------------------------------------

    def open_asset(self, asset_id: str, title: str = "") -> None:
        """Show the page attention map of ``asset_id`` (of its current version)."""
        self._asset_id, self._version = asset_id, None
        self._shown.pop(PAGES, None)
        self.attention.show_loading(title)
        self.views.setCurrentWidget(self.attention)
        self._update_summary()
        self._refresh_chart()

    def show_overview(self) -> None:
        self.views.setCurrentWidget(self.tabs)
        self._update_summary()
        self._refresh_chart()

    # -- slots -----------------------------------------------------------------------------------

    def on_filter_bar_filter_changed(self) -> None:
        self._refresh_chart()

    def on_measure_group_button_clicked(self, _button: QToolButton) -> None:
        self._refresh_chart()

    def on_tabs_current_changed(self, _index: int) -> None:
        self._update_summary()
        self._refresh_chart()

    def on_asset_table_clicked(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def on_asset_header_section_clicked(self, row: int) -> None:
        self._open_row(row)

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.asset_model.rowCount():
            asset = self.asset_model.row(row)
            self.open_asset(asset.asset_id, asset.title)

    def on_attention_version_chosen(self, version: int) -> None:
        self._version = version
        self._refresh_chart()

    # -- exporting -------------------------------------------------------------------------------

    def _file_stem(self) -> str:
        usage = self.usage_filter()
        span = f"{usage.first_week.isoformat()}-to-{usage.last_week.isoformat()}"
        chart = self.current_chart()
        if chart == ASSETS:
            return f"usage-{self.measure()}-{span}"
        if chart == SEARCHES:
            return f"searches-{span}"
        attention = self.page_model.attention
        title = attention.title if attention is not None else "asset"
        safe = "".join(ch if ch.isalnum() else "-" for ch in title.casefold()).strip("-")
        return f"pages-{safe}"

    def export_csv(self) -> None:
        chart = self.current_chart()
        exporters: dict[str, Callable[[], list[list[object]]]] = {
            ASSETS: self.asset_model.export_rows,
            SEARCHES: self.search_model.export_rows,
            PAGES: self.page_model.export_rows,
        }
        rows = exporters[chart]
        path = self._save_path(
            self, "Export the figures as CSV", Path.home() / f"{self._file_stem()}.csv", CSV_FILTER
        )
        if path is None:
            return
        self._write(path, lambda: write_csv(path, rows()))

    def export_png(self) -> None:
        path = self._save_path(
            self, "Export the chart as a picture", Path.home() / f"{self._file_stem()}.png", PNG_FILTER
        )
        if path is None:
            return
        self._write(path, lambda: write_png(path, self.chart_image()))

    def _write(self, path: Path, write: Callable[[], None]) -> None:
        try:
            write()
        except OSError as error:
            log.warning("could not export to %s: %s", path, error)
            self.summary.setText(f"Could not save {path.name}: {error.strerror or error}")
            return
        self.summary.setText(f"Saved {path.name}")
        self.exported.emit(str(path))

    def chart_image(self) -> Any:
        """The chart shown, whole, as a QImage: title, every row and column, legend."""
        palette, font = self.palette(), self.font()
        whose = self.filter_bar.describe()
        chart = self.current_chart()
        if chart == PAGES:
            attention = self.page_model.attention
            assert attention is not None
            summary = skip_summary(attention)
            return tiles_image(
                self.page_model,
                palette,
                font,
                title=f"Which pages reps read: {attention.title}",
                subtitle=self.attention.subtitle.text(),
                lines=[summary] if summary else [],
                highest=attention.highest_views,
                unit="views of a page",
                bar_note=DWELL_NOTE,
            )
        weeks = weeks_label(self.usage_filter().weeks)
        if chart == ASSETS:
            measure = {"opens": "Opens", "shares": "Shares", "both": "Opens and shares"}[self.measure()]
            highest, unit = self.asset_model.highest, self.asset_legend.unit
            return grid_image(
                self.asset_model,
                self.asset_table.itemDelegate(),  # type: ignore[arg-type]
                palette,
                font,
                title=f"{measure} by asset and week",
                subtitle=f"{weeks} · {whose}",
                legend=lambda painter, rect: paint_legend(painter, rect, palette, highest, unit),
            )
        highest = self.search_model.highest
        return grid_image(
            self.search_model,
            self.search_table.itemDelegate(),  # type: ignore[arg-type]
            palette,
            font,
            title="What reps searched for, by week",
            subtitle=f"{weeks} · {self.filter_bar.describe(stages=False)}",
            legend=lambda painter, rect: paint_legend(
                painter, rect, palette, highest, "searches a week", flag_note="some found nothing"
            ),
        )

    # -- lifetime --------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._options is None and "options" not in self._pending:
            self.reload()

    def close_page(self) -> None:
        """Stop showing answers; call before the task runner shuts down (the window's close)."""
        self._closed = True
