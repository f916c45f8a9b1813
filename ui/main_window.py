"""The rep's window: one search box over the approved library, facet filters, result cards and a preview.

Keyboard first: the search box has focus on start and on Ctrl+K, arrows move through the results while
typing, Enter previews, Ctrl+Enter opens the file, Esc closes the preview or clears the search. Every
open, page view, share and rating is handed to the usage recorder, which never blocks this thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.controls import tool_button
from ui.library_session import HomeView, LibrarySession, SearchView
from ui.marketing.workspace_view import (
    MARKETING_VIEW,
    SEARCH_VIEW,
    MarketingWorkspace,
    ViewSwitch,
    expiry_reminder,
)
from ui.marketing_sync_controller import MarketingSyncController
from ui.onboarding.window_onboarding import WindowOnboarding
from ui.preview.page_renderer import PageRenderer
from ui.preview.preview_pane import PreviewPane
from ui.preview.tips_controller import FieldTipsController
from ui.rating.rating_widgets import STAR_LABELS, RatePrompt, RatingChoice, RatingDialog
from ui.search.facet_model import FacetModel
from ui.search.result_delegate import ResultDelegate
from ui.search.results_model import CardFigures, ResultRow, ResultsModel
from ui.search.search_controller import MAX_QUERY_CHARS, SearchController
from ui.search.top_rep_choices import TopRepChoiceKeeper, TopRepChoices
from ui.share.desktop_actions import DesktopActions, ShareError
from ui.sync_controller import SyncController
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from enablement_app.library.governed_assets import GovernedAsset
    from enablement_app.library.indexing import IndexProgress, IndexSummary
    from enablement_app.library.search import AssetCard
    from enablement_app.sync.rep_sync import SyncReport
    from enablement_app.usage.recorder import UsageRecorder
    from ui.about_dialog import AboutDialog
    from ui.call_prep.call_prep_dialog import CallPrepDialog
    from ui.hub_dialog import HubDialog

log = logging.getLogger(__name__)

PHASE_WORDS = {"scanning": "Looking for changes", "extracting": "Reading", "finishing": "Saving"}
STATUS_SECONDS = 6


def _quote(text: str, limit: int = 60) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


class MainWindow(QMainWindow):
    first_painted = Signal()
    expiring_shown = Signal(int)  # approved assets expiring soon, as the Marketing switch shows them
    rating_saved = Signal(str, int)  # asset id, stars
    share_finished = Signal(str, str)  # asset id, channel

    def __init__(
        self,
        session: LibrarySession,
        tasks: TaskRunner,
        *,
        actions: DesktopActions | None = None,
        clock: Callable[[], float] = time.monotonic,
        office_pages: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.tasks = tasks
        self.desktop = actions or DesktopActions()
        self._painted = False
        self.setWindowTitle("Enablement Library")
        self.resize(1320, 820)
        self.results = ResultsModel()
        self.facets = FacetModel()
        # Decks and documents show as pages converted by LibreOffice (where installed), cached here.
        self.renderer = PageRenderer(tasks, session.paths.root / "previews" if office_pages else None)
        self.search = SearchController(session, tasks, self.facets.filters, clock=clock)
        self.sync = SyncController(session, tasks)
        self.hub_dialog: HubDialog | None = None
        self.marketing = MarketingSyncController(session, tasks)
        self.onboarding = WindowOnboarding(self)  # My onboarding and Team onboarding
        self._build(clock)
        self._connect()
        self.search_box.setFocus()

    # -- building --------------------------------------------------------------------------------

    def _build(self, clock: Callable[[], float]) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.setSpacing(10)

        header = QHBoxLayout()
        header.setSpacing(12)
        title = QLabel("Enablement Library")
        title.setObjectName("appTitle")
        header.addWidget(title)
        # Reps' search or marketing's workspace: only a marketer's profile sees the switch.
        self.view_switch = ViewSwitch()
        self.view_switch.hide()
        header.addWidget(self.view_switch)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(
            "Search approved collateral: pricing, “case study” retail, title:battlecard…"
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search")
        self.search_box.setToolTip(
            "Ctrl+K to come back here · ↑↓ move · Enter preview · Ctrl+Enter open · Esc clear"
        )
        header.addWidget(self.search_box, 1)
        self.call_prep_button = QPushButton("Call prep…")
        self.call_prep_button.setToolTip(
            "The assets top reps used for an industry, persona and stage, with their best pages (Ctrl+P)"
        )
        self.call_prep_dialog: CallPrepDialog | None = None
        header.addWidget(self.call_prep_button)
        self.header_spacer = QWidget()  # holds the search box's place while marketing's workspace shows
        self.header_spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.header_spacer.hide()
        header.addWidget(self.header_spacer)
        self.profile_button = tool_button("Profile")
        self.profile_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.profile_button)
        self.edit_profile_action = menu.addAction("Edit my profile…")
        self.change_folder_action = menu.addAction("Change the collateral folder…")
        self.reindex_action = menu.addAction("Re-index the library now")
        self.sync_action = menu.addAction("Sync with marketing now")
        self.connect_hub_action = menu.addAction("Connect to marketing's hub…")
        # Marketing's side of sync, shown only to a marketer's profile (see on_session_profile_changed).
        self.marketing_separator = menu.addSeparator()
        self.pull_usage_action = menu.addAction("Pull reps' usage")
        self.pull_usage_action.setToolTip(
            "Bring every rep's new usage events from the hub into this computer"
        )
        self.publish_action = menu.addAction("Publish catalog and figures")
        self.publish_action.setToolTip(
            "Sign the collateral folder's catalog and publish it with the company figures for every rep"
        )
        menu.setToolTipsVisible(True)
        for action in (self.marketing_separator, self.pull_usage_action, self.publish_action):
            action.setVisible(False)
        self.profile_button.setMenu(menu)
        header.addWidget(self.profile_button)
        outer.addLayout(header)

        self.banner = QFrame()
        self.banner.setObjectName("banner")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 8, 8, 8)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_button = QPushButton("Choose folder…")
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.banner_button)
        self.banner.hide()
        outer.addWidget(self.banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)

        facet_panel = QWidget()
        facet_layout = QVBoxLayout(facet_panel)
        facet_layout.setContentsMargins(0, 0, 8, 0)
        facet_header = QHBoxLayout()
        filters_title = QLabel("FILTERS")
        filters_title.setObjectName("sectionTitle")
        self.clear_filters_button = tool_button("Clear")
        self.clear_filters_button.setEnabled(False)
        facet_header.addWidget(filters_title)
        facet_header.addStretch(1)
        facet_header.addWidget(self.clear_filters_button)
        facet_layout.addLayout(facet_header)
        self.facet_view = QTreeView()
        self.facet_view.setObjectName("facets")
        self.facet_view.setModel(self.facets)
        self.facet_view.setHeaderHidden(True)
        self.facet_view.setRootIsDecorated(False)
        self.facet_view.setIndentation(8)
        self.facet_view.setUniformRowHeights(True)
        self.facet_view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.facet_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        facet_palette = self.facet_view.palette()
        facet_palette.setColor(QPalette.ColorRole.Base, facet_palette.color(QPalette.ColorRole.Window))
        self.facet_view.setPalette(facet_palette)
        self.facet_view.header().setStretchLastSection(False)
        self.facet_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.facet_view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        facet_layout.addWidget(self.facet_view, 1)
        facet_panel.setMinimumWidth(190)
        facet_panel.setMaximumWidth(300)

        results_panel = QWidget()
        results_layout = QVBoxLayout(results_panel)
        results_layout.setContentsMargins(8, 0, 8, 0)
        results_layout.setSpacing(6)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("resultSummary")
        self.suggestion_label = QLabel()
        self.suggestion_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.suggestion_label.hide()
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary_label, 1)
        self.top_rep_choices = TopRepChoices()  # the shelf's stage on the empty screen, the sort on results
        self.top_rep_keeper = TopRepChoiceKeeper(self.session, self.tasks, self.search, self.top_rep_choices)
        summary_row.addWidget(self.top_rep_choices)
        results_layout.addLayout(summary_row)
        results_layout.addWidget(self.suggestion_label)
        self.result_stack = QStackedWidget()
        self.result_view = QListView()
        self.result_view.setModel(self.results)
        self.result_view.setItemDelegate(ResultDelegate(self.result_view))
        self.result_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.result_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.result_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.result_view.setMouseTracking(True)
        self.result_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.result_view.setAccessibleName("Results")
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setObjectName("muted")
        self.empty_label.setMargin(32)
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.result_stack.addWidget(self.result_view)
        self.result_stack.addWidget(self.empty_label)
        self._show_empty("<h3>Opening the library…</h3>")
        results_layout.addWidget(self.result_stack, 1)
        results_panel.setMinimumWidth(380)

        self.preview = PreviewPane(self.renderer, clock=clock)
        self.preview.setMinimumWidth(420)
        self.preview.hide()

        self.splitter.addWidget(facet_panel)
        self.splitter.addWidget(results_panel)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 520, 580])
        self.rate_prompt = RatePrompt()
        self.search_page = QWidget()
        search_layout = QVBoxLayout(self.search_page)
        search_layout.setContentsMargins(0, 0, 0, 0)
        search_layout.setSpacing(10)
        search_layout.addWidget(self.splitter, 1)
        search_layout.addWidget(self.rate_prompt)
        self.views = QStackedWidget()
        self.views.addWidget(self.search_page)
        self.onboarding.add_views(self.views)
        self.marketing_view: MarketingWorkspace | None = None  # built once the profile is a marketer's
        outer.addWidget(self.views, 1)
        self.setCentralWidget(central)

        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.status_label = QLabel("Opening the library…")
        # A long line (a file name while indexing, a sentence on what to do) is cut at the window's edge
        # rather than making the window wider than the screen.
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = tool_button("Cancel", "Stop indexing; what is done is kept")
        self.cancel_button.hide()
        self.marketing_progress = QProgressBar()
        self.marketing_progress.setRange(0, 0)
        self.marketing_progress.setMaximumWidth(120)
        self.marketing_progress.setTextVisible(False)
        self.marketing_progress.setToolTip("Marketing's sync with the hub is running")
        self.marketing_progress.hide()
        self.marketing_stop_button = tool_button("Stop", "Stop pulling reps' usage; what was pulled is kept")
        self.marketing_stop_button.hide()
        self.sync_label = QLabel()
        self.sync_label.setObjectName("muted")
        self.sync_label.setContentsMargins(0, 0, 12, 0)
        status.addWidget(self.status_label, 1)
        status.addPermanentWidget(self.sync_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.marketing_progress)
        status.addPermanentWidget(self.marketing_stop_button)

        help_menu = self.menuBar().addMenu("&Help")
        self.copy_diagnostics_action = help_menu.addAction("Copy diagnostics for support")
        self.about_action = help_menu.addAction("About Enablement Library")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_dialog: AboutDialog | None = None

    def _connect(self) -> None:
        session = self.session
        session.opened.connect(self.on_session_opened)
        session.upgrading.connect(self.on_session_upgrading)
        session.open_failed.connect(self.on_session_open_failed)
        session.profile_needed.connect(self.on_session_profile_needed)
        session.profile_changed.connect(self.on_session_profile_changed)
        session.index_started.connect(self.on_session_index_started)
        session.index_progressed.connect(self.on_session_index_progressed)
        session.index_finished.connect(self.on_session_index_finished)
        session.index_failed.connect(self.on_session_index_failed)
        session.library_changed.connect(self.on_session_library_changed)
        session.folder_missing.connect(self.on_session_folder_missing)

        self.search_box.textChanged.connect(self.on_search_box_text_changed)
        self.search_box.installEventFilter(self)
        self.result_view.installEventFilter(self)
        self.result_view.activated.connect(self.on_result_view_activated)
        self.result_view.customContextMenuRequested.connect(self.on_result_view_context_menu)
        self.search.results_shown.connect(self.on_search_results_shown)
        self.search.search_failed.connect(self.on_search_failed)
        self.facets.filters_changed.connect(self.on_facets_filters_changed)
        self.clear_filters_button.clicked.connect(self.facets.clear_filters)
        self.suggestion_label.linkActivated.connect(self.on_suggestion_link_activated)
        self.empty_label.linkActivated.connect(self.on_suggestion_link_activated)

        self.preview.closed.connect(self.on_preview_closed)
        self.preview.page_viewed.connect(self.on_preview_page_viewed)
        self.preview.open_requested.connect(lambda card: self.open_file(card))
        self.preview.reveal_requested.connect(self.on_preview_reveal_requested)
        self.preview.share_requested.connect(self.share)
        self.preview.copy_link_requested.connect(lambda card: self.share(card, "link"))
        self.preview.rate_requested.connect(self.rate)
        self.field_tips = FieldTipsController(session, self.tasks, self.preview)
        self.field_tips.message_posted.connect(self.tell)
        self.rate_prompt.rated.connect(lambda card, stars: self.save_rating(card, RatingChoice(stars)))
        self.rate_prompt.details_requested.connect(self.rate)

        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        self.banner_button.clicked.connect(self.choose_library)
        self.edit_profile_action.triggered.connect(self.edit_profile)
        self.change_folder_action.triggered.connect(self.choose_library)
        self.reindex_action.triggered.connect(lambda: self.session.start_indexing())
        self.sync_action.triggered.connect(self.sync.sync_now)
        self.connect_hub_action.triggered.connect(self.connect_hub)
        self.sync.status_changed.connect(self.on_sync_status_changed)
        self.sync.sync_finished.connect(self.on_sync_sync_finished)
        self.pull_usage_action.triggered.connect(lambda: self.marketing.pull_now())
        self.publish_action.triggered.connect(lambda: self.marketing.publish_now())
        self.marketing.status_changed.connect(self.on_marketing_status_changed)
        self.marketing.busy_changed.connect(self.on_marketing_busy_changed)
        self.marketing_stop_button.clicked.connect(self.on_marketing_stop_button_clicked)
        self.view_switch.view_chosen.connect(self.show_view)
        self.call_prep_button.clicked.connect(self.open_call_prep)
        self.onboarding.wire()

        for keys, slot in (
            ("Ctrl+K", self.focus_search),
            ("Ctrl+F", self.focus_search),
            ("Ctrl+Return", self.open_current_file),
            ("Ctrl+Enter", self.open_current_file),
            ("Escape", self.on_escape),
            ("Ctrl+P", self.open_call_prep),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        self.about_action.triggered.connect(self.show_about)
        self.copy_diagnostics_action.triggered.connect(self.copy_diagnostics)

    # -- first paint (for the start-up benchmark) -------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    # -- the session -----------------------------------------------------------------------------

    def on_session_upgrading(self, notice: str) -> None:
        self._show_empty(f"<h3>Opening the library…</h3><p>{notice}.</p>")
        self.status_label.setText(f"{notice}…")

    def on_session_opened(self) -> None:
        self.on_session_profile_changed()
        self.search.run_now()
        self.sync.start()
        self.top_rep_keeper.restore()

    def on_sync_status_changed(self, line: str, detail: str) -> None:
        self.sync_label.setText(line)
        self.sync_label.setToolTip(detail)

    def on_sync_sync_finished(self, report: SyncReport) -> None:
        """A marketer's app pulls reps' usage on the rep sync's timer: right after each sync that reached
        the hub (an unreachable hub would only fail twice)."""
        if report.ok and not report.stopped:
            self.marketing.pull_now(quiet=True)
            self.onboarding.on_synced()

    def on_marketing_status_changed(self, line: str, detail: str) -> None:
        self.status_label.setText(line)
        self.status_label.setToolTip(detail)

    def on_marketing_busy_changed(self, busy: bool) -> None:
        self.marketing_progress.setVisible(busy)
        self.marketing_stop_button.setVisible(busy)
        self.marketing_stop_button.setEnabled(True)
        for action in (self.pull_usage_action, self.publish_action):
            action.setEnabled(not busy)

    def on_marketing_stop_button_clicked(self) -> None:
        self.marketing.cancel()
        self.marketing_stop_button.setEnabled(False)
        self.status_label.setText("Stopping the pull; what was pulled is kept…")

    def on_session_profile_changed(self) -> None:
        profile = self.session.profile
        if profile is not None:
            self.profile_button.setText(profile.name.split(" ")[0] or "Profile")
            self.profile_button.setToolTip(f"{profile.name} · {profile.email}")
        marketer = self.marketing.available
        for action in (self.marketing_separator, self.pull_usage_action, self.publish_action):
            action.setVisible(marketer)
        self.onboarding.on_profile_changed()  # shows the switch to marketers, new hires and managers
        if marketer and self.marketing_view is None:
            self.marketing_view = MarketingWorkspace.for_window(self.session, self.tasks, self.marketing)
            self.marketing_view.expiring_read.connect(self.on_marketing_view_expiring_read)
            self.views.addWidget(self.marketing_view)
        if not marketer:
            self.show_view(SEARCH_VIEW)
        else:
            self._count_expiring()

    def show_view(self, name: str) -> None:
        """Reps' search; for a marketer's profile, marketing's workspace; My or Team onboarding for a new
        hire or a manager (see ``WindowOnboarding``)."""
        shown: QWidget = self.search_page
        if name == MARKETING_VIEW and self.marketing.available and self.marketing_view is not None:
            shown = self.marketing_view
        elif (onboarding := self.onboarding.view_for(name)) is not None:
            shown = onboarding
        else:
            name = SEARCH_VIEW
        leaving_marketing = shown is self.search_page and self.views.currentWidget() is self.marketing_view
        self.view_switch.set_view(name)
        self.views.setCurrentWidget(shown)
        self.search_box.setVisible(shown is self.search_page)
        self.call_prep_button.setVisible(shown is self.search_page)
        self.header_spacer.setVisible(shown is not self.search_page)
        if leaving_marketing:
            self.search.run_now()  # marketing may have approved or retired what the results show

    def on_session_open_failed(self, message: str) -> None:
        self.summary_label.setText("The library could not be opened.")
        self.show_banner(message, button=None)
        self.status_label.setText("Not opened")

    def on_session_profile_needed(self) -> None:
        from ui.first_run.profile_dialog import ProfileDialog

        # the window behind the dialog says what it waits for, not that the library is opening
        self._show_empty(
            "<h3>Welcome to Enablement Library</h3>"
            "<p>Say who you are and where marketing's collateral is: the library opens as soon as you "
            "press Start.</p>"
        )
        self.status_label.setText("Waiting for your profile")

        dialog = ProfileDialog(self.session.target_root(), parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._finish_first_run(dialog))
        dialog.rejected.connect(self.close)
        dialog.open()
        self.profile_dialog = dialog

    def _finish_first_run(self, dialog: QWidget) -> None:
        from ui.first_run.profile_dialog import ProfileDialog

        assert isinstance(dialog, ProfileDialog) and dialog.profile is not None
        self.session.complete_first_run(dialog.profile, dialog.library())

    def edit_profile(self) -> None:
        from ui.first_run.profile_dialog import ProfileDialog

        if self.session.profile is None:
            return
        root = self.session.library_root() or self.session.target_root()
        dialog = ProfileDialog(root, self.session.profile, self, first_run=False)
        if dialog.exec() and dialog.profile is not None:
            self.session.update_profile(dialog.profile)
            if dialog.library().resolve() != root.resolve():
                self.session.change_library(dialog.library())

    def connect_hub(self) -> None:
        """Open the hub dialog; once connected, sync at once so the rep sees it work."""
        from enablement_app.sync.hub import HUB_URL_SETTING
        from ui.hub_dialog import HubDialog

        workspace = self.session.workspace
        if workspace is None:
            return
        current = workspace.store.get_setting(HUB_URL_SETTING) or ""
        self.hub_dialog = HubDialog(workspace.store, self.tasks, current, self)
        self.hub_dialog.hub_connected.connect(self.on_hub_dialog_hub_connected)
        self.hub_dialog.open()

    def on_hub_dialog_hub_connected(self, url: str) -> None:
        self.sync_label.setText("Connected to marketing's hub · syncing…")
        self.sync_label.setToolTip(f"Hub: {url}")
        self.sync.sync_now()

    def choose_library(self) -> None:
        from ui.first_run.profile_dialog import _choose_folder

        start = self.session.library_root() or self.session.target_root()
        chosen = _choose_folder(self, start)
        if chosen is not None:
            self.banner.hide()
            self.session.change_library(chosen)

    def on_session_index_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status_label.setText("Checking the library for changes…")

    def on_session_index_progressed(self, progress: IndexProgress) -> None:
        words = PHASE_WORDS.get(progress.phase, progress.phase.capitalize())
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
            name = Path(progress.current).name if progress.current else ""
            where = f" · {name}" if name else ""
            self.status_label.setText(f"{words} {progress.done} of {progress.total} files{where}")
        else:
            self.status_label.setText(f"{words}…")

    def on_session_index_finished(self, summary: IndexSummary) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        root = self.session.library_root()
        parts = []
        if summary.cancelled:
            parts.append("Indexing stopped; what was done is kept")
        elif summary.changed:
            parts.append(
                f"Library updated ({summary.added} new, {summary.updated} changed, {summary.removed} removed)"
            )
        else:
            parts.append("Library up to date")
        if summary.problems:
            count = len(summary.problems)
            parts.append(f"{count} file{'s' if count != 1 else ''} could not be indexed")
            self.status_label.setToolTip(
                "\n".join(f"{path}: {reason}" for path, reason in sorted(summary.problems.items())[:20])
            )
        if root is not None:
            parts.append(f"watching {root}" if self.session.watching else f"{root} (not watched for changes)")
        self.status_label.setText(" · ".join(parts))
        if summary.changed and self.preview.isVisible() and self.preview.card is not None:
            self._check_previewed_file()

    def on_session_index_failed(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.status_label.setText(message[:1].upper() + message[1:])

    def on_session_library_changed(self) -> None:
        self.search.run_now()
        self.onboarding.on_library_changed()
        self._count_expiring()

    def _count_expiring(self) -> None:
        """A marketer sees on the Marketing switch how many approved assets expire soon, from either view:
        the Library page, where they are approved for longer, is read only when it shows."""
        workspace = self.session.workspace
        if workspace is None or not self.marketing.available:
            return
        self.tasks.run(
            lambda: workspace.governed_assets().expiring,
            on_success=self.on_marketing_view_expiring_read,
            on_failure=lambda error: log.warning("counting the assets that expire soon failed: %s", error),
        )

    def on_marketing_view_expiring_read(self, expiring: tuple[GovernedAsset, ...]) -> None:
        self.view_switch.set_reminder(MARKETING_VIEW, expiry_reminder(expiring))
        self.expiring_shown.emit(len(expiring))

    def on_session_folder_missing(self, folder: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.show_banner(
            f"The collateral folder {folder} cannot be found. If it is on a network drive, connect to it; "
            "otherwise choose the folder marketing shares.",
            button="Choose folder…",
        )
        self.status_label.setText("No collateral folder")
        if self.results.rowCount() == 0:
            self.summary_label.setText("No library yet")

    def on_cancel_button_clicked(self) -> None:
        self.session.cancel_indexing()
        self.status_label.setText("Stopping after the current file…")

    def show_banner(self, message: str, *, button: str | None) -> None:
        self.banner_label.setText(message)
        self.banner_button.setVisible(button is not None)
        if button:
            self.banner_button.setText(button)
        self.banner.show()

    # -- searching -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.views.currentWidget() is not self.search_page:
            self.show_view(SEARCH_VIEW)
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def on_search_box_text_changed(self, text: str) -> None:
        self.search.set_text(text)

    def on_facets_filters_changed(self) -> None:
        self.clear_filters_button.setEnabled(bool(self.facets.filters()))
        self.search.run_now()

    def on_suggestion_link_activated(self, link: str) -> None:
        if link.startswith("search:"):
            self.search_box.setText(link.removeprefix("search:"))
            self.search.run_now()
        elif link == "clear-filters":
            self.facets.clear_filters()

    def on_search_failed(self, message: str) -> None:
        self.summary_label.setText(message)

    def on_search_results_shown(self, view: SearchView | HomeView) -> None:
        self.results.set_rows(view.rows)
        self.suggestion_label.hide()
        shelf_note = self.top_rep_keeper.show(view)
        if shelf_note:
            self.suggestion_label.setText(shelf_note)
            self.suggestion_label.show()
        if isinstance(view, HomeView):
            self.facets.set_counts(view.facet_counts)
            self.facet_view.expandAll()
            if view.visible_assets:
                self.summary_label.setText(
                    f"{view.visible_assets} approved assets. Start typing to search them all."
                )
                self.result_stack.setCurrentWidget(self.result_view)
            elif self.session.indexing:
                self.summary_label.setText("")
                self._show_empty(
                    "<h3>Reading the library…</h3>"
                    "<p>Assets appear here as soon as they are indexed; you can type a search already.</p>"
                )
            else:
                self.summary_label.setText("")
                self._show_empty(
                    "<h3>No approved assets yet</h3>"
                    "<p>When marketing approves collateral in the library folder, it appears here.</p>"
                )
            return
        results = view.results
        self.facets.set_counts(results.facet_counts)
        self.facet_view.expandAll()
        query = results.query
        shown = len(view.rows)
        if results.total_assets:
            total = results.total_assets
            noun = "asset" if total == 1 else "assets"
            where = f" for {_quote(query)}" if query else ""
            more = f", showing the best {shown}" if total > shown else ""
            self.summary_label.setText(f"{total} {noun}{where}{more}")
            self.result_stack.setCurrentWidget(self.result_view)
            self.result_view.setCurrentIndex(self.results.index(0))
        else:
            self.summary_label.setText("No results")
            tips = ["<p>Marketing sees searches that find nothing, so they know what to make next.</p>"]
            if results.filters:
                tips.insert(0, '<p>Filters are on: <a href="clear-filters">clear the filters</a>.</p>')
            what = f"matches {_quote(query)}" if query else "matches these filters"
            self._show_empty(f"<h3>No approved asset {what}</h3>{''.join(tips)}")
        notes = []
        if results.suggestion:
            notes.append(
                f'Did you mean <a href="search:{results.suggestion}"><b>{results.suggestion}</b></a>?'
            )
        if len(self.search.text) > MAX_QUERY_CHARS:
            notes.append(f"Only the first {MAX_QUERY_CHARS} characters were searched.")
        elif results.fell_back:
            notes.append("Searched for the words only: the operators in the query did not make sense.")
        if view.sort_note:
            notes.append(f"{view.sort_note}.")
        if notes:
            self.suggestion_label.setText(" ".join(notes))
            self.suggestion_label.show()

    def _show_empty(self, html_text: str) -> None:
        self.empty_label.setText(html_text)
        self.result_stack.setCurrentWidget(self.empty_label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if watched is self.search_box:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                    self.move_selection(key)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                    self.search.run_now() if self.results.rowCount() == 0 else self.preview_current()
                    return True
            elif watched is self.result_view:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                    self.preview_current()
                    return True
                if (
                    event.text()
                    and event.text().isprintable()
                    and not event.modifiers()
                    & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
                ):
                    self.search_box.setFocus()
                    self.search_box.insert(event.text())
                    return True
        return super().eventFilter(watched, event)

    def move_selection(self, key: int) -> None:
        count = self.results.rowCount()
        if not count:
            return
        current = self.result_view.currentIndex().row()
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}[
            Qt.Key(key)
        ]
        row = 0 if current < 0 else max(0, min(count - 1, current + step))
        index = self.results.index(row)
        self.result_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.result_view.scrollTo(index)

    def current_row(self) -> tuple[int, ResultRow] | None:
        index = self.result_view.currentIndex()
        row = self.results.row_at(index.row()) if index.isValid() else None
        return (index.row(), row) if row is not None else None

    def on_escape(self) -> None:
        """Esc closes the preview first, then clears the search, then the filters."""
        if self.views.currentWidget() is not self.search_page:
            return
        if self.preview.isVisible():
            self.preview.close_preview()
            self.result_view.setFocus()
            return
        self.rate_prompt.hide()
        if self.search_box.text():
            self.search.finish()
            self.search_box.clear()
        elif self.facets.filters():
            self.facets.clear_filters()
        self.focus_search()

    # -- top reps' signals ------------------------------------------------------------------------

    def open_call_prep(self) -> None:
        """Call prep, from the header's button or Ctrl+P: one dialog, kept while the window lives."""
        from ui.call_prep.call_prep_dialog import CallPrepDialog

        if self.session.workspace is None or self.views.currentWidget() is not self.search_page:
            return
        if self.call_prep_dialog is None:
            self.call_prep_dialog = CallPrepDialog(self.session, self.tasks, self)
            self.call_prep_dialog.page_requested.connect(self.on_call_prep_dialog_page_requested)
        self.call_prep_dialog.load()
        if self.call_prep_dialog.isVisible():  # behind the window: bring it back
            self.call_prep_dialog.raise_()
            self.call_prep_dialog.activateWindow()
        else:
            self.call_prep_dialog.show()

    def on_call_prep_dialog_page_requested(self, card: AssetCard, page: int) -> None:
        self.preview_asset(card, page)

    def preview_asset(self, card: AssetCard, page: int | None = None) -> bool:
        """Preview ``card`` at ``page`` from outside the results (a best page from call prep, an item of
        My onboarding), recorded as an open like any other; False when its file cannot be found."""
        path = self._path_of(card)
        if path is None:
            return False
        self.show_view(SEARCH_VIEW)
        self._record(lambda recorder: recorder.record_open(card.id, card.version, target="preview"))
        self.rate_prompt.hide()
        self.preview.show()
        self.preview.show_asset(card, path, (), "", None, page=page)
        session = self.session

        def show(figures: CardFigures | None) -> None:
            if self.preview.card is not None and self.preview.card.id == card.id:
                self.preview.set_figures(figures)

        self.tasks.run(lambda: session.figures_of([card.id]).get(card.id), on_success=show, lane="search")
        return True

    # -- opening and previewing -------------------------------------------------------------------

    def on_result_view_activated(self, index: QModelIndex) -> None:
        self.result_view.setCurrentIndex(index)
        self.preview_current()

    def preview_current(self) -> None:
        current = self.current_row()
        if current is None:
            return
        rank, row = current
        card = row.card
        path = self._path_of(card)
        if path is None:
            return
        self.search.result_opened(rank + 1, card.id, card.version)
        self._record(lambda recorder: recorder.record_open(card.id, card.version, target="preview"))
        self.onboarding.on_result_previewed()
        self.rate_prompt.hide()
        self.preview.show()
        self.preview.show_asset(card, path, row.pages, self.search.text, row.figures)

    def open_current_file(self) -> None:
        if (
            self.preview.isVisible()
            and self.preview.card is not None
            and self.preview.isAncestorOf(self.focusWidget())
        ):
            self.open_file(self.preview.card)
            return
        current = self.current_row()
        if current is not None:
            rank, row = current
            self.search.result_opened(rank + 1, row.card.id, row.card.version)
            self.open_file(row.card)

    def open_file(self, card: AssetCard) -> None:
        path = self._path_of(card)
        if path is None:
            return
        try:
            self.desktop.open_file(path)
        except ShareError as error:
            self.tell(str(error))
            return
        self._record(lambda recorder: recorder.record_open(card.id, card.version, target="file"))
        self.tell(f"Opened {card.title}")

    def on_preview_reveal_requested(self, card: AssetCard) -> None:
        path = self._path_of(card)
        if path is not None:
            try:
                self.desktop.reveal(path)
            except ShareError as error:
                self.tell(str(error))

    def on_preview_closed(self, card: AssetCard) -> None:
        self.preview.hide()
        self.result_view.setFocus()
        self._ask_rating(card)
        self.onboarding.on_preview_closed()

    def on_preview_page_viewed(self, card: AssetCard, page: int, dwell_ms: int) -> None:
        self._record(lambda recorder: recorder.record_page_view(card.id, card.version, page, dwell_ms))
        self.onboarding.on_page_viewed()

    def _path_of(self, card: AssetCard) -> Path | None:
        root = self.session.library_root()
        if root is None:
            self.tell("No collateral folder is set")
            return None
        return root / card.path

    def _check_previewed_file(self) -> None:
        card = self.preview.card
        if card is not None:
            path = self._path_of(card)
            if path is not None and not path.exists():
                self.preview.file_removed()

    # -- sharing ---------------------------------------------------------------------------------

    def share(self, card: AssetCard, channel: str) -> None:
        path = self._path_of(card)
        workspace = self.session.workspace
        if path is None or workspace is None:
            return
        try:
            if channel == "clipboard":
                self.desktop.copy_file_to_clipboard(path)
                self._shared(
                    card, channel, f"{card.title} is on the clipboard: paste it into a chat or an e-mail"
                )
            elif channel == "saved_copy":
                target = self.desktop.copy_target(path, self)
                if target is None:
                    return
                self.tell(f"Saving a copy of {card.title}…")
                self.tasks.run(
                    lambda: self.desktop.copy_file(path, target),
                    on_success=lambda saved: self._shared(card, channel, f"Saved a copy as {saved}"),
                    on_failure=lambda error: self.tell(str(error)),
                )
            elif channel == "email":
                link = workspace.share_link(card.path)
                signature = self.session.profile.name if self.session.profile else ""
                self.desktop.email_link(card.title, link, signature)
                self._shared(card, channel, "E-mail draft opened with the asset's link")
            elif channel == "link":
                self.desktop.copy_text(workspace.share_link(card.path))
                self._shared(card, channel, f"Link to {card.title} copied")
        except ShareError as error:
            self.tell(str(error)[:1].upper() + str(error)[1:])

    def _shared(self, card: AssetCard, channel: str, message: str) -> None:
        self._record(lambda recorder: recorder.record_share(card.id, card.version, channel))
        self.tell(message)
        self.share_finished.emit(card.id, channel)

    # -- rating ----------------------------------------------------------------------------------

    def _ask_rating(self, card: AssetCard) -> None:
        current = self._my_rating(card.id)
        self.rate_prompt.ask(card, card.title, current.stars if current else 0)

    def _my_rating(self, asset_id: str) -> RatingChoice | None:
        from enablement_app.usage.queries import my_rating

        workspace, profile = self.session.workspace, self.session.profile
        if workspace is None or profile is None:
            return None
        found = my_rating(workspace.store, profile.rep_id, asset_id)
        return RatingChoice(found.stars, found.comment, found.used_in_deal) if found else None

    def rate(self, card: AssetCard) -> None:
        self.rate_prompt.hide()
        dialog = RatingDialog(card.title, self._my_rating(card.id), self)
        if dialog.exec():
            self.save_rating(card, dialog.choice())

    def save_rating(self, card: AssetCard, choice: RatingChoice) -> None:
        self._record(
            lambda recorder: recorder.record_rating(
                card.id, card.version, choice.stars, choice.comment, choice.used_in_deal
            )
        )
        self.tell(f"Thanks: you rated {card.title} {choice.stars} out of 5")
        recorder = self.session.recorder
        session = self.session

        def refreshed() -> CardFigures | None:
            if recorder is not None:
                recorder.flush(5.0)
            return session.figures_of([card.id]).get(card.id)

        def show(figures: CardFigures | None) -> None:
            self.results.update_figures(card.id, figures)
            if self.preview.card is not None and self.preview.card.id == card.id:
                self.preview.set_figures(figures)
            self.rating_saved.emit(card.id, choice.stars)

        self.tasks.run(refreshed, on_success=show)

    def on_result_view_context_menu(self, position: QPoint) -> None:
        index = self.result_view.indexAt(position)
        row = self.results.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        self.result_view.setCurrentIndex(index)
        self.result_menu(row.card).popup(self.result_view.viewport().mapToGlobal(position))

    def result_menu(self, card: AssetCard) -> QMenu:
        """What a rep can do with a result without previewing it, rating in one click included."""
        menu = QMenu(self)
        entries: list[tuple[str, Callable[[], object]]] = [
            ("Preview\tEnter", self.preview_current),
            ("Open\tCtrl+Enter", lambda: self.open_file(card)),
            ("Copy the file", lambda: self.share(card, "clipboard")),
            ("Save a copy…", lambda: self.share(card, "saved_copy")),
            ("E-mail a link…", lambda: self.share(card, "email")),
            ("Copy link", lambda: self.share(card, "link")),
        ]
        for text, slot in entries:
            menu.addAction(text).triggered.connect(slot)
        rate = menu.addMenu("How useful was this?")
        current = self._my_rating(card.id)
        for stars in range(5, 0, -1):
            action = rate.addAction(f"{'★' * stars}{'☆' * (5 - stars)}  {STAR_LABELS[stars]}")
            action.setCheckable(True)
            action.setChecked(current is not None and current.stars == stars)
            action.triggered.connect(
                lambda _=False, stars=stars: self.save_rating(
                    card,
                    RatingChoice(
                        stars, current.comment if current else "", bool(current and current.used_in_deal)
                    ),
                )
            )
        rate.addSeparator()
        rate.addAction("With a comment…").triggered.connect(lambda: self.rate(card))
        return menu

    # -- helpers ---------------------------------------------------------------------------------

    def _record(self, record: Callable[[UsageRecorder], object]) -> None:
        recorder = self.session.recorder
        if recorder is None:
            return
        try:
            record(recorder)
        except (ValueError, RuntimeError) as error:  # recording must never break what the rep is doing
            log.error("could not record usage: %s", error)

    def tell(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_SECONDS * 1000)

    def show_about(self) -> None:
        from ui.about_dialog import AboutDialog

        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self.session, self.tasks, self)
        self.about_dialog.refresh()
        self.about_dialog.show()
        self.about_dialog.activateWindow()

    def copy_diagnostics(self) -> None:
        from ui.about_dialog import copy_diagnostics

        copy_diagnostics(
            self.session,
            self.tasks,
            on_copied=lambda _text: self.tell("Diagnostics copied: paste them into your message to support"),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync.stop()
        self.marketing.stop()
        self.onboarding.stop()
        if self.marketing_view is not None:
            self.marketing_view.stop()
        self.search.finish()
        self.preview.leave_page()
        self.session.close()
        self.renderer.close()
        if self.marketing_view is not None:
            self.marketing_view.release()
        super().closeEvent(event)


__all__ = ["MainWindow"]
